"""Numeric faithfulness: the figures a summary states that its source does not support.

A summary that invents "$7.3 billion" reads as fluently as one that copies
"$7,300 million" from the filing; ROUGE cannot tell them apart. This module
reads the numbers of both texts as values ($1.2 billion = 1,200 million =
1.2e9; 12 percent = 12%) and counts a summary's number as supported when
some number of the source agrees with it to the precision either one is
printed with ("$1.2 billion" is a faithful rounding of "$1,234 million").

Kinds keep unlike quantities apart: a percentage is matched by percentages,
a year by years, an amount by amounts; a bare number may match any of them,
since prose drops units ("grew 12" after "12%"). Numbers derived by
arithmetic (a change the source implies but never states) count as
unsupported: the metric is an upper bound on hallucination, and it is the
same bound for every model compared.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

SCALES = {
    "thousand": 1e3,
    "million": 1e6,
    "mn": 1e6,
    "billion": 1e9,
    "bn": 1e9,
    "trillion": 1e12,
}
_SUFFIXES = {"k": 1e3, "m": 1e6, "b": 1e9, "t": 1e12}  # only right after a currency amount: "$5B"

# A number as printed: thousands commas and a decimal part. The one number grammar of the
# package: faithfulness here, answers (evaluation/answers.py) and the extractive teacher's
# figures (teacher/extractive/facts.py) each add only their context around it.
DIGITS = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"

_NUMBER = re.compile(
    rf"""
    (?<![\w.,])(?<![A-Za-z]-)              # not inside a word, a decimal or a label ("COVID-19")
    (?P<currency>[$€£]\s?)?
    (?P<digits>{DIGITS})
    (?:
        (?P<suffix>[KkMmBbTt])(?![\w])                               # $5B, $120M
      | \s?(?P<percent>%|percent\b|per\s+cent\b)                     # 12%, 12 percent
      | \s(?P<scale>thousand|million|billion|trillion|mn|bn)\b       # 1.2 billion
    )?
    (?![\w]|-[A-Za-z])                       # not "10-K", "5G", "Q4"
    """,
    re.VERBOSE | re.IGNORECASE,
)


@dataclass(frozen=True)
class Number:
    """A number as printed: its value, its kind, and the rounding its printed digits allow."""

    text: str
    raw: float  # the printed digits: 1.2 in "$1.2 billion"
    scale: float  # 1e9 in "$1.2 billion"; 1 when none is printed
    kind: str  # percent, year, amount or number
    decimals: int

    @property
    def value(self) -> float:
        return self.raw * self.scale

    @property
    def tolerance(self) -> float:
        """Half a unit of the last printed digit: what rounding alone can account for."""
        return 0.5 * 10.0 ** (-self.decimals) * self.scale


def find_numbers(text: str) -> list[Number]:
    """The numbers of ``text`` in order, with ``$``, thousands commas, %, and scale words understood."""
    numbers = []
    for match in _NUMBER.finditer(text):
        digits = match["digits"]
        if match["suffix"] and not match["currency"]:
            continue  # "5m" without a currency is a distance or a label, not an amount
        raw = float(digits.replace(",", ""))
        decimals = len(digits.partition(".")[2])
        if match["percent"]:
            kind, scale = "percent", 1.0
        elif match["scale"] or match["suffix"]:
            kind = "amount"
            scale = SCALES[match["scale"].lower()] if match["scale"] else _SUFFIXES[match["suffix"].lower()]
        elif match["currency"]:
            kind, scale = "amount", 1.0
        elif re.fullmatch(r"(19|20)\d\d", digits):
            kind, scale = "year", 1.0
        else:
            kind, scale = "number", 1.0
        numbers.append(Number(match.group(0).strip(), raw, scale, kind, decimals))
    return numbers


def _compatible(claim: Number, source: Number) -> bool:
    if "number" in (claim.kind, source.kind):
        return True
    return claim.kind == source.kind


def supports(source: Number, claim: Number) -> bool:
    """Whether ``source`` backs ``claim``: the same kind of quantity, equal up to either's rounding."""
    if not _compatible(claim, source):
        return False
    if claim.kind == "year" or source.kind == "year":
        return claim.raw == source.raw and claim.scale == source.scale == 1.0
    tolerance = max(claim.tolerance, source.tolerance) * (1 + 1e-9)
    if abs(claim.value - source.value) <= tolerance:
        return True
    # Tables and some prose state amounts without their scale ("in millions" is a column header),
    # so a scaled amount may match the same printed digits where one side prints no scale.
    if 1.0 in (claim.scale, source.scale) and claim.scale != source.scale:
        raw_tolerance = 0.5 * 10.0 ** (-min(claim.decimals, source.decimals)) * (1 + 1e-9)
        return abs(claim.raw - source.raw) <= raw_tolerance
    return False


@dataclass(frozen=True)
class Faithfulness:
    numbers: int
    unsupported: list[str]

    @property
    def share(self) -> float | None:
        """The share of the summary's numbers its source does not support; None when it states none."""
        return len(self.unsupported) / self.numbers if self.numbers else None


def check_numbers(summary: str, source: str) -> Faithfulness:
    """The summary's numbers, and those that no number of ``source`` supports."""
    claims = find_numbers(summary)
    backing = find_numbers(source)
    unsupported = [c.text for c in claims if not any(supports(s, c) for s in backing)]
    return Faithfulness(len(claims), unsupported)
