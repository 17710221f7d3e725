"""Tell HTML, SEC SGML and plain text apart before parsing, so bad input fails clearly."""

from __future__ import annotations

import re

from ..errors import FinstepError

_SGML = re.compile(rb"<(SEC-DOCUMENT|IMS-DOCUMENT|DOCUMENT)>", re.I)
_HTML = re.compile(rb"<(!doctype\s+html|html|body|div|p|table|font)\b", re.I)
TEXT_EXTENSIONS = ("txt",)
COMPRESSED_SUFFIX = ".gz"  # a compressed copy's name: the document's own extension, then .gz


def document_extension(name: str) -> str:
    """``htm`` for ``x.htm`` and for ``x.htm.gz``: what kind of document a file holds."""
    if name.lower().endswith(COMPRESSED_SUFFIX):
        name = name[: -len(COMPRESSED_SUFFIX)]
    return name.rpartition(".")[2].lower()


def _looks_like_text(head: bytes) -> bool:
    """Mostly printable characters with words in them: a plain-text filing."""
    sample = head.decode("utf-8", "replace")
    printable = sum(c.isprintable() or c in "\r\n\t\f" for c in sample)
    return printable / len(sample) > 0.95 and sum(c.isalpha() for c in sample) > len(sample) / 3


def sniff(data: bytes, name: str) -> str:
    """``"sgml"``, ``"html"`` or ``"text"`` (for ``.txt`` files only); raise for anything else.

    ``data``: the document's bytes, decompressed when ``name`` is a ``.gz`` copy.
    """
    if not data.strip():
        raise FinstepError(f"{name}: file is empty; re-download it or remove it from the source")
    head = data[:8192]
    if b"\x00" in head:
        raise FinstepError(f"{name}: binary file, not an HTML or SEC text filing; remove it")
    if _SGML.search(head):
        return "sgml"
    if _HTML.search(data[:65536]):
        return "html"
    if document_extension(name) in TEXT_EXTENSIONS and _looks_like_text(head):
        return "text"
    raise FinstepError(
        f"{name}: not an HTML document or an SEC text filing; "
        "give the filing's primary HTML document or its full-submission .txt"
    )
