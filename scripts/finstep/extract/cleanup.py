"""Drop page furniture from extracted paragraphs.

Page numbers, running headers and footers ("Apple Inc. | 2025 Form 10-K | 12")
and table-of-contents lines carry no prose and, left in, split sentences in
the middle and turn up as noise in chunks.
"""

from __future__ import annotations

import re
from collections import Counter

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
# How close to a page break a repeated short line must be to count as a header or footer.
FURNITURE_WINDOW = 2
FURNITURE_MAX_CHARS = 100
FURNITURE_MIN_REPEATS = 3


def _is_page_number(para: str) -> bool:
    return bool(_PAGE_NUMBER.match(para))


def _is_toc_line(para: str) -> bool:
    return bool(_TOC_LINE.match(para) or _DOT_LEADER.search(para))


def _running_lines(paragraphs: list[str]) -> set[str]:
    """Short lines that recur next to page breaks, compared with digits masked.

    Each paragraph is counted once however many breaks it sits near, so a
    run of empty pages does not turn an ordinary line into a "footer".
    """
    breaks = [i for i, p in enumerate(paragraphs) if p == PAGE_BREAK]
    near_break: set[int] = set()
    for b in breaks:
        for i in range(max(0, b - FURNITURE_WINDOW), min(len(paragraphs), b + FURNITURE_WINDOW + 1)):
            if paragraphs[i] != PAGE_BREAK and len(paragraphs[i]) <= FURNITURE_MAX_CHARS:
                near_break.add(i)
    counts = Counter(_DIGITS.sub("#", paragraphs[i].lower()) for i in near_break)
    return {key for key, n in counts.items() if n >= FURNITURE_MIN_REPEATS}


def clean_paragraphs(paragraphs: list[str]) -> list[str]:
    """Remove page numbers, running headers/footers, TOC lines and page-break markers."""
    running = _running_lines(paragraphs)
    kept = []
    for para in paragraphs:
        if para == PAGE_BREAK or _is_page_number(para) or _is_toc_line(para):
            continue
        if running and len(para) <= FURNITURE_MAX_CHARS and _DIGITS.sub("#", para.lower()) in running:
            continue
        kept.append(para)
    return kept
