"""Reading and checking the numeric answer of a free-text response to an arithmetic example.

The arithmetic set (``finstep.datasets.arithmetic``) gives every example an
exact ``answer`` and a worked solution ending ``Answer: <value>``. A model's
response is read the same way whatever it is: the first number after its last
``Answer:`` marker, else its last number, and is correct within a stated
tolerance.
"""

from __future__ import annotations

import math
import re

from .numbers import DIGITS

# Half a unit in the last displayed decimal: the error display rounding alone can make.
ABS_TOL = 0.005

_DASHES = str.maketrans({"\u2212": "-", "\u2012": "-", "\u2013": "-", "\ufe63": "-", "\uff0d": "-"})
_ANSWER = re.compile(r"\banswer[*_\s]*[:：]", re.IGNORECASE)
# Not inside a word or after a decimal point: "Q4" and "FY2023" are labels, not values.
_NUMBER = re.compile(rf"(?<![\w.])({DIGITS}|\.\d+)")
# What may stand before a number: an opening parenthesis, a minus that is not a hyphen ("2019-2023"), a '$'.
_BEFORE = re.compile(
    r"(?P<open>\(\s*)?(?:(?<![\w.])(?P<sign>-)\s*)?\$?\s*(?P<open2>\(\s*)?(?:(?<![\w.])(?P<sign2>-))?\s*\Z"
)
# What may close an accounting negative: "(1,234.5)", "($12.3 million)", but not "(1.0425)^7".
_AFTER = re.compile(r"\s*%?\s*(?:million|billion|thousand|mn|bn)?\s*\)(?!\s*(?:\^|\*\*))", re.IGNORECASE)


def _numbers(text: str, start: int = 0) -> list[float]:
    values = []
    for match in _NUMBER.finditer(text, start):
        value = float(match.group(1).replace(",", ""))
        before = _BEFORE.search(text, max(0, match.start() - 8), match.start())
        negative = False
        if before:
            opened = before["open"] or before["open2"]
            negative = bool(before["sign"] or before["sign2"])
            if opened and _AFTER.match(text, match.end()):
                negative = True
        values.append(-value if negative else value)
    return values


def final_answer(text: str) -> float | None:
    """The number a response gives as its answer, or None when it gives none.

    The first number after the last ``Answer:`` marker wins; a response with no
    marker, or none with a number after it, is read for its last number.
    ``$``, ``%``, thousands commas, a trailing million/billion word, accounting
    parentheses and unicode minus signs are understood; the unit is the
    example's, so "1.2 billion" reads as 1.2.
    """
    text = text.translate(_DASHES)
    markers = list(_ANSWER.finditer(text))
    if markers:
        after = _numbers(text, markers[-1].end())
        if after:
            return after[0]
    values = _numbers(text)
    return values[-1] if values else None


def marked_answer(text: str) -> float | None:
    """The first number after the last ``Answer:`` marker; None when the response marks no answer.

    Stricter than :func:`final_answer`: it tells whether a response follows
    the set's format, not only whether a number can be read from it.
    """
    markers = list(_ANSWER.finditer(text.translate(_DASHES)))
    after = _numbers(text.translate(_DASHES), markers[-1].end()) if markers else []
    return after[0] if after else None


def is_correct(predicted: float | None, expected: float, rel_tol: float = 0.01) -> bool:
    """Within ``rel_tol`` of the expected value, or within ``ABS_TOL`` near zero.

    The absolute floor is half a hundredth, the error display rounding to 2
    decimals makes, so a correctly rounded answer near zero is never marked wrong.
    """
    if predicted is None or not math.isfinite(predicted):
        return False
    tolerance = max(rel_tol * abs(expected), ABS_TOL)
    return abs(predicted - expected) <= tolerance * (1 + 1e-9)
