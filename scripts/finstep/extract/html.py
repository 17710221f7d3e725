"""HTML (modern inline XBRL or 1990s markup) → a list of paragraphs.

lxml is used directly rather than through BeautifulSoup: it parses a 2.5 MB
10-K an order of magnitude faster (see BENCHMARKS.md). Each block element
becomes one paragraph; page breaks become ``PAGE_BREAK`` markers, which the
cleanup step uses to recognise running headers and footers.
"""

from __future__ import annotations

import logging
import re
from html.parser import HTMLParser

import lxml.html
from lxml import etree

from ..errors import FinstepError
from ..sentences import split_sentences
from .items import parse_heading
from .text import PAGE_BREAK, TABLE_GONE, TOC_ENTRY, decode_document, normalize_space

log = logging.getLogger(__name__)

_BLOCK = frozenset(
    [
        "p",
        "div",
        "br",
        "tr",
        "li",
        "ul",
        "ol",
        "dl",
        "dt",
        "dd",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "table",
        "thead",
        "tbody",
        "tfoot",
        "caption",
        "section",
        "article",
        "header",
        "footer",
        "blockquote",
        "pre",
        "center",
        "hr",
        "form",
        "address",
    ]
)
_CELL = frozenset(("td", "th"))
_DROP = ("script", "style", "head", "title", "noscript", "ix:header", "header", "xml")
# XPath's translate() is slow on 10,000s of styled elements: select cheaply, then check.
_MAYBE_HIDDEN_XPATH = "//*[contains(@style, 'display') or contains(@style, 'DISPLAY')]"
_HIDDEN_STYLE = re.compile(r"display\s*:\s*none", re.I)
_PAGE_BREAK_STYLE = re.compile(
    r"(page-break-(?:before|after)|break-(?:before|after))\s*:\s*(always|page)", re.I
)
_XML_DECL = re.compile(r"^\s*<\?xml[^>]*\?>", re.I)
_RESOURCE_LIMIT = etree.ErrorTypes.ERR_RESOURCE_LIMIT
_ITEM_OR_PART = re.compile(r"^\s*(items?|part)\s+[0-9ivx]", re.I)
_NUMERIC_CELL = re.compile(r"^[\s$€£¥()%.,:;*\-–—0-9]*$")
_PAGE_CELL = re.compile(r"^\d{1,3}$")
_BULLET_GLYPH = re.compile(r"^[•·▪◦●■\-–—*]")
MAX_NUMERIC_ROW_SHARE = 0.3
MIN_PROSE_CHAR_SHARE = 0.5
# A cell of a dropped table is kept as prose when it reads as a paragraph: an
# officer's biography beside an age column, not an exhibit title or a row label.
PROSE_CELL_MIN_WORDS = 25
PROSE_CELL_MIN_SENTENCES = 2
_BOLD_TAGS = frozenset(("b", "strong", "h1", "h2", "h3", "h4", "h5", "h6"))
_FONT_WEIGHT = re.compile(r"font-weight\s*:\s*([a-z]+|\d+)", re.I)
BOLD_WEIGHT = 600  # CSS: 600 is semibold; filers' titles are 700
# A bold paragraph longer than this is emphasised text, not a heading or a risk factor's title
# (Alphabet's longest titles run to about 60 words).
HEADING_MAX_WORDS = 100


def _parse(text: str) -> tuple[etree._Element, bool]:
    """The tree, and whether libxml2 stopped early at a resource limit (the rest is lost).

    The text is handed over as UTF-8 with that encoding named, so that no ``<meta charset>``
    in the document makes libxml2 decode it again. huge_tree: libxml2 otherwise drops,
    without an error, any text node over 10 MB. Nesting deeper than 2048 levels stops it
    even so, and only its error log says so.
    """
    parser = lxml.html.HTMLParser(encoding="utf-8", remove_comments=True, remove_pis=True, huge_tree=True)
    root = lxml.html.document_fromstring(text.encode("utf-8", "surrogatepass"), parser=parser)
    return root, any(e.type == _RESOURCE_LIMIT for e in parser.error_log)


def parse_html(data: bytes | str, name: str = "document") -> etree._Element:
    """Parse a document (its bytes, or its text from ``decode_document``), however deep its nesting.

    Filers' HTML can leave thousands of ``<div>`` unclosed, each nesting the rest of the
    document one level deeper: libxml2 stops at 2048 levels and the rest of the filing
    (Items 7 and 8, say) would be lost without a word. Such a document is parsed again
    with its nesting flattened (:class:`_Flattener`); one still too deep fails, naming it.
    """
    text = decode_document(data)[0] if isinstance(data, bytes) else data
    text = _XML_DECL.sub("", text, count=1)
    root, stopped = _parse(text)
    if not stopped:
        return root
    log.warning("%s: HTML nested deeper than libxml2 reads (unclosed tags); parsing it again flattened", name)
    root, stopped = _parse(_Flattener.flatten(text))
    if stopped:
        raise FinstepError(
            f"{name}: HTML nested deeper than libxml2 reads (2048 levels), even with all but its table "
            "tags flattened; repair the document (close its tags) or give its full-submission .txt"
        )
    return root


class _Flattener(HTMLParser):
    """Re-emit HTML with no nesting but that of tables, for documents too deep for libxml2.

    Python's tokenizer has no depth limit. Block elements become ``<br>`` (a paragraph
    boundary), page breaks ``<hr>``, inline elements vanish; tables, scripts, styles, the
    inline-XBRL header and hidden elements keep their tags, so that pruning treats them as
    in any other document. A stack of the open flattened elements (a list, not recursion)
    finds the end of a hidden element or of one that breaks the page after it.
    """

    _KEPT = frozenset(
        {"table", "thead", "tbody", "tfoot", "tr", "td", "th", "caption", "script", "style", "head"}
        | {"title", "ix:header", "html", "body"}
    )
    _VOID = frozenset(("br", "hr", "img", "input", "meta", "link", "col", "area", "base", "wbr", "param"))

    def __init__(self) -> None:
        super().__init__(convert_charrefs=False)
        self.out: list[str] = []
        self.open: list[tuple[str, str]] = []  # (tag, what its end tag becomes)
        self.depth: dict[str, int] = {}

    @classmethod
    def flatten(cls, text: str) -> str:
        flattener = cls()
        flattener.feed(text)
        flattener.close()
        return "".join(flattener.out)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in self._KEPT:
            self.out.append(self.get_starttag_text() or "")
            return
        style = next((v for k, v in attrs if k == "style" and v), "")
        breaks = _PAGE_BREAK_STYLE.search(style)
        if breaks and "before" in breaks.group(1).lower():
            self.out.append("<hr>")
        if tag in self._VOID:
            self.out.append("<br>" if tag == "br" else "<hr>" if tag == "hr" else "")
            return
        if _HIDDEN_STYLE.search(style):
            self.out.append('<div style="display:none">')
            end = "</div>"
        else:
            self.out.append("<br>" if tag in _BLOCK else "")
            end = "<br>" if tag in _BLOCK else ""
        if breaks and "after" in breaks.group(1).lower():
            end += "<hr>"
        self.open.append((tag, end))
        self.depth[tag] = self.depth.get(tag, 0) + 1

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if tag not in self._KEPT and tag not in self._VOID:
            self.handle_endtag(tag)

    def handle_endtag(self, tag: str) -> None:
        if tag in self._KEPT:
            self.out.append(f"</{tag}>")
            return
        if not self.depth.get(tag):
            return  # a stray end tag
        while self.open:  # elements left open inside this one end with it
            open_tag, end = self.open.pop()
            self.depth[open_tag] -= 1
            self.out.append(end)
            if open_tag == tag:
                break

    def handle_data(self, data: str) -> None:
        self.out.append(data.replace("<", "&lt;"))

    def handle_entityref(self, name: str) -> None:
        self.out.append(f"&{name};")

    def handle_charref(self, name: str) -> None:
        self.out.append(f"&#{name};")


Rows = list[list[tuple[etree._Element, str]]]


def _rows(table: etree._Element) -> Rows:
    """Each row's non-empty cells with their text, read once per table."""
    rows = []
    for row in table.iter("tr"):
        cells = [(c, normalize_space(c.text_content())) for c in row if c.tag in _CELL]
        cells = [(c, t) for c, t in cells if t]
        if cells:
            rows.append(cells)
    return rows


def _is_number(cell: str) -> bool:
    return bool(_NUMERIC_CELL.match(cell)) and any(c.isdigit() for c in cell)


def classify_table(table: etree._Element, rows: Rows | None = None) -> str:
    """``"toc"``, ``"prose"`` (keep: older filings lay out prose in tables) or ``"numeric"``.

    A table of contents has three or more rows that start with "Item" or
    "Part"; one- or two-row tables holding an Item heading are kept, since
    some filers put headings in layout tables. Otherwise a table is prose when
    few rows hold a number (financial statements and page indexes do) and most
    of its characters sit in cells of five or more words.
    """
    texts = [[t for _, t in r] for r in (_rows(table) if rows is None else rows)]
    if not texts:
        return "numeric"
    heading_rows = sum(1 for r in texts if _ITEM_OR_PART.match(r[0]))
    if heading_rows >= 3:
        return "toc"
    if heading_rows:
        return "prose"
    if sum(1 for r in texts if any(_is_number(c) for c in r)) / len(texts) >= MAX_NUMERIC_ROW_SHARE:
        return "numeric"
    prose = total = 0
    for cells in texts:
        for cell in cells:
            total += len(cell)
            if len(cell.split()) >= 5:
                prose += len(cell)
    return "prose" if total and prose / total >= MIN_PROSE_CHAR_SHARE else "numeric"


def _replace(table: etree._Element, paragraphs: list[str]) -> None:
    replacement = etree.Element("div")
    for text in paragraphs:
        if text:
            etree.SubElement(replacement, "div").text = text
    replacement.tail = table.tail
    table.getparent().replace(table, replacement)


def _is_prose_cell(text: str) -> bool:
    if text.count(" ") < PROSE_CELL_MIN_WORDS - 1:
        return False
    long_sentences = [s for s in split_sentences(text) if len(s.split()) >= 5]
    return len(long_sentences) >= PROSE_CELL_MIN_SENTENCES


def prose_of_dropped_table(table: etree._Element, rows: Rows | None = None) -> list[str]:
    """The paragraphs worth keeping from a table dropped as numeric.

    Classifying rows alone loses officers' biographies: a name, an age (a
    number) and a multi-sentence career history in one row. A row that holds
    a paragraph-like cell keeps its short text cells (the name) as a line of
    their own and the cell's paragraphs; numbers and other rows go.
    """
    kept: list[str] = []
    for cells in _rows(table) if rows is None else rows:
        prose = [c for c, t in cells if _is_prose_cell(t)]
        if not prose:
            continue
        labels = [t for c, t in cells if c not in prose and not _is_number(t)]
        if labels:
            kept.append(", ".join(labels))
        for cell in prose:
            kept.extend(p for p in tree_paragraphs(cell) if p != PAGE_BREAK)
    return kept


def toc_entries(rows: Rows) -> list[str]:
    """``TOC_ENTRY`` markers for the rows of a table of contents that name an Item and a page."""
    entries = []
    for cells in rows:
        texts = [t for _, t in cells]
        heading = parse_heading(" ".join(t for t in texts if not _PAGE_CELL.match(t)))
        pages = [t for t in texts if _PAGE_CELL.match(t)]
        if heading and pages:
            entries.append(f"{TOC_ENTRY}{heading.item}|{pages[-1]}")
    return entries


def drop_invisible(root: etree._Element) -> None:
    """Remove what a reader never sees: scripts, the inline-XBRL header, hidden elements."""
    for element in list(root.iter(*_DROP)):
        if element.getparent() is not None:
            element.drop_tree()
    for element in root.xpath(_MAYBE_HIDDEN_XPATH):
        if element.getparent() is not None and _HIDDEN_STYLE.search(element.get("style", "")):
            element.drop_tree()


def innermost_tables(root: etree._Element) -> list[etree._Element]:
    """Tables holding no other table: a layout table wrapping others is judged on what remains."""
    return [t for t in root.iter("table") if not any(True for _ in t.iterdescendants("table"))]


def _prune(root: etree._Element) -> None:
    drop_invisible(root)
    for table in innermost_tables(root):
        if table.getparent() is None:
            continue
        rows = _rows(table)
        kind = classify_table(table, rows)
        if kind == "prose":  # one div per row, cells joined by spaces
            _replace(table, [" ".join(t for _, t in cells) for cells in rows])
        elif kind == "toc":
            _replace(table, toc_entries(rows))
        else:
            _replace(table, prose_of_dropped_table(table, rows) or [TABLE_GONE])


def html_to_paragraphs(data: bytes | str, name: str = "document") -> list[str]:
    """Visible text of an HTML filing, one paragraph per block element; ``name`` is for errors."""
    return html_paragraphs_and_headings(data, name)[0]


def html_paragraphs_and_headings(data: bytes | str, name: str = "document") -> tuple[list[str], set[str]]:
    """The paragraphs of ``html_to_paragraphs`` and those of them set wholly in bold.

    Bold is how filers mark what the text alone cannot: a subheading ("Legal and
    Regulatory Compliance Risks") and a risk factor's title, a whole sentence or
    two ("The Company's business ... could be adversely impacted by ..."). Chunking
    keeps them with the text they head.
    """
    root = parse_html(data, name)
    _prune(root)
    return _walk(root)


def _needs_bullet(item: etree._Element) -> bool:
    """A list item shows its bullet, unless it has one or is an Item heading laid out as a list."""
    text = normalize_space(item.text_content())
    return bool(text) and not _BULLET_GLYPH.match(text) and parse_heading(text) is None


def _bold(element: etree._Element, inherited: bool) -> bool:
    """Whether the element's own text is bold: its tag or its style says so, else as its parent's."""
    if element.tag in _BOLD_TAGS:
        return True
    style = element.get("style")
    weight = _FONT_WEIGHT.search(style) if style else None
    if weight is None:
        return inherited
    value = weight.group(1).lower()
    return value in ("bold", "bolder") or (value.isdigit() and int(value) >= BOLD_WEIGHT)


def tree_paragraphs(root: etree._Element) -> list[str]:
    """Paragraphs of an already pruned tree, with ``PAGE_BREAK`` markers where pages end."""
    return _walk(root)[0]


def _walk(root: etree._Element) -> tuple[list[str], set[str]]:
    """Paragraphs of a pruned tree, and the set of those whose every visible character is bold.

    Beside the text goes a mask of the same length: "1" under bold text and
    whitespace, "0" under other text, so a line is bold when its mask has no "0".
    """
    parts: list[str] = []
    mask: list[str] = []
    bold = [False]  # the bold state of the open elements, innermost last

    def append(text: str, is_bold: bool = False) -> None:
        parts.append(text)
        mask.append(("1" if is_bold or text.isspace() else "0") * len(text))

    for event, element in etree.iterwalk(root, events=("start", "end")):
        tag = element.tag
        if not isinstance(tag, str):
            continue
        style = element.get("style")
        breaks = style is not None and _PAGE_BREAK_STYLE.search(style)
        if event == "start":
            bold.append(_bold(element, bold[-1]))
            if tag in _BLOCK:
                append("\n")
            if tag == "hr" or (breaks and "before" in breaks.group(1).lower()):
                append(f"\n{PAGE_BREAK}\n")
            if tag == "li" and _needs_bullet(element):
                append("• ")
            if element.text:
                append(element.text, bold[-1])
        else:
            bold.pop()
            if tag in _CELL:
                append(" ")
            elif tag in _BLOCK:
                append("\n")
            if breaks and "after" in breaks.group(1).lower():
                append(f"\n{PAGE_BREAK}\n")
            if element.tail:
                append(element.tail, bold[-1])
    text, marks = "".join(parts), "".join(mask)
    paragraphs: list[str] = []
    headings: set[str] = set()
    begin = 0
    for line in text.split("\n"):
        end = begin + len(line)
        para = normalize_space(line)
        if para:
            paragraphs.append(para)
            if "0" not in marks[begin:end] and para != PAGE_BREAK and len(para.split()) <= HEADING_MAX_WORDS:
                headings.add(para)
        begin = end + 1
    return paragraphs, headings
