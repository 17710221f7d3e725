"""The workflow end to end on the default config, in a temporary copy of the project."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT

pytestmark = pytest.mark.workflow
PROJECT_PARTS = ("Snakefile", "rules", "scripts", "config", "envs", "profiles", "resources")
SNAKEMAKE = [sys.executable, "-m", "snakemake"]


def snakemake(workdir: Path, *args: str) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k != "SEC_USER_AGENT"}
    return subprocess.run(
        [*SNAKEMAKE, "--cores", "2", *args], cwd=workdir, env=env, capture_output=True, text=True, timeout=600
    )


def copy_project(dest: Path) -> Path:
    for part in PROJECT_PARTS:
        src = ROOT / part
        if src.is_dir():
            shutil.copytree(src, dest / part, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(src, dest / part)
    return dest


@pytest.fixture(scope="module")
def project(tmp_path_factory):
    return copy_project(tmp_path_factory.mktemp("project"))


@pytest.fixture(scope="module")
def ran(project):
    result = snakemake(project, "--resources", "gpu=1")
    assert result.returncode == 0, result.stderr[-4000:]
    return project


def sample_filings() -> list[Path]:
    return sorted(
        p for p in (ROOT / "resources" / "filings").glob("*/*") if p.suffix in {".htm", ".html", ".txt"}
    )


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
        assert {"1", "1A", "7"} <= {s["item"] for s in text["sections"]}
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


def test_rerun_after_success_does_nothing(ran):
    result = snakemake(ran, "-n")
    assert result.returncode == 0
    assert "Nothing to be done" in result.stdout + result.stderr


def test_rerun_after_a_lost_output_redoes_only_what_depends_on_it(ran):
    lost = next((ran / "results" / "chunks" / "MSFT").glob("*.jsonl"))
    lost.unlink()
    result = snakemake(ran, "-n", "--quiet", "rules")
    out = result.stdout + result.stderr
    assert result.returncode == 0 and "chunk_filing" in out and "gather_chunks" in out
    assert "extract_text" not in out and "fetch_filing" not in out
    assert snakemake(ran).returncode == 0 and lost.exists()


def _fails_before_work(project: Path, *config: str) -> str:
    result = snakemake(project, "-n", "--config", *config)
    assert result.returncode != 0
    return result.stdout + result.stderr


@pytest.fixture
def fresh(tmp_path):
    return copy_project(tmp_path)


@pytest.mark.parametrize(
    "config,message",
    [
        ('tickers=["AAPL","../x"]', "ticker '../x' is malformed"),
        ('tickers=["AAPL","NOPE"]', "ticker 'NOPE': no folder"),
        ('source={"plugin":"edgar"}', "SEC requires a User-Agent"),
        ('source={"plugin":"local","path":"missing"}', "source.path 'missing' is not a folder"),
        ('source={"plugin":"nope"}', "source.plugin 'nope' is unknown"),
    ],
)
def test_bad_input_fails_at_once_with_one_clear_line(fresh, config, message):
    out = _fails_before_work(fresh, config)
    assert message in out
    assert not (fresh / "results").exists()


def test_empty_filing_is_refused_before_any_job(fresh):
    (fresh / "resources" / "filings" / "AAPL" / "0000320193-25-000999.htm").write_bytes(b"")
    assert "file is empty" in _fails_before_work(fresh, 'tickers=["AAPL"]')


def test_lint_is_clean():
    result = subprocess.run([*SNAKEMAKE, "--lint"], cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Congratulations" in result.stdout + result.stderr
