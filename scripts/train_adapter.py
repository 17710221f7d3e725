from pathlib import Path

from finstep.models import hub

dataset_dir = Path(snakemake.input.train).parent
student = snakemake.params.student

hub.run_offline(
    "finstep.training.train:train_adapter",
    snakemake.log[0],
    snakemake.params.hub_cache,
    student["model"],
    student.get("revision"),
    threads=snakemake.threads,
    student=student,
    dataset=dataset_dir.name,
    dataset_dir=str(dataset_dir),
    training=snakemake.params.training,
    out_dir=str(Path(snakemake.output.run).parent),
    checkpoint_dir=snakemake.params.checkpoint_dir,
)
