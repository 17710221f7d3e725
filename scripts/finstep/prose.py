"""The is-prose filter: keep chunks that read as sentences, not tables or lists.

Thresholds live in config (``chunking.prose``) and are documented in
``config/README.md``. Each is a ratio a reader can check by hand on a chunk.
A chunk that passes them all but only says where the information is
("Information in response to this Item 7A can be found in the 2024 Annual
Report ...") is dropped too: its summary could only repeat the pointer.
"""

from __future__ import annotations

import re
from dataclasses import fields

from .config_schema import settings
from .sentences import split_sentences

_WORD = re.compile(r"[A-Za-z][A-Za-z'’\-]*")
# A sentence ends in ". ! ?"; so does a list item ending in ";" or "; and" at the end of its line.
_SENTENCE_END = re.compile(r"[.!?][\"'”’)]?(?:\s|$)|;(?:\s+(?:and|or))?[ \t]*(?:\n|$)")
# A sentence that only points elsewhere: banks' Items 1A, 7 and 7A, Part III's proxy-statement
# pointers, "See Note 7 ...". A sentence is one line here (split_sentences joins lines).
_POINTER = re.compile(
    r"\bincorporated\b.{0,200}?\bby reference\b"
    r"|\b(?:can be found|(?:is|are) found|will be (?:included|contained|set forth|presented|filed|provided)"
    r"|(?:is|are) (?:included|contained|set forth|presented|provided))\b.{0,250}?"
    r"\b(?:proxy statement|annual report|exhibits?|items?\s+\d|notes?\s+\d|part\s+[ivx]+)\b"
    r"|^(?:see|refer to)\b|^for (?:additional|further|more) (?:information|details|discussion)\b",
    re.IGNORECASE,
)
_NOT_APPLICABLE = re.compile(r"^not applicable\.?$", re.IGNORECASE)
POINTER = "cross-reference only"
# Function words make up a third or more of English prose and almost none of a table.
STOPWORDS = frozenset(
    [
        "a",
        "an",
        "and",
        "are",
        "as",
        "at",
        "be",
        "been",
        "by",
        "for",
        "from",
        "has",
        "have",
        "in",
        "is",
        "it",
        "its",
        "of",
        "on",
        "or",
        "our",
        "that",
        "the",
        "their",
        "this",
        "to",
        "was",
        "we",
        "were",
        "which",
        "will",
        "with",
        "not",
        "may",
        "such",
        "these",
        "those",
        "than",
        "other",
    ]
)


@settings("chunking", "prose")
class ProseFilter:
    """``chunking.prose`` in config; the defaults are the schema's."""

    min_chars: int
    min_words: int
    min_alpha_ratio: float  # letters / non-space characters
    max_digit_ratio: float  # digits / non-space characters
    min_stopword_ratio: float  # function words / words
    min_sentences: int  # sentence-ending punctuation marks

    @classmethod
    def from_config(cls, options: dict | None) -> ProseFilter:
        names = {f.name for f in fields(cls)}
        return cls(**{k: v for k, v in (options or {}).items() if k in names})

    def why_not(self, text: str) -> str | None:
        """The first threshold ``text`` fails, or None when it is prose; a mere pointer fails first."""
        if only_points_elsewhere(text):
            return POINTER
        if len(text) < self.min_chars:
            return "too short"
        dense = "".join(text.split())
        letters = sum(c.isalpha() for c in dense)
        digits = sum(c.isdigit() for c in dense)
        if letters / len(dense) < self.min_alpha_ratio:
            return "too few letters"
        if digits / len(dense) > self.max_digit_ratio:
            return "too many digits"
        words = _WORD.findall(text)
        if len(words) < self.min_words:
            return "too few words"
        if sum(w.lower() in STOPWORDS for w in words) / len(words) < self.min_stopword_ratio:
            return "too few function words"
        if len(_SENTENCE_END.findall(text)) < self.min_sentences:
            return "no sentence"
        return None

    def __call__(self, text: str) -> bool:
        return self.why_not(text) is None


def points_elsewhere(sentence: str) -> bool:
    """Whether one sentence only says where information is: "See Note 7 ...", "... incorporated by reference"."""
    return bool(_POINTER.search(sentence))


def only_points_elsewhere(text: str) -> bool:
    """Whether ``text`` only says where the information is (another document, Item or note).

    "Not applicable." may stand beside a pointer (NVIDIA's Item 9C, then its Part III notice).
    """
    sentences = [s for s in split_sentences(text) if not _NOT_APPLICABLE.match(s)]
    return bool(sentences) and all(_POINTER.search(s) for s in sentences)
