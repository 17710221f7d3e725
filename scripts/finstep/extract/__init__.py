"""Filing document → clean text split into 10-K Items.

Pipeline: sniff the format, take the main document out of a full SGML
submission, turn HTML or plain text into paragraphs, drop page furniture
(page numbers, running headers, table-of-contents lines), then segment.
"""

from __future__ import annotations

from .cleanup import clean_paragraphs
from .html import html_to_paragraphs
from .items import segment
from .plaintext import text_to_paragraphs
from .sgml import main_document
from .sniff import sniff

__all__ = ["extract_document"]


def extract_document(data: bytes, *, name: str, form: str | None = None) -> dict:
    """Extract sections from one filing's bytes; ``name`` is used in error messages."""
    kind = sniff(data, name)  # "sgml", "html" or "text"
    if kind == "sgml":
        kind, data = main_document(data, name=name, form=form)
    paragraphs = html_to_paragraphs(data) if kind == "html" else text_to_paragraphs(data)
    paragraphs = clean_paragraphs(paragraphs)
    return segment(paragraphs)
