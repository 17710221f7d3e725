from pathlib import Path

from finstep.models import hub

adapter = snakemake.input.get("adapter")  # absent when the base model's answers are rejected
student = snakemake.params.student

hub.run_offline(
    "finstep.training.preferences:build_preferences",
    snakemake.log[0],
    snakemake.params.hub_cache,
    student["model"],
    student.get("revision"),
    threads=snakemake.threads,
    student=student,
    adapter_dir=str(Path(adapter).parent) if adapter else None,
    dataset_dir=str(Path(snakemake.input.train).parent),
    out_dir=str(Path(snakemake.output.train).parent),
    preferences=snakemake.params.preferences,
    quality=snakemake.params.quality,
    max_new_tokens=snakemake.params.max_new_tokens,
    max_length=snakemake.params.max_length,
    max_truncated_share=snakemake.params.max_truncated_share,
    triplets=snakemake.input.get("triplets"),  # a distillation set's chunks, for the teacher quality checks
    accuracy_rel_tol=snakemake.params.accuracy_rel_tol,
    rejected_triplets=snakemake.input.get("rejected_triplets"),  # rejected: teacher:<name>
)
