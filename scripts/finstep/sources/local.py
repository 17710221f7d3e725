"""Filings from a folder laid out ``<path>/<TICKER>/<accession>.htm|.html|.txt``, each optionally gzipped.

An optional ``<accession>.json`` beside each file gives its metadata (cik,
company, form, filed, period) and provenance (fiscal_year, primary_document,
url, origin, and the sha256 of the document, checked on every fetch). Listing
is a directory scan, cheap enough to run while Snakemake builds the DAG, so bad
input fails before any job runs. A ``.htm.gz`` copy (a compressed mirror, or the
filings shipped in ``resources/filings``) is read through the stdlib's gzip: listing
sniffs its decompressed head, fetching returns the whole document decompressed,
so the workflow stores and extracts the document itself.
"""

from __future__ import annotations

import gzip
import json
import os
import zlib
from pathlib import Path

from ..errors import FinstepError
from ..extract.sniff import COMPRESSED_SUFFIX, sniff
from ..io import sha256_bytes
from ..validation import check_accession
from .base import DOCUMENT_EXTENSIONS, FilingMeta, FilingRef, Source
from .selection import select_filings

SNIFF_BYTES = 16384


def _gzip_error(path: str, exc: Exception) -> FinstepError:
    """One line for a ``.gz`` file that gzip cannot read: which file, what is wrong, what to do."""
    if isinstance(exc, gzip.BadGzipFile) and str(exc).startswith("Not a gzipped file"):
        return FinstepError(
            f"{path}: not gzip-compressed, though named .gz; "
            "compress it (gzip -n) or drop the .gz from its name"
        )
    if isinstance(exc, EOFError):
        return FinstepError(f"{path}: the gzip data ends early (a truncated copy); replace the file")
    return FinstepError(f"{path}: corrupt gzip data ({exc}); replace the file")


def read_document(path: str, limit: int | None = None) -> bytes:
    """The document's bytes (at most ``limit``), decompressed when ``path`` ends in ``.gz``."""
    if not path.lower().endswith(COMPRESSED_SUFFIX):
        with open(path, "rb") as handle:
            return handle.read() if limit is None else handle.read(limit)
    try:
        with gzip.open(path, "rb") as handle:
            return handle.read() if limit is None else handle.read(limit)
    except (gzip.BadGzipFile, EOFError, zlib.error) as exc:
        raise _gzip_error(path, exc) from None


def _document_name(name: str) -> tuple[str, str] | None:
    """``(stem, ext)`` of a filing's file name (``x.htm`` or ``x.htm.gz``); None for other files."""
    if name.lower().endswith(COMPRESSED_SUFFIX):
        name = name[: -len(COMPRESSED_SUFFIX)]
    stem, dot, ext = name.rpartition(".")
    if not dot or ext.lower() not in DOCUMENT_EXTENSIONS:
        return None
    return stem, ext.lower()


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
                named = _document_name(entry.name)
                if named is None or not entry.is_file():
                    continue
                stem, ext = named
                check_accession(stem, str(folder))
                if stem in refs:
                    raise FinstepError(f"{folder}: accession {stem} has two documents; keep one")
                if entry.stat().st_size == 0:
                    raise FinstepError(
                        f"{entry.path}: file is empty; replace it with the filing or delete it"
                    )
                sniff(read_document(entry.path, SNIFF_BYTES), entry.path)
                meta = self._meta(folder / f"{stem}.json")
                refs[stem] = FilingRef(
                    ticker=ticker,
                    accession=stem,
                    ext=ext,
                    location=entry.path,
                    cik=meta.cik,
                    company=meta.company,
                    form=meta.form,
                    filed=meta.filed.isoformat() if meta.filed else None,
                    period=meta.period.isoformat() if meta.period else None,
                    fiscal_year=meta.fiscal_year,
                    primary_document=meta.primary_document,
                    url=meta.url,
                    sha256=meta.sha256,
                    origin=meta.origin,
                )
        selected = select_filings(list(refs.values()), self.options)
        if not selected:
            raise FinstepError(
                f"ticker {ticker!r}: no filings in {folder} match source.forms/fiscal_years; "
                "add .htm, .html or .txt filings (or .htm.gz…) or relax the selection"
            )
        return selected

    def fetch(self, ref: FilingRef) -> bytes:
        data = read_document(ref.location)
        sniff(data, ref.location)
        if ref.sha256 is not None and (digest := sha256_bytes(data)) != ref.sha256:
            raise FinstepError(
                f"{ref.location}: sha256 {digest} is not the {ref.sha256} its {ref.accession}.json gives; "
                "the copy changed: restore the filing or fix its sidecar"
            )
        return data
