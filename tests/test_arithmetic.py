"""The financial-arithmetic set: every answer recomputed here from the instruction text alone.

The checks parse the printed numbers and apply their own formulas, so a bug in
the generator's arithmetic or in how it prints its inputs shows up as a mismatch.
"""

from __future__ import annotations

import math
import re

import pytest
from finstep.datasets.arithmetic import TASKS, generate, write_set
from finstep.evaluation.answers import final_answer, is_correct
from finstep.io import read_jsonl

SET = generate(300, 7)
SCALE = {None: 1.0, "million": 1e6, "billion": 1e9}
MONEY = re.compile(r"\$(\d[\d,]*(?:\.\d+)?)(?: (million|billion))?")
SHARES = re.compile(r"(?<![$\d.,])(\d[\d,]*(?:\.\d+)?) (million|billion)")
YEAR = re.compile(r"\b(\d{4})\b")
UNIT_SCALE = {"percent": 1.0, "ratio": 1.0, "USD": 1.0, "USD per share": 1.0, "USD millions": 1e6}


def amounts(text: str) -> list[tuple[float, int]]:
    """Every $ amount in dollars, with where it ends."""
    return [(float(m[1].replace(",", "")) * SCALE[m[2]], m.end()) for m in MONEY.finditer(text)]


def dated(text: str) -> dict[int, float]:
    """Each $ amount keyed by the first year printed after it."""
    return {int(YEAR.search(text, end)[1]): value for value, end in amounts(text)}


def expected_value(row: dict) -> float:
    text, task = row["instruction"], row["task"]
    values = [value for value, _ in amounts(text)]
    if task == "percent_change":
        by_year = dated(text)
        assert len(by_year) == 2, text
        old, new = by_year[min(by_year)], by_year[max(by_year)]
        return (new - old) / old * 100
    if task == "margin":
        revenue = max(values)
        others = sorted(values)[:-1]
        if "gross" in text:
            return (revenue - others[0]) / revenue * 100
        if "operating margin" in text:
            assert len(others) == 2, text
            return (revenue - sum(others)) / revenue * 100
        assert "net" in text and len(others) == 1, text
        return others[0] / revenue * 100
    if task == "cagr":
        over = re.search(r"(\d+) years", text)
        if over:
            years, start, end = int(over[1]), values[0], values[-1]
        else:
            by_year = dated(text)
            years = max(by_year) - min(by_year)
            start, end = by_year[min(by_year)], by_year[max(by_year)]
        return ((end / start) ** (1 / years) - 1) * 100
    if task == "ratio":
        assert len(values) == 2, text
        assert re.search(r"current ratio|debt-to-equity|P/E", text), text
        return values[0] / values[1]
    if task == "eps":
        shares = [float(m[1].replace(",", "")) * SCALE[m[2]] for m in SHARES.finditer(text)]
        assert len(values) == 2 and len(shares) == 1, text
        income, preferred = max(values), min(values)
        return (income - preferred) / shares[0]
    rate = float(re.search(r"(\d+(?:\.\d+)?)%", text)[1]) / 100
    years = int(re.search(r"(\d+) years", text)[1])
    assert len(values) == 1, text
    if task == "present_value":
        return values[0] / (1 + rate) ** years / UNIT_SCALE[row["unit"]]
    assert task == "future_value"
    return values[0] * (1 + rate) ** years / UNIT_SCALE[row["unit"]]


def shown_answer(response: str) -> tuple[float, str]:
    last = response.splitlines()[-1]
    match = re.fullmatch(r"Answer: (-?)\$?([\d,]+\.\d\d)(%| million)?", last)
    assert match, last
    value = float(match[2].replace(",", ""))
    return (-value if match[1] else value), match[3] or ""


# --- the set ----------------------------------------------------------------------------------------------


def test_same_seed_same_set_and_prefixes_agree():
    assert generate(50, 7) == generate(50, 7)
    assert generate(50, 7) == SET[:50]
    assert generate(50, 8) != SET[:50]
    assert generate(0, 7) == []


def test_global_random_state_does_not_matter():
    import random

    random.seed(1)
    first = generate(30, 3)
    random.seed(2)
    assert generate(30, 3) == first


@pytest.mark.parametrize("n", [60, 61, 100])
def test_every_task_present(n):
    rows = generate(n, 11)
    assert {row["task"] for row in rows} == set(TASKS)
    counts = [sum(row["task"] == task for row in rows) for task in TASKS]
    assert max(counts) - min(counts) <= 1


def test_record_shape():
    for index, row in enumerate(SET):
        assert set(row) == {"id", "task", "instruction", "input", "response", "answer", "unit"}
        assert row["id"] == f"arith-7-{index}"
        assert row["input"] == ""
        assert isinstance(row["answer"], float) and math.isfinite(row["answer"])
        assert row["unit"] in UNIT_SCALE
    assert len({row["id"] for row in SET}) == len(SET)
    assert len({row["instruction"] for row in SET}) == len(SET)


@pytest.mark.parametrize("row", SET, ids=[row["id"] for row in SET])
def test_answer_recomputed_from_the_instruction(row):
    expected = expected_value(row)
    assert math.isclose(row["answer"], expected, rel_tol=1e-9, abs_tol=1e-9), row["instruction"]
    shown, suffix = shown_answer(row["response"])
    assert shown == float(f"{expected:.2f}"), row["response"]
    assert suffix == {"percent": "%", "USD millions": " million"}.get(row["unit"], "")
    assert row["response"].splitlines()[-1].startswith("Answer: $") == row["unit"].startswith("USD")
    assert final_answer(row["response"]) == shown
    assert is_correct(final_answer(row["response"]), row["answer"])


def test_responses_are_numbered_steps():
    for row in SET:
        *steps, last = row["response"].splitlines()
        assert len(steps) >= 2, row["response"]
        for number, step in enumerate(steps, 1):
            assert step.startswith(f"{number}. "), row["response"]
        assert any("=" in step for step in steps)
        assert last.startswith("Answer: ")


def test_no_degenerate_inputs():
    for row in SET:
        assert abs(row["answer"]) >= 0.1, row
        if row["task"] not in ("percent_change", "cagr"):
            assert row["answer"] > 0, row


def test_phrasing_varies():
    """At least three question forms per task (the last sentence, numbers blanked)."""
    for task in TASKS:
        forms = {
            re.sub(r"[\d$,.]+", "#", re.split(r"(?<=[.?])\s+", row["instruction"])[-1])
            for row in SET
            if row["task"] == task
        }
        assert len(forms) >= 3, (task, forms)


def test_write_set(tmp_path):
    out = tmp_path / "sets" / "arith.jsonl"
    write_set(str(out), 14, 5)
    assert list(read_jsonl(out)) == generate(14, 5)


# --- reading a model's answer -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("Answer: $1,234.57", 1234.57),
        ("Answer: 12.35%", 12.35),
        ("Answer: 2.45", 2.45),
        ("Answer: $18.42 million", 18.42),
        ("Answer: $1.2 billion.", 1.2),
        ("Answer: ($1,234.57)", -1234.57),
        ("Answer: $(1,234.57)", -1234.57),
        ("Answer: (12.5 million)", -12.5),
        ("Answer: \u22125.2%", -5.2),
        ("Answer: \u2013 5.2%", -5.2),
        ("Answer: -$3.10", -3.10),
        ("Answer: $-3.10", -3.10),
        ("Answer: +3.2%", 3.2),
        ("Answer: .5", 0.5),
        ("**Answer:** 3.14", 3.14),
        ("Final answer: 1,234,567.89", 1234567.89),
        ("1. x = 5\nAnswer:\n\n$18.42 million", 18.42),
        ("Answer: 12.35% (rounded from 12.3456%)", 12.35),
        ("Answer: 7.5\nOn reflection:\nAnswer: 8.25", 8.25),
        ("Answer: 9\nAnswer: see above", 9.0),
        ("Step 1: 100 / 4 = 25. So the value is roughly 25.00 million", 25.0),
        ("The final answer is 1,234,567.89.", 1234567.89),
        ("Revenue grew at 5.5% a year from 2019-2023", 2023.0),
        ("CAGR = (1.4524)^(1/5) - 1, about 7.76% a year", 7.76),
        ("The factor is (1.0425)^7", 7.0),
        ("Net loss of (45.2) million", -45.2),
        ("Q4 revenue fell 3.4 percent in FY2023", 3.4),
    ],
)
def test_final_answer(text, value):
    assert final_answer(text) == pytest.approx(value, rel=1e-12)


@pytest.mark.parametrize("text", ["", "I cannot determine the answer.", "Answer: N/A", "Q4 and FY2023"])
def test_final_answer_none(text):
    assert final_answer(text) is None


# --- tolerance --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("predicted", "expected", "ok"),
    [
        (101.0, 100.0, True),
        (99.0, 100.0, True),
        (101.01, 100.0, False),
        (98.99, 100.0, False),
        (-10.1, -10.0, True),
        (10.0, -10.0, False),
        (12.35, 12.3456, True),
        (0.004, 0.0, True),
        (-0.005, 0.0, True),
        (0.0051, 0.0, False),
        (0.304, 0.3, True),
        (0.306, 0.3, False),
        (None, 1.0, False),
        (math.nan, 1.0, False),
        (math.inf, 1.0, False),
    ],
)
def test_is_correct(predicted, expected, ok):
    assert is_correct(predicted, expected) is ok


def test_is_correct_custom_tolerance():
    assert is_correct(104.0, 100.0, rel_tol=0.05)
    assert not is_correct(104.0, 100.0, rel_tol=0.03)
    assert not is_correct(100.5, 100.0, rel_tol=0.0)
    assert is_correct(100.004, 100.0, rel_tol=0.0)
