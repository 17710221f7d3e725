"""config/schema.yaml, where every default of the workflow is written, once.

Snakemake's ``validate`` fills a run's config from it before any rule sees it;
the package's settings classes (``ChunkingConfig``, ``ProseFilter``,
``QualityChecks``, ``TrainingSettings``, a teacher's options) read their
defaults from it too, so a script, a test or a benchmark that builds one by
hand gets the same values as a run.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any, TypeVar

import yaml

SCHEMA_PATH = Path(__file__).resolve().parents[2] / "config" / "schema.yaml"


@cache
def schema() -> dict:
    with open(SCHEMA_PATH, encoding="utf-8") as handle:
        return yaml.safe_load(handle)


def node(*path: str) -> dict:
    """The schema of the config object at ``path``; ``"*"`` steps into a map's entries (a teacher)."""
    current = schema()
    for key in path:
        current = current["additionalProperties"] if key == "*" else current["properties"][key]
    return current


def defaults(*path: str) -> dict[str, Any]:
    """The defaults of the object at ``path``, its nested objects filled in as ``validate`` fills them."""
    return _filled(node(*path))


T = TypeVar("T")


def settings(*path: str) -> Callable[[type[T]], type[T]]:
    """A frozen dataclass whose fields default to the schema's defaults of the object at ``path``.

    The class lists its fields and their types only; a field the schema gives no
    default must be given a default in the class. A list default becomes a tuple:
    a frozen dataclass takes no mutable default.
    """

    def make(cls: type[T]) -> type[T]:
        for name, value in defaults(*path).items():
            if name in cls.__annotations__:
                setattr(cls, name, tuple(value) if isinstance(value, list) else value)
        return dataclass(frozen=True)(cls)

    return make


def _filled(spec: dict) -> dict[str, Any]:
    filled = {}
    for key, prop in spec.get("properties", {}).items():
        if "default" not in prop:
            continue
        value = prop["default"]
        if isinstance(value, dict) and "properties" in prop:
            value = {**_filled(prop), **value}
        filled[key] = value
    return filled
