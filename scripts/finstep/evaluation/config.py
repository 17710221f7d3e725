"""Check the ``evaluation`` config before any job runs (no metric's dependencies imported here)."""

from __future__ import annotations

from ..errors import FinstepError
from .metrics import METRICS


def check_evaluation(options: dict) -> None:
    names = list(options.get("metrics") or [])
    if not names:
        raise FinstepError("evaluation.metrics is empty: list at least one metric, e.g. [rouge, validity]")
    available = METRICS.available()
    unknown = [name for name in names if name not in available]
    if unknown:
        raise FinstepError(
            f"evaluation.metrics: {unknown[0]!r} is unknown; choose from {', '.join(sorted(available))} "
            "or install a package that registers it under 'finstep.metrics'"
        )
