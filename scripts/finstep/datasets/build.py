"""Build one dataset (rule ``dataset``): rows, splits, and a record of how they were made."""

from __future__ import annotations

import hashlib
import logging
from collections import Counter
from pathlib import Path

from ..errors import FinstepError
from ..io import read_jsonl, write_json, write_jsonl
from . import formats
from .instructions import load_instructions
from .splits import SPLITS, assign

log = logging.getLogger("finstep")


def _sha256(path: str) -> str:
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


def filing_of(triplet: dict) -> str:
    """The filing a triplet comes from, ``TICKER/accession``: the group a split keeps together.

    Accessions from EDGAR are unique, but a local folder's stems need not be: ``2022.htm``
    under three tickers is three filings, not one (which would split the data by year).
    """
    return f"{triplet.get('ticker')}/{triplet['accession']}"


def build_distill(triplets_path: str, options: dict, seed: int, fractions: dict) -> tuple[dict, dict]:
    triplets = list(read_jsonl(triplets_path))
    if not triplets:
        raise FinstepError(f"{triplets_path} holds no triplets: the teacher produced no valid answer")
    split_of = assign(
        [filing_of(t) for t in triplets], fractions, seed, f"dataset from {triplets_path} (filings)"
    )
    out: dict[str, list[dict]] = {name: [] for name in SPLITS}
    for triplet in triplets:
        split = split_of[filing_of(triplet)]
        out[split].extend(formats.rows(triplet, options["format"], split))
    groups = {name: sorted({a for a, s in split_of.items() if s == name}) for name in SPLITS}
    return out, {"filings": groups, "prompt_version": formats.PROMPT_VERSION}


def drop_repeated_pairs(records: list[dict], path: str) -> tuple[list[dict], int]:
    """Keep the first of records with the same prompt and response (whitespace aside).

    Splitting by record would otherwise put copies of one pair in train and
    test, and the test score would measure memory.
    """
    seen: set[tuple[str, str]] = set()
    kept = []
    for record in records:
        key = (" ".join(record["prompt"].split()), " ".join(record["completion"].split()))
        if key not in seen:
            seen.add(key)
            kept.append(record)
    dropped = len(records) - len(kept)
    if dropped:
        log.warning(
            "%s: %d of %d records repeat an earlier (prompt, response) pair; dropped, so that no pair "
            "lands in two splits",
            path,
            dropped,
            len(records),
        )
    return kept, dropped


def build_instructions(path: str, seed: int, fractions: dict) -> tuple[dict, dict]:
    records, dropped = drop_repeated_pairs(load_instructions(path), path)
    ids = [r["id"] for r in records]
    repeated = [i for i, n in Counter(ids).items() if n > 1]
    if repeated:
        raise FinstepError(f"{path}: record id {repeated[0]!r} appears twice; ids must be unique")
    split_of = assign(ids, fractions, seed, f"instruction file {path} (records)")
    out = {name: [r for r in records if split_of[r["id"]] == name] for name in SPLITS}
    return out, {"repeated_pairs_dropped": dropped}


def build_dataset(name: str, options: dict, source: str, outputs: dict[str, str]) -> None:
    """Write the train/val/test rows and ``split.json`` (``outputs``: split name or "info" → path).

    ``options`` are the dataset's from the validated config, defaults filled.
    """
    seed = int(options["seed"])
    fractions = dict(options["splits"])
    if options["kind"] == "distill":
        splits, extra = build_distill(source, options, seed, fractions)
    else:
        splits, extra = build_instructions(source, seed, fractions)
    for split, rows in splits.items():
        write_jsonl(outputs[split], rows)
    write_json(
        outputs["info"],
        {
            "dataset": name,
            "kind": options["kind"],
            "format": options.get("format", "instructions"),
            "alpha": options.get("alpha"),
            "seed": seed,
            "fractions": fractions,
            "sizes": {split: len(rows) for split, rows in splits.items()},
            "tasks": {split: dict(Counter(r["task"] for r in rows)) for split, rows in splits.items()},
            "source": source,
            "source_sha256": _sha256(source),
            **extra,
        },
    )
