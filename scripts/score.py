from finstep import pipeline
from finstep.evaluation.score import score_pair

# A pair with a DPO stage scores its DPO adapter's predictions too, and its held-out pairs (run.json).
dpo = {"dpo": snakemake.input.get("dpo")} if snakemake.input.get("dpo") else {}

pipeline.run(
    score_pair,
    snakemake.log[0],
    student=snakemake.wildcards.student,
    dataset=snakemake.wildcards.dataset,
    info_path=snakemake.input.info,
    test_path=snakemake.input.test,
    predictions={"base": snakemake.input.base, "tuned": snakemake.input.tuned, **dpo},
    triplets_path=snakemake.input.get("triplets"),  # distillation sets: the chunks, for faithfulness
    options=snakemake.params.evaluation,
    prediction=snakemake.params.prediction,
    dpo_run=snakemake.input.get("dpo_run"),
    out=snakemake.output[0],
)
