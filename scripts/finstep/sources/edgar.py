"""10-K filings straight from SEC EDGAR.

Ticker → CIK comes from SEC's ``company_tickers.json`` (cached with its
download date); the filing list from ``data.sec.gov/submissions`` through
sec-edgar-api's ``EdgarClient``, older pages fetched only when the selection
needs them; documents from the Archives. All requests share one run-wide
rate limit (see :mod:`finstep.sources.sec_http`).
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import re
from functools import cached_property
from pathlib import Path

from filelock import FileLock

from ..errors import FinstepError
from ..extract.sniff import sniff
from ..io import write_json
from ..validation import EDGAR_ACCESSION_PATTERN, is_cik, normalize_cik
from .base import DOCUMENT_EXTENSIONS, FilingRef, Source
from .sec_http import SecSession, SharedLimitEdgarClient, resolve_user_agent, shared_limiter
from .selection import fiscal_year, select_filings

log = logging.getLogger(__name__)

_COLUMNS = ("accessionNumber", "filingDate", "reportDate", "form", "primaryDocument")
_ACCESSION = re.compile(EDGAR_ACCESSION_PATTERN)


def document_url(cik: str, accession: str, primary: str, www: str) -> tuple[str, str]:
    """``(url, ext)`` of the primary document, or of the full submission when there is none.

    ``www``: the host serving SEC's www.sec.gov paths (``source.www_url``).
    """
    folder = f"{www}/Archives/edgar/data/{int(cik)}/{accession.replace('-', '')}"
    ext = primary.rpartition(".")[2].lower() if "." in primary else ""
    if primary and ext in DOCUMENT_EXTENSIONS:
        return f"{folder}/{primary}", ext
    return f"{folder}/{accession}.txt", "txt"


def rows_of(page: dict) -> list[dict]:
    """Submissions pages store columns (one array per field); turn them into rows."""
    arrays = [page.get(c) or [] for c in _COLUMNS]
    return [dict(zip(_COLUMNS, values, strict=False)) for values in zip(*arrays, strict=False)]


class EdgarSource(Source):
    name = "edgar"
    offline_listing = False
    # A mirror serves SEC's paths and documents (each stored filing's sha256 is recorded).
    transport_options = frozenset(
        {
            "user_agent",
            "cache_dir",
            "requests_per_second",
            "retries",
            "backoff_factor",
            "www_url",
            "data_url",
            "ticker_map_max_age_days",
        }
    )

    def __init__(self, options: dict) -> None:
        super().__init__(options)
        self.user_agent = resolve_user_agent(options.get("user_agent"))
        self.cache_dir = Path(self.options["cache_dir"])
        # SEC's hosts, or a mirror (and the tests' local server) serving the same paths.
        self.www = self.options["www_url"].rstrip("/")
        self.data = self.options["data_url"].rstrip("/")

    @cached_property
    def session(self) -> SecSession:
        limiter = shared_limiter(
            self.cache_dir / "ratelimit.sqlite", int(self.options["requests_per_second"])
        )
        return SecSession(
            self.user_agent,
            limiter,
            retries=int(self.options["retries"]),
            backoff_factor=float(self.options["backoff_factor"]),
        )

    @cached_property
    def client(self) -> SharedLimitEdgarClient:
        return SharedLimitEdgarClient(self.session, data_url=self.data)

    def ticker_map(self) -> dict[str, str]:
        """Ticker → 10-digit CIK, downloaded at most once per ``ticker_map_max_age_days``."""
        path = self.cache_dir / "company_tickers.json"
        max_age = int(self.options["ticker_map_max_age_days"])
        path.parent.mkdir(parents=True, exist_ok=True)
        with FileLock(str(path) + ".lock"):
            if path.exists():
                cached = json.loads(path.read_text(encoding="utf-8"))
                age = dt.date.today() - dt.date.fromisoformat(cached["downloaded"])
                if age.days <= max_age:
                    return cached["tickers"]
            url = f"{self.www}/files/company_tickers.json"
            raw = self.session.get_json(url)
            tickers = {str(row["ticker"]).upper(): normalize_cik(row["cik_str"]) for row in raw.values()}
            write_json(path, {"downloaded": dt.date.today().isoformat(), "source": url, "tickers": tickers})
            return tickers

    def cik_for(self, ticker: str) -> str:
        if is_cik(ticker):
            return normalize_cik(ticker)
        cik = self.ticker_map().get(ticker)
        if cik is None:
            raise FinstepError(
                f"ticker {ticker!r} is not in SEC's company_tickers.json: check the spelling or give its CIK instead"
            )
        return cik

    def _refs(self, ticker: str, cik: str, company: str | None, rows: list[dict]) -> list[FilingRef]:
        refs = []
        for row in rows:
            # It becomes a file name and a wildcard: a bad one would surface as a Snakemake
            # MissingInputException naming neither the ticker nor the value.
            if not isinstance(row["accessionNumber"], str) or not _ACCESSION.fullmatch(
                row["accessionNumber"]
            ):
                raise FinstepError(
                    f"ticker {ticker!r} (CIK {cik}): the submissions list accession number "
                    f"{row['accessionNumber']!r}, not of EDGAR's form 0000320193-24-000123; "
                    "check source.data_url (a mirror) or report the listing to SEC"
                )
            primary = row.get("primaryDocument") or ""
            url, ext = document_url(cik, row["accessionNumber"], primary, self.www)
            served = primary if primary and url.endswith(f"/{primary}") else None  # not the .txt
            refs.append(
                FilingRef(
                    ticker=ticker,
                    accession=row["accessionNumber"],
                    ext=ext,
                    location=url,
                    cik=cik,
                    company=company,
                    form=row["form"],
                    filed=row.get("filingDate") or None,
                    period=row.get("reportDate") or None,
                    primary_document=served,
                    url=url,
                )
            )
        return refs

    def _needs_older(self, selected: list[FilingRef], candidates: list[FilingRef]) -> bool:
        latest = self.options.get("latest")
        years = self.options.get("fiscal_years")
        if years:
            known = [y for r in candidates if (y := fiscal_year(r)) is not None]
            return not known or min(known) >= years[0]
        return not latest or len(selected) < latest

    def list_filings(self, ticker: str) -> list[FilingRef]:
        cik = self.cik_for(ticker)
        submissions = self.client.get_submissions(cik, handle_pagination=False)
        company = submissions.get("name")
        filings = submissions.get("filings", {})
        refs = self._refs(ticker, cik, company, rows_of(filings.get("recent", {})))
        selected = select_filings(refs, self.options)
        for page in filings.get("files") or []:
            if not self._needs_older(selected, refs):
                break
            log.info("fetching older submissions page %s", page["name"])
            refs += self._refs(ticker, cik, company, rows_of(self.client.get_submissions_page(page["name"])))
            selected = select_filings(refs, self.options)
        if not selected:
            raise FinstepError(
                f"ticker {ticker!r} (CIK {cik}) has no filings of forms "
                f"{sorted(self.options['forms'])} in the requested range; relax source.forms or fiscal_years"
            )
        return selected

    def fetch(self, ref: FilingRef) -> bytes:
        data = self.session.get(ref.location)
        sniff(data, ref.location)
        return data
