from finstep import pipeline
from finstep.benchmarks.score_job import score_student

pipeline.run(
    score_student,
    snakemake.log[0],
    benchmark=snakemake.wildcards.benchmark,
    student=snakemake.wildcards.student,
    options=snakemake.params.options,
    rows_path=snakemake.input.rows,
    rows_info_path=snakemake.input.info,
    predictions=snakemake.params.predictions,
    bootstrap=snakemake.params.bootstrap,
    samples=snakemake.params.samples,
    out=snakemake.output[0],
)
