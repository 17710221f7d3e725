"""Take the main document out of an EDGAR full-submission ``.txt``.

A full submission is ``<SEC-DOCUMENT>`` with a header and several
``<DOCUMENT>`` parts (the filing, exhibits, XBRL files); the filing proper is
the part whose ``<TYPE>`` is the form, which EDGAR always puts first.
"""

from __future__ import annotations

import re

from ..errors import FinstepError

_DOCUMENT = re.compile(rb"<DOCUMENT>(.*?)(?:</DOCUMENT>|\Z)", re.S | re.I)
_TYPE = re.compile(rb"<TYPE>[ \t]*([^\r\n<]+)", re.I)
_TEXT = re.compile(rb"<TEXT>(.*?)(?:</TEXT>|\Z)", re.S | re.I)
_WRAPPERS = re.compile(rb"</?(XBRL|XML|PDF)>", re.I)
_HTML = re.compile(rb"<(html|body)\b", re.I)


def main_document(data: bytes, *, name: str, form: str | None) -> tuple[str, bytes]:
    """Return ``(kind, body)`` of the part that holds the filing itself."""
    parts = []
    for match in _DOCUMENT.finditer(data):
        block = match.group(1)
        doc_type = _TYPE.search(block)
        text = _TEXT.search(block)
        if text:
            parts.append(
                (doc_type.group(1).strip().decode("ascii", "replace") if doc_type else "", text.group(1))
            )
    if not parts:
        raise FinstepError(f"{name}: SEC text file has no <DOCUMENT> with <TEXT>; the download is incomplete")
    wanted = (form or "").upper()
    body = next((b for t, b in parts if wanted and t.upper() == wanted), None)
    if body is None:
        body = next((b for t, b in parts if t.upper().startswith("10-K")), parts[0][1])
    body = _WRAPPERS.sub(b"", body)
    if not body.strip():
        raise FinstepError(f"{name}: the main document of the SEC text file is empty")
    return ("html" if _HTML.search(body[:65536]) else "text"), body
