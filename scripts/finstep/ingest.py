"""The ingestion rules' steps: listing, fetching, recording and extracting filings (chunking.py chunks them).

Each reads its inputs, does the work through the modules of this package and
writes its outputs atomically, so that a job killed halfway leaves nothing
Snakemake could mistake for a finished output.
"""

from __future__ import annotations

import json
import logging
from pathlib import Path

from .extract import extract_document
from .io import sha256_bytes, write_bytes, write_json
from .sources import FilingRef, build_source

log = logging.getLogger("finstep")


def list_filings(source_options: dict, ticker: str, out: str) -> None:
    """Checkpoint for remote sources: the filings selected for one ticker."""
    refs = build_source(source_options).list_filings(ticker)
    log.info("%s: %d filings selected", ticker, len(refs))
    write_json(out, {"ticker": ticker, "filings": [r.as_dict() for r in refs]})


def fetch_filing(source_options: dict, ref: dict, out: str) -> None:
    """Copy or download one filing; the source checks it is a filing, not an error page."""
    filing = FilingRef.from_dict(ref)
    data = build_source(source_options).fetch(filing)
    write_bytes(out, data)
    log.info("%s %s: %d bytes from %s", filing.ticker, filing.accession, len(data), filing.location)


def record_filing(ref: dict, doc: str, out: str) -> None:
    """The filing's metadata with the sha256 of the bytes actually stored."""
    data = Path(doc).read_bytes()
    write_json(out, FilingRef.from_dict(ref).record(sha256_bytes(data), len(data)))


def extract_filing(doc: str, meta: str, out: str) -> None:
    filing = json.loads(Path(meta).read_text(encoding="utf-8"))
    result = extract_document(Path(doc).read_bytes(), name=doc, form=filing.get("form"))
    if result["segmentation"] == "fallback":
        log.warning("%s: Item segmentation failed (%s); kept the whole document", doc, result["reason"])
    write_json(out, {"ticker": filing["ticker"], "accession": filing["accession"], **result})
    log.info("%s: %s, %d sections", doc, result["segmentation"], len(result["sections"]))
