"""Evaluation: ROUGE, intervals, faithfulness, accuracy, the guards, figures, tables, cards, the sweep."""

from __future__ import annotations

import json
import math
import re
from pathlib import Path

import numpy as np
import pytest
from finstep.datasets.arithmetic import generate
from finstep.datasets.predicted import predicted_rows, prompt_digest
from finstep.datasets.sweep import derived_name, subsample, sweep_datasets
from finstep.errors import FinstepError
from finstep.evaluation import plots
from finstep.evaluation.bootstrap import BootstrapSettings, mean_ci, paired_difference
from finstep.evaluation.config import check_evaluation
from finstep.evaluation.figures import make_figures, sweep_points
from finstep.evaluation.metrics import build_metrics
from finstep.evaluation.metrics.rouge import rouge
from finstep.evaluation.model_card import model_card
from finstep.evaluation.numbers import check_numbers, find_numbers
from finstep.evaluation.predictions import Example, check, contains_prompt, join, no_answer, summary_field
from finstep.evaluation.score import samples, score_examples, score_pair, write_summary
from finstep.evaluation.tables import main_table, write_tables
from finstep.io import read_jsonl, write_json, write_jsonl
from finstep.tiny_model import build_model, pretrain, train_tokenizer
from rouge_score import rouge_scorer

OPTIONS = {
    "metrics": ["rouge", "likelihood", "validity", "faithfulness", "accuracy"],
    "max_empty_share": 0.5,
}
PAIRS = [
    ("Revenue grew 8% to $1.2 billion.", "Net sales increased 8% to $1.2 billion in 2024."),
    ("The company faces currency risks.", "Currency fluctuations are a risk. Margins fell."),
    ("Gross margin was 45.6 percent.", "Gross margin rose to 45.6% from 43.3%."),
]


def _load(path) -> dict:
    return json.loads(Path(path).read_text())


# --- ROUGE ---------------------------------------------------------------------------------------------


def test_rouge_by_hand():
    # 3 of 3 predicted unigrams match, 3 of 6 reference unigrams are found: P 1, R 0.5, F 2/3.
    scores = rouge("the cat sat", "the cat sat on the mat")
    assert scores["rouge1"] == pytest.approx(2 / 3)
    assert scores["rouge2"] == pytest.approx(2 * 1 * 0.4 / 1.4)  # 2 of 2 and 2 of 5 bigrams
    assert rouge("", "the cat")["rougeL"] == 0.0


@pytest.mark.parametrize("prediction,reference", PAIRS)
def test_rouge_equals_rouge_scores_own_numbers(prediction, reference):
    scorer = rouge_scorer.RougeScorer(["rouge1", "rouge2", "rougeL", "rougeLsum"], use_stemmer=True)
    ours = rouge(prediction, reference)
    theirs = scorer.score(reference, prediction)
    for key in ("rouge1", "rouge2", "rougeL"):
        assert ours[key] == pytest.approx(theirs[key].fmeasure)
    # Lsum is computed on one sentence per line, as rouge_score expects (no NLTK download).
    lines = scorer.score(
        "\n".join(re.split(r"(?<=\.) ", reference)), "\n".join(re.split(r"(?<=\.) ", prediction))
    )
    assert ours["rougeLsum"] == pytest.approx(lines["rougeLsum"].fmeasure)


def test_rouge_lsum_differs_from_rouge_l_on_multi_sentence_text():
    scores = rouge("Margins fell. Revenue grew.", "Revenue grew. Margins fell.")
    assert scores["rougeLsum"] == pytest.approx(1.0) and scores["rougeL"] < 1.0


# --- bootstrap -----------------------------------------------------------------------------------------


def test_bootstrap_interval_contains_the_mean_and_narrows_with_n():
    rng = np.random.default_rng(0)
    settings = BootstrapSettings(samples=2000, seed=1)
    widths = []
    for n in (20, 80, 320):
        values = rng.random(n)
        stats = mean_ci(values, settings)
        assert stats["n"] == n and stats["mean"] == pytest.approx(values.mean())
        assert stats["low"] < stats["mean"] < stats["high"]
        widths.append(stats["high"] - stats["low"])
    assert widths[0] > widths[1] > widths[2]
    assert mean_ci([], settings) == {"mean": None, "low": None, "high": None, "n": 0}
    assert mean_ci([0.5], settings)["low"] is None
    assert mean_ci([1.0, 1.0, 1.0], settings)["low"] == 1.0
    assert mean_ci(values, settings) == mean_ci(values, settings)  # seeded


def test_paired_difference_detects_a_consistent_gain():
    rng = np.random.default_rng(2)
    before = rng.random(50)
    after = before + 0.05 + rng.normal(0, 0.01, 50)
    delta = paired_difference(before, after, BootstrapSettings())
    assert delta["low"] > 0 and delta["mean"] == pytest.approx(0.05, abs=0.01)
    with pytest.raises(ValueError):
        paired_difference([1.0], [1.0, 2.0], BootstrapSettings())


# --- numeric faithfulness ------------------------------------------------------------------------------

SOURCE = (
    "Net sales were $1,234 million in fiscal 2024, an increase of 8.3% compared with $1,139.5 million "
    "in 2023. The Company repurchased 12.5 million shares. Operating margin was 31 percent."
)


def test_made_up_figures_are_caught():
    result = check_numbers("Net sales rose 9% to $7.3 billion in 2025.", SOURCE)
    assert result.numbers == 3 and result.unsupported == ["9%", "$7.3 billion", "2025"]
    assert result.share == 1.0


def test_reformatted_true_figures_are_not():
    summary = "Net sales rose 8% to $1.2 billion in 2024 from $1.14 billion; operating margin was 31%."
    result = check_numbers(summary, SOURCE)
    assert result.numbers == 5 and result.unsupported == [] and result.share == 0.0
    assert check_numbers("Sales were $1,234.0 million.", "Net sales (in millions): $1,234").unsupported == []
    assert check_numbers("No figures here.", SOURCE).share is None


def test_number_kinds_and_labels():
    found = {
        n.text: n.kind for n in find_numbers("Form 10-K, COVID-19, Q4, 5G; $5B in 2023, 3.5 percent, 42")
    }
    assert found == {"$5B": "amount", "2023": "year", "3.5 percent": "percent", "42": "number"}
    assert find_numbers("$5B")[0].value == 5e9
    assert check_numbers("margin of 8%", "8 million units").unsupported == ["8%"]  # a count is not a percent


# --- joining and guards --------------------------------------------------------------------------------


def _test_rows(n: int = 4) -> list[dict]:
    return [
        {"id": f"c{i}", "prompt": f"[summary] Summarize chunk {i} about revenue.", "completion": f"summary {i}",
         "task": "summary", "source_id": f"c{i}"}
        for i in range(n)
    ]  # fmt: skip


def _predictions(rows: list[dict], text=lambda i: f"answer {i}", nll=None) -> list[dict]:
    out = [{"id": r["id"], "prediction": text(i), "reference": r["completion"]} for i, r in enumerate(rows)]
    for i, row in enumerate(out if nll else []):
        row["reference_nll"] = nll(i)
    return out


PATHS = {"test": "test.jsonl", "base": "base.jsonl", "tuned": "tuned.jsonl"}


def test_join_is_by_id_whatever_the_order():
    rows = _test_rows()
    base = list(reversed(_predictions(rows)))
    tuned = _predictions(rows, lambda i: f"tuned {i}")
    examples = join(rows, {"base": base, "tuned": tuned}, PATHS)
    assert [e.outputs["base"] for e in examples] == ["answer 0", "answer 1", "answer 2", "answer 3"]
    assert check(examples, PATHS, 0.5) == {
        "empty_share": {"base": 0.0, "tuned": 0.0},
        "prompt_echo_share": {"base": 0.0, "tuned": 0.0},
        "no_answer": {"base": {"n": 0, "share": 0.0}, "tuned": {"n": 0, "share": 0.0}},
        "identical_share": 0.0,
    }


def test_count_mismatch_is_an_error():
    rows = _test_rows()
    with pytest.raises(FinstepError, match="base.jsonl has 3 predictions for 4 test examples"):
        join(rows, {"base": _predictions(rows)[:3]}, PATHS)
    extra = [*_predictions(rows)[:3], {"id": "zz", "prediction": "x"}]
    with pytest.raises(FinstepError, match="id 'zz' is not in test.jsonl"):
        join(rows, {"base": extra}, PATHS)


def test_shifted_rows_are_an_error():
    rows = _test_rows()
    shifted = _predictions(rows)
    for row, later in zip(shifted, shifted[1:] + shifted[:1], strict=True):
        row["reference"] = later["reference"] if row is not later else row["reference"]
    shifted = [{**r, "reference": rows[(i + 1) % len(rows)]["completion"]} for i, r in enumerate(shifted)]
    with pytest.raises(FinstepError, match="rows are shifted"):
        join(rows, {"base": shifted}, PATHS)


def test_a_prediction_that_contains_its_prompt_is_an_error():
    rows = _test_rows()
    echoed = _predictions(rows, lambda i: f"user\n{rows[i]['prompt']}\nassistant\nanswer {i}")
    examples = join(rows, {"base": echoed, "tuned": _predictions(rows, str)}, PATHS)
    with pytest.raises(FinstepError, match="base.jsonl: 4 of 4 predictions .* contain their prompt"):
        check(examples, PATHS, 0.5)
    assert contains_prompt("  [summary]   Summarize chunk 0 about revenue. Extra", rows[0]["prompt"])
    assert not contains_prompt("Revenue rose.", rows[0]["prompt"])


def test_a_model_restating_one_question_is_no_decoding_bug():
    """A real model may repeat a question in its answer; the decoding bug repeats every prompt."""
    rows = _test_rows()
    one = _predictions(rows, lambda i: f"{rows[i]['prompt']} The answer is {i}." if i == 0 else f"answer {i}")
    measured = check(join(rows, {"base": one, "tuned": _predictions(rows, str)}, PATHS), PATHS, 0.5)
    assert measured["prompt_echo_share"] == {"base": 0.25, "tuned": 0.0}


def test_too_many_empty_predictions_is_an_error():
    rows = _test_rows()
    empty = _predictions(rows, lambda i: "" if i < 3 else "fine")
    examples = join(rows, {"base": _predictions(rows), "tuned": empty}, PATHS)
    with pytest.raises(FinstepError, match="tuned.jsonl: 3 of 4 predictions are empty"):
        check(examples, PATHS, 0.5)
    assert check(examples, PATHS, 0.75)["empty_share"]["tuned"] == 0.75


def test_a_tuned_model_equal_to_its_base_is_an_error():
    rows = _test_rows()
    same = _predictions(rows)
    examples = join(rows, {"base": same, "tuned": [dict(r) for r in same]}, PATHS)
    with pytest.raises(FinstepError, match="adapter was not applied"):
        check(examples, PATHS, 0.5)


def test_the_likelihoods_tell_an_unapplied_adapter_from_one_that_changed_no_answer():
    rows = _test_rows()
    base = _predictions(rows, nll=lambda i: 3.0 + i)
    changed = _predictions(rows, nll=lambda i: 2.9 + i)  # the same greedy answers, likelier references
    assert check(join(rows, {"base": base, "tuned": changed}, PATHS), PATHS, 0.5)["identical_share"] == 1.0
    unapplied = _predictions(rows, lambda i: f"other {i}", nll=lambda i: 3.0 + i)
    with pytest.raises(FinstepError, match="same likelihood as the base model .* adapter was not applied"):
        check(join(rows, {"base": base, "tuned": unapplied}, PATHS), PATHS, 0.5)


def test_an_answer_of_task_tags_or_labels_alone_is_no_answer():
    for silent in (
        "",
        "  \n",
        "[summary]",
        " [summary]\n",
        "[end summary]",
        "Summary:",
        "[rationale] Summary: .",
    ):
        assert no_answer(silent), silent
    for said in ("Revenue rose.", "[summary] Revenue rose 5%.", "Answer: 4", "Summary: Sales fell."):
        assert not no_answer(said), said


def test_no_answers_are_counted_per_model_with_their_share():
    rows = _test_rows()
    silent = _predictions(rows, lambda i: "[summary]" if i < 2 else f"tuned {i}")
    measured = check(join(rows, {"base": _predictions(rows), "tuned": silent}, PATHS), PATHS, 0.5)
    assert measured["no_answer"] == {"base": {"n": 0, "share": 0.0}, "tuned": {"n": 2, "share": 0.5}}
    assert measured["empty_share"]["tuned"] == 0.0  # not empty, yet no answer


def test_base_predictions_of_other_prompts_are_an_error():
    rows = _test_rows()
    digests = [
        {**p, "prompt_sha256": prompt_digest(r["prompt"])}
        for p, r in zip(_predictions(rows), rows, strict=True)
    ]
    assert join(rows, {"base": digests}, PATHS)[0].outputs["base"] == "answer 0"
    other = [
        {**p, "prompt_sha256": prompt_digest("[summary] " + r["prompt"])}
        for p, r in zip(digests, rows, strict=True)
    ]
    with pytest.raises(FinstepError, match="base.jsonl: the prediction with id 'c0' answers another prompt"):
        join(rows, {"base": other}, PATHS)


def test_summary_field_per_format():
    text = "Rationale:\n1. Sales rose.\n\nSummary: Sales rose 8%."
    assert summary_field(text, "rationale_summary") == "Sales rose 8%."
    assert summary_field("1. Sales rose.", "rationale_summary") is None
    assert summary_field("  Sales rose.  ", "summary") == "Sales rose."
    assert summary_field("   ", "summary") is None


# --- metrics -------------------------------------------------------------------------------------------


def test_rationale_summary_outputs_are_scored_on_their_summary_field():
    example = Example(
        "a", "p", "Rationale:\n1. x\n\nSummary: Revenue grew 8%.", "rationale_summary", source="8%"
    )
    [rouge_metric, validity, faithfulness] = build_metrics(
        ["rouge", "validity", "faithfulness"], OPTIONS, {"format": "rationale_summary"}
    )
    good = "Rationale:\n1. Something long and different.\n\nSummary: Revenue grew 8%."
    assert rouge_metric.score(example, good)["rougeL"] == 1.0
    assert validity.score(example, good)["format_valid"] == 1.0
    assert validity.score(example, "Revenue grew 8%.")["format_valid"] == 0.0
    assert faithfulness.score(example, "Summary: Revenue grew 9%.")["unsupported_numbers"] == 1.0


def test_answer_accuracy_on_the_arithmetic_set():
    records = generate(20, seed=3)
    [accuracy, validity] = build_metrics(["accuracy", "validity"], OPTIONS, {"format": "instructions"})
    for record in records:
        example = Example(
            record["id"], record["instruction"], record["response"], "instructions", record["answer"]
        )
        assert accuracy.score(example, record["response"])["answer_accuracy"] == 1.0
        assert validity.score(example, record["response"])["format_valid"] == 1.0
        wrong = f"Answer: {record['answer'] * 1.5 + 1}"
        assert accuracy.score(example, wrong)["answer_accuracy"] == 0.0
        assert validity.score(example, "I cannot say.")["format_valid"] == 0.0


def test_unknown_metric_is_refused_before_work():
    with pytest.raises(FinstepError, match="evaluation.metrics: 'bleurt' is unknown"):
        check_evaluation({"metrics": ["rouge", "bleurt"]})
    with pytest.raises(FinstepError, match="evaluation.metrics is empty"):
        check_evaluation({"metrics": []})


def test_score_examples_pairs_base_with_tuned():
    examples = [
        Example(f"e{i}", "p", "Revenue grew 8% to $1.2 billion.", "summary", source="Revenue grew 8% to $1.2 billion.",
                outputs={"base": "Costs fell 3%.", "tuned": "Revenue grew 8% to $1.2 billion."})
        for i in range(5)
    ]  # fmt: skip
    scores = score_examples(examples, ["rouge", "faithfulness"], OPTIONS, {"format": "summary"})
    assert scores["rougeL"]["tuned"]["mean"] == 1.0 and scores["rougeL"]["base"]["mean"] == 0.0
    assert scores["rougeL"]["delta"]["mean"] == 1.0
    faith = scores["unsupported_numbers"]
    assert (faith["base"]["mean"], faith["tuned"]["mean"], faith["reference"]["mean"]) == (1.0, 0.0, 0.0)


def test_likelihood_pairs_each_models_reference_nll_and_skips_predictions_without_it(caplog):
    rows = _test_rows(4)
    predictions = {
        "base": _predictions(rows, nll=lambda i: 3.0 + i),
        "tuned": _predictions(rows, lambda i: f"other {i}", nll=lambda i: 2.5 + i),
    }
    examples = join(rows, predictions, PATHS)
    nll = score_examples(examples, ["likelihood"], OPTIONS, {"format": "summary"})["reference_nll"]
    assert (nll["base"]["mean"], nll["tuned"]["mean"], nll["delta"]["mean"]) == (4.5, 4.0, -0.5)
    assert nll["higher_is_better"] is False and nll["delta"]["n"] == 4

    predictions["tuned"] = _predictions(rows, lambda i: f"other {i}")  # written by an older predict rule
    assert score_examples(join(rows, predictions, PATHS), ["likelihood"], OPTIONS, {}) == {}
    assert "4 of 4 examples have no reference_nll" in caplog.text


def test_samples_are_spread_over_the_split_and_never_fewer_than_there_are():
    rows = _test_rows(4)
    examples = join(rows, {"base": _predictions(rows)}, PATHS)
    assert [s["id"] for s in samples(examples, 2)] == [rows[0]["id"], rows[3]["id"]]
    assert [s["id"] for s in samples(examples[:2], 3)] == [rows[0]["id"], rows[1]["id"]]
    assert samples(examples, 0) == [] and samples([], 3) == []


# --- one pair end to end, then figures, tables and the card ---------------------------------------------


@pytest.fixture
def scored(tmp_path):
    rows = _test_rows(6)
    triplets = [
        {"id": r["source_id"], "text": f"Revenue of chunk {i} was $1.{i} billion."}
        for i, r in enumerate(rows)
    ]
    write_jsonl(tmp_path / "test.jsonl", rows)
    write_jsonl(tmp_path / "triplets.jsonl", triplets)
    base = _predictions(rows, lambda i: f"revenue was $9.{i} billion", nll=lambda i: 3.0 + i / 10)
    tuned = _predictions(rows, lambda i: f"summary {i} revenue $1.{i} billion", nll=lambda i: 2.0 + i / 10)
    write_jsonl(tmp_path / "base.jsonl", base)
    write_jsonl(tmp_path / "tuned.jsonl", tuned)
    info = {
        "kind": "distill",
        "format": "summary",
        "sizes": {"train": 30},
        "tasks": {"train": {"summary": 30}},
    }
    write_json(tmp_path / "split.json", info)
    paths = {}
    for dataset in ("distill_summary", "distill_summary-50pct"):
        paths[dataset] = str(tmp_path / f"{dataset}.json")
        score_pair(
            "tiny",
            dataset,
            str(tmp_path / "split.json"),
            str(tmp_path / "test.jsonl"),
            {"base": str(tmp_path / "base.jsonl"), "tuned": str(tmp_path / "tuned.jsonl")},
            str(tmp_path / "triplets.jsonl"),
            OPTIONS,
            paths[dataset],
        )
    return tmp_path, paths


def test_score_pair_writes_base_and_tuned_side_by_side(scored):
    folder, paths = scored
    metrics = _load(paths["distill_summary"])
    assert metrics["n"] == 6 and metrics["train_size"] == 30
    rouge_l = metrics["metrics"]["rougeL"]
    assert rouge_l["tuned"]["mean"] > rouge_l["base"]["mean"] and rouge_l["delta"]["n"] == 6
    assert metrics["metrics"]["unsupported_numbers"]["base"]["mean"] == 1.0
    assert metrics["metrics"]["unsupported_numbers"]["tuned"]["mean"] == 0.0
    rows = list(read_jsonl(folder / "test.jsonl"))
    assert metrics["samples"] == [
        {
            "id": rows[i]["id"],
            "reference": rows[i]["completion"],
            "base": f"revenue was $9.{i} billion",
            "tuned": f"summary {i} revenue $1.{i} billion",
        }
        for i in (0, 2, 5)  # spread over the six test rows: first, middle, last
    ]
    write_summary(list(paths.values()), str(folder / "summary.csv"))
    lines = (folder / "summary.csv").read_text().splitlines()
    assert lines[0] == "student,dataset,metric,label,variant,mean,low,high,n"
    assert sum(",rougeL,ROUGE-L," in line for line in lines) == 2 * 3  # base, tuned, delta per pair


def test_score_pair_scores_the_rows_predict_drew_and_records_the_draw(scored):
    folder, _paths = scored
    rows = list(read_jsonl(folder / "test.jsonl"))
    drawn, _ = predicted_rows(rows, 3, seed=5)
    for variant in ("base", "tuned"):
        write_jsonl(folder / f"{variant}3.jsonl", _predictions(drawn, lambda i, v=variant: f"{v} {i}"))
    args = (
        "tiny", "distill_summary", str(folder / "split.json"), str(folder / "test.jsonl"),
        {"base": str(folder / "base3.jsonl"), "tuned": str(folder / "tuned3.jsonl")},
        str(folder / "triplets.jsonl"), OPTIONS, str(folder / "m.json"),
    )  # fmt: skip
    score_pair(*args, prediction={"max_examples": 3, "seed": 5})
    metrics = _load(folder / "m.json")
    assert metrics["n"] == 3 and metrics["test_rows"]["n"] == 3 and metrics["test_rows"]["of"] == 6
    assert (metrics["test_rows"]["seed"], metrics["test_rows"]["max_examples"]) == (5, 3)
    assert metrics["predictions"]["base"].endswith("base3.jsonl")
    assert metrics["guards"]["no_answer"]["base"] == {"n": 0, "share": 0.0}
    with pytest.raises(FinstepError, match="base3.jsonl has 3 predictions for 6 test examples"):
        score_pair(*args)  # all rows: the three predictions are not the whole split


def test_a_mean_over_fewer_examples_than_the_pair_shows_its_n():
    """Unsupported numbers: each mean is over the outputs stating a number, the Δ over those where both do."""
    numbers = {
        "base": ["$1 billion", "$2 billion", "none", "none"],
        "tuned": ["$1 billion", "none", "$3", "$4"],
    }
    examples = [
        Example(f"e{i}", "p", "ref", "summary", source="$1 billion",
                outputs={v: f"Revenue was {numbers[v][i]}." for v in ("base", "tuned")})
        for i in range(4)
    ]  # fmt: skip
    scores = score_examples(examples, ["rouge", "faithfulness"], OPTIONS, {"format": "summary"})
    faith = scores["unsupported_numbers"]
    assert (faith["base"]["n"], faith["tuned"]["n"], faith["delta"]["n"]) == (2, 3, 1)
    metrics = {"student": "s", "dataset": "d", "n": 4, "metrics": scores}
    table = main_table([metrics]).set_index("Model")["Unsupported numbers"]
    assert table["base"].endswith("(n=2)") and table["tuned"].endswith("(n=3)")
    assert table["Δ (tuned − base)"].endswith("(n=1)")
    assert "(n=" not in main_table([metrics]).set_index("Model")["ROUGE-L"]["base"]  # over all four


def test_figures_have_their_panels_and_embed_their_fonts(scored, tmp_path):
    _folder, paths = scored
    pairs = [_load(p) for p in paths.values()]
    fig = plots.rouge_figure(pairs)
    assert [ax.get_title() for ax in fig.axes] == ["ROUGE-1", "ROUGE-2", "ROUGE-L", "ROUGE-Lsum"]
    assert len(fig.axes[2].patches) == 2 * len(pairs)  # a base and a tuned bar per pair
    quality = plots.quality_figure(pairs)
    assert [ax.get_title() for ax in quality.axes if ax.get_visible()] == [
        "Reference NLL (nats/token) ↓", "Unsupported numbers ↓", "Format validity ↑", "No answer ↓",
    ]  # fmt: skip
    assert quality.axes[0].get_ylim()[1] > 1.05  # an NLL is not a share: its axis is not clipped at 1
    teacher = plots.teacher_figure({"t": {"valid_rate": 0.9, "valid": 9, "chunks_in": 10,
                                           "rejected_by_reason": {"schema": 1},
                                           "quality_failures": {"repetition": 3}}})  # fmt: skip
    assert [ax.get_title() for ax in teacher.axes] == [
        "Valid answers", "Rejected answers by reason", "Attempts failing a quality check",
    ]  # fmt: skip
    assert [p.get_height() for p in teacher.axes[2].patches] == [3]
    plots.save(fig, [tmp_path / "rouge.pdf", tmp_path / "rouge.png"])
    pdf = (tmp_path / "rouge.pdf").read_bytes()
    assert b"/FontFile2" in pdf and b"/Type3" not in pdf  # TrueType embedded, no Type 3
    assert (tmp_path / "rouge.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    plots.save(plots.rouge_figure(pairs), [tmp_path / "again.pdf"])
    assert (tmp_path / "again.pdf").read_bytes() == pdf  # no creation date: reproducible bytes


def test_make_figures_writes_every_output_and_the_sweep(scored, tmp_path):
    folder, paths = scored
    log = folder / "train_log.csv"
    log.write_text("step,loss,learning_rate,grad_norm,tokens_per_second\n1,2.0,0.1,1,5\n2,1.5,0.1,1,5\n")
    sweep = {
        "distill_summary-50pct": {
            "of": "distill_summary",
            "fraction": 0.5,
            "student": "tiny",
            "teacher": "extractive",
        }
    }
    names = ("rouge", "quality", "loss", "teacher", "sweep")
    outputs = {f"{n}_{fmt}": str(tmp_path / "out" / f"{n}.{fmt}") for n in names for fmt in ("png", "pdf")}
    outputs |= {
        "table_md": str(tmp_path / "out" / "main.md"),
        "table_tex": str(tmp_path / "out" / "main.tex"),
        "examples_md": str(tmp_path / "out" / "examples.md"),
    }
    stats = folder / "stats.json"
    write_json(stats, {"valid_rate": 1.0, "valid": 6, "chunks_in": 6, "rejected_by_reason": {}})
    make_figures(
        list(paths.values()),
        {"tiny/distill_summary": str(log), "tiny/distill_summary-50pct": str(log)},
        {"extractive": str(stats)},
        sweep,
        outputs,
    )
    assert all(
        (tmp_path / "out" / f"{n}.{fmt}").stat().st_size > 1000 for n in names for fmt in ("png", "pdf")
    )
    table = (tmp_path / "out" / "main.md").read_text()
    assert "distill_summary-50pct" not in table  # sweep points are not main results
    assert "Δ (tuned − base)" in table
    examples = (tmp_path / "out" / "examples.md").read_text()
    assert (
        "## tiny · distill_summary\n" in examples and "- *tuned*: summary 5 revenue $1.5 billion" in examples
    )
    assert "distill_summary-50pct" not in examples
    points = sweep_points([_load(p) for p in paths.values()], sweep)
    assert len(points) == 2 and {p["train_examples"] for p in points} == {30}
    assert {p["format"] for p in points} == {"distill_summary (summary, teacher extractive)"}


def test_latex_table_escapes_names(scored, tmp_path):
    _folder, paths = scored
    pairs = [_load(paths["distill_summary"])]
    write_tables(pairs, str(tmp_path / "t.md"), str(tmp_path / "t.tex"))
    tex = (tmp_path / "t.tex").read_text()
    assert "distill\\_summary" in tex and "\\toprule" in tex and "\\bottomrule" in tex


def test_model_card_carries_the_metrics(scored):
    _folder, paths = scored
    metrics = _load(paths["distill_summary"])
    run = {
        "dataset": "distill_summary", "base_model": "TinyLlama/TinyLlama-1.1B-Chat-v1.0", "base_revision": "fe8a4ea",
        "truncation": {"prompt_fills_context": 0, "completion_cut": 2}, "hyperparameters": {"lora_r": 16},
        "precision": "fp16", "device": "cuda:0", "steps": 30,
    }  # fmt: skip
    card = model_card(run, {"kind": "distill", "format": "summary", "sizes": {"train": 30}}, metrics)
    assert card.startswith("---\nbase_model: TinyLlama/TinyLlama-1.1B-Chat-v1.0\nlibrary_name: peft")
    rouge_l = metrics["metrics"]["rougeL"]
    assert f"| ROUGE-L | {rouge_l['base']['mean']:.3f} [" in card
    assert f"{rouge_l['delta']['mean']:+.3f}" in card


# --- a pair with a DPO stage: base, SFT and DPO on the same rows, and the held-out preference pairs ----------


def _dpo_run(folder: Path) -> Path:
    """A DPO run.json's held-out record: four pairs, the SFT model preferring every rejected answer (its own),
    DPO the chosen one on three; DPO's implicit reward margin positive on those three only."""
    logps = [
        {"id": "v0", "base": [-9.0, -8.0], "sft": [-9.0, -5.0], "dpo": [-6.0, -7.0]},
        {"id": "v1", "base": [-7.0, -8.0], "sft": [-9.0, -5.0], "dpo": [-7.0, -7.5]},
        {"id": "v2", "base": [-9.0, -8.0], "sft": [-9.0, -5.0], "dpo": [-8.0, -8.5]},
        {"id": "v3", "base": [-9.0, -8.0], "sft": [-9.0, -5.0], "dpo": [-9.5, -5.0]},
    ]
    run = {"stage": "dpo", "hyperparameters": {"beta": 0.1}, "held_out": {"pairs": 4, "reward_accuracy": 0.75,
           "reward_margin": 0.1, "loss": 0.6, "logps": logps}}  # fmt: skip
    write_json(folder / "dpo_run.json", run)
    return folder / "dpo_run.json"


def test_a_dpo_stage_is_scored_three_ways_with_its_held_out_preference_accuracy(scored, tmp_path):
    folder, paths = scored
    rows = list(read_jsonl(folder / "test.jsonl"))
    write_jsonl(
        folder / "dpo.jsonl", _predictions(rows, lambda i: f"summary {i}", nll=lambda i: 1.5 + i / 10)
    )
    predictions = {variant: str(folder / f"{variant}.jsonl") for variant in ("base", "tuned", "dpo")}
    out = folder / "dpo_metrics.json"
    score_pair("tiny", "distill_summary", str(folder / "split.json"), str(folder / "test.jsonl"), predictions,
               str(folder / "triplets.jsonl"), OPTIONS, str(out), dpo_run=str(_dpo_run(folder)))  # fmt: skip
    metrics = _load(out)
    rouge_l, nll = metrics["metrics"]["rougeL"], metrics["metrics"]["reference_nll"]
    assert rouge_l["dpo"]["mean"] == 1.0 and rouge_l["dpo"]["n"] == 6
    # SFT → DPO and base → DPO, paired on the same six rows (all scored: the mean of the differences).
    assert rouge_l["delta_dpo"]["mean"] == pytest.approx(rouge_l["dpo"]["mean"] - rouge_l["tuned"]["mean"])
    assert rouge_l["delta_base_dpo"]["mean"] == pytest.approx(1.0 - rouge_l["base"]["mean"])
    assert nll["delta_dpo"]["mean"] == pytest.approx(-0.5) and nll["delta"]["mean"] == pytest.approx(-1.0)
    assert metrics["samples"][0]["dpo"] == "summary 0"
    held = metrics["held_out_preferences"]
    assert held["pairs"] == 4 and held["reward_accuracy"]["mean"] == 0.75
    assert held["reward_margin"]["mean"] == pytest.approx(0.1 * (5.0 + 4.5 + 4.5 - 0.5) / 4)
    accuracy = held["logprob_accuracy"]
    assert (accuracy["base"]["mean"], accuracy["sft"]["mean"], accuracy["dpo"]["mean"]) == (0.25, 0.0, 0.75)
    assert held["logprob_accuracy_delta"]["mean"] == 0.75 and held["logprob_accuracy_delta"]["n"] == 4
    assert 0 <= accuracy["dpo"]["low"] <= 0.75 <= accuracy["dpo"]["high"] <= 1
    assert "held_out_preferences" not in _load(paths["distill_summary"])  # a pair without a DPO stage

    write_summary([str(out)], str(folder / "summary.csv"))
    variants = [
        line.split(",")[4] for line in (folder / "summary.csv").read_text().splitlines() if ",rougeL," in line
    ]
    assert variants == ["base", "tuned", "dpo", "delta", "delta_dpo", "delta_base_dpo"]

    pairs = [metrics, _load(paths["distill_summary"])]
    write_tables(pairs, str(tmp_path / "t.md"), str(tmp_path / "t.tex"))
    table = main_table(pairs)
    assert table["Model"].tolist() == ["base", "tuned", "Δ (tuned − base)", "DPO", "Δ (DPO − tuned)",
                                       "Δ (DPO − base)", "base", "tuned", "Δ (tuned − base)"]  # fmt: skip
    markdown = (tmp_path / "t.md").read_text()
    held_row = markdown.split("Held-out preference pairs")[0].strip().splitlines()[-1]
    assert held_row.startswith("| tiny      | distill_summary |       4 | 0.750 [")
    assert (tmp_path / "t.tex").read_text().count("\\toprule") == 2

    rouge = plots.rouge_figure(pairs)
    assert len(rouge.axes[2].patches) == 2 + 2 + 1  # base and tuned bars for both pairs, DPO for one
    assert "DPO (after SFT)" in [t.get_text() for t in rouge.legends[0].get_texts()]
    log = folder / "dpo_log.csv"
    log.write_text("step,loss,reward_margin,reward_accuracy\n1,0.693,0.0,0.0\n2,0.61,0.2,0.75\n")
    outputs = {f"{n}_{fmt}": str(tmp_path / "out" / f"{n}.{fmt}")
               for n in ("rouge", "quality", "loss", "teacher", "dpo") for fmt in ("png", "pdf")}  # fmt: skip
    outputs |= {name: str(tmp_path / "out" / name) for name in ("table_md", "table_tex", "examples_md")}
    stats = folder / "stats.json"
    write_json(stats, {"valid_rate": 1.0, "valid": 6, "chunks_in": 6, "rejected_by_reason": {}})
    make_figures([str(out)], {"tiny/distill_summary": str(log)}, {"t": str(stats)}, {}, outputs,
                 dpo_logs={"tiny/distill_summary": str(log)})  # fmt: skip
    assert (tmp_path / "out" / "dpo.pdf").read_bytes().startswith(b"%PDF")
    assert "- *dpo*: summary 0" in (tmp_path / "out" / "examples_md").read_text()
    fig = plots.dpo_figure({("tiny", "distill_summary"): plots.read_train_log(log)}, [metrics])
    margin, reward, held_ax = fig.axes
    assert list(margin.lines[0].get_ydata()) == [0.0, 0.2] and list(reward.lines[0].get_ydata()) == [
        0.0,
        0.75,
    ]
    assert [round(p.get_height(), 2) for p in held_ax.patches] == [0.25, 0.0, 0.75, 0.75]


def test_a_dpo_adapter_that_was_never_applied_is_an_error():
    rows = _test_rows()
    base = _predictions(rows, nll=lambda i: 3.0 + i)
    tuned = _predictions(rows, lambda i: f"tuned {i}", nll=lambda i: 2.0 + i)
    paths = {**PATHS, "dpo": "dpo.jsonl"}
    changed = _predictions(rows, lambda i: f"tuned {i}", nll=lambda i: 1.9 + i)  # same answers, likelier
    measured = check(join(rows, {"base": base, "tuned": tuned, "dpo": changed}, paths), paths, 0.5)
    assert measured["dpo_identical_share"] == 1.0 and measured["identical_share"] == 0.0
    unapplied = _predictions(rows, lambda i: f"other {i}", nll=lambda i: 2.0 + i)  # the SFT adapter's NLLs
    with pytest.raises(FinstepError, match="dpo.jsonl: the dpo model gives every reference the same likelihood "
                       "as the SFT adapter"):  # fmt: skip
        check(join(rows, {"base": base, "tuned": tuned, "dpo": unapplied}, paths), paths, 0.5)


# --- the data-fraction sweep ---------------------------------------------------------------------------


def test_sweep_config_and_derived_names():
    datasets = {
        "distill_dss": {"kind": "distill", "teacher": "extractive"},
        "other": {"kind": "distill", "teacher": "llm"},
    }
    derived = sweep_datasets(
        {"student": "tiny", "datasets": ["distill_dss", "other"], "fractions": [0.125, 0.5]},
        datasets,
        {"tiny": {}},
    )
    assert derived == {
        "distill_dss-12.5pct": {"of": "distill_dss", "fraction": 0.125, "student": "tiny", "teacher": "extractive"},
        "distill_dss-50pct": {"of": "distill_dss", "fraction": 0.5, "student": "tiny", "teacher": "extractive"},
        "other-12.5pct": {"of": "other", "fraction": 0.125, "student": "tiny", "teacher": "llm"},
        "other-50pct": {"of": "other", "fraction": 0.5, "student": "tiny", "teacher": "llm"},
    }  # fmt: skip
    assert sweep_datasets({"student": None}, datasets, {}) == {}
    with pytest.raises(FinstepError, match="sweep.datasets: 'nope' is not under datasets"):
        sweep_datasets({"student": "tiny", "datasets": ["nope"]}, datasets, {"tiny": {}})
    with pytest.raises(FinstepError, match="sweep.student 'x' is not under students"):
        sweep_datasets({"student": "x", "datasets": []}, datasets, {"tiny": {}})


def test_subsample_keeps_tasks_together_nests_fractions_and_keeps_the_test_split(tmp_path):
    base = tmp_path / "distill_dss"
    train = [
        {"id": f"c{i}:{task}", "source_id": f"c{i}", "task": task, "prompt": "p", "completion": "c"}
        for i in range(40)
        for task in ("summary", "rationale")
    ]
    write_jsonl(base / "train.jsonl", train)
    write_jsonl(base / "val.jsonl", [{"id": "v", "task": "summary"}])
    write_jsonl(base / "test.jsonl", [{"id": "t", "task": "summary"}])
    write_json(base / "split.json", {"dataset": "distill_dss", "sizes": {}})
    kept = {}
    for fraction in (0.125, 0.5):
        out = tmp_path / derived_name("distill_dss", fraction)
        outputs = {s: str(out / f"{s}.jsonl") for s in ("train", "val", "test")} | {
            "info": str(out / "split.json")
        }
        subsample(str(base), fraction, 0, outputs)
        rows = list(read_jsonl(out / "train.jsonl"))
        groups = {r["source_id"] for r in rows}
        assert len(groups) == math.ceil(40 * fraction) and len(rows) == 2 * len(groups)
        assert list(read_jsonl(out / "test.jsonl")) == [{"id": "t", "task": "summary"}]
        info = json.loads((out / "split.json").read_text())
        assert info["fraction_of"] == "distill_dss" and info["tasks"]["train"]["summary"] == len(groups)
        kept[fraction] = groups
    assert kept[0.125] < kept[0.5]


# --- the tiny model's optional pretraining -------------------------------------------------------------


def test_pretraining_the_tiny_model_lowers_its_loss():
    texts = ["Net sales increased 8% compared with the prior year, driven by services revenue. "] * 40
    tokenizer = train_tokenizer(texts, vocab_size=300)
    model = build_model(tokenizer, hidden_size=32, layers=1, heads=2, kv_heads=1, intermediate_size=64)
    losses = pretrain(model, tokenizer, texts, steps=30, block_size=32, batch_size=4, learning_rate=1e-2)
    assert len(losses) == 30 and np.mean(losses[-5:]) < 0.5 * np.mean(losses[:5])
