from finstep import pipeline
from finstep.models.gguf import convert

pipeline.run(
    convert,
    snakemake.log[0],
    entry=snakemake.params.entry,
    source=snakemake.input.source,
    out_dir=snakemake.output[0],
)
