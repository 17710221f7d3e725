"""What a filing source is: something that lists a ticker's filings and fetches one."""

from __future__ import annotations

import datetime as dt
import json
import re
from abc import ABC, abstractmethod
from dataclasses import asdict, dataclass
from typing import ClassVar

from pydantic import BaseModel, ConfigDict, ValidationError, field_validator

from ..config_schema import defaults
from ..errors import FinstepError
from ..validation import normalize_cik

DOCUMENT_EXTENSIONS = ("htm", "html", "txt")
_SHA256 = re.compile(r"[0-9a-f]{64}")


class FilingMeta(BaseModel):
    """Metadata that travels with a filing; every field may be unknown for local files.

    Besides what selects and names a filing, a sidecar may give its provenance (the SEC
    address of the primary document, where this copy came from) and the sha256 of the
    document, which the local source then checks on every fetch: a shipped or mirrored
    copy that changed is refused, not extracted.
    """

    model_config = ConfigDict(extra="ignore")

    cik: str | None = None
    company: str | None = None
    form: str = "10-K"
    filed: dt.date | None = None
    period: dt.date | None = None
    fiscal_year: int | None = None
    primary_document: str | None = None
    url: str | None = None
    sha256: str | None = None  # of the document as extracted (uncompressed)
    origin: str | None = None

    @field_validator("cik", mode="before")
    @classmethod
    def _cik(cls, value: object) -> str | None:
        return None if value in (None, "") else normalize_cik(value)

    @field_validator("sha256")
    @classmethod
    def _sha256(cls, value: str | None) -> str | None:
        if value is not None and not _SHA256.fullmatch(value):
            raise ValueError("sha256 must be 64 lower-case hex digits")
        return value

    @classmethod
    def parse(cls, data: dict, where: str) -> FilingMeta:
        try:
            return cls.model_validate(data)
        except (ValidationError, FinstepError) as exc:
            first = str(exc).splitlines()
            detail = "; ".join(first[1:3]) if len(first) > 1 else first[0]
            raise FinstepError(f"{where}: bad filing metadata ({detail}); fix or delete the file") from None


@dataclass(frozen=True)
class FilingRef:
    """One filing a source can fetch: enough to name its outputs and find its bytes."""

    ticker: str
    accession: str
    ext: str
    location: str  # a path for local sources, a URL for remote ones
    cik: str | None = None
    company: str | None = None
    form: str = "10-K"
    filed: str | None = None
    period: str | None = None
    fiscal_year: int | None = None
    primary_document: str | None = None
    url: str | None = None  # the document's address at SEC
    sha256: str | None = None  # what the document's bytes must hash to, when known
    origin: str | None = None  # where a local copy came from

    def as_dict(self) -> dict:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict) -> FilingRef:
        return cls(**data)

    def record(self, sha256: str, size: int) -> dict:
        """The ``results/filings/{ticker}/{accession}.json`` contract."""
        return {
            "ticker": self.ticker,
            "accession": self.accession,
            "cik": self.cik,
            "company": self.company,
            "form": self.form,
            "filed": self.filed,
            "period": self.period,
            "fiscal_year": self.fiscal_year,
            "primary_document": self.primary_document,
            "url": self.url,
            "source": self.location,
            "origin": self.origin,
            "ext": self.ext,
            "bytes": size,
            "sha256": sha256,
        }


def load_index(path: str) -> dict[str, FilingRef]:
    """Accession → FilingRef from a ticker's ``filings.json`` written by the listing checkpoint."""
    with open(path, encoding="utf-8") as handle:
        return {r["accession"]: FilingRef.from_dict(r) for r in json.load(handle)["filings"]}


class Source(ABC):
    """A plugin that provides 10-K filings for tickers.

    ``offline_listing`` says whether ``list_filings`` is cheap and local: then
    the workflow lists filings while it builds the DAG; otherwise listing is a
    checkpoint job (a local rule, so on a cluster it runs where the internet is).
    """

    name: ClassVar[str]
    offline_listing: ClassVar[bool]
    # Options that change how requests travel, never which filings are listed or what their
    # bytes are: changing one reruns no listing and no download (finstep.sources.params).
    transport_options: ClassVar[frozenset[str]] = frozenset()

    def __init__(self, options: dict) -> None:
        self.options = {**defaults("source"), **options}  # what a script or test leaves out

    @abstractmethod
    def list_filings(self, ticker: str) -> list[FilingRef]:
        """The filings selected for ``ticker``, newest first."""

    @abstractmethod
    def fetch(self, ref: FilingRef) -> bytes:
        """The document's bytes, checked to be a filing (not an error page)."""
