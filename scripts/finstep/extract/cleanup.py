"""Drop page furniture from extracted paragraphs.

Page numbers, running headers and footers ("Apple Inc. | 2025 Form 10-K | 12")
and table-of-contents lines carry no prose and, left in, split sentences in
the middle and turn up as noise in chunks.
"""

from __future__ import annotations

import re
from collections import Counter

from .items import parse_heading
from .text import PAGE_BREAK

_PAGE_NUMBER = re.compile(
    r"^(?:page\s+)?(?:[-–—]\s*)?(?:[A-Z]-)?\d{1,3}(?:\s*[-–—])?(?:\s+of\s+\d{1,3})?$"
    r"|^(?:page\s+)?[ivxlc]{1,7}$"
    r"|^table of contents$|^index$|^page$",
    re.I,
)
_TOC_LINE = re.compile(
    r"^(?:items?\s+\d{1,2}[a-c]?\b|part\s+[ivx]+\b).{0,160}?(?:\.{3,}|\s)\s*\d{1,3}$", re.I
)
_DOT_LEADER = re.compile(r"\.{4,}\s*\d{1,3}$")
_DIGITS = re.compile(r"\d+")
_SENTENCE_END = re.compile(r"[.!?:;][\"'”’)\]]*$")
FURNITURE_MAX_CHARS = 100
FURNITURE_MIN_REPEATS = 3


def _is_page_number(para: str) -> bool:
    return bool(_PAGE_NUMBER.match(para))


def _is_toc_line(para: str) -> bool:
    return bool(_TOC_LINE.match(para) or _DOT_LEADER.search(para))


def _next_content(paragraphs: list[str], start: int, step: int) -> int | None:
    """Index of the first paragraph from ``start`` that is not a page number or break."""
    i = start
    while 0 <= i < len(paragraphs):
        if paragraphs[i] != PAGE_BREAK and not _is_page_number(paragraphs[i]):
            return i
        i += step
    return None


def _running_lines(paragraphs: list[str]) -> set[str]:
    """Short lines that recur right next to page breaks, compared with digits masked.

    Only the first line on each side of a break (page numbers skipped) can be
    a header or footer, and each line counts once however many breaks it
    borders, so a run of empty pages cannot make an ordinary line a footer.
    Item headings are never furniture.
    """
    edges: set[int] = set()
    for b, para in enumerate(paragraphs):
        if para == PAGE_BREAK:
            for i in (_next_content(paragraphs, b - 1, -1), _next_content(paragraphs, b + 1, 1)):
                if i is not None and len(paragraphs[i]) <= FURNITURE_MAX_CHARS:
                    edges.add(i)
    counts = Counter(
        _DIGITS.sub("#", paragraphs[i].lower()) for i in edges if not parse_heading(paragraphs[i])
    )
    return {key for key, n in counts.items() if n >= FURNITURE_MIN_REPEATS}


def clean_paragraphs(paragraphs: list[str]) -> list[str]:
    """Remove page numbers, running headers/footers, TOC lines and page-break markers.

    A paragraph that a page break cut mid-sentence (no closing punctuation
    before the break, a lower-case word after it) is joined again.
    """
    running = _running_lines(paragraphs)
    kept: list[str] = []
    at_break = False
    for para in paragraphs:
        if para == PAGE_BREAK:
            at_break = True
            continue
        if _is_page_number(para) or _is_toc_line(para):
            continue
        if (
            running
            and len(para) <= FURNITURE_MAX_CHARS
            and _DIGITS.sub("#", para.lower()) in running
            and not parse_heading(para)
        ):
            continue
        if at_break and kept and para[0].islower() and not _SENTENCE_END.search(kept[-1]):
            kept[-1] = f"{kept[-1]} {para}"
        else:
            kept.append(para)
        at_break = False
    return kept
