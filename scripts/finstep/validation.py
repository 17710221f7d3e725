"""Checks on values that end up in file names, run before any work starts."""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable

from .config_schema import defaults
from .errors import FinstepError

# Letters, digits, '.' and '-', starting with a letter or digit, so that no
# ticker can be '.', '..' or an absolute path once it becomes a folder name.
TICKER_PATTERN = r"[A-Z0-9][A-Z0-9.\-]{0,11}"
# Accession numbers are 0000320193-24-000123; local folders may use other safe
# stems, but never dots (the extension follows the first dot).
ACCESSION_PATTERN = r"[A-Za-z0-9][A-Za-z0-9_\-]{0,63}"
# What EDGAR itself issues: filer or agent CIK, year, sequence.
EDGAR_ACCESSION_PATTERN = r"[0-9]{10}-[0-9]{2}-[0-9]{6}"
CIK_PATTERN = r"[0-9]{1,10}"
# Names of teachers, students, datasets and models: each becomes one folder name.
SAFE_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.\-]{0,63}")

_TICKER_RE = re.compile(TICKER_PATTERN)
_ACCESSION_RE = re.compile(ACCESSION_PATTERN)
_CIK_RE = re.compile(CIK_PATTERN)


def normalize_ticker(raw: object) -> str:
    """Upper-case a ticker and refuse anything that is unsafe as a folder name."""
    text = str(raw).strip().upper()
    if not _TICKER_RE.fullmatch(text):
        raise FinstepError(
            f"ticker {raw!r} is malformed: use letters, digits, '.' and '-' only "
            "(e.g. AAPL, BRK.B) or a numeric CIK"
        )
    return text


def is_cik(value: str) -> bool:
    """A ticker entry made of digits only is taken as a CIK."""
    return bool(_CIK_RE.fullmatch(value))


def normalize_cik(value: object) -> str:
    """Ten-digit zero-padded CIK, the form EDGAR's URLs and JSON use."""
    text = str(value).strip()
    if not _CIK_RE.fullmatch(text):
        raise FinstepError(f"CIK {value!r} is malformed: give up to 10 digits")
    return text.zfill(10)


def check_accession(accession: str, where: str) -> str:
    """Refuse accession names that cannot safely be used as file stems."""
    if not _ACCESSION_RE.fullmatch(accession):
        raise FinstepError(
            f"{where}: accession {accession!r} is not a safe file stem; "
            "name filings like 0000320193-24-000123.htm"
        )
    return accession


def check_chunking(options: dict) -> None:
    """Chunk overlap must be smaller than chunk size (the splitter would loop forever otherwise)."""
    options = {**defaults("chunking"), **options}
    size, overlap = options["size"], options["overlap"]
    if overlap >= size:
        raise FinstepError(
            f"chunking.overlap ({overlap}) must be smaller than chunking.size ({size}); lower the overlap"
        )


def closest(key: str, valid: Iterable[str]) -> str:
    """ " (did you mean 'x'?)" for the nearest valid key, or the valid keys when none is near."""
    valid = sorted(valid)
    near = difflib.get_close_matches(key, valid, n=1, cutoff=0.6)
    return f"; did you mean {near[0]!r}?" if near else f"; valid keys: {', '.join(valid)}"


def check_keys(config: dict, schema: dict, where: str = "") -> None:
    """Refuse a key the schema does not know, before JSON Schema's own message (which names no fix).

    A misspelt ``trainig:`` or ``load_in_4bt:`` would otherwise be ignored, and its
    default used, without a word. Objects whose schema sets ``additionalProperties:
    false`` are closed; open ones (teacher options) are checked by their plugin.
    """
    if not isinstance(config, dict) or schema.get("type") not in ("object", None):
        return
    properties = schema.get("properties", {})
    extra = schema.get("additionalProperties", True)
    for key, value in config.items():
        path = f"{where}.{key}" if where else str(key)
        if key in properties:
            check_keys(value, properties[key], path)
        elif extra is False:
            raise FinstepError(
                f"config key {path!r} is unknown{closest(str(key), properties)} (see config/README.md)"
            )
        elif isinstance(extra, dict):
            check_keys(value, extra, path)
