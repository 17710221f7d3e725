"""Exact and near-duplicate removal for chunks.

Filings repeat boilerplate within a year and across years; left in, the
duplicates inflate training data and leak across a train/test split by
filing. Near duplicates are found with MinHash LSH (datasketch) on word
5-gram shingles, the standard approach for web-scale text dedup.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Iterator

from datasketch import MinHash, MinHashLSH

_TOKEN = re.compile(r"\w+")
SHINGLE = 5
NUM_PERM = 64


def _normal(text: str) -> list[str]:
    return _TOKEN.findall(text.lower())


def _minhash(tokens: list[str]) -> MinHash:
    grams = {" ".join(tokens[i : i + SHINGLE]) for i in range(max(1, len(tokens) - SHINGLE + 1))}
    mh = MinHash(num_perm=NUM_PERM, seed=1)
    mh.update_batch([g.encode() for g in grams])
    return mh


class Deduplicator:
    """Stateful filter: ``keep(text)`` is False for text already seen (exactly or nearly)."""

    def __init__(self, threshold: float | None = 0.85) -> None:
        self.threshold = threshold
        self._exact: set[bytes] = set()
        self._lsh = MinHashLSH(threshold=threshold, num_perm=NUM_PERM) if threshold else None
        self._count = 0
        self.dropped_exact = 0
        self.dropped_near = 0

    def keep(self, text: str) -> bool:
        tokens = _normal(text)
        key = hashlib.blake2b(" ".join(tokens).encode(), digest_size=16).digest()
        if key in self._exact:
            self.dropped_exact += 1
            return False
        self._exact.add(key)
        if self._lsh is None:
            return True
        mh = _minhash(tokens)
        if self._lsh.query(mh):
            self.dropped_near += 1
            return False
        self._lsh.insert(str(self._count), mh)
        self._count += 1
        return True

    def filter(self, rows: Iterable[dict], field: str = "text") -> Iterator[dict]:
        for row in rows:
            if self.keep(row[field]):
                yield row
