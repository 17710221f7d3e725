"""What a metric plugin is: per-example scores of one output, which the scorer averages with CIs."""

from __future__ import annotations

from typing import ClassVar

from ..predictions import Example


class Metric:
    """A metric named in ``evaluation.metrics``.

    ``score`` returns, for one example and one output (a model's, or the
    reference when ``scores_reference``), a value per key, or None where the
    example has nothing to score (a summary without numbers has no
    hallucination rate). The scorer averages each key over the examples with a
    bootstrap interval, and pairs base with tuned on the same examples.
    """

    keys: ClassVar[dict[str, str]] = {}  # key → label for tables and figures
    higher_is_better: ClassVar[dict[str, bool]] = {}
    scores_reference: ClassVar[bool] = False

    def __init__(self, options: dict, info: dict) -> None:
        self.options = options  # the evaluation section of config
        self.info = info  # the dataset's split.json: kind, format, sizes
        self.format = str(info.get("format") or "")

    def applies(self, examples: list[Example]) -> bool:
        return True

    def score(self, example: Example, output: str) -> dict[str, float | None]:
        raise NotImplementedError

    def score_variant(self, example: Example, variant: str) -> dict[str, float | None]:
        """Scores of one variant's output ("base", "tuned") or of the reference; most metrics read the text."""
        return self.score(example, example.reference if variant == "reference" else example.outputs[variant])
