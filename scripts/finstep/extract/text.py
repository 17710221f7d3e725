"""Shared text helpers for extraction."""

from __future__ import annotations

import re

# A private-use character: it never occurs in filings and survives str.split().
PAGE_BREAK = "\ue000"
# Where a table was dropped: cleanup removes the lead-in line and title that introduced it.
TABLE_GONE = "\ue001"
# A table-of-contents row, "\ue002<item>|<page>": segmentation checks Items against their page spans.
TOC_ENTRY = "\ue002"

_SPACE = re.compile(r"[^\S\ue000-\ue002]+")
_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\ufeff\u00ad"), None)


def normalize_space(text: str) -> str:
    """Collapse all whitespace (NBSP, thin spaces, tabs) to single spaces."""
    return _SPACE.sub(" ", text.translate(_INVISIBLE)).strip()
