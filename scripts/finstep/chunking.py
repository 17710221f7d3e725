"""Sections → prose chunks with offsets and stable ids: the steps of rules chunk_filing and gather_chunks."""

from __future__ import annotations

import hashlib
import json
import logging
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from langchain_text_splitters import RecursiveCharacterTextSplitter
from tqdm import tqdm

from .config_schema import defaults
from .dedup import Deduplicator
from .extract.items import FALLBACK_ITEM
from .io import read_jsonl, write_jsonl
from .prose import ProseFilter
from .validation import check_chunking

log = logging.getLogger("finstep")

# Items whose text is prose; 4 (mine safety), 6 (reserved), 15 (exhibit list)
# and 16 (summary) are boilerplate or lists.
_DEFAULTS = defaults("chunking")
DEFAULT_ITEMS = tuple(_DEFAULTS["items"])


@dataclass
class ChunkStats:
    sections: int = 0
    candidates: int = 0
    kept: int = 0
    not_prose: Counter = field(default_factory=Counter)
    duplicates_exact: int = 0
    duplicates_near: int = 0

    def as_dict(self) -> dict:
        return {
            "sections": self.sections,
            "candidates": self.candidates,
            "kept": self.kept,
            "not_prose": dict(self.not_prose),
            "duplicates_exact": self.duplicates_exact,
            "duplicates_near": self.duplicates_near,
        }


@dataclass(frozen=True)
class ChunkingConfig:
    """``chunking`` in config; the defaults are the schema's."""

    size: int = _DEFAULTS["size"]
    overlap: int = _DEFAULTS["overlap"]
    items: tuple[str, ...] = DEFAULT_ITEMS
    keep_fallback: bool = _DEFAULTS["keep_fallback"]
    near_duplicate_threshold: float | None = _DEFAULTS["near_duplicate_threshold"]
    prose: ProseFilter = field(default_factory=ProseFilter)

    @classmethod
    def from_config(cls, options: dict | None) -> ChunkingConfig:
        options = {**_DEFAULTS, **(options or {})}
        check_chunking(options)
        return cls(
            size=options["size"],
            overlap=options["overlap"],
            items=tuple(str(i).upper() for i in options["items"]),
            keep_fallback=options["keep_fallback"],
            near_duplicate_threshold=options["near_duplicate_threshold"],
            prose=ProseFilter.from_config(options.get("prose")),
        )


def chunk_id(ticker: str, accession: str, section: str, start: int, end: int) -> str:
    """Stable across runs and machines: the same text span always gets the same id.

    The ticker is part of it because a local folder's stems need not be unique across
    tickers (``2022.htm`` under each): their spans would otherwise share ids.
    """
    return hashlib.sha256(f"{ticker}/{accession}|{section}|{start}|{end}".encode()).hexdigest()[:16]


def _wanted(item: str, cfg: ChunkingConfig) -> bool:
    if item == FALLBACK_ITEM:
        return cfg.keep_fallback
    return item in cfg.items


def chunk_filing(text_doc: dict, filing: dict, cfg: ChunkingConfig) -> tuple[list[dict], ChunkStats]:
    """Split one filing's sections; returns chunks in document order and counts of what was dropped.

    A chunk repeating one of another wanted Item (filers restate export
    rules in Items 1, 1A and 7) is kept once, under its first Item, with the
    others in ``also_in``, so that selecting any of them finds it.
    """
    splitter = RecursiveCharacterTextSplitter(
        chunk_size=cfg.size, chunk_overlap=cfg.overlap, add_start_index=True
    )
    dedup = Deduplicator(cfg.near_duplicate_threshold)
    stats = ChunkStats()
    chunks: list[dict] = []
    for section in text_doc["sections"]:
        if not _wanted(section["item"], cfg):
            continue
        stats.sections += 1
        text = section["text"]
        for doc in splitter.create_documents([text]):
            stats.candidates += 1
            start = doc.metadata["start_index"]
            piece = doc.page_content
            end = start + len(piece)
            reason = cfg.prose.why_not(piece)
            if reason:
                stats.not_prose[reason] += 1
                continue
            first = dedup.first_seen(piece)
            if first is not None:
                earlier = chunks[first]
                if section["item"] != earlier["section"] and section["item"] not in earlier["also_in"]:
                    earlier["also_in"].append(section["item"])
                continue
            chunks.append(
                {
                    "id": chunk_id(filing["ticker"], filing["accession"], section["item"], start, end),
                    "ticker": filing["ticker"],
                    "cik": filing.get("cik"),
                    "accession": filing["accession"],
                    "form": filing.get("form"),
                    "period": filing.get("period"),
                    "section": section["item"],
                    "start": start,
                    "end": end,
                    "text": piece,
                    "also_in": [],
                }
            )
    stats.duplicates_exact = dedup.dropped_exact
    stats.duplicates_near = dedup.dropped_near
    stats.kept = len(chunks)
    return chunks, stats


def dedupe_across(chunks: Iterable[dict], threshold: float | None) -> tuple[list[dict], Deduplicator]:
    """Drop chunks that repeat an earlier filing's (boilerplate carried from year to year)."""
    dedup = Deduplicator(threshold)
    return list(dedup.filter(chunks)), dedup


def chunk_one(text: str, meta: str, out: str, chunking: dict) -> None:
    """Rule chunk_filing: one filing's extracted text → its chunks (results/chunks/<ticker>/<accession>.jsonl)."""
    filing = json.loads(Path(meta).read_text(encoding="utf-8"))
    doc = json.loads(Path(text).read_text(encoding="utf-8"))
    chunks, stats = chunk_filing(doc, filing, ChunkingConfig.from_config(chunking))
    write_jsonl(out, chunks)
    log.info("%s: %s", filing["accession"], json.dumps(stats.as_dict()))


def gather_chunks(paths: Sequence[str], out: str, chunking: dict) -> None:
    """Rule gather_chunks: all chunks in one file, near duplicates across filings removed (first filing wins)."""
    cfg = ChunkingConfig.from_config(chunking)
    rows = (row for path in tqdm(paths, desc="gather chunks", unit="filing") for row in read_jsonl(path))
    kept, dedup = dedupe_across(rows, cfg.near_duplicate_threshold)
    write_jsonl(out, kept)
    log.info(
        "%d chunks from %d filings (%d exact and %d near duplicates across filings dropped)",
        len(kept),
        len(paths),
        dedup.dropped_exact,
        dedup.dropped_near,
    )
