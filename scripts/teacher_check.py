from finstep import pipeline
from finstep.teacher import runner

pipeline.run(
    runner.check,
    snakemake.log[0],
    stats_path=snakemake.input.stats,
    name=snakemake.params.name,
    min_valid_rate=float(snakemake.params.min_valid_rate),
    out=snakemake.output[0],
)
