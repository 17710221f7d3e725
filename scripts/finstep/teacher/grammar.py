r"""The answer's grammar for constrained decoders (xgrammar in transformers and vLLM).

A hand-written grammar rather than the answer's JSON schema, because xgrammar
0.2.8 ignores ``minLength``/``maxLength`` next to a ``pattern`` (it logs a
warning), and turns the rationale's pattern into rules over the raw JSON text,
where its ``\n`` is a raw line break and its ``[^\n]`` admits a bare ``"``
that ends the string early: it accepts ``"1. a "q"\n2. b"`` and rejects the
escaped ``\n`` that strict JSON requires. The grammar below states the same
rules on the raw text: steps ``1. ``, ``2. ``... (up to MAX_STEPS) joined by
an escaped ``\n``; no ``"``, ``\`` or control characters inside the strings
(a model quotes with other marks); each step and the summary start and end
with a non-space, since TeacherAnswer strips whitespace before it checks
lengths; minimum lengths that hold for the shortest answer. Maximum lengths
are left to ``max_new_tokens`` and the parser: bounded repetition costs
xgrammar about 1.5 ms per token and row on a 64k byte-level vocabulary,
against 0.6 ms for the grammar below.
"""

from __future__ import annotations

import math

from .schema import MIN_STEPS, RATIONALE_MIN, SUMMARY_MIN

MAX_STEPS = 10
# Characters never allowed inside an answer string: JSON's own controls and specials,
# the C1 controls, and the Unicode line separators that split lines for str.splitlines().
_CONTROLS = [(0x00, 0x1F), (0x7F, 0x9F), (0x2028, 0x2029)]
# Every character for which str.isspace() is true (tests check the list).
SPACES = [
    (0x09, 0x0D),
    (0x1C, 0x20),
    (0x85, 0x85),
    (0xA0, 0xA0),
    (0x1680, 0x1680),
    (0x2000, 0x200A),
    (0x2028, 0x2029),
    (0x202F, 0x202F),
    (0x205F, 0x205F),
    (0x3000, 0x3000),
]


def _negated_class(ranges: list[tuple[int, int]]) -> str:
    """An EBNF character class of everything except ``"``, ``\\`` and ``ranges``."""
    parts = "".join(f"\\u{lo:04x}" if lo == hi else f"\\u{lo:04x}-\\u{hi:04x}" for lo, hi in ranges)
    return f'[^"\\\\{parts}]'


_INNER = _negated_class(_CONTROLS)
_EDGE = _negated_class(_CONTROLS + SPACES)  # first and last character: never stripped away


def _step_min_chars() -> int:
    """Shortest step text such that MIN_STEPS steps make a rationale of RATIONALE_MIN characters."""
    prefixes = sum(len(f"{k}. ") for k in range(1, MIN_STEPS + 1)) + (MIN_STEPS - 1)  # + newlines
    return math.ceil((RATIONALE_MIN - prefixes) / MIN_STEPS)


def _text(min_chars: int) -> str:
    """At least ``min_chars`` characters, the first and last not whitespace (EBNF)."""
    return f"{_EDGE} {_INNER}{{{min_chars - 2},}} {_EDGE}"


def answer_grammar() -> str:
    """The EBNF grammar of a TeacherAnswer as the exact JSON text constrained decoding emits."""
    optional = ""
    for k in range(MAX_STEPS, MIN_STEPS, -1):
        optional = f'("\\\\n{k}. " step {optional})?'
    required = ' "\\\\n" '.join(f'"{k}. " step' for k in range(1, MIN_STEPS + 1))
    return "\n".join(
        [
            'root ::= "{\\"rationale\\": \\"" rationale "\\", \\"summary\\": \\"" summary "\\"}"',
            f"rationale ::= {required} {optional}",
            f"step ::= {_text(_step_min_chars())}",
            f"summary ::= {_text(SUMMARY_MIN)}",
        ]
    )


def shortest_answer() -> str:
    """The shortest string of :func:`answer_grammar`; its length bounds how long closing takes."""
    step = "x" * _step_min_chars()
    steps = "\\n".join(f"{k}. {step}" for k in range(1, MIN_STEPS + 1))
    return f'{{"rationale": "{steps}", "summary": "{"x" * SUMMARY_MIN}"}}'
