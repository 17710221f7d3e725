from finstep import chunking, pipeline

pipeline.run(
    chunking.gather_chunks,
    snakemake.log[0],
    paths=list(snakemake.input.chunks),
    out=snakemake.output[0],
    chunking=snakemake.params.chunking,
)
