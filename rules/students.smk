# Student stage: a QLoRA adapter per (student, dataset) pair in config, its check,
# and the predictions of the base model and of the adapter on the test split (the base
# model's once for pairs that share them: BASE_OF in common.smk).


localrules:
    share_base_predictions,


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
    # A student's gpu above 1: one job of that many GPUs on one node, trained data-parallel
    # (finstep.training.distributed); the SLURM profile asks for them with nodes: 1.
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
        # max_new_tokens, and max_examples and seed: which test rows (the score rule draws the same).
        prediction=lambda wildcards: prediction_settings(wildcards.student, wildcards.dataset),
        # The pair's training cap: longer test prompts are cut to it, counted and flagged.
        max_length=lambda wildcards: training_settings(wildcards.student, wildcards.dataset)["max_length"],
        max_truncated_share=lambda wildcards: training_settings(wildcards.student, wildcards.dataset)[
            "max_truncated_share"
        ],
        hub_cache=HUB_CACHE,
    threads: config["threads"]
    resources:
        # Generation runs in one process: a student trained on several GPUs predicts on one.
        gpu=lambda wildcards: min(STUDENTS[wildcards.student]["gpu"], 1),
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


# A pair whose base model would answer the same test rows with the same prompts and settings as
# an earlier pair's (BASE_OF in common.smk) copies that pair's base predictions: the copy checks
# every prediction's prompt digest against the pair's own test rows.
rule share_base_predictions:
    input:
        unpack(shared_base_inputs),
    output:
        "results/predictions/{pair}/base.jsonl",
    log:
        "logs/share_base_predictions/{pair}.log",
    wildcard_constraints:
        pair=one_of(SHARED_BASE),
    conda:
        "../envs/eval.yaml"
    script:
        "../scripts/share_predictions.py"


ruleorder: share_base_predictions > predict
