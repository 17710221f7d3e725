"""The workflow's wiring, checked on small runs in a temporary copy of the project: what a target
plans, which code its jobs import, which jobs are retried. Mostly dry runs; the jobs that do run
are the cheapest ones (a few seconds each)."""

from __future__ import annotations

import json
import os
import re
import subprocess
from pathlib import Path

import pytest
from test_workflow import SNAKEMAKE, TEST_CONFIGS, copy_project

pytestmark = pytest.mark.workflow

PAIRS = [("tiny", "distill_summary"), ("tiny", "distill_dss"), ("tiny", "fin_arithmetic")]


def run(workdir: Path, *args: str, overlays: tuple[str, ...] = (), env: dict | None = None) -> str:
    """Snakemake on the tiny config and the synthetic filings (as test_workflow.snakemake), with extra
    environment variables;
    returns stdout and stderr together, and the exit status as ``run.returncode``."""
    environ = {k: v for k, v in os.environ.items() if k != "SEC_USER_AGENT"} | (env or {})
    result = subprocess.run(
        [*SNAKEMAKE, "--cores", "2", *args, "--configfile", *TEST_CONFIGS, *overlays],
        cwd=workdir,
        env=environ,
        capture_output=True,
        text=True,
        timeout=600,
    )
    run.returncode = result.returncode
    return result.stdout + result.stderr


def planned(out: str) -> dict[str, int]:
    """A dry run's job counts by rule."""
    if "Job stats:" not in out:
        return {}
    counts = dict(re.findall(r"^(\w+)\s+(\d+)$", out.split("Job stats:")[1], re.MULTILINE))
    return {rule: int(n) for rule, n in counts.items() if rule not in {"job", "total"}}


@pytest.fixture
def fresh(tmp_path):
    return copy_project(tmp_path)


# --- figures --allowed-rules figures: never an upstream job ---------------------------------------


def _figure_inputs(project: Path, skip: str | None = None) -> list[str]:
    """Write stand-ins for every input of rule figures on the tiny config, except ``skip``."""
    files = [f"results/metrics/{s}/{d}.json" for s, d in PAIRS]
    files += [f"results/adapters/{s}/{d}/train_log.csv" for s, d in PAIRS]
    files += ["results/teacher/extractive/stats.json"]
    for name in files:
        if name != skip:
            (project / name).parent.mkdir(parents=True, exist_ok=True)
            (project / name).write_text("{}\n")
    return files


def test_figures_alone_with_a_missing_metrics_file_stops_naming_it(fresh):
    missing = "results/metrics/tiny/distill_dss.json"
    _figure_inputs(fresh, skip=missing)
    out = run(fresh, "-n", "figures", "--allowed-rules", "figures")
    assert run.returncode != 0, out[-3000:]
    assert planned(out) == {}, out[-3000:]  # neither score nor anything above it
    assert missing in out and "results/metrics/tiny/distill_summary.json" not in out
    assert "without --allowed-rules" in out  # how to make it


def test_figures_alone_with_no_results_lists_what_is_missing(fresh):
    out = run(fresh, "-n", "figures", "--allowed-rules", "figures")
    assert run.returncode != 0 and planned(out) == {}, out[-3000:]
    for name in _figure_inputs(fresh / "unused"):
        assert name in out


def test_figures_alone_with_every_input_plans_only_figures(fresh):
    _figure_inputs(fresh)
    out = run(fresh, "-n", "figures", "--allowed-rules", "figures")
    assert run.returncode == 0, out[-3000:]
    assert planned(out) == {"figures": 1}


def test_figures_without_allowed_rules_still_plans_what_is_missing(fresh):
    missing = "results/metrics/tiny/distill_dss.json"
    _figure_inputs(fresh, skip=missing)
    out = run(fresh, "-n", "figures")
    assert run.returncode == 0, out[-3000:]
    assert planned(out).get("score") and planned(out)["figures"] == 1  # the usual way to make it


# --- the teacher's floor guards every use of its answers ------------------------------------------


def test_a_distillation_set_waits_for_its_teachers_check(fresh):
    out = run(fresh, "-n", "results/datasets/distill_summary/split.json")
    assert run.returncode == 0, out[-3000:]
    assert planned(out).get("teacher_check") == 1, out[-3000:]
    assert "results/teacher/extractive/summary.md" in out.split("rule dataset:")[1].split("output:")[0]
    # An instruction set has no teacher to wait for.
    out = run(fresh, "-n", "results/datasets/fin_arithmetic/split.json")
    assert run.returncode == 0 and "teacher_check" not in planned(out), out[-3000:]


def test_a_dpo_stage_is_evaluated_beside_base_and_sft_only_when_configured(fresh):
    """config/dpo.yaml adds the DPO adapter's check, its test-row and benchmark predictions, its scoring
    in the pair's metrics and the dpo figure; without it the DAG has none of them."""
    default = planned(run(fresh, "-n"))
    out = run(fresh, "-n", overlays=("config/dpo.yaml",))
    assert run.returncode == 0, out[-3000:]
    jobs = planned(out)
    assert not {"preferences", "dpo", "check_dpo_adapter", "dpo_model_card"} & set(default)
    added = {rule: n - default.get(rule, 0) for rule, n in jobs.items() if n != default.get(rule, 0)}
    assert added == {
        "preferences": 1, "dpo": 1, "check_dpo_adapter": 1, "dpo_model_card": 1, "predict": 1, "benchmark_predict": 2,
    }  # fmt: skip
    scores = [job.split("resources:")[0] for job in out.split("rule score:")[1:]]
    score = next(job for job in scores if "wildcards: student=tiny, dataset=distill_summary\n" in job)
    assert "results/predictions/tiny/distill_summary/dpo.jsonl" in score.split("output:")[0]
    assert "results/adapters/tiny/distill_summary/dpo/run.json" in score.split("output:")[0]
    assert re.search(r"results/benchmarks/\w+/tiny/distill_summary/dpo/generate\.jsonl", out)
    assert "results/figures/dpo.png" in out.split("rule figures:")[1].split("log:")[0]


def test_a_teacher_below_its_floor_builds_no_dataset(fresh):
    (fresh / "config" / "floor.json").write_text(
        json.dumps({"teachers": {"extractive": {"min_valid_rate": 1.0}}})
    )
    out = run(fresh, "datasets", "--keep-going", overlays=("config/floor.json",))
    assert run.returncode != 0
    assert "Error in rule teacher_check" in out, out[-3000:]
    assert not list((fresh / "results" / "datasets").glob("distill_*/split.json"))


def test_a_redraw_may_allow_the_rule_of_what_is_missing(tmp_path):
    from finstep.errors import FinstepError
    from finstep.evaluation.figures import check_redraw

    (tmp_path / "stats.json").write_text("{}")
    inputs = {"metrics": [str(tmp_path / "m.json")], "teacher_stats": [str(tmp_path / "stats.json")]}
    producers = {"metrics": "score", "teacher_stats": "teacher_gather"}
    check_redraw(inputs, producers, {"figures", "score"})  # score may make it
    check_redraw(inputs, producers, ())  # no restriction
    with pytest.raises(FinstepError, match=r"1 input\(s\) are missing .*m\.json \(score\)"):
        check_redraw(inputs, producers, {"figures"})


# --- jobs run this checkout's code --------------------------------------------------------------


def test_jobs_import_the_workflows_own_finstep(fresh, tmp_path):
    # Another finstep earlier on the path (another checkout's, a stale install): Snakemake appends
    # scripts/ to a job's sys.path after it, and the job would run that code.
    other = tmp_path / "other" / "finstep"
    other.mkdir(parents=True)
    (other / "__init__.py").write_text("raise ImportError('the other finstep was imported')\n")
    # This copy's finstep notes where each process imported it from.
    marker = tmp_path / "imported"
    with (fresh / "scripts" / "finstep" / "__init__.py").open("a") as handle:
        handle.write(
            "\nimport os as _os\n\nif _os.environ.get('FINSTEP_MARKER'):\n"
            "    with open(_os.environ['FINSTEP_MARKER'], 'a') as _f:\n"
            "        _f.write(__file__ + '\\n')\n"
        )
    (fresh / "config" / "small.json").write_text(json.dumps({"arithmetic": {"n": 10}}))
    env = {"PYTHONPATH": str(other.parent), "FINSTEP_MARKER": str(marker)}
    out = run(fresh, "results/instructions/fin_arithmetic.jsonl", overlays=("config/small.json",), env=env)
    assert run.returncode == 0, out[-3000:]
    assert "the other finstep" not in out
    imported = marker.read_text().splitlines()
    assert len(imported) >= 2  # Snakemake's DAG and the job
    assert set(imported) == {str(fresh.resolve() / "scripts" / "finstep" / "__init__.py")}


def test_own_code_first_puts_scripts_before_any_other_path(tmp_path):
    from finstep.pipeline import own_code_first

    environ = {"PYTHONPATH": f"/elsewhere{os.pathsep}{tmp_path}"}
    own_code_first(tmp_path, environ)
    assert environ["PYTHONPATH"] == f"{tmp_path.resolve()}{os.pathsep}/elsewhere"
    own_code_first(tmp_path, environ)  # a job's own Snakemake runs the Snakefile again
    assert environ["PYTHONPATH"] == f"{tmp_path.resolve()}{os.pathsep}/elsewhere"
    empty = {}
    own_code_first(tmp_path, empty)
    assert empty["PYTHONPATH"] == str(tmp_path.resolve())


# --- deterministic failures are not retried -------------------------------------------------------


def test_conversion_and_extraction_failures_are_not_retried(fresh):
    # The default profile retries a failed job once; a bad GGUF or a filing with no text would
    # fail the same way again, printing its error twice.
    (fresh / "bad.gguf").write_bytes(b"GGUF" + b"\x00" * 64)
    (fresh / "config" / "bad.json").write_text(
        json.dumps({"models": {"bad": {"gguf": {"path": "bad.gguf"}}}})
    )
    blank = fresh / "tests" / "data" / "filings" / "AAPL" / "0000320193-25-000999.htm"
    blank.write_text("<html><body><p> </p></body></html>\n")
    targets = ["results/models/bad", "results/text/AAPL/0000320193-25-000999.json"]
    out = run(fresh, "--keep-going", *targets, overlays=("config/bad.json",))
    assert run.returncode != 0
    assert out.count("Error in rule convert_gguf") == 1, out[-4000:]
    assert out.count("Error in rule extract_text") == 1, out[-4000:]
    assert "is not a readable GGUF file" in out and "its text could not be read" in out


def test_a_student_folder_without_a_model_stops_the_run_before_any_job(fresh):
    (fresh / "etc").mkdir()
    (fresh / "etc" / "hosts").write_text("127.0.0.1 localhost\n")
    (fresh / "config" / "etc.json").write_text(json.dumps({"students": {"tiny": {"model": "etc"}}}))
    out = run(fresh, "-n", overlays=("config/etc.json",))
    assert run.returncode != 0 and planned(out) == {}, out[-3000:]
    assert "students.tiny: model etc has no *.safetensors weights" in out
    assert "Traceback" not in out


# --- teachers compared by their students ---------------------------------------------------------------

COMPARISON = {
    "teachers": {
        "lead1": {"plugin": "extractive", "attempts": 1, "max_chunks": 40, "lead_sentences": 1},
        "lead3": {"plugin": "extractive", "attempts": 1, "max_chunks": 40, "lead_sentences": 3},
    },
    "datasets": {
        "sum_lead1": {"kind": "distill", "teacher": "lead1", "format": "summary"},
        "sum_lead3": {"kind": "distill", "teacher": "lead3", "format": "summary"},
    },
    "teacher_comparison": {"student": "tiny", "datasets": ["sum_lead1", "sum_lead3"]},
}


def test_a_teacher_comparison_trains_a_student_per_teacher_and_scores_them_together(fresh):
    (fresh / "config" / "compare.json").write_text(json.dumps(COMPARISON))
    out = run(fresh, "-n", "results/tables/teacher_comparison.md", overlays=("config/compare.json",))
    assert run.returncode == 0, out[-3000:]
    jobs = planned(out)
    assert jobs["teacher_comparison"] == 1, jobs
    trained = re.findall(r"wildcards: student=tiny, dataset=(\w+)", "".join(out.split("rule train:")[1:]))
    assert {"sum_lead1", "sum_lead3"} <= set(trained), trained  # one student per teacher
    inputs = out.split("rule teacher_comparison:")[1].split("output:")[0]
    for name in ("teacher/lead1/triplets.jsonl", "teacher/lead3/stats.json", "datasets/sum_lead3/test.jsonl",
                 "predictions/tiny/sum_lead1/tuned.jsonl", "predictions/tiny/sum_lead1/base.jsonl"):  # fmt: skip
        assert f"results/{name}" in inputs, name
    # Teachers given different chunks would train students on different text: refused before any job.
    unequal = json.loads(json.dumps(COMPARISON))
    unequal["teachers"]["lead3"]["max_chunks"] = 80
    (fresh / "config" / "compare.json").write_text(json.dumps(unequal))
    out = run(fresh, "-n", overlays=("config/compare.json",))
    assert run.returncode != 0 and "answer different chunks (max_chunks: lead1 40, lead3 80)" in out, out[
        -3000:
    ]
