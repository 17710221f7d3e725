"""Which filings to keep: forms, amendments, the N most recent or a fiscal-year range."""

from __future__ import annotations

from .base import FilingRef

AMENDMENT_SUFFIX = "/A"


def allowed_forms(options: dict) -> set[str]:
    """``options``: a source's, defaults filled (``Source.options``)."""
    forms = {str(f).upper() for f in options["forms"]}
    if options["amendments"]:
        forms |= {f + AMENDMENT_SUFFIX for f in forms if not f.endswith(AMENDMENT_SUFFIX)}
    return forms


def fiscal_year(ref: FilingRef) -> int | None:
    """The fiscal year its metadata states, else the year of the period reported on, else the
    filing year less one (a fiscal year ending in January names the year before in some filers'
    usage, so a stated year wins)."""
    if ref.fiscal_year is not None:
        return ref.fiscal_year
    if ref.period:
        return int(ref.period[:4])
    if ref.filed:
        return int(ref.filed[:4]) - 1
    return None


def select_filings(refs: list[FilingRef], options: dict) -> list[FilingRef]:
    """Filter by form and fiscal years, newest first, then keep ``latest`` of them."""
    forms = allowed_forms(options)
    kept = [r for r in refs if r.form.upper() in forms]
    years = options.get("fiscal_years")
    if years:
        low, high = years
        kept = [r for r in kept if (y := fiscal_year(r)) is not None and low <= y <= high]
    kept.sort(key=lambda r: (r.filed or "", r.period or "", r.accession), reverse=True)
    latest = options.get("latest")
    return kept[:latest] if latest else kept
