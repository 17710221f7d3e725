"""Extraction + chunking throughput on a large inline-XBRL 10-K, on one core.

Usage: python benchmarks/extract_speed.py [PATH_TO_10K.htm] [--repeat N]

Defaults to ../shared/edgar's Apple FY2025 10-K (1.5 MB) and also times a
2.5 MB document made from it by appending its own body HTML again (the issue
names a 2.5 MB filing; the structure per byte is the same). The baseline is a
plain ``BeautifulSoup(data, "lxml").get_text()`` timed in the same run.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "scripts"))

from bs4 import BeautifulSoup  # noqa: E402
from finstep.chunking import ChunkingConfig, chunk_filing  # noqa: E402
from finstep.extract import extract_document  # noqa: E402

DEFAULT = ROOT.parent / "shared" / "edgar" / "filings" / "AAPL" / "0000320193-25-000079.htm"
FILING = {"ticker": "AAPL", "accession": "bench", "cik": None, "form": "10-K", "period": None}


def padded(data: bytes, target: int) -> bytes:
    """Grow ``data`` to ``target`` bytes by repeating the visible second half of its body.

    The first half of an inline-XBRL body starts with the hidden ``ix:header``,
    which extraction drops cheaply; repeating it would flatter the timing.
    """
    end = data.rindex(b"</body>")
    middle = data.index(b"<div", len(data) // 2)
    visible = data[middle:end]
    extra = (visible * (target // len(visible) + 1))[: target - len(data)]
    cut = extra.rfind(b"</div>") + len(b"</div>")
    return data[:end] + extra[:cut] + data[end:]


def best_of(fn, repeat: int) -> tuple[float, float]:
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return min(times), statistics.median(times)


def measure(name: str, data: bytes, repeat: int) -> dict:
    cfg = ChunkingConfig()

    def ours():
        doc = extract_document(data, name=name, form="10-K")
        chunk_filing(doc, FILING, cfg)

    def bs4_plain():
        BeautifulSoup(data, "lxml").get_text()

    mb = len(data) / 1e6
    ours_best, ours_median = best_of(ours, repeat)
    bs_best, bs_median = best_of(bs4_plain, repeat)
    return {
        "document": name,
        "megabytes": round(mb, 2),
        "extract_and_chunk_s": round(ours_best, 3),
        "extract_and_chunk_median_s": round(ours_median, 3),
        "extract_and_chunk_MB_per_s": round(mb / ours_best, 2),
        "bs4_get_text_s": round(bs_best, 3),
        "bs4_get_text_median_s": round(bs_median, 3),
        "bs4_get_text_MB_per_s": round(mb / bs_best, 2),
        "speedup_vs_bs4": round(bs_best / ours_best, 1),
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("path", nargs="?", default=str(DEFAULT))
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {sorted(os.sched_getaffinity(0))[0]})  # one core
    data = Path(args.path).read_bytes()
    results = [measure(Path(args.path).name, data, args.repeat)]
    results.append(measure(f"{Path(args.path).name} padded to 2.5 MB", padded(data, 2_500_000), args.repeat))
    print(
        json.dumps(
            {
                "machine": f"{platform.processor() or platform.machine()}, {os.cpu_count()} cores",
                "results": results,
            },
            indent=2,
        )
    )


if __name__ == "__main__":
    main()
