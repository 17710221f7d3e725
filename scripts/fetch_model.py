from finstep import pipeline
from finstep.models.hub import fetch

model = snakemake.params.model

pipeline.run(
    fetch,
    snakemake.log[0],
    model=model["model"],
    revision=model["revision"],
    cache_dir=snakemake.params.cache_dir,
    out=snakemake.output[0],
)
