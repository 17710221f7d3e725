"""Score one student on one benchmark: every variant (base, each adapter), each protocol apart.

Every key is a corpus metric of the answers (accuracy, F1, EmAcc), computed on all rows for its
value; its 95% interval resamples the *examples* (indices drawn with replacement by
``numpy.random.default_rng(seed)``, ``samples`` times) and recomputes the corpus metric on each
resample, the percentile interval of those values. F1 of a resample is not the mean of
per-example F1s, which is why nothing is averaged per example here.

A variant's difference from the base is paired: both are recomputed on the *same* resamples and
the interval is that of the per-resample differences, far tighter than two overlapping
intervals suggest. Protocols never mix: each protocol's answers are scored, and compared with
the base, only against the same protocol's; the published anchors sit beside numbers of their
own protocol only.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import asdict

import numpy as np

from ..errors import FinstepError
from ..evaluation.bootstrap import BootstrapSettings
from .rows import BenchRow
from .tasks.base import BenchmarkTask

BASE = "base"
PROMPT_TAIL = 300  # characters of the prompt shown with a sample: the question, not the context


def as_row(row: BenchRow | Mapping, where: str) -> BenchRow:
    return row if isinstance(row, BenchRow) else BenchRow.from_json(dict(row), where)


def resample_indices(n: int, settings: BootstrapSettings) -> np.ndarray:
    """(samples, n) example indices drawn with replacement: the resamples every variant shares."""
    return np.random.default_rng(settings.seed).integers(0, n, size=(settings.samples, n))


def _interval(values: np.ndarray, settings: BootstrapSettings) -> tuple[float, float]:
    tail = (1 - settings.confidence) / 2
    low, high = np.quantile(values, [tail, 1 - tail])
    return float(low), float(high)


def _stat(point: float, resampled: np.ndarray | None, settings: BootstrapSettings) -> dict:
    if resampled is None:
        return {"value": point, "low": None, "high": None}
    low, high = _interval(resampled, settings)
    return {"value": point, "low": low, "high": high}


def join(
    rows: Sequence[BenchRow], predictions: Sequence[Mapping], protocol: str, where: str
) -> list[Mapping]:
    """The prediction rows in the rows' order; a missing, extra, repeated or mislabelled row is an error."""
    by_id: dict[str, Mapping] = {}
    for prediction in predictions:
        key = str(prediction.get("id"))
        if key in by_id:
            raise FinstepError(f"{where}: row {key!r} is predicted twice; rerun this prediction")
        if prediction.get("protocol") != protocol:
            raise FinstepError(
                f"{where}: row {key!r} is a {prediction.get('protocol')!r} prediction in the {protocol} "
                "predictions; protocols are never mixed"
            )
        by_id[key] = prediction
    ids = {row.id for row in rows}
    missing = [row.id for row in rows if row.id not in by_id]
    if missing:
        raise FinstepError(
            f"{where}: {len(missing)} of {len(rows)} rows have no prediction (first: {missing[0]!r}); "
            "the rows changed since this prediction: rerun it"
        )
    extra = [key for key in by_id if key not in ids]
    if extra:
        raise FinstepError(
            f"{where}: {len(extra)} predictions for rows that are not in the benchmark (first: {extra[0]!r}); "
            "the rows changed since this prediction: rerun it"
        )
    return [by_id[row.id] for row in rows]


def _sample_rows(n: int, k: int) -> list[int]:
    """``k`` rows spread evenly over the set: to be read by eye, not chosen."""
    count = min(k, n)
    if count <= 0:
        return []
    return sorted({round(i * (n - 1) / max(count - 1, 1)) for i in range(count)})


def _shown_output(prediction: Mapping) -> object:
    if prediction.get("protocol") == "loglik":
        return {choice: round(float(score), 4) for choice, score in prediction["loglik"].items()}
    return prediction.get("output")


def _paired(
    after: str,
    before: str,
    point: Mapping[str, Mapping[str, float]],
    resampled: Mapping[str, Mapping[str, np.ndarray]],
    keys: Mapping[str, object],
    settings: BootstrapSettings,
) -> dict:
    """``after`` − ``before`` on the full rows and on the same resamples (none below two rows)."""
    return {
        key: _stat(
            point[after][key] - point[before][key],
            resampled[after][key] - resampled[before][key] if resampled else None,
            settings,
        )
        for key in keys
    }


def score_benchmark(
    rows: Sequence[BenchRow | Mapping],
    predictions: Mapping[str, Mapping[str, Sequence[Mapping]]],
    task: BenchmarkTask,
    settings: BootstrapSettings,
    samples: int = 5,
    paths: Mapping[str, Mapping[str, str]] | None = None,
) -> dict:
    """Scores of every variant and protocol with resampled intervals and paired deltas vs the base.

    ``predictions``: variant → protocol → prediction rows (any order; joined by id).
    ``paths``: the same nesting → the file each came from, for error messages.
    """
    rows = [as_row(row, f"benchmark row {i}") for i, row in enumerate(rows, 1)]
    task.check_rows(rows, "benchmark rows")
    keys = task.keys_for(rows)
    n = len(rows)
    indices = resample_indices(n, settings) if n >= 2 else None
    protocols: dict[str, dict] = {}
    shown = _sample_rows(n, samples)
    listing = [
        {"id": rows[i].id, "prompt_tail": rows[i].prompt[-PROMPT_TAIL:], "gold": rows[i].gold, "outputs": {}}
        for i in shown
    ]
    for protocol in sorted({p for by_protocol in predictions.values() for p in by_protocol}):
        if protocol not in task.protocols:
            raise FinstepError(
                f"task {task.name} scores {' and '.join(task.protocols)} predictions, not {protocol!r}; "
                "drop it from the benchmark's protocols"
            )
        variants = [v for v in predictions if protocol in predictions[v]]
        variants.sort(key=lambda v: (v != BASE, v))
        point: dict[str, dict[str, float]] = {}
        resampled: dict[str, dict[str, np.ndarray]] = {}
        result: dict[str, dict] = {}
        for variant in variants:
            where = (paths or {}).get(variant, {}).get(protocol) or f"{variant} {protocol} predictions"
            joined = join(rows, predictions[variant][protocol], protocol, where)
            answers = [
                task.answer_from_prediction(p, row, where) for p, row in zip(joined, rows, strict=True)
            ]
            table = task.table(rows, answers)
            everything = task.resampled(table, np.arange(n)[None, :])
            point[variant] = {key: float(everything[key][0]) for key in keys}
            if indices is not None:
                drawn = task.resampled(table, indices)
                resampled[variant] = {key: drawn[key] for key in keys}
            result[variant] = {
                "metrics": {
                    key: _stat(point[variant][key], resampled.get(variant, {}).get(key), settings)
                    for key in keys
                },
                "answers": task.answer_summary(rows, answers),
            }
            for entry, i in zip(listing, shown, strict=True):
                entry["outputs"].setdefault(protocol, {})[variant] = {
                    "output": _shown_output(joined[i]),
                    "answer": answers[i],
                    **task.explain(answers[i], rows[i]),
                }
        for variant in variants:
            if variant != BASE and BASE in point:
                result[variant]["delta"] = _paired(variant, BASE, point, resampled, keys, settings)
            # An adapter that continues another ("distill_summary/dpo", DPO after the SFT adapter
            # "distill_summary"): its difference from the one it continues, on the same resamples.
            before = variant.rpartition("/")[0]
            if before in point:
                result[variant]["continues"] = before
                result[variant]["delta_continued"] = _paired(
                    variant, before, point, resampled, keys, settings
                )
        protocols[protocol] = {"variants": result}
    return {
        "task": task.options.get("task") or task.name,
        "task_options": task.describe(),
        "n": n,
        "bootstrap": {
            "samples": settings.samples,
            "confidence": settings.confidence,
            "seed": settings.seed,
            "method": "percentile; examples resampled, corpus metric recomputed; deltas paired on the same resamples",
        },
        "protocols": protocols,
        "keys": {key: asdict(spec) for key, spec in keys.items()},
        "samples": listing,
    }
