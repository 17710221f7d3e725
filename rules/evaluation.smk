# Evaluation: each pair's base and tuned predictions scored side by side (the
# guards stop the job on evaluation bugs), all pairs in one table, and the
# adapters' model cards completed with their metrics.


rule score:
    input:
        unpack(score_inputs),
    output:
        "results/metrics/{student}/{dataset}.json",
    log:
        "logs/score/{student}/{dataset}.log",
    params:
        evaluation=config["evaluation"],
        # Which test rows predict drew (max_examples, seed): the same draw here.
        prediction=lambda wildcards: prediction_settings(wildcards.student, wildcards.dataset),
    resources:
        mem_mb=4000,
        runtime=30,
    conda:
        "../envs/eval.yaml"
    script:
        "../scripts/score.py"


rule metrics_summary:
    input:
        metrics_files(),
    output:
        report(
            "results/metrics/summary.csv",
            caption="../report/summary.rst",
            category="Tables",
        ),
    log:
        "logs/metrics_summary.log",
    # Fails only on its input (bad records, a low valid rate): a retry would repeat the error.
    retries: 0
    conda:
        "../envs/eval.yaml"
    script:
        "../scripts/metrics_summary.py"


rule model_card:
    input:
        run="results/adapters/{student}/{dataset}/run.json",
        split="results/datasets/{dataset}/split.json",
        metrics="results/metrics/{student}/{dataset}.json",
        # The student's standard-benchmark scores, where benchmarks are configured.
        benchmarks=lambda wildcards: benchmark_score_files(wildcards.student),
    output:
        "results/adapters/{student}/{dataset}/README.md",
    log:
        "logs/model_card/{student}/{dataset}.log",
    # Not a DPO adapter's card (results/adapters/{student}/{dataset}/dpo/README.md): dpo_model_card's.
    wildcard_constraints:
        dataset="[^/]+",
    # Fails only on its input (bad records, a low valid rate): a retry would repeat the error.
    retries: 0
    conda:
        "../envs/eval.yaml"
    script:
        "../scripts/model_card.py"


rule dpo_model_card:
    input:
        run="results/adapters/{student}/{dataset}/dpo/run.json",
        preferences="results/preferences/{student}/{dataset}/stats.json",
        metrics="results/metrics/{student}/{dataset}.json",
        # The student's standard-benchmark scores (its DPO adapter as <dataset>/dpo), where configured.
        benchmarks=lambda wildcards: benchmark_score_files(wildcards.student),
    output:
        "results/adapters/{student}/{dataset}/dpo/README.md",
    log:
        "logs/dpo_model_card/{student}/{dataset}.log",
    # Fails only on its input: a retry would repeat the error.
    retries: 0
    conda:
        "../envs/eval.yaml"
    script:
        "../scripts/dpo_model_card.py"


rule evaluation:
    input:
        "results/metrics/summary.csv",
        model_cards(),
