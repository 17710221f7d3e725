from pathlib import Path

from finstep.models import hub

adapter = snakemake.input.get("adapter")  # absent for the base model
student = snakemake.params.student

hub.run_offline(
    "finstep.benchmarks.protocols:predict_benchmark",
    snakemake.log[0],
    snakemake.params.hub_cache,
    student["model"],
    student.get("revision"),
    threads=snakemake.threads,
    student=student,
    adapter_dir=str(Path(adapter).parent) if adapter else None,
    rows_path=snakemake.input.rows,
    protocol=snakemake.params.protocol,
    out=snakemake.output[0],
    max_new_tokens=snakemake.params.max_new_tokens,
    batch_size=snakemake.params.batch_size,
    max_truncated_share=snakemake.params.max_truncated_share,
)
