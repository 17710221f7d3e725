"""Format validity, empty outputs and output length: the first things to read when ROUGE is odd."""

from __future__ import annotations

from typing import ClassVar

from ..answers import marked_answer
from ..predictions import Example, summary_field
from .base import Metric, MetricKey


class ValidityMetric(Metric):
    keys: ClassVar[dict[str, MetricKey]] = {
        "format_valid": MetricKey(
            "Format validity", order=40, panel="quality", axis="share of examples", share=True
        ),
        "empty": MetricKey(
            "Empty outputs",
            higher_is_better=False,
            order=45,
            headline=False,
            panel="quality",
            axis="share of examples",
            share=True,
        ),
        "length_words": MetricKey("Output length (words)", order=90, headline=False),
    }

    def score(self, example: Example, output: str) -> dict[str, float | None]:
        if example.answer is not None:  # an answer the set can check: it must be marked "Answer: <number>"
            valid = marked_answer(output) is not None
        else:
            valid = summary_field(output, self.format) is not None
        return {
            "format_valid": float(valid),
            "empty": float(not output.strip()),
            "length_words": float(len(output.split())),
        }
