from finstep import ingest, pipeline
from finstep.sources.params import job_source_options

pipeline.run(
    ingest.fetch_filing,
    snakemake.log[0],
    source_options=job_source_options(snakemake.params.source, snakemake.config["source"]),
    ref=snakemake.params.ref,
    out=snakemake.output[0],
)
