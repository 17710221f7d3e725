"""What a metric plugin is: per-example scores of one output, which the scorer averages with CIs."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from ...config_schema import defaults
from ..predictions import Example


@dataclass(frozen=True)
class MetricKey:
    """How one score reads wherever it is shown; written into every metrics file beside the score.

    The table, the model cards and the figures read these, so a registered
    metric reaches them without code of theirs naming it.
    """

    label: str
    higher_is_better: bool = True
    order: int = 100  # place among the shown keys: table columns, card rows, figure panels
    headline: bool = True  # a column of the main table and a row of each model card
    panel: str | None = None  # the figure it is drawn in ("rouge", "quality"); None: none
    axis: str = ""  # the y-axis label of its panel
    share: bool = False  # a share of 0..1: its panel's axis runs from 0 to 1


class Metric:
    """A metric named in ``evaluation.metrics``.

    ``score`` returns, for one example and one output (a model's, or the
    reference when ``scores_reference``), a value per key, or None where the
    example has nothing to score (a summary without numbers has no
    hallucination rate). The scorer averages each key over the examples with a
    bootstrap interval, and pairs base with tuned on the same examples.
    """

    keys: ClassVar[dict[str, MetricKey]] = {}
    scores_reference: ClassVar[bool] = False

    def __init__(self, options: dict, info: dict) -> None:
        self.options = {**defaults("evaluation"), **options}  # the evaluation section of config
        self.info = info  # the dataset's split.json: kind, format, sizes
        self.format = str(info.get("format") or "")

    def applies(self, examples: list[Example]) -> bool:
        return True

    def score(self, example: Example, output: str) -> dict[str, float | None]:
        raise NotImplementedError

    def score_variant(self, example: Example, variant: str) -> dict[str, float | None]:
        """Scores of one variant's output ("base", "tuned") or of the reference; most metrics read the text."""
        return self.score(example, example.reference if variant == "reference" else example.outputs[variant])
