from finstep import pipeline
from finstep.datasets.sweep import subsample

pipeline.run(
    subsample,
    snakemake.log[0],
    base_dir=snakemake.params.base_dir,
    fraction=snakemake.params.fraction,
    seed=snakemake.params.seed,
    outputs=dict(snakemake.output.items()),
)
