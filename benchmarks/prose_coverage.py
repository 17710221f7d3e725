"""How much of each 10-K Item's prose reaches a chunk labelled with that Item, and how clean the chunks are.

Usage: python benchmarks/prose_coverage.py [FOLDER_OR_FILE ...] [--json OUT]

Defaults to every filing under ../shared/edgar/filings (.htm, .html or gzipped:
``resources/filings`` measures the four shipped). The reference for an
Item is independent of the extraction under test: the filing's own
hyperlinked table of contents says where each Item starts (the anchor each
"Item N" row links to), and every sentence in that span counts, tables
included (each cell read as its own paragraph). A filing without a linked
table of contents is reported as such and measured against the extraction's
own Item boundaries ("self" in the table), which cannot reveal a
segmentation error.

A reference sentence is one of eight or more words, mostly letters, ending
as a sentence or a list item does (". ! ? ;", ", and", "; or"). It is
covered when its words, in order, lie inside the chunks labelled with its
Item (``section`` or ``also_in``); overlapping chunks of a section are
merged first so a sentence across a chunk boundary still counts. An Item
whose sentences add up to less than the prose filter's ``min_chars`` (a
one-sentence pointer to an annual-report exhibit) is shown as "short" and not
held to the goal.

Furniture is chunk text that is a page number, a separator rule, an Item
heading repeated as a running header, an orphan footnote marker, a short
line found three or more times among the first or last three lines of the
filing's pages (headers, footers), or the lead-in line ending in ":" (or the
"(in millions)" line) right before a table that extraction drops. Pages
and dropped tables are read from the filing itself, not from the extraction.

"Ends on heading" counts chunks whose last paragraph heads text that is not
in the chunk: a paragraph the filing sets wholly in bold (a subheading, a risk
factor's title sentence), a short untitled line or a lead-in ending in ":".
"""

from __future__ import annotations

import argparse
import gzip
import json
import platform
import re
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "scripts"))

from finstep.chunking import ChunkingConfig, chunk_filing  # noqa: E402
from finstep.extract import extract_document  # noqa: E402
from finstep.extract.cleanup import is_page_number  # noqa: E402
from finstep.extract.html import (  # noqa: E402
    classify_table,
    drop_invisible,
    html_paragraphs_and_headings,
    innermost_tables,
    parse_html,
    prose_of_dropped_table,
    tree_paragraphs,
)
from finstep.extract.items import ITEM_ORDER, parse_heading  # noqa: E402
from finstep.extract.text import PAGE_BREAK, normalize_space  # noqa: E402
from finstep.sentences import is_heading, split_sentences  # noqa: E402
from lxml import etree  # noqa: E402

SHARED = ROOT.parent / "shared" / "edgar" / "filings"
ITEMS = ("1", "1A", "7", "7A")
GOAL_COVERAGE = 0.95
GOAL_FURNITURE = 0.005
_MARK = "\u2063ITEM "  # invisible separator: never in a filing's text
_GONE = "\u2063TABLE"
_UNITS = re.compile(r"^\(?(?:dollars |amounts )?in (?:millions|thousands|billions)\b", re.I)
_ROW_ITEM = re.compile(r"^\s*items?\s*(\d{1,2}[a-c]?)(?![0-9a-z])", re.I)
_SENTENCE_END = re.compile(r"(?:[.!?;][\"'”’)\]]*|[;,]\s+(?:and|or))$")
_SEPARATOR = re.compile(r"^[\W_]{3,}$")
_FOOTNOTE_MARK = re.compile(r"^(?:\(\s*[0-9a-z]{1,2}\s*\)|\*{1,3}|\[\d{1,2}\]|[†‡§]+)$", re.I)
_WORDS = re.compile(r"[a-z0-9]+")


def norm(text: str) -> str:
    return " ".join(_WORDS.findall(text.lower()))


def toc_targets(root: etree._Element) -> dict[str, etree._Element]:
    """Item → the element its table-of-contents row links to (first link per Item wins)."""
    ids = {el.get("id"): el for el in root.iter() if isinstance(el.tag, str) and el.get("id")}
    names = {el.get("name"): el for el in root.iter("a") if el.get("name")}
    targets: dict[str, etree._Element] = {}
    for link in root.iter("a"):
        href = link.get("href") or ""
        if not href.startswith("#"):
            continue
        row = next((a for a in link.iterancestors("tr")), None)
        text = " ".join(normalize_space(c.text_content()) for c in row) if row is not None else ""
        match = _ROW_ITEM.match(text) or _ROW_ITEM.match(normalize_space(link.text_content()))
        if not match:
            continue
        item = match.group(1).upper()
        target = ids.get(href[1:])
        if target is None:
            target = names.get(href[1:])
        if item in ITEM_ORDER and item not in targets and target is not None:
            targets[item] = target
    return targets


def reference(data: bytes) -> tuple[dict[str, list[str]] | None, set[str], set[str]]:
    """Item → its sentences per the linked table of contents (None without one), lead-ins, header lines."""
    root = parse_html(data)
    drop_invisible(root)
    targets = toc_targets(root)
    for item, target in targets.items():
        marker = etree.Element("div")
        marker.text = f"{_MARK}{item}"
        target.addprevious(marker)
    for table in innermost_tables(root):
        if table.getparent() is None:
            continue
        dropped = classify_table(table) == "numeric" and not prose_of_dropped_table(table)
        cells = etree.Element("div")
        if dropped:
            etree.SubElement(cells, "div").text = _GONE
        for cell in table.iter("td", "th"):
            etree.SubElement(cells, "div").text = cell.text_content()
        cells.tail = table.tail
        table.getparent().replace(table, cells)
    paragraphs = tree_paragraphs(root)
    lead_ins = {
        norm(paragraphs[i - k])
        for i, para in enumerate(paragraphs)
        if para == _GONE
        for k in (1, 2)
        if i >= k and (paragraphs[i - k].endswith(":") or _UNITS.match(paragraphs[i - k]))
    }
    headers = _page_edge_lines(paragraphs)
    if len(targets) < 3:
        return None, lead_ins, headers
    out: dict[str, list[str]] = defaultdict(list)
    item = None
    for para in paragraphs:
        if para.startswith(_MARK):
            item = para[len(_MARK) :]
        elif item and para not in (PAGE_BREAK, _GONE):
            out[item].extend(s for s in split_sentences(para) if _is_reference(s))
    return out, lead_ins, headers


def _page_edge_lines(paragraphs: list[str]) -> set[str]:
    counts: Counter = Counter()
    for b, para in enumerate(paragraphs):
        if para != PAGE_BREAK:
            continue
        for step in (-1, 1):
            lines, i = [], b + step
            while 0 <= i < len(paragraphs) and len(lines) < 3 and paragraphs[i] != PAGE_BREAK:
                if paragraphs[i] != _GONE and not is_page_number(paragraphs[i]):
                    lines.append(paragraphs[i])
                    if parse_heading(paragraphs[i]):  # what follows an Item heading is content
                        break
                i += step
            counts.update({_mask(x) for x in lines if len(x) <= 100})
    return {key for key, n in counts.items() if n >= 3}


def _mask(line: str) -> str:
    return re.sub(r"\d+", "#", line.lower())


def _is_reference(sentence: str) -> bool:
    words = sentence.split()
    if len(words) < 8 or not _SENTENCE_END.search(sentence):
        return False
    dense = "".join(words)
    return sum(c.isalpha() for c in dense) / len(dense) >= 0.7


def covered_text(doc: dict, chunks: list[dict]) -> dict[str, str]:
    """Item → the normalized text of its chunks, overlapping chunks of a section merged."""
    texts = {s["item"]: s["text"] for s in doc["sections"]}
    spans: dict[str, list[tuple[int, int]]] = defaultdict(list)
    pieces: dict[str, list[str]] = defaultdict(list)
    for chunk in chunks:
        spans[chunk["section"]].append((chunk["start"], chunk["end"]))
        for other in chunk.get("also_in", ()):
            pieces[other].append(chunk["text"])
    for item, items_spans in spans.items():
        merged: list[list[int]] = []
        for start, end in sorted(items_spans):
            if merged and start <= merged[-1][1]:
                merged[-1][1] = max(merged[-1][1], end)
            else:
                merged.append([start, end])
        pieces[item].extend(texts[item][a:b] for a, b in merged)
    return {item: " # ".join(norm(p) for p in ps) for item, ps in pieces.items()}


def furniture(chunks: list[dict], lead_ins: set[str], headers: set[str]) -> tuple[int, int, Counter]:
    """Characters of chunk text that are furniture, of all chunk text, and counts by kind."""
    total = bad = 0
    kinds: Counter = Counter()
    for chunk in chunks:
        total += len(chunk["text"])
        for para in (p.strip() for p in chunk["text"].split("\n")):
            kind = _furniture_kind(para, lead_ins, headers)
            if kind:
                bad += len(para)
                kinds[kind] += 1
    return bad, total, kinds


def _furniture_kind(para: str, lead_ins: set[str], headers: set[str]) -> str | None:
    if not para:
        return None
    if is_page_number(para):
        return "page number"
    if _SEPARATOR.match(para):
        return "separator"
    if _FOOTNOTE_MARK.match(para):
        return "footnote marker"
    if parse_heading(para):
        return "item heading"
    if norm(para) in lead_ins:
        return "table lead-in"
    if len(para) <= 100 and _mask(para) in headers:
        return "running header"
    return None


def measure(path: Path, extracted: Path | None = None) -> dict:
    """One filing; ``extracted`` is a folder of ``<TICKER>/<name>.json`` ({"doc", "chunks"}) made
    by another extraction (an earlier commit, another tool) to measure instead of this one."""
    data = path.read_bytes()
    data = gzip.decompress(data) if path.suffix.lower() == ".gz" else data
    start = time.perf_counter()
    if extracted:
        saved = json.loads((extracted / path.parent.name / f"{path.name}.json").read_text())
        doc, chunks = saved["doc"], saved["chunks"]
    else:
        doc = extract_document(data, name=str(path), form="10-K")
        filing = {"ticker": path.parent.name, "accession": path.stem}
        chunks, _ = chunk_filing(doc, filing, ChunkingConfig())
    seconds = time.perf_counter() - start
    sentences, lead_ins, headers = reference(data)
    basis = "toc links"
    if sentences is None:
        basis = "self"
        sentences = {
            s["item"]: [x for x in split_sentences(s["text"]) if _is_reference(x)] for s in doc["sections"]
        }
    have = covered_text(doc, chunks)
    coverage = {}
    for item in ITEMS:
        wanted = sentences.get(item, [])
        found = sum(1 for s in wanted if norm(s) in have.get(item, ""))
        chars = sum(len(s) + 1 for s in wanted)
        # A pointer ("... is incorporated by reference to the Annual Report") too short
        # for the prose filter is no prose to distil; it is shown but not held to the goal.
        short = chars < ChunkingConfig().prose.min_chars
        coverage[item] = {"sentences": len(wanted), "covered": found, "chars": chars, "short": short}
    bad, total, kinds = furniture(chunks, lead_ins, headers)
    bold = html_paragraphs_and_headings(data)[1]
    return {
        "filing": f"{path.parent.name}/{path.name}",
        "basis": basis,
        "segmentation": doc["segmentation"],
        "chunks": len(chunks),
        "coverage": coverage,
        "furniture_chars": bad,
        "chunk_chars": total,
        "furniture_kinds": dict(kinds),
        "heading_ends": sum(_ends_on_heading(c["text"], bold) for c in chunks),
        "extract_chunk_seconds": round(seconds, 3),
    }


def _ends_on_heading(text: str, bold: set[str]) -> bool:
    last = text.rsplit("\n\n", 1)[-1].strip()
    return last in bold or is_heading(last) or last.endswith(":")


def _share(c: dict) -> str:
    if c.get("short"):
        return f"short: {c['chars']} chars"
    return f"{c['covered'] / c['sentences']:.1%}" if c["sentences"] else "–"


def table(rows: list[dict]) -> str:
    head = "| filing | basis | chunks | " + " | ".join(f"Item {i}" for i in ITEMS)
    head += " | furniture | ends on heading |"
    lines = [head, "|" + " --- |" * (5 + len(ITEMS))]
    for r in rows:
        cov = " | ".join(f"{_share(r['coverage'][i])} ({r['coverage'][i]['sentences']})" for i in ITEMS)
        share = r["furniture_chars"] / r["chunk_chars"] if r["chunk_chars"] else 0
        ends = r.get("heading_ends", "–")
        lines.append(f"| {r['filing']} | {r['basis']} | {r['chunks']} | {cov} | {share:.2%} | {ends} |")
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("paths", nargs="*", type=Path, help="filings or folders (default: ../shared)")
    parser.add_argument("--json", type=Path, help="write the measurements here")
    parser.add_argument(
        "--extracted",
        type=Path,
        help="measure saved extractions (<TICKER>/<file>.json) instead of running this one",
    )
    args = parser.parse_args()
    roots = args.paths or [SHARED]
    files = sorted(
        f
        for r in roots
        for f in ([r] if r.is_file() else r.rglob("*"))
        if f.name.lower().endswith((".htm", ".html", ".htm.gz", ".html.gz"))
    )
    if not files:
        sys.exit(f"no .htm/.html filings under {', '.join(map(str, roots))}")
    rows = [measure(f, args.extracted) for f in files]
    print(table(rows))
    misses = [
        f"{r['filing']} Item {i}"
        for r in rows
        for i in ITEMS
        if r["coverage"][i]["sentences"]
        and not r["coverage"][i]["short"]
        and r["coverage"][i]["covered"] / r["coverage"][i]["sentences"] < GOAL_COVERAGE
    ]
    dirty = [
        r["filing"]
        for r in rows
        if r["chunk_chars"] and r["furniture_chars"] / r["chunk_chars"] > GOAL_FURNITURE
    ]
    print(f"\ncoverage below {GOAL_COVERAGE:.0%}: {', '.join(misses) or 'none'}")
    print(f"furniture above {GOAL_FURNITURE:.1%}: {', '.join(dirty) or 'none'}")
    if args.json:
        args.json.write_text(json.dumps({"machine": platform.platform(), "rows": rows}, indent=1) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
