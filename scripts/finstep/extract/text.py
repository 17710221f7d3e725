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


_ESCAPED_BYTE = re.compile("[\udc80-\udcff]")
_VALID_NON_ASCII = re.compile("[^\x00-\x7f\udc80-\udcff]")


def decode_document(data: bytes) -> tuple[str, str, int]:
    """``(text, encoding, replaced_bytes)``: UTF-8 or Windows-1252, decided by the majority.

    EDGAR documents are one or the other. Decoding all-or-nothing turned a UTF-8 filing with
    one stray byte into Windows-1252 mojibake ("companyâ€™s") throughout; here a document
    is UTF-8 when it holds more valid UTF-8 characters beyond ASCII than bytes invalid as
    UTF-8, and each invalid byte becomes U+FFFD, counted. A Windows-1252 document has no
    valid multi-byte UTF-8 characters (in practice), so all its non-ASCII bytes are invalid.
    """
    text = data.decode("utf-8", "surrogateescape")
    invalid = len(_ESCAPED_BYTE.findall(text))
    if not invalid:
        return text, "utf-8", 0
    if len(_VALID_NON_ASCII.findall(text)) > invalid:
        return _ESCAPED_BYTE.sub("\ufffd", text), "utf-8", invalid
    text = data.decode("windows-1252", "replace")
    return text, "windows-1252", text.count("\ufffd")
