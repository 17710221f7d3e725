from finstep import pipeline
from finstep.evaluation.figures import make_figures

pipeline.run(
    make_figures,
    snakemake.log[0],
    metrics_paths=list(snakemake.input.metrics),
    train_logs=dict(zip(snakemake.params.pairs, snakemake.input.train_logs, strict=True)),
    teacher_stats=dict(zip(snakemake.params.teachers, snakemake.input.teacher_stats, strict=True)),
    sweep=snakemake.params.sweep,
    outputs=dict(snakemake.output.items()),
    # The DPO stages' training logs, where the config has any (the dpo figure).
    dpo_logs=dict(
        zip(snakemake.params.get("dpo_pairs", []), snakemake.input.get("dpo_logs", []), strict=True)
    ),
)
