"""Score one (student, dataset) pair: base and tuned side by side (rule ``score``)."""

from __future__ import annotations

import csv
import json
import logging
from dataclasses import asdict

from tqdm import tqdm

from ..config_schema import defaults
from ..datasets.predicted import predicted_rows
from ..io import atomic_open, read_json, read_jsonl, write_json
from .bootstrap import BootstrapSettings, mean_ci, paired_difference
from .metrics import build_metrics
from .predictions import Example, check, join

log = logging.getLogger("finstep.evaluation")

VARIANTS = ("base", "tuned")
SUMMARY_COLUMNS = ("student", "dataset", "metric", "label", "variant", "mean", "low", "high", "n")


def score_examples(
    examples: list[Example],
    metric_names: list[str],
    options: dict,
    info: dict,
    settings: BootstrapSettings | None = None,
) -> dict:
    """Metric key → how it reads (``MetricKey``'s fields), then base, tuned[, reference], delta: means with CIs and n."""
    settings = settings or BootstrapSettings.from_options(options.get("bootstrap"))
    results: dict[str, dict] = {}
    for metric in build_metrics(metric_names, options, info):
        if not metric.applies(examples):
            log.info("%s does not apply to this dataset; skipped", type(metric).__name__)
            continue
        variants = [*VARIANTS, "reference"] if metric.scores_reference else list(VARIANTS)
        scores = {
            variant: [
                metric.score_variant(e, variant)
                for e in tqdm(examples, desc=f"{type(metric).__name__} {variant}", unit="example")
            ]
            for variant in variants
        }
        for key, spec in metric.keys.items():
            entry: dict = asdict(spec)
            for variant in variants:
                entry[variant] = mean_ci([s[key] for s in scores[variant] if s[key] is not None], settings)
            pairs = [
                (b[key], t[key])
                for b, t in zip(scores["base"], scores["tuned"], strict=True)
                if b[key] is not None and t[key] is not None
            ]
            entry["delta"] = paired_difference([b for b, _ in pairs], [t for _, t in pairs], settings)
            results[key] = entry
    return results


def samples(examples: list[Example], k: int) -> list[dict]:
    """``k`` examples spread evenly over the test split, with what each model wrote: to be read by eye.

    Numbers say how far a model is from its references; only the texts show why
    (a template echoed, a copy of the wrong sentence, a number made up).
    """
    count = min(k, len(examples))
    if count <= 0:
        return []
    picks = sorted({round(i * (len(examples) - 1) / max(count - 1, 1)) for i in range(count)})
    return [{"id": examples[i].id, "reference": examples[i].reference, **examples[i].outputs} for i in picks]


def _sources(triplets_path: str | None) -> dict[str, str] | None:
    if not triplets_path:
        return None
    return {str(row["id"]): row["text"] for row in read_jsonl(triplets_path)}


def score_pair(
    student: str,
    dataset: str,
    info_path: str,
    test_path: str,
    predictions: dict[str, str],
    triplets_path: str | None,
    options: dict,
    out: str,
    prediction: dict | None = None,
) -> None:
    """Join, guard, score, and write ``results/metrics/{student}/{dataset}.json``.

    ``prediction`` are the pair's prediction settings: its ``max_examples`` and ``seed``
    draw the test rows the predict rule drew (``predicted_rows``).
    """
    options = {**defaults("evaluation"), **options}
    prediction = {**defaults("prediction"), **(prediction or {})}
    info = read_json(info_path)
    paths = {"test": test_path, **predictions}
    test_rows, drawn = predicted_rows(
        list(read_jsonl(test_path)), prediction["max_examples"], int(prediction["seed"])
    )
    examples = join(
        test_rows,
        {variant: list(read_jsonl(path)) for variant, path in predictions.items()},
        paths,
        _sources(triplets_path),
    )
    guards = check(examples, paths, float(options["max_empty_share"]))
    settings = BootstrapSettings.from_options(options.get("bootstrap"))
    metrics = score_examples(examples, list(options.get("metrics") or []), options, info, settings)
    write_json(
        out,
        {
            "student": student,
            "dataset": dataset,
            "kind": info.get("kind"),
            "format": info.get("format"),
            "train_size": info.get("sizes", {}).get("train"),
            "train_examples": info.get("tasks", {}).get("train", {}),
            "n": len(examples),
            # The test rows predicted: n of the split's rows, drawn with seed by 10-K Item (strata).
            "test_rows": drawn,
            # The files scored (a copy, for a pair that shares another's base predictions).
            "predictions": dict(predictions),
            "bootstrap": {
                "samples": settings.samples,
                "confidence": settings.confidence,
                "seed": settings.seed,
            },
            "guards": guards,
            "metrics": metrics,
            "samples": samples(examples, int(options["samples"])),
        },
    )
    headline = {
        key: round(m["tuned"]["mean"], 4) for key, m in metrics.items() if m["tuned"]["mean"] is not None
    }
    log.info("%s/%s: %d examples; tuned %s", student, dataset, len(examples), json.dumps(headline))


def summary_rows(metrics: dict) -> list[dict]:
    """One row per (metric, variant) of one pair's metrics file: the tidy form plotting tools want."""
    rows = []
    for key, entry in metrics["metrics"].items():
        for variant in ("base", "tuned", "reference", "delta"):
            if variant in entry:
                stats = entry[variant]
                rows.append(
                    {
                        "student": metrics["student"],
                        "dataset": metrics["dataset"],
                        "metric": key,
                        "label": entry["label"],
                        "variant": variant,
                        **{k: stats[k] for k in ("mean", "low", "high", "n")},
                    }
                )
    return rows


def write_summary(paths: list[str], out: str) -> None:
    """``results/metrics/summary.csv``: every pair's metrics, one row per metric and variant."""
    with atomic_open(out) as handle:
        writer = csv.DictWriter(handle, fieldnames=SUMMARY_COLUMNS, lineterminator="\n")
        writer.writeheader()
        for path in paths:
            writer.writerows(summary_rows(read_json(path)))
    log.info("%d pairs in %s", len(paths), out)
