"""How a metric reads in the table and the model card: one format, so the two always agree."""

from __future__ import annotations

from ..errors import FinstepError


def shown_keys(pairs: list[dict], *, headline: bool | None = None, panel: str | None = None) -> list[str]:
    """The metric keys of these metrics files to show, in their declared order (``MetricKey``).

    ``headline=True``: the main table's columns and the cards' rows; ``panel``:
    the keys drawn in that figure.
    """
    found: dict[str, dict] = {}
    for metrics in pairs:
        for key, entry in metrics["metrics"].items():
            if "order" not in entry:
                raise FinstepError(
                    f"metrics of {metrics['student']}/{metrics['dataset']} predate the metric display fields: "
                    "rerun their scoring (snakemake --forcerun score)"
                )
            found.setdefault(key, entry)
    keys = [
        key
        for key, entry in found.items()
        if (headline is None or entry["headline"] == headline) and (panel is None or entry["panel"] == panel)
    ]
    return sorted(keys, key=lambda key: found[key]["order"])


def interval_text(stats: dict | None, signed: bool = False) -> str:
    """``0.123 [0.100, 0.150]``; ``–`` without a mean; no interval below two examples."""
    if not stats or stats.get("mean") is None:
        return "–"
    mean = f"{stats['mean']:+.3f}" if signed else f"{stats['mean']:.3f}"
    if stats.get("low") is None:
        return mean
    return f"{mean} [{stats['low']:.3f}, {stats['high']:.3f}]"


def value_text(stats: dict | None, signed: bool = False) -> str:
    """A corpus metric's ``value`` (F1 of a whole set, not a mean of example scores) as ``interval_text`` shows a mean."""
    return interval_text({**stats, "mean": stats.get("value")} if stats else None, signed)


def counted_text(stats: dict | None, examples: int, signed: bool = False) -> str:
    """``interval_text``, with ``(n=k)`` where the mean is over fewer than the pair's ``examples``.

    Some metrics skip examples (unsupported numbers: outputs stating no number), and the
    paired Δ counts only the examples both models' outputs are scored on; without its n a
    row whose means fall while its Δ rises reads as a contradiction.
    """
    text = interval_text(stats, signed)
    if stats and stats.get("mean") is not None and stats.get("n") not in (None, examples):
        text += f" (n={stats['n']})"
    return text
