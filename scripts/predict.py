from pathlib import Path

from finstep.models import hub

adapter = snakemake.input.get("adapter")  # absent for the base model
student = snakemake.params.student

hub.run_offline(
    "finstep.training.predict:predict",
    snakemake.log[0],
    snakemake.params.hub_cache,
    student["model"],
    student.get("revision"),
    threads=snakemake.threads,
    student=student,
    adapter_dir=str(Path(adapter).parent) if adapter else None,
    test_path=snakemake.input.test,
    out=snakemake.output[0],
    max_new_tokens=snakemake.params.prediction["max_new_tokens"],
    max_examples=snakemake.params.prediction["max_examples"],
    seed=snakemake.params.prediction["seed"],
    max_length=snakemake.params.max_length,
    max_truncated_share=snakemake.params.max_truncated_share,
)
