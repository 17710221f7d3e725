from pathlib import Path

from finstep import pipeline
from finstep.training.train import train_adapter

dataset_dir = Path(snakemake.input.train).parent

pipeline.run(
    train_adapter,
    snakemake.log[0],
    student=snakemake.params.student,
    dataset=dataset_dir.name,
    dataset_dir=str(dataset_dir),
    training=snakemake.params.training,
    out_dir=str(Path(snakemake.output.run).parent),
    checkpoint_dir=snakemake.params.checkpoint_dir,
)
