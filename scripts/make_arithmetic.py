from finstep import arithmetic, pipeline

pipeline.run(
    arithmetic.write_set,
    snakemake.log[0],
    out=snakemake.output[0],
    n=snakemake.params.n,
    seed=snakemake.params.seed,
)
