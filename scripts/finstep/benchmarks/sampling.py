"""Seeded, stratified subsets of a benchmark: the scored sample and the rows set aside for training.

A benchmark's published number is over the whole set; a sample of it is comparable
only if it keeps the set's label mix (TFNS is 66% positive, a plain random 100 rows
can be 60% or 72%). Each stratum gets its share of the sample by largest-remainder
rounding, so the counts add up exactly and are the set's proportions as nearly as
whole rows allow. Within a stratum the rows taken are those first in a seeded
order of their ids (sha256 of seed, purpose and id): the draw depends neither on
the file's row order nor on Python's hash seed, and the rows drawn for training
and for scoring come from orders of their own.
"""

from __future__ import annotations

import hashlib
import logging
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from ..errors import FinstepError

log = logging.getLogger("finstep.benchmarks")


@dataclass(frozen=True)
class Draw:
    """Indices drawn (in source order) and the record of how: written into rows.json."""

    indices: list[int]
    info: dict


def allocate(counts: dict[str, int], n: int) -> dict[str, int]:
    """``n`` rows shared among strata in proportion to ``counts`` by largest remainder (Hamilton).

    Ties of the remainder go to the larger stratum, then to the name first in
    sorted order, so the result is deterministic.
    """
    total = sum(counts.values())
    if not 0 <= n <= total:
        raise ValueError(f"cannot draw {n} of {total} rows")
    quotas = {name: n * count / total for name, count in counts.items()} if total else {}
    shares = {name: int(quota) for name, quota in quotas.items()}
    left = n - sum(shares.values())
    order = sorted(quotas, key=lambda name: (-(quotas[name] - shares[name]), -counts[name], name))
    for name in order[:left]:
        shares[name] += 1
    return shares


def _order(ids: Sequence[str], indices: list[int], seed: int, purpose: str) -> list[int]:
    key = {i: hashlib.sha256(f"{seed}:{purpose}:{ids[i]}".encode()).hexdigest() for i in indices}
    return sorted(indices, key=lambda i: (key[i], i))


def stratified(
    ids: Sequence[str],
    strata: Sequence[str],
    n: int,
    seed: int,
    purpose: str,
    among: Sequence[int] | None = None,
) -> Draw:
    """``n`` of the rows ``among`` (default: all), stratified by ``strata`` (one value per row)."""
    pool = list(range(len(ids))) if among is None else list(among)
    groups: dict[str, list[int]] = {}
    for i in pool:
        groups.setdefault(strata[i], []).append(i)
    counts = {name: len(members) for name, members in groups.items()}
    shares = allocate(counts, n)
    drawn = sorted(
        i for name, members in groups.items() for i in _order(ids, members, seed, purpose)[: shares[name]]
    )
    info = {
        "seed": seed,
        "purpose": purpose,
        "from_rows": len(pool),
        "rows": len(drawn),
        "strata_from": dict(sorted(counts.items())),
        "strata_drawn": dict(sorted(Counter(strata[i] for i in drawn).items())),
    }
    return Draw(drawn, info)


def sample(
    ids: Sequence[str],
    strata: Sequence[str],
    max_examples: int | None,
    seed: int,
    among: Sequence[int],
    where: str,
) -> Draw:
    """The scored rows: all of ``among`` when ``max_examples`` is None or not below their count
    (a warning when above: the benchmark is smaller than asked), else a stratified sample."""
    available = len(among)
    if max_examples is None or max_examples >= available:
        warning = None
        if max_examples is not None and max_examples > available:
            warning = (
                f"{where}.max_examples {max_examples} is above the {available} rows available: all are scored"
            )
            log.warning("%s", warning)
        counts = dict(sorted(Counter(strata[i] for i in among).items()))
        info = {
            "seed": seed,
            "purpose": "score",
            "from_rows": available,
            "rows": available,
            "strata_from": counts,
            "strata_drawn": counts,
            "max_examples": max_examples,
            "all_rows": True,
            "warning": warning,
        }
        return Draw(sorted(among), info)
    draw = stratified(ids, strata, max_examples, seed, "score", among)
    return Draw(draw.indices, {**draw.info, "max_examples": max_examples, "all_rows": False, "warning": None})


def set_aside(ids: Sequence[str], strata: Sequence[str], share: float, seed: int, where: str) -> Draw:
    """The rows kept for training (``train_share`` of them, stratified), never scored."""
    n = int(share * len(ids) + 0.5)
    if share > 0 and n == 0:
        raise FinstepError(
            f"{where}.train_share {share} of {len(ids)} rows is no row; raise it or set it to 0"
        )
    if n >= len(ids):
        raise FinstepError(f"{where}.train_share {share} of {len(ids)} rows leaves no row to score; lower it")
    draw = stratified(ids, strata, n, seed, "train")
    return Draw(draw.indices, {**draw.info, "share": share})


def balanced(ids: Sequence[str], strata: Sequence[str], draw: Draw, seed: int) -> Draw:
    """Of the rows ``draw`` set aside, as many of each label as the rarest label has (seeded).

    A label-stratified share keeps the set's imbalance (TFNS: 66% positive); a small model
    tuned on it for a few steps learns to answer the majority label to every row, which
    raises accuracy and teaches nothing (measured: BENCHMARKS.md). The rows left out are
    neither trained on nor scored.
    """
    groups: dict[str, list[int]] = {}
    for i in draw.indices:
        groups.setdefault(strata[i], []).append(i)
    size = min(len(members) for members in groups.values())
    kept = sorted(i for members in groups.values() for i in _order(ids, members, seed, "balance")[:size])
    info = {
        **draw.info,
        "balanced": True,
        "rows": len(kept),
        "strata_kept": {k: size for k in sorted(groups)},
    }
    return Draw(kept, info)
