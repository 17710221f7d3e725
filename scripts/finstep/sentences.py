"""Sentence splitting for filing prose, with no NLTK data to download.

The extractive teacher picks sentences with it, and ROUGE-Lsum puts each
sentence on its own line with it (``rouge_score`` would otherwise need NLTK's
punkt data, which compute nodes often cannot fetch).
"""

from __future__ import annotations

import re

# Words that end with a period without ending a sentence ("Apple Inc. and", "No. 5", "approx. 3").
_ABBREVIATIONS = frozenset(
    {
        "inc", "corp", "co", "ltd", "llc", "plc", "no", "nos", "vs", "approx", "est", "dept", "fig",
        "mr", "mrs", "ms", "dr", "jr", "sr", "st", "jan", "feb", "mar", "apr", "jun", "jul", "aug",
        "sep", "sept", "oct", "nov", "dec",
    }
)  # fmt: skip
# Sentence-final punctuation, optional closing quotes or brackets, then whitespace.
_BOUNDARY = re.compile(r"[.!?][\"'”’)\]]*\s+")
# What a new sentence may start with: a capital, a digit, an opening quote or bracket, a bullet, a currency.
SENTENCE_START = re.compile(r"[A-Z0-9\"'“‘(\[•$€£]|[a-z][A-Z]")  # "iPhone sales rose"
_INITIALS = re.compile(r"(?:[A-Za-z]\.)*[A-Za-z]")  # "U.S", "e.g", "A": initials and single letters
_HEADING_MAX_WORDS = 15
_BULLET = re.compile(r"^[•\-–—*·]\s*")


def split_sentences(text: str) -> list[str]:
    """Sentences of ``text`` in order, whitespace collapsed, without headings or list introductions.

    Paragraphs (blank-line separated) are split separately, so a heading
    without a period never fuses with the paragraph below it. A sentence
    ending in ":" introduces a list or a table (which extraction drops) and
    says nothing alone. Either is kept when the text holds nothing else.
    """
    paragraphs = [" ".join(p.split()) for p in re.split(r"\n\s*\n", text)]
    paragraphs = [_BULLET.sub("", p) for p in paragraphs if p]
    body = [p for p in paragraphs if not _is_heading(p)] or paragraphs
    sentences = [s for p in body for s in _paragraph_sentences(p)]
    return [s for s in sentences if not s.endswith(":")] or sentences


def _is_heading(paragraph: str) -> bool:
    """A short line without final punctuation: "Fiscal 2024 Highlights", "(In millions)"."""
    return not re.search(r"[.!?:][\"'”’)]*$", paragraph) and len(paragraph.split()) <= _HEADING_MAX_WORDS


def _paragraph_sentences(paragraph: str) -> list[str]:
    sentences, begin = [], 0
    for match in _BOUNDARY.finditer(paragraph):
        if SENTENCE_START.match(paragraph, match.end()) and not _is_abbreviation(paragraph, match.start()):
            sentences.append(paragraph[begin : match.end()].strip())
            begin = match.end()
    tail = paragraph[begin:].strip()
    return [*sentences, tail] if tail else sentences


def _is_abbreviation(paragraph: str, stop: int) -> bool:
    """Whether the period at ``stop`` ends an abbreviation or initials rather than a sentence."""
    if paragraph[stop] != ".":
        return False
    words = paragraph[:stop].split()
    word = words[-1].lstrip("\"'“‘([") if words else ""
    return word.lower() in _ABBREVIATIONS or bool(_INITIALS.fullmatch(word))
