from finstep import pipeline
from finstep.teacher import runner

pipeline.run(
    runner.gather,
    snakemake.log[0],
    chunks_path=snakemake.input.chunks,
    shard_paths=list(snakemake.input.shards),
    triplets=snakemake.output.triplets,
    rejects=snakemake.output.rejects,
    stats_path=snakemake.output.stats,
    max_chunks=snakemake.params.max_chunks,
)
