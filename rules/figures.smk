# Figures and tables of the paper, from existing metrics, training logs and
# teacher statistics; `snakemake figures --allowed-rules figures` rebuilds them
# without ever starting upstream (GPU) jobs, or stops naming the inputs that are missing.

from finstep.evaluation.figures import redraw_inputs

# Which rule makes each input of rule figures.
FIGURE_PRODUCERS = {
    "metrics": "score",
    "train_logs": "train",
    "teacher_stats": "teacher_gather",
    "dpo_logs": "dpo",
}
FIGURE_INPUTS = {
    "metrics": metrics_files(),
    "train_logs": train_logs(),
    "teacher_stats": expand("results/teacher/{teacher}/stats.json", teacher=TEACHERS),
    # The DPO stages' training logs (none without dpo.pairs).
    "dpo_logs": dpo_train_logs(),
}


rule figures:
    input:
        # In a redraw they must exist: Snakemake would still make a missing one (redraw_inputs).
        unpack(lambda wildcards: checked(redraw_inputs, FIGURE_INPUTS, FIGURE_PRODUCERS, workflow)),
    output:
        **sweep_figure_outputs(),
        **dpo_figure_outputs(),
        rouge_png=report(
            "results/figures/rouge.png",
            caption="../report/rouge.rst",
            category="Figures",
        ),
        rouge_pdf="results/figures/rouge.pdf",
        quality_png=report(
            "results/figures/quality.png",
            caption="../report/quality.rst",
            category="Figures",
        ),
        quality_pdf="results/figures/quality.pdf",
        loss_png=report(
            "results/figures/loss.png",
            caption="../report/loss.rst",
            category="Figures",
        ),
        loss_pdf="results/figures/loss.pdf",
        teacher_png=report(
            "results/figures/teacher.png",
            caption="../report/teacher.rst",
            category="Figures",
        ),
        teacher_pdf="results/figures/teacher.pdf",
        table_md=report(
            "results/tables/main.md",
            caption="../report/table.rst",
            category="Tables",
        ),
        table_tex="results/tables/main.tex",
        examples_md=report(
            "results/tables/examples.md",
            caption="../report/examples.rst",
            category="Tables",
        ),
    log:
        "logs/figures.log",
    params:
        **dpo_figure_params(),
        pairs=[f"{student}/{dataset}" for student, dataset in PAIRS],
        teachers=list(TEACHERS),
        sweep=SWEEP,
    # Fails only on its input (bad records, a low valid rate): a retry would repeat the error.
    retries: 0
    resources:
        mem_mb=4000,
        runtime=30,
    conda:
        "../envs/plots.yaml"
    script:
        "../scripts/make_figures.py"
