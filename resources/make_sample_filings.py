#!/usr/bin/env python3
"""Write the synthetic sample 10-K filings used by the extraction tests.

Everything in the generated files is invented for testing: the prose was
written for this project and the figures are made up (they add up within a
filing, but they are not the companies' reported results).  Only the company
names, tickers and CIKs are real.  The files imitate the *structure* of real
EDGAR documents:

* three modern inline-XBRL (iXBRL) 10-K primary documents (.htm) with hidden
  ``ix:header`` facts, a cover page, an HTML table of contents, Workiva-style
  ``<div><span>`` paragraphs, numeric and prose tables, running page
  headers/footers and page breaks;
* one 1998 full-submission SGML text file (.txt) with ``<SEC-HEADER>``,
  ``<PAGE>`` markers, a ``<TABLE>`` block and an EX-27 financial data schedule;
* a ``.json`` metadata file beside each filing.

Prose is kept as data (lists of blocks per Item per company); the layout code
at the bottom is shared.  Standard library only and fully deterministic:
running the script twice produces identical bytes.

    python resources/make_sample_filings.py
"""

from __future__ import annotations

import html
import json
import re
import textwrap
from pathlib import Path

OUT_DIR = Path(__file__).resolve().parent / "filings"


# --------------------------------------------------------------------------
# Block constructors.  An Item's content is a list of blocks: a plain string is
# a paragraph; the helpers below build the other kinds.  Inside a paragraph,
# ``[[Concept|context|shown]]`` becomes an inline-XBRL ``ix:nonFraction`` fact.
# --------------------------------------------------------------------------

def H(text):
    """A bold sub-heading inside an Item."""
    return ("h", text)


def RISK(text):
    """A risk-factor heading: one bold sentence followed by its paragraph."""
    return ("risk", text)


def UL(*items):
    """A bulleted list (each bullet is a sentence or two)."""
    return ("ul", list(items))


def TABLE(caption, columns, rows, *, col_ctx=None, note=None, first_col=""):
    """A numeric table.  ``col_ctx`` gives the XBRL context of each column."""
    return ("table", {"caption": caption, "columns": columns, "rows": rows,
                      "col_ctx": col_ctx or [None] * len(columns), "note": note,
                      "first_col": first_col})


def GRID(header, rows, caption=None):
    """A text table (exhibit index, securities list)."""
    return ("grid", {"header": header, "rows": rows, "caption": caption})


def PROSE_TABLE(header, rows):
    """A two-column table whose cells hold full sentences."""
    return ("ptable", {"header": header, "rows": rows})


def TEXTBLOCK(concept, *blocks):
    """Blocks wrapped in an ``ix:nonNumeric`` text-block fact (notes)."""
    return ("textblock", concept, list(blocks))


BREAK = ("break",)


def money(value, dollar=False, decimals=0):
    if value is None:
        return "—"
    text = f"{abs(value):,.{decimals}f}"
    if value < 0:
        text = f"({text})"
    return ("$" if dollar else "") + text


def change(new, old):
    pct = round((new - old) / abs(old) * 100)
    return f"({abs(pct)})%" if pct < 0 else f"{pct} %"


def row(label, values, concept=None, kind="", dollar=False, decimals=0):
    """A table row of numbers (None prints as an em dash)."""
    return {"label": label, "cells": [money(v, dollar, decimals) for v in values],
            "concept": concept, "kind": kind}


def cmp_row(label, new, old, concept=None, kind="", dollar=False):
    """Current year, percentage change, prior year."""
    return {"label": label, "cells": [money(new, dollar), change(new, old), money(old, dollar)],
            "concept": concept, "kind": kind}


def text_row(label, cells, kind=""):
    return {"label": label, "cells": list(cells), "concept": None, "kind": kind}


def section_row(label):
    return {"label": label, "cells": [], "concept": None, "kind": "section"}


# Short names usable in [[...]] markup and in table rows.
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


def concept_name(short):
    if ":" in short:
        return short
    return CONCEPTS.get(short, "us-gaap:" + short)


# Titles of the Items of a modern Form 10-K (the key "1-2" is a combined
# "Items 1 and 2" heading).
ITEM_TITLES = {
    "1": "Business",
    "1-2": "Business and Properties",
    "1A": "Risk Factors",
    "1B": "Unresolved Staff Comments",
    "1C": "Cybersecurity",
    "2": "Properties",
    "3": "Legal Proceedings",
    "4": "Mine Safety Disclosures",
    "5": "Market for Registrant's Common Equity, Related Stockholder Matters and Issuer "
         "Purchases of Equity Securities",
    "6": "[Reserved]",
    "7": "Management's Discussion and Analysis of Financial Condition and Results of Operations",
    "7A": "Quantitative and Qualitative Disclosures About Market Risk",
    "8": "Financial Statements and Supplementary Data",
    "9": "Changes in and Disagreements with Accountants on Accounting and Financial Disclosure",
    "9A": "Controls and Procedures",
    "9B": "Other Information",
    "9C": "Disclosure Regarding Foreign Jurisdictions that Prevent Inspections",
    "10": "Directors, Executive Officers and Corporate Governance",
    "11": "Executive Compensation",
    "12": "Security Ownership of Certain Beneficial Owners and Management and Related "
          "Stockholder Matters",
    "13": "Certain Relationships and Related Transactions, and Director Independence",
    "14": "Principal Accountant Fees and Services",
    "15": "Exhibit and Financial Statement Schedules",
    "16": "Form 10-K Summary",
}

