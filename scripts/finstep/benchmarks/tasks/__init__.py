"""Task plugins, chosen by a benchmark's ``task``; other packages add theirs by entry point."""

from __future__ import annotations

from ...registry import PluginRegistry
from .base import PROTOCOLS, BenchmarkTask

TASKS: PluginRegistry[BenchmarkTask] = PluginRegistry(
    group="finstep.benchmark_tasks",
    builtin={
        "sentiment": "finstep.benchmarks.tasks.sentiment:SentimentTask",
        "numeric_qa": "finstep.benchmarks.tasks.numeric_qa:NumericQATask",
    },
    base=BenchmarkTask,
    config_key="benchmarks.<name>.task",
)

__all__ = ["PROTOCOLS", "TASKS", "BenchmarkTask"]
