"""Teachers compared by their students: the config checks, the common rows, the matrix, the report."""

from __future__ import annotations

import csv
import json

import pytest
from finstep.errors import FinstepError
from finstep.evaluation.bootstrap import BootstrapSettings
from finstep.io import write_json, write_jsonl
from finstep.teacher_comparison.config import comparison_config, with_comparison_pairs
from finstep.teacher_comparison.report import markdown, write_report
from finstep.teacher_comparison.scoring import compare_teachers

DATASETS = {
    "sum_a": {"kind": "distill", "teacher": "ta", "format": "summary", "seed": 0, "splits": {"test": 0.1}},
    "sum_b": {"kind": "distill", "teacher": "tb", "format": "summary", "seed": 0, "splits": {"test": 0.1}},
    "sum_a2": {"kind": "distill", "teacher": "ta", "format": "summary", "seed": 0, "splits": {"test": 0.1}},
    "dss_b": {"kind": "distill", "teacher": "tb", "format": "multitask", "seed": 0, "splits": {"test": 0.1}},
    "instr": {"kind": "instructions", "path": "x.jsonl", "seed": 0},
}
TEACHERS = {"ta": {"max_chunks": 64}, "tb": {"max_chunks": 64}, "tc": {"max_chunks": None}}
STUDENTS = {"smol": {}}


def config(**options):
    return comparison_config({"student": "smol", **options}, DATASETS, TEACHERS, STUDENTS)


def test_config_accepts_datasets_that_differ_in_their_teacher_only():
    checked = config(datasets=["sum_a", "sum_b"])
    assert checked == {
        "student": "smol",
        "datasets": ["sum_a", "sum_b"],
        "teachers": {"sum_a": "ta", "sum_b": "tb"},
        "format": "summary",
        "min_common_rows": 10,  # the schema's default
    }
    assert comparison_config({"student": None, "datasets": ["sum_a"]}, DATASETS, TEACHERS, STUDENTS) is None
    pairs = with_comparison_pairs([("smol", "sum_a"), ("smol", "instr")], checked)
    assert pairs == [("smol", "sum_a"), ("smol", "instr"), ("smol", "sum_b")]


@pytest.mark.parametrize(
    ("options", "message"),
    [
        ({"datasets": ["sum_a"]}, "list two or more distinct distillation datasets"),
        ({"datasets": ["sum_a", "nope"]}, "'nope' is not under datasets"),
        ({"datasets": ["sum_a", "instr"]}, "'instr' is an instruction set"),
        ({"datasets": ["sum_a", "sum_a2"]}, "'sum_a' and 'sum_a2' both come from teacher 'ta'"),
        ({"datasets": ["sum_a", "dss_b"]}, "'sum_a' and 'dss_b' differ in format"),
        ({"student": "big", "datasets": ["sum_a", "sum_b"]}, "student 'big' is not under students"),
    ],
)
def test_config_refuses_what_would_not_compare_teachers(options, message):
    with pytest.raises(FinstepError, match=message):
        config(**options)


def test_config_refuses_teachers_given_different_chunks():
    datasets = {**DATASETS, "sum_c": {**DATASETS["sum_a"], "teacher": "tc"}}
    with pytest.raises(FinstepError, match="answer different chunks \\(max_chunks: ta 64, tc all\\)"):
        comparison_config({"student": "smol", "datasets": ["sum_a", "sum_c"]}, datasets, TEACHERS, STUDENTS)


CHUNKS = {
    f"c{i:02d}": f"Revenue was ${i}.5 billion in fiscal {2000 + i}, up {i}% from a year earlier."
    for i in range(14)
}
SUMMARY_A = "Revenue was ${i}.5 billion, up {i}% from a year earlier."
SUMMARY_B = "The company reported sales of $9{i}.0 billion for the year."  # numbers the chunk lacks


def _triplets(ids, template):
    return [
        {
            "id": c,
            "text": CHUNKS[c],
            "section": "7",
            "rationale": "1. step",
            "summary": template.format(i=int(c[1:])),
        }
        for c in ids
    ]


@pytest.fixture
def files(tmp_path):
    """Teacher ta answered every chunk, tb all but c03; student a writes ta's summaries, student b tb's."""
    ids = sorted(CHUNKS)
    test_ids = ids[2:]  # c00 and c01 are training chunks
    paths = {}
    for teacher, answered, template in (
        ("ta", ids, SUMMARY_A),
        ("tb", [c for c in ids if c != "c03"], SUMMARY_B),
    ):
        write_jsonl(tmp_path / teacher / "triplets.jsonl", _triplets(answered, template))
        write_json(
            tmp_path / teacher / "stats.json",
            {"chunks_in": 14, "valid": len(answered), "valid_rate": len(answered) / 14,
             "rejected_by_reason": {} if teacher == "ta" else {"short_summary": 1},
             "quality_failures": {} if teacher == "ta" else {"short_summary": 2}},
        )  # fmt: skip
        paths[teacher] = {"stats": str(tmp_path / teacher / "stats.json"),
                          "triplets": str(tmp_path / teacher / "triplets.jsonl")}  # fmt: skip
    tests = {}
    for dataset, teacher in (("sum_a", "ta"), ("sum_b", "tb")):
        answered = {t["id"] for t in _triplets(ids, "")} if teacher == "ta" else set(ids) - {"c03"}
        rows = [
            {"id": c, "prompt": f"Summarize: {CHUNKS[c]}", "section": "7"} for c in test_ids if c in answered
        ]
        write_jsonl(tmp_path / dataset / "test.jsonl", rows)
        tests[dataset] = str(tmp_path / dataset / "test.jsonl")

    def predictions(name, template, drop=()):
        rows = [
            {
                "id": c,
                "prediction": template.format(i=int(c[1:])),
                "prompt_sha256": f"sha-{c}",
                "task": "summary",
            }
            for c in test_ids
            if c not in drop
        ]
        write_jsonl(tmp_path / "predictions" / f"{name}.jsonl", rows)
        return str(tmp_path / "predictions" / f"{name}.jsonl")

    predicted = {
        "base": predictions("base", "This section discusses the business."),
        "sum_a": predictions("sum_a", SUMMARY_A, drop=("c13",)),  # a capped prediction left c13 out
        "sum_b": predictions("sum_b", SUMMARY_B),
    }
    return paths, tests, predicted


def compared(files, **options):
    paths, tests, predicted = files
    comparison = {**config(datasets=["sum_a", "sum_b"]), **options}
    return compare_teachers(
        comparison, paths, tests, predicted, BootstrapSettings(samples=200, confidence=0.95, seed=0)
    )


def test_each_student_is_scored_against_every_teachers_summaries_on_the_common_rows(files):
    result = compared(files)
    # Test chunks c02..c13, less c03 (tb gave no valid answer) and c13 (student a did not predict it).
    assert result["common_rows"]["n"] == 10 and result["common_rows"]["sections"] == {"7": 10}
    models = result["models"]
    assert models["sum_a"]["teacher"] == "ta" and models["base"]["teacher"] is None
    # Each student reproduces its own teacher: ROUGE-L 1 on the diagonal, far less off it.
    assert models["sum_a"]["rougeL:ta"]["mean"] == pytest.approx(1.0)
    assert models["sum_b"]["rougeL:tb"]["mean"] == pytest.approx(1.0)
    assert models["sum_a"]["rougeL:tb"]["mean"] < 0.5 and models["sum_b"]["rougeL:ta"]["mean"] < 0.5
    # Reference-free: tb's summaries (and its student's) state numbers the chunk does not.
    assert models["sum_b"]["unsupported_numbers"]["mean"] == pytest.approx(1.0)
    assert models["sum_a"]["unsupported_numbers"]["mean"] == pytest.approx(0.0)
    assert models["base"]["unsupported_numbers"]["n"] == 0  # it states no number
    difference = result["differences"]["sum_b - sum_a"]
    assert difference["rougeL:ta"]["mean"] < -0.5 and difference["rougeL:ta"]["n"] == 10
    teachers = result["teachers"]
    assert teachers["tb"]["valid"] == 13 and teachers["tb"]["rejected_by_reason"] == {"short_summary": 1}
    assert teachers["ta"]["unsupported_numbers"] == 0 and teachers["tb"]["summaries_with_unsupported"] == 1


def test_too_few_common_rows_stop_the_comparison_naming_the_counts(files):
    with pytest.raises(FinstepError, match="only 10 test rows are common .* sum_a: 12, sum_b: 11.* floor"):
        compared(files, min_common_rows=11)


def test_rows_answered_under_different_prompts_are_refused(files):
    predicted = files[2]
    with open(predicted["sum_b"]) as handle:
        rows = [json.loads(line) for line in handle]
    rows[0]["prompt_sha256"] = "another prompt"
    write_jsonl(predicted["sum_b"], rows)
    with pytest.raises(FinstepError, match="test row c02 was answered under different prompts"):
        compared(files)


def test_report_marks_the_favoured_cells_and_shows_the_benchmarks(files, tmp_path):
    benchmark = tmp_path / "tfns.json"
    metric = {
        "f1_weighted": {"label": "F1 (weighted)", "order": 1},
        "accuracy": {"label": "Accuracy", "order": 2},
    }
    variants = {v: {"metrics": {"f1_weighted": {"value": x, "low": x - 0.1, "high": x + 0.1}}}
                for v, x in (("base", 0.1), ("sum_a", 0.5), ("sum_b", 0.4))}  # fmt: skip
    write_json(
        benchmark,
        {"benchmark": "tfns", "n": 120, "keys": metric, "protocols": {"generate": {"variants": variants}}},
    )
    paths, tests, predicted = files
    result = compare_teachers(
        config(datasets=["sum_a", "sum_b"]),
        paths,
        tests,
        predicted,
        BootstrapSettings(samples=200),
        [str(benchmark)],
    )
    text = markdown(result)
    assert "## The students on one common test set (n=10)" in text
    row_a = next(line for line in text.splitlines() if line.startswith("| tuned on ta (sum_a)"))
    cells = row_a.split(" | ")
    assert cells[1].startswith("1.000") and cells[1].endswith("\\*") and not cells[2].endswith("\\*")
    assert "| tfns (n=120) | generate | F1 (weighted) | 0.100 [0.000, 0.200] | 0.500 [0.400, 0.600] |" in text
    out = {n: str(tmp_path / "out" / n) for n in ("c.json", "t.md", "t.csv")}
    write_report(result, out["c.json"], out["t.md"], out["t.csv"])
    with open(out["t.csv"]) as handle:
        table = list(csv.DictReader(handle))
    cell = next(r for r in table if r["name"] == "sum_b" and r["measure"] == "rougeL:tb")
    assert float(cell["mean"]) == pytest.approx(1.0) and cell["teacher"] == "tb" and cell["n"] == "10"
    from finstep.evaluation import plots

    figure = plots.teacher_comparison_figure(result)
    assert [ax.get_title() for ax in figure.axes] == [
        "The teachers' own answers", "Students on 10 common test rows", "Numbers the chunk does not state",
    ]  # fmt: skip
    # Three models × two reference teachers; the base model states no number, so two bars on the right.
    assert len(figure.axes[1].patches) == 6 and len(figure.axes[2].patches) == 2
