from finstep import pipeline
from finstep.datasets import arithmetic

pipeline.run(
    arithmetic.write_set,
    snakemake.log[0],
    out=snakemake.output[0],
    n=snakemake.params.n,
    seed=snakemake.params.seed,
)
