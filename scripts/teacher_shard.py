from finstep.models import hub

options = snakemake.params.options

hub.run_offline(
    "finstep.teacher.runner:run_shard",
    snakemake.log[0],
    snakemake.params.hub_cache,
    str(options.get("model") or ""),
    options.get("revision"),
    threads=snakemake.threads,
    chunks_path=snakemake.input.chunks,
    shard=int(snakemake.wildcards.shard),
    shards=int(options["shards"]),
    name=snakemake.params.name,
    options=options,
    out=snakemake.output[0],
)
