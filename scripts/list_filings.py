from finstep import ingest, pipeline

pipeline.run(
    ingest.list_filings,
    snakemake.log[0],
    source_options=snakemake.params.source,
    ticker=snakemake.wildcards.ticker,
    out=snakemake.output[0],
)
