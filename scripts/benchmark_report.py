from finstep import pipeline
from finstep.benchmarks.report import write_report

pipeline.run(
    write_report,
    snakemake.log[0],
    score_paths=list(snakemake.input.scores),
    anchors_path=snakemake.input.anchors,
    markdown=snakemake.output.table_md,
    latex=snakemake.output.table_tex,
    figures=[snakemake.output.figure_png, snakemake.output.figure_pdf],
)
