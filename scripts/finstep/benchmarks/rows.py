"""The benchmark row every stage reads: what the model sees, the gold answer, the label set.

One JSON object per line of ``results/benchmarks/<benchmark>/rows.jsonl``. The
prompt is final before any chat template (the set's own, or the description's
template filled in), so prediction and scoring never need the source again.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import FinstepError
from ..io import numbered_jsonl, write_jsonl

FIELDS = ("id", "prompt", "gold", "choices", "metadata")


@dataclass(frozen=True)
class BenchRow:
    """``choices`` is the label set of a classification task (gold is one of them), () for QA."""

    id: str
    prompt: str
    gold: str
    choices: tuple[str, ...] = ()
    metadata: dict = field(default_factory=dict)

    def to_json(self) -> dict:
        return {
            "id": self.id,
            "prompt": self.prompt,
            "gold": self.gold,
            "choices": list(self.choices),
            "metadata": self.metadata,
        }

    @classmethod
    def from_json(cls, record: object, where: str = "benchmark row") -> BenchRow:
        """A row from its JSON object; a malformed one fails naming ``where`` (file and line)."""
        if not isinstance(record, dict):
            raise FinstepError(f"{where}: a benchmark row is a JSON object, got {type(record).__name__}")
        missing = [key for key in FIELDS if key not in record]
        if missing:
            raise FinstepError(
                f"{where}: benchmark row lacks {', '.join(missing)}; rebuild it (snakemake benchmark rows)"
            )
        for key in ("id", "prompt", "gold"):
            if not isinstance(record[key], str):
                raise FinstepError(f"{where}: {key} must be a string, got {record[key]!r}")
        choices, metadata = record["choices"], record["metadata"]
        if not isinstance(choices, list) or not all(isinstance(c, str) for c in choices):
            raise FinstepError(f"{where}: choices must be a list of strings, got {choices!r}")
        if not isinstance(metadata, dict):
            raise FinstepError(f"{where}: metadata must be an object, got {metadata!r}")
        return cls(record["id"], record["prompt"], record["gold"], tuple(choices), metadata)


def read_rows(path: str | os.PathLike) -> list[BenchRow]:
    """Every row of a rows.jsonl, in file order (predictions follow the same order)."""
    return [BenchRow.from_json(record, f"{path}: line {number}") for number, record in numbered_jsonl(path)]


def write_rows(path: str | os.PathLike, rows: Iterable[BenchRow]) -> int:
    """Write rows atomically; returns how many."""
    return write_jsonl(Path(path), (row.to_json() for row in rows))
