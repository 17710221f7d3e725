from finstep import ingest, pipeline

pipeline.run(
    ingest.fetch_filing,
    snakemake.log[0],
    source_options=snakemake.params.source,
    ref=snakemake.params.ref,
    out=snakemake.output[0],
)
