from pathlib import Path

from finstep.models import hub

student = snakemake.params.student

hub.run_offline(
    "finstep.training.dpo:train_dpo",
    snakemake.log[0],
    snakemake.params.hub_cache,
    student["model"],
    student.get("revision"),
    threads=snakemake.threads,
    student=student,
    dataset=snakemake.wildcards.dataset,
    sft_dir=str(Path(snakemake.input.sft_run).parent),
    preferences_dir=str(Path(snakemake.input.pairs).parent),
    training=snakemake.params.training,
    out_dir=str(Path(snakemake.output.run).parent),
    checkpoint_dir=snakemake.params.checkpoint_dir,
)
