"""Student training throughput: the project's batching against the plain recipe.

Usage: python benchmarks/train_speed.py [--model PATH] [--dataset DIR] [--steps 20]
       [--batch-size 8] [--max-length 512] [--repeats 1] [--threads N] [--qlora | --memory [--rounds N]]

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

With --memory the runs compare training memory instead, each with the pair's
settings and a 4-bit NF4 base (the default student's): the levers of issue 24
added one at a time. ``before`` is the code as it was: TRL's fused LM head,
which on a CPU scores every position and computes each one's entropy and top-1
hit for its metrics, glibc's default malloc thresholds, no gradient
checkpointing. Then TRL's head without the metrics, then the loss scored at the
completion positions only (``finstep.training.completion_loss``), then glibc
giving freed blocks back (``precision.return_freed_memory``), then gradient
checkpointing: the last is today's default. ``accumulation`` is the other way to
the last saving: no checkpointing, each batch as two halves whose gradients
accumulate (half the batch size, grad_accum 2). The report gives each recipe's
seconds per optimizer step and peak RSS, and their ratios to ``before``. With
--rounds N the recipes also take turns N times in one process, timing one
forward and backward pass each on the same batch: the steadier comparison of
time on a shared machine (``interleaved_steps``).

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
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "scripts"))

from finstep.config_schema import defaults  # noqa: E402
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
# --memory: the levers of issue 24, each recipe adding one to the one before; every recipe trains a 4-bit
# NF4 base (the default student's) with the pair's settings.
LEVERS = ("trl_metrics_off", "completion_loss", "return_freed_memory", "gradient_checkpointing")
MEMORY_RECIPES = {name: LEVERS[:n] for n, name in enumerate(("before", *LEVERS))}
# The other way to the last lever's saving: no checkpointing, each batch in two halves with their gradients
# accumulated (batch_size / 2, grad_accum 2: the same rows per optimizer step, half the activations at a time).
MEMORY_RECIPES["accumulation"] = (*LEVERS[:3], "accumulation")
NF4 = {"load_in_4bit": True}
GLIBC_MAX_THRESHOLD = 32 << 20  # where glibc's own raising of its mmap threshold ends (64-bit)


def without_levers(levers: tuple[str, ...]) -> None:
    """Put back, in this (child) process, the code paths of before each lever that ``levers`` leaves out."""
    from finstep.training import completion_loss, train

    if "completion_loss" not in levers:  # TRL's fused head, which the trainers keep for transformed logits
        completion_loss.plain_lm_head = lambda model: False
        if "trl_metrics_off" in levers:  # ... computing the log-probabilities alone
            import trl.trainer.sft_trainer as sft

            add = sft.add_fused_lm_head
            sft.add_fused_lm_head = lambda model, **kwargs: add(model, outputs=("log_probs",))
    if "return_freed_memory" not in levers:
        train.return_freed_memory = lambda: False


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
    options = {**defaults("datasets", "*"), "kind": "distill", "format": "multitask", "alpha": 0.5}
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
    name: str,
    student: dict,
    dataset_dir: str,
    training: dict,
    work: str,
    threads: int | None,
    levers: tuple[str, ...] | None = None,
) -> dict:
    """One training run; its throughput and peak memory from run.json, and its padding share."""
    from finstep.models.loading import set_threads
    from finstep.training.train import train_adapter  # here: the parent process never trains

    set_threads(threads)
    if levers is not None:
        without_levers(levers)
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
        "s_per_step": round(run["train_seconds"] / run["steps"], 2),
        "train_loss": run["train_loss"],
        "padding_share": padding_share(student, dataset_dir, training, str(Path(work) / f"{name}-padding")),
        "peak_memory": run["peak_memory"],
        "precision": run["precision"],
        "load_in_4bit": run["hyperparameters"]["load_in_4bit"],
        "device": run["device"],
    }


def in_fresh_process_call(function: object, *args: object) -> dict:
    """``function(*args)`` in a new process: a process's peak memory is the most it ever held."""
    with ProcessPoolExecutor(max_workers=1, mp_context=multiprocessing.get_context("spawn")) as pool:
        return pool.submit(function, *args).result()


def in_fresh_process(*args: object) -> dict:
    """``timed_run`` in a new process."""
    return in_fresh_process_call(timed_run, *args)


def memory_ratios(runs: dict[str, dict]) -> dict[str, dict]:
    """Each recipe's time per step and peak RSS as multiples of the ``before`` run's (else the first run's)."""
    first = runs.get("before") or next(iter(runs.values()))
    return {
        name: {
            "s_per_step": round(run["s_per_step"] / first["s_per_step"], 2),
            "peak_rss": round(
                run["peak_memory"]["cpu_max_rss_mib"] / first["peak_memory"]["cpu_max_rss_mib"], 2
            ),
        }
        for name, run in runs.items()
    }


def interleaved_steps(
    student: dict, dataset_dir: str, training: dict, rounds: int, threads: int | None
) -> dict[str, dict]:
    """Seconds of one forward and backward pass per memory recipe, the recipes taking turns in one process.

    On a shared machine the load changes over minutes, so runs in separate
    processes, one after another, compare their neighbours' load as much as
    their code; here each round runs every recipe on the same batch (the longest
    of the first eight) within a minute or so, and each recipe's median over the
    rounds is compared. The levers are switched in place: the LM head, glibc's
    mmap threshold (the default's end state, 32 MiB, for the recipes before
    ``return_freed_memory``) and the model's gradient checkpointing.
    """
    import ctypes
    import statistics

    from finstep.models.loading import set_threads
    from finstep.training import completion_loss, train
    from finstep.training.data import load_splits
    from finstep.training.precision import _M_MMAP_THRESHOLD, MMAP_THRESHOLD, device_precision
    from trl.trainer.utils import add_fused_lm_head

    set_threads(threads)
    settings = train.TrainingSettings.from_options({**training, "gradient_checkpointing": False})
    splits = load_splits(dataset_dir)
    alpha = train.multitask_alpha(splits, settings)
    with tempfile.TemporaryDirectory() as work:
        trainer, _ = train.build_trainer(student, splits, settings, alpha, device_precision(), work)
    batch = max(itertools.islice(trainer.get_train_dataloader(), 8), key=lambda b: b["input_ids"].numel())
    model = trainer.model.train()
    causal_lm = model.get_base_model()
    with_metrics = causal_lm.forward  # TRL's fused head as SFTTrainer set it: entropy and top-1 too
    add_fused_lm_head(causal_lm, outputs=("log_probs",))
    heads = {True: causal_lm.forward, False: with_metrics}
    own_head = completion_loss.plain_lm_head
    mallopt = ctypes.CDLL("libc.so.6").mallopt
    seconds: dict[str, list[float]] = {name: [] for name in MEMORY_RECIPES}
    for _ in range(rounds):
        for name, levers in MEMORY_RECIPES.items():
            causal_lm.forward = heads["trl_metrics_off" in levers]
            completion_loss.plain_lm_head = own_head if "completion_loss" in levers else (lambda m: False)
            freed = "return_freed_memory" in levers
            mallopt(_M_MMAP_THRESHOLD, MMAP_THRESHOLD if freed else GLIBC_MAX_THRESHOLD)
            if "gradient_checkpointing" in levers:
                causal_lm.activation_checkpointing_enable({"use_reentrant": False})
            else:
                causal_lm.activation_checkpointing_disable()
            rows = len(batch["input_ids"])
            parts = (
                (slice(0, rows // 2), slice(rows // 2, rows)) if "accumulation" in levers else (slice(None),)
            )
            start = time.perf_counter()
            for part in parts:
                trainer.compute_loss(
                    model, {key: value[part].clone() for key, value in batch.items()}
                ).backward()
            seconds[name].append(time.perf_counter() - start)
            model.zero_grad(set_to_none=True)
    first = statistics.median(seconds["before"])
    return {
        name: {
            "median_s": round(statistics.median(times), 2),
            "vs_before": round(statistics.median(times) / first, 2),
            "runs_s": [round(t, 2) for t in times],
        }
        for name, times in seconds.items()
    } | {
        "batch": {
            "shape": list(batch["input_ids"].shape),
            "completion_tokens": int((batch["labels"] != -100).sum()),
        }
    }


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
    kind = parser.add_mutually_exclusive_group()
    kind.add_argument("--qlora", action="store_true", help="compare fp32 LoRA with NF4 QLoRA instead")
    kind.add_argument("--memory", action="store_true", help="compare the training memory levers instead")
    parser.add_argument(
        "--rounds", type=int, default=0, help="--memory: also time the recipes taking turns in one process"
    )
    parser.add_argument("--only", help="comma-separated recipes to run (default: all)")
    args = parser.parse_args()
    if args.memory:
        halves = {"batch_size": max(1, args.batch_size // 2), "grad_accum": 2}
        recipes = {
            name: (
                {"gradient_checkpointing": "gradient_checkpointing" in levers}
                | (halves if "accumulation" in levers else {}),
                NF4,
                levers,
            )
            for name, levers in MEMORY_RECIPES.items()
        }
    else:
        recipes = {
            name: (*recipe, None) for name, recipe in (QLORA_RECIPES if args.qlora else RECIPES).items()
        }

    if args.only:
        unknown = sorted(set(args.only.split(",")) - set(recipes))
        if unknown:
            parser.error(f"--only: no recipe {unknown[0]!r}; choose from {', '.join(recipes)}")
        recipes = {name: recipe for name, recipe in recipes.items() if name in args.only.split(",")}
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
            for name, (recipe, student, levers) in recipes.items():
                run = in_fresh_process(
                    f"{name}-{repeat}",
                    {"model": model, **student},
                    dataset_dir,
                    {**training, **recipe},
                    tmp,
                    args.threads,
                    levers,
                )
                if name not in runs or run["tokens_per_s"] > runs[name]["tokens_per_s"]:
                    runs[name] = run
        interleaved = (
            in_fresh_process_call(
                interleaved_steps, {"model": model, **NF4}, dataset_dir, training, args.rounds, args.threads
            )
            if args.memory and args.rounds
            else None
        )
    speed = {name: run["tokens_per_s"] for name, run in runs.items()}
    if args.memory:
        ratio = {"vs_before": memory_ratios(runs), "interleaved": interleaved}
    elif args.qlora:
        ratio = {"nf4_vs_fp32_speed": round(speed["nf4_qlora"] / speed["fp32_lora"], 2)}
    else:
        ratio = {"speedup_vs_plain": round(speed["project"] / speed["plain_padded"], 2)}
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
