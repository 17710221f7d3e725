# Teachers compared by the students they make (teacher_comparison in config): each teacher's
# own answers, and the students trained on each teacher's dataset scored against every
# teacher's summaries on one common test set, beside the benchmarks (finstep.teacher_comparison).


rule teacher_comparison:
    input:
        unpack(comparison_inputs),
    output:
        json=COMPARISON_OUTPUTS["json"],
        table_md=report(
            COMPARISON_OUTPUTS["table_md"],
            caption="../report/teacher_comparison.rst",
            category="Tables",
        ),
        table_csv=COMPARISON_OUTPUTS["table_csv"],
        png=report(
            COMPARISON_OUTPUTS["png"],
            caption="../report/teacher_comparison.rst",
            category="Figures",
        ),
        pdf=COMPARISON_OUTPUTS["pdf"],
    log:
        "logs/teacher_comparison.log",
    params:
        comparison=COMPARISON,
        bootstrap=config["evaluation"]["bootstrap"],
    # Fails only on its input (too few common rows): a retry would repeat the error.
    retries: 0
    resources:
        mem_mb=4000,
        runtime=30,
    conda:
        "../envs/plots.yaml"
    script:
        "../scripts/teacher_comparison.py"
