"""What a benchmark task plugin is: how a model's prediction becomes an answer, and answers become scores.

A task type (sentiment, numeric QA) is code; a benchmark (TFNS, FinQA) is a description
naming one. The scorer (``finstep.benchmarks.scoring``) asks a task for three things:
each row's answer from a prediction row (``answer_from_prediction``), a table of
per-example values computed once (``table``), and the corpus metrics of any set of
resamples of that table's examples (``resampled``): F1 is a corpus metric, so its
interval comes from recomputing it on resampled examples, never from averaging
per-example scores.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import ClassVar

import numpy as np

from ...errors import FinstepError
from ...evaluation.metrics.base import MetricKey
from ..extraction import loglik_label
from ..rows import BenchRow

PROTOCOLS = ("generate", "loglik")


class BenchmarkTask:
    """A task type. ``options`` is the benchmark's config entry (task, extraction, …)."""

    name: ClassVar[str] = ""
    protocols: ClassVar[tuple[str, ...]] = ("generate",)  # which of PROTOCOLS apply
    keys: ClassVar[dict[str, MetricKey]] = {}
    max_new_tokens: ClassVar[int] = 32  # generated tokens per row when the config sets none
    default_choices: ClassVar[tuple[str, ...]] = ()  # the label set when a description declares none

    def __init__(self, options: Mapping | None = None) -> None:
        self.options = dict(options or {})

    def describe(self) -> dict:
        """The settings that decide the scores, written beside them (the extraction rule, …)."""
        return {}

    def check_rows(self, rows: Sequence[BenchRow], where: str) -> None:
        """Refuse rows this task cannot score, in one line naming ``where`` and the first bad row."""
        if not rows:
            raise FinstepError(f"{where}: no rows to score; check the benchmark's source and max_examples")
        seen: set[str] = set()
        for row in rows:
            if row.id in seen:
                raise FinstepError(f"{where}: row id {row.id!r} appears twice; ids must be unique")
            seen.add(row.id)

    def keys_for(self, rows: Sequence[BenchRow]) -> dict[str, MetricKey]:
        """The keys these rows can be scored on (TAT-QA's official metric needs TAT-QA's metadata)."""
        return dict(self.keys)

    def answer(self, output: str, row: BenchRow) -> str | None:
        """The answer of a generated output; None when it gives none (missing)."""
        raise NotImplementedError

    def answer_from_prediction(self, prediction: Mapping, row: BenchRow, where: str) -> str | None:
        """The answer of one prediction row: read from ``output`` (generate), the likeliest choice (loglik)."""
        protocol = prediction.get("protocol")
        if protocol not in self.protocols:
            raise FinstepError(
                f"{where}: row {row.id!r} has protocol {protocol!r}, but task {self.name} scores "
                f"{' and '.join(self.protocols)} only"
            )
        if protocol == "loglik":
            scores = prediction.get("loglik")
            if not isinstance(scores, Mapping):
                raise FinstepError(f"{where}: row {row.id!r} has no loglik scores; rerun its prediction")
            return loglik_label(scores, row.choices, f"{where}: row {row.id!r}")
        output = prediction.get("output")
        if not isinstance(output, str):
            raise FinstepError(f"{where}: row {row.id!r} has no output text; rerun its prediction")
        return self.answer(output, row)

    def table(self, rows: Sequence[BenchRow], answers: Sequence[str | None]) -> dict[str, np.ndarray]:
        """Per-example arrays (length n), computed once, from which ``resampled`` recomputes every key."""
        raise NotImplementedError

    def resampled(self, table: dict[str, np.ndarray], indices: np.ndarray) -> dict[str, np.ndarray]:
        """Each key's corpus value on each resample: ``indices`` is (B, n), the result (B,) per key."""
        raise NotImplementedError

    def scores(self, rows: Sequence[BenchRow], answers: Sequence[str | None]) -> dict[str, float]:
        """Each key's corpus value on all rows."""
        everything = np.arange(len(rows))[None, :]
        return {
            key: float(values[0])
            for key, values in self.resampled(self.table(rows, answers), everything).items()
        }

    def answer_summary(self, rows: Sequence[BenchRow], answers: Sequence[str | None]) -> dict:
        """How the answers are distributed (labels and missing; empty outputs): a score's first sanity check."""
        return {"missing": sum(answer is None for answer in answers)}

    def explain(self, answer: str | None, row: BenchRow) -> dict:
        """What the sample listing shows beside an answer (the number read from it, …)."""
        return {}
