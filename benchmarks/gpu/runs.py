"""One measured run each, called in a fresh (spawned) process: its peak memory is its own, and a crash
or an out-of-memory kill ends that run alone.

Every run goes through the project's own code: ``train.train_adapter`` (its
``run.json`` gives tokens, seconds and peak memory), the transformers teacher
plugin, ``dpo.train_dpo`` and ``benchmarks.protocols``.
"""

from __future__ import annotations

import contextlib
import json
import math
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
for path in (ROOT / "scripts", Path(__file__).resolve().parent):
    if str(path) not in sys.path:
        sys.path.insert(0, str(path))

import torch  # noqa: E402

PROMPT = ROOT / "config" / "prompts" / "teacher-v1.yaml"


def force_fp16() -> None:
    """Train as on a T4 (compute capability 7.5): fp16 mixed precision, the path that met GradScaler's
    "Attempting to unscale FP16 gradients" when TRL left LoRA weights in half precision."""
    from finstep.training import precision

    precision.resolve_dtype = lambda name, device: torch.float16


def gpu_peak() -> dict | None:
    if not torch.cuda.is_available():
        return None
    return {
        "max_allocated_mib": round(torch.cuda.max_memory_allocated() / 2**20, 1),
        "max_reserved_mib": round(torch.cuda.max_memory_reserved() / 2**20, 1),
    }


def summary(run: dict) -> dict:
    """What a run.json says of speed, memory and health."""
    seconds = run["train_seconds"]
    return {
        "steps": run["steps"],
        "train_tokens": run["train_tokens"],
        "train_seconds": seconds,
        "tokens_per_s": round(run["train_tokens"] / seconds, 1) if seconds else None,
        "s_per_step": round(seconds / run["steps"], 3) if seconds and run["steps"] else None,
        "train_loss": run["train_loss"],
        "loss_finite": run["train_loss"] is not None and math.isfinite(run["train_loss"]),
        "peak_memory": run["peak_memory"],
        "precision": run["precision"],
        "load_in_4bit": run["hyperparameters"]["load_in_4bit"],
        "device": run["device"],
        "wall_seconds": run["wall_seconds"],
    }


def train_run(student: dict, dataset_dir: str, training: dict, out: str, fp16: bool) -> dict:
    """``train_adapter`` once; its run.json's figures."""
    from finstep.training.train import train_adapter

    if fp16:
        force_fp16()
    with contextlib.redirect_stdout(sys.stderr):  # Trainer prints its logs; stdout is the report's
        train_adapter(student, "bench", dataset_dir, training, out, out + "-checkpoints")
    return summary(json.loads((Path(out) / "run.json").read_text()))


def dpo_run(student: dict, sft_dir: str, preferences: str, training: dict, out: str) -> dict:
    """``train_dpo`` once on the SFT adapter; its run.json's figures."""
    from finstep.training.dpo import train_dpo

    with contextlib.redirect_stdout(sys.stderr):
        train_dpo(student, "bench", sft_dir, preferences, training, out, out + "-checkpoints")
    return summary(json.loads((Path(out) / "run.json").read_text()))


def synchronize() -> None:
    if torch.cuda.is_available():
        torch.cuda.synchronize()


def bench_run(student: dict, adapter: str, rows: dict[str, str], batch_size: int, new_tokens: int) -> dict:
    """Predictions per second of the benchmark protocols (``prepare`` + ``run_protocol``), adapter loaded."""
    from finstep.benchmarks.protocols import prepare, run_protocol
    from finstep.training.predict import load_student

    model, tokenizer = load_student(student, adapter)
    found = {}
    for name, path, protocol in [
        ("sentiment_loglik", rows["sentiment"], "loglik"),
        ("sentiment_generate", rows["sentiment"], "generate"),
        ("qa_generate", rows["qa"], "generate"),
    ]:
        prepared = prepare(student, path, protocol, new_tokens)
        run_protocol(model, tokenizer, prepared, new_tokens, batch_size)  # warm-up: kernels, allocator
        synchronize()
        start = time.perf_counter()
        predictions = run_protocol(model, tokenizer, prepared, new_tokens, batch_size)
        synchronize()
        seconds = time.perf_counter() - start
        found[name] = {
            "rows": len(predictions),
            "batch_size": batch_size,
            "max_new_tokens": new_tokens if protocol == "generate" else None,
            "seconds": round(seconds, 3),
            "predictions_per_s": round(len(predictions) / seconds, 2),
        }
    return {**found, "gpu_peak": gpu_peak()}


def timed_generate(teacher, requests: list, batch_size: int) -> dict:
    """Output tokens per second of the plugin's ``generate`` over ``requests`` at one batch size."""
    teacher.batch_size = batch_size
    synchronize()
    start = time.perf_counter()
    generations = teacher.generate(requests, seed=0)
    synchronize()
    seconds = time.perf_counter() - start
    tokens = sum(g.output_tokens for g in generations)
    return {
        "requests": len(requests),
        "batch_size": batch_size,
        "seconds": round(seconds, 3),
        "output_tokens": tokens,
        "tokens_per_s": round(tokens / seconds, 1),
    }


def teacher_run(model: str, chunks_path: str, load_in_4bit: bool, sizes: dict) -> dict:
    """The transformers teacher plugin on one loaded model: one chunk per ``generate`` call against
    batches at a fixed answer length (min = max new tokens), then batches under the JSON grammar.

    The constrained teacher is a second plugin instance sharing the loaded weights
    (its ``_load_model`` returns them), so its grammar is built as the plugin builds it.
    """
    from finstep.io import read_jsonl
    from finstep.teacher.plugins.base import TeacherRequest
    from finstep.teacher.plugins.hf_loaded import LoadedTransformersTeacher
    from finstep.teacher.prompt import load_prompt

    prompt = load_prompt(PROMPT)
    chunks = list(read_jsonl(chunks_path))
    n = max(sizes["one_requests"], sizes["batched_requests"])
    picked = (chunks * (n // len(chunks) + 1))[:n]
    requests = [
        TeacherRequest(f"{i}-{c['id']}", c["text"], prompt, {"ticker": c["ticker"], "section": c["section"]})
        for i, c in enumerate(picked)
    ]
    new_tokens, batch = sizes["max_new_tokens"], sizes["batch_size"]
    options = {"model": model, "load_in_4bit": load_in_4bit, "max_new_tokens": new_tokens}
    start = time.perf_counter()
    fixed = LoadedTransformersTeacher({**options, "constrained": False, "min_new_tokens": new_tokens})
    load_seconds = time.perf_counter() - start
    fixed.batch_size = batch
    fixed.generate(requests[:batch], seed=0)  # warm-up
    one = timed_generate(fixed, requests[: sizes["one_requests"]], 1)
    batched = timed_generate(fixed, requests[: sizes["batched_requests"]], batch)
    loaded = fixed.model

    class SharedWeights(LoadedTransformersTeacher):
        def _load_model(self):
            return loaded

    start = time.perf_counter()
    constrained = SharedWeights({**options, "constrained": True, "min_new_tokens": 0})
    grammar_seconds = time.perf_counter() - start
    constrained.batch_size = batch
    constrained.generate(requests[:batch], seed=0)  # warm-up: the grammar's caches
    grammar = timed_generate(constrained, requests[: sizes["batched_requests"]], batch)
    return {
        "load_in_4bit": load_in_4bit,
        "dtype": str(fixed.dtype).removeprefix("torch."),
        "device": str(fixed.device),
        "max_new_tokens": new_tokens,
        "load_seconds": round(load_seconds, 1),
        "one_per_call": one,
        "batched": batched,
        "batched_vs_one": round(batched["tokens_per_s"] / one["tokens_per_s"], 2),
        "constrained_batched": {**grammar, "setup_seconds": round(grammar_seconds, 2)},
        "constrained_cost": round(1 - grammar["tokens_per_s"] / batched["tokens_per_s"], 3),
        "gpu_peak": gpu_peak(),
    }
