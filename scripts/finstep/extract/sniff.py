"""Tell HTML from SEC SGML before parsing, so bad input fails with a clear message."""

from __future__ import annotations

import re

from ..errors import FinstepError

_SGML = re.compile(rb"<(SEC-DOCUMENT|IMS-DOCUMENT|DOCUMENT)>", re.I)
_HTML = re.compile(rb"<(!doctype\s+html|html|body|div|p|table|font)\b", re.I)


def sniff(data: bytes, name: str) -> str:
    """Return ``"sgml"`` or ``"html"``; raise for empty or unrecognisable files."""
    if not data.strip():
        raise FinstepError(f"{name}: file is empty; re-download it or remove it from the source")
    head = data[:8192]
    if b"\x00" in head:
        raise FinstepError(f"{name}: binary file, not an HTML or SEC text filing; remove it")
    if _SGML.search(head):
        return "sgml"
    if _HTML.search(data[:65536]):
        return "html"
    raise FinstepError(
        f"{name}: not an HTML document or an SEC full-submission .txt; "
        "give the filing's primary HTML document or its <SEC-DOCUMENT> text"
    )
