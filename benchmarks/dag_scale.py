"""DAG cost at scale: ``snakemake -n`` over a local source of N generated filings.

Usage: python benchmarks/dag_scale.py [--filings 5000] [--tickers 50]

Times the project's workflow against a bare Snakefile with the same rules,
wildcards and number of jobs (each job a ``touch``), in one run, and reports
the ratio. Both dry runs start from empty results, so every job is planned.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PARTS = ("Snakefile", "rules", "scripts", "config", "envs", "profiles")
PAGE = (
    "<html><body><div>Item 1. Business</div><div>Filing {n} of {ticker}: the company sells things.</div>"
    "</body></html>"
)

BARE = r"""
import json
FILINGS = json.load(open("filings.json"))


wildcard_constraints:
    ticker=r"[A-Z0-9][A-Z0-9.\-]{0,11}",
    accession=r"[A-Za-z0-9][A-Za-z0-9_\-]{0,63}",
    ext="htm|html|txt",


rule all:
    input:
        "results/chunks/all.jsonl",


rule fetch_filing:
    input:
        lambda wc: f"src/{wc.ticker}/{wc.accession}.htm",
    output:
        "results/filings/{ticker}/{accession}.{ext}",
    shell:
        "touch {output}"


rule record_filing:
    input:
        "results/filings/{ticker}/{accession}.htm",
    output:
        "results/filings/{ticker}/{accession}.json",
    shell:
        "touch {output}"


rule extract_text:
    input:
        doc="results/filings/{ticker}/{accession}.htm",
        meta="results/filings/{ticker}/{accession}.json",
    output:
        "results/text/{ticker}/{accession}.json",
    shell:
        "touch {output}"


rule chunk_filing:
    input:
        text="results/text/{ticker}/{accession}.json",
        meta="results/filings/{ticker}/{accession}.json",
    output:
        "results/chunks/{ticker}/{accession}.jsonl",
    shell:
        "touch {output}"


rule gather_chunks:
    input:
        [f"results/chunks/{t}/{a}.jsonl" for t, accs in FILINGS.items() for a in accs],
    output:
        "results/chunks/all.jsonl",
    shell:
        "touch {output}"
"""


def make_source(root: Path, filings: int, tickers: int) -> dict[str, list[str]]:
    listing: dict[str, list[str]] = {}
    for n in range(filings):
        ticker = f"T{n % tickers:03d}"
        accession = f"{n:010d}-24-{n % 1000000:06d}"
        folder = root / ticker
        folder.mkdir(parents=True, exist_ok=True)
        (folder / f"{accession}.htm").write_text(PAGE.format(n=n, ticker=ticker))
        listing.setdefault(ticker, []).append(accession)
    return listing


def dry_run(workdir: Path, *args: str) -> tuple[float, int]:
    start = time.perf_counter()
    result = subprocess.run(
        [sys.executable, "-m", "snakemake", "-n", "--cores", "1", *args],
        cwd=workdir,
        capture_output=True,
        text=True,
    )
    elapsed = time.perf_counter() - start
    if result.returncode != 0:
        raise SystemExit(result.stdout[-3000:] + result.stderr[-3000:])
    total = re.search(r"^total\s+(\d+)", result.stdout + result.stderr, re.M)
    return elapsed, int(total.group(1)) if total else -1


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--filings", type=int, default=5000)
    parser.add_argument("--tickers", type=int, default=50)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        project, bare = tmp / "project", tmp / "bare"
        project.mkdir()
        for part in PARTS:
            src = ROOT / part
            (shutil.copytree if src.is_dir() else shutil.copy2)(src, project / part)
        listing = make_source(project / "src", args.filings, args.tickers)
        (project / "config" / "bench.yaml").write_text(
            json.dumps({"tickers": sorted(listing), "source": {"plugin": "local", "path": "src"}})
        )
        bare.mkdir()
        (bare / "Snakefile").write_text(BARE)
        (bare / "filings.json").write_text(json.dumps(listing))
        os.symlink(project / "src", bare / "src")
        ours, ours_jobs = dry_run(project, "--configfile", "config/bench.yaml")
        base, base_jobs = dry_run(bare)
    print(
        json.dumps(
            {
                "machine": f"{platform.machine()}, {os.cpu_count()} cores",
                "filings": args.filings,
                "jobs": {"workflow": ours_jobs, "bare": base_jobs},
                "dry_run_s": {"workflow": round(ours, 2), "bare": round(base, 2)},
                "ratio": round(ours / base, 2),
            },
            indent=2,
        )
    )


if __name__ == "__main__":
    main()
