from finstep import pipeline
from finstep.datasets.predicted import share_predictions

pipeline.run(
    share_predictions,
    snakemake.log[0],
    source=snakemake.input.base,
    test_path=snakemake.input.test,
    out=snakemake.output[0],
)
