"""Plain-text filings (1990s full submissions) → a list of paragraphs.

Plain-text 10-Ks are hard-wrapped at ~70 columns with blank lines between
paragraphs, ``<PAGE>`` between pages and tables inside ``<TABLE>`` blocks.
"""

from __future__ import annotations

import re

from .text import PAGE_BREAK, decode_document, normalize_space

_TABLE = re.compile(r"<TABLE>(.*?)</TABLE>", re.S | re.I)
_PAGE = re.compile(r"^\s*<PAGE>\s*\d*\s*$", re.I | re.M)
_TAG_LINE = re.compile(r"^\s*</?(S|C|F\d+|FN|CAPTION|R\d+)>.*$", re.I | re.M)
_ANY_TAG = re.compile(r"</?[A-Za-z][A-Za-z0-9\-]*>")
_WORD = re.compile(r"[A-Za-z]{3,}")


def _table_is_prose(body: str) -> bool:
    """Keep a ``<TABLE>`` whose lines are mostly words (prose laid out in columns)."""
    lines = [ln for ln in body.splitlines() if ln.strip() and not _TAG_LINE.match(ln)]
    if not lines:
        return False
    wordy = sum(1 for ln in lines if len(_WORD.findall(ln)) >= 5)
    return wordy / len(lines) >= 0.6


def text_to_paragraphs(data: bytes | str) -> list[str]:
    """``data``: the document's bytes, or its text decoded by ``decode_document``."""
    text = decode_document(data)[0] if isinstance(data, bytes) else data
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = _TABLE.sub(lambda m: m.group(1) if _table_is_prose(m.group(1)) else "\n\n", text)
    text = _PAGE.sub(f"\n\n{PAGE_BREAK}\n\n", text)
    text = text.replace("\f", f"\n\n{PAGE_BREAK}\n\n")
    text = _TAG_LINE.sub("", text)
    text = _ANY_TAG.sub(" ", text)
    paragraphs = []
    for block in re.split(r"\n[ \t]*\n", text):
        para = normalize_space(block)
        if para:
            paragraphs.append(para)
    return paragraphs
