# Student training data: distillation sets from teacher triplets, instruction
# sets from files (the financial-arithmetic set is generated here from a seed).


rule arithmetic_set:
    output:
        "results/instructions/fin_arithmetic.jsonl",
    log:
        "logs/arithmetic_set.log",
    params:
        n=config["arithmetic"]["n"],
        seed=config["arithmetic"]["seed"],
    # Fails only on its input (bad records, a low valid rate): a retry would repeat the error.
    retries: 0
    conda:
        "../envs/data.yaml"
    script:
        "../scripts/make_arithmetic.py"


rule dataset:
    input:
        source=dataset_source,
        teacher_check=teacher_check_input,
    output:
        train="results/datasets/{dataset}/train.jsonl",
        val="results/datasets/{dataset}/val.jsonl",
        test="results/datasets/{dataset}/test.jsonl",
        info="results/datasets/{dataset}/split.json",
    log:
        "logs/dataset/{dataset}.log",
    params:
        options=lambda wildcards: DATASETS[wildcards.dataset],
    wildcard_constraints:
        dataset=one_of(DATASETS),
    # Fails only on its input (bad records, a low valid rate): a retry would repeat the error.
    retries: 0
    conda:
        "../envs/data.yaml"
    script:
        "../scripts/make_dataset.py"


rule subsample_dataset:
    input:
        unpack(subsample_inputs),
    output:
        train="results/datasets/{dataset}/train.jsonl",
        val="results/datasets/{dataset}/val.jsonl",
        test="results/datasets/{dataset}/test.jsonl",
        info="results/datasets/{dataset}/split.json",
    log:
        "logs/subsample_dataset/{dataset}.log",
    params:
        base_dir=lambda wildcards: f"results/datasets/{SWEEP[wildcards.dataset]['of']}",
        fraction=lambda wildcards: SWEEP[wildcards.dataset]["fraction"],
        seed=lambda wildcards: DATASETS[SWEEP[wildcards.dataset]["of"]]["seed"],
    wildcard_constraints:
        dataset=one_of(SWEEP),
    # Fails only on its input (bad records, a low valid rate): a retry would repeat the error.
    retries: 0
    conda:
        "../envs/data.yaml"
    script:
        "../scripts/subsample_dataset.py"


rule datasets:
    input:
        expand("results/datasets/{dataset}/split.json", dataset=[*DATASETS, *SWEEP]),
