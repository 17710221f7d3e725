from finstep import pipeline

pipeline.run(
    pipeline.gather_chunks,
    snakemake.log[0],
    paths=list(snakemake.input),
    out=snakemake.output[0],
    chunking=snakemake.params.chunking,
)
