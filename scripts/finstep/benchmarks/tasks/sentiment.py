"""Sentiment classification (FPB, FiQA-SA, TFNS, NWGI): accuracy, weighted and macro F1, missing rate.

Scored exactly as the published tables: by default FinBen's rule (the first label found in
the lower-cased output, else missing; F1 over the labels present in the gold), or with
``extraction: fingpt`` FinGPT's (positive, else negative, else neutral; never missing; F1
over every label found, scikit-learn's default). ``finstep.benchmarks.extraction`` and
``finstep.benchmarks.classification`` give the rules and the definitions.

``max_new_tokens`` 16: FinGPT generates 10 new tokens on TFNS (``tfns.py``) and up to 512
tokens of prompt and answer on FPB and NWGI; FinBen lets lm-evaluation-harness generate up to
its ``max_gen_toks`` (256) until the end of text. Both rules read the label where the answer
opens, and a chat model's whole sentence ("The sentiment of this tweet is positive.") is 9
tokens, so 16 keeps every answer seen while a CPU run stays short.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from typing import ClassVar

import numpy as np

from ...errors import FinstepError
from ...evaluation.metrics.base import MetricKey
from ..classification import cells, confusion_from_cells, encode, scores_from_confusion
from ..extraction import RULES, check_rule
from ..rows import BenchRow
from .base import BenchmarkTask

DEFAULT_EXTRACTION = "first_label"  # FinBen's rule; config: benchmarks.<name>.extraction
# Which labels F1 averages over, as the code that published each rule's numbers did.
F1_LABELS = {"first_label": "gold", "fingpt": "present"}


class SentimentTask(BenchmarkTask):
    name = "sentiment"
    protocols = ("generate", "loglik")
    max_new_tokens = 16
    default_choices = ("negative", "neutral", "positive")
    keys: ClassVar[dict[str, MetricKey]] = {
        "f1_weighted": MetricKey("Weighted F1", order=10, axis="weighted F1", share=True),
        "accuracy": MetricKey("Accuracy", order=20, axis="accuracy", share=True),
        "f1_macro": MetricKey("Macro F1", order=30, axis="macro F1", share=True),
        "missing": MetricKey(
            "Missing answers", higher_is_better=False, order=40, axis="share missing", share=True
        ),
    }

    def __init__(self, options=None) -> None:
        super().__init__(options)
        self.extraction = str(self.options.get("extraction") or DEFAULT_EXTRACTION)
        self.classes: tuple[str, ...] = ()

    def describe(self) -> dict:
        return {"extraction": self.extraction, "f1_labels": F1_LABELS.get(self.extraction)}

    def check_rows(self, rows: Sequence[BenchRow], where: str) -> None:
        """Every row has the same label set, its gold among them, and the extraction rule can produce them."""
        super().check_rows(rows, where)
        labels = set(rows[0].choices)
        if not labels:
            raise FinstepError(
                f"{where}: row {rows[0].id!r} has no choices; a sentiment row lists its labels"
            )
        for row in rows:
            if set(row.choices) != labels:
                raise FinstepError(
                    f"{where}: row {row.id!r} has choices {list(row.choices)}, row {rows[0].id!r} "
                    f"{list(rows[0].choices)}; one set has one label set"
                )
            if row.gold not in labels:
                raise FinstepError(
                    f"{where}: row {row.id!r} has gold {row.gold!r}, not one of {'/'.join(rows[0].choices)}; "
                    "map it with label_map or declare it in choices"
                )
        check_rule(self.extraction, rows[0].choices, where)
        self.classes = tuple(rows[0].choices)

    def answer(self, output: str, row: BenchRow) -> str | None:
        return RULES[self.extraction](output, row.choices)

    def _classes(self, rows: Sequence[BenchRow]) -> tuple[str, ...]:
        return self.classes or tuple(rows[0].choices)

    def table(self, rows: Sequence[BenchRow], answers: Sequence[str | None]) -> dict[str, np.ndarray]:
        """Each example's confusion-matrix cell (gold label × answer, missing its own column)."""
        self.classes = self._classes(rows)
        gold = encode([row.gold for row in rows], self.classes)
        return {"cell": cells(gold, encode(list(answers), self.classes), len(self.classes))}

    def resampled(self, table: dict[str, np.ndarray], indices: np.ndarray) -> dict[str, np.ndarray]:
        counts = confusion_from_cells(table["cell"][indices], len(self.classes))
        return scores_from_confusion(counts, F1_LABELS[self.extraction])

    def answer_summary(self, rows: Sequence[BenchRow], answers: Sequence[str | None]) -> dict:
        counts = Counter(answer for answer in answers if answer is not None)
        return {
            **{label: counts.get(label, 0) for label in self._classes(rows)},
            "missing": sum(a is None for a in answers),
        }
