from pathlib import Path

from finstep.training import distributed

# One process, or the student's `gpu` ranks under `accelerate launch` (finstep.training.distributed).
distributed.launch(
    "finstep.training.dpo:train_dpo",
    snakemake.log[0],
    snakemake.params.hub_cache,
    snakemake.wildcards.student,
    threads=snakemake.threads,
    student=snakemake.params.student,
    dataset=snakemake.wildcards.dataset,
    sft_dir=str(Path(snakemake.input.sft_run).parent),
    preferences_dir=str(Path(snakemake.input.pairs).parent),
    training=snakemake.params.training,
    out_dir=str(Path(snakemake.output.run).parent),
    checkpoint_dir=snakemake.params.checkpoint_dir,
)
