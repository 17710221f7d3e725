"""Accuracy of the final numeric answer on instruction sets whose examples carry one.

The answer read from free text is the first number after the last
``Answer:`` marker (the last number when there is none), correct within
``evaluation.accuracy_rel_tol`` of the exact value.
"""

from __future__ import annotations

from typing import ClassVar

from ..answers import final_answer, is_correct
from ..predictions import Example
from .base import Metric, MetricKey


class AccuracyMetric(Metric):
    keys: ClassVar[dict[str, MetricKey]] = {
        "answer_accuracy": MetricKey(
            "Answer accuracy", order=50, panel="quality", axis="share of examples", share=True
        )
    }

    def applies(self, examples: list[Example]) -> bool:
        return any(e.answer is not None for e in examples)

    def score(self, example: Example, output: str) -> dict[str, float | None]:
        if example.answer is None:
            return {"answer_accuracy": None}
        tolerance = float(self.options["accuracy_rel_tol"])
        return {"answer_accuracy": float(is_correct(final_answer(output), float(example.answer), tolerance))}
