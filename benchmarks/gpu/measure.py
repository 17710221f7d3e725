"""Issue 27's GPU measurements in one call: QLoRA training, the teacher, DPO and the benchmarks.

Usage: python benchmarks/gpu/measure.py [--smoke] [--out DIR] [--work DIR] [--budget-s 390]

Builds random-weight models of the TinyLlama-1.1B, Mistral-7B-v0.1 and
Llama-3-8B shapes (``shapes.py``), then measures through the project's code:

(a) ``train.train_adapter`` with a 4-bit NF4 base: the plain recipe of the
    original studies (max length 512, batch 1, every row padded to 512, no
    grouping) against the project's defaults (``training`` in config/schema.yaml),
    in bf16 and in fp16 (a T4's precision, forced), for TinyLlama; Mistral-7B at
    512 tokens, batch 1 for its peak memory. Tokens/s and peak GPU memory from
    each run's run.json.
(b) the transformers teacher plugin on the Llama-3-8B shape, 16-bit and 4-bit: one
    chunk per ``generate`` call against batches at a fixed answer length, and the
    cost of JSON-constrained decoding.
(c) a DPO step (``dpo.train_dpo``) against an SFT step of the same batch, and the
    benchmark protocols' predictions per second, for TinyLlama.

Each measurement runs in its own process and is guarded: a failure is recorded
and the rest go on. The JSON (device, driver, versions, command, every figure)
is rewritten after each measurement, so a run cut short still leaves what it
measured. Measurements start only while the time budget lasts. ``--smoke``: the
same code paths on a CPU with two-layer models in a few minutes; the 4-bit and
fp16 parts are recorded as "skipped: no CUDA".
"""

from __future__ import annotations

import argparse
import datetime
import json
import multiprocessing
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import time
import traceback
from concurrent.futures import ProcessPoolExecutor
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
sys.path[:0] = [str(ROOT / "scripts"), str(HERE)]

import torch  # noqa: E402
from data import benchmark_rows, multitask_dataset, preference_set, sample_chunks  # noqa: E402
from finstep.config_schema import defaults  # noqa: E402
from finstep.io import write_json, write_jsonl  # noqa: E402
from shapes import build_model  # noqa: E402

PACKAGES = ("torch", "transformers", "peft", "trl", "bitsandbytes", "accelerate", "datasets", "xgrammar")
STARTED = time.perf_counter()

# Sizes per mode; the GPU's chosen to end within 8 minutes on an H100 (README.md: the estimate).
SIZES = {
    "gpu": {
        "plain_steps": 24,
        "project_steps": 4,
        "mistral_steps": 6,
        "teacher": {"one_requests": 4, "batched_requests": 32, "batch_size": 32, "max_new_tokens": 128},
        "dpo_steps": 6,
        "dpo_batch": 4,
        "bench_rows": 32,
        "bench_batch": 16,
        "eval_examples": 8,
        "val_pairs": 4,
    },
    "smoke": {
        "plain_steps": 3,
        "project_steps": 1,
        "mistral_steps": 2,
        "teacher": {"one_requests": 2, "batched_requests": 4, "batch_size": 4, "max_new_tokens": 104},
        "dpo_steps": 2,
        "dpo_batch": 2,
        "bench_rows": 4,
        "bench_batch": 4,
        "eval_examples": 2,
        "val_pairs": 2,
    },
}


def package_versions() -> dict:
    found = {"python": platform.python_version()}
    for name in PACKAGES:
        try:
            found[name] = version(name)
        except PackageNotFoundError:
            found[name] = None
    return found


def device_info() -> dict:
    if not torch.cuda.is_available():
        return {"cuda": False, "cpu": platform.processor() or platform.machine(), "cpus": os.cpu_count()}
    props = torch.cuda.get_device_properties(0)
    try:
        driver = subprocess.run(
            ["nvidia-smi", "--query-gpu=driver_version", "--format=csv,noheader"],
            capture_output=True,
            text=True,
            timeout=30,
        ).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        driver = None
    return {
        "cuda": True,
        "name": props.name,
        "capability": list(torch.cuda.get_device_capability(0)),
        "memory_gib": round(props.total_memory / 2**30, 1),
        "driver": driver,
        "cuda_runtime": torch.version.cuda,
        "cpus": os.cpu_count(),
    }


def preflight() -> dict:
    """Whether this transformers has the ``TrainingArguments`` fields the project sets (its 5.x names):
    the device image's transformers is not the one CI tests, and a missing field fails every training run."""
    import dataclasses

    from transformers import TrainingArguments

    fields = {field.name for field in dataclasses.fields(TrainingArguments)}
    return {name: name in fields for name in ("activation_checkpointing", "train_sampling_strategy")}


def git_commit() -> str | None:
    try:
        return (
            subprocess.run(
                ["git", "-C", str(ROOT), "rev-parse", "HEAD"], capture_output=True, text=True, timeout=30
            ).stdout.strip()
            or None
        )
    except (OSError, subprocess.SubprocessError):
        return None


def in_fresh_process(function: object, *args: object) -> dict:
    """``function(*args)`` in a spawned process: its own CUDA context and peak memory."""
    with ProcessPoolExecutor(max_workers=1, mp_context=multiprocessing.get_context("spawn")) as pool:
        return pool.submit(function, *args).result()


class Report:
    """The one JSON: rewritten whole (atomically) after every measurement."""

    def __init__(self, path: Path, head: dict, budget_s: float) -> None:
        self.path, self.data, self.budget_s = path, {**head, "results": {}}, budget_s

    def save(self) -> None:
        self.data["elapsed_s"] = round(time.perf_counter() - STARTED, 1)
        write_json(self.path, self.data)

    def measure(self, section: str, name: str, function: object, *args: object, skip: str | None = None):
        """Run one guarded measurement; its result, or None when it failed or was skipped."""
        results = self.data["results"].setdefault(section, {})
        elapsed = time.perf_counter() - STARTED
        if skip is None and elapsed > self.budget_s:
            skip = f"over the time budget ({elapsed:.0f} s of {self.budget_s:.0f} s)"
        if skip is not None:
            results[name] = {"skipped": skip}
            self.save()
            return None
        print(f"[{elapsed:6.1f} s] {section}/{name}", file=sys.stderr, flush=True)
        start = time.perf_counter()
        try:
            result = function(*args)
        except Exception as exc:  # one failure must not stop the others
            result = None
            results[name] = {
                "error": f"{type(exc).__name__}: {exc}"[:2000],
                "traceback": traceback.format_exc()[-3000:],
            }
        else:
            results[name] = result
        results[name]["measure_seconds"] = round(time.perf_counter() - start, 1)
        self.save()
        return result


def ratio(numerator: dict | None, denominator: dict | None, key: str) -> float | None:
    if not numerator or not denominator or not numerator.get(key) or not denominator.get(key):
        return None
    return round(numerator[key] / denominator[key], 2)


def training_recipes(sizes: dict) -> dict[str, dict]:
    """The plain recipe of the original studies, and the project's defaults, as ``training`` options."""
    base = {"max_truncated_share": 1.0, "max_eval_examples": sizes["eval_examples"]}
    plain = {
        **base,
        "max_length": 512,
        "batch_size": 1,
        "grad_accum": 1,
        "group_by_length": False,
        "pad_to_max_length": True,
        "max_steps": sizes["plain_steps"],
    }
    project = {**base, "max_steps": sizes["project_steps"]}  # every other option the schema's default
    batch1 = {
        **base,
        "max_length": 512,
        "batch_size": 1,
        "grad_accum": 1,
        "max_steps": sizes["mistral_steps"],
    }
    return {"plain": plain, "project": project, "project_512_batch1": batch1}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--smoke", action="store_true", help="two-layer models on a CPU, a few minutes")
    parser.add_argument("--out", default=os.environ.get("OUT") or ".", help="folder of the JSON ($OUT)")
    parser.add_argument("--work", help="folder for models and runs (default: a temp folder)")
    parser.add_argument("--budget-s", type=float, default=390, help="start no measurement after this")
    parser.add_argument(
        "--skip", default="", help="comma-separated sections to skip: train,mistral,teacher,dpo"
    )
    args = parser.parse_args()

    cuda = torch.cuda.is_available()
    if args.smoke and cuda:
        parser.error("--smoke is the CPU test; on a GPU machine run without it")
    sizes = SIZES["smoke" if args.smoke else "gpu"]
    skipped = set(filter(None, args.skip.split(",")))
    no_cuda = None if cuda else "skipped: no CUDA"
    device = torch.device("cuda" if cuda else "cpu")
    date = datetime.date.today().isoformat()
    path = Path(args.out) / f"gpu-{'smoke-' if args.smoke else ''}{date}.json"
    report = Report(
        path,
        {
            "issue": 27,
            "date": date,
            "command": " ".join([sys.executable, *sys.argv]),
            "smoke": args.smoke,
            "git_commit": git_commit(),
            "device": device_info(),
            "versions": package_versions(),
            "training_arguments_fields": preflight(),
            "sizes": sizes,
            "budget_s": args.budget_s,
            "training_defaults": defaults("training"),
        },
        args.budget_s,
    )
    report.save()
    work = Path(args.work or tempfile.mkdtemp(prefix="gpu-measure-"))
    work.mkdir(parents=True, exist_ok=True)
    try:
        run_all(report, work, sizes, device, skipped, no_cuda)
    finally:
        if not args.work:
            shutil.rmtree(work, ignore_errors=True)
    report.save()
    print(json.dumps(report.data["summary"], indent=2))
    print(f"report: {path}", file=sys.stderr)


def run_all(report: Report, work: Path, sizes: dict, device: torch.device, skipped: set, no_cuda) -> None:
    import runs

    chunks = sample_chunks()
    write_jsonl(work / "chunks.jsonl", chunks)
    texts = [chunk["text"] for chunk in chunks]
    dataset = multitask_dataset(work, chunks)
    recipes = training_recipes(sizes)
    smoke = device.type != "cuda"
    models: dict[str, str] = {}

    def model(name: str) -> str:
        if name not in models:
            folder = work / "models" / name
            report.measure("models", name, build_model, name, folder, texts, smoke, device)
            models[name] = str(folder)
        return models[name]

    # (a) QLoRA training, TinyLlama shape: plain vs the project's defaults, bf16 (the device's) and fp16.
    train: dict[str, dict | None] = {}
    if "train" not in skipped:
        tiny = {"model": model("tinyllama-1.1b"), "load_in_4bit": device.type == "cuda"}
        for precision in ("auto", "fp16"):
            for recipe in ("plain", "project"):
                name = f"tinyllama_{recipe}_{precision}"
                train[name] = report.measure(
                    "training",
                    name,
                    in_fresh_process,
                    runs.train_run,
                    tiny,
                    dataset,
                    recipes[recipe],
                    str(work / "runs" / name),
                    precision == "fp16",
                    skip=no_cuda if precision == "fp16" else None,
                )
    # Mistral-7B: 512 tokens, batch 1; the goal is a peak under 6 GB.
    if "mistral" not in skipped:
        mistral = {"model": model("mistral-7b-v0.1"), "load_in_4bit": device.type == "cuda"}
        train["mistral_project_512_batch1"] = report.measure(
            "training",
            "mistral_project_512_batch1",
            in_fresh_process,
            runs.train_run,
            mistral,
            dataset,
            recipes["project_512_batch1"],
            str(work / "runs" / "mistral"),
            False,
        )
        shutil.rmtree(models.pop("mistral-7b-v0.1"), ignore_errors=True)  # 14.5 GB of disk back
    # (b) the teacher, Llama-3-8B shape, 16-bit here; 4-bit last, the first to give way to the time budget.
    teacher: dict[str, dict | None] = {}

    def measure_teacher(bits: str, four: bool) -> None:
        if "teacher" not in skipped:
            teacher[bits] = report.measure(
                "teacher",
                f"llama3_8b_{bits}",
                in_fresh_process,
                runs.teacher_run,
                model("llama-3-8b"),
                str(work / "chunks.jsonl"),
                four,
                sizes["teacher"],
                skip=no_cuda if four else None,
            )

    measure_teacher("16bit", False)
    # (c) an SFT step against a DPO step of the same batch, then the benchmarks' predictions per second.
    dpo: dict[str, dict | None] = {}
    if "dpo" not in skipped:
        tiny = {"model": model("tinyllama-1.1b"), "load_in_4bit": device.type == "cuda"}
        step = {"max_steps": sizes["dpo_steps"], "batch_size": sizes["dpo_batch"], "grad_accum": 1}
        sft_dir = str(work / "runs" / "sft")
        dpo["sft"] = report.measure(
            "dpo",
            "sft_step",
            in_fresh_process,
            runs.train_run,
            tiny,
            dataset,
            {
                **step,
                "max_length": 512,
                "max_truncated_share": 1.0,
                "max_eval_examples": sizes["eval_examples"],
            },
            sft_dir,
            False,
        )
        if dpo["sft"] is not None:
            preferences = preference_set(work, dataset, sizes["val_pairs"])
            dpo["dpo"] = report.measure(
                "dpo",
                "dpo_step",
                in_fresh_process,
                runs.dpo_run,
                tiny,
                sft_dir,
                preferences,
                step,
                str(work / "runs" / "dpo"),
            )
            rows = benchmark_rows(work, chunks, sizes["bench_rows"])
            report.measure(
                "benchmarks",
                "tinyllama_with_adapter",
                in_fresh_process,
                runs.bench_run,
                tiny,
                sft_dir,
                rows,
                sizes["bench_batch"],
                16,
            )
    measure_teacher("4bit", True)
    summary = goals(train, teacher, dpo)
    if device.type != "cuda":  # the goals are the GPU's: a CPU's figures only show the code paths run
        summary = {
            key: "not judged on a CPU" if key.startswith("goal_") else value for key, value in summary.items()
        }
    report.data["summary"] = summary


def gpu_mib(run: dict | None, key: str = "gpu_allocated_mib") -> float | None:
    return (run or {}).get("peak_memory", {}).get(key)


def goals(train: dict, teacher: dict, dpo: dict) -> dict:
    """The issue's goals against what was measured (None where a figure is missing)."""
    mistral = train.get("mistral_project_512_batch1")
    peak = gpu_mib(mistral)
    speedups = {
        precision: ratio(
            train.get(f"tinyllama_project_{precision}"),
            train.get(f"tinyllama_plain_{precision}"),
            "tokens_per_s",
        )
        for precision in ("auto", "fp16")
    }
    batched = {bits: (run or {}).get("batched_vs_one") for bits, run in teacher.items()}
    constrained = {bits: (run or {}).get("constrained_cost") for bits, run in teacher.items()}
    return {
        "mistral_512_batch1_peak_allocated_mib": peak,
        "mistral_512_batch1_peak_reserved_mib": gpu_mib(mistral, "gpu_reserved_mib"),
        "goal_mistral_under_6_gb": None if peak is None else peak * 2**20 < 6e9,
        "training_speedup_vs_plain": speedups,
        "goal_training_1_5x": {k: None if v is None else v >= 1.5 for k, v in speedups.items()},
        "fp16_trains": {
            name: (run or {}).get("loss_finite") for name, run in train.items() if name.endswith("fp16")
        },
        "teacher_batched_vs_one": batched,
        "goal_teacher_10x": {k: None if v is None else v >= 10 for k, v in batched.items()},
        "constrained_cost": constrained,
        "goal_constrained_under_10_percent": {
            k: None if v is None else v < 0.10 for k, v in constrained.items()
        },
        "dpo_vs_sft_s_per_step": ratio(dpo.get("dpo"), dpo.get("sft"), "s_per_step"),
        "dpo_vs_sft_peak": (
            round(gpu_mib(dpo["dpo"]) / gpu_mib(dpo["sft"]), 2)
            if dpo.get("dpo") and gpu_mib(dpo["dpo"]) and gpu_mib(dpo.get("sft"))
            else None
        ),
    }


if __name__ == "__main__":
    main()
