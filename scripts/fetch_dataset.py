from finstep import pipeline
from finstep.benchmarks.hub_data import fetch_dataset

dataset = snakemake.params.dataset

pipeline.run(
    fetch_dataset,
    snakemake.log[0],
    dataset=dataset["dataset"],
    revision=dataset["revision"],
    cache_dir=snakemake.params.cache_dir,
    out=snakemake.output[0],
)
