"""Deterministic train/val/test splits, by group where rows must stay together.

Overlapping chunks of one filing share sentences; if they straddled splits,
the test set would hold text the student was trained on. Distillation data is
therefore split by filing (accession); instruction data by record.
"""

from __future__ import annotations

import hashlib
import random
from collections.abc import Callable, Hashable

from ..errors import FinstepError

SPLITS = ("train", "val", "test")


def split_sizes(n_groups: int, fractions: dict[str, float], what: str) -> dict[str, int]:
    """Groups per split: val and test get at least one each, train the rest (at least one)."""
    val = max(1, round(fractions["val"] * n_groups))
    test = max(1, round(fractions["test"] * n_groups))
    train = n_groups - val - test
    if train < 1:
        raise FinstepError(
            f"{what}: {n_groups} groups cannot fill train, val and test (at least 3 needed); "
            "add data or use fewer splits"
        )
    return {"train": train, "val": val, "test": test}


def _order_key(seed: int) -> Callable[[Hashable], str]:
    """A seeded order that does not depend on input order or Python's hash randomisation."""
    return lambda group: hashlib.sha256(f"{seed}:{group}".encode()).hexdigest()


def assign(groups: list[Hashable], fractions: dict[str, float], seed: int, what: str) -> dict[Hashable, str]:
    """Group → split name."""
    unique = sorted(set(groups), key=_order_key(seed))
    random.Random(seed).shuffle(unique)
    sizes = split_sizes(len(unique), fractions, what)
    names = [name for name in SPLITS for _ in range(sizes[name])]
    return dict(zip(unique, names, strict=True))
