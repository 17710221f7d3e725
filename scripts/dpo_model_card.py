from finstep import pipeline
from finstep.evaluation.model_card import write_dpo_model_card

pipeline.run(
    write_dpo_model_card,
    snakemake.log[0],
    run_path=snakemake.input.run,
    preferences_path=snakemake.input.preferences,
    metrics_path=snakemake.input.metrics,
    out=snakemake.output[0],
    benchmark_paths=list(snakemake.input.benchmarks),
)
