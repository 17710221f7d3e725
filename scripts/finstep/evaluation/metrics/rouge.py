"""ROUGE-1/2/L/Lsum F-measures of the summary an output gives against the reference summary."""

from __future__ import annotations

from typing import ClassVar

from ..examples import Example, summary_field
from ..rouge import rouge
from .base import Metric


class RougeMetric(Metric):
    keys: ClassVar[dict[str, str]] = {
        "rouge1": "ROUGE-1",
        "rouge2": "ROUGE-2",
        "rougeL": "ROUGE-L",
        "rougeLsum": "ROUGE-Lsum",
    }
    higher_is_better: ClassVar[dict[str, bool]] = dict.fromkeys(keys, True)

    def score(self, example: Example, output: str) -> dict[str, float | None]:
        # The summary field on both sides, never a rationale against a summary. An output that
        # does not follow the format is scored whole: format validity reports the failure itself.
        reference = summary_field(example.reference, self.format) or example.reference
        prediction = summary_field(output, self.format) or output
        return rouge(prediction, reference)
