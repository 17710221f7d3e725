from finstep.models import hub
from finstep.teacher.config import hub_model, job_options

options = job_options(snakemake.params.options, snakemake.config.get("teachers"), snakemake.params.name)
model, revision = hub_model(options)

hub.run_offline(
    "finstep.teacher.runner:run_shard",
    snakemake.log[0],
    snakemake.params.hub_cache,
    model,
    revision,
    threads=snakemake.threads,
    chunks_path=snakemake.input.chunks,
    shard=int(snakemake.wildcards.shard),
    shards=int(options["shards"]),
    name=snakemake.params.name,
    options=options,
    out=snakemake.output[0],
)
