from finstep import pipeline
from finstep.evaluation.score import score_pair

pipeline.run(
    score_pair,
    snakemake.log[0],
    student=snakemake.wildcards.student,
    dataset=snakemake.wildcards.dataset,
    info_path=snakemake.input.info,
    test_path=snakemake.input.test,
    predictions={"base": snakemake.input.base, "tuned": snakemake.input.tuned},
    triplets_path=snakemake.input.get("triplets"),  # distillation sets: the chunks, for faithfulness
    options=snakemake.params.evaluation,
    prediction=snakemake.params.prediction,
    out=snakemake.output[0],
)
