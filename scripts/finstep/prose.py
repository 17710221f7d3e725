"""The is-prose filter: keep chunks that read as sentences, not tables or lists.

Thresholds live in config (``chunking.prose``) and are documented in
``config/README.md``. Each is a ratio a reader can check by hand on a chunk.
"""

from __future__ import annotations

import re
from dataclasses import fields

from .config_schema import settings

_WORD = re.compile(r"[A-Za-z][A-Za-z'’\-]*")
# A sentence ends in ". ! ?"; so does a list item ending in ";" or "; and" at the end of its line.
_SENTENCE_END = re.compile(r"[.!?][\"'”’)]?(?:\s|$)|;(?:\s+(?:and|or))?[ \t]*(?:\n|$)")
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
        """The first threshold ``text`` fails, or None when it is prose."""
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
