from finstep import pipeline
from finstep.teacher import runner

pipeline.run(
    runner.run_shard,
    snakemake.log[0],
    chunks_path=snakemake.input.chunks,
    shard=int(snakemake.wildcards.shard),
    shards=int(snakemake.params.shards),
    name=snakemake.params.name,
    options=snakemake.params.options,
    out=snakemake.output[0],
)
