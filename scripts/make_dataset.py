from finstep import pipeline
from finstep.datasets.build import build_dataset

pipeline.run(
    build_dataset,
    snakemake.log[0],
    name=snakemake.wildcards.dataset,
    options=snakemake.params.options,
    source=snakemake.input.source,
    outputs={key: snakemake.output[key] for key in ("train", "val", "test", "info")},
)
