from pathlib import Path

from finstep import pipeline
from finstep.training.adapter_check import write_adapter_check

pipeline.run(
    write_adapter_check,
    snakemake.log[0],
    adapter_dir=str(Path(snakemake.input.run).parent),
    out=snakemake.output[0],
)
