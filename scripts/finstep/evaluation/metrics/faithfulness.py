"""Numeric faithfulness: the share of a summary's numbers that its source chunk does not state.

Scored for the teacher's reference summaries too, so a hallucinating
teacher shows up before its students inherit the habit.
"""

from __future__ import annotations

from typing import ClassVar

from ..numbers import check_numbers
from ..predictions import Example, summary_field
from .base import Metric, MetricKey


class FaithfulnessMetric(Metric):
    keys: ClassVar[dict[str, MetricKey]] = {
        "unsupported_numbers": MetricKey(
            "Unsupported numbers",
            higher_is_better=False,
            order=30,
            panel="quality",
            axis="share of numbers",
            share=True,
        )
    }
    scores_reference = True

    def applies(self, examples: list[Example]) -> bool:
        return bool(examples) and all(e.source is not None for e in examples)

    def score(self, example: Example, output: str) -> dict[str, float | None]:
        summary = summary_field(output, self.format) or ""
        return {"unsupported_numbers": check_numbers(summary, example.source or "").share}
