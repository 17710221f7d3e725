from finstep import ingest, pipeline
from finstep.sources.params import job_source_options

pipeline.run(
    ingest.list_filings,
    snakemake.log[0],
    source_options=job_source_options(snakemake.params.source, snakemake.config["source"]),
    ticker=snakemake.wildcards.ticker,
    out=snakemake.output[0],
)
