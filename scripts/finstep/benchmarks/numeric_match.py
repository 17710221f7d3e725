"""Numeric accuracy: the output's answer number is the gold number, at the precision either is printed with.

FinBen's EmAcc counts an answer right only when the stripped output is the gold string, so "24.69"
for FinQA's "24.69136", "$127.4 million" for "127.4" and "12.5%" for "0.125" all score 0 (why 7B
models sit near 0). This is the accuracy a reader would accept beside it; the rule, in full:

**Which number of the output is the answer.** Small models ramble and imitate the prompt, so:

1. the output is cut before the first line that starts a new example ("Question:" or "Context:",
   the FinBen prompt's own headings), since what follows answers a question nobody asked;
2. if the rest holds an answer marker ("Answer:", "answer is", "answer =", any case), the first
   number after the last marker is the answer;
3. else the last number of the first non-empty line: the prompt ends with "Answer:", so the
   answer opens the output, and within that line the last number is the result of a worked
   step ("100 / 4 = 25") and not a year or an operand that precedes it.

An output with no number there has no answer (it counts wrong; ``answer_summary`` counts it).

**What a number is.** Digits with thousands commas ("1,234.5"), a decimal point (".5"), an
exponent ("1e-05", as FinQA prints one gold); a leading minus, or accounting parentheses
("(3.5)" is -3.5); a currency sign ($ € £ ¥), ignored; a percent sign or word ("12.5%",
"12.5 percent"); a scale word after it (thousand, million, billion, trillion, mn, bn: "$1.2
billion" is 1.2e9). Not a number: digits inside a word ("Q4", "FY2023"). Unicode minus and
dashes read as "-"; a hyphen after a digit or letter ("2019-2020") is not a minus sign.

**When two numbers are equal.** Each side's precision is the unit of its last printed digit (times
its scale: "4.58 million" is printed to 10,000). The comparison is at the coarser of the two:

    |answer - gold| <= unit / 2,   unit = max(answer unit, gold unit)

so "24.69" and "24.7" equal gold "24.69136" (the answer is a correct rounding of the gold), and
"22.1231" equals gold "22.12" (the gold is a rounding of the answer: TAT-QA's annotators round to
two decimals). Ties at exactly half a unit count as equal (either rounding direction).
To keep a coarse answer from matching by rounding everything away ("0" for "0.2", "25" for
"24.69136", "1" for "0.935"), the coarser unit may be at most that of the gold's third
significant digit, or of the gold's last non-zero digit where the gold has fewer (trailing zeros
are how FinQA prints a float, "2.0", not a claim of precision):

    unit <= max(unit of the gold's last non-zero digit, 10 ** (floor(log10 |gold|) - 2))   (gold 0: 1)

so "24.7" is accepted for "24.69136" but "25" is not; "0.94" is not accepted for "0.935" but
"93.5%" is; "2" is for "2.0" but "2.4" is not (the coarser unit is then 0.1). The sign must
agree: "3.5" is not "-3.5" (FinQA's sign carries the direction of a change).

**Percent.** A fraction equals its percent when exactly one side says percent: gold "0.125" is
matched by "12.5%" (FinQA's golds are executed fractions, models answer in percent), gold "12%"
by "0.12" and by "12". Two bare numbers are never rescaled: "0.125" does not match "12.5".

**Scale words.** "$1.2 billion" is 1.2e9 and matches gold "1200000000.0" at its printed precision.
Where exactly one side prints a scale word, the printed digits alone are compared too: FinQA's
gold "995.0" answers a question about a table "in millions", and "$995 million" is right.

**Golds that are not one number** (FinQA's "yes"/"no", a TAT-QA span): the answer region's first
line, or its first word, equals the gold once lower-cased with punctuation and spaces collapsed.

Everything is compared in ``decimal.Decimal``, so "0.1 + 0.2" float noise never decides a match.
"""

from __future__ import annotations

import math
import re
import string
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

SIGNIFICANT_DIGITS = 3  # the precision a coarse answer must keep of the gold
SCALES = {
    "thousand": Decimal(10) ** 3,
    "million": Decimal(10) ** 6,
    "mn": Decimal(10) ** 6,
    "billion": Decimal(10) ** 9,
    "bn": Decimal(10) ** 9,
    "trillion": Decimal(10) ** 12,
}
HUNDRED = Decimal(100)

_DASHES = str.maketrans(
    {"\u2212": "-", "\u2012": "-", "\u2013": "-", "\u2014": "-", "\ufe63": "-", "\uff0d": "-"}
)
_NUMBER = re.compile(
    r"""
    (?P<open>\(\s*)?
    (?:(?<![\w.])(?P<sign>-)\s*)?
    (?:[$€£¥]\s*)?
    (?:(?<![\w.])(?P<sign2>-))?
    (?<![\w.,])
    (?P<digits>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?|\.\d+)
    (?P<exponent>[eE][-+]?\d+)?
    (?![\w])
    (?P<percent>\s?%|\s?percent\b|\s?per\s+cent\b)?
    (?:\s?(?P<scale>thousand|million|billion|trillion|mn|bn)\b)?
    (?P<close>\s*\))?
    """,
    re.VERBOSE | re.IGNORECASE,
)
_NEW_EXAMPLE = re.compile(r"^\s*(?:question|context)\s*:", re.IGNORECASE | re.MULTILINE)
ANSWER_MARKER = re.compile(r"\banswer\s*(?:is\b\s*:?|:|=)", re.IGNORECASE)
_PUNCTUATION = str.maketrans("", "", string.punctuation)


@dataclass(frozen=True)
class Quantity:
    """A number as printed: its value and the unit of its last printed digit, both scaled."""

    text: str
    digits: Decimal  # the printed number with its sign: -1.2 in "($1.2 billion)"
    exponent: int  # the decimal exponent of its last printed digit: -1 in "1.2"
    scale: Decimal  # 1e9 in "$1.2 billion"; 1 without a scale word
    percent: bool

    @property
    def value(self) -> Decimal:
        return self.digits * self.scale

    @property
    def unit(self) -> Decimal:
        return Decimal(1).scaleb(self.exponent) * self.scale

    @property
    def scaled(self) -> bool:
        return self.scale != 1


def _quantity(match: re.Match) -> Quantity | None:
    number = match["digits"].replace(",", "") + (match["exponent"] or "")
    try:
        digits = Decimal(number)
    except InvalidOperation:
        return None
    exponent = digits.as_tuple().exponent
    if not isinstance(exponent, int) or not digits.is_finite():
        return None
    negative = bool(match["sign"] or match["sign2"] or (match["open"] and match["close"]))
    scale = SCALES[match["scale"].lower()] if match["scale"] else Decimal(1)
    return Quantity(
        match.group(0).strip(), -digits if negative else digits, exponent, scale, bool(match["percent"])
    )


def quantities(text: str, start: int = 0) -> list[Quantity]:
    """The numbers of ``text`` from ``start`` on, in order."""
    found = (_quantity(m) for m in _NUMBER.finditer(text.translate(_DASHES), start))
    return [q for q in found if q is not None]


def answer_region(output: str) -> str:
    """The output before the first line that starts a new example (the model imitating the prompt)."""
    cut = _NEW_EXAMPLE.search(output)
    return output[: cut.start()] if cut else output


def _first_line(text: str) -> str:
    return next((line for line in text.splitlines() if line.strip()), "")


def answer_quantity(output: str) -> Quantity | None:
    """The output's answer number (module docstring: the last marker's first number, else the first line's last)."""
    region = answer_region(output)
    markers = list(ANSWER_MARKER.finditer(region))
    if markers:
        after = quantities(region, markers[-1].end())
        if after:
            return after[0]
    numbers = quantities(_first_line(region))
    return numbers[-1] if numbers else None


def parse_gold(gold: str) -> Quantity | None:
    """The gold as one number, or None when it is text ("yes", a span, several numbers)."""
    text = gold.strip().translate(_DASHES)
    match = _NUMBER.fullmatch(text)
    return _quantity(match) if match else None


Reading = tuple[Decimal, Decimal]  # (value, unit of the last printed digit)


def _allowed_unit(value: Decimal) -> Decimal:
    """The coarsest comparison unit a gold allows: its third significant digit, or its last non-zero one if coarser."""
    if value == 0:
        return Decimal(1)
    last = value.normalize().as_tuple().exponent
    magnitude = math.floor(abs(value).log10())
    return max(Decimal(1).scaleb(last), Decimal(1).scaleb(magnitude - (SIGNIFICANT_DIGITS - 1)))


def _readings(answer: Quantity, gold: Quantity) -> list[tuple[Reading, Reading]]:
    """(answer, gold) pairs to compare: as printed; unscaled where one side alone has a scale word;
    each with the answer converted between percent and fraction where one side alone says percent."""
    pairs = [((answer.value, answer.unit), (gold.value, gold.unit))]
    if answer.scaled != gold.scaled:
        pairs.append(
            (
                (answer.digits, Decimal(1).scaleb(answer.exponent)),
                (gold.digits, Decimal(1).scaleb(gold.exponent)),
            )
        )
    if answer.percent != gold.percent:
        factor = 1 / HUNDRED if answer.percent else HUNDRED
        pairs += [((value * factor, unit * factor), wanted) for (value, unit), wanted in pairs]
    return pairs


def numbers_equal(answer: Quantity, gold: Quantity) -> bool:
    """Whether ``answer`` is ``gold`` at the coarser of their printed precisions (module docstring)."""
    for (value, unit), (wanted, wanted_unit) in _readings(answer, gold):
        coarse = max(unit, wanted_unit)
        if coarse <= _allowed_unit(wanted) and abs(value - wanted) * 2 <= coarse:
            return True
    return False


def _normal(text: str) -> str:
    return " ".join(text.lower().translate(_PUNCTUATION).split())


def answer_line(output: str) -> str:
    """The answer as text: the first non-empty line of the answer region, after its last marker if any."""
    region = answer_region(output)
    markers = list(ANSWER_MARKER.finditer(region))
    return _first_line(region[markers[-1].end() :] if markers else region).strip()


def text_equal(output: str, gold: str) -> bool:
    """A text gold ("yes", a span): the answer's first line, or its first word, equals it, normalized."""
    line = _normal(answer_line(output))
    wanted = _normal(gold)
    return bool(wanted) and (line == wanted or line.split(" ", 1)[0] == wanted)


def numeric_match(output: str, gold: str) -> bool:
    """Numeric accuracy of one output (module docstring); a text gold is matched as text."""
    wanted = parse_gold(gold)
    if wanted is None:
        return text_equal(output, gold)
    answer = answer_quantity(output)
    return answer is not None and numbers_equal(answer, wanted)
