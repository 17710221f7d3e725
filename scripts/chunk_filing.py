from finstep import chunking, pipeline

pipeline.run(
    chunking.chunk_one,
    snakemake.log[0],
    text=snakemake.input.text,
    meta=snakemake.input.meta,
    out=snakemake.output[0],
    chunking=snakemake.params.chunking,
)
