"""TAT-QA's official exact match and numeracy-aware F1, with the scale check, for free-text answers.

A port of the metric the TAT-QA authors publish with the dataset (NExTplusplus/TAT-QA,
``tatqa_metric.py`` and ``tatqa_utils.py``, MIT licence, © the TAT-QA authors; Zhu et al., "TAT-QA:
A Question Answering Benchmark on a Hybrid of Tabular and Textual Content in Finance", ACL 2021),
which itself adapts the DROP evaluator. Its behaviour is kept exactly, quirks included, so that
numbers computed here are the official ones: one prediction and one gold are each rendered as a
string (numbers as ``%.4f`` of their value times the scale, after rounding to two decimals),
normalised token by token (lower case, punctuation dropped from non-numbers, articles dropped,
numbers rewritten as values: "(12)" is -12, "12%" is 0.12, "3 million" is 3000000), then

- EM is 1 when the normalised prediction equals the normalised gold;
- F1 is the bag-of-tokens F1 of the two, rounded to two decimals; for ``arithmetic`` and ``count``
  questions F1 is EM (a number is right or wrong);
- the scale is part of the answer: the gold 123.2 with scale "million" is 123200000.0000, so a
  prediction of "123.2" with no scale scores 0, and "123200000" or "123.2" with scale "million" 1;
- a single bare-number prediction also counts as its own value ("0.2212" for 22.12 percent);
- a prediction that is empty scores 0.

Official details kept: each question's F1 is rounded to two decimals before averaging; the spans
of a multi-span answer are sorted and joined into one string before comparison; a number is
rendered after rounding to two decimals, so "123.2010" is 123.2 and "123.22" is not.

What the official code does not define, because its predictions come from TagOp as an (answer,
scale) pair, is how a generated text becomes that pair. ``prediction_from_output`` reads it so:
the answer text is the first non-empty line of the output (after the last "Answer:" marker when
one exists, and before any line that starts a new "Question:"/"Context:"), a final full stop
dropped; when that text is a number followed by a scale word ("$12.5 million", "12.5 percent"),
the word becomes the scale and the number the answer, as TagOp would output them (a percent
sign stays in the text, which the official code reads: "12.5%" is 0.125); for a
``multi-span`` question the text is split into the list of spans at semicolons, or, when it has
none, at commas followed by a space (TAT-LLM, by the same authors, splits its generated
multi-span answers at a separator likewise), and a scale word on any span ("$4,905; $3,049
thousand") is the answer's scale. A span that itself holds ", " is split too when the answer
uses no semicolon: its EM is then 0, its F1 still counts the words.
"""

from __future__ import annotations

import re
import string
from collections.abc import Sequence

import numpy as np
from scipy.optimize import linear_sum_assignment

from .numeric_match import answer_line

TATQA_SCALES = ("", "thousand", "million", "billion", "percent")
ANSWER_TYPES = ("span", "multi-span", "arithmetic", "count")

# ---- tatqa_utils.py ------------------------------------------------------------------------------

_EXCLUDE_IN_NUM = "'\"\\$€£¥%(),[]"
_NUMBER_RE = re.compile(r"([+-]?\d+(\.\d+)?)|([+-]?\.\d+)")
_ARTICLES = re.compile(r"\b(a|an|the)\b", re.UNICODE)
_PUNCTUATION = set(string.punctuation)


def scale_to_num(scale: str) -> float:
    scale = scale.lower()
    if "hundred" in scale:
        return 100
    if "thousand" in scale:
        return 1000
    if "million" in scale:
        return 1000000
    if "billion" in scale:
        return 1000000000
    if "percent" in scale:
        return 0.01
    return 1


def _clean_num(text: str) -> str:
    return "".join(ch for ch in str(text) if ch not in _EXCLUDE_IN_NUM)


def extract_one_num_from_str(text: str) -> int | float | None:
    groups = _NUMBER_RE.findall(_clean_num(text))
    if not groups or groups[0][0] == "":
        return None
    number = groups[0][0]
    return float(number) if "." in number else int(number)


def is_number(text: str) -> bool:
    """A number, optionally followed by a scale word ("1023", "1 million"); the official test."""
    words = " ".join(_clean_num(w) for w in text.split()).split()
    if not words:
        return False
    try:
        number = float(words[0])
    except ValueError:
        return False
    if np.isnan(number):
        return False
    return not (len(words) >= 2 and scale_to_num(words[1]) == 1)


def _negative_flag(text: str) -> int:
    return -1 if re.findall(r"(\([\d.\s]+\))", text.strip()) else 1


def _percent_flag(text: str) -> float:
    return 0.01 if re.findall(r"([\d.\s]+%)", text.strip()) else 1


def _word_scale(text: str) -> float:
    match = re.search(r"([\d.]+\s?[a-zA-Z]+)", text)
    return scale_to_num(match.group(0).lower()) if match else 1


def to_number(text: str) -> float | None:
    number = extract_one_num_from_str(text)
    if number is None:
        return None
    return round(number * _word_scale(text) * _negative_flag(text) * _percent_flag(text), 4)


def _remove_punc(text: str) -> str:
    return text if is_number(text) else "".join(ch for ch in text if ch not in _PUNCTUATION)


def _normalize_number(text: str) -> str:
    return str(to_number(text)) if is_number(text) else text


def normalize_answer(text: str) -> str:
    """Lower case, punctuation and articles dropped, numbers as values; token by token on single spaces."""
    parts = [
        " ".join(_ARTICLES.sub(" ", _normalize_number(_remove_punc(token.lower()))).split())
        for token in re.split(" ", text)
    ]
    return " ".join(part for part in parts if part.strip()).strip()


# ---- tatqa_metric.py -----------------------------------------------------------------------------


def _answer_to_bags(answer: str | Sequence[str]) -> tuple[list[str], list[set[str]]]:
    spans = answer if isinstance(answer, (list, tuple)) else [answer]
    normalized = [normalize_answer(span) for span in spans]
    return normalized, [set(span.split()) for span in normalized]


def _compute_f1(predicted: set[str], gold: set[str]) -> float:
    intersection = len(gold & predicted)
    precision = intersection / float(len(predicted)) if predicted else 1.0
    recall = intersection / float(len(gold)) if gold else 1.0
    if precision == 0.0 and recall == 0.0:
        return 0.0
    return (2 * precision * recall) / (precision + recall)


def _align_bags(predicted: list[set[str]], gold: list[set[str]]) -> np.ndarray:
    scores = np.zeros([len(gold), len(predicted)])
    for g, gold_bag in enumerate(gold):
        for p, predicted_bag in enumerate(predicted):
            scores[g, p] = _compute_f1(predicted_bag, gold_bag)
    rows, columns = linear_sum_assignment(-scores)
    best = np.zeros([max(len(gold), len(predicted))])
    for row, column in zip(rows, columns, strict=True):
        best[row] = max(best[row], scores[row, column])
    return best


def get_metrics(predicted: str | Sequence[str], gold: str | Sequence[str]) -> tuple[float, float]:
    """(EM, F1) of one prediction string against one gold string, as the official DROP-derived code."""
    predicted_spans, predicted_bags = _answer_to_bags(predicted)
    gold_spans, gold_bags = _answer_to_bags(gold)
    exact = (
        1.0 if set(predicted_spans) == set(gold_spans) and len(predicted_spans) == len(gold_spans) else 0.0
    )
    f1 = round(np.mean(_align_bags(predicted_bags, gold_bags)), 2)
    return exact, f1


def extract_gold_answers(question: dict) -> tuple[str, list[str], str]:
    """(answer type, gold answers as strings, scale) of a TAT-QA question's annotation."""
    answer_type, scale, answer = question["answer_type"], question["scale"], question["answer"]
    if answer_type in ("multi-span", "span"):
        if not isinstance(answer, list):
            raise ValueError(f"a {answer_type} answer is a list, got {answer!r}")
        return answer_type, list(answer), scale
    if answer_type == "count":
        return answer_type, [str(int(answer))], scale
    return answer_type, [str(answer)], scale


def get_answer_str(answers: Sequence, scale: str) -> list[str]:
    """The answers rendered and joined as one string: numbers as ``%.4f`` values with the scale applied."""
    rendered = []
    for answer in sorted(answers):
        text = str(answer)
        if is_number(text):
            number = to_number(text)
            if number is None:
                if scale:
                    text = f"{text} {scale}"
            elif "%" in text:
                text = f"{number:.4f}"
            else:
                text = f"{round(number, 2) * scale_to_num(scale):.4f}"
        elif scale:
            text = f"{text} {scale}"
        rendered.append(text)
    return [" ".join(rendered)]


def _add_percent_prediction(strings: list[str], scale: str, prediction: list) -> list[str]:
    """A lone bare number also stands for its own value (0.2342 for 23.42 with scale percent)."""
    if len(prediction) > 1:
        return strings
    text = str(prediction[0])
    if not scale and "%" not in text and is_number(text):
        number = to_number(text)
        if number is not None:
            strings.append(f"{number:.4f}")
    return strings


def _best(predictions: list[str], golds: list[str]) -> tuple[float, float]:
    scores = [get_metrics(p, g) for p in predictions for g in golds]
    return max(scores) if scores else (0, 0)


def em_f1(question: dict, prediction: str | list[str] | None, pred_scale: str = "") -> tuple[float, float]:
    """(EM, F1) of one prediction and its scale for one TAT-QA question (``answer``, ``answer_type``, ``scale``)."""
    if not prediction:
        return 0.0, 0.0
    answer_type, gold_answers, gold_scale = extract_gold_answers(question)
    if not gold_answers:
        return 0.0, 0.0
    golds = get_answer_str(gold_answers, gold_scale)
    predicted = prediction if isinstance(prediction, list) else [prediction]
    strings = _add_percent_prediction(get_answer_str(predicted, pred_scale), pred_scale, predicted)
    exact, f1 = _best(strings, golds)
    if answer_type in ("arithmetic", "count"):
        f1 = exact
    return float(exact), float(f1)


# ---- free text → (prediction, scale) ---------------------------------------------------------------

_SCALED = re.compile(
    r"(?P<body>.*?\S)\s+(?P<scale>percent|per\s+cent|thousands?|millions?|billions?)",
    re.IGNORECASE | re.DOTALL,
)
_SPAN_SEPARATORS = (re.compile(r"\s*;\s*"), re.compile(r"\s*,\s+"))


def _split_scale(text: str) -> tuple[str, str]:
    """("12.5", "million") from "12.5 million", ("12.5", "percent") from "12.5 percent"; else (text, "").

    A percent *sign* stays in the text, where the official code reads it ("12.5%" is 0.125).
    """
    scaled = _SCALED.fullmatch(text)
    if not (scaled and is_number(scaled["body"])):
        return text, ""
    word = scaled["scale"].lower()
    return scaled["body"], "percent" if word.startswith("per") else word.rstrip("s")


def _spans(text: str) -> list[str]:
    """A multi-span answer's spans: split at semicolons when it has any, else at commas before a space."""
    separator = _SPAN_SEPARATORS[0] if ";" in text else _SPAN_SEPARATORS[1]
    return [span for span in separator.split(text) if span]


def prediction_from_output(output: str, answer_type: str) -> tuple[str | list[str], str]:
    """(answer text or spans, scale) read from a generated answer (module docstring)."""
    text = answer_line(output)
    if text.endswith("."):
        text = text[:-1].rstrip()
    if answer_type != "multi-span":
        return _split_scale(text)
    parts = [_split_scale(span) for span in _spans(text)]
    scales = [scale for _, scale in parts if scale]
    return [body for body, _ in parts], scales[-1] if scales else ""


def score_output(question: dict, output: str) -> tuple[float, float]:
    """Official (EM, F1) of a generated answer to one TAT-QA question."""
    prediction, scale = prediction_from_output(output, question["answer_type"])
    return em_f1(question, prediction, scale)
