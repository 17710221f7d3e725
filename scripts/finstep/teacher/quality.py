"""Is a schema-valid answer a good one? Checks run on every parsed answer, before it becomes data.

A grammar guarantees the shape of an answer, not its sense: a small model
under a grammar loops ("…which is a MacBook Air, which is a MacBook Air…")
until the closing margin cuts the rationale, then closes a three-word
summary, and the parser counts that as valid. The checks here catch what such
failures look like, each with its own reason code, so a failing answer is
retried like a parse failure and, failing again, goes to ``rejects.jsonl``:

- ``repetition``: a large share of the answer's word n-grams repeat an earlier
  one (a loop), or a rationale step is repeated verbatim;
- ``short_summary``: fewer words than a summary of a 10-K excerpt needs;
- ``copied_chunk``: the summary is the excerpt itself, copied (nearly) whole;
- ``unsupported_numbers``: the summary states numbers the excerpt does not
  (the evaluation's faithfulness code, with the same rounding rules).
"""

from __future__ import annotations

import re
from dataclasses import asdict, fields

from ..config_schema import settings
from ..errors import FinstepError
from ..evaluation.numbers import check_numbers
from .schema import TeacherAnswer

REPETITION, SHORT_SUMMARY, COPIED_CHUNK, UNSUPPORTED_NUMBERS = (
    "repetition",
    "short_summary",
    "copied_chunk",
    "unsupported_numbers",
)
QUALITY_CODES = (REPETITION, SHORT_SUMMARY, COPIED_CHUNK, UNSUPPORTED_NUMBERS)
_WORD = re.compile(r"\w+(?:[.,']\w+)*")
_STEP_LINE = re.compile(r"^\s*(?:step\s*)?\d{1,2}\s*[.):]\s*", re.IGNORECASE)
_COPY_NGRAM = 8  # a shared 8-word run is copying, not a shared phrase


@settings("teachers", "*", "quality")
class QualityChecks:
    """Thresholds of the checks (``teachers.<name>.quality`` in config; config/schema.yaml has the defaults).

    ``enabled: false`` turns every check off: the answers are then only schema-checked.
    """

    enabled: bool
    ngram: int
    max_repeated_ngram_share: float
    min_summary_words: int
    max_copied_share: float
    max_unsupported_share: float

    @classmethod
    def from_options(cls, options: dict | None) -> QualityChecks:
        known = {field.name for field in fields(cls)}
        unknown = sorted(set(options or {}) - known)
        if unknown:
            raise FinstepError(
                f"teacher quality option {unknown[0]!r} is unknown; known: {', '.join(sorted(known))}"
            )
        return cls(**(options or {}))

    def as_dict(self) -> dict:
        return asdict(self)


def words(text: str) -> list[str]:
    return [w.lower() for w in _WORD.findall(text)]


def repeated_ngram_share(tokens: list[str], n: int) -> float:
    """Share of the word n-grams that already occurred earlier in the same text (0 for a short text)."""
    grams = [tuple(tokens[i : i + n]) for i in range(len(tokens) - n + 1)]
    if not grams:
        return 0.0
    seen: set[tuple[str, ...]] = set()
    repeated = 0
    for gram in grams:
        repeated += gram in seen
        seen.add(gram)
    return repeated / len(grams)


def repeated_step(rationale: str) -> str | None:
    """The first rationale step whose text (number removed) repeats an earlier step verbatim."""
    seen: set[str] = set()
    for line in rationale.splitlines():
        text = " ".join(_STEP_LINE.sub("", line).split()).lower()
        if not text:
            continue
        if text in seen:
            return text
        seen.add(text)
    return None


def copied_share(summary: list[str], chunk: list[str]) -> float:
    """Share of the chunk's words that the summary reproduces in runs of at least eight words."""
    if len(chunk) < _COPY_NGRAM or len(summary) < _COPY_NGRAM:
        return 0.0
    chunk_grams = {tuple(chunk[i : i + _COPY_NGRAM]) for i in range(len(chunk) - _COPY_NGRAM + 1)}
    covered = [False] * len(summary)
    for i in range(len(summary) - _COPY_NGRAM + 1):
        if tuple(summary[i : i + _COPY_NGRAM]) in chunk_grams:
            covered[i : i + _COPY_NGRAM] = [True] * _COPY_NGRAM
    return sum(covered) / len(chunk)


def quality_problem(answer: TeacherAnswer, chunk_text: str, checks: QualityChecks) -> str | None:
    """``"code: detail"`` for the first check the answer fails, or None when it passes them all."""
    if not checks.enabled:
        return None
    # Each field on its own: a summary may restate what the rationale quoted, a loop repeats itself.
    for field, text in (("rationale", answer.rationale), ("summary", answer.summary)):
        share = repeated_ngram_share(words(text), checks.ngram)
        if share > checks.max_repeated_ngram_share:
            return (
                f"{REPETITION}: {share:.0%} of the {field}'s {checks.ngram}-word sequences repeat an earlier "
                f"one (max {checks.max_repeated_ngram_share:.0%})"
            )
    step = repeated_step(answer.rationale)
    if step is not None:
        return f"{REPETITION}: the rationale repeats the step {step[:80]!r}"
    summary = words(answer.summary)
    if len(summary) < checks.min_summary_words:
        return f"{SHORT_SUMMARY}: {len(summary)} words (min {checks.min_summary_words})"
    copied = copied_share(summary, words(chunk_text))
    if copied > checks.max_copied_share:
        return f"{COPIED_CHUNK}: the summary reproduces {copied:.0%} of the excerpt (max {checks.max_copied_share:.0%})"
    numbers = check_numbers(answer.summary, chunk_text)
    if numbers.share is not None and numbers.share > checks.max_unsupported_share:
        shown = ", ".join(numbers.unsupported[:3])
        return (
            f"{UNSUPPORTED_NUMBERS}: {len(numbers.unsupported)} of the summary's {numbers.numbers} numbers "
            f"are not in the excerpt ({shown}; max share {checks.max_unsupported_share:.0%})"
        )
    return None
