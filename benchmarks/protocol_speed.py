"""Seconds per benchmark row of the two scoring protocols, and what the raw outputs look like.

Usage: python benchmarks/protocol_speed.py [--model /tmp/smollm2] [--tfns N] [--finqa N] [--threads 2]
       [--batch-size 8] [--no-4bit] [--out FILE.json]

The default config's student (SmolLM2-135M-Instruct converted from its wheel by
``finstep.models.gguf``; pass the converted folder) loaded as rule ``predict``
loads it (4-bit NF4 unless --no-4bit), on a seeded sample of TFNS (FinGPT's
prompt, 3 labels: ``generate`` with 16 new tokens and ``loglik``) and of FinQA dev
in FinBen's prompt (the human turn; ``generate`` with 32 new tokens), from
``../shared/benchmarks``. Each protocol runs through ``finstep.benchmarks.protocols``
(``prepare`` then ``run_protocol``) on one loaded model; the time is the protocol's
alone (loading is reported apart). Prints twenty raw outputs and, for a first look
only, the share of TFNS rows whose gold label is the loglik argmax or appears in
the generated text (the published scoring lives in ``finstep.benchmarks.scoring``).
"""

from __future__ import annotations

import argparse
import json
import platform
import random
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "scripts"))

import torch  # noqa: E402
from finstep.benchmarks.protocols import prepare, run_protocol  # noqa: E402
from finstep.benchmarks.rows import BenchRow, write_rows  # noqa: E402
from finstep.io import read_jsonl  # noqa: E402
from finstep.models.loading import set_threads  # noqa: E402
from finstep.training.predict import load_student  # noqa: E402

SHARED = ROOT.parent / "shared" / "benchmarks"
LABELS = ("negative", "neutral", "positive")


def tfns_rows(count: int, seed: int) -> list[BenchRow]:
    """FinGPT's rows as they are (prompt ends in "Answer: "), a seeded sample."""
    records = list(read_jsonl(SHARED / "tfns" / "tfns_test.jsonl"))
    picked = sorted(random.Random(seed).sample(range(len(records)), count))
    return [BenchRow(f"tfns{i}", records[i]["context"], records[i]["target"], LABELS, {}) for i in picked]


def finqa_rows(count: int, seed: int) -> list[BenchRow]:
    """FinBen's FinQA rows: the human turn is the prompt, the assistant's the gold string."""
    records = list(read_jsonl(SHARED / "finqa" / "finqa_dev_pixiu.jsonl"))
    picked = sorted(random.Random(seed).sample(range(len(records)), count))
    rows = []
    for i in picked:
        turns = {turn["from"]: turn["value"] for turn in records[i]["conversations"]}
        rows.append(BenchRow(records[i]["id"], turns["human"], turns["assistant"], (), {}))
    return rows


def measure(model, tokenizer, student, rows, protocol, max_new_tokens, batch_size, folder) -> dict:
    path = Path(folder) / f"{rows[0].id}-{protocol}.jsonl"
    write_rows(path, rows)
    prepared = prepare(student, str(path), protocol, max_new_tokens)
    lengths = [len(tokenizer(p, add_special_tokens=False)["input_ids"]) for p in prepared.fitted.prompts]
    start = time.perf_counter()
    predictions = run_protocol(model, tokenizer, prepared, max_new_tokens, batch_size)
    seconds = time.perf_counter() - start
    return {
        "protocol": protocol,
        "rows": len(rows),
        "max_new_tokens": max_new_tokens if protocol == "generate" else None,
        "prompt_tokens_mean": round(sum(lengths) / len(lengths), 1),
        "prompt_tokens_max": max(lengths),
        "seconds": round(seconds, 2),
        "seconds_per_row": round(seconds / len(rows), 3),
        "predictions": predictions,
    }


def first_look(rows: list[BenchRow], result: dict) -> float:
    """Share of rows whose gold is the argmax (loglik) or appears, lower-cased, in the output (generate)."""
    hits = 0
    for row, prediction in zip(rows, result["predictions"], strict=True):
        if result["protocol"] == "loglik":
            hits += max(prediction["loglik"], key=prediction["loglik"].get) == row.gold
        else:
            hits += row.gold.lower() in prediction["output"].lower()
    return round(hits / len(rows), 3)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--model", default="/tmp/smollm2", help="the converted SmolLM2 folder")
    parser.add_argument("--tfns", type=int, default=40)
    parser.add_argument("--finqa", type=int, default=10)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--batch-size", type=int, default=8)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--no-4bit", action="store_true", help="load the base in fp32 instead of NF4")
    parser.add_argument("--out", help="write the measurements (and every raw output) here as JSON")
    args = parser.parse_args()

    set_threads(args.threads)
    student = {"model": args.model, "load_in_4bit": not args.no_4bit}
    start = time.perf_counter()
    model, tokenizer = load_student(student, None)
    load_seconds = time.perf_counter() - start
    tfns, finqa = tfns_rows(args.tfns, args.seed), finqa_rows(args.finqa, args.seed)
    runs = []
    with tempfile.TemporaryDirectory() as folder:
        for name, rows, protocol, new_tokens in [
            ("tfns", tfns, "generate", 16),
            ("tfns", tfns, "loglik", 16),
            ("finqa", finqa, "generate", 32),
        ]:
            result = measure(model, tokenizer, student, rows, protocol, new_tokens, args.batch_size, folder)
            result["benchmark"] = name
            if name == "tfns":
                result["gold_found_share"] = first_look(rows, result)
            runs.append(result)
            print(
                f"{name} {protocol}: {result['rows']} rows, {result['seconds']} s, "
                f"{result['seconds_per_row']} s a row (prompt {result['prompt_tokens_mean']} tokens on "
                f"average, {result['prompt_tokens_max']} at most)"
                + (f"; gold found in {result['gold_found_share']:.1%}" if name == "tfns" else "")
            )
    print(
        f"\nmodel load {load_seconds:.1f} s; torch threads {torch.get_num_threads()}, batch {args.batch_size}"
    )
    generated = runs[0]["predictions"][:10] + runs[2]["predictions"][:10]
    golds = {row.id: row.gold for row in tfns + finqa}
    print("\ntwenty raw outputs (gold | output):")
    for prediction in generated:
        print(f"  {prediction['id']}: {golds[prediction['id']]!r} | {prediction['output']!r}")
    print("\nloglik, first five TFNS rows (gold | log-likelihoods | tokens):")
    for prediction in runs[1]["predictions"][:5]:
        values = {k: round(v, 2) for k, v in prediction["loglik"].items()}
        print(f"  {prediction['id']}: {golds[prediction['id']]!r} | {values} | {prediction['tokens']}")
    if args.out:
        report = {
            "model": args.model,
            "load_in_4bit": student["load_in_4bit"],
            "threads": torch.get_num_threads(),
            "batch_size": args.batch_size,
            "seed": args.seed,
            "load_seconds": round(load_seconds, 2),
            "machine": platform.platform(),
            "torch": torch.__version__,
            "runs": runs,
        }
        Path(args.out).write_text(json.dumps(report, indent=2, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
