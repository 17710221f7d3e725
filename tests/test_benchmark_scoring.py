"""Benchmark scoring: published extraction rules, sklearn-equal metrics, numeric and TAT-QA matching, intervals."""

from __future__ import annotations

import json
import time
import warnings
from pathlib import Path

import numpy as np
import pytest
from finstep.benchmarks.classification import MISSING, classification_scores, encode
from finstep.benchmarks.extraction import check_rule, fingpt_label, first_label, loglik_label
from finstep.benchmarks.numeric_match import answer_quantity, numeric_match, parse_gold
from finstep.benchmarks.rows import BenchRow
from finstep.benchmarks.scoring import resample_indices, score_benchmark
from finstep.benchmarks.tasks import TASKS
from finstep.benchmarks.tasks.numeric_qa import NumericQATask
from finstep.benchmarks.tasks.sentiment import SentimentTask
from finstep.benchmarks.tatqa_metric import em_f1, prediction_from_output, score_output
from finstep.errors import FinstepError
from finstep.evaluation.bootstrap import BootstrapSettings

sklearn_metrics = pytest.importorskip("sklearn.metrics")

SHARED = Path(__file__).resolve().parents[2] / "shared" / "benchmarks"
LABELS = ("negative", "neutral", "positive")
SETTINGS = BootstrapSettings(samples=1000, confidence=0.95, seed=0)


def shared_file(relative: str) -> Path:
    path = SHARED / relative
    if not path.is_file():
        pytest.skip(f"shared benchmark file not found at {path}")
    return path


# ---- extraction --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("output", "choices", "expected"),
    [
        ("The sentiment is Positive.", LABELS, "positive"),
        ("", LABELS, None),
        ("   \n", LABELS, None),
        ("not negative", LABELS, "negative"),  # substrings, not negation
        ("positive, not negative", LABELS, "negative"),  # the choices' order, not the text's
        ("positive, not negative", ("positive", "negative", "neutral"), "positive"),
        ("NEUTRALITY", LABELS, "neutral"),
        ("I cannot tell.", LABELS, None),
    ],
)
def test_first_label_is_finbens_rule(output, choices, expected):
    assert first_label(output, choices) == expected


@pytest.mark.parametrize(
    ("output", "expected"),
    [
        ("The sentiment is Positive.", "positive"),
        ("not negative", "negative"),
        ("negative, then positive", "positive"),  # positive is tested first
        ("POSITIVE", "neutral"),  # case-sensitive exactly as published
        ("", "neutral"),  # never missing
        ("mildly bullish", "neutral"),
    ],
)
def test_fingpt_rule_is_change_target(output, expected):
    assert fingpt_label(output) == expected


def test_fingpt_rule_is_refused_for_other_label_sets():
    check_rule("fingpt", LABELS, "benchmarks.tfns")
    with pytest.raises(FinstepError, match="benchmarks.x: extraction 'fingpt'"):
        check_rule("fingpt", ("rise", "fall"), "benchmarks.x")
    with pytest.raises(FinstepError, match="unknown"):
        check_rule("last_label", LABELS, "benchmarks.x")


def test_loglik_answer_is_the_argmax_and_never_missing():
    assert loglik_label({"negative": -3.0, "neutral": -1.5, "positive": -2.0}, LABELS, "w") == "neutral"
    assert loglik_label({"negative": -1.0, "neutral": -1.0, "positive": -2.0}, LABELS, "w") == "negative"
    with pytest.raises(FinstepError, match="w: no log-likelihood for choice 'positive'"):
        loglik_label({"negative": -1.0, "neutral": -1.0}, LABELS, "w")


# ---- classification metrics against scikit-learn ------------------------------------------------


def sklearn_scores(gold: list[str], pred: list[str | None], labels: str) -> dict[str, float]:
    """The published calls: FinBen passes labels=set(golds) with "missing" a string; FinGPT no labels."""
    shown = ["missing" if p is None else p for p in pred]
    kwargs = {"labels": list(set(gold))} if labels == "gold" else {}
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return {
            "accuracy": sklearn_metrics.accuracy_score(gold, shown),
            "f1_weighted": sklearn_metrics.f1_score(gold, shown, average="weighted", **kwargs),
            "f1_macro": sklearn_metrics.f1_score(gold, shown, average="macro", **kwargs),
            "missing": float(np.mean([p is None for p in pred])),
        }


def ours(gold: list[str], pred: list[str | None], labels: str) -> dict[str, float]:
    scores = classification_scores(encode(gold, LABELS), encode(pred, LABELS), len(LABELS), labels)
    return {key: float(value[0]) for key, value in scores.items()}


# What SmolLM2-135M answered on TFNS (issue 23): a sentence naming one label, rarely none.
RECORDED = [
    "The sentiment of this tweet is positive.",
    "The sentiment of this tweet is positive.",
    "The sentiment of this tweet is negative.",
    "The sentiment of this tweet is positive.",
    "Positive",
    "The tweet is about",
    "The sentiment of this tweet is positive.",
    "The sentiment of this tweet is negative.",
]


@pytest.mark.parametrize("labels", ["gold", "present"])
def test_recorded_outputs_score_as_sklearn(labels):
    path = shared_file("tfns/tfns_test.jsonl")
    golds = [json.loads(line)["target"] for line in path.read_text().splitlines()[:240]]
    pred = [first_label(RECORDED[i % len(RECORDED)], LABELS) for i in range(len(golds))]
    assert None in pred and "neutral" not in pred
    expected = sklearn_scores(golds, pred, labels)
    assert ours(golds, pred, labels) == pytest.approx(expected, abs=1e-12)


@pytest.mark.parametrize("labels", ["gold", "present"])
@pytest.mark.parametrize("seed", range(40))
def test_random_answers_score_as_sklearn(labels, seed):
    rng = np.random.default_rng(seed)
    n = int(rng.integers(1, 40))
    gold_classes = rng.choice(3, size=int(rng.integers(1, 4)), replace=False)  # absent gold classes
    gold = [LABELS[i] for i in rng.choice(gold_classes, n)]
    pred = [None if i < 0 else LABELS[i] for i in rng.integers(-1, 3, n)]
    assert ours(gold, pred, labels) == pytest.approx(sklearn_scores(gold, pred, labels), abs=1e-12)


@pytest.mark.parametrize(
    ("gold", "pred"),
    [
        (["positive", "negative"], [None, None]),  # nothing answered: every F1 is 0/0
        (["neutral"] * 3, ["neutral"] * 3),  # one class
        (["neutral"] * 3, ["positive", None, "negative"]),  # predicted labels absent from the gold
        (["negative", "positive"], ["positive", "negative"]),
    ],
)
@pytest.mark.parametrize("labels", ["gold", "present"])
def test_zero_division_cases_score_as_sklearn(gold, pred, labels):
    assert ours(gold, pred, labels) == pytest.approx(sklearn_scores(gold, pred, labels), abs=1e-12)


def test_the_two_label_sets_differ_where_the_published_codes_do():
    gold, pred = ["neutral"] * 3, ["positive", "neutral", "neutral"]
    assert ours(gold, pred, "gold")["f1_macro"] == pytest.approx(0.8)  # FinBen: neutral only
    assert ours(gold, pred, "present")["f1_macro"] == pytest.approx(0.4)  # FinGPT: positive enters with 0


def test_a_thousand_resamples_of_four_thousand_rows_are_fast():
    rng = np.random.default_rng(0)
    gold, pred = rng.integers(0, 3, 4000), rng.integers(MISSING, 3, 4000)
    indices = rng.integers(0, 4000, (1000, 4000))
    start = time.perf_counter()
    scores = classification_scores(gold[indices], pred[indices], 3)
    assert time.perf_counter() - start < 2.0
    first = ours(
        [LABELS[i] for i in gold[indices[7]]],
        [None if i < 0 else LABELS[i] for i in pred[indices[7]]],
        "gold",
    )
    assert {key: float(value[7]) for key, value in scores.items()} == pytest.approx(first, abs=1e-12)


# ---- numeric accuracy ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("output", "gold", "expected"),
    [
        ("24.69", "24.69136", True),  # a correct rounding of the gold
        ("24.7", "24.69136", True),
        ("25", "24.69136", False),  # coarser than the gold's third significant digit
        ("24.69137", "24.69136", False),
        ("127.4", "127.4", True),
        ("$127.4 million", "127.4", True),  # the table's unit stated: printed digits compared
        ("127.38", "127.4", True),  # the gold's printed precision
        ("128", "127.4", False),
        ("0.935", "0.935", True),
        ("93.5%", "0.935", True),  # a fraction equals its percent
        ("0.94", "0.935", False),
        ("-3.5", "-3.5", True),
        ("(3.5)", "-3.5", True),  # accounting negative
        ("\u22123.5", "-3.5", True),  # unicode minus
        ("3.5", "-3.5", False),  # the sign is the direction of a change
        ("12%", "12%", True),
        ("12", "12%", True),
        ("0.12", "12%", True),
        ("13%", "12%", False),
        ("0.125", "12.5", False),  # two bare numbers are never rescaled
        ("2", "2.0", True),
        ("2.4", "2.0", False),
        ("0", "0.2", False),
        ("4.58 million", "4575515.0", True),
        ("4,575,515", "4575515.0", True),
        ("4.6 million", "4575515.0", False),
        ("0.00001", "1e-05", True),
        ("The answer is 25 (100 / 4)", "25.0", True),  # the first number after the marker
        ("100 / 4 = 25", "25.0", True),  # else the first line's last number
        ("25\n\nQuestion: what is x?\nAnswer: 7", "25.0", True),  # an imitated next example is cut
        ("25\n\nThe ratio is 7.", "7.0", False),  # only the first line
        ("Q4 revenue grew", "4.0", False),  # digits inside a word
        ("", "1.0", False),
        ("Yes.", "yes", True),
        ("no, because the ratio fell", "no", True),
        ("yes", "no", False),
    ],
)
def test_numeric_match_rules(output, gold, expected):
    assert numeric_match(output, gold) is expected


def test_every_finqa_gold_matches_itself_and_its_answer_sentence():
    path = shared_file("finqa/finqa_dev_pixiu.jsonl")
    golds = [json.loads(line)["conversations"][1]["value"] for line in path.read_text().splitlines()]
    numeric = [gold for gold in golds if parse_gold(gold) is not None]
    assert len(numeric) == len([g for g in golds if g not in ("yes", "no")])
    assert all(numeric_match(gold, gold) for gold in golds)
    assert all(numeric_match(f"The answer is {gold}.\nIt follows from the table.", gold) for gold in numeric)
    assert answer_quantity("about $1,234.5 million").value == 1234500000


# ---- TAT-QA's official metric ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("question", "prediction", "scale", "expected"),
    [
        # (expected values are what NExTplusplus/TAT-QA's tatqa_metric.py returns for them)
        ({"answer_type": "span", "answer": ["here is, a test"], "scale": ""}, "here is, a test", "", (1, 1)),
        ({"answer_type": "span", "answer": ["1234.1"], "scale": "million"}, "1234.1", "thousand", (0, 0)),
        ({"answer_type": "span", "answer": ["12314.1"], "scale": "million"}, "12314.1", "million", (1, 1)),
        (
            {"answer_type": "multi-span", "answer": ["singapore", "china", "usa"], "scale": ""},
            ["china", "singapore", "usa"],
            "",
            (1, 1),
        ),
        (
            {"answer_type": "multi-span", "answer": ["singapore", "china", "usa"], "scale": ""},
            ["china", "singapore"],
            "",
            (0, 0.8),
        ),
        ({"answer_type": "arithmetic", "answer": 123.2, "scale": "million"}, "123.2", "", (0, 0)),
        ({"answer_type": "arithmetic", "answer": 123.2, "scale": "million"}, "123200000", "", (1, 1)),
        ({"answer_type": "arithmetic", "answer": 123.22, "scale": ""}, "123.2", "", (0, 0)),
        ({"answer_type": "arithmetic", "answer": 123.2, "scale": ""}, "123.2010", "", (1, 1)),
        ({"answer_type": "arithmetic", "answer": 22.12, "scale": "percent"}, "0.2212", "", (1, 1)),
        ({"answer_type": "arithmetic", "answer": 22.12, "scale": "percent"}, "22.1231", "percent", (1, 1)),
        ({"answer_type": "arithmetic", "answer": 22.12, "scale": "percent"}, "22.12%", "", (1, 1)),
        ({"answer_type": "span", "answer": ["22.12"], "scale": "percent"}, "-22.12", "", (0, 0)),
        ({"answer_type": "span", "answer": ["(3.5)"], "scale": ""}, "-3.5", "", (1, 1)),
        ({"answer_type": "count", "answer": "5", "scale": ""}, "5", "", (1, 1)),
        (
            {"answer_type": "span", "answer": ["the modified retrospective method"], "scale": ""},
            "Modified retrospective",
            "",
            (0, 0.8),
        ),
        (
            {"answer_type": "span", "answer": ["red green blue"], "scale": ""},
            "red green blue yellow",
            "",
            (0, 0.86),
        ),
        ({"answer_type": "arithmetic", "answer": 1.5, "scale": ""}, "", "", (0, 0)),
    ],
)
def test_tatqa_metric_matches_the_official_code(question, prediction, scale, expected):
    assert em_f1(question, prediction, scale) == pytest.approx(expected)


@pytest.mark.parametrize(
    ("output", "answer_type", "expected"),
    [
        ("$12.5 million.", "arithmetic", ("$12.5", "million")),
        ("12.5%", "arithmetic", ("12.5%", "")),  # the official code reads the sign itself
        ("12.5 percent", "arithmetic", ("12.5", "percent")),
        ("The answer is: 17.7 percent\nQuestion: next", "arithmetic", ("17.7", "percent")),
        ("about 12.5 million", "arithmetic", ("about 12.5 million", "")),
        ("Singapore, China, USA", "multi-span", (["Singapore", "China", "USA"], "")),
        (
            "Wages and salaries; social security, pensions",
            "multi-span",
            (["Wages and salaries", "social security, pensions"], ""),
        ),
        ("$4,905; $3,049 thousand", "multi-span", (["$4,905", "$3,049"], "thousand")),
    ],
)
def test_generated_text_becomes_tatqas_answer_and_scale(output, answer_type, expected):
    assert prediction_from_output(output, answer_type) == expected


def test_tatqa_scale_is_checked_on_generated_answers():
    question = {"answer": 123.2, "answer_type": "arithmetic", "scale": "million"}
    assert score_output(question, "$123.2 million") == (1.0, 1.0)
    assert score_output(question, "123,200,000") == (1.0, 1.0)
    assert score_output(question, "123.2") == (0.0, 0.0)  # the scale is part of the answer


def test_tatqa_gold_answers_written_out_score_full_marks():
    path = shared_file("tatqa/tatqa_dataset_test_gold.json")
    questions = [q for context in json.loads(path.read_text()) for q in context["questions"]][::4]
    for question in questions:
        answer, scale = question["answer"], question["scale"]
        text = "; ".join(map(str, answer)) if isinstance(answer, list) else str(answer)
        if scale and not text.endswith("%"):
            text += f" {scale}"
        assert score_output(question, text) == (1.0, 1.0), (question["uid"], text)


# ---- tasks and the scorer ----------------------------------------------------------------------------


def sentiment_rows(n: int, seed: int = 0) -> list[BenchRow]:
    rng = np.random.default_rng(seed)
    return [
        BenchRow(f"r{i}", f"Text {i}.\nAnswer: ", LABELS[int(rng.integers(0, 3))], LABELS) for i in range(n)
    ]


def generated(rows, outputs, protocol="generate"):
    return [
        {"id": row.id, "protocol": protocol, "output": out, "truncated": False}
        for row, out in zip(rows, outputs, strict=True)
    ]


def loglik(rows, winners):
    return [
        {
            "id": row.id,
            "protocol": "loglik",
            "loglik": {c: (-1.0 if c == w else -2.0) for c in LABELS},
            "truncated": False,
        }
        for row, w in zip(rows, winners, strict=True)
    ]


def test_registry_builds_the_builtin_tasks():
    assert TASKS.get("sentiment") is SentimentTask
    assert TASKS.get("numeric_qa") is NumericQATask
    assert SentimentTask.protocols == ("generate", "loglik") and NumericQATask.protocols == ("generate",)
    with pytest.raises(FinstepError, match="benchmarks.<name>.task 'ner' is unknown"):
        TASKS.get("ner")


def test_sentiment_rows_are_checked():
    task = SentimentTask({"task": "sentiment"})
    rows = sentiment_rows(3)
    with pytest.raises(FinstepError, match="tfns: row 'x' has gold 'bullish'"):
        task.check_rows([*rows, BenchRow("x", "p", "bullish", LABELS)], "tfns")
    with pytest.raises(FinstepError, match="tfns: row 'y' has choices"):
        task.check_rows([*rows, BenchRow("y", "p", "neutral", ("neutral", "positive"))], "tfns")
    with pytest.raises(FinstepError, match="appears twice"):
        task.check_rows([*rows, rows[0]], "tfns")
    with pytest.raises(FinstepError, match="no rows"):
        task.check_rows([], "tfns")


def test_scores_interval_contains_the_value_and_a_copy_of_base_differs_by_exactly_zero():
    rows = sentiment_rows(300)
    rng = np.random.default_rng(1)
    outputs = [str(rng.choice(["The sentiment is positive.", "negative", "", "neutral"])) for _ in rows]
    predictions = {
        "base": {"generate": generated(rows, outputs)},
        "copy": {"generate": generated(rows, outputs)},
    }
    result = score_benchmark(rows, predictions, SentimentTask({"task": "sentiment"}), SETTINGS)
    json.dumps(result)  # JSON-ready
    variants = result["protocols"]["generate"]["variants"]
    assert set(result["keys"]) == {"accuracy", "f1_weighted", "f1_macro", "missing"}
    for key, stat in variants["base"]["metrics"].items():
        assert stat["low"] <= stat["value"] <= stat["high"], key
        assert stat["high"] - stat["low"] > 0, key
        assert variants["copy"]["delta"][key] == {"value": 0.0, "low": 0.0, "high": 0.0}
    expected = sklearn_scores([r.gold for r in rows], [first_label(o, LABELS) for o in outputs], "gold")
    assert {k: v["value"] for k, v in variants["base"]["metrics"].items()} == pytest.approx(
        expected, abs=1e-12
    )
    answers = variants["base"]["answers"]
    assert answers["missing"] == outputs.count("") and sum(answers.values()) == len(rows)
    assert "delta" not in variants["base"]


def test_paired_difference_uses_the_same_resamples():
    rows = sentiment_rows(400)
    wrong = [next(label for label in LABELS if label != row.gold) for row in rows]
    base = [row.gold if i % 2 else wrong[i] for i, row in enumerate(rows)]  # right on odd rows
    better = [rows[0].gold, *base[1:]]  # and on row 0
    predictions = {
        "base": {"generate": generated(rows, base)},
        "tuned": {"generate": generated(rows, better)},
    }
    task = SentimentTask({"task": "sentiment"})
    result = score_benchmark(rows, predictions, task, SETTINGS)
    delta = result["protocols"]["generate"]["variants"]["tuned"]["delta"]
    # Paired: each resample's difference is (copies of row 0) / n, never negative, at most a few rows' worth;
    # two independent resamples would differ by several points either way (base accuracy ~0.5 ± 0.05).
    assert delta["accuracy"]["value"] == pytest.approx(1 / 400)
    assert delta["accuracy"]["low"] >= 0 and delta["accuracy"]["high"] <= 5 / 400
    indices = resample_indices(len(rows), SETTINGS)
    by_hand = (indices == 0).sum(axis=1) / len(rows)
    low, high = np.quantile(by_hand, [0.025, 0.975])
    assert (delta["accuracy"]["low"], delta["accuracy"]["high"]) == pytest.approx((low, high))
    base_accuracy = result["protocols"]["generate"]["variants"]["base"]["metrics"]["accuracy"]
    assert base_accuracy["high"] - base_accuracy["low"] > 0.05
    # An adapter that continues another ("tuned/dpo": DPO after SFT) is paired with the one it continues too.
    predictions["tuned/dpo"] = {"generate": generated(rows, [*better[:2], rows[2].gold, *better[3:]])}
    dpo = score_benchmark(rows, predictions, task, SETTINGS)["protocols"]["generate"]["variants"]["tuned/dpo"]
    assert dpo["continues"] == "tuned" and dpo["delta"]["accuracy"]["value"] == pytest.approx(2 / 400)
    continued = dpo["delta_continued"]["accuracy"]
    assert continued["value"] == pytest.approx(1 / 400) and continued["low"] >= 0
    low, high = np.quantile((indices == 2).sum(axis=1) / len(rows), [0.025, 0.975])
    assert (continued["low"], continued["high"]) == pytest.approx((low, high))
    assert "continues" not in result["protocols"]["generate"]["variants"]["tuned"]


def test_protocols_are_scored_apart():
    rows = sentiment_rows(60)
    gen = ["positive"] * len(rows)
    lik = [row.gold for row in rows]
    predictions = {"base": {"generate": generated(rows, gen), "loglik": loglik(rows, lik)}}
    result = score_benchmark(rows, predictions, SentimentTask({"task": "sentiment"}), SETTINGS)
    generate = result["protocols"]["generate"]["variants"]["base"]["metrics"]
    by_loglik = result["protocols"]["loglik"]["variants"]["base"]["metrics"]
    assert generate["accuracy"]["value"] == pytest.approx(np.mean([row.gold == "positive" for row in rows]))
    assert by_loglik["accuracy"]["value"] == 1.0 and by_loglik["missing"]["value"] == 0.0
    mixed = {"base": {"generate": [*generated(rows[:-1], gen[:-1]), *loglik(rows[-1:], lik[-1:])]}}
    with pytest.raises(FinstepError, match="never mixed"):
        score_benchmark(rows, mixed, SentimentTask({"task": "sentiment"}), SETTINGS)
    qa_rows = [BenchRow("q", "Question: x?\nAnswer:", "1.0")]
    with pytest.raises(FinstepError, match="not 'loglik'"):
        score_benchmark(qa_rows, {"base": {"loglik": []}}, NumericQATask({"task": "numeric_qa"}), SETTINGS)


def test_prediction_files_must_cover_the_rows_exactly():
    rows = sentiment_rows(5)
    task = SentimentTask({"task": "sentiment"})
    paths = {"tfns": {"generate": "results/benchmarks/tfns/s/tfns/generate.jsonl"}}

    def run(preds):
        return score_benchmark(
            rows,
            {"base": {"generate": generated(rows, ["x"] * 5)}, "tfns": {"generate": preds}},
            task,
            SETTINGS,
            paths=paths,
        )

    with pytest.raises(
        FinstepError, match=r"tfns/generate.jsonl: 1 of 5 rows have no prediction \(first: 'r4'\)"
    ):
        run(generated(rows[:4], ["x"] * 4))
    with pytest.raises(FinstepError, match="tfns/generate.jsonl: 1 predictions for rows that are not"):
        run(generated([*rows, BenchRow("z", "p", "neutral", LABELS)], ["x"] * 6))
    with pytest.raises(FinstepError, match="predicted twice"):
        run(generated([*rows, rows[0]], ["x"] * 6))
    shuffled = run(generated(rows[::-1], [row.gold for row in rows[::-1]]))  # joined by id, not by position
    assert shuffled["protocols"]["generate"]["variants"]["tfns"]["metrics"]["accuracy"]["value"] == 1.0


def test_fingpt_extraction_scores_as_fingpts_code():
    rows = sentiment_rows(80, seed=3)
    rng = np.random.default_rng(4)
    outputs = [str(rng.choice(["Positive", "negative news", "", "It is neutral", "POSITIVE"])) for _ in rows]
    task = SentimentTask({"task": "sentiment", "extraction": "fingpt"})
    metrics = score_benchmark(rows, {"base": {"generate": generated(rows, outputs)}}, task, SETTINGS)
    values = {
        k: v["value"] for k, v in metrics["protocols"]["generate"]["variants"]["base"]["metrics"].items()
    }
    mapped = [fingpt_label(o) for o in outputs]
    assert values == pytest.approx(sklearn_scores([r.gold for r in rows], mapped, "present"), abs=1e-12)
    assert metrics["task_options"] == {"extraction": "fingpt", "f1_labels": "present"}


def test_numeric_qa_scores_emacc_exactly_and_tatqa_only_with_its_annotation():
    finqa = [BenchRow("a", "Q", "24.69136"), BenchRow("b", "Q", "0.935"), BenchRow("c", "Q", "yes")]
    outputs = [" 24.69136\n", "93.5%", "Yes."]
    task = NumericQATask({"task": "numeric_qa"})
    result = score_benchmark(
        finqa, {"base": {"generate": generated(finqa, outputs)}}, task, SETTINGS, samples=3
    )
    metrics = result["protocols"]["generate"]["variants"]["base"]["metrics"]
    assert set(metrics) == {"em_acc", "numeric_acc"}
    assert metrics["em_acc"]["value"] == pytest.approx(1 / 3)  # "93.5%" and "Yes." are not the gold string
    assert metrics["numeric_acc"]["value"] == 1.0
    assert result["samples"][1]["outputs"]["generate"]["base"]["number"] == "93.5%"
    meta = {"answer": 17.7, "answer_type": "arithmetic", "scale": "percent"}
    tatqa = [BenchRow("t1", "Q", "17.7", metadata=meta), BenchRow("t2", "Q", "17.7", metadata=meta)]
    scored = score_benchmark(
        tatqa, {"base": {"generate": generated(tatqa, ["17.7%", "17.7"])}}, task, SETTINGS
    )
    metrics = scored["protocols"]["generate"]["variants"]["base"]["metrics"]
    assert metrics["tatqa_em"]["value"] == 0.5 and metrics["em_acc"]["value"] == 0.5
    with pytest.raises(FinstepError, match="row 'f' lacks TAT-QA's"):
        task.check_rows([*tatqa, BenchRow("f", "Q", "1")], "tatqa")
