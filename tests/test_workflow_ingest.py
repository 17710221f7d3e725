"""Ingestion through Snakemake against a loopback fake EDGAR: the corpus follows the configured
tickers and selection across runs. Small on purpose: the tiny config, the `chunks` target only."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import loopback
from test_workflow import SYNTHETIC, _SecMirror, copy_project, snakemake

pytestmark = pytest.mark.workflow
SAMPLES = SYNTHETIC
AAPL_2024 = "0000320193-24-000123"
MSFT_2024 = "0000789019-24-000087"
MSFT_1998 = "0000891020-98-001352"


def _archive(cik: int, accession: str, document: str) -> str:
    return f"/Archives/edgar/data/{cik}/{accession.replace('-', '')}/{document}"


def _submissions(cik: int, name: str, rows: list[tuple[str, str, str, str]]) -> bytes:
    recent = {
        "accessionNumber": [r[0] for r in rows],
        "filingDate": [r[1] for r in rows],
        "reportDate": [r[2] for r in rows],
        "form": ["10-K"] * len(rows),
        "primaryDocument": [r[3] for r in rows],
    }
    return json.dumps({"cik": str(cik), "name": name, "filings": {"recent": recent, "files": []}}).encode()


@pytest.fixture
def mirror():
    """AAPL with one 10-K, MSFT with two (fiscal 2024 in HTML, 1998 as a full-submission .txt)."""
    _SecMirror.seen = []
    _SecMirror.routes = {
        "/files/company_tickers.json": json.dumps(
            {
                "0": {"cik_str": 320193, "ticker": "AAPL", "title": "Apple"},
                "1": {"cik_str": 789019, "ticker": "MSFT", "title": "Microsoft"},
            }
        ).encode(),
        "/submissions/CIK0000320193.json": _submissions(
            320193, "Apple Inc.", [(AAPL_2024, "2024-11-01", "2024-09-28", "aapl-20240928.htm")]
        ),
        "/submissions/CIK0000789019.json": _submissions(
            789019,
            "Microsoft Corp",
            [
                (MSFT_2024, "2024-07-30", "2024-06-30", "msft-10k_20240630.htm"),
                (MSFT_1998, "1998-09-28", "1998-06-30", ""),
            ],
        ),
        _archive(320193, AAPL_2024, "aapl-20240928.htm"): (
            SAMPLES / "AAPL" / f"{AAPL_2024}.htm"
        ).read_bytes(),
        _archive(789019, MSFT_2024, "msft-10k_20240630.htm"): (
            SAMPLES / "MSFT" / f"{MSFT_2024}.htm"
        ).read_bytes(),
        _archive(789019, MSFT_1998, f"{MSFT_1998}.txt"): (SAMPLES / "MSFT" / f"{MSFT_1998}.txt").read_bytes(),
    }
    with loopback(_SecMirror) as url:
        yield url


def _corpus(project: Path) -> set[tuple[str, str]]:
    lines = (project / "results" / "chunks" / "all.jsonl").read_text().splitlines()
    return {(c["ticker"], c["accession"]) for c in map(json.loads, lines)}


def test_edgar_corpus_follows_added_tickers_and_a_changed_selection(tmp_path, mirror):
    project = copy_project(tmp_path)
    source = {
        "plugin": "edgar",
        "user_agent": "Test Lab research@example.org",
        "www_url": mirror,
        "data_url": mirror,
        "latest": 1,
        "backoff_factor": 0,
    }

    def run(tickers, **selection):
        overlay = project / "config" / "mirror.json"
        overlay.write_text(json.dumps({"tickers": tickers, "source": {**source, **selection}}))
        result = snakemake(project, "chunks", overlays=("config/mirror.json",))
        assert result.returncode == 0, result.stderr[-4000:]
        return _corpus(project)

    assert run(["AAPL"]) == {("AAPL", AAPL_2024)}
    # A ticker added after the first run is listed, fetched and chunked.
    assert run(["AAPL", "MSFT"]) == {("AAPL", AAPL_2024), ("MSFT", MSFT_2024)}
    assert "/submissions/CIK0000789019.json" in [path for path, _ in _SecMirror.seen]
    # A wider fiscal-year selection brings in the older filing.
    widened = run(["AAPL", "MSFT"], latest=None, fiscal_years=[1997, 2024])
    assert widened == {("AAPL", AAPL_2024), ("MSFT", MSFT_2024), ("MSFT", MSFT_1998)}
    documents = [path for path, _ in _SecMirror.seen if path.startswith("/Archives/")]
    assert sorted(documents) == sorted(set(documents)), "a re-listing downloaded a filing again"
    # Dropping a ticker drops its chunks.
    assert run(["MSFT"], latest=None, fiscal_years=[1997, 2024]) == {("MSFT", MSFT_2024), ("MSFT", MSFT_1998)}
    # How requests travel (rate, retries, User-Agent, a mirror's address) lists and downloads nothing again.
    seen = len(_SecMirror.seen)
    elsewhere = mirror.replace("127.0.0.1", "localhost")
    source.update(
        user_agent="Other Lab ops@example.org",
        requests_per_second=2,
        retries=9,
        backoff_factor=0.5,
        www_url=elsewhere,
        data_url=elsewhere,
    )
    assert run(["MSFT"], latest=None, fiscal_years=[1997, 2024]) == {("MSFT", MSFT_2024), ("MSFT", MSFT_1998)}
    assert _SecMirror.seen[seen:] == [], "a transport setting reran a listing or a download"
