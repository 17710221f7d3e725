"""Format validity, answers that say nothing, empty outputs and output length: the first things to
read when ROUGE is odd."""

from __future__ import annotations

from typing import ClassVar

from ..answers import marked_answer
from ..predictions import Example, no_answer, summary_field
from .base import Metric, MetricKey


class ValidityMetric(Metric):
    keys: ClassVar[dict[str, MetricKey]] = {
        "format_valid": MetricKey(
            "Format validity", order=40, panel="quality", axis="share of examples", share=True
        ),
        # Empty, or a bare task tag or label ("[summary]"): a headline column, so that a base score
        # measured on answers that say nothing is read as such.
        "no_answer": MetricKey(
            "No answer",
            higher_is_better=False,
            order=42,
            panel="quality",
            axis="share of examples",
            share=True,
        ),
        # Drawn as part of "No answer"; kept apart for the empty-output guard's share.
        "empty": MetricKey("Empty outputs", higher_is_better=False, order=45, headline=False, share=True),
        "length_words": MetricKey("Output length (words)", order=90, headline=False),
    }

    def score(self, example: Example, output: str) -> dict[str, float | None]:
        if example.answer is not None:  # an answer the set can check: it must be marked "Answer: <number>"
            valid = marked_answer(output) is not None
        else:
            valid = summary_field(output, self.format) is not None
        return {
            "format_valid": float(valid),
            "no_answer": float(no_answer(output)),
            "empty": float(not output.strip()),
            "length_words": float(len(output.split())),
        }
