"""Benchmark data: every format on the real files, descriptions, stratified samples, Hub snapshots offline.

The real files are ``../shared/benchmarks`` (tests that read them skip without it); their
row and label counts are the ones its README states.
"""

from __future__ import annotations

import hashlib
import json
import logging
import re
from collections import Counter
from pathlib import Path

import pytest
import yaml
from conftest import ROOT
from finstep.benchmarks import build as build_module
from finstep.benchmarks.build import build_rows
from finstep.benchmarks.description import benchmark_configs, source_input
from finstep.benchmarks.formats import (
    FILE_FORMATS,
    SourceRecord,
    content_id,
    read_file,
    sniff_file,
    tatqa_prompt,
)
from finstep.benchmarks.hub_data import configured_datasets, dataset_manifest, load_split
from finstep.benchmarks.rows import BenchRow, read_rows, write_rows
from finstep.benchmarks.sampling import allocate, sample, set_aside, stratified
from finstep.config_schema import defaults
from finstep.datasets.instructions import load_instructions
from finstep.errors import FinstepError

COMMIT = "0123456789abcdef0123456789abcdef01234567"
SENTIMENT = ("negative", "neutral", "positive")
FINGPT_TWEET = (
    "Instruction: What is the sentiment of this tweet? Please choose an answer from "
    "{negative/neutral/positive}.\nInput: {text}\nAnswer: "
)
NWGI_COLLAPSE = {"negative": 75 + 733, "neutral": 534 + 491 + 646, "positive": 1522 + 46}


class FakeSentiment:
    """Stands in for a task plugin (``finstep.benchmarks.tasks``): only its label set is read here."""

    default_choices = SENTIMENT


class FakeNumericQA:
    default_choices = ()


def _fake_task(task: str) -> type:
    fakes = {"sentiment": FakeSentiment, "numeric_qa": FakeNumericQA}
    if task not in fakes:
        raise FinstepError(f"benchmarks.<name>.task {task!r} is unknown: choose one of numeric_qa, sentiment")
    return fakes[task]


@pytest.fixture(autouse=True)
def _tasks(monkeypatch):
    monkeypatch.setattr(build_module, "task_class", _fake_task)
    monkeypatch.chdir(ROOT)  # descriptions name their files from the project folder, as the workflow runs


def _options(**keys) -> dict:
    return {**defaults("benchmarks", "*"), "task": "sentiment", "choices": list(SENTIMENT), **keys}


def _fingpt_line(text: str, label: str) -> str:
    return json.dumps({"context": FINGPT_TWEET.replace("{text}", text), "target": label})


def _write(path: Path, lines: list[str]) -> Path:
    path.write_text("".join(line + "\n" for line in lines), encoding="utf-8")
    return path


def _build(tmp_path: Path, name: str, options: dict, **kwargs) -> tuple[list[BenchRow], dict, list[dict]]:
    out = tmp_path / "out" / name
    build_rows(name, options, out / "rows.jsonl", out / "rows.json", out / "train.jsonl", **kwargs)
    train = [json.loads(line) for line in (out / "train.jsonl").read_text().splitlines()]
    return read_rows(out / "rows.jsonl"), json.loads((out / "rows.json").read_text()), train


# --- the real files -------------------------------------------------------------------------

SHARED_FILES = [
    ("fpb/fpb_test.jsonl", "fingpt_jsonl", 1212, {"neutral": 729, "positive": 338, "negative": 145}),
    ("fpb/Sentences_50Agree.txt", "fpb_txt", 4846, None),
    ("fpb/Sentences_AllAgree.txt", "fpb_txt", 2264, None),
    ("tfns/tfns_test.jsonl", "fingpt_jsonl", 2388, {"positive": 1566, "neutral": 475, "negative": 347}),
    ("nwgi/nwgi_test.jsonl", "fingpt_jsonl", 4047, None),
    ("finqa/finqa_dev_pixiu.jsonl", "conversations_jsonl", 883, None),
    ("tatqa/tatqa_dataset_test_gold.json", "tatqa_json", 1663, None),
    ("tatqa/tatqa_dataset_dev.json", "tatqa_json", 1668, None),
]


@pytest.mark.parametrize(("name", "fmt", "count", "labels"), SHARED_FILES, ids=[f[0] for f in SHARED_FILES])
def test_every_shared_file_reads_in_its_sniffed_format(shared_benchmarks, name, fmt, count, labels):
    path = shared_benchmarks / name
    sniffed, records = read_file(path)
    assert sniffed == fmt and len(records) == count
    assert read_file(path, fmt)[1] == records
    assert len({record.id for record in records}) == count
    assert all(record.label.strip() and (record.prompt or record.text) for record in records)
    if labels:
        assert Counter(record.label for record in records) == labels
    if fmt == "fingpt_jsonl":  # the text is parsed out of every FinGPT prompt, for re-templating
        assert all(record.text and f"\nInput: {record.text}\nAnswer: " in record.prompt for record in records)


def test_tatqa_questions_keep_answer_types_and_render_table_and_paragraphs(shared_benchmarks):
    _, records = read_file(shared_benchmarks / "tatqa" / "tatqa_dataset_test_gold.json")
    types = Counter(record.metadata["answer_type"] for record in records)
    assert types == {"span": 714, "arithmetic": 699, "multi-span": 210, "count": 40}
    by_id = {record.id: record for record in records}
    span = by_id["a1b54eff7de3dc7bfab148325c7a940b"]
    assert span.label == "the modified retrospective method" and span.metadata["scale"] == ""
    assert by_id["7c510956809977a550837006a464fd91"].label == "1,568.6, 690.5"
    arithmetic = by_id["200c49c9af38ccc05eb04a1b4f96e34c"]
    assert arithmetic.label == "17.7" and arithmetic.metadata["answer"] == 17.7
    assert (
        arithmetic.metadata["scale"] == "percent"
        and arithmetic.metadata["derivation"] == "(16.6/93.8 ) * 100"
    )
    prompt = arithmetic.prompt
    assert prompt.startswith(
        "Please answer the given financial question based on the context.\nContext: We utilized"
    )
    assert "\n|Current assets|As Reported|Adjustments|Balances without Adoption of Topic 606|\n" in prompt
    assert "\n|Inventories .|1,571.7|(3.1)|1,568.6|\n" in prompt
    assert prompt.endswith(
        "\nQuestion: What is the percentage of adjustment to the balance of as reported prepaid expenses "
        "and other current assets?\nAnswer:"
    )
    # The paragraphs come first, in their order, one a line; the table after them.
    assert (
        prompt.index("We utilized")
        < prompt.index("The effect of the changes")
        < prompt.index("|Current assets|")
    )


def test_nwgi_collapses_to_three_labels_under_fingpts_prompt(shared_benchmarks, tmp_path):
    section = {
        "nwgi": {"include": "nwgi", "source": {"path": str(shared_benchmarks / "nwgi" / "nwgi_test.jsonl")}}
    }
    options = benchmark_configs(section, ROOT)["nwgi"]
    rows, info, _ = _build(tmp_path, "nwgi", options)
    assert len(rows) == 4047 and info["labels"] == NWGI_COLLAPSE
    assert sum(info["source_labels"].values()) == 4047 and len(info["source_labels"]) == 7
    first = rows[0]
    assert first.gold == "neutral" and first.metadata["source_label"] == "mildly positive"
    assert first.prompt.startswith(
        "Instruction: What is the sentiment of this news? Please choose an answer from {negative/neutral/positive}."
        "\nInput: In the latest trading session, Adobe Systems (ADBE)"
    )
    assert "moderately" not in first.prompt and first.prompt.endswith("\nAnswer: ")


def test_fpb_jsonl_and_original_text_build_with_the_shipped_description(shared_benchmarks, tmp_path):
    for name, count in (("fpb_test.jsonl", 1212), ("Sentences_AllAgree.txt", 2264)):
        section = {"fpb": {"include": "fpb", "source": {"path": str(shared_benchmarks / "fpb" / name)}}}
        rows, info, _ = _build(tmp_path, "fpb", benchmark_configs(section, ROOT)["fpb"])
        assert len(rows) == count and set(info["labels"]) == set(SENTIMENT)
        assert all(
            "Please choose an answer from {negative/neutral/positive}.\nInput: " in r.prompt for r in rows
        )


def test_shipped_tfns_description_gives_the_published_prompts_and_counts(tmp_path):
    options = benchmark_configs({"tfns": {"include": "tfns"}}, ROOT)["tfns"]
    rows, info, _ = _build(tmp_path, "tfns", options)
    contexts = [json.loads(line)["context"] for line in (ROOT / options["source"]["path"]).open()]
    assert [row.prompt for row in rows] == contexts  # re-templating the tweet changes no prompt
    # The file's "positive" and "neutral" are swapped (benchmarks/tfns_labels.py); its description maps them back.
    assert info["labels"] == {"negative": 347, "neutral": 1566, "positive": 475}
    assert info["source_labels"] == {"negative": 347, "neutral": 475, "positive": 1566}
    upgrades = [
        row.gold
        for row in rows
        if re.search(r"\b(upgraded?|upped|target (raised|lifted))\b", row.prompt, re.I)
    ]
    assert len(upgrades) == 30 and upgrades.count("positive") == 29  # the file says "neutral" to 29
    assert (
        info["source"]["sha256"]
        == hashlib.sha256((ROOT / options["source"]["path"]).read_bytes()).hexdigest()
    )
    assert "MIT" in info["notice"]


def test_shipped_qa_samples_build(tmp_path):
    finqa = benchmark_configs({"finqa": {"include": "finqa"}}, ROOT)["finqa"]
    rows, info, _ = _build(tmp_path, "finqa", finqa)
    assert len(rows) == 100 and rows[0].choices == () and info["stratified_by"] == "none"
    assert all(r.prompt.endswith("\nAnswer:") and r.prompt.startswith("Please answer") for r in rows)
    tatqa = benchmark_configs({"tatqa": {"include": "tatqa", "max_examples": 40}}, ROOT)["tatqa"]
    rows, info, _ = _build(tmp_path, "tatqa", tatqa)
    assert len(rows) == 40 and info["stratified_by"] == "answer_type"
    assert info["sample"]["strata_from"] == {"arithmetic": 51, "count": 2, "multi-span": 19, "span": 48}
    assert sum(info["sample"]["strata_drawn"].values()) == 40


def test_shipped_samples_are_make_samples_output(shared_benchmarks):
    import importlib.util

    spec = importlib.util.spec_from_file_location(
        "make_samples", ROOT / "resources/benchmarks/make_samples.py"
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    for name, data in module.outputs(shared_benchmarks).items():
        assert (ROOT / "resources/benchmarks/data" / name).read_bytes() == data, name


def test_no_financial_phrasebank_file_is_in_the_project(shared_benchmarks):
    """FPB is CC BY-NC-SA: users bring it; no copy, whole or cut to its lines, may ship."""
    fpb_files = list((shared_benchmarks / "fpb").iterdir())
    digests = {hashlib.sha256(path.read_bytes()).hexdigest() for path in fpb_files}
    sentences = set()
    for path in (shared_benchmarks / "fpb").glob("Sentences_*.txt"):
        sentences |= {
            line.rsplit("@", 1)[0].strip() for line in path.read_text(encoding="latin-1").splitlines()
        }
    probes = sorted(s for s in sentences if len(s) > 60)[::8]  # every 8th long sentence, ~480
    for path in (ROOT / "resources").rglob("*"):
        if not path.is_file():
            continue
        assert hashlib.sha256(path.read_bytes()).hexdigest() not in digests, path
        if path.suffix in {".jsonl", ".json", ".txt", ".csv", ".yaml", ".md"}:
            text = path.read_text(encoding="utf-8", errors="replace")
            assert not any(s in text for s in probes), path


# --- formats and bad input ------------------------------------------------------------------


def test_each_format_is_sniffed_from_its_content(tmp_path):
    files = {
        "fingpt_jsonl": [_fingpt_line("Stocks rally", "positive")],
        "flare_jsonl": [
            json.dumps({"id": "f1", "query": "q", "answer": "negative", "choices": ["a"], "gold": 0})
        ],
        "conversations_jsonl": [
            json.dumps(
                {
                    "id": "c",
                    "conversations": [{"from": "human", "value": "Q?"}, {"from": "gpt", "value": "1"}],
                }
            )
        ],
        "columns_jsonl": [json.dumps({"sentence": "Shares fell", "label": 0})],
        "fpb_txt": ["Profit rose 5 % .@positive", "The firm is in Espoo .@neutral"],
        "tatqa_json": [json.dumps([{"table": {"table": [["a", "b"]]}, "paragraphs": [], "questions": []}])],
    }
    assert set(files) == set(FILE_FORMATS)
    for fmt, lines in files.items():
        assert sniff_file(_write(tmp_path / f"{fmt}.data", lines)) == fmt


@pytest.mark.parametrize("fmt", ["fpb_txt", "fingpt_jsonl"])
def test_rows_without_ids_are_named_by_content_not_by_file_name_or_order(tmp_path, fmt):
    """The seeded sample and the training share are drawn by id: renaming or sorting the file
    must not change which rows are scored."""
    sentences = [("Profit rose 5 % .", "positive"), ("The firm is in Espoo .", "neutral")]
    if fmt == "fpb_txt":
        lines = [f"{text}@{label}" for text, label in sentences]
    else:
        lines = [
            json.dumps(
                {"context": f"Instruction: What is the sentiment?\nInput: {text}\nAnswer: ", "target": label}
            )
            for text, label in sentences
        ]
    lines.append(lines[0])  # a set that prints a row twice (FPB does)
    first = read_file(_write(tmp_path / f"a.{fmt}", lines), fmt)[1]
    moved = read_file(_write(tmp_path / f"renamed.{fmt}", lines[::-1]), fmt)[1]
    ids = {record.id: (record.prompt, record.text, record.label) for record in first}
    assert ids == {record.id: (record.prompt, record.text, record.label) for record in moved}
    assert len(ids) == 3 and first[2].id == f"{first[0].id}-2" and first[0].id != first[1].id


def test_a_file_in_no_known_format_is_named_with_the_formats(tmp_path):
    path = _write(tmp_path / "odd.jsonl", [json.dumps({"sentence_text": "x", "y": 1})])
    with pytest.raises(
        FinstepError, match=r"odd\.jsonl is in no known benchmark format \(fingpt_jsonl, .*tatqa_json\)"
    ):
        read_file(path)
    with pytest.raises(FinstepError, match=r"source\.format 'csv' is unknown: choose one of fingpt_jsonl"):
        read_file(path, "csv")
    with pytest.raises(FinstepError, match=r"line 2 is not 'sentence@label'"):
        read_file(_write(tmp_path / "fpb.txt", ["Fine .@neutral", "no label here"]), "fpb_txt")


def test_a_gold_label_outside_the_choices_names_the_first_row(tmp_path):
    path = _write(tmp_path / "set.jsonl", [_fingpt_line("a", "positive"), _fingpt_line("b", "bullish")])
    with pytest.raises(
        FinstepError, match=r"set\.jsonl: line 2 \(id [0-9a-f]{16}\): label 'bullish' is not one of "
    ):
        _build(tmp_path, "s", _options(source={"path": str(path)}))
    assert not (tmp_path / "out").exists()  # nothing written before every row is checked
    mapped = _options(source={"path": str(path)}, label_map={"bullish": "bull"})
    with pytest.raises(
        FinstepError, match=r"label 'bullish' \(mapped to 'bull'\) is not one of benchmarks\.s\.choices"
    ):
        _build(tmp_path, "s", mapped)


def test_an_empty_set_and_a_template_without_text_are_refused(tmp_path):
    empty = _write(tmp_path / "e.jsonl", [])
    with pytest.raises(
        FinstepError, match=r"benchmarks\.e\.source\.path .*e\.jsonl is empty: the set holds no rows"
    ):
        _build(tmp_path, "e", _options(source={"path": str(empty)}))
    with pytest.raises(FinstepError, match=r"benchmarks\.e\.source holds no rows"):
        _build(tmp_path, "e", _options(source={"path": str(empty), "format": "fingpt_jsonl"}))
    qa = tmp_path / "qa.jsonl"
    _write(
        qa,
        [
            json.dumps(
                {
                    "id": "q",
                    "conversations": [{"from": "human", "value": "Q?"}, {"from": "gpt", "value": "1"}],
                }
            )
        ],
    )
    with pytest.raises(
        FinstepError, match=r"qa\.jsonl: line 1: the set gives no bare text to put into benchmarks\.q\.prompt"
    ):
        _build(
            tmp_path,
            "q",
            _options(task="numeric_qa", choices=[], source={"path": str(qa)}, prompt="Q: {text}"),
        )
    bare = _write(tmp_path / "bare.txt", ["Profit rose .@positive"])
    with pytest.raises(
        FinstepError, match=r"benchmarks\.b\.prompt is required: the set's rows are bare text"
    ):
        _build(tmp_path, "b", _options(source={"path": str(bare)}))


def test_max_examples_above_the_row_count_warns_and_keeps_every_row(tmp_path, caplog):
    path = _write(tmp_path / "s.jsonl", [_fingpt_line(f"t{i}", SENTIMENT[i % 3]) for i in range(9)])
    with caplog.at_level(logging.WARNING, logger="finstep.benchmarks"):
        rows, info, _ = _build(tmp_path, "s", _options(source={"path": str(path)}, max_examples=50))
    assert len(rows) == 9 and info["sample"]["all_rows"]
    assert "benchmarks.s.max_examples 50 is above the 9 rows available" in caplog.text
    assert info["sample"]["warning"].startswith("benchmarks.s.max_examples 50")


def test_bench_rows_round_trip_and_a_bad_row_names_its_line(tmp_path):
    row = BenchRow("r1", "Prompt", "positive", SENTIMENT, {"source_label": "bullish"})
    write_rows(tmp_path / "rows.jsonl", [row])
    assert read_rows(tmp_path / "rows.jsonl") == [row] and BenchRow.from_json(row.to_json()) == row
    (tmp_path / "bad.jsonl").write_text(json.dumps(row.to_json()) + "\n" + json.dumps({"id": "x"}) + "\n")
    with pytest.raises(
        FinstepError, match=r"bad\.jsonl: line 2: benchmark row lacks prompt, gold, choices, metadata"
    ):
        read_rows(tmp_path / "bad.jsonl")


# --- sampling -------------------------------------------------------------------------------


def test_largest_remainder_allocation_is_exact_and_proportional():
    assert allocate({"positive": 1566, "neutral": 475, "negative": 347}, 100) == {
        "positive": 66,  # 65.58
        "neutral": 20,  # 19.89
        "negative": 14,  # 14.53
    }
    assert allocate({"a": 1, "b": 1, "c": 1}, 2) == {"a": 1, "b": 1, "c": 0}  # ties: name order
    assert sum(allocate({"x": 7, "y": 5, "z": 1}, 9).values()) == 9


def test_stratified_sample_is_seeded_proportional_and_independent_of_row_order():
    ids = [f"r{i}" for i in range(300)]
    strata = ["pos"] * 200 + ["neu"] * 70 + ["neg"] * 30
    first = sample(ids, strata, 50, 0, range(300), "b")
    assert first.indices == sample(ids, strata, 50, 0, range(300), "b").indices
    assert Counter(strata[i] for i in first.indices) == {"pos": 33, "neu": 12, "neg": 5}
    assert first.info["strata_drawn"] == {"neg": 5, "neu": 12, "pos": 33} and first.info["from_rows"] == 300
    assert sample(ids, strata, 50, 1, range(300), "b").indices != first.indices
    order = list(reversed(range(300)))  # the same rows listed in another order: the same ids drawn
    reordered = stratified([ids[i] for i in order], [strata[i] for i in order], 50, 0, "score")
    assert sorted(ids[order[i]] for i in reordered.indices) == sorted(ids[i] for i in first.indices)


def test_train_share_is_stratified_disjoint_and_an_instructions_file(tmp_path):
    lines = [_fingpt_line(f"tweet {i}", SENTIMENT[0 if i < 20 else 1 if i < 50 else 2]) for i in range(100)]
    path = _write(tmp_path / "s.jsonl", lines)
    rows, info, train = _build(
        tmp_path, "s", _options(source={"path": str(path)}, train_share=0.3, max_examples=40)
    )
    assert len(train) == 30 and info["train_rows"] == 30 and len(rows) == 40
    assert info["train"]["strata_drawn"] == {"negative": 6, "neutral": 9, "positive": 15}
    assert not {row.id for row in rows} & {record["id"] for record in train}
    assert info["sample"]["from_rows"] == 70
    loaded = load_instructions(tmp_path / "out" / "s" / "train.jsonl")
    assert [r["id"] for r in loaded] == [t["id"] for t in train] and loaded[0]["completion"] in SENTIMENT
    assert loaded[0]["prompt"].startswith("Instruction: What is the sentiment of this tweet?")
    with pytest.raises(FinstepError, match=r"benchmarks\.s\.train_share 0\.001 of 100 rows is no row"):
        set_aside([f"{i}" for i in range(100)], ["a"] * 100, 0.001, 0, "benchmarks.s")


def test_train_balance_keeps_the_rarest_labels_count_of_each_and_scores_none_of_the_rest(tmp_path):
    lines = [_fingpt_line(f"tweet {i}", SENTIMENT[0 if i < 20 else 1 if i < 50 else 2]) for i in range(100)]
    path = _write(tmp_path / "s.jsonl", lines)
    options = _options(source={"path": str(path)}, train_share=0.3, max_examples=None, train_balance=True)
    rows, info, train = _build(tmp_path, "s", options)
    golds = [record["response"] for record in train]
    assert sorted(golds) == sorted(SENTIMENT * 6) and info["train"]["strata_kept"] == dict.fromkeys(
        SENTIMENT, 6
    )
    assert len(rows) == 70  # the 12 set-aside rows left out of training are not scored either
    assert info["train_balance"] and info["train_rows"] == 18


# --- descriptions ---------------------------------------------------------------------------


def test_every_shipped_description_checks(tmp_path):
    fingpt = _write(tmp_path / "news.jsonl", [_fingpt_line("Profits up", "positive")])
    section = {
        "tfns": {"include": "tfns"},
        "nwgi": {"include": "nwgi", "source": {"path": str(fingpt)}},
        "fpb": {"include": "fpb", "source": {"path": str(fingpt)}},
        "fiqasa": {"include": "fiqasa", "source": {"revision": COMMIT}},
        "finqa": {"include": "finqa", "max_examples": 20, "seed": 3},
        "tatqa": {"include": "tatqa.yaml"},
    }
    checked = benchmark_configs(section, ROOT)
    assert set(checked) == set(section) == {p.stem for p in (ROOT / "resources/benchmarks").glob("*.yaml")}
    assert checked["fiqasa"]["source"] == {
        "hub": "TheFinAI/flare-fiqasa",
        "split": "test",
        "format": "flare",
        "revision": COMMIT,
    }
    assert checked["tfns"]["label_map"] == {
        "0": "negative",
        "1": "positive",
        "2": "neutral",
        "positive": "neutral",
        "neutral": "positive",
    }
    assert (
        checked["finqa"]["max_examples"] == 20
        and checked["finqa"]["seed"] == 3
        and checked["finqa"]["task"] == "numeric_qa"
    )
    assert {key: checked["tatqa"][key] for key in defaults("benchmarks", "*")} == defaults("benchmarks", "*")
    assert source_input(checked["fiqasa"], "results/hub") == dataset_manifest(
        "results/hub", "TheFinAI/flare-fiqasa", COMMIT
    )
    assert source_input(checked["tfns"], "results/hub") == "resources/benchmarks/data/tfns_validation.jsonl"
    assert configured_datasets(checked) == {
        f"TheFinAI/flare-fiqasa@{COMMIT}": {"dataset": "TheFinAI/flare-fiqasa", "revision": COMMIT}
    }
    for name in ("nwgi", "fpb"):  # the descriptions of data never shipped need the user's path
        with pytest.raises(
            FinstepError, match=rf"benchmarks\.{name}\.source: give path .* \(see .*{name}\.yaml\)"
        ):
            benchmark_configs({name: {"include": name}}, ROOT)


@pytest.mark.parametrize(
    ("entry", "message"),
    [
        ({"include": "fiqasa"}, r"benchmarks\.x\.source: Hub dataset 'TheFinAI/flare-fiqasa' needs revision"),
        (
            {"include": "fiqasa", "source": {"revision": "main"}},
            r"needs revision: its commit hash .* got 'main'",
        ),
        (
            {"include": "tfns", "max_exampels": 3},
            r"benchmarks\.x: key 'max_exampels' is unknown; did you mean 'max_examples'",
        ),
        (
            {"include": "tfns", "max_examples": 0},
            r"benchmarks\.x\.max_examples: 0 is less than the minimum of 1",
        ),
        ({"include": "tfns", "prompt": "Tweet: {tweet}"}, r"benchmarks\.x\.prompt must contain \{text\}"),
        ({"include": "tfns", "choices": ["Negative", "positive"]}, r"benchmarks\.x\.choices .* lower-case"),
        (
            {"include": "tfns", "source": {"path": "a.jsonl", "hub": "o/n"}},
            r"give path .* or hub .*, not both",
        ),
        (
            {"include": "tfns", "source": {"path": "nowhere.jsonl"}},
            r"benchmarks\.x\.source\.path nowhere\.jsonl is not a file",
        ),
        (
            {"include": "tfns", "source": {"format": "csv"}},
            r"benchmarks\.x\.source\.format 'csv' is not a file format",
        ),
        (
            {"include": "tfns", "extraction": "regex"},
            r"benchmarks\.x: extraction 'regex' is unknown: choose one of",
        ),
        ({"include": "finqa", "extraction": "fingpt"}, r"benchmarks\.x: extraction 'fingpt' maps answers to"),
        (
            {"include": "sst2"},
            r"benchmarks\.x\.include 'sst2' is neither a shipped description \(finqa, fiqasa, fpb",
        ),
        ({"task": "sentiment"}, r"benchmarks\.x\.source: give path \(a local file\) or hub"),
        ({"source": {"path": "resources/benchmarks/tfns.yaml"}}, r"benchmarks\.x\.task is required"),
    ],
)
def test_a_bad_entry_is_one_line_naming_its_key(entry, message):
    with pytest.raises(FinstepError, match=message) as error:
        benchmark_configs({"x": entry}, ROOT)
    assert "\n" not in str(error.value)


def test_an_include_describes_the_set_never_how_much_is_scored(tmp_path):
    own = tmp_path / "mine.yaml"
    own.write_text(yaml.safe_dump({"task": "sentiment", "source": {"path": "x.jsonl"}, "max_examples": 10}))
    with pytest.raises(
        FinstepError,
        match=r"mine\.yaml: max_examples is the config's choice.*set it as benchmarks\.m\.max_examples",
    ):
        benchmark_configs({"m": {"include": str(own)}}, ROOT)
    own.write_text(yaml.safe_dump({"task": "sentiment", "prompts": "x"}))
    with pytest.raises(FinstepError, match=r"mine\.yaml: key 'prompts' is unknown; did you mean 'prompt'"):
        benchmark_configs({"m": {"include": str(own)}}, ROOT)
    with pytest.raises(FinstepError, match=r"benchmark name '\.\./x' is not a safe folder name"):
        benchmark_configs({"../x": {"include": "tfns"}}, ROOT)


def test_the_real_task_registry_knows_the_shipped_tasks(monkeypatch):
    pytest.importorskip("finstep.benchmarks.tasks")
    monkeypatch.undo()
    checked = benchmark_configs({"tfns": {"include": "tfns"}, "finqa": {"include": "finqa"}}, ROOT)
    assert set(checked) == {"tfns", "finqa"}
    with pytest.raises(
        FinstepError, match=r"benchmarks\.x\.task 'ranking' is unknown: choose one of numeric_qa, sentiment"
    ):
        benchmark_configs({"x": {"include": "tfns", "task": "ranking"}}, ROOT)


# --- Hub datasets, offline ------------------------------------------------------------------


def _snapshot(cache: Path, dataset: str, files: dict[str, object]) -> Path:
    """The Hub cache layout huggingface_hub reads offline: snapshots/<commit>/<files>."""
    import pandas as pd

    snapshot = cache / f"datasets--{dataset.replace('/', '--')}" / "snapshots" / COMMIT
    for name, content in files.items():
        path = snapshot / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if name.endswith(".parquet"):
            pd.DataFrame(content).to_parquet(path)
        else:
            path.write_text(content)
    return snapshot


def test_a_hub_split_is_read_offline_and_its_label_ids_mapped(tmp_path, monkeypatch):
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    cache = tmp_path / "hub"
    tweets = {"text": ["$X beats", "$Y misses", "$Z flat", "$W soars"], "label": [1, 0, 2, 1]}
    _snapshot(
        cache,
        "org/tfns",
        {
            "data/validation-00000-of-00001.parquet": tweets,
            "data/train-00000-of-00001.parquet": {"text": ["t"], "label": [0]},
        },
    )
    section = {
        "tfns": {"include": "tfns", "source": {"hub": "org/tfns", "revision": COMMIT, "split": "validation"}}
    }
    options = benchmark_configs(section, ROOT)["tfns"]
    rows, info, _ = _build(tmp_path, "tfns", options, hub_cache=str(cache))
    assert [row.gold for row in rows] == ["positive", "negative", "neutral", "positive"]
    assert rows[0].metadata == {"source_label": "1"} and rows[0].id == content_id(
        SourceRecord("", "1", "", text="$X beats")
    )
    assert rows[1].prompt == FINGPT_TWEET.replace("{text}", "$Y misses")
    assert info["source"] == {
        "hub": "org/tfns",
        "revision": COMMIT,
        "config": None,
        "split": "validation",
        "commit": COMMIT,
        "format": "columns",
    }
    assert info["source_labels"] == {"0": 1, "1": 2, "2": 1}


def test_hub_configs_by_folder_or_card_and_clear_errors(tmp_path, monkeypatch):
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    cache = tmp_path / "hub"
    _snapshot(
        cache,
        "org/fpb",
        {
            "sentences_50agree/train/0000.parquet": {"sentence": ["a", "b"], "label": [0, 2]},
            "sentences_allagree/train/0000.parquet": {"sentence": ["c"], "label": [1]},
        },
    )
    source = {"hub": "org/fpb", "revision": COMMIT, "split": "train", "config": "sentences_50agree"}
    assert load_split(source, str(cache)) == [{"sentence": "a", "label": 0}, {"sentence": "b", "label": 2}]
    flare = {
        "id": "f0",
        "query": "Sentiment?",
        "answer": "negative",
        "choices": ["positive", "neutral", "negative"],
        "gold": 2,
        "text": "t",
    }
    card = "---\nconfigs:\n- config_name: default\n  data_files:\n  - split: test\n    path: rows/test.jsonl\n---\n"
    _snapshot(cache, "org/flare", {"README.md": card, "rows/test.jsonl": json.dumps(flare) + "\n"})
    assert load_split(
        {"hub": "org/flare", "revision": COMMIT, "split": "test", "config": "default"}, str(cache)
    ) == [flare]
    options = _options(source={"hub": "org/flare", "revision": COMMIT, "split": "test"}, choices=None)
    rows, info, _ = _build(tmp_path, "fiqa", options, hub_cache=str(cache))
    assert rows[0].choices == ("positive", "neutral", "negative") and rows[0].prompt == "Sentiment?"
    assert info["source"]["format"] == "flare"
    with pytest.raises(FinstepError, match=r"source\.split 'valid': Unknown split \"valid\""):
        load_split({**source, "split": "valid"}, str(cache))
    with pytest.raises(
        FinstepError,
        match=r"source\.config 'sentences_66agree' is not in the snapshot .*folders sentences_50agree, sentences_allagree",
    ):
        load_split({**source, "config": "sentences_66agree"}, str(cache))
    with pytest.raises(
        FinstepError, match=r"Hub dataset org/other@0123.* is not in .*: run `snakemake fetch_models`"
    ):
        load_split({**source, "hub": "org/other"}, str(cache))


def test_tatqa_prompt_puts_cells_on_one_line():
    context = {
        "paragraphs": [{"order": 2, "text": "Second."}, {"order": 1, "text": "First\nline."}],
        "table": {"table": [["", "2019"], ["Revenue", "September 28,\n2019"]]},
    }
    assert tatqa_prompt(context, "What?") == (
        "Please answer the given financial question based on the context.\nContext: First line.\nSecond.\n"
        "||2019|\n|Revenue|September 28, 2019|\nQuestion: What?\nAnswer:"
    )
