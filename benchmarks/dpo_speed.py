"""DPO step time and peak memory against an SFT step on the same rows (issue 25's measurement).

Usage: python benchmarks/dpo_speed.py [--model results/models/smollm2-135m-instruct]
       [--dataset results/datasets/distill_summary] [--rows 24] [--steps 6] [--threads 2]

Three runs of the project's own training code, each in a fresh process so that each
peak RSS is its own, with the DPO overlay's batch (2 rows, 2 accumulated: 4 a step):

- ``sft``: ``train_adapter`` on the rows' prompt → completion (the teacher's summary);
- ``dpo``: ``train_dpo`` continuing that adapter on the same prompts, chosen = the
  same completion, rejected = another row's completion (the next row's: a summary of
  the same length distribution, so the token counts are what a real preference set's
  are; what is learnt does not matter for a timing), reference pass in every step;
- ``dpo_precomputed``: the same with ``precompute_ref_log_probs``: the reference's
  log-probabilities computed once before the first step.

A DPO step runs the policy on chosen and rejected (twice the sequences of an SFT step)
and, unless precomputed, the frozen reference on both. The report gives seconds per
optimizer step (the trainer's runtime over its steps; the precomputation is inside the
runtime of ``dpo_precomputed``, and also reported on its own from the log), wall time
and peak RSS, and ratios to ``sft``. Default model and dataset are the demo's: run the
default workflow first (or pass other folders).
"""

from __future__ import annotations

import argparse
import contextlib
import json
import multiprocessing
import platform
import shutil
import sys
import tempfile
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "scripts"))

from finstep.io import read_jsonl, write_json, write_jsonl  # noqa: E402

STUDENT = {"load_in_4bit": True, "lora": {"r": 16, "alpha": 32, "dropout": 0.05}}  # the demo's
BATCH = {"batch_size": 2, "grad_accum": 2, "logging_steps": 1, "gradient_checkpointing": False}


def sample(dataset: Path, rows: int, work: Path) -> tuple[Path, Path]:
    """A dataset folder of ``rows`` training rows, and a preference folder of the same rows."""
    train = [r for r in read_jsonl(dataset / "train.jsonl") if r.get("task", "summary") == "summary"][:rows]
    val = [r for r in read_jsonl(dataset / "val.jsonl") if r.get("task", "summary") == "summary"][:2]
    if len(train) < rows:
        raise SystemExit(f"{dataset}/train.jsonl holds {len(train)} summary rows, fewer than --rows {rows}")
    sft = work / "dataset"
    sft.mkdir()
    write_jsonl(sft / "train.jsonl", train)
    write_jsonl(sft / "val.jsonl", val)
    write_jsonl(sft / "test.jsonl", val)
    shutil.copy(dataset / "split.json", sft / "split.json")
    prefs = work / "preferences"
    prefs.mkdir()

    def pairs(rows: list[dict]) -> list[dict]:
        return [
            {
                "id": row["id"],
                "prompt": row["prompt"],
                "chosen": row["completion"],
                "rejected": rows[(i + 1) % len(rows)]["completion"],
            }
            for i, row in enumerate(rows)
        ]

    write_jsonl(prefs / "train.jsonl", pairs(train))
    write_jsonl(prefs / "val.jsonl", pairs(val))
    write_json(
        prefs / "stats.json",
        {"train": {"kept": len(train)}, "val": {"kept": len(val)}, "rejected": "next row"},
    )
    return sft, prefs


def _summary(run: dict) -> dict:
    return {
        "steps": run["steps"],
        "train_seconds": run["train_seconds"],
        "s_per_step": round(run["train_seconds"] / run["steps"], 2),
        "wall_seconds": run["wall_seconds"],
        "train_tokens": run["train_tokens"],
        "peak_memory": run["peak_memory"],
        "precision": run["precision"],
    }


def run_sft(student: dict, dataset: str, training: dict, out: str, threads: int) -> dict:
    from finstep.models.loading import set_threads
    from finstep.training.train import train_adapter

    set_threads(threads)
    with contextlib.redirect_stdout(sys.stderr):
        train_adapter(student, "bench", dataset, training, out, f"{out}-checkpoints")
    return _summary(json.loads((Path(out) / "run.json").read_text()))


def run_dpo(student: dict, sft: str, prefs: str, training: dict, out: str, threads: int) -> dict:
    from finstep.models.loading import set_threads
    from finstep.training.dpo import train_dpo

    set_threads(threads)
    with contextlib.redirect_stdout(sys.stderr):
        train_dpo(student, "bench", sft, prefs, training, out, f"{out}-checkpoints")
    run = json.loads((Path(out) / "run.json").read_text())
    return _summary(run) | {"train_loss": run["train_loss"]}


def fresh(function: object, *args: object) -> dict:
    """In a new process: a process's peak memory is the most it ever held."""
    with ProcessPoolExecutor(max_workers=1, mp_context=multiprocessing.get_context("spawn")) as pool:
        return pool.submit(function, *args).result()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--model", default="results/models/smollm2-135m-instruct")
    parser.add_argument("--dataset", default="results/datasets/distill_summary")
    parser.add_argument("--rows", type=int, default=24)
    parser.add_argument("--steps", type=int, default=4)
    parser.add_argument("--threads", type=int, default=2)
    args = parser.parse_args()
    student = {"model": str(Path(args.model).resolve()), **STUDENT}
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        dataset, prefs = sample(Path(args.dataset), args.rows, work)
        sft_out = str(work / "sft")
        sft_training = {**BATCH, "max_steps": args.steps, "learning_rate": 3e-4}
        runs = {"sft": fresh(run_sft, student, str(dataset), sft_training, sft_out, args.threads)}
        dpo_training = {**BATCH, "max_steps": args.steps, "learning_rate": 5e-5, "beta": 0.01}
        for name, precompute in (("dpo", False), ("dpo_precomputed", True)):
            runs[name] = fresh(
                run_dpo,
                student,
                sft_out,
                str(prefs),
                {**dpo_training, "precompute_ref_log_probs": precompute},
                str(work / name),
                args.threads,
            )
    sft = runs["sft"]
    report = {
        "model": args.model,
        "dataset": args.dataset,
        "rows": args.rows,
        "steps": args.steps,
        "batch": BATCH,
        "threads": args.threads,
        "cpu": platform.processor() or platform.machine(),
        "runs": runs,
        "vs_sft": {
            name: {
                "s_per_step": round(run["s_per_step"] / sft["s_per_step"], 2),
                "peak_rss": round(
                    run["peak_memory"]["cpu_max_rss_mib"] / sft["peak_memory"]["cpu_max_rss_mib"], 2
                ),
            }
            for name, run in runs.items()
        },
    }
    print(json.dumps(report, indent=2))


if __name__ == "__main__":
    main()
