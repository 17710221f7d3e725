"""Student training throughput: the project's batching against the plain recipe.

Usage: python benchmarks/train_speed.py [--model PATH] [--dataset DIR] [--steps 20]
       [--batch-size 8] [--max-length 512] [--repeats 1] [--threads N] [--qlora]

Three runs of ``train_adapter`` with the same steps and batch size on the same
data, each in a fresh process so that each peak memory is its own: the
project's choices (length-grouped batches, padded to their longest row), the
same without grouping (random batches), and the plain recipe (random batches,
every row padded to max_length). The report gives training tokens per second
(real tokens, padding not counted), the share of padding in the batches and
peak memory as JSON. With --repeats N the recipes take turns N times and each
keeps its fastest run, which damps the noise of a shared machine.

With --qlora the runs compare the base model's precision instead, both with the
project's batching: fp32 LoRA against 4-bit NF4 QLoRA (double quantization,
fp32 compute on a CPU), e.g. on the demo's SmolLM2 folder
``--model results/models/smollm2-135m-instruct``.

Without --model a tiny random Llama is built from the synthetic filings in
``tests/data/filings``; without --dataset a multitask set is made from their
chunks with the extractive teacher's summaries and rationales; so it runs
offline on a CPU. On a GPU box pass a real model's folder: the same code takes
bf16/fp16, gradient checkpointing and the paged 8-bit optimizer from the device.
"""

from __future__ import annotations

import argparse
import contextlib
import itertools
import json
import multiprocessing
import platform
import sys
import tempfile
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "scripts"))

from finstep.datasets.build import build_dataset  # noqa: E402
from finstep.io import write_jsonl  # noqa: E402
from finstep.sentences import split_sentences  # noqa: E402
from finstep.teacher.extractive import rationale, summary  # noqa: E402
from finstep.tiny_model import build_tiny_model  # noqa: E402
from teacher_batching import sample_chunks  # noqa: E402

# Recipe → (training options, student options).
RECIPES = {
    "project": ({"group_by_length": True}, {}),
    "no_grouping": ({"group_by_length": False}, {}),
    "plain_padded": ({"group_by_length": False, "pad_to_max_length": True}, {}),
}
QLORA_RECIPES = {
    "fp32_lora": ({"group_by_length": True}, {"load_in_4bit": False}),
    "nf4_qlora": ({"group_by_length": True}, {"load_in_4bit": True}),
}


def triplet(chunk: dict) -> dict:
    """The extractive teacher's answer for one chunk, as a triplet row."""
    sentences = split_sentences(chunk["text"])
    meta = {"ticker": chunk["ticker"], "section": chunk["section"]}
    context = f"Excerpt from {chunk['ticker']}'s Form 10-K"
    return {
        **{key: chunk[key] for key in ("id", "ticker", "accession", "section", "text")},
        "summary": summary(sentences, lead=1, cap=3, context=context),
        "rationale": rationale(sentences, meta),
    }


def sample_dataset(folder: Path, chunks: list[dict]) -> str:
    """A multitask (distilling step-by-step) set from the sample chunks: long and short rows mixed."""
    triplets = folder / "triplets.jsonl"
    write_jsonl(triplets, [triplet(chunk) for chunk in chunks])
    out = folder / "bench_dss"
    outputs = {split: str(out / f"{split}.jsonl") for split in ("train", "val", "test")}
    options = {"kind": "distill", "format": "multitask", "alpha": 0.5}
    build_dataset("bench_dss", options, str(triplets), {**outputs, "info": str(out / "split.json")})
    return str(out)


def padding_share(student: dict, dataset_dir: str, training: dict, work: str) -> float:
    """Share of padding in the batches the recipe draws for its steps: the compute it wastes.

    Unlike a time, it does not depend on what else the machine is running.
    """
    from finstep.training.data import load_splits
    from finstep.training.precision import device_precision
    from finstep.training.train import TrainingSettings, build_trainer, multitask_alpha
    from transformers import set_seed

    settings = TrainingSettings.from_options(training)
    splits = load_splits(dataset_dir)
    alpha = multitask_alpha(splits, settings)
    trainer, _ = build_trainer(student, splits, settings, alpha, device_precision(), work)
    set_seed(settings.seed)
    batches = itertools.islice(trainer.get_train_dataloader(), settings.max_steps * settings.grad_accum)
    masks = [batch["attention_mask"] for batch in batches]
    return round(1 - sum(int(m.sum()) for m in masks) / sum(m.numel() for m in masks), 3)


def timed_run(
    name: str, student: dict, dataset_dir: str, training: dict, work: str, threads: int | None
) -> dict:
    """One training run; its throughput and peak memory from run.json, and its padding share."""
    from finstep.models.loading import set_threads
    from finstep.training.train import train_adapter  # here: the parent process never trains

    set_threads(threads)
    out = Path(work) / name
    with contextlib.redirect_stdout(sys.stderr):  # Trainer prints its logs; stdout is for the report
        train_adapter(
            student, "bench", dataset_dir, training, str(out), str(Path(work) / f"{name}-checkpoints")
        )
    run = json.loads((out / "run.json").read_text())
    return {
        "train_seconds": run["train_seconds"],
        "train_tokens": run["train_tokens"],
        "tokens_per_s": round(run["train_tokens"] / run["train_seconds"], 1),
        "padding_share": padding_share(student, dataset_dir, training, str(Path(work) / f"{name}-padding")),
        "peak_memory": run["peak_memory"],
        "precision": run["precision"],
        "load_in_4bit": run["hyperparameters"]["load_in_4bit"],
        "device": run["device"],
    }


def in_fresh_process(*args: object) -> dict:
    """``timed_run`` in a new process: a process's peak memory is the most it ever held."""
    with ProcessPoolExecutor(max_workers=1, mp_context=multiprocessing.get_context("spawn")) as pool:
        return pool.submit(timed_run, *args).result()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--model", help="a local model folder (default: build a tiny model)")
    parser.add_argument(
        "--dataset", help="a dataset folder (default: a multitask set from the sample filings)"
    )
    parser.add_argument("--steps", type=int, default=20, help="optimizer steps in each run")
    parser.add_argument("--batch-size", type=int, default=8)
    parser.add_argument("--max-length", type=int, default=512)
    parser.add_argument("--repeats", type=int, default=1, help="runs per recipe, fastest kept")
    parser.add_argument("--threads", type=int, help="torch CPU threads (default: torch's own choice)")
    parser.add_argument("--qlora", action="store_true", help="compare fp32 LoRA with NF4 QLoRA instead")
    args = parser.parse_args()
    recipes = QLORA_RECIPES if args.qlora else RECIPES

    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        chunks = sample_chunks() if args.model is None or args.dataset is None else []
        model = args.model
        if model is None:
            write_jsonl(work / "chunks.jsonl", chunks)
            model = str(work / "tiny-llama")
            build_tiny_model(str(work / "chunks.jsonl"), model)
        dataset_dir = args.dataset or sample_dataset(work, chunks)
        training = {
            "max_steps": args.steps,
            "batch_size": args.batch_size,
            "grad_accum": 1,
            "max_length": args.max_length,
            "save_steps": args.steps,
            "logging_steps": args.steps,
        }
        runs: dict[str, dict] = {}
        for repeat in range(args.repeats):
            for name, (recipe, student) in recipes.items():
                run = in_fresh_process(
                    f"{name}-{repeat}",
                    {"model": model, **student},
                    dataset_dir,
                    {**training, **recipe},
                    tmp,
                    args.threads,
                )
                if name not in runs or run["tokens_per_s"] > runs[name]["tokens_per_s"]:
                    runs[name] = run
    speed = {name: run["tokens_per_s"] for name, run in runs.items()}
    ratio = (
        {"nf4_vs_fp32_speed": round(speed["nf4_qlora"] / speed["fp32_lora"], 2)}
        if args.qlora
        else {"speedup_vs_plain": round(speed["project"] / speed["plain_padded"], 2)}
    )
    report = {
        "model": args.model or "tiny random Llama (built from tests/data/filings)",
        "dataset": args.dataset or "multitask set from the sample filings' chunks (extractive teacher)",
        "cpu": platform.processor() or platform.machine(),
        "steps": args.steps,
        "batch_size": args.batch_size,
        "max_length": args.max_length,
        "repeats": args.repeats,
        "threads": args.threads,
        "runs": runs,
        **ratio,
    }
    print(json.dumps(report, indent=2))


if __name__ == "__main__":
    main()
