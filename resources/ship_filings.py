#!/usr/bin/env python3
"""Write the real 10-Ks of the default run, ``resources/filings/<TICKER>/<accession>.htm.gz``, from SEC copies.

SEC filings are public documents; the project ships these so that its default run
reads real 10-K text with no network. Each is the filing's primary document exactly
as SEC serves it, gzip-compressed without a name or time stamp (so the same input
always gives the same bytes), with an ``<accession>.json`` sidecar that records its
provenance: the filer, form, fiscal year and dates, the SEC address of the primary
document, the sha256 and size of the uncompressed document, and where this copy came
from. The local source checks that sha256 whenever it reads the file.

The copies come from the project's shared SEC data (``../shared/edgar``, whose
README lists each file's sha256; a copy whose sha256 differs is refused) or from
any folder holding the same primary documents, e.g. downloaded from the addresses
below:

    .venv/bin/python resources/ship_filings.py [--from ../shared/edgar] [--out resources/filings]
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import json
import sys
from pathlib import Path
from typing import NamedTuple

HERE = Path(__file__).resolve().parent
DEFAULT_FROM = HERE.parents[1] / "shared" / "edgar"
DEFAULT_OUT = HERE / "filings"
ORIGIN = (
    "unmodified copy of the primary document as served by SEC EDGAR, taken from {path} "
    "(the project's shared SEC data, whose README gives its sha256{via})"
)
# The shared README: the copies under filings/ were kept, as served, by an open-source EDGAR library.
VIA = {"filings": "; it was kept as served in the public test fixtures of an open-source EDGAR library"}


class Filing(NamedTuple):
    """One shipped 10-K: identity from EDGAR's index, checked against several public sources."""

    ticker: str
    copy: str  # where the unmodified primary document lies under the --from folder
    cik: str
    company: str  # as on the cover page (dei:EntityRegistrantName)
    accession: str
    primary_document: str
    filed: str
    period: str  # the fiscal year's last day (dei:DocumentPeriodEndDate)
    fiscal_year: int  # dei:DocumentFiscalYearFocus
    sha256: str  # of the uncompressed document, as the shared README lists it

    @property
    def url(self) -> str:
        folder = self.accession.replace("-", "")
        return f"https://www.sec.gov/Archives/edgar/data/{int(self.cik)}/{folder}/{self.primary_document}"


# The original study's companies (Apple, Alphabet; no Microsoft 10-K is available offline)
# and two more filers of fiscal 2024, so that a split by filing has a test filing.
FILINGS = (
    Filing(
        "AAPL",
        "demo_filings/AAPL/aapl-10-k-2024-11-01.html",
        "0000320193",
        "Apple Inc.",
        "0000320193-24-000123",
        "aapl-20240928.htm",
        "2024-11-01",
        "2024-09-28",
        2024,
        "24a830a0f1256e371d36a1f7f72e5e85a38037d1de2f6f966eb8457db42ff6d6",
    ),
    Filing(
        "GOOGL",
        "demo_filings/GOOGL/googl-10-k-2025-02-05.html",
        "0001652044",
        "Alphabet Inc.",
        "0001652044-25-000014",
        "goog-20241231.htm",
        "2025-02-05",
        "2024-12-31",
        2024,
        "a70a2cc584744e7d678ec6c4fb669fa7c5c871861eb5820fb9de4357319db7d9",
    ),
    Filing(
        "AMZN",
        "filings/AMZN/amzn-10-k-2025-02-07.html",
        "0001018724",
        "Amazon.com, Inc.",
        "0001018724-25-000004",
        "amzn-20241231.htm",
        "2025-02-07",
        "2024-12-31",
        2024,
        "094e0f2aa1d58203ed77340330e94ff5cb63f5168de5e08ed25a17681a1a53d9",
    ),
    Filing(
        "META",
        "filings/META/meta-10-k-2025-01-30.html",
        "0001326801",
        "Meta Platforms, Inc.",
        "0001326801-25-000017",
        "meta-20241231.htm",
        "2025-01-30",
        "2024-12-31",
        2024,
        "931517fc551d51ced8c8348eb313f94a0baa931934eb6f189f432f5ece7e5ce1",
    ),
)


def sidecar(filing: Filing, size: int) -> dict:
    """The provenance the local source reads beside the document (``FilingMeta``)."""
    return {
        "cik": filing.cik,
        "company": filing.company,
        "form": "10-K",
        "filed": filing.filed,
        "period": filing.period,
        "fiscal_year": filing.fiscal_year,
        "primary_document": filing.primary_document,
        "url": filing.url,
        "sha256": filing.sha256,
        "bytes": size,
        "origin": ORIGIN.format(
            path=f"../shared/edgar/{filing.copy}", via=VIA.get(filing.copy.partition("/")[0], "")
        ),
    }


def compressed(data: bytes) -> bytes:
    """gzip at level 9 with no file name and mtime 0: the same document always gives the same bytes."""
    return gzip.compress(data, compresslevel=9, mtime=0)


def ship(filing: Filing, source: Path, out: Path) -> Path:
    path = source / filing.copy
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise SystemExit(f"ship_filings: {path}: {exc.strerror}; give --from the folder holding it") from None
    digest = hashlib.sha256(data).hexdigest()
    if digest != filing.sha256:
        raise SystemExit(
            f"ship_filings: {path}: sha256 {digest} is not {filing.sha256}; "
            "it is not the unmodified SEC document: fetch it again from " + filing.url
        )
    folder = out / filing.ticker
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / f"{filing.accession}.{filing.primary_document.rpartition('.')[2]}.gz"
    target.write_bytes(compressed(data))
    meta = json.dumps(sidecar(filing, len(data)), indent=2) + "\n"
    (folder / f"{filing.accession}.json").write_text(meta, encoding="utf-8")
    return target


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--from", dest="source", type=Path, default=DEFAULT_FROM, help="the SEC copies")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="folder to write <TICKER>/ into")
    args = parser.parse_args(argv)
    for filing in FILINGS:
        target = ship(filing, args.source, args.out)
        print(f"wrote {target} ({target.stat().st_size:,} bytes compressed)", file=sys.stderr)


if __name__ == "__main__":
    main()
