#!/usr/bin/env python3
"""Write the synthetic sample 10-K filings under ``tests/data/filings/`` from ``tests/data/sample_filings/``.

Everything in the generated files is invented for testing: the prose was
written for this project and the figures are made up (they add up within a
filing, but they are not the companies' reported results).  Only the company
names, tickers and CIKs are real.  The files imitate the *structure* of real
EDGAR documents, so that the extraction code meets what it will meet on EDGAR:

* three modern inline-XBRL (iXBRL) 10-K primary documents (.htm) with hidden
  ``ix:header`` facts, a cover page, an HTML table of contents, Workiva-style
  ``<div><span>`` paragraphs, numeric and prose tables, running page
  headers/footers and page breaks;
* one 1998 full-submission SGML text file (.txt) with ``<SEC-HEADER>``,
  ``<PAGE>`` markers, a ``<TABLE>`` block and an EX-27 financial data schedule;
* a ``.json`` metadata file beside each filing.

The words and figures are data, one folder per filing
(``tests/data/sample_filings/<TICKER>/<accession>/``: ``filing.toml`` and one
Markdown file per Item, described in ``tests/data/sample_filings/README.md``),
so that they can be edited without reading code; this script only lays them
out in each filer's house style.  Item titles come from
``finstep.extract.items``, so the samples print the titles the extractor
knows.  Deterministic: the same data always gives the same bytes, and
``tests/test_sample_filings.py`` checks that the committed filings are this
script's output.  Run it with the project's environment (``finstep`` is
imported from ``scripts/``):

    .venv/bin/python tests/data/make_sample_filings.py [--out DIR]
"""

from __future__ import annotations

import argparse
import html
import json
import re
import sys
import textwrap
import tomllib
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
DATA_DIR = HERE / "sample_filings"
OUT_DIR = HERE / "filings"

REPO = HERE.parents[1]
if str(REPO / "scripts") not in sys.path:
    sys.path.insert(0, str(REPO / "scripts"))
from finstep.extract.items import ITEM_TITLES as FORM_ITEM_TITLES  # noqa: E402

# A combined "Items 1 and 2" heading (key "1-2") takes both Items' titles.
ITEM_TITLES = {**FORM_ITEM_TITLES, "1-2": f"{FORM_ITEM_TITLES['1']} and {FORM_ITEM_TITLES['2']}"}

# An Item's content is a list of blocks: a string is a paragraph, a tuple
# (kind, ...) anything else (see ``parse_blocks``).  A filing's contents list
# ("part", roman) and ("item", key, blocks) entries in document order.
Block = str | tuple[Any, ...]
Entry = tuple[Any, ...]


class DataError(ValueError):
    """A data file under tests/data/sample_filings/ that cannot be read as documented."""


def squash(text: str) -> str:
    """Collapse whitespace runs: data files wrap prose freely and the output never shows where."""
    return " ".join(text.split())


# ==========================================================================
# Reading the data files
# ==========================================================================

FENCE = "```"
COMMENT_RE = re.compile(r"^<!--\s*(.*?)\s*-->$")
ROW_KINDS = ("", "indent", "total", "grand", "section")


def check_keys(spec: dict[str, Any], required: set[str], optional: set[str], where: str) -> None:
    """Refuse missing and unknown keys, so that a misspelt key is an error rather than silently ignored."""
    missing = required - set(spec)
    unknown = set(spec) - required - optional
    if missing or unknown:
        raise DataError(f"{where}: missing keys {sorted(missing)}, unknown keys {sorted(unknown)}")


def prose_block(lines: list[str], where: str) -> Block:
    """One blank-line-separated chunk of Markdown: heading, risk heading, bullet list or paragraph."""
    first = lines[0]
    if first.startswith("## "):
        if len(lines) > 1:
            raise DataError(f"{where}: a '## ' heading is one line, followed by a blank line")
        return ("heading", first[3:].strip())
    if first.startswith("- "):
        bullets: list[list[str]] = []
        for line in lines:
            if line.startswith("- "):
                bullets.append([line[2:]])
            else:
                bullets[-1].append(line)
        return ("bullets", [squash(" ".join(b)) for b in bullets])
    text = squash(" ".join(lines))
    if text.startswith("**") and text.endswith("**"):
        return ("risk", text[2:-2])
    return text


def fenced_block(kind: str, source: str, where: str) -> Block:
    """A ```kind block: a table or other structured block, its body written in TOML."""
    try:
        spec = tomllib.loads(source)
    except tomllib.TOMLDecodeError as err:
        raise DataError(f"{where}: ```{kind} block: {err}") from err
    if kind == "table":
        check_keys(spec, {"columns", "rows"}, {"caption", "note", "first_col", "contexts"}, where)
        rows = []
        for row in spec["rows"]:
            check_keys(row, {"label"}, {"cells", "concept", "kind"}, where)
            if row.get("kind", "") not in ROW_KINDS:
                raise DataError(f"{where}: row kind {row['kind']!r} is none of {ROW_KINDS}")
            rows.append(
                {
                    "label": row["label"],
                    "cells": row.get("cells", []),
                    "concept": row.get("concept"),
                    "kind": row.get("kind", ""),
                }
            )
        columns = spec["columns"]
        contexts = [cid or None for cid in spec.get("contexts", [])] or [None] * len(columns)
        return (
            "table",
            {
                "caption": spec.get("caption"),
                "columns": columns,
                "rows": rows,
                "col_ctx": contexts,
                "note": spec.get("note"),
                "first_col": spec.get("first_col", ""),
            },
        )
    if kind == "grid":
        check_keys(spec, {"header", "rows"}, set(), where)
        return ("grid", {"header": spec["header"], "rows": spec["rows"]})
    if kind == "prose-table":
        check_keys(spec, {"header", "row"}, set(), where)
        for row in spec["row"]:
            check_keys(row, {"left", "right"}, set(), where)
        rows = [[squash(row["left"]), squash(row["right"])] for row in spec["row"]]
        return ("prose-table", {"header": spec["header"], "rows": rows})
    if kind == "officers":
        check_keys(spec, {"officer"}, set(), where)
        for officer in spec["officer"]:
            check_keys(officer, {"name", "age", "title", "bio"}, set(), where)
        return (
            "officers",
            [(o["name"], o["age"], o["title"], squash(o["bio"])) for o in spec["officer"]],
        )
    if kind == "sgml-table":
        check_keys(spec, {"caption", "column_head", "columns", "rows"}, set(), where)
        rows = [(row[0], row[1:] or None) for row in spec["rows"]]
        return ("sgml-table", {**spec, "rows": rows})
    raise DataError(f"{where}: unknown block ```{kind}")


def parse_blocks(text: str, where: str) -> list[Block]:
    """Read an Item's Markdown into blocks.

    Chunks separated by blank lines are paragraphs, ``## `` headings,
    ``**bold**`` risk headings or ``- `` bullet lists; fenced blocks hold
    tables; ``<!-- page break -->`` forces a new page and
    ``<!-- textblock CONCEPT -->`` ... ``<!-- end textblock -->`` wraps notes
    in an XBRL text-block fact.
    """
    lines = text.splitlines()
    stack: list[tuple[str, list[Block]]] = [("", [])]
    chunk: list[str] = []
    start = 0

    def flush() -> None:
        if chunk:
            stack[-1][1].append(prose_block(chunk, f"{where}:{start}"))
            chunk.clear()

    i = 0
    while i < len(lines):
        line = lines[i].rstrip()
        i += 1
        comment = COMMENT_RE.match(line)
        if line.startswith(FENCE):
            flush()
            end = next((j for j in range(i, len(lines)) if lines[j].rstrip() == FENCE), None)
            if end is None:
                raise DataError(f"{where}:{i}: {line} is never closed by a ``` line")
            stack[-1][1].append(fenced_block(line[3:].strip(), "\n".join(lines[i:end]), f"{where}:{i}"))
            i = end + 1
        elif comment:
            flush()
            words = comment[1].split()
            if words == ["page", "break"]:
                stack[-1][1].append(("break",))
            elif len(words) == 2 and words[0] == "textblock":
                stack.append((words[1], []))
            elif words == ["end", "textblock"] and len(stack) > 1:
                concept, blocks = stack.pop()
                stack[-1][1].append(("textblock", concept, blocks))
            else:
                raise DataError(f"{where}:{i}: unknown or unbalanced marker {line}")
        elif not line.strip():
            flush()
        else:
            if not chunk:
                start = i
            chunk.append(line)
    flush()
    if len(stack) > 1:
        raise DataError(f"{where}: <!-- textblock {stack[-1][0]} --> is never ended")
    return stack[0][1]


def shown(path: Path) -> str:
    """A path for messages, relative to the repository root when it is inside it."""
    return str(path.relative_to(REPO) if path.is_relative_to(REPO) else path)


def read_blocks(path: Path) -> list[Block]:
    return parse_blocks(path.read_text(encoding="utf-8"), shown(path))


def read_contents(folder: Path, parts: dict[str, list[str]]) -> list[Entry]:
    """The Parts and Items listed in filing.toml, each Item read from its item-<key>.md."""
    contents: list[Entry] = []
    for roman, keys in parts.items():
        contents.append(("part", roman))
        contents += [("item", key, read_blocks(folder / f"item-{key}.md")) for key in keys]
    listed = {f"item-{key}.md" for keys in parts.values() for key in keys}
    unlisted = sorted(p.name for p in folder.glob("item-*.md") if p.name not in listed)
    if unlisted:  # an Item file that [parts] forgets would silently vanish from the filing
        raise DataError(f"{shown(folder)}: {', '.join(unlisted)} not listed in filing.toml [parts]")
    return contents


# Flags every sample's cover page asserts (see ``IxbrlFiling.cover_html``).
COMMON_DEI_HIDDEN = [
    ("dei:AmendmentFlag", "FY2024", "false"),
    ("dei:DocumentFiscalYearFocus", "FY2024", "2024"),
    ("dei:DocumentFiscalPeriodFocus", "FY2024", "FY"),
    ("dei:EntityWellKnownSeasonedIssuer", "FY2024", "Yes"),
    ("dei:EntityVoluntaryFilers", "FY2024", "No"),
    ("dei:EntityCurrentReportingStatus", "FY2024", "Yes"),
    ("dei:EntityInteractiveDataCurrent", "FY2024", "Yes"),
    ("dei:EntityFilerCategory", "FY2024", "Large Accelerated Filer"),
    ("dei:EntitySmallBusiness", "FY2024", "false"),
    ("dei:EntityEmergingGrowthCompany", "FY2024", "false"),
    ("dei:EntityShellCompany", "FY2024", "false"),
    ("dei:IcfrAuditorAttestationFlag", "FY2024", "true"),
    ("dei:DocumentFinStmtErrorCorrectionFlag", "FY2024", "false"),
]


# The keys of filing.toml for each format.
BASE_KEYS = {"format", "cik", "company", "filed", "period", "parts"}
FILING_KEYS = {
    "inline-xbrl": BASE_KEYS | {"cover", "xbrl"},
    "sgml-text": BASE_KEYS | {"sec_header", "toc_heading", "titles", "signature", "signers", "ex27"},
}


def load_filing(folder: Path) -> dict[str, Any]:
    """One filing's data as the renderers use it: filing.toml, its Items and any preamble or cover."""
    where = shown(folder / "filing.toml")
    try:
        meta = tomllib.loads((folder / "filing.toml").read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as err:
        raise DataError(f"{where}: {err}") from err
    keys = FILING_KEYS.get(meta.get("format", ""))
    if keys is None:
        raise DataError(f"{where}: format is none of {sorted(FILING_KEYS)}")
    check_keys(meta, keys, set(), where)
    filing: dict[str, Any] = {
        "ticker": folder.parent.name,
        "accession": folder.name,
        "format": meta["format"],
        "cik": meta["cik"],
        "company": meta["company"],
        "filed": meta["filed"],
        "period": meta["period"],
        "items": read_contents(folder, meta["parts"]),
    }
    if meta["format"] == "inline-xbrl":
        preamble = folder / "preamble.md"
        xbrl, cover = meta["xbrl"], meta["cover"]
        hidden = [
            (h["concept"], h["context"], (h["unit"], h["value"]) if "unit" in h else h["value"])
            for h in xbrl["hidden"]
        ]
        filing |= {
            "preamble": read_blocks(preamble) if preamble.is_file() else [],
            "prefix": xbrl["prefix"],
            "namespace": xbrl["namespace"],
            "periods": xbrl["periods"],
            "instants": xbrl["instants"],
            "members": xbrl["members"],
            "hidden": [*COMMON_DEI_HIDDEN, *hidden],
            "cover": cover
            | {
                "proxy": squash(cover["proxy"]),
                "signature": squash(cover["signature"]),
                "securities": [
                    (s["title"], s["symbol"], s["exchange"], s["member"]) for s in cover["securities"]
                ],
                "shares": [(s["count"], s.get("member", ""), s["what"]) for s in cover["shares"]],
            },
        }
    else:
        filing |= {
            "sec_header": meta["sec_header"].split("\n"),
            "cover_lines": (folder / "cover.txt").read_text(encoding="utf-8").splitlines(),
            "toc_heading": meta["toc_heading"],
            "titles": meta["titles"],
            "signature": squash(meta["signature"]),
            "signers": meta["signers"],
            "ex27": meta["ex27"],
        }
    return filing


def load_filings(data_dir: Path = DATA_DIR) -> list[dict[str, Any]]:
    return [load_filing(toml.parent) for toml in sorted(data_dir.glob("*/*/filing.toml"))]


# ==========================================================================
# Inline XBRL (.htm) layout, shared by the three modern filings.
# ==========================================================================

# Short names usable in [[Concept|context|shown]] markup and in table rows.
CONCEPTS = {
    "Revenue": "us-gaap:RevenueFromContractWithCustomerExcludingAssessedTax",
    "CostOfSales": "us-gaap:CostOfGoodsAndServicesSold",
    "GrossMargin": "us-gaap:GrossProfit",
    "RD": "us-gaap:ResearchAndDevelopmentExpense",
    "SGA": "us-gaap:SellingGeneralAndAdministrativeExpense",
    "SM": "us-gaap:SellingAndMarketingExpense",
    "GA": "us-gaap:GeneralAndAdministrativeExpense",
    "OpEx": "us-gaap:OperatingExpenses",
    "CostsAndExpenses": "us-gaap:CostsAndExpenses",
    "OperatingIncome": "us-gaap:OperatingIncomeLoss",
    "OtherIncome": "us-gaap:NonoperatingIncomeExpense",
    "PretaxIncome": "us-gaap:IncomeLossFromContinuingOperationsBeforeIncomeTaxesExtraordinaryItemsNoncontrollingInterest",
    "Tax": "us-gaap:IncomeTaxExpenseBenefit",
    "NetIncome": "us-gaap:NetIncomeLoss",
    "EPSBasic": "us-gaap:EarningsPerShareBasic",
    "EPSDiluted": "us-gaap:EarningsPerShareDiluted",
    "SharesBasic": "us-gaap:WeightedAverageNumberOfSharesOutstandingBasic",
    "SharesDiluted": "us-gaap:WeightedAverageNumberOfDilutedSharesOutstanding",
    "OCF": "us-gaap:NetCashProvidedByUsedInOperatingActivities",
    "Cash": "us-gaap:CashAndCashEquivalentsAtCarryingValue",
    "Assets": "us-gaap:Assets",
    "AssetsCurrent": "us-gaap:AssetsCurrent",
    "Liabilities": "us-gaap:Liabilities",
    "LiabilitiesCurrent": "us-gaap:LiabilitiesCurrent",
    "Equity": "us-gaap:StockholdersEquity",
    "LiabilitiesAndEquity": "us-gaap:LiabilitiesAndStockholdersEquity",
}


def concept_name(short: str) -> str:
    """A prefixed name as is; a short name from CONCEPTS, else taken as us-gaap."""
    if ":" in short:
        return short
    return CONCEPTS.get(short, "us-gaap:" + short)


# House styles: fonts, spacing, entity encoding and how often pages break.
STYLES: dict[str, dict[str, Any]] = {
    "AAPL": {"font": "'Helvetica',sans-serif", "size": "9pt", "small": "8pt", "margin": "9pt",
             "smart_quotes": True, "ascii": True, "page_chars": 3300, "shade": "#cceeff",
             "part_align": "center", "risk_italic": False},
    "MSFT": {"font": "'Segoe UI',sans-serif", "size": "10pt", "small": "8pt", "margin": "10pt",
             "smart_quotes": True, "ascii": False, "page_chars": 3600, "shade": None,
             "part_align": "left", "risk_italic": True},
    "GOOGL": {"font": "'Arial',sans-serif", "size": "10pt", "small": "8pt", "margin": "8pt",
              "smart_quotes": False, "ascii": True, "page_chars": 3500, "shade": "#efefef",
              "part_align": "center", "risk_italic": False},
}  # fmt: skip

NAMESPACES = (
    'xmlns="http://www.w3.org/1999/xhtml" '
    'xmlns:ix="http://www.xbrl.org/2013/inlineXBRL" '
    'xmlns:xbrli="http://www.xbrl.org/2003/instance" '
    'xmlns:us-gaap="http://fasb.org/us-gaap/2024" '
    'xmlns:dei="http://xbrl.sec.gov/dei/2024" '
    'xmlns:iso4217="http://www.xbrl.org/2003/iso4217" '
    'xmlns:link="http://www.xbrl.org/2003/linkbase" '
    'xmlns:xlink="http://www.w3.org/1999/xlink" '
    'xmlns:ixt="http://www.xbrl.org/inlineXBRL/transformation/2020-02-12" '
    'xmlns:ixt-sec="http://www.sec.gov/inlineXBRL/transformation/2015-08-31" '
    'xmlns:xbrldi="http://xbrl.org/2006/xbrldi" '
    'xmlns:srt="http://fasb.org/srt/2024"'
)

CSS = """
body { margin: 0 auto; max-width: 8.5in; }
table { border-collapse: collapse; }
a { color: #0000ff; text-decoration: none; }
td { padding: 0; }
"""

UNITS = (
    '<xbrli:unit id="usd"><xbrli:measure>iso4217:USD</xbrli:measure></xbrli:unit>'
    '<xbrli:unit id="shares"><xbrli:measure>xbrli:shares</xbrli:measure></xbrli:unit>'
    '<xbrli:unit id="usdPerShare"><xbrli:divide><xbrli:unitNumerator><xbrli:measure>iso4217:USD'
    "</xbrli:measure></xbrli:unitNumerator><xbrli:unitDenominator><xbrli:measure>xbrli:shares"
    "</xbrli:measure></xbrli:unitDenominator></xbrli:divide></xbrli:unit>"
    '<xbrli:unit id="pure"><xbrli:measure>xbrli:pure</xbrli:measure></xbrli:unit>'
)

TAG_RE = re.compile(r"\[\[([^|\]]+)\|([^|\]]+)\|([^\]]+)\]\]")
CELL_RE = re.compile(
    r"^(?P<dollar>\$)?(?P<open>\()?(?P<num>\d[\d,]*(?:\.\d+)?|—)(?P<close>\))?\s*(?P<pct>%)?$"
)
PAGE_BREAK_DIV = '<div style="page-break-after:always"></div>'
CHECKED, UNCHECKED = "\u2612", "\u2610"


class IxbrlFiling:
    """Renders one modern 10-K as an inline XBRL document.

    Pages break after roughly ``page_chars`` characters of text, so page
    numbers, running headers and the table of contents move with the prose.
    """

    def __init__(self, filing: dict[str, Any]) -> None:
        self.f = filing
        self.key: str = filing["ticker"]
        self.st = STYLES[self.key]
        self.out: list[str] = []
        self.page = 1
        self.chars = 0
        self.part = ""
        self.item_label = ""
        self.item_key = ""
        self.need_header = False
        self.no_break = False
        self.item_pages: dict[str, int] = {}
        self.contexts: dict[str, None] = {}  # context ids in order of first use
        self.nfacts = 0

    # ---- text and facts ------------------------------------------------
    def plain(self, text: str) -> str:
        text = html.escape(text, quote=False)
        if self.st["smart_quotes"]:
            text = re.sub(r'(^|[\s(\[—/])"', "\\1\u201c", text)
            text = text.replace('"', "\u201d").replace("'", "\u2019")
        return text

    def inline(self, text: str) -> str:
        """Prose with its [[Concept|context|shown]] markup turned into ix:nonFraction facts."""
        text = squash(text)
        parts, pos = [], 0
        for m in TAG_RE.finditer(text):
            parts.append(self.plain(text[pos : m.start()]))
            parts.append(self.fact(m.group(1), m.group(2), m.group(3)))
            pos = m.end()
        parts.append(self.plain(text[pos:]))
        return "".join(parts)

    def next_id(self) -> str:
        self.nfacts += 1
        return f"f-{self.nfacts}"

    def ctx(self, cid: str) -> str:
        self.contexts.setdefault(cid, None)
        return cid

    def fact(self, concept: str, cid: str, shown: str, negative: bool = False) -> str:
        name = concept_name(concept)
        if "PerShare" in name:
            unit, decimals, scale = "usdPerShare", "2", "0"
        elif "Shares" in name and "NumberOf" in name:
            unit, decimals, scale = "shares", "-6", "6"
        else:
            unit, decimals, scale = "usd", "-6", "6"
        fmt = "ixt:fixed-zero" if shown == "—" else "ixt:num-dot-decimal"
        sign = ' sign="-"' if negative else ""
        return (
            f'<ix:nonFraction unitRef="{unit}" contextRef="{self.ctx(cid)}" decimals="{decimals}" '
            f'name="{name}" format="{fmt}" scale="{scale}" id="{self.next_id()}"{sign}>{shown}'
            f"</ix:nonFraction>"
        )

    def non_numeric(self, name: str, text: str, fmt: str | None = None, cid: str = "FY2024") -> str:
        fmt_attr = f' format="{fmt}"' if fmt else ""
        return (
            f'<ix:nonNumeric name="{name}" contextRef="{self.ctx(cid)}" id="{self.next_id()}"'
            f"{fmt_attr}>{text}</ix:nonNumeric>"
        )

    def span(self, inner: str, bold: bool = False, italic: bool = False, size: str | None = None) -> str:
        style = (
            f"color:#000000;font-family:{self.st['font']};font-size:{size or self.st['size']};"
            f"font-weight:{700 if bold else 400};line-height:120%"
        )
        if italic:
            style += ";font-style:italic"
        return f'<span style="{style}">{inner}</span>'

    def div(self, inner: str, align: str = "left", margin: str = "0pt", extra: str = "") -> str:
        return f'<div style="margin-top:{margin};text-align:{align}{extra}">{inner}</div>'

    # ---- pagination ----------------------------------------------------
    def footer_html(self) -> str:
        n = self.page
        company = self.f["company"]
        if self.key == "AAPL":
            footer = f"{company} | {self.f['period'][:4]} Form 10-K | {n}"
            return self.div(self.span(footer, size="8pt"), "center", "18pt")
        if self.key == "MSFT":
            return f'<div style="text-align:center">{n}</div>'
        return self.div(self.span(company, size="8pt"), "center", "18pt") + self.div(
            self.span(str(n), size="8pt"), "center"
        )

    def page_break(self) -> None:
        self.out.append(self.footer_html())
        self.out.append(PAGE_BREAK_DIV)
        self.page += 1
        self.chars = 0
        self.need_header = True

    def force_break(self) -> None:
        if self.chars > 0:
            self.page_break()

    def add(self, markup: str, chars: int, keep_with_next: bool = False) -> None:
        """Append markup that counts ``chars`` towards the page; a heading keeps with what follows."""
        if self.need_header:
            self.need_header = False
            if self.key == "MSFT" and self.part:
                label = self.part + (" " + self.item_label if self.item_label else "")
                self.out.append(self.div(self.span(label, size="8pt"), "right", extra=";margin-bottom:9pt"))
            if self.key == "GOOGL" and self.item_key:
                # Alphabet's sample prints the current Item's heading atop every page, as some filers do.
                self.out.append(
                    self.div(self.item_heading_inner(self.item_key), "left", extra=";margin-bottom:9pt")
                )
        self.out.append(markup)
        self.chars += chars
        if not keep_with_next and not self.no_break and self.chars >= self.st["page_chars"]:
            self.page_break()

    # ---- headings ------------------------------------------------------
    def part_heading(self, roman: str) -> None:
        if roman != "I":
            self.force_break()
        self.part, self.item_label, self.item_key = f"PART {roman}", "", ""
        size = "12pt" if self.key == "MSFT" else None
        markup = (
            f'<div id="p{roman.lower()}" style="margin-top:12pt;text-align:{self.st["part_align"]}">'
            f"{self.span(self.part, bold=True, size=size)}</div>"
        )
        self.add(markup, 40, keep_with_next=True)

    def item_heading_inner(self, key: str) -> str:
        """The Item heading as each filer prints it (the extractor must read all these forms)."""
        title = ITEM_TITLES[key]
        if self.key == "AAPL":
            return self.span(f"Item {key}." + "&#160;" * 4 + self.plain(title), bold=True)
        if self.key == "MSFT":
            if key == "1-2":
                return self.span("ITEMS 1 AND 2. " + self.plain(title.upper()), bold=True)
            return self.span(f"ITEM {key}. " + self.plain(title.upper()), bold=True)
        if key == "1":  # Alphabet: number and title in adjacent spans, no space
            return self.span("Item 1.", bold=True) + self.span(self.plain(title), bold=True)
        if key in ("1A", "7", "7A", "9A"):
            return self.span(f"Item {key}:&#160;" + self.plain(title), bold=True)
        return self.span(f"Item {key}.&#160;" + self.plain(title), bold=True)

    def item_heading(self, key: str) -> None:
        number = key.split("-")[0]
        self.item_label = f"Item {number}"
        self.item_key = key
        self.item_pages[key] = self.page
        markup = f'<div id="i{number.lower()}" style="margin-top:14pt">{self.item_heading_inner(key)}</div>'
        self.add(markup, 60, keep_with_next=True)

    # ---- blocks ----------------------------------------------------------
    def render_blocks(self, blocks: list[Block]) -> None:
        for block in blocks:
            if isinstance(block, str):
                self.add(
                    self.div(self.span(self.inline(block)), "justify", self.st["margin"]), len(squash(block))
                )
                continue
            kind = block[0]
            if kind == "heading":
                self.add(
                    self.div(self.span(self.plain(block[1]), bold=True), "left", "12pt"),
                    50,
                    keep_with_next=True,
                )
            elif kind == "risk":
                risk = self.span(self.plain(block[1]), bold=True, italic=self.st["risk_italic"])
                self.add(self.div(risk, "justify", "10pt"), len(block[1]), keep_with_next=True)
            elif kind == "bullets":
                for item in block[1]:
                    bullet = "\u2022" + "&#160;" * 3 + self.inline(item)
                    indent = ";padding-left:22.5pt;text-indent:-13.5pt"
                    self.add(self.div(self.span(bullet), "justify", "6pt", indent), len(item))
            elif kind == "table":
                spec = block[1]
                self.add(self.table_html(spec), 70 * (len(spec["rows"]) + 3))
            elif kind == "grid":
                spec = block[1]
                self.add(self.grid_html(spec), 80 * (len(spec["rows"]) + 1))
            elif kind == "officers":
                self.add(self.officers_html(block[1]), sum(len(squash(r[3])) + 60 for r in block[1]))
            elif kind == "prose-table":
                spec = block[1]
                self.add(self.prose_table_html(spec), sum(len(" ".join(r)) for r in spec["rows"]))
            elif kind == "textblock":
                opening = (
                    f'<ix:nonNumeric name="{block[1]}" contextRef="{self.ctx("FY2024")}" '
                    f'escape="true" id="{self.next_id()}">'
                )
                self.add(opening, 0, keep_with_next=True)
                self.no_break = True
                self.render_blocks(block[2])
                self.no_break = False
                self.add("</ix:nonNumeric>", 0)
            elif kind == "break":
                self.force_break()
            else:
                raise DataError(f"{self.key}: no HTML layout for a {kind!r} block")

    def table_html(self, spec: dict[str, Any]) -> str:
        cols = spec["columns"]
        n = len(cols)
        pad = "padding:2px 1pt;vertical-align:bottom"
        out = []
        if spec["caption"]:
            out.append(self.div(self.span(self.plain(spec["caption"]), bold=True), "center", "12pt"))
        if spec["note"]:
            out.append(self.div(self.span(self.plain(spec["note"]), size=self.st["small"]), "center"))
        out.append(
            '<table style="border-collapse:collapse;display:inline-table;margin-bottom:5pt;'
            'margin-top:6pt;vertical-align:text-bottom;width:100.000%">'
        )
        widths = f'<td style="width:{100 - 13 * n}.0%"></td>' + "".join(
            '<td style="width:0.1%"></td><td style="width:1.0%"></td>'
            '<td style="width:10.8%"></td><td style="width:1.1%"></td>'
            for _ in cols
        )
        out.append(f"<tr>{widths}</tr>")
        first = self.span(self.plain(spec["first_col"]), bold=True) if spec["first_col"] else ""
        head = f'<td style="{pad};text-align:left">{first}</td>'
        for col in cols:
            head += (
                f'<td style="{pad}"></td><td colspan="3" style="{pad};border-bottom:1pt solid #000000;'
                f'text-align:center">{self.span(self.plain(col), bold=True, size=self.st["small"])}</td>'
            )
        out.append(f"<tr>{head}</tr>")
        for i, row_spec in enumerate(spec["rows"]):
            bg = f"background-color:{self.st['shade']};" if self.st["shade"] and i % 2 == 0 else ""
            out.append(self.table_row(row_spec, spec["col_ctx"], bg, n))
        out.append("</table>")
        return "".join(out)

    def table_row(self, r: dict[str, Any], col_ctx: list[str | None], bg: str, n: int) -> str:
        """One row; a cell's figure becomes a fact when the row names a concept and its column a context."""
        kind = r["kind"]
        indent = "padding-left:10pt;" if kind == "indent" else "padding-left:1pt;"
        label = self.span(self.plain(r["label"]), bold=(kind == "section"))
        cells = [
            f'<td style="{bg}padding-top:2px;padding-bottom:2px;{indent}text-align:left;'
            f'vertical-align:bottom">{label}</td>'
        ]
        if kind == "section":
            cells.append(f'<td colspan="{4 * n}" style="{bg}padding:2px 1pt"></td>')
            return "<tr>" + "".join(cells) + "</tr>"
        border = ""
        if kind == "total":
            border = "border-top:1pt solid #000000;"
        elif kind == "grand":
            border = "border-top:1pt solid #000000;border-bottom:3pt double #000000;"
        concept, member = r["concept"], None
        if concept and "@" in concept:
            concept, member = concept.split("@")
        for j, value in enumerate(r["cells"]):
            cid = col_ctx[j] if j < len(col_ctx) else None
            if cid and member:
                cid = f"{cid}_{member}"
            cells.append(f'<td style="{bg}padding:2px 1pt"></td>')
            cells.append(self.value_cells(value, concept, cid, bg + border))
        return "<tr>" + "".join(cells) + "</tr>"

    def value_cells(self, value: str, concept: str | None, cid: str | None, style: str) -> str:
        """A figure in three cells ($, number, closing parenthesis or %), as Workiva lays them out."""
        base = f"{style}padding:2px 1pt;vertical-align:bottom"
        m = CELL_RE.match(value)
        if not m:
            inner = self.span(self.plain(value)) if value else ""
            return f'<td colspan="3" style="{base};text-align:right">{inner}</td>'
        shown = m["num"]
        if concept and cid and not m["pct"]:
            shown = self.fact(concept, cid, shown, negative=bool(m["open"]))
        left = "$" if m["dollar"] else ""
        right = (")" if m["close"] else "") + ("%" if m["pct"] else "")
        middle = ("(" if m["open"] else "") + shown
        return (
            f'<td style="{base};text-align:left">{self.span(left) if left else ""}</td>'
            f'<td style="{base};text-align:right">{self.span(middle)}</td>'
            f'<td style="{base};text-align:left">{self.span(right) if right else ""}</td>'
        )

    def grid_html(self, spec: dict[str, Any], cells_html: list[list[str]] | None = None) -> str:
        pad = "padding:3px 4pt;vertical-align:top"
        out = ['<table style="border-collapse:collapse;margin-top:6pt;width:100.000%">']
        head = "".join(
            f'<td style="{pad};border-bottom:1pt solid #000000;vertical-align:bottom">'
            f"{self.span(self.plain(h), bold=True, size=self.st['small'])}</td>"
            for h in spec["header"]
        )
        out.append(f"<tr>{head}</tr>")
        rows = cells_html or [[self.inline(c) for c in r] for r in spec["rows"]]
        for r in rows:
            out.append(
                "<tr>" + "".join(f'<td style="{pad}">{self.span(c) if c else ""}</td>' for c in r) + "</tr>"
            )
        out.append("</table>")
        return "".join(out)

    def officers_html(self, rows: list[tuple[str, str, str, str]]) -> str:
        """Name | Age | Position, the biography in the position cell below the title."""
        pad = "padding:2px 1pt;vertical-align:top"
        out = [
            '<table style="border-collapse:collapse;margin-top:6pt;width:100.000%">',
            "<tr>"
            + "".join(
                f'<td style="{pad}">{self.span(h, bold=True)}</td>' for h in ("Name", "Age", "Position")
            )
            + "</tr>",
        ]
        for name, age, title, bio in rows:
            out.append(
                f'<tr><td style="{pad};width:22%">{self.span(self.plain(name))}</td>'
                f'<td style="{pad};width:6%;text-align:center">{self.span(age)}</td>'
                f'<td style="{pad}"><div>{self.span(self.plain(title), italic=True)}</div>'
                f'<div style="margin-top:3pt;text-align:justify">{self.span(self.inline(bio))}</div></td></tr>'
            )
        out.append("</table>")
        return "".join(out)

    def prose_table_html(self, spec: dict[str, Any]) -> str:
        pad = "padding:4pt 6pt;vertical-align:top;border-bottom:0.5pt solid #7f7f7f"
        left_head, right_head = spec["header"]
        out = [
            '<table style="border-collapse:collapse;margin-top:10pt;width:100.000%">',
            f'<tr><td style="width:27%;{pad};border-bottom:1pt solid #000000">'
            f"{self.span(self.plain(left_head), bold=True)}</td>"
            f'<td style="width:73%;{pad};border-bottom:1pt solid #000000">'
            f"{self.span(self.plain(right_head), bold=True)}</td></tr>",
        ]
        for left, right in spec["rows"]:
            out.append(
                f'<tr><td style="{pad}"><div>{self.span(self.plain(left), bold=True)}</div></td>'
                f'<td style="{pad}"><div style="text-align:justify">{self.span(self.inline(right))}'
                f"</div></td></tr>"
            )
        out.append("</table>")
        return "".join(out)

    # ---- cover page and table of contents --------------------------------
    def cover_html(self) -> str:
        """The cover page, its dei facts tagged inline as filers do."""
        f, c = self.f, self.f["cover"]
        nn = self.non_numeric

        def bold(s: str, size: str | None = None) -> str:
            return self.span(s, bold=True, size=size)

        def reg(s: str) -> str:
            return self.span(s)

        def small(s: str) -> str:
            return self.span(s, size=self.st["small"])

        state_fmt = "ixt-sec:stateprovnameen" if len(c["addr_state"]) > 2 else None
        out = [
            self.div(bold("UNITED STATES", "12pt"), "center"),
            self.div(bold("SECURITIES AND EXCHANGE COMMISSION", "12pt"), "center"),
            self.div(reg("Washington, D.C. 20549"), "center"),
            self.div(bold("FORM " + nn("dei:DocumentType", "10-K"), "14pt"), "center", "12pt"),
            self.div(reg("(Mark One)"), "left", "9pt"),
            self.div(
                bold(
                    nn("dei:DocumentAnnualReport", CHECKED, "ixt:fixed-true")
                    + "&#160;&#160;ANNUAL REPORT PURSUANT TO SECTION 13 OR 15(d) OF THE SECURITIES "
                    "EXCHANGE ACT OF 1934"
                ),
                "left",
                "6pt",
            ),
            self.div(
                bold(
                    "For the fiscal year ended "
                    + nn("dei:DocumentPeriodEndDate", c["fy_end"], "ixt:date-monthname-day-year-en")
                ),
                "center",
                "6pt",
            ),
            self.div(reg("or"), "center", "6pt"),
            self.div(
                bold(
                    nn("dei:DocumentTransitionReport", UNCHECKED, "ixt:fixed-false")
                    + "&#160;&#160;TRANSITION REPORT PURSUANT TO SECTION 13 OR 15(d) OF THE SECURITIES "
                    "EXCHANGE ACT OF 1934"
                ),
                "left",
                "6pt",
            ),
            self.div(reg("For the transition period from ______ to ______."), "center", "6pt"),
            self.div(
                reg("Commission File Number: " + nn("dei:EntityFileNumber", c["file_no"])), "center", "9pt"
            ),
            self.div(
                bold(nn("dei:EntityRegistrantName", self.plain(f["company"])), "16pt"), "center", "12pt"
            ),
            self.div(small(self.plain("(Exact name of Registrant as specified in its charter)")), "center"),
            '<table style="border-collapse:collapse;margin-top:9pt;width:100.000%"><tr>'
            f'<td style="width:50%;text-align:center">'
            f"{bold(nn('dei:EntityIncorporationStateCountryCode', c['state'], 'ixt-sec:stateprovnameen'))}</td>"
            f'<td style="width:50%;text-align:center">{bold(nn("dei:EntityTaxIdentificationNumber", c["irs"]))}'
            "</td></tr><tr>"
            f'<td style="text-align:center">{small("(State or other jurisdiction of incorporation or organization)")}</td>'
            f'<td style="text-align:center">{small("(I.R.S. Employer Identification No.)")}</td></tr></table>',
            self.div(
                bold(
                    nn("dei:EntityAddressAddressLine1", c["street"])
                    + ", "
                    + nn("dei:EntityAddressCityOrTown", c["city"])
                    + ", "
                    + nn("dei:EntityAddressStateOrProvince", c["addr_state"], state_fmt)
                    + " "
                    + nn("dei:EntityAddressPostalZipCode", c["zip"])
                ),
                "center",
                "9pt",
            ),
            self.div(small("(Address of principal executive offices) (Zip Code)"), "center"),
            self.div(
                bold("(" + nn("dei:CityAreaCode", c["area"]) + ") " + nn("dei:LocalPhoneNumber", c["phone"])),
                "center",
                "9pt",
            ),
            self.div(small(self.plain("(Registrant's telephone number, including area code)")), "center"),
            self.div(reg("Securities registered pursuant to Section 12(b) of the Act:"), "left", "9pt"),
        ]
        sec_rows = []
        for title, symbol, exchange, member in c["securities"]:
            cid = f"FY2024_{member}"
            sec_rows.append(
                [
                    nn("dei:Security12bTitle", self.plain(title), cid=cid),
                    nn("dei:TradingSymbol", symbol, cid=cid) if symbol != "—" else "—",
                    nn("dei:SecurityExchangeName", self.plain(exchange), "ixt-sec:exchnameen", cid=cid),
                ]
            )
        header = ["Title of each class", "Trading symbol(s)", "Name of each exchange on which registered"]
        out.append(self.grid_html({"header": header}, sec_rows))
        out.append(
            self.div(reg("Securities registered pursuant to Section 12(g) of the Act: None"), "left", "6pt")
        )
        questions = [
            (
                "Indicate by check mark whether the Registrant is a well-known seasoned issuer as defined in "
                "Rule 405 under the Securities Act.",
                True,
            ),
            (
                "Indicate by check mark whether the Registrant is not required to file reports under Section 13 "
                "or Section 15(d) of the Act.",
                False,
            ),
            (
                "Indicate by check mark whether the Registrant (1) has filed every report required by Section 13 "
                "or 15(d) of the Securities Exchange Act of 1934 during the preceding 12 months and (2) has been "
                "subject to those filing requirements for the past 90 days.",
                True,
            ),
            (
                "Indicate by check mark whether the Registrant has submitted electronically every Interactive "
                "Data File required under Rule 405 of Regulation S-T during the preceding 12 months.",
                True,
            ),
        ]
        for text, yes in questions:
            answer = f"Yes {CHECKED if yes else UNCHECKED}&#160;&#160;&#160;&#160;No {UNCHECKED if yes else CHECKED}"
            out.append(self.div(reg(self.plain(text) + "&#160;&#160;" + answer), "justify", "6pt"))
        out.append(
            self.div(
                reg(
                    self.plain(
                        "Indicate by check mark whether the Registrant is a large accelerated filer, an accelerated "
                        "filer, a non-accelerated filer, a smaller reporting company or an emerging growth company, "
                        "as those terms are defined in Rule 12b-2 of the Exchange Act."
                    )
                ),
                "justify",
                "6pt",
            )
        )
        filer = [
            ("Large accelerated filer", CHECKED),
            ("Accelerated filer", UNCHECKED),
            ("Non-accelerated filer", UNCHECKED),
            ("Smaller reporting company", UNCHECKED),
            ("Emerging growth company", UNCHECKED),
        ]
        out.append(
            '<table style="border-collapse:collapse;margin-top:6pt;width:100.000%"><tr>'
            + "".join(f'<td style="width:20%">{reg(label + " " + box)}</td>' for label, box in filer)
            + "</tr></table>"
        )
        out.append(
            self.div(
                reg(
                    self.plain(
                        "Indicate by check mark whether the Registrant has filed a report on and attestation to "
                        "its management's assessment of the effectiveness of its internal control over financial "
                        "reporting under Section 404(b) of the Sarbanes-Oxley Act by the registered public "
                        "accounting firm that prepared or issued its audit report."
                    )
                    + " "
                    + CHECKED
                ),
                "justify",
                "6pt",
            )
        )
        out.append(
            self.div(
                reg(
                    self.plain(
                        "Indicate by check mark whether the Registrant is a shell company as defined in Rule 12b-2 "
                        "of the Act."
                    )
                    + f"&#160;&#160;Yes {UNCHECKED}&#160;&#160;&#160;&#160;No {CHECKED}"
                ),
                "justify",
                "6pt",
            )
        )
        public_float = (
            f'<ix:nonFraction unitRef="usd" contextRef="{self.ctx("DFLOAT")}" decimals="-6" '
            f'name="dei:EntityPublicFloat" format="ixt:num-dot-decimal" scale="0" '
            f'id="{self.next_id()}">{c["float"]}</ix:nonFraction>'
        )
        out.append(
            self.div(
                reg(
                    self.plain(
                        "The aggregate market value of the voting and non-voting stock held by non-affiliates of "
                        f"the Registrant, as of {c['float_date']}, the last business day of the Registrant's most "
                        "recently completed second fiscal quarter, was approximately $"
                    )
                    + public_float
                    + "."
                ),
                "justify",
                "6pt",
            )
        )
        share_parts = []
        for count, member, what in c["shares"]:
            cid = "DSHARES" + (f"_{member}" if member else "")
            tag = (
                f'<ix:nonFraction unitRef="shares" contextRef="{self.ctx(cid)}" decimals="INF" '
                f'name="dei:EntityCommonStockSharesOutstanding" format="ixt:num-dot-decimal" scale="0" '
                f'id="{self.next_id()}">{count}</ix:nonFraction>'
            )
            share_parts.append(tag + " " + self.plain(what))
        out.append(
            self.div(
                reg("As of " + c["shares_date"] + ", there were " + "; ".join(share_parts) + "."),
                "justify",
                "6pt",
            )
        )
        out.append(self.div(bold("DOCUMENTS INCORPORATED BY REFERENCE"), "center", "12pt"))
        out.append(self.div(reg(self.plain(c["proxy"])), "justify", "6pt"))
        return "\n".join(out)

    def toc_html(self) -> str:
        company = self.f["company"]
        heads = {
            "AAPL": [
                company,
                "Form 10-K",
                f"For the Fiscal Year Ended {self.f['cover']['fy_end']}",
                "TABLE OF CONTENTS",
            ],
            "MSFT": ["TABLE OF CONTENTS"],
            "GOOGL": [company, "TABLE OF CONTENTS"],
        }[self.key]
        out = [self.div(self.span(self.plain(h), bold=True), "center", "6pt") for h in heads]
        out.append('<table style="border-collapse:collapse;margin-top:12pt;width:100.000%">')
        out.append(
            '<tr><td style="width:14%"></td><td style="width:78%"></td>'
            f'<td style="width:8%;text-align:right">{self.span("Page", bold=True)}</td></tr>'
        )
        for entry in self.f["items"]:
            if entry[0] == "part":
                roman = entry[1]
                link = f'<a href="#p{roman.lower()}">Part {roman}</a>'
                out.append(
                    '<tr><td colspan="2" style="padding-top:9pt;text-align:center">'
                    f"{self.span(link, bold=True)}</td><td></td></tr>"
                )
                continue
            key = entry[1]
            number = key.split("-")[0]
            if key == "1-2":
                label = "Items 1 and 2"
            elif self.key == "MSFT":
                label = f"Item {key}"
            else:
                label = f"Item {key}."
            anchor = f"#i{number.lower()}"
            title = self.plain(ITEM_TITLES[key])
            out.append(
                f'<tr><td style="padding:2px 0">{self.span(f"<a href={chr(34)}{anchor}{chr(34)}>{label}</a>")}</td>'
                f'<td style="padding:2px 0">{self.span(f"<a href={chr(34)}{anchor}{chr(34)}>{title}</a>")}</td>'
                f'<td style="padding:2px 0;text-align:right">{self.span(str(self.item_pages[key]))}</td></tr>'
            )
        out.append("</table>")
        return "\n".join(out)

    # ---- XBRL header -----------------------------------------------------
    def hidden_facts(self) -> str:
        out = []
        for name, cid, value in self.f["hidden"]:
            if isinstance(value, str):
                out.append(self.non_numeric(name, html.escape(value, quote=False), cid=cid))
                continue
            kind, shown = value
            unit, decimals, scale = {
                "usd": ("usd", "-6", "6"),
                "shares": ("shares", "INF", "0"),
                "pure": ("pure", "3", "0"),
                "eps": ("usdPerShare", str(len(shown.split(".")[1])) if "." in shown else "0", "0"),
            }[kind]
            out.append(
                f'<ix:nonFraction unitRef="{unit}" contextRef="{self.ctx(cid)}" decimals="{decimals}" '
                f'name="{name}" format="ixt:num-dot-decimal" scale="{scale}" id="{self.next_id()}">'
                f"{shown}</ix:nonFraction>"
            )
        return "".join(out)

    def context_xml(self, cid: str) -> str:
        """An XBRL context: FY2024 etc. are durations, I2024 etc. instants; ``_Member`` adds a dimension."""
        base, _, member = cid.partition("_")
        if base in self.f["periods"]:
            start, end = self.f["periods"][base]
            period = f"<xbrli:startDate>{start}</xbrli:startDate><xbrli:endDate>{end}</xbrli:endDate>"
        else:
            period = f"<xbrli:instant>{self.f['instants'][base]}</xbrli:instant>"
        segment = ""
        if member:
            axis, value = self.f["members"][member]
            segment = (
                f'<xbrli:segment><xbrldi:explicitMember dimension="{axis}">{value}'
                f"</xbrldi:explicitMember></xbrli:segment>"
            )
        return (
            f'<xbrli:context id="{cid}"><xbrli:entity><xbrli:identifier scheme="http://www.sec.gov/CIK">'
            f"{self.f['cik']}</xbrli:identifier>{segment}</xbrli:entity><xbrli:period>{period}"
            f"</xbrli:period></xbrli:context>"
        )

    def xbrl_header(self) -> str:
        hidden = self.hidden_facts()
        stamp = self.f["period"].replace("-", "")
        refs = (
            f'<ix:references xml:lang="en-US"><link:schemaRef xlink:type="simple" '
            f'xlink:href="{self.f["prefix"]}-{stamp}.xsd"></link:schemaRef></ix:references>'
        )
        contexts = "\n".join(self.context_xml(cid) for cid in self.contexts)
        return (
            f'<div style="display:none"><ix:header><ix:hidden>\n{hidden}\n</ix:hidden>\n{refs}\n'
            f"<ix:resources>\n{contexts}\n{UNITS}\n</ix:resources></ix:header></div>"
        )

    # ---- whole document --------------------------------------------------
    def render(self) -> bytes:
        """The document's bytes; the body comes first because the cover and contents need its page numbers."""
        self.render_blocks(self.f["preamble"])
        for entry in self.f["items"]:
            if entry[0] == "part":
                self.part_heading(entry[1])
            else:
                self.item_heading(entry[1])
                self.render_blocks(entry[2])
        self.force_break()
        self.add(self.div(self.span("SIGNATURES", bold=True), "center", "12pt"), 10, keep_with_next=True)
        self.add(
            self.div(self.span(self.plain(self.f["cover"]["signature"])), "justify", self.st["margin"]), 200
        )
        self.add(self.div(self.span(self.plain(self.f["cover"]["signed"])), "left", self.st["margin"]), 20)
        self.out.append(self.footer_html())
        body = "\n".join(self.out)
        cover = self.cover_html()
        toc = self.toc_html()
        header = self.xbrl_header()
        stamp = self.f["period"].replace("-", "")
        document = (
            '<?xml version="1.0" encoding="utf-8"?>\n'
            f'<html {NAMESPACES} xmlns:{self.f["prefix"]}="{self.f["namespace"]}" xml:lang="en-US">\n'
            '<head>\n<meta http-equiv="Content-Type" content="text/html; charset=utf-8"/>\n'
            f'<title>{self.f["prefix"]}-{stamp}</title>\n<style type="text/css">{CSS}</style>\n</head>\n'
            f"<body>\n{header}\n{cover}\n{PAGE_BREAK_DIV}\n{toc}\n{PAGE_BREAK_DIV}\n{body}\n</body>\n</html>\n"
        )
        if self.st["ascii"]:
            return document.encode("ascii", "xmlcharrefreplace")
        return document.encode("utf-8")


# ==========================================================================
# Plain-text full submission (.txt) layout for the 1998 filing.
# ==========================================================================

SMALL_WORDS = {
    "AND": "and", "OF": "of", "IN": "in", "ON": "on", "TO": "to", "A": "a", "FOR": "for", "WITH": "with",
    "THE": "the",
}  # fmt: skip


def toc_case(title: str) -> str:
    """An upper-case Item title in the title case of the table of contents."""
    words = []
    for i, word in enumerate(title.split()):
        if any(ch.isdigit() for ch in word):
            words.append(word)
        elif i and word in SMALL_WORDS:
            words.append(SMALL_WORDS[word])
        else:
            words.append(word[0] + word[1:].lower())
    return " ".join(words)


def sgml_table(spec: dict[str, Any]) -> list[str]:
    """A ``<TABLE>`` block with dotted leaders, as typeset for EDGAR in the 1990s."""
    label_w, col_w = 44, 11
    width = label_w + col_w * len(spec["columns"])
    lines = ["<TABLE>", "<CAPTION>"]
    lines += [cap.center(width).rstrip() for cap in spec["caption"]]
    lines.append("")
    lines.append(spec["column_head"].ljust(label_w) + "".join(c.rjust(col_w) for c in spec["columns"]))
    lines.append("- " + "-" * (width - 2))
    lines.append("<S>".ljust(label_w) + "".join(("  <C>").ljust(col_w) for _ in spec["columns"]).rstrip())
    for label, values in spec["rows"]:
        if label in ("-", "="):
            lines.append(" " * label_w + "".join((label * 7).rjust(col_w) for _ in spec["columns"]))
        elif values is None:
            lines.append(label)
        else:
            dotted = (label + " " + "." * label_w)[: label_w - 1] + " "
            lines.append((dotted + "".join(v.rjust(col_w) for v in values)).rstrip())
    lines.append("</TABLE>")
    return lines


class TextFiling:
    """Renders the 1998 10-K as hard-wrapped text with <PAGE> breaks."""

    WIDTH = 72
    PAGE_LINES = 50

    def __init__(self, filing: dict[str, Any]) -> None:
        self.f = filing
        self.lines: list[str] = []
        self.page = 1
        self.count = 0
        self.item_pages: dict[str, int] = {}

    def emit(self, line: str = "") -> None:
        if self.count == 0 and not line.strip():
            return
        self.lines.append(line.rstrip())
        self.count += 1
        if self.count >= self.PAGE_LINES:
            self.end_page()

    def end_page(self) -> None:
        if self.count == 0:
            return
        self.lines += ["", str(self.page).center(self.WIDTH).rstrip(), "<PAGE>"]
        self.page += 1
        self.count = 0

    def ensure(self, n: int) -> None:
        """Start a new page unless ``n`` more lines fit on this one."""
        if self.count + n > self.PAGE_LINES:
            self.end_page()

    def para(self, text: str) -> None:
        for line in textwrap.wrap(squash(text), self.WIDTH, initial_indent="     "):
            self.emit(line)
        self.emit()

    def render_body(self) -> None:
        for entry in self.f["items"]:
            if entry[0] == "part":
                if entry[1] != "I":
                    self.end_page()
                self.ensure(6)
                self.emit(f"PART {entry[1]}".center(self.WIDTH))
                self.emit()
                continue
            key, blocks = entry[1], entry[2]
            heading = textwrap.wrap(
                f"ITEM {key}.  {self.f['titles'][key]}", self.WIDTH, subsequent_indent=" " * (len(key) + 8)
            )
            self.ensure(len(heading) + 4)
            self.item_pages[key] = self.page
            for line in heading:
                self.emit(line)
            self.emit()
            for block in blocks:
                if isinstance(block, str):
                    self.para(block)
                elif block[0] == "heading":
                    self.ensure(4)
                    self.emit(block[1])
                    self.emit()
                elif block[0] == "sgml-table":
                    table = sgml_table(block[1])
                    self.ensure(len(table) + 1)
                    for line in table:
                        self.emit(line)
                    self.emit()
                else:
                    raise DataError(f"{self.f['accession']}: no plain-text layout for a {block[0]!r} block")
        self.end_page()
        self.ensure(12)
        self.emit("SIGNATURES".center(self.WIDTH))
        self.emit()
        self.para(self.f["signature"])
        for i, signer in enumerate(self.f["signers"]):
            if i:
                self.emit()
            self.emit(" " * 36 + signer)
        self.lines += ["", str(self.page).center(self.WIDTH).rstrip()]


def text_front(filing: dict[str, Any], item_pages: dict[str, int]) -> list[str]:
    """Cover page (as printed in cover.txt) and table of contents, on unnumbered pages."""
    w = TextFiling.WIDTH
    lines = [*filing["cover_lines"], *(h.center(w).rstrip() for h in filing["toc_heading"])]
    lines += ["", "TABLE OF CONTENTS".center(w).rstrip(), "", " " * 66 + "Page", " " * 66 + "----"]
    for entry in filing["items"]:
        if entry[0] == "part":
            lines += ["", f"PART {entry[1]}".center(w).rstrip(), ""]
            continue
        key = entry[1]
        label = f"Item {key}.".ljust(11)
        title_lines = textwrap.wrap(toc_case(filing["titles"][key]), 52)
        for text in title_lines[:-1]:
            lines.append((label + text).rstrip())
            label = " " * 13
        last = (label + title_lines[-1] + " ").ljust(66, ".")
        lines.append(last + str(item_pages[key]).rjust(6))
    lines += ["", "<PAGE>"]
    return lines


EX27_LEGEND = [
    "THIS SCHEDULE CONTAINS SUMMARY FINANCIAL INFORMATION EXTRACTED FROM THE",
    "CONSOLIDATED BALANCE SHEET AND INCOME STATEMENT FILED AS PART OF THE ANNUAL",
    "REPORT ON FORM 10-K AND IS QUALIFIED IN ITS ENTIRETY BY REFERENCE TO SUCH",
    "ANNUAL REPORT ON FORM 10-K.",
]


def text_submission(filing: dict[str, Any]) -> bytes:
    """The full submission: SEC header, the 10-K document, then the EX-27 financial data schedule."""
    body = TextFiling(filing)
    body.render_body()
    front = text_front(filing, body.item_pages)
    ex27 = [
        "</TEXT>", "</DOCUMENT>", "<DOCUMENT>", "<TYPE>EX-27", "<SEQUENCE>2", "<DESCRIPTION>FINANCIAL DATA SCHEDULE",
        "<TEXT>", "", "<TABLE> <S> <C>", "", "<ARTICLE> 5", "<LEGEND>", *EX27_LEGEND, "</LEGEND>",
        "<MULTIPLIER> 1,000,000", "", "<S>".ljust(34) + "<C>",
    ]  # fmt: skip
    ex27 += [f"<{tag}>".ljust(34) + value.rjust(15) for tag, value in filing["ex27"].items()]
    ex27 += ["", "</TABLE>", "</TEXT>", "</DOCUMENT>", "</SEC-DOCUMENT>"]
    return ("\n".join(filing["sec_header"] + front + body.lines + ex27) + "\n").encode("ascii")


# ==========================================================================
# Entry point
# ==========================================================================


def write_filing(out_dir: Path, filing: dict[str, Any], data: bytes, suffix: str) -> None:
    """The document and, beside it, the .json record the local filing source reads."""
    folder = out_dir / filing["ticker"]
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / (filing["accession"] + suffix)
    path.write_bytes(data)
    meta = {"cik": filing["cik"], "company": filing["company"], "form": "10-K"}
    meta |= {"filed": filing["filed"], "period": filing["period"]}
    (folder / (filing["accession"] + ".json")).write_text(json.dumps(meta, indent=2) + "\n", encoding="utf-8")
    print(f"wrote {shown(path)} ({len(data):,} bytes)")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(
        description="Write the synthetic sample 10-K filings from their data files."
    )
    parser.add_argument(
        "--out",
        type=Path,
        default=OUT_DIR,
        help="folder to write <TICKER>/<accession>.{htm,txt,json} into (default: tests/data/filings)",
    )
    args = parser.parse_args(argv)
    try:
        filings = load_filings()
        for filing in filings:
            if filing["format"] == "inline-xbrl":
                write_filing(args.out, filing, IxbrlFiling(filing).render(), ".htm")
            else:
                write_filing(args.out, filing, text_submission(filing), ".txt")
    except DataError as err:
        raise SystemExit(f"make_sample_filings: {err}") from err


if __name__ == "__main__":
    main()
