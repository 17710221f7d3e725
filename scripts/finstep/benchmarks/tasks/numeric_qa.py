"""Numeric question answering (FinQA, TAT-QA): FinBen's EmAcc, a numeric accuracy, TAT-QA's official EM/F1.

- ``em_acc`` is FinBen's "EmAcc" exactly (PIXIU ``flare.py``, ``QA.process_results``): 1 when
  the stripped output equals the gold string, with no tolerance at all: "24.69" for FinQA's
  "24.69136" scores 0, and so do "24.69136." and "24.69136\\n\\nQuestion: …".
- ``numeric_acc`` reads the output's answer number and compares it with the gold at the
  precision either is printed with (``finstep.benchmarks.numeric_match`` states the rule).
- ``tatqa_em`` and ``tatqa_f1`` are TAT-QA's official metric (``finstep.benchmarks.tatqa_metric``),
  for rows whose metadata carries TAT-QA's annotation (``answer``, ``answer_type``, ``scale``);
  a set without it (FinQA) is not scored on them.

The answer of a generated output is the stripped output itself, as FinBen's; None when empty.

``max_new_tokens`` 32: FinBen generates up to lm-evaluation-harness's ``max_gen_toks`` (256)
until the end of text, but EmAcc only credits an output that is the gold and nothing more, and
the numeric and TAT-QA readings take the answer's first line: 32 tokens hold a number and a
short sentence around it ("The answer is $24.69 million.") at an eighth of the cost.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

import numpy as np

from ...errors import FinstepError
from ...evaluation.metrics.base import MetricKey
from ..numeric_match import answer_quantity, numeric_match, parse_gold
from ..rows import BenchRow
from ..tatqa_metric import ANSWER_TYPES, TATQA_SCALES, prediction_from_output, score_output
from .base import BenchmarkTask

TATQA_FIELDS = ("answer", "answer_type", "scale")
TATQA_KEYS = ("tatqa_em", "tatqa_f1")


def has_tatqa(row: BenchRow) -> bool:
    return all(field in row.metadata for field in TATQA_FIELDS)


class NumericQATask(BenchmarkTask):
    name = "numeric_qa"
    protocols = ("generate",)
    max_new_tokens = 32
    default_choices = ()
    keys: ClassVar[dict[str, MetricKey]] = {
        "em_acc": MetricKey("EmAcc (exact string)", order=10, axis="exact-match accuracy", share=True),
        "numeric_acc": MetricKey("Numeric accuracy", order=20, axis="numeric accuracy", share=True),
        "tatqa_em": MetricKey("TAT-QA EM", order=30, axis="TAT-QA exact match", share=True),
        "tatqa_f1": MetricKey("TAT-QA F1", order=40, axis="TAT-QA F1", share=True),
    }

    def check_rows(self, rows: Sequence[BenchRow], where: str) -> None:
        """Golds are non-empty; TAT-QA's annotation is on every row or on none, and well formed."""
        super().check_rows(rows, where)
        tatqa = has_tatqa(rows[0])
        for row in rows:
            if not row.gold.strip():
                raise FinstepError(f"{where}: row {row.id!r} has an empty gold answer")
            if has_tatqa(row) != tatqa:
                raise FinstepError(
                    f"{where}: row {row.id!r} {'lacks' if tatqa else 'has'} TAT-QA's "
                    f"{'/'.join(TATQA_FIELDS)} in its metadata, unlike row {rows[0].id!r}; "
                    "one set is scored one way"
                )
            if tatqa:
                self._check_tatqa(row, where)

    @staticmethod
    def _check_tatqa(row: BenchRow, where: str) -> None:
        meta = row.metadata
        if meta["answer_type"] not in ANSWER_TYPES or meta["scale"] not in TATQA_SCALES:
            raise FinstepError(
                f"{where}: row {row.id!r} has answer_type {meta['answer_type']!r} and scale {meta['scale']!r}; "
                f"TAT-QA's are {'/'.join(ANSWER_TYPES)} and {'/'.join(repr(s) for s in TATQA_SCALES)}"
            )
        if meta["answer_type"] in ("span", "multi-span") and not isinstance(meta["answer"], list):
            raise FinstepError(
                f"{where}: row {row.id!r}: a {meta['answer_type']} answer is a list, got {meta['answer']!r}"
            )

    def keys_for(self, rows: Sequence[BenchRow]) -> dict:
        keys = dict(self.keys)
        if not (rows and has_tatqa(rows[0])):
            for key in TATQA_KEYS:
                keys.pop(key)
        return keys

    def answer(self, output: str, row: BenchRow) -> str | None:
        return output.strip() or None

    def table(self, rows: Sequence[BenchRow], answers: Sequence[str | None]) -> dict[str, np.ndarray]:
        texts = [answer or "" for answer in answers]
        table = {
            "em_acc": np.array(
                [text == row.gold for text, row in zip(texts, rows, strict=True)], dtype=float
            ),
            "numeric_acc": np.array(
                [numeric_match(text, row.gold) for text, row in zip(texts, rows, strict=True)], dtype=float
            ),
        }
        if rows and has_tatqa(rows[0]):
            pairs = [score_output(row.metadata, text) for text, row in zip(texts, rows, strict=True)]
            table["tatqa_em"] = np.array([em for em, _ in pairs], dtype=float)
            table["tatqa_f1"] = np.array([f1 for _, f1 in pairs], dtype=float)
        return table

    def resampled(self, table: dict[str, np.ndarray], indices: np.ndarray) -> dict[str, np.ndarray]:
        return {key: values[indices].mean(axis=-1) for key, values in table.items()}

    def answer_summary(self, rows: Sequence[BenchRow], answers: Sequence[str | None]) -> dict:
        numeric = [
            (answer, row)
            for answer, row in zip(answers, rows, strict=True)
            if parse_gold(row.gold) is not None
        ]
        return {
            "empty": sum(answer is None for answer in answers),
            "no_number": sum(answer is None or answer_quantity(answer) is None for answer, _ in numeric),
            "numeric_golds": len(numeric),
        }

    def explain(self, answer: str | None, row: BenchRow) -> dict:
        quantity = answer_quantity(answer or "")
        shown: dict = {"number": quantity.text if quantity else None}
        if has_tatqa(row):
            prediction, scale = prediction_from_output(answer or "", row.metadata["answer_type"])
            shown["tatqa_prediction"] = {"answer": prediction, "scale": scale}
        return shown
