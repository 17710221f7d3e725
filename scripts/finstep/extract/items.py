"""Split a 10-K's paragraphs into its Items, skipping the table of contents.

Headings come as "Item 1A.", "ITEM 1A", "Item 1.Business", "Item 1:" and
"Items 1 and 2." A heading must be a short paragraph of its own whose title,
if any, starts with a capital letter, so that cross-references such as
"see Item 1A of this Form 10-K" never count. Of the candidates, the longest
run in canonical Item order wins, preferring later occurrences, which skips
any table of contents that survived cleanup. An Item then starts at the
first of its own headings after the previous one: filers who print the
current Item's heading atop every page would otherwise have each Item
start on its last page.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass

from .text import TOC_ENTRY

ITEM_ORDER = (
    "1", "1A", "1B", "1C", "2", "3", "4", "5", "6", "7", "7A", "8",
    "9", "9A", "9B", "9C", "10", "11", "12", "13", "14", "15", "16",
)  # fmt: skip
ITEM_TITLES = {
    "1": "Business",
    "1A": "Risk Factors",
    "1B": "Unresolved Staff Comments",
    "1C": "Cybersecurity",
    "2": "Properties",
    "3": "Legal Proceedings",
    "4": "Mine Safety Disclosures",
    "5": "Market for Registrant's Common Equity, Related Stockholder Matters and Issuer Purchases of Equity Securities",
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
    "12": "Security Ownership of Certain Beneficial Owners and Management and Related Stockholder Matters",
    "13": "Certain Relationships and Related Transactions, and Director Independence",
    "14": "Principal Accountant Fees and Services",
    "15": "Exhibit and Financial Statement Schedules",
    "16": "Form 10-K Summary",
}
_RANK = {item: i for i, item in enumerate(ITEM_ORDER)}
FALLBACK_ITEM = "full"
PREAMBLE_ITEM = "preamble"

_KEY = r"\d{1,2}[A-Ca-c]?"
_HEADING = re.compile(
    rf"^items?\s*(?P<first>{_KEY})(?![0-9A-Za-z])"
    rf"(?P<more>(?:\s*(?:,|and|&|through|to|-|–)\s*{_KEY})*)"
    r"\s*[.:\-–—]?\s*(?P<title>.*)$",
    re.I,
)
_MORE_KEYS = re.compile(_KEY)
_PART_LINE = re.compile(r"^part\s+[ivx]+\b[\s.:\-–—]*(?:[A-Za-z ,&\-–—]{0,60})$", re.I)
HEADING_MAX_CHARS = 220

# Sanity thresholds for accepting an Item segmentation (see ``segment``).
MIN_ITEMS = 3
MIN_LONGEST_SECTION = 2000
MIN_COVERAGE = 0.5
# An Item the table of contents gives this many pages must hold at least
# MIN_SPAN_SHARE of the characters an average page of the filing holds there.
MIN_CHECKED_PAGES = 3
# Only Items that are prose by nature: financial statements and exhibit lists are
# tables, which extraction drops, so their text is rightly short for their pages.
SPAN_CHECKED_ITEMS = frozenset({"1", "1A", "1C", "7"})
MIN_SPAN_SHARE = 0.15
# Banks' Items 1A and 7 often only point to the annual report exhibit, whose pages the contents give.
_POINTER = re.compile(r"incorporated\b.{0,80}\bby reference", re.I | re.S)
MIN_PREAMBLE_CHARS = 200
# The cover page ends with these; what follows it up to Item 1 is the preamble.
_COVER = re.compile(r"check mark|incorporated by reference|securities registered pursuant", re.I)


@dataclass(frozen=True)
class Heading:
    index: int  # paragraph index
    item: str
    covers: tuple[str, ...]
    title: str


def parse_heading(para: str) -> Heading | None:
    """Parse one paragraph as an Item heading, or return None."""
    if len(para) > HEADING_MAX_CHARS:
        return None
    match = _HEADING.match(para)
    if not match:
        return None
    first = match.group("first").upper()
    if first not in _RANK:
        return None
    covers = [first] + [k.upper() for k in _MORE_KEYS.findall(match.group("more") or "")]
    if any(k not in _RANK for k in covers):
        return None
    title = match.group("title").strip(" .:-–—")
    if title and not (title[0].isupper() or title[0].isdigit() or title[0] in "[(\"'“‘"):
        return None  # "Item 1A of this Form 10-K ..." is a cross-reference
    if title.endswith((",", ";")):
        return None
    return Heading(index=-1, item=first, covers=tuple(covers), title=title or ITEM_TITLES[first])


def _best_chain(cands: list[Heading]) -> list[Heading]:
    """Longest subsequence in strictly increasing Item order; ties go to later occurrences.

    A combined heading ("Items 1 and 2.") takes the place of its first Item:
    filers put it where Item 1 goes, with Item 1A following it.
    """
    n = len(cands)
    if not n:
        return []
    score: list[tuple[int, int]] = [(1, c.index) for c in cands]
    prev = [-1] * n
    for j in range(n):
        for i in range(j):
            if _RANK[cands[i].item] < _RANK[cands[j].item]:
                cand = (score[i][0] + 1, score[i][1] + cands[j].index)
                if cand > score[j]:
                    score[j], prev[j] = cand, i
    j = max(range(n), key=lambda k: score[k])
    chain = []
    while j != -1:
        chain.append(cands[j])
        j = prev[j]
    return chain[::-1]


def _section_text(paragraphs: list[str], item: str | None = None) -> str:
    """Paragraphs joined, without Part lines and without repeats of the Item's own heading."""
    return "\n\n".join(p for p in paragraphs if not _PART_LINE.match(p) and not (item and _repeats(p, item)))


def _repeats(para: str, item: str) -> bool:
    heading = parse_heading(para)
    return heading is not None and item in heading.covers


def _split_toc(paragraphs: list[str]) -> tuple[list[str], dict[str, int], int]:
    """Paragraphs without ``TOC_ENTRY`` markers, the entries' pages, and where the last one stood."""
    body: list[str] = []
    pages: dict[str, int] = {}
    toc_end = 0
    for para in paragraphs:
        if para.startswith(TOC_ENTRY):
            item, page = para[len(TOC_ENTRY) :].split("|")
            pages.setdefault(item, int(page))
            toc_end = len(body)
        else:
            body.append(para)
    return body, pages, toc_end


def _first_of_run(chain: list[Heading], cands: list[Heading]) -> list[Heading]:
    """Move each chosen heading back to the earliest heading of its Item with no other Item between."""
    position = {c.index: k for k, c in enumerate(cands)}
    moved = []
    for head in chain:
        k = position[head.index]
        while k > 0 and cands[k - 1].item == head.item:
            k -= 1
        moved.append(cands[k])
    return moved


def _preamble(paragraphs: list[str], start: int, end: int) -> dict | None:
    """Prose between the cover page (or table of contents) and the first Item: forward-looking notices.

    It starts after the table of contents; without one, after the last
    paragraph of the cover page (check boxes, documents incorporated by
    reference). Headings there are what is left of a table of contents; under
    ``MIN_PREAMBLE_CHARS`` there is no prose worth a section.
    """
    begin = start
    if not start:
        cover = [i for i in range(end) if _COVER.search(paragraphs[i])]
        begin = cover[-1] + 1 if cover else 0
    text = _section_text([p for p in paragraphs[begin:end] if not parse_heading(p)])
    if len(text) < MIN_PREAMBLE_CHARS:
        return None
    return {"item": PREAMBLE_ITEM, "title": "Before Item 1", "covers": [], "text": text}


def segment(paragraphs: list[str]) -> dict:
    """Return ``{"segmentation": "items"|"fallback", "reason", "sections": [...]}``.

    The segmentation is accepted when at least ``MIN_ITEMS`` Items were found,
    one of them holds ``MIN_LONGEST_SECTION`` characters, the Items cover
    ``MIN_COVERAGE`` of the text after the first heading, and no Item is far
    shorter than the pages the table of contents gives it; otherwise the whole
    document is returned as one section, and the reason is recorded. Text
    before the first Item, after the cover page and table of contents, is a
    section of its own, ``"preamble"``.
    """
    paragraphs, toc_pages, toc_end = _split_toc(paragraphs)
    cands = []
    for i, para in enumerate(paragraphs):
        heading = parse_heading(para)
        if heading:
            cands.append(Heading(i, heading.item, heading.covers, heading.title))
    chain = _first_of_run(_best_chain(cands), cands)
    sections = []
    for k, head in enumerate(chain):
        end = chain[k + 1].index if k + 1 < len(chain) else len(paragraphs)
        sections.append(
            {
                "item": head.item,
                "title": head.title,
                "covers": list(head.covers),
                "text": _section_text(paragraphs[head.index + 1 : end], head.item),
            }
        )
    reason = _implausible(sections, paragraphs, chain) or _short_for_pages(sections, toc_pages)
    if reason is None:
        preamble = _preamble(paragraphs, toc_end, chain[0].index)
        return {
            "segmentation": "items",
            "reason": None,
            "sections": [preamble, *sections] if preamble else sections,
        }
    return {
        "segmentation": "fallback",
        "reason": reason,
        "sections": [
            {"item": FALLBACK_ITEM, "title": "Full document", "covers": [], "text": _section_text(paragraphs)}
        ],
    }


def _implausible(sections: list[dict], paragraphs: list[str], chain: list[Heading]) -> str | None:
    if len(sections) < MIN_ITEMS:
        return f"found {len(sections)} Item headings, fewer than {MIN_ITEMS}"
    lengths = [len(s["text"]) for s in sections]
    if max(lengths) < MIN_LONGEST_SECTION:
        return f"longest Item has {max(lengths)} characters, fewer than {MIN_LONGEST_SECTION}"
    tail = sum(len(p) for p in paragraphs[chain[0].index :])
    if tail and sum(lengths) / tail < MIN_COVERAGE:
        return f"Items cover {sum(lengths) / tail:.0%} of the text, less than {MIN_COVERAGE:.0%}"
    return None


def _short_for_pages(sections: list[dict], toc_pages: dict[str, int]) -> str | None:
    """An Item far shorter than its table-of-contents page span: its heading was found in the wrong place.

    The span of an Item is the page of the next listed Item minus its own;
    the filing's characters per page are measured over the Items found.
    """
    found = [s for s in sections if s["item"] in toc_pages]
    pages = [toc_pages[s["item"]] for s in found]
    if len(found) < MIN_ITEMS or pages != sorted(pages) or pages[-1] <= pages[0]:
        return None
    per_page = sum(len(s["text"]) for s in found[:-1]) / (pages[-1] - pages[0])
    for here, nxt in itertools.pairwise(found):
        span = toc_pages[nxt["item"]] - toc_pages[here["item"]]
        if here["item"] not in SPAN_CHECKED_ITEMS or _POINTER.search(here["text"][:2000]):
            continue
        if span >= MIN_CHECKED_PAGES and len(here["text"]) < MIN_SPAN_SHARE * span * per_page:
            return (
                f"Item {here['item']} holds {len(here['text'])} characters but the table of contents "
                f"gives it {span} pages (about {span * per_page:.0f} expected)"
            )
    return None
