"""Drop page furniture from extracted paragraphs and rejoin what pages and lists split.

Page numbers, running headers and footers ("Apple Inc. | 2025 Form 10-K | 12"),
Item headings repeated at the top of every page, table-of-contents lines,
separator rules, orphan footnote markers and the lead-in lines of removed
tables carry no prose and, left in, split sentences in the middle and turn up
as noise in chunks. Bulleted lists are rejoined with their lead-in so that a
list whose items end in ";" reads, and is chunked, as the paragraph it is.
"""

from __future__ import annotations

import re
from collections import Counter

from ..sentences import HEADING_MAX_WORDS, is_heading, split_sentences, title_case
from .items import parse_heading
from .text import PAGE_BREAK, TABLE_GONE, TOC_ENTRY

_PAGE_NUMBER = re.compile(
    r"^(?:page\s+)?(?:[-–—]\s*)?(?:[A-Z]-)?\d{1,3}(?:\s*[-–—])?(?:\s+of\s+\d{1,3})?$"
    r"|^(?:page\s+)?[ivxlc]{1,7}$"
    r"|^table of contents$|^index$|^page$",
    re.I,
)
_TOC_LINE = re.compile(
    r"^(?:items?\s+\d{1,2}[a-c]?\b|part\s+[ivx]+\b).{0,160}?(?:\.{3,}|\s)\s*(?P<page>\d{1,3})$", re.I
)
_DOT_LEADER = re.compile(r"\.{4,}\s*\d{1,3}$")
_DIGITS = re.compile(r"\d+")
_SENTENCE_END = re.compile(r"[.!?:;][\"'”’)\]]*$")
_SEPARATOR = re.compile(r"^[\W_]+$")
_FOOTNOTE_MARK = re.compile(r"^(?:\(\s*(?:\d{1,2}|[a-z])\s*\)|\*{1,3}|\[\d{1,2}\]|[†‡§]+)$", re.I)
# A table's footnote: "(1)Services net sales include ...", "(*) Percentage is less than 1%.", "*$100 invested".
_TABLE_NOTE = re.compile(r"^(?:\(\s*(?:\d{1,2}|[a-z]|\*{1,3})\s*\)|\*{1,3}|[†‡§]+)\s*\S", re.I)
_UNIT_LINE = re.compile(
    r"^\(?(?:(?:dollars|amounts|shares|\$)\s+)?in\s+(?:millions|thousands|billions)\b[^.]{0,120}\)?$", re.I
)
_BULLET = re.compile(r"^[•·▪◦●■]\s*")
_TIGHT_BULLET = re.compile(r"^([•·▪◦●■])(?=\S)", re.M)  # "•lack of supply": the gap was CSS padding
_MARKERS = (PAGE_BREAK, TABLE_GONE)
FURNITURE_MAX_CHARS = 100
FURNITURE_MIN_REPEATS = 3
HEADER_DEPTH = 3  # a header or footer block has at most this many lines ("Table of Contents", company, title)
TABLE_TITLE_MAX_WORDS = 12


def is_page_number(para: str) -> bool:
    """Public because benchmarks/prose_coverage.py counts page numbers left in as furniture."""
    return bool(_PAGE_NUMBER.match(para))


def _is_toc_line(para: str) -> bool:
    return bool(_TOC_LINE.match(para) or _DOT_LEADER.search(para))


def _toc_entry(para: str) -> str | None:
    """A plain-text table-of-contents line as a ``TOC_ENTRY`` marker, when it names an Item."""
    match = _TOC_LINE.match(para)
    if not match:
        return None
    heading = parse_heading(para[: match.start("page")].rstrip(" ."))
    return f"{TOC_ENTRY}{heading.item}|{match.group('page')}" if heading else None


def _is_marker(para: str) -> bool:
    return para in _MARKERS or para.startswith(TOC_ENTRY)


def _edge_lines(paragraphs: list[str], start: int, step: int, running: set[str]) -> list[int]:
    """Indexes of the first ``HEADER_DEPTH`` short lines from ``start``, page numbers and markers skipped.

    The block ends at a long line, at the next page break, or after an Item
    heading (what follows an Item's start is content) unless that heading is
    itself one of the ``running`` ones.
    """
    found: list[int] = []
    i = start
    while 0 <= i < len(paragraphs) and len(found) < HEADER_DEPTH:
        para = paragraphs[i]
        if not _is_marker(para) and not is_page_number(para):
            if len(para) > FURNITURE_MAX_CHARS:
                break
            found.append(i)
            if parse_heading(para) and _masked(para) not in running:
                break
        elif para == PAGE_BREAK and found:
            break
        i += step
    return found


def _masked(para: str) -> str:
    return _DIGITS.sub("#", para.lower())


def _running_lines(paragraphs: list[str]) -> tuple[set[str], set[str]]:
    """Short lines that recur right next to page breaks, compared with digits masked.

    Only the first few short lines on each side of a break (page numbers
    skipped) can be a header or footer, and each line counts once however
    many breaks it borders, so a run of empty pages cannot make an ordinary
    line a footer.
    Item headings are returned apart: some filers print the current Item's
    heading atop every page, and its first occurrence is the Item's start.
    """
    breaks = [b for b, para in enumerate(paragraphs) if para == PAGE_BREAK]
    running_headings: set[str] = set()
    for _ in range(2):  # the second pass looks past the running Item headings the first found
        edges: set[int] = set()
        for b in breaks:
            edges.update(_edge_lines(paragraphs, b - 1, -1, running_headings))
            edges.update(_edge_lines(paragraphs, b + 1, 1, running_headings))
        lines: Counter = Counter()
        headings: Counter = Counter()
        for i in edges:
            (headings if parse_heading(paragraphs[i]) else lines)[_masked(paragraphs[i])] += 1
        running_headings = {key for key, n in headings.items() if n >= FURNITURE_MIN_REPEATS}
        if not running_headings:
            break
    return {key for key, n in lines.items() if n >= FURNITURE_MIN_REPEATS}, running_headings


def _drop_table_lead_in(kept: list[str]) -> None:
    """Remove what introduced a dropped table: unit lines, a title line, then a ":" lead-in.

    A lead-in that closes a longer paragraph loses only its own sentence.
    """
    _drop_unit_lines(kept)
    last = _removable(kept)
    if last and not _SENTENCE_END.search(last) and len(last.split()) <= TABLE_TITLE_MAX_WORDS:
        kept.pop()  # "CONSOLIDATED BALANCE SHEETS", "Index to Financial Statements"
        _drop_unit_lines(kept)
        last = _removable(kept)
    if last and last.endswith(":"):
        rest = [s for s in split_sentences(last) if not s.endswith(":")]
        if rest:
            kept[-1] = " ".join(rest)
        else:
            kept.pop()


def _drop_unit_lines(kept: list[str]) -> None:
    while kept and _UNIT_LINE.match(kept[-1]):
        kept.pop()


def _removable(kept: list[str]) -> str | None:
    """The last kept paragraph, unless it is a marker, an Item heading or a list (never a table's)."""
    if not kept or _is_marker(kept[-1]) or parse_heading(kept[-1]) or _BULLET.match(kept[-1]):
        return None
    return kept[-1]


def _join_lists(paragraphs: list[str]) -> list[str]:
    """Join each run of bullet items, and the lead-in that opens it, into one paragraph.

    Items ending in ";" or "; and" fail a sentence test one by one; together
    with their lead-in they read as the sentence the filer wrote. Lines stay
    apart (joined by a newline) so a long list still splits between items.
    """
    glued: list[str] = []
    for para in paragraphs:  # a bullet glyph on a line of its own, its text on the next
        para = _TIGHT_BULLET.sub(r"\1 ", para)
        if glued and _BULLET.fullmatch(glued[-1]) and not _is_marker(para):
            glued[-1] = f"• {para}"
        else:
            glued.append(para)
    out: list[str] = []
    for para in glued:
        if _BULLET.match(para) and out and _opens_list(out[-1]):
            out[-1] = f"{out[-1]}\n{para}"
        else:
            out.append(para)
    return out


def _opens_list(para: str) -> bool:
    """Whether a bullet after ``para`` continues it: a list item, a lead-in, an unfinished sentence.

    Not a heading in title case ("Executive Overview"): joined, it would open the list's first sentence.
    """
    if (
        _is_marker(para)
        or parse_heading(para)
        or ("\n" not in para and is_heading(para) and title_case(para))
    ):
        return False
    last_line = para.rsplit("\n", 1)[-1]
    return bool(_BULLET.match(last_line)) or para.endswith(":") or not _SENTENCE_END.search(para)


# Words no sentence or heading ends with: a paragraph ending in one was cut by the layout.
_OPEN_WORDS = frozenset(
    {
        "a", "an", "and", "as", "at", "by", "for", "from", "in", "of", "on", "or", "our", "see", "that",
        "the", "their", "to", "with"
    }
)  # fmt: skip


def _cut_in_layout(before: str, after: str) -> bool:
    """Whether ``before`` stops mid-sentence with no page break: a hyphen or a word no sentence ends with.

    Some filers' HTML closes a block inside a sentence ("... subsidiary banks, see | Note 26 ...",
    "The non- | U.S. branches ...").
    """
    if _is_marker(before) or parse_heading(after) or is_heading(after):
        return False
    last_line = before.rsplit("\n", 1)[-1]
    words = last_line.split()
    if _BULLET.match(last_line) or len(words) <= HEADING_MAX_WORDS:
        return False
    return before.endswith("-") or words[-1] in _OPEN_WORDS


def _cut_by_page(before: str, after: str) -> bool:
    """Whether a page break fell inside a sentence: ``before`` is unfinished and ``after`` goes on with it.

    The sentence goes on when ``after`` starts in lower case ("... our ability | to compete"), and
    also when ``before`` is prose that stops short: a hyphen, or a line too long for a heading
    ("... $1.6 billion lower as of | December 31, 2023", "... the Supreme | Court dismissed").
    """
    if _is_marker(before) or _SENTENCE_END.search(before) or parse_heading(after):
        return False
    if after[0].islower():
        return True
    if is_heading(after):
        return False  # the next page opens with a heading: "before" was a heading or a table's title
    last_line = before.rsplit("\n", 1)[-1]
    if _BULLET.match(last_line):
        return False  # a list item without final punctuation, then what follows the list
    return before.endswith("-") or (len(last_line.split()) > HEADING_MAX_WORDS and not is_heading(last_line))


def clean_paragraphs(paragraphs: list[str]) -> list[str]:
    """Remove furniture and page-break markers; keep ``TOC_ENTRY`` markers for segmentation.

    A paragraph that a page break cut mid-sentence (see ``_cut_by_page``) is
    joined again. The footnotes right after a dropped table ("(1) Includes
    unsettled repurchases.") go with it: without the table they annotate nothing.
    """
    running, running_headings = _running_lines(paragraphs)
    seen_headings: set[str] = set()
    kept: list[str] = []
    at_break = False
    after_table = False
    for para in paragraphs:
        if para == PAGE_BREAK:
            at_break = True
            continue
        if para == TABLE_GONE:
            _drop_table_lead_in(kept)
            after_table = True
            continue
        if para.startswith(TOC_ENTRY):
            kept.append(para)
            continue
        if _is_toc_line(para):
            entry = _toc_entry(para)
            if entry:
                kept.append(entry)
            continue
        if is_page_number(para) or (_SEPARATOR.match(para) and not _BULLET.fullmatch(para)):
            continue
        if _FOOTNOTE_MARK.match(para) or (after_table and _TABLE_NOTE.match(para)):
            continue
        after_table = False
        short = len(para) <= FURNITURE_MAX_CHARS
        if short and (running or running_headings):
            key = _masked(para)
            if key in running_headings:
                if key in seen_headings:
                    continue
                seen_headings.add(key)
            elif key in running:  # never an Item heading: those are counted apart
                continue
        if kept and (_cut_by_page(kept[-1], para) if at_break else _cut_in_layout(kept[-1], para)):
            kept[-1] = f"{kept[-1]}{'' if kept[-1].endswith('-') else ' '}{para}"
        else:
            kept.append(para)
        at_break = False
    return _join_lists(kept)
