"""The default run's sentiment pair under other step budgets, learning rates and seeds.

Usage: python benchmarks/sentiment_budget.py --results RESULTS --steps 60 --lr 1e-3 --seed 0
       [--batch-size 2 --grad-accum 2] [--threads 1] [--work /tmp/sentiment-budget] [--out FILE.json]

Reads a default run's results folder (its converted student, ``datasets/tfns_sentiment`` and
the scored TFNS rows ``benchmarks/tfns/rows.jsonl`` with the base's predictions under
``benchmarks/tfns/smollm2/base/``), trains the pair's adapter as rule ``train`` does
(``train.train_adapter``, the default config's student and training keys with this run's
steps, learning rate and seed), predicts the scored rows with both protocols as rule
``benchmark_predict`` does, and scores them against the base with paired intervals as rule
``benchmark_score`` does. Each setting is one process: run several side by side with
``--threads 1`` (scores only; the times it logs are then not the machine's).
Appends one JSON line per setting to ``--out``.
"""

from __future__ import annotations

import argparse
import collections
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "scripts"))

import yaml  # noqa: E402
from finstep.models.loading import set_threads  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--results", type=Path, required=True)
    parser.add_argument("--steps", type=int, default=60)
    parser.add_argument("--lr", type=float, default=1e-3)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--batch-size", type=int, default=2)
    parser.add_argument("--grad-accum", type=int, default=2)
    parser.add_argument("--threads", type=int, default=1)
    parser.add_argument("--work", type=Path, default=Path("/tmp/sentiment-budget"))
    parser.add_argument("--out", type=Path, default=ROOT / "benchmarks/results/sentiment-budget.jsonl")
    args = parser.parse_args()
    set_threads(args.threads)

    from finstep.benchmarks.description import benchmark_configs
    from finstep.benchmarks.extraction import first_label
    from finstep.benchmarks.protocols import predict_benchmark
    from finstep.benchmarks.score_job import score_student
    from finstep.training.train import train_adapter

    config = yaml.safe_load((ROOT / "config/config.yaml").read_text())
    student = dict(config["students"]["smollm2"], model=str(args.results / "models/smollm2-135m-instruct"))
    training = {key: value for key, value in config["training"].items()}
    training.update(
        max_steps=args.steps,
        learning_rate=args.lr,
        seed=args.seed,
        batch_size=args.batch_size,
        grad_accum=args.grad_accum,
    )
    tag = f"steps{args.steps}-lr{args.lr:g}-seed{args.seed}-b{args.batch_size}x{args.grad_accum}"
    work = args.work / tag
    adapter = work / "adapter"
    if not (adapter / "adapter_model.safetensors").exists():
        train_adapter(
            student,
            "tfns_sentiment",
            str(args.results / "datasets/tfns_sentiment"),
            training,
            str(adapter),
            str(work / "checkpoints"),
        )
    rows = args.results / "benchmarks/tfns/rows.jsonl"
    base = args.results / "benchmarks/tfns/smollm2/base"
    predictions = {"base": {}, "tuned": {}}
    for protocol in ("generate", "loglik"):
        out = work / f"{protocol}.jsonl"
        if not out.exists():
            predict_benchmark(student, str(adapter), str(rows), protocol, str(out), max_new_tokens=16)
        predictions["base"][protocol] = str(base / f"{protocol}.jsonl")
        predictions["tuned"][protocol] = str(out)
    options = benchmark_configs({"tfns": config["benchmarks"]["tfns"]}, ROOT)["tfns"]
    score_student(
        "tfns",
        "smollm2",
        options,
        str(rows),
        str(args.results / "benchmarks/tfns/rows.json"),
        predictions,
        config.get("evaluation", {}).get("bootstrap", {}),
        str(work / "score.json"),
    )
    scores = json.loads((work / "score.json").read_text())
    outputs = [json.loads(line) for line in (work / "generate.jsonl").open()]
    record = {
        "setting": tag,
        "training": training,
        "train_loss": json.loads((adapter / "run.json").read_text()).get("train_loss"),
        "answers": collections.Counter(first_label(o["output"], options["choices"]) for o in outputs),
        **{
            protocol: {
                variant: {
                    key: stats["metrics"][key]["value"] for key in ("f1_weighted", "accuracy", "f1_macro")
                }
                | ({"delta_f1_weighted": stats["delta"]["f1_weighted"]} if stats.get("delta") else {})
                for variant, stats in result["variants"].items()
            }
            for protocol, result in scores["protocols"].items()
        },
    }
    args.out.parent.mkdir(parents=True, exist_ok=True)
    with args.out.open("a", encoding="utf-8") as handle:
        handle.write(json.dumps(record) + "\n")
    print(json.dumps(record, indent=1))


if __name__ == "__main__":
    main()
