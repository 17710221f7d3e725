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
# "Item 1A. Risk Factors", "Part II. Item 7": the period closes a reference when the Item's title follows.
_ITEM_KEY = re.compile(r"\d{1,2}[A-Ca-c]?")
_PART_KEY = re.compile(r"[IVX]{1,4}")
HEADING_MAX_WORDS = 15
# Amazon's risk-factor headings are whole clauses in title case: "We Face Intense Competition ...".
TITLE_HEADING_MAX_WORDS = 40
_MINOR_WORDS = frozenset(
    {
        "a", "an", "and", "as", "at", "but", "by", "for", "from", "in", "into", "of", "on", "or", "nor",
        "the", "to", "with", "its", "our", "their", "we", "us"
    }
)  # fmt: skip
_WORD = re.compile(r"[A-Za-z][\w'’-]*")
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
    body = [p for p in paragraphs if not is_heading(p)] or paragraphs
    sentences = [s for p in body for s in _paragraph_sentences(p)]
    return [s for s in sentences if not s.endswith(":")] or sentences


def is_heading(paragraph: str) -> bool:
    """A line without final punctuation, short ("Fiscal 2024 Highlights", "(In millions)") or in title case."""
    if re.search(r"[.!?:;,][\"'”’)]*$", paragraph):  # a list item ends in ";" too
        return False
    words = paragraph.split()
    return len(words) <= HEADING_MAX_WORDS or (
        len(words) <= TITLE_HEADING_MAX_WORDS and title_case(paragraph)
    )


def title_case(paragraph: str) -> bool:
    """Every word but articles, prepositions and conjunctions capitalized: a title, not a sentence."""
    major = [w for w in _WORD.findall(paragraph) if w.lower() not in _MINOR_WORDS]
    return bool(major) and all(w[0].isupper() for w in major)


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
    if len(words) > 1 and _is_reference(words[-2].lstrip("\"'“‘([").lower(), word, paragraph[stop + 1 :]):
        return True
    return word.lower() in _ABBREVIATIONS or bool(_INITIALS.fullmatch(word))


def _is_reference(before: str, key: str, rest: str) -> bool:
    """ "Item 1A." followed by its title ("Risk Factors"), or "Part II." followed by "Item"."""
    from .extract.items import ITEM_TITLES  # here: extract imports this module

    following = rest.split(maxsplit=1)[0].strip("\"'“‘”’,").lower() if rest.strip() else ""
    if before in ("item", "items") and _ITEM_KEY.fullmatch(key):
        title = ITEM_TITLES.get(key.upper(), "")
        return bool(title) and following == title.split()[0].lower()
    return before == "part" and bool(_PART_KEY.fullmatch(key)) and following == "item"


def break_pattern() -> str:
    """A regex for the whitespace after a sentence's end, for text splitters that take separators.

    It mirrors ``split_sentences``: no break after an abbreviation, initials
    ("U.S.") or a reference ("Item 1A."), nor before a word that cannot start a
    sentence. Lookbehinds must be of fixed width, hence one for each word.
    """
    words = sorted(_ABBREVIATIONS | {w.capitalize() for w in _ABBREVIATIONS})
    after_word = "".join(rf"(?<!\b{re.escape(w)}\.)" for w in words)
    references = "".join(
        rf"(?<!\b{ref} {key}\.)"
        for ref in ("Item", "Part", "ITEM", "PART")
        for key in (r"\d", r"\d\d", r"\d[A-C]", r"\d\d[A-C]", "I", "II", "III", "IV")
    )
    return (
        r"(?:(?<=[.!?])|(?<=[.!?][\"'”’)\]]))"
        rf"(?<!\b[A-Za-z]\.){after_word}{references}\s+(?={SENTENCE_START.pattern})"
    )
