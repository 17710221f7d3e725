"""Benchmark table, figure and model-card section, from scores of recorded predictions."""

from __future__ import annotations

import csv
import json

import pytest
from conftest import ROOT
from finstep.benchmarks.report import benchmark_table, read_anchors, write_report
from finstep.benchmarks.rows import BenchRow, write_rows
from finstep.benchmarks.score_job import score_student
from finstep.errors import FinstepError
from finstep.evaluation.model_card import benchmarks_section
from finstep.io import write_json, write_jsonl

LABELS = ["negative", "neutral", "positive"]
GOLD = ["positive", "negative", "neutral", "positive", "positive", "negative", "neutral", "positive"]
# The base model says "positive" to everything; the adapter gets all but one right.
BASE = ["The sentiment is positive."] * len(GOLD)
TUNED = [*GOLD[:-1], "negative"]


@pytest.fixture
def scored(tmp_path):
    rows = [
        BenchRow(f"r{i}", f"Input: tweet {i}\nAnswer: ", gold, tuple(LABELS)) for i, gold in enumerate(GOLD)
    ]
    write_rows(tmp_path / "rows.jsonl", rows)
    write_json(tmp_path / "rows.json", {"benchmark": "tfns", "rows": len(rows)})
    files = {}
    for model, outputs in (("base", BASE), ("tfns_sentiment", TUNED)):
        generate = tmp_path / f"{model}.generate.jsonl"
        write_jsonl(
            generate,
            [
                {"id": r.id, "protocol": "generate", "output": o, "truncated": False}
                for r, o in zip(rows, outputs, strict=True)
            ],
        )
        loglik = tmp_path / f"{model}.loglik.jsonl"
        write_jsonl(
            loglik,
            [
                {
                    "id": r.id,
                    "protocol": "loglik",
                    "loglik": {c: (-1.0 if c == o.split()[-1].strip(".") else -2.0) for c in LABELS},
                    "truncated": False,
                }
                for r, o in zip(rows, outputs, strict=True)
            ],
        )
        files[model] = {"generate": str(generate), "loglik": str(loglik)}
    out = tmp_path / "smollm2.json"
    score_student(
        "tfns",
        "smollm2",
        {"task": "sentiment"},
        str(tmp_path / "rows.jsonl"),
        str(tmp_path / "rows.json"),
        files,
        {"samples": 200, "seed": 0},
        str(out),
    )
    return out


def test_scores_name_benchmark_student_and_rows(scored):
    scores = json.loads(scored.read_text())
    assert scores["benchmark"] == "tfns" and scores["student"] == "smollm2" and scores["rows"]["rows"] == 8
    generate = scores["protocols"]["generate"]["variants"]
    assert generate["base"]["metrics"]["accuracy"]["value"] == pytest.approx(4 / 8)
    assert generate["tfns_sentiment"]["metrics"]["accuracy"]["value"] == pytest.approx(7 / 8)
    assert generate["tfns_sentiment"]["delta"]["accuracy"]["value"] == pytest.approx(3 / 8)


def test_published_rows_sit_only_beside_the_same_protocol(scored):
    anchors = read_anchors(ROOT / "resources" / "benchmarks" / "anchors.csv")
    scores = [json.loads(scored.read_text())]
    table = benchmark_table("tfns", scores, anchors)
    published = table[table["n"] == ""]
    assert len(published) == len({(a["model"], a["method"]) for a in anchors if a["benchmark"] == "tfns"})
    assert "0.894" in published["Weighted F1"].tolist()  # FinGPT v3.2's TFNS weighted F1
    assert (published["Protocol"] == "generate").all()
    only_loglik = [{**scores[0], "protocols": {"loglik": scores[0]["protocols"]["loglik"]}}]
    assert (
        benchmark_table("tfns", only_loglik, anchors)["n"] != ""
    ).all()  # no generation number beside loglik
    delta = table[table["Model"].str.contains("Δ")]
    assert delta["Accuracy"].str.startswith("+0.375").all()


def test_a_dpo_adapter_gets_a_row_against_the_sft_adapter_it_continues(scored):
    scores = json.loads(scored.read_text())
    generate = scores["protocols"]["generate"]["variants"]
    delta = {"accuracy": {"value": 0.125, "low": 0.0, "high": 0.25}}
    generate["tfns_sentiment/dpo"] = {**generate["tfns_sentiment"], "continues": "tfns_sentiment"}
    generate["tfns_sentiment/dpo"]["delta_continued"] = delta
    table = benchmark_table("tfns", [scores], []).set_index("Model")
    row = table.loc["smollm2 Δ tfns_sentiment/dpo − tfns_sentiment"]
    assert row["Protocol"] == "generate" and row["Accuracy"] == "+0.125 [0.000, 0.250]"
    assert "smollm2 + tfns_sentiment/dpo adapter" in table.index


def test_report_writes_tables_and_figure(scored, tmp_path):
    outputs = [tmp_path / "b.md", tmp_path / "b.tex", tmp_path / "b.png", tmp_path / "b.pdf"]
    write_report(
        [scored],
        ROOT / "resources" / "benchmarks" / "anchors.csv",
        *map(str, outputs[:2]),
        list(map(str, outputs[2:])),
    )
    markdown = outputs[0].read_text()
    assert (
        "## tfns" in markdown
        and "FinLoRA README" in markdown
        and "smollm2 + tfns_sentiment adapter" in markdown
    )
    assert "\\toprule" in outputs[1].read_text()
    assert outputs[2].stat().st_size > 5000 and outputs[3].read_bytes().startswith(b"%PDF")


def test_anchor_without_source_is_refused(tmp_path):
    path = tmp_path / "anchors.csv"
    with open(path, "w", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(
            ["benchmark", "model", "params", "method", "protocol", "metric", "value", "split", "source"]
        )
        writer.writerow(["tfns", "X", "7B", "base", "generate", "f1_weighted", "0.5", "all", ""])
    with pytest.raises(FinstepError, match="line 2 needs a source"):
        read_anchors(path)


def test_model_card_shows_the_adapter_beside_its_base(scored):
    section = benchmarks_section("tfns_sentiment", [json.loads(scored.read_text())])
    assert "| tfns (n=8) | generate | Accuracy | 0.500" in section
    assert "| +0.375" in section
    assert (
        "tfns"
        not in benchmarks_section("distill_summary", [json.loads(scored.read_text())]).split("|---")[-1]
    )
