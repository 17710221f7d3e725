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
        self._exact: dict[bytes, int] = {}
        self._lsh = MinHashLSH(threshold=threshold, num_perm=NUM_PERM) if threshold else None
        self._count = 0
        self.dropped_exact = 0
        self.dropped_near = 0

    def first_seen(self, text: str) -> int | None:
        """Which kept text (by order of keeping) ``text`` repeats; None, and ``text`` is kept, if new.

        Callers that drop a repeat can still record where else it occurred
        (a chunk of MD&A repeating a paragraph of Item 1 is labelled with both).
        """
        tokens = _normal(text)
        key = hashlib.blake2b(" ".join(tokens).encode(), digest_size=16).digest()
        if key in self._exact:
            self.dropped_exact += 1
            return self._exact[key]
        if self._lsh is not None:
            mh = _minhash(tokens)
            hits = self._lsh.query(mh)
            if hits:
                self.dropped_near += 1
                return min(int(h) for h in hits)
            self._lsh.insert(str(self._count), mh)
        self._exact[key] = self._count
        self._count += 1
        return None

    def keep(self, text: str) -> bool:
        return self.first_seen(text) is None

    def filter(self, rows: Iterable[dict], field: str = "text") -> Iterator[dict]:
        for row in rows:
            if self.keep(row[field]):
                yield row
