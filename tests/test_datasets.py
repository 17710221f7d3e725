"""Student datasets: formats on golden examples, splits by filing, instruction validation."""

import json

import pytest
from finstep.config_schema import SCHEMA_PATH
from finstep.datasets import formats
from finstep.datasets.build import build_dataset
from finstep.datasets.config import dataset_configs
from finstep.datasets.instructions import load_instructions
from finstep.datasets.predicted import (
    dataset_test_key,
    predicted_rows,
    prompt_digest,
    share_predictions,
    shared_base,
)
from finstep.datasets.splits import assign, split_sizes
from finstep.errors import FinstepError
from finstep.io import read_jsonl, write_jsonl
from snakemake.utils import validate

TRIPLET = {
    "id": "abc",
    "ticker": "ACME",
    "accession": "0000000001-24-000001",
    "section": "7",
    "text": "Revenue rose 5% to $10 billion.",
    "rationale": "1. Revenue rose 5%.\n2. It reached $10 billion.",
    "summary": "Revenue rose 5% to $10 billion.",
}
SOURCE = (
    "Excerpt from ACME's Form 10-K, Item 7 (Management's Discussion and Analysis of Financial Condition "
    "and Results of Operations):\n\nRevenue rose 5% to $10 billion."
)


def test_summary_format():
    [row] = formats.rows(TRIPLET, "summary", "train")
    # A plain instruction: no task prefix for the base model to echo (issue 24).
    assert (
        row["prompt"]
        == "Summarize the following text in two or three sentences.\n\nRevenue rose 5% to $10 billion."
    )
    assert (row["id"], row["completion"], row["task"], row["section"]) == (
        "abc",
        TRIPLET["summary"],
        "summary",
        "7",
    )


def test_rationale_summary_format():
    [row] = formats.rows(TRIPLET, "rationale_summary", "train")
    assert row["prompt"] == f"Analyse the excerpt step by step, then summarize it.\n\n{SOURCE}"
    assert row["completion"] == (
        "Rationale:\n1. Revenue rose 5%.\n2. It reached $10 billion.\n\nSummary: Revenue rose 5% to $10 billion."
    )


def test_multitask_format_has_two_tasks_except_at_test_time():
    train = list(formats.rows(TRIPLET, "multitask", "train"))
    assert [(r["id"], r["task"]) for r in train] == [("abc", "summary"), ("abc:rationale", "rationale")]
    assert train[1]["prompt"] == f"[rationale] Explain the excerpt step by step.\n\n{SOURCE}"
    assert train[1]["completion"] == TRIPLET["rationale"]
    # The summary task is the summary format's row: the two sets' test splits are one file.
    assert list(formats.rows(TRIPLET, "multitask", "test")) == list(formats.rows(TRIPLET, "summary", "test"))
    assert "[summary]" not in train[0]["prompt"]


def triplets(n_filings, per_filing=5):
    return [
        {**TRIPLET, "id": f"f{f}c{c}", "accession": f"0000000001-24-{f:06d}", "summary": f"S {f} {c}"}
        for f in range(n_filings)
        for c in range(per_filing)
    ]


def validated(options: dict) -> dict:
    """A dataset's options as a run gets them: through the schema, its defaults filled."""
    config = {
        "tickers": ["AAPL"],
        "source": {"plugin": "local", "path": "resources/filings"},
        "teachers": {"t": {"plugin": "extractive"}},
        "datasets": {"d": options},
    }
    validate(config, str(SCHEMA_PATH))
    return config["datasets"]["d"]


def test_no_filing_straddles_splits_and_splits_are_deterministic(tmp_path):
    source = tmp_path / "triplets.jsonl"
    write_jsonl(source, triplets(20))
    outputs = {k: str(tmp_path / f"{k}.jsonl") for k in ("train", "val", "test")} | {
        "info": str(tmp_path / "s.json")
    }
    build_dataset("d", validated({"kind": "distill", "teacher": "t"}), str(source), outputs)
    seen = {}
    for split in ("train", "val", "test"):
        for row in read_jsonl(outputs[split]):
            assert seen.setdefault(row["accession"], split) == split
    info = json.loads((tmp_path / "s.json").read_text())
    assert info["sizes"] == {"train": 80, "val": 10, "test": 10}
    assert sorted(f for group in info["filings"].values() for f in group) == sorted(f"ACME/{a}" for a in seen)
    first = (tmp_path / "train.jsonl").read_bytes()
    build_dataset("d", validated({"kind": "distill", "teacher": "t"}), str(source), outputs)
    assert (tmp_path / "train.jsonl").read_bytes() == first
    build_dataset("d", validated({"kind": "distill", "teacher": "t", "seed": 1}), str(source), outputs)
    assert (tmp_path / "train.jsonl").read_bytes() != first


def test_split_assignment_ignores_input_order():
    groups = [f"g{i}" for i in range(30)]
    assert assign(groups, {"train": 0.8, "val": 0.1, "test": 0.1}, 0, "x") == assign(
        groups[::-1], {"train": 0.8, "val": 0.1, "test": 0.1}, 0, "x"
    )


def test_too_few_filings_is_a_clear_error():
    assert split_sizes(3, {"train": 0.8, "val": 0.1, "test": 0.1}, "x") == {"train": 1, "val": 1, "test": 1}
    with pytest.raises(FinstepError, match="2 groups cannot fill train, val and test"):
        split_sizes(2, {"train": 0.8, "val": 0.1, "test": 0.1}, "dataset x")


def test_instruction_files_in_both_layouts(tmp_path):
    plain = tmp_path / "plain.json"
    plain.write_text(json.dumps([{"instruction": "What is 2+2?", "response": "4", "answer": 4.0}]))
    alpaca = tmp_path / "alpaca.jsonl"
    alpaca.write_text(
        json.dumps({"instruction": "Compute the margin.", "input": "Revenue 10, cost 6.", "output": "40%"})
        + "\n"
    )
    [row] = load_instructions(plain)
    assert (row["prompt"], row["completion"], row["answer"], row["id"]) == (
        "What is 2+2?",
        "4",
        4.0,
        "plain-1",
    )
    [row] = load_instructions(alpaca)
    assert (row["prompt"], row["completion"]) == ("Compute the margin.\n\nRevenue 10, cost 6.", "40%")


@pytest.mark.parametrize(
    "records,message",
    [
        (
            [{"instruction": "a", "response": "b"}, {"instruction": "c"}],
            r"record 2: response: field required",
        ),
        ([{"instruction": "  ", "response": "b"}], r"record 1: instruction: value error, must not be empty"),
        ([], "holds no records"),
    ],
)
def test_bad_instruction_records_are_named(tmp_path, records, message):
    path = tmp_path / "bad.json"
    path.write_text(json.dumps(records))
    with pytest.raises(FinstepError, match=message):
        load_instructions(path)


def test_a_utf8_bom_is_not_an_error(tmp_path):
    path = tmp_path / "windows.jsonl"
    path.write_bytes("\ufeff".encode() + b'{"instruction": "What is 2+2?", "response": "4"}\n')
    [row] = load_instructions(path)
    assert row["prompt"] == "What is 2+2?"


def test_repeated_instruction_pairs_are_dropped_before_splitting(tmp_path, caplog):
    records = [{"instruction": f"What is {k} + {k}?", "response": str(2 * k)} for k in range(10)]
    source = tmp_path / "repeated.jsonl"
    source.write_text("".join(json.dumps(r) + "\n" for r in records * 4))
    outputs = {k: str(tmp_path / f"{k}.jsonl") for k in ("train", "val", "test")} | {
        "info": str(tmp_path / "s.json")
    }
    with caplog.at_level("WARNING", logger="finstep"):
        build_dataset("d", validated({"kind": "instructions", "path": str(source)}), str(source), outputs)
    assert "30 of 40 records repeat an earlier (prompt, response) pair" in caplog.text
    pairs = {
        split: {(r["prompt"], r["completion"]) for r in read_jsonl(outputs[split])}
        for split in outputs
        if split != "info"
    }
    assert sum(len(p) for p in pairs.values()) == 10
    assert (
        not pairs["train"] & pairs["test"]
        and not pairs["train"] & pairs["val"]
        and not pairs["val"] & pairs["test"]
    )
    assert json.loads((tmp_path / "s.json").read_text())["repeated_pairs_dropped"] == 30


def test_bad_jsonl_line_is_named(tmp_path):
    path = tmp_path / "bad.jsonl"
    path.write_text('{"instruction": "a", "response": "b"}\n{oops\n')
    with pytest.raises(FinstepError, match="line 2 is not JSON"):
        load_instructions(path)


@pytest.mark.parametrize(
    "datasets,message",
    [
        (
            {"d": {"kind": "distill", "teacher": "nope"}},
            r"datasets.d.teacher 'nope' is not among the configured teachers",
        ),
        ({"d": {"kind": "distill", "teacher": "t", "format": "x"}}, "datasets.d.format 'x' is unknown"),
        ({"d": {"kind": "instructions"}}, "datasets.d.path is required"),
        ({"d": {"kind": "other"}}, "datasets.d.kind 'other' is unknown"),
        ({"../d": {"kind": "instructions", "path": "x"}}, "not a safe folder name"),
        (
            {"d": {"kind": "instructions", "path": "x", "splits": {"train": 0.5, "val": 0.1, "test": 0.1}}},
            "add up to 1",
        ),
    ],
)
def test_dataset_config_errors(datasets, message):
    with pytest.raises(FinstepError, match=message):
        dataset_configs(datasets, {"t": {}})


def test_multitask_alpha_defaults_to_half():
    checked = dataset_configs(
        {"d": validated({"kind": "distill", "teacher": "t", "format": "multitask"})}, {"t": {}}
    )
    assert checked["d"]["alpha"] == 0.5


def test_defaults_of_one_kind_or_format_are_filled_for_it_only():
    assert validated({"kind": "distill", "teacher": "t"}) == {
        "kind": "distill",
        "teacher": "t",
        "format": "summary",
        "seed": 0,
        "splits": {"train": 0.8, "val": 0.1, "test": 0.1},
    }
    assert validated({"kind": "instructions", "path": "x.jsonl"}) == {
        "kind": "instructions",
        "path": "x.jsonl",
        "seed": 0,
        "splits": {"train": 0.8, "val": 0.1, "test": 0.1},
    }
    assert (
        validated({"kind": "distill", "teacher": "t", "format": "rationale_summary"})["format"]
        == "rationale_summary"
    )
    assert "alpha" not in validated({"kind": "distill", "teacher": "t"})
    assert validated({"kind": "distill", "teacher": "t", "format": "multitask", "alpha": 0.3})["alpha"] == 0.3


def test_sweep_shares_that_make_one_name_and_datasets_named_like_a_share_are_refused():
    from finstep.datasets.sweep import sweep_datasets

    datasets, students = {"x": {"kind": "distill"}}, {"tiny": {}}
    sweep = {"student": "tiny", "datasets": ["x"], "fractions": [0.25, 0.5, 0.5000001]}
    with pytest.raises(FinstepError, match=r"sweep.fractions: 0.5 and 0.5000001 both make dataset 'x-50pct'"):
        sweep_datasets(sweep, datasets, students)
    with pytest.raises(FinstepError, match=r"0.5 and 0.5 both make dataset 'x-50pct'"):
        sweep_datasets({**sweep, "fractions": [0.5, 0.5]}, datasets, students)
    with pytest.raises(FinstepError, match=r"sweep.datasets lists 'x' twice"):
        sweep_datasets({**sweep, "datasets": ["x", "x"], "fractions": [0.5]}, datasets, students)
    clash = {**datasets, "x-50pct": {"kind": "instructions"}}
    with pytest.raises(
        FinstepError, match=r"datasets.x-50pct has the name of the sweep's 50% share of 'x'; rename"
    ):
        sweep_datasets({**sweep, "fractions": [0.5]}, clash, students)
    # Not a clash when the sweep makes no such share.
    assert set(sweep_datasets({**sweep, "fractions": [0.25]}, clash, students)) == {"x-25pct"}


def test_local_filings_with_one_stem_under_several_tickers_are_several_filings(tmp_path):
    """``2022.htm`` under ten tickers is ten filings, split apart, not one "filing" per year."""
    source = tmp_path / "triplets.jsonl"
    rows = [
        {**TRIPLET, "id": f"{t}-{c}", "ticker": f"T{t}", "accession": "2022", "summary": f"S {t} {c}"}
        for t in range(10)
        for c in range(3)
    ]
    write_jsonl(source, rows)
    outputs = {k: str(tmp_path / f"{k}.jsonl") for k in ("train", "val", "test")} | {
        "info": str(tmp_path / "s.json")
    }
    build_dataset("d", validated({"kind": "distill", "teacher": "t"}), str(source), outputs)
    info = json.loads((tmp_path / "s.json").read_text())
    assert sorted(f for group in info["filings"].values() for f in group) == [f"T{t}/2022" for t in range(10)]
    assert info["sizes"] == {"train": 24, "val": 3, "test": 3}
    for split in ("train", "val", "test"):
        for row in read_jsonl(outputs[split]):
            assert f"{row['ticker']}/{row['accession']}" in info["filings"][split]


def _test_rows():
    """Twenty test rows over three Items (10 of 7, 6 of 1A, 4 of 1) and a rationale row never predicted."""
    items = ["7"] * 10 + ["1A"] * 6 + ["1"] * 4
    rows = [
        {"id": f"c{i}", "prompt": f"p{i}", "completion": f"s{i}", "task": "summary", "section": item}
        for i, item in enumerate(items)
    ]
    return [
        *rows,
        {"id": "c0:rationale", "prompt": "r", "completion": "r", "task": "rationale", "section": "7"},
    ]


def test_predicted_rows_are_a_seeded_item_stratified_sample_or_all():
    rows = _test_rows()
    picked, record = predicted_rows(rows, 10, seed=0)
    assert record == {
        "n": 10,
        "of": 20,
        "max_examples": 10,
        "seed": 0,
        "all_rows": False,
        "strata": {"1": 2, "1A": 3, "7": 5},
    }
    assert [r["id"] for r in picked] == [r["id"] for r in rows if r in picked]  # file order
    again, _ = predicted_rows(list(reversed(rows)), 10, seed=0)
    assert {r["id"] for r in again} == {r["id"] for r in picked}  # base and tuned predict the same rows
    other, _ = predicted_rows(rows, 10, seed=1)
    assert {r["id"] for r in other} != {r["id"] for r in picked}
    everything, record = predicted_rows(rows, None, seed=0)
    assert (
        len(everything) == 20 and record["all_rows"] and "c0:rationale" not in {r["id"] for r in everything}
    )
    assert predicted_rows(rows, 50, seed=0)[1]["n"] == 20


def test_datasets_with_the_same_test_prompts_share_their_base_predictions():
    summary = validated({"kind": "distill", "teacher": "t"})
    multitask = validated({"kind": "distill", "teacher": "t", "format": "multitask"})
    reasoned = validated({"kind": "distill", "teacher": "t", "format": "rationale_summary"})
    reseeded = validated({"kind": "distill", "teacher": "t", "format": "multitask", "seed": 1})
    keys = {
        ("s", "summary"): dataset_test_key(summary),
        ("s", "multitask"): dataset_test_key(multitask),
        ("s", "reasoned"): dataset_test_key(reasoned),
        ("s", "reseeded"): dataset_test_key(reseeded),
        ("u", "multitask"): ("u", dataset_test_key(multitask)),
    }
    assert shared_base(list(keys), keys) == {
        ("s", "summary"): "summary",
        ("s", "multitask"): "summary",
        ("s", "reasoned"): "reasoned",
        ("s", "reseeded"): "reseeded",
        ("u", "multitask"): "multitask",
    }


def test_shared_base_predictions_are_copied_only_onto_the_same_prompts(tmp_path):
    rows = list(formats.rows(TRIPLET, "multitask", "test"))
    write_jsonl(tmp_path / "test.jsonl", rows)
    predictions = [
        {"id": "abc", "prediction": "Revenue rose.", "prompt_sha256": prompt_digest(rows[0]["prompt"])}
    ]
    write_jsonl(tmp_path / "base.jsonl", predictions)
    share_predictions(
        str(tmp_path / "base.jsonl"), str(tmp_path / "test.jsonl"), str(tmp_path / "copy.jsonl")
    )
    assert list(read_jsonl(tmp_path / "copy.jsonl")) == predictions
    write_jsonl(tmp_path / "test.jsonl", list(formats.rows(TRIPLET, "rationale_summary", "test")))
    with pytest.raises(FinstepError, match="answers no row of .*test.jsonl with the same prompt"):
        share_predictions(
            str(tmp_path / "base.jsonl"), str(tmp_path / "test.jsonl"), str(tmp_path / "bad.jsonl")
        )
    assert not (tmp_path / "bad.jsonl").exists()
