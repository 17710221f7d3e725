# Student stage: a QLoRA adapter per (student, dataset) pair in config, its check,
# and the predictions of the base model and of the adapter on the test split.


rule train:
    input:
        unpack(train_inputs),
    output:
        adapter="results/adapters/{student}/{dataset}/adapter_model.safetensors",
        adapter_config="results/adapters/{student}/{dataset}/adapter_config.json",
        train_log="results/adapters/{student}/{dataset}/train_log.csv",
        run="results/adapters/{student}/{dataset}/run.json",
    log:
        "logs/train/{student}/{dataset}.log",
    params:
        student=lambda wildcards: STUDENTS[wildcards.student],
        training=lambda wildcards: training_settings(wildcards.student, wildcards.dataset),
        # Outside the output folder, so a job killed at walltime keeps them and resumes.
        checkpoint_dir=lambda wildcards: f"results/checkpoints/{wildcards.student}/{wildcards.dataset}",
        hub_cache=HUB_CACHE,
    threads: config["threads"]
    resources:
        gpu=lambda wildcards: STUDENTS[wildcards.student]["gpu"],
        gpu_mem_mb=16000,
        mem_mb=32000,
        runtime=720,
    conda:
        "../envs/train.yaml"
    script:
        "../scripts/train_adapter.py"


# A job of its own: Snakemake deletes predict's outputs when predict starts, so a damaged
# adapter refused there would cost the previous predictions.
rule check_adapter:
    input:
        adapter="results/adapters/{student}/{dataset}/adapter_model.safetensors",
        adapter_config="results/adapters/{student}/{dataset}/adapter_config.json",
        run="results/adapters/{student}/{dataset}/run.json",
    output:
        "results/adapter_checks/{student}/{dataset}.json",
    log:
        "logs/check_adapter/{student}/{dataset}.log",
    # Fails only on its input (a damaged adapter): a retry would repeat the error.
    retries: 0
    resources:
        mem_mb=4000,
        runtime=10,
    conda:
        "../envs/train.yaml"
    script:
        "../scripts/check_adapter.py"


rule predict:
    input:
        unpack(predict_inputs),
    output:
        "results/predictions/{student}/{dataset}/{variant}.jsonl",
    log:
        "logs/predict/{student}/{dataset}/{variant}.log",
    params:
        student=lambda wildcards: STUDENTS[wildcards.student],
        max_new_tokens=lambda wildcards: prediction_settings(wildcards.student, wildcards.dataset)[
            "max_new_tokens"
        ],
        # The pair's training cap: longer test prompts are cut to it, counted and flagged.
        max_length=lambda wildcards: training_settings(wildcards.student, wildcards.dataset)["max_length"],
        max_truncated_share=lambda wildcards: training_settings(wildcards.student, wildcards.dataset)[
            "max_truncated_share"
        ],
        hub_cache=HUB_CACHE,
    threads: config["threads"]
    resources:
        gpu=lambda wildcards: STUDENTS[wildcards.student]["gpu"],
        gpu_mem_mb=16000,
        mem_mb=32000,
        runtime=240,
    conda:
        "../envs/train.yaml"
    script:
        "../scripts/predict.py"


rule students:
    input:
        student_targets(),
