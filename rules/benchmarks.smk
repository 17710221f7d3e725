# Standard financial benchmarks (FPB, FiQA-SA, TFNS, NWGI, FinQA, TAT-QA): each configured
# set's rows drawn once, every student's base model and adapters run on them with each
# protocol the set takes (generate: FinBen/FinGPT's greedy answer; loglik: each label's
# likelihood), scored with resampled intervals and paired differences against the base,
# and set beside the published numbers of the same protocol.


localrules:
    fetch_dataset,


# A Hub benchmark set at its pinned commit, snapshot into hub_cache on the login node
# (part of fetch_models); benchmark_rows reads it offline.
rule fetch_dataset:
    output:
        f"{HUB_CACHE}/dataset-manifests/{{dataset}}@{{revision}}.json",
    log:
        "logs/fetch_dataset/{dataset}@{revision}.log",
    params:
        dataset=lambda wildcards: HUB_DATASETS[f"{wildcards.dataset}@{wildcards.revision}"],
        cache_dir=lambda wildcards, output: output[0].rsplit("/dataset-manifests/", 1)[0],
    wildcard_constraints:
        dataset=r"[A-Za-z0-9][A-Za-z0-9_.\-]*/[A-Za-z0-9][A-Za-z0-9_.\-]*",
        revision="[0-9a-f]{40}",
    conda:
        "../envs/benchmarks.yaml"
    script:
        "../scripts/fetch_dataset.py"


rule benchmark_rows:
    input:
        unpack(benchmark_rows_inputs),
    output:
        rows="results/benchmarks/{benchmark}/rows.jsonl",
        info="results/benchmarks/{benchmark}/rows.json",
        # Rows set aside for training (train_share), never scored; empty when train_share is 0.
        train="results/benchmarks/{benchmark}/train.jsonl",
    log:
        "logs/benchmark_rows/{benchmark}.log",
    params:
        options=lambda wildcards: BENCHMARKS[wildcards.benchmark],
        hub_cache=HUB_CACHE,
    wildcard_constraints:
        benchmark=one_of(BENCHMARKS),
    # Fails only on its input (an unknown format, a label outside the set): a retry would repeat it.
    retries: 0
    resources:
        mem_mb=4000,
        runtime=10,
    conda:
        "../envs/benchmarks.yaml"
    script:
        "../scripts/benchmark_rows.py"


rule benchmark_predict:
    input:
        unpack(benchmark_predict_inputs),
    output:
        "results/benchmarks/{benchmark}/{student}/{model}/{protocol}.jsonl",
    log:
        "logs/benchmark_predict/{benchmark}/{student}/{model}/{protocol}.log",
    params:
        student=lambda wildcards: STUDENTS[wildcards.student],
        protocol=lambda wildcards: wildcards.protocol,
        max_new_tokens=lambda wildcards: benchmark_max_new_tokens(wildcards.benchmark),
        max_truncated_share=lambda wildcards: BENCHMARKS[wildcards.benchmark]["max_truncated_share"],
        batch_size=lambda wildcards: BENCHMARKS[wildcards.benchmark]["batch_size"],
        hub_cache=HUB_CACHE,
    wildcard_constraints:
        benchmark=one_of(BENCHMARKS),
        # "base", the dataset of one of the student's adapters, or "dataset/dpo" (its DPO adapter).
        model=one_of(["base", *DATASETS, *(f"{d}/{DPO_STAGE}" for _, d in DPO)]),
        protocol="generate|loglik",
    threads: config["threads"]
    resources:
        # One process: a student trained on several GPUs answers on one (README, More GPUs).
        gpu=lambda wildcards: min(STUDENTS[wildcards.student]["gpu"], 1),
        gpu_mem_mb=16000,
        mem_mb=32000,
        runtime=240,
    conda:
        "../envs/train.yaml"
    script:
        "../scripts/bench_predict.py"


rule benchmark_score:
    input:
        unpack(benchmark_score_inputs),
    output:
        "results/benchmarks/{benchmark}/{student}.json",
    log:
        "logs/benchmark_score/{benchmark}/{student}.log",
    params:
        options=lambda wildcards: BENCHMARKS[wildcards.benchmark],
        predictions=lambda wildcards: benchmark_prediction_files(wildcards.benchmark, wildcards.student),
        bootstrap=config["evaluation"]["bootstrap"],
        samples=config["evaluation"]["samples"],
    wildcard_constraints:
        benchmark=one_of(BENCHMARKS),
    # Fails only on its input (predictions that do not match the rows): a retry would repeat it.
    retries: 0
    resources:
        mem_mb=4000,
        runtime=30,
    conda:
        "../envs/eval.yaml"
    script:
        "../scripts/benchmark_score.py"


rule benchmark_report:
    input:
        scores=benchmark_score_files(),
        anchors=config["benchmark_anchors"],
    output:
        table_md=report(
            "results/tables/benchmarks.md",
            caption="../report/benchmarks_table.rst",
            category="Tables",
        ),
        table_tex="results/tables/benchmarks.tex",
        figure_png=report(
            "results/figures/benchmarks.png",
            caption="../report/benchmarks.rst",
            category="Figures",
        ),
        figure_pdf="results/figures/benchmarks.pdf",
    log:
        "logs/benchmark_report.log",
    # Fails only on its input (a published row without its source): a retry would repeat it.
    retries: 0
    resources:
        mem_mb=4000,
        runtime=30,
    conda:
        "../envs/plots.yaml"
    script:
        "../scripts/benchmark_report.py"


rule benchmarks:
    input:
        benchmark_targets(),
