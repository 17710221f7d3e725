# Hub models for offline compute nodes: each configured Hub model is snapshot at
# its pinned revision into `hub_cache` by a local rule (on a cluster it runs on
# the login node, which has the internet); model-loading jobs read that cache
# with HF_HUB_OFFLINE=1.


localrules:
    fetch_model,
    fetch_models,


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


rule fetch_models:
    input:
        [manifest(HUB_CACHE, m["model"], m["revision"]) for m in HUB_MODELS.values()],
