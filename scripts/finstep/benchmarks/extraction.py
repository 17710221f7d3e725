"""How a generated text becomes a label: the published rules, reproduced exactly, and the loglik argmax.

The rules differ in ways that move published numbers, so each is kept apart and named.

``first_label`` (FinBen / PIXIU, ``src/tasks/flare.py``, ``Classification.process_results``): the
output is stripped and lower-cased; the row's choices are tried **in the order the row lists them**
(not in the order they occur in the text), and the first one found as a substring is the answer;
none found is "missing", which counts as a wrong answer in accuracy, as its own count in the missing
rate, and in F1 as a prediction of no gold label (``classification``). Consequences, tested:

- "The sentiment is Positive." → positive;
- "" (or only whitespace) → missing;
- "not negative" → negative: the rule reads substrings, not negation;
- "positive, not negative" with choices (negative, neutral, positive) → negative, because
  "negative" comes first among the choices although "positive" comes first in the text;
- "neutrality" → neutral (a substring, not a word).

``fingpt`` (FinGPT, ``fingpt/FinGPT_Benchmark/benchmarks/{fpb,tfns,nwgi}.py``, ``change_target``):
"positive" or "Positive" anywhere in the text → positive, else "negative" or "Negative" → negative,
else neutral. Never missing: an empty or off-topic answer counts as neutral. The test is
case-sensitive exactly as published ("POSITIVE" is neutral), and "not negative" → negative here too.
FinGPT applies it to the text after the prompt's "Answer: ", which is what a prediction row's
``output`` holds. It only makes sense for the three sentiment labels, so it refuses other label sets.

``loglik`` (lm-evaluation-harness's multiple choice): the choice with the highest summed
log-probability; ties go to the earlier choice in the row's order. Never missing.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping, Sequence

from ..errors import FinstepError

FINGPT_LABELS = ("positive", "negative", "neutral")


def first_label(output: str, choices: Sequence[str]) -> str | None:
    """FinBen's rule: the first of ``choices`` (in their order) found in the lower-cased output, else None."""
    text = output.strip().lower()
    for choice in choices:
        if choice.lower() in text:
            return choice
    return None


def fingpt_label(output: str, choices: Sequence[str] = FINGPT_LABELS) -> str:
    """FinGPT's ``change_target``: positive, else negative, else neutral; never None."""
    if "positive" in output or "Positive" in output:
        return "positive"
    if "negative" in output or "Negative" in output:
        return "negative"
    return "neutral"


RULES: dict[str, Callable[[str, Sequence[str]], str | None]] = {
    "first_label": first_label,
    "fingpt": fingpt_label,
}


def check_rule(rule: str, choices: Sequence[str], where: str) -> None:
    """Refuse a rule that cannot produce the set's labels, before any model loads."""
    if rule not in RULES:
        raise FinstepError(
            f"{where}: extraction {rule!r} is unknown: choose one of {', '.join(sorted(RULES))}"
        )
    if rule == "fingpt" and set(choices) != set(FINGPT_LABELS):
        raise FinstepError(
            f"{where}: extraction 'fingpt' maps answers to {'/'.join(FINGPT_LABELS)} only, but the set's "
            f"labels are {'/'.join(choices)}; use extraction: first_label"
        )


def loglik_label(loglik: Mapping[str, float], choices: Sequence[str], where: str) -> str:
    """The choice with the largest log-likelihood; a choice without a finite score is an error."""
    best, best_score = None, -math.inf
    for choice in choices:
        score = loglik.get(choice)
        if not isinstance(score, (int, float)) or math.isnan(score):
            raise FinstepError(
                f"{where}: no log-likelihood for choice {choice!r}; rerun the loglik prediction of this model"
            )
        if best is None or score > best_score:
            best, best_score = choice, float(score)
    if best is None:
        raise FinstepError(f"{where}: the row has no choices to score by log-likelihood")
    return best
