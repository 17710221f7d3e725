"""Metric plugins, chosen by name in ``evaluation.metrics``; other packages add theirs by entry point."""

from __future__ import annotations

from ...registry import PluginRegistry
from .base import Metric, MetricKey

METRICS: PluginRegistry[Metric] = PluginRegistry(
    group="finstep.metrics",
    builtin={
        "rouge": "finstep.evaluation.metrics.rouge:RougeMetric",
        "validity": "finstep.evaluation.metrics.validity:ValidityMetric",
        "faithfulness": "finstep.evaluation.metrics.faithfulness:FaithfulnessMetric",
        "accuracy": "finstep.evaluation.metrics.accuracy:AccuracyMetric",
        "likelihood": "finstep.evaluation.metrics.likelihood:LikelihoodMetric",
    },
    base=Metric,
    config_key="evaluation.metrics entry",
)


def build_metrics(names: list[str], options: dict, info: dict) -> list[Metric]:
    return [METRICS.get(name)(options, info) for name in names]


__all__ = ["METRICS", "Metric", "MetricKey", "build_metrics"]
