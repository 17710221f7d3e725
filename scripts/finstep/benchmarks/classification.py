"""Accuracy, weighted and macro F1 and the missing rate, on many resamples at once.

The definitions are scikit-learn's (``accuracy_score``; ``f1_score`` with ``average="weighted"`` or
``"macro"``, ``zero_division`` left at its default, which scores an undefined F1 as 0), so the numbers
equal what the published code computes; the tests check them against scikit-learn itself. They are
rewritten here over integer-coded labels, because a 95% interval needs the corpus metric recomputed
on every resample: one confusion matrix per resample from a single ``bincount`` makes 1,000
resamples of 4,000 rows take tens of milliseconds, where 1,000 calls of ``f1_score`` take minutes.

Labels are coded 0..K-1 in the task's label order; a missing answer is ``MISSING`` (-1), counted
as a class of its own (column K) that no gold row has.

Which labels F1 averages over is where the published protocols differ:

- ``labels="gold"`` (FinBen / PIXIU, ``flare.py``: ``f1_score(golds, preds, labels=list(set(golds)))``):
  the labels present among the gold answers. A missing answer is then a false negative of its gold
  label and a false positive of nothing; a label no gold row has is left out of both averages.
- ``labels="present"`` (FinGPT: ``f1_score`` with no ``labels``): scikit-learn's default, every label
  found among gold or predicted answers, so a predicted label absent from the gold enters the macro
  average with F1 0 (and the weighted one with weight 0). A missing answer, if any, is such a label.

Weighted F1 is the same under both (a label without gold rows weighs 0); macro F1 is not. Each is
recomputed from its own resample's labels, as the published code would on that resample.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

MISSING = -1
LABEL_SETS = ("gold", "present")


def encode(labels: Sequence[str | None], classes: Sequence[str]) -> np.ndarray:
    """Integer codes of ``labels`` in ``classes``' order; None (missing) → ``MISSING``."""
    index = {label: i for i, label in enumerate(classes)}
    try:
        return np.fromiter(
            (MISSING if label is None else index[label] for label in labels),
            dtype=np.int64,
            count=len(labels),
        )
    except KeyError as exc:
        raise ValueError(f"label {exc.args[0]!r} is not one of {list(classes)}") from None


def cells(gold: np.ndarray, pred: np.ndarray, n_classes: int) -> np.ndarray:
    """Each example's confusion-matrix cell, gold * (K + 1) + answer, so that resampling moves one array."""
    pred = np.where(np.asarray(pred) < 0, n_classes, pred)
    return np.asarray(gold) * (n_classes + 1) + pred


def confusion_from_cells(cell: np.ndarray, n_classes: int) -> np.ndarray:
    """Counts[b, g, p] of each row b of a (B, n) cell array (p = K: missing), with one ``bincount``."""
    cell = np.atleast_2d(cell)
    size = (n_classes + 1) ** 2
    flat = cell + np.arange(cell.shape[0], dtype=cell.dtype)[:, None] * size
    counts = np.bincount(flat.ravel(), minlength=cell.shape[0] * size)
    return counts.reshape(cell.shape[0], n_classes + 1, n_classes + 1)


def scores_from_confusion(counts: np.ndarray, labels: str = "gold") -> dict[str, np.ndarray]:
    """accuracy, f1_weighted, f1_macro and missing for each (width × width) matrix of ``counts``."""
    if labels not in LABEL_SETS:
        raise ValueError(f"labels must be one of {LABEL_SETS}, got {labels!r}")
    counts = counts.astype(np.float64)
    n = counts.sum(axis=(1, 2))
    tp = np.diagonal(counts, axis1=1, axis2=2)
    support = counts.sum(axis=2)  # gold rows of each label
    predicted = counts.sum(axis=1)  # answers of each label
    denominator = support + predicted
    f1 = np.divide(2 * tp, denominator, out=np.zeros_like(tp), where=denominator > 0)
    used = support > 0 if labels == "gold" else denominator > 0
    weight = support.sum(axis=1)
    weighted = np.divide((f1 * support).sum(axis=1), weight, out=np.zeros_like(weight), where=weight > 0)
    used_count = used.sum(axis=1)
    macro = np.divide((f1 * used).sum(axis=1), used_count, out=np.zeros_like(n), where=used_count > 0)
    return {
        "accuracy": tp.sum(axis=1) / n,
        "f1_weighted": weighted,
        "f1_macro": macro,
        "missing": counts[:, :, -1].sum(axis=1) / n,
    }


def classification_scores(
    gold: np.ndarray, pred: np.ndarray, n_classes: int, labels: str = "gold"
) -> dict[str, np.ndarray]:
    """The four scores of each resample: ``gold``/``pred`` are (n,) or (B, n) integer codes."""
    return scores_from_confusion(confusion_from_cells(cells(gold, pred, n_classes), n_classes), labels)
