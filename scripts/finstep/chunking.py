"""Sections → prose chunks with offsets and stable ids: the steps of rules chunk_filing and gather_chunks."""

from __future__ import annotations

import hashlib
import json
import logging
import re
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
from .prose import POINTER, ProseFilter
from .sentences import break_pattern, is_heading
from .validation import check_chunking

log = logging.getLogger("finstep")

# Items whose text is prose; 4 (mine safety), 6 (reserved), 15 (exhibit list)
# and 16 (summary) are boilerplate or lists.
_DEFAULTS = defaults("chunking")
DEFAULT_ITEMS = tuple(_DEFAULTS["items"])
# Where the splitter may cut, in order: between paragraphs, between lines (list items), between
# sentences, then (a sentence longer than a chunk) between clauses and words. LangChain's default
# goes from lines straight to words, so every paragraph longer than a chunk was cut mid-sentence.
SEPARATORS = (r"\n\n", r"\n", break_pattern(), r"(?<=;)\s+", r"(?<=,)\s+", r"\s+", "")
# A paragraph this long that repeats one of an earlier wanted Item is chunked once (NVIDIA's MD&A
# restates export-control paragraphs of Items 1 and 1A between paragraphs of its own).
MIN_REPEATED_PARAGRAPH = 150
REPEAT_PROBE_CHARS = 500  # a paragraph longer than a chunk is found by its start
_PARAGRAPH = re.compile(r"\S(?:.|\n(?!\s*\n))*")
_BULLET = re.compile(r"^\s*[•·▪◦●■]")
_GAP = re.compile(r"\n\s*\n")
# Whitespace to the sentence separator (Python's \s matches it), but no line or paragraph break to the
# others: the blank line after a heading becomes this, so the splitter keeps the heading with its text.
GLUE = "\u2029"
_SENTENCE_BREAK = re.compile(rf"\n\s*\n|{break_pattern()}")


@dataclass
class ChunkStats:
    sections: int = 0
    candidates: int = 0
    kept: int = 0
    not_prose: Counter = field(default_factory=Counter)
    duplicates_exact: int = 0
    duplicates_near: int = 0
    repeated_paragraphs: int = 0
    # Items whose text only points to another document: a bank's Items 1A, 7 and 7A point to the
    # annual report exhibit, which is not part of the 10-K's main document.
    pointer_items: list[str] = field(default_factory=list)

    def as_dict(self) -> dict:
        return {
            "sections": self.sections,
            "candidates": self.candidates,
            "kept": self.kept,
            "not_prose": dict(self.not_prose),
            "duplicates_exact": self.duplicates_exact,
            "duplicates_near": self.duplicates_near,
            "repeated_paragraphs": self.repeated_paragraphs,
            "pointer_items": self.pointer_items,
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


def _splitter(cfg: ChunkingConfig) -> RecursiveCharacterTextSplitter:
    # keep_separator="end": a clause's ";" or "," stays with the clause it ends, not atop the next chunk.
    return RecursiveCharacterTextSplitter(
        chunk_size=cfg.size,
        chunk_overlap=cfg.overlap,
        separators=list(SEPARATORS),
        is_separator_regex=True,
        keep_separator="end",
        add_start_index=True,
    )


def _dangles(line: str) -> bool:
    """A line that introduces what follows it: a heading, or a lead-in ending in ":" (not a list item)."""
    line = line.strip()
    return not line or (not _BULLET.match(line) and (line.endswith(":") or is_heading(line)))


def glue_headings(text: str, headings: Sequence[Sequence[int]] = ()) -> str:
    """``text`` with the blank line after each heading, title or lead-in turned into ``GLUE`` (same length).

    The splitter cuts between paragraphs first, so a 1,500-character chunk
    often ended on the next subsection's heading and the next risk factor's
    title, a bold sentence ("Legal and Regulatory Compliance Risks / The
    Company's business ... could be adversely impacted by unfavorable results
    of legal proceedings ...") whose body only the next chunk held. Glued to
    the paragraph it heads, a heading or title is cut from it only when that
    paragraph is itself longer than a chunk, and then between sentences.
    ``headings`` are the ``[start, end]`` spans extraction found set in bold
    (a title is a whole sentence, which ``is_heading`` cannot tell from prose).
    """
    chars = list(text)
    ends = {end for _, end in headings}
    for match in _PARAGRAPH.finditer(text):
        gap = _GAP.match(text, match.end())
        if gap and gap.end() < len(text) and (match.end() in ends or _dangles(match.group())):
            chars[gap.start() : gap.end()] = GLUE * (gap.end() - gap.start())
    return "".join(chars)


def without_dangling_end(piece: str, bold_ends: Sequence[int] = ()) -> str:
    """The chunk without the headings, titles and lead-ins at its end, whose text the splitter put in the next chunk.

    A 1,500-character chunk ends where its budget does: often on the next
    subsection's heading ("Foreign Exchange Rate Risk"), which then heads the
    next chunk too, through the overlap. Left in, it reads as a topic the
    chunk never discusses. ``bold_ends`` are where, in ``piece``, a bold
    paragraph (a heading or a risk factor's title) ends.
    """
    lines = piece.split("\n")
    ends = set(bold_ends)
    while len(lines) > 1 and (_dangles(lines[-1]) or len("\n".join(lines)) in ends):
        lines.pop()
    return "\n".join(lines).rstrip()


def widened(text: str, floor: int, start: int, end: int, cfg: ChunkingConfig) -> int:
    """Where a piece too short for the prose filter, holding text no earlier chunk holds, should start.

    A paragraph longer than a chunk is split between sentences, and its last
    sentence can be left alone ("There can be no assurance the Company will
    successfully manage future introductions ..."), 126 characters, which the
    filter drops as too short: the piece takes in the whole sentences before
    it, as an overlap would, until it is long enough (never past ``cfg.size``).
    """
    if end - start >= cfg.prose.min_chars:
        return start
    window = max(floor, end - cfg.size)
    for match in reversed(list(_SENTENCE_BREAK.finditer(text, window, start))):
        if end - match.end() >= cfg.prose.min_chars:
            return match.end()
    return start


def _key(paragraph: str) -> str:
    return " ".join(paragraph.split())


def _runs(text: str, seen: dict[str, str], item: str) -> tuple[list[tuple[int, int]], list[str]]:
    """Spans of ``text`` between paragraphs that repeat an earlier Item's, and those paragraphs' keys.

    Paragraphs of this Item are recorded in ``seen`` as they are read.
    """
    runs: list[tuple[int, int]] = []
    repeated: list[str] = []
    begin = 0
    for match in _PARAGRAPH.finditer(text):
        key = _key(match.group())
        if len(key) < MIN_REPEATED_PARAGRAPH:
            continue
        first = seen.setdefault(key, item)
        if first != item:
            runs.append((begin, match.start()))
            repeated.append(key)
            begin = match.end()
    runs.append((begin, len(text)))
    return [(a, b) for a, b in runs if text[a:b].strip()], repeated


def chunk_filing(text_doc: dict, filing: dict, cfg: ChunkingConfig) -> tuple[list[dict], ChunkStats]:
    """Split one filing's sections; returns chunks in document order and counts of what was dropped.

    A chunk repeating one of another wanted Item (filers restate export
    rules in Items 1, 1A and 7) is kept once, under its first Item, with the
    others in ``also_in``, so that selecting any of them finds it; so is a
    long paragraph repeated in a later Item, which is cut out of that Item
    before it is split.
    """
    splitter = _splitter(cfg)
    dedup = Deduplicator(cfg.near_duplicate_threshold)
    stats = ChunkStats()
    chunks: list[dict] = []
    seen: dict[str, str] = {}
    for section in text_doc["sections"]:
        if not _wanted(section["item"], cfg):
            continue
        stats.sections += 1
        text = section["text"]
        runs, repeated = _runs(text, seen, section["item"])
        stats.repeated_paragraphs += len(repeated)
        for key in repeated:
            _note_repeat(chunks, key, section["item"])
        pointers = stats.not_prose[POINTER]
        candidates = stats.candidates
        headings = section.get("headings", [])
        glued = glue_headings(text, headings)
        bold_ends = [end for _, end in headings]
        for begin, stop in runs:
            covered = begin  # where the text the run's chunks so far hold ends
            for doc in splitter.create_documents([glued[begin:stop]]):
                stats.candidates += 1
                start = begin + doc.metadata["start_index"]
                end = start + len(doc.page_content)
                if start >= covered:
                    start = widened(text, begin, start, end, cfg)
                covered = max(covered, end)
                ends = [e - start for e in bold_ends if start < e <= end]
                piece = without_dangling_end(text[start:end], ends)
                _add_chunk(chunks, piece, start, section["item"], filing, cfg, dedup, stats)
        if (
            stats.candidates > candidates
            and stats.not_prose[POINTER] - pointers == stats.candidates - candidates
        ):
            stats.pointer_items.append(section["item"])
    stats.duplicates_exact = dedup.dropped_exact
    stats.duplicates_near = dedup.dropped_near
    stats.kept = len(chunks)
    return chunks, stats


def _note_repeat(chunks: list[dict], key: str, item: str) -> None:
    """List ``item`` in ``also_in`` of the chunks that hold a paragraph it repeats (its start, if long)."""
    head = key[:REPEAT_PROBE_CHARS]
    for chunk in chunks:
        if head in _key(chunk["text"]) and item != chunk["section"] and item not in chunk["also_in"]:
            chunk["also_in"].append(item)


def _add_chunk(
    chunks: list[dict],
    piece: str,
    start: int,
    item: str,
    filing: dict,
    cfg: ChunkingConfig,
    dedup: Deduplicator,
    stats: ChunkStats,
) -> None:
    reason = cfg.prose.why_not(piece)
    if reason:
        stats.not_prose[reason] += 1
        return
    first = dedup.first_seen(piece)
    if first is not None:
        earlier = chunks[first]
        if item != earlier["section"] and item not in earlier["also_in"]:
            earlier["also_in"].append(item)
        return
    end = start + len(piece)
    chunks.append(
        {
            "id": chunk_id(filing["ticker"], filing["accession"], item, start, end),
            "ticker": filing["ticker"],
            "cik": filing.get("cik"),
            "accession": filing["accession"],
            "form": filing.get("form"),
            "period": filing.get("period"),
            "section": item,
            "start": start,
            "end": end,
            "text": piece,
            "also_in": [],
        }
    )


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
    if stats.pointer_items:
        log.info(
            "%s: Items %s only point to another document (incorporated by reference): no chunks from them",
            filing["accession"],
            ", ".join(stats.pointer_items),
        )


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
