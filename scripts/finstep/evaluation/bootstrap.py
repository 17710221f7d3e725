"""Means with percentile-bootstrap confidence intervals (``scipy.stats.bootstrap``).

Test sets in this field are small (tens to hundreds of chunks), so a mean
without its interval says little; and two models scored on the same examples
are compared by the paired bootstrap of their per-example differences, which
is far tighter than two overlapping intervals suggest.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from scipy.stats import bootstrap

from ..config_schema import settings


@settings("evaluation", "bootstrap")
class BootstrapSettings:
    samples: int
    confidence: float
    seed: int

    @classmethod
    def from_options(cls, options: dict | None) -> BootstrapSettings:
        """``evaluation.bootstrap`` of a config; what it leaves out takes the schema's default."""
        return cls(**{key: value for key, value in (options or {}).items() if key in cls.__annotations__})


def mean_ci(values: Sequence[float], settings: BootstrapSettings) -> dict:
    """``{mean, low, high, n}``; the interval is null below two values, a point when all are equal."""
    data = np.asarray(values, dtype=float)
    n = int(data.size)
    if n == 0:
        return {"mean": None, "low": None, "high": None, "n": 0}
    mean = float(data.mean())
    if n == 1:
        return {"mean": mean, "low": None, "high": None, "n": 1}
    if np.all(data == data[0]):
        return {"mean": mean, "low": mean, "high": mean, "n": n}
    result = bootstrap(
        (data,),
        np.mean,
        n_resamples=settings.samples,
        confidence_level=settings.confidence,
        method="percentile",
        vectorized=True,
        rng=np.random.default_rng(settings.seed),
    )
    interval = result.confidence_interval
    return {"mean": mean, "low": float(interval.low), "high": float(interval.high), "n": n}


def paired_difference(before: Sequence[float], after: Sequence[float], settings: BootstrapSettings) -> dict:
    """Mean of ``after - before`` over the same examples, with its bootstrap interval."""
    if len(before) != len(after):
        raise ValueError("a paired comparison needs the same examples on both sides")
    return mean_ci(np.asarray(after, dtype=float) - np.asarray(before, dtype=float), settings)
