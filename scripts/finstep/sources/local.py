"""Filings from a folder laid out ``<path>/<TICKER>/<accession>.htm|.html|.txt``.

An optional ``<accession>.json`` beside each file gives its metadata (cik,
company, form, filed, period). Listing is a directory scan, cheap enough to
run while Snakemake builds the DAG, so bad input fails before any job runs.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

from ..errors import FinstepError
from ..extract.sniff import sniff
from ..validation import check_accession
from .base import DOCUMENT_EXTENSIONS, FilingMeta, FilingRef, Source
from .selection import select_filings

SNIFF_BYTES = 16384


class LocalSource(Source):
    name = "local"
    offline_listing = True

    def __init__(self, options: dict) -> None:
        super().__init__(options)
        if not options.get("path"):
            raise FinstepError("source.path is required with source.plugin 'local': give the filings folder")
        self.root = Path(options["path"])
        if not self.root.is_dir():
            raise FinstepError(f"source.path {str(self.root)!r} is not a folder; create it or fix the path")

    def _meta(self, sidecar: Path) -> FilingMeta:
        if not sidecar.exists():
            return FilingMeta()
        try:
            data = json.loads(sidecar.read_text(encoding="utf-8-sig"))
        except (OSError, ValueError) as exc:
            raise FinstepError(f"{sidecar}: unreadable metadata ({exc}); fix or delete it") from None
        if not isinstance(data, dict):
            raise FinstepError(f"{sidecar}: metadata must be a JSON object; fix or delete it")
        return FilingMeta.parse(data, str(sidecar))

    def list_filings(self, ticker: str) -> list[FilingRef]:
        folder = self.root / ticker
        if not folder.is_dir():
            raise FinstepError(
                f"ticker {ticker!r}: no folder {folder} in source.path; add "
                f"{folder}/<accession>.htm or remove {ticker} from tickers"
            )
        refs: dict[str, FilingRef] = {}
        with os.scandir(folder) as entries:
            for entry in entries:
                stem, dot, ext = entry.name.rpartition(".")
                if not dot or ext.lower() not in DOCUMENT_EXTENSIONS or not entry.is_file():
                    continue
                check_accession(stem, str(folder))
                if stem in refs:
                    raise FinstepError(f"{folder}: accession {stem} has two documents; keep one")
                if entry.stat().st_size == 0:
                    raise FinstepError(
                        f"{entry.path}: file is empty; replace it with the filing or delete it"
                    )
                with open(entry.path, "rb") as handle:
                    sniff(handle.read(SNIFF_BYTES), entry.path)
                meta = self._meta(folder / f"{stem}.json")
                refs[stem] = FilingRef(
                    ticker=ticker,
                    accession=stem,
                    ext=ext.lower(),
                    location=entry.path,
                    cik=meta.cik,
                    company=meta.company,
                    form=meta.form,
                    filed=meta.filed.isoformat() if meta.filed else None,
                    period=meta.period.isoformat() if meta.period else None,
                )
        selected = select_filings(list(refs.values()), self.options)
        if not selected:
            raise FinstepError(
                f"ticker {ticker!r}: no filings in {folder} match source.forms/fiscal_years; "
                "add .htm, .html or .txt filings or relax the selection"
            )
        return selected

    def fetch(self, ref: FilingRef) -> bytes:
        data = Path(ref.location).read_bytes()
        sniff(data, ref.location)
        return data
