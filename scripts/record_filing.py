from finstep import ingest, pipeline

pipeline.run(
    ingest.record_filing,
    snakemake.log[0],
    ref=snakemake.params.ref,
    doc=snakemake.input[0],
    out=snakemake.output[0],
)
