# Preference tuning after SFT, for the pairs under dpo.pairs: preference pairs (the teacher's
# answer chosen, the SFT student's own rejected) from the training and validation rows, then
# DPO continuing the SFT adapter against a frozen copy of itself (finstep.training.dpo), and its
# check. predict (variant dpo), score and the benchmarks evaluate it beside base and SFT.


rule preferences:
    input:
        unpack(preference_inputs),
    output:
        train="results/preferences/{student}/{dataset}/train.jsonl",
        val="results/preferences/{student}/{dataset}/val.jsonl",
        stats="results/preferences/{student}/{dataset}/stats.json",
    log:
        "logs/preferences/{student}/{dataset}.log",
    params:
        student=lambda wildcards: STUDENTS[wildcards.student],
        preferences=config["dpo"]["preferences"],
        # The checks a rejected answer must fail: the dataset's teacher's quality thresholds.
        quality=lambda wildcards: teacher_quality(wildcards.dataset),
        # Answers as predict writes them: its token budget, its prompt cap.
        max_new_tokens=lambda wildcards: prediction_settings(wildcards.student, wildcards.dataset)[
            "max_new_tokens"
        ],
        max_length=lambda wildcards: training_settings(wildcards.student, wildcards.dataset)["max_length"],
        max_truncated_share=lambda wildcards: training_settings(wildcards.student, wildcards.dataset)[
            "max_truncated_share"
        ],
        accuracy_rel_tol=config["evaluation"]["accuracy_rel_tol"],
        hub_cache=HUB_CACHE,
    threads: config["threads"]
    resources:
        # The student answers the rows in one process: one GPU whatever train and dpo use.
        gpu=lambda wildcards: min(STUDENTS[wildcards.student]["gpu"], 1),
        gpu_mem_mb=16000,
        mem_mb=32000,
        runtime=240,
    conda:
        "../envs/train.yaml"
    script:
        "../scripts/build_preferences.py"


rule dpo:
    input:
        unpack(dpo_inputs),
    output:
        adapter="results/adapters/{student}/{dataset}/dpo/adapter_model.safetensors",
        adapter_config="results/adapters/{student}/{dataset}/dpo/adapter_config.json",
        train_log="results/adapters/{student}/{dataset}/dpo/train_log.csv",
        run="results/adapters/{student}/{dataset}/dpo/run.json",
    log:
        "logs/dpo/{student}/{dataset}.log",
    params:
        student=lambda wildcards: STUDENTS[wildcards.student],
        training=dpo_settings,
        # Outside the output folder, so a job killed at walltime keeps them and resumes.
        checkpoint_dir=lambda wildcards: f"results/checkpoints/{wildcards.student}/{wildcards.dataset}/dpo",
        hub_cache=HUB_CACHE,
    threads: config["threads"]
    # As train: a student's gpu above 1 trains data-parallel on that many GPUs of one node.
    resources:
        gpu=lambda wildcards: STUDENTS[wildcards.student]["gpu"],
        gpu_mem_mb=16000,
        mem_mb=32000,
        runtime=720,
    conda:
        "../envs/train.yaml"
    script:
        "../scripts/train_dpo.py"


# The DPO adapter's check, as check_adapter's of the SFT adapter: predict and benchmark_predict
# read results/adapter_checks/{student}/{name}.json for the adapter in results/adapters/{student}/{name}.
rule check_dpo_adapter:
    input:
        adapter="results/adapters/{student}/{dataset}/dpo/adapter_model.safetensors",
        adapter_config="results/adapters/{student}/{dataset}/dpo/adapter_config.json",
        run="results/adapters/{student}/{dataset}/dpo/run.json",
    output:
        "results/adapter_checks/{student}/{dataset}/dpo.json",
    log:
        "logs/check_adapter/{student}/{dataset}/dpo.log",
    # Fails only on its input (a damaged adapter): a retry would repeat the error.
    retries: 0
    resources:
        mem_mb=4000,
        runtime=10,
    conda:
        "../envs/train.yaml"
    script:
        "../scripts/check_adapter.py"
