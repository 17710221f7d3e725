from finstep import ingest, pipeline

pipeline.run(
    ingest.extract_filing,
    snakemake.log[0],
    doc=snakemake.input.doc,
    meta=snakemake.input.meta,
    out=snakemake.output[0],
)
