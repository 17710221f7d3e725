from pathlib import Path

from finstep.training import distributed

dataset_dir = Path(snakemake.input.train).parent

# One process, or the student's `gpu` ranks under `accelerate launch` (finstep.training.distributed).
distributed.launch(
    "finstep.training.train:train_adapter",
    snakemake.log[0],
    snakemake.params.hub_cache,
    snakemake.wildcards.student,
    threads=snakemake.threads,
    student=snakemake.params.student,
    dataset=dataset_dir.name,
    dataset_dir=str(dataset_dir),
    training=snakemake.params.training,
    out_dir=str(Path(snakemake.output.run).parent),
    checkpoint_dir=snakemake.params.checkpoint_dir,
)
