"""The data-fraction sweep of Distilling Step-by-Step: the same student on shrinking training sets.

Hsieh et al. (2023) show the multitask (rationale + summary) student reaching
the standard student's quality with a fraction of the data. Here each swept
dataset gets derived copies named ``<dataset>-<percent>pct`` whose training
split keeps a seeded share of the source chunks (both tasks of a chunk
together) and whose validation and test splits are the full dataset's, so
every point of the curve is scored on the same examples. Smaller fractions
are subsets of larger ones: the curve measures data, not sampling luck.
"""

from __future__ import annotations

import hashlib
import math
from collections import Counter
from pathlib import Path

from ..errors import FinstepError
from ..io import read_json, read_jsonl, write_json, write_jsonl


def derived_name(dataset: str, fraction: float) -> str:
    return f"{dataset}-{fraction * 100:g}pct"


def sweep_datasets(sweep: dict | None, datasets: dict, students: dict) -> dict[str, dict]:
    """Derived dataset name → {of, fraction, student}; empty when no sweep is configured."""
    sweep = sweep or {}
    student = sweep.get("student")
    if not student:
        return {}
    if student not in students:
        raise FinstepError(f"sweep.student {student!r} is not under students ({', '.join(students)})")
    derived = {}
    for dataset in sweep.get("datasets") or []:
        if dataset not in datasets:
            raise FinstepError(f"sweep.datasets: {dataset!r} is not under datasets ({', '.join(datasets)})")
        if any(spec["of"] == dataset for spec in derived.values()):
            raise FinstepError(f"sweep.datasets lists {dataset!r} twice; list each dataset once")
        for fraction in sweep.get("fractions") or []:
            if not 0 < float(fraction) < 1:
                raise FinstepError(
                    f"sweep.fractions: {fraction} is not between 0 and 1 (the full set is always included)"
                )
            name = derived_name(dataset, float(fraction))
            # Shares that print alike would be one folder, one job and one point of the curve.
            if name in derived:
                raise FinstepError(
                    f"sweep.fractions: {derived[name]['fraction']} and {fraction} both make dataset "
                    f"{name!r} (a share is named by its percent to 6 significant digits); list distinct shares"
                )
            # Two rules would make its files: Snakemake's AmbiguousRuleException, which names no fix.
            if name in datasets:
                raise FinstepError(
                    f"datasets.{name} has the name of the sweep's {float(fraction) * 100:g}% share of "
                    f"{dataset!r}; rename that dataset (names ending -<percent>pct are the sweep's)"
                )
            # The teacher names the curve: a sweep may hold the datasets of several teachers.
            derived[name] = {
                "of": dataset,
                "fraction": float(fraction),
                "student": student,
                "teacher": datasets[dataset].get("teacher"),
            }
    return derived


def _group(row: dict) -> str:
    return str(row.get("source_id") or row["id"])


def subsample(base_dir: str, fraction: float, seed: int, outputs: dict[str, str]) -> None:
    """Write a derived dataset: ``fraction`` of the base training groups, the base val and test splits."""
    base = Path(base_dir)
    train = list(read_jsonl(base / "train.jsonl"))
    groups = sorted(
        {_group(r) for r in train}, key=lambda g: hashlib.sha256(f"{seed}:{g}".encode()).hexdigest()
    )
    keep_n = math.ceil(fraction * len(groups))
    if keep_n < 1:
        raise FinstepError(f"{base}/train.jsonl is empty: nothing to subsample")
    keep = set(groups[:keep_n])
    rows = {"train": [r for r in train if _group(r) in keep]}
    for split in ("val", "test"):
        rows[split] = list(read_jsonl(base / f"{split}.jsonl"))
    for split, split_rows in rows.items():
        write_jsonl(outputs[split], split_rows)
    info = read_json(base / "split.json")
    info.update(
        dataset=Path(outputs["info"]).parent.name,
        fraction=fraction,
        fraction_of=info["dataset"],
        sizes={split: len(r) for split, r in rows.items()},
        tasks={split: dict(Counter(r["task"] for r in rows[split])) for split in rows},
        train_groups=keep_n,
    )
    write_json(outputs["info"], info)
