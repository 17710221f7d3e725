"""How a metric reads in the table and the model card: one format, so the two always agree."""

from __future__ import annotations

# The metrics shown in the main table and in the adapters' cards, in this order.
HEADLINE_METRICS = (
    "rouge1", "rouge2", "rougeL", "rougeLsum", "reference_nll", "unsupported_numbers", "format_valid",
    "answer_accuracy",
)  # fmt: skip


def interval_text(stats: dict | None, signed: bool = False) -> str:
    """``0.123 [0.100, 0.150]``; ``–`` without a mean; no interval below two examples."""
    if not stats or stats.get("mean") is None:
        return "–"
    mean = f"{stats['mean']:+.3f}" if signed else f"{stats['mean']:.3f}"
    if stats.get("low") is None:
        return mean
    return f"{mean} [{stats['low']:.3f}, {stats['high']:.3f}]"
