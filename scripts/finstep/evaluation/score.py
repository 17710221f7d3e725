"""Score one (student, dataset) pair: base and tuned side by side, and the DPO adapter where the
pair has a DPO stage (rule ``score``)."""

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
from .preferences import held_out_preferences

log = logging.getLogger("finstep.evaluation")

VARIANTS = ("base", "tuned")
# A pair with a DPO stage: its DPO adapter's predictions on the same test rows.
DPO = "dpo"
# Paired differences, name → (before, after): base → SFT always; SFT → DPO and base → DPO with a DPO stage.
DELTAS = {"delta": ("base", "tuned"), "delta_dpo": ("tuned", DPO), "delta_base_dpo": ("base", DPO)}
SUMMARY_COLUMNS = ("student", "dataset", "metric", "label", "variant", "mean", "low", "high", "n")


def score_examples(
    examples: list[Example],
    metric_names: list[str],
    options: dict,
    info: dict,
    settings: BootstrapSettings | None = None,
) -> dict:
    """Metric key → how it reads (``MetricKey``'s fields), then base, tuned[, dpo][, reference] and the
    paired differences (``DELTAS``: delta, and with dpo outputs delta_dpo and delta_base_dpo): means with CIs and n."""
    settings = settings or BootstrapSettings.from_options(options.get("bootstrap"))
    models = [*VARIANTS, DPO] if examples and all(DPO in e.outputs for e in examples) else list(VARIANTS)
    deltas = {name: pair for name, pair in DELTAS.items() if set(pair) <= set(models)}
    results: dict[str, dict] = {}
    for metric in build_metrics(metric_names, options, info):
        if not metric.applies(examples):
            log.info("%s does not apply to this dataset; skipped", type(metric).__name__)
            continue
        variants = [*models, "reference"] if metric.scores_reference else models
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
            for name, (before, after) in deltas.items():
                pairs = [
                    (b[key], a[key])
                    for b, a in zip(scores[before], scores[after], strict=True)
                    if b[key] is not None and a[key] is not None
                ]
                entry[name] = paired_difference([b for b, _ in pairs], [a for _, a in pairs], settings)
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
    dpo_run: str | None = None,
) -> None:
    """Join, guard, score, and write ``results/metrics/{student}/{dataset}.json``.

    ``prediction`` are the pair's prediction settings: its ``max_examples`` and ``seed``
    draw the test rows the predict rule drew (``predicted_rows``). ``predictions``: variant
    → file, base and tuned, and dpo for a pair with a DPO stage, whose ``run.json`` (``dpo_run``)
    gives the held-out preference accuracy (``preferences.held_out_preferences``).
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
    extra = {}
    if dpo_run:
        run = read_json(dpo_run)
        beta = float(run["hyperparameters"]["beta"])
        extra["held_out_preferences"] = held_out_preferences(run.get("held_out"), beta, settings)
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
            **extra,
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
        for variant in ("base", "tuned", DPO, "reference", *DELTAS):
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
