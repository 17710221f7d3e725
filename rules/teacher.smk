# Teacher stage: chunks → validated (text, rationale, summary) triplets, one
# folder per teacher named in config, each sharded into jobs. A shard's resources
# come from its teacher's plugin: CPU teachers' shards (teacher_shard) ask for no
# GPU, GPU teachers' (teacher_shard_gpu) for one, with a type from the profile.


rule teacher_shard:
    input:
        unpack(teacher_inputs),
    output:
        "results/teacher/{teacher}/shards/{shard}.jsonl",
    log:
        "logs/teacher_shard/{teacher}/{shard}.log",
    # Only options that can change an answer are params (a change reruns the shard); a plugin's
    # transport options (timeout, retries, base_url, ...) reach the job through the config,
    # which Snakemake does not compare (finstep.teacher.config.job_options).
    params:
        name=lambda wildcards: wildcards.teacher,
        options=lambda wildcards: shard_options(TEACHERS[wildcards.teacher]),
        hub_cache=HUB_CACHE,
    wildcard_constraints:
        teacher=one_of(CPU_TEACHERS),
    threads: lambda wildcards: teacher_threads(wildcards.teacher)
    resources:
        mem_mb=shard_mem_mb,
        runtime=shard_runtime,
    conda:
        "../envs/teacher.yaml"
    script:
        "../scripts/teacher_shard.py"


use rule teacher_shard as teacher_shard_gpu with:
    wildcard_constraints:
        teacher=one_of(GPU_TEACHERS),
    resources:
        gpu=1,
        gpu_mem_mb=16000,  # a T4's
        mem_mb=shard_mem_mb,
        runtime=shard_runtime,


rule teacher_gather:
    input:
        chunks="results/chunks/all.jsonl",
        shards=teacher_shards,
    output:
        triplets="results/teacher/{teacher}/triplets.jsonl",
        rejects="results/teacher/{teacher}/rejects.jsonl",
        stats="results/teacher/{teacher}/stats.json",
    log:
        "logs/teacher_gather/{teacher}.log",
    params:
        max_chunks=lambda wildcards: TEACHERS[wildcards.teacher].get("max_chunks"),
    # Fails only on its input (bad records, a low valid rate): a retry would repeat the error.
    retries: 0
    resources:
        mem_mb=4000,
        runtime=10,
    conda:
        "../envs/teacher.yaml"
    script:
        "../scripts/teacher_gather.py"


rule teacher_check:
    input:
        stats="results/teacher/{teacher}/stats.json",
    output:
        "results/teacher/{teacher}/summary.md",
    log:
        "logs/teacher_check/{teacher}.log",
    params:
        name=lambda wildcards: wildcards.teacher,
        min_valid_rate=lambda wildcards: TEACHERS[wildcards.teacher]["min_valid_rate"],
    # Fails only on its input (bad records, a low valid rate): a retry would repeat the error.
    retries: 0
    conda:
        "../envs/teacher.yaml"
    script:
        "../scripts/teacher_check.py"


rule teachers:
    input:
        expand("results/teacher/{teacher}/summary.md", teacher=TEACHERS),
