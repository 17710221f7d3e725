"""Filing document → clean text split into 10-K Items.

Pipeline: sniff the format, take the main document out of a full SGML
submission, turn HTML or plain text into paragraphs, drop page furniture
(page numbers, running headers, table-of-contents lines), then segment.
"""

from __future__ import annotations

import re

from ..errors import FinstepError
from .cleanup import clean_paragraphs
from .html import html_paragraphs_and_headings
from .items import segment
from .plaintext import text_to_paragraphs
from .sgml import main_document
from .sniff import sniff
from .text import decode_document

__all__ = ["extract_document"]

# A document this large that yields under this share of its size as text was not read:
# 10-Ks give 5-15% of their bytes as text, exhibits and XBRL included.
MIN_TEXT_SHARE = 0.005
CHECKED_BYTES = 1_000_000
_PARAGRAPH = re.compile(r"[^\n]+(?:\n(?!\n)[^\n]*)*")  # sections join their paragraphs with "\n\n"


def extract_document(data: bytes, *, name: str, form: str | None = None) -> dict:
    """Extract sections from one filing's bytes; ``name`` is used in error messages.

    The result also says how the document was decoded (``encoding``) and how many of its
    bytes were invalid there and replaced (``replaced_bytes``).
    """
    kind = sniff(data, name)  # "sgml", "html" or "text"
    if kind == "sgml":
        kind, data = main_document(data, name=name, form=form)
    text, encoding, replaced = decode_document(data)
    if kind == "html":
        paragraphs, bold = html_paragraphs_and_headings(text, name)
    else:
        paragraphs, bold = text_to_paragraphs(text), set()
    paragraphs = clean_paragraphs(paragraphs)
    result = segment(paragraphs)
    for section in result["sections"]:
        section["headings"] = heading_spans(section["text"], bold)
    chars = sum(len(s["text"]) for s in result["sections"])
    if not chars or (len(data) >= CHECKED_BYTES and chars < MIN_TEXT_SHARE * len(data)):
        raise FinstepError(
            f"{name}: {chars} characters of text from {len(data):,} bytes of {kind}: its text could not be "
            "read; check that the file is the filing's document (not an image, a PDF or an index page)"
        )
    # Bytes invalid in the document's encoding, each now U+FFFD: a handful is a stray byte.
    return {**result, "encoding": encoding, "replaced_bytes": replaced}


def heading_spans(text: str, headings: set[str]) -> list[list[int]]:
    """``[start, end]`` of each paragraph of a section's text that is one of ``headings`` (bold ones).

    Offsets rather than the strings: chunking asks of a chunk's last paragraph, by
    where it is, whether it heads what follows (see ``chunking.glue_headings``).
    """
    return [[m.start(), m.end()] for m in _PARAGRAPH.finditer(text) if m.group() in headings]
