import pytest
from conftest import PROSE, html_doc
from finstep.errors import FinstepError
from finstep.extract import extract_document
from finstep.extract.cleanup import clean_paragraphs
from finstep.extract.html import html_to_paragraphs
from finstep.extract.plaintext import text_to_paragraphs
from finstep.extract.sgml import main_document
from finstep.extract.sniff import sniff
from finstep.extract.text import PAGE_BREAK, TOC_ENTRY


def test_inline_xbrl_header_and_hidden_blocks_are_dropped():
    body = (
        '<div style="display:none"><ix:header><ix:hidden>'
        '<ix:nonNumeric name="dei:DocumentType">10-K</ix:nonNumeric></ix:hidden>'
        "<ix:resources><xbrli:context><xbrli:entity>us-gaap:Revenues iso4217:USD</xbrli:entity>"
        "</xbrli:context></ix:resources></ix:header></div>"
        '<div style="DISPLAY: NONE">hidden text</div>'
        "<script>var x = 1;</script><style>.a{}</style>"
        f"<div><span>{PROSE}</span></div>"
    )
    paragraphs = html_to_paragraphs(html_doc(body))
    text = " ".join(paragraphs)
    assert paragraphs == [PROSE]
    for residue in ("us-gaap:", "iso4217:", "xbrli", "dei:", "hidden text", "var x"):
        assert residue not in text


def test_inline_tagged_numbers_stay_in_their_sentence():
    body = (
        '<div><span>Revenue was $<ix:nonFraction name="us-gaap:Revenues" contextRef="c1">391,035</ix:nonFraction>'
        " million in fiscal 2024.</span></div>"
    )
    assert html_to_paragraphs(html_doc(body)) == ["Revenue was $391,035 million in fiscal 2024."]


def test_numeric_tables_are_dropped_and_prose_tables_kept():
    numeric = (
        "<table><tr><td>Net sales</td><td>$</td><td>391,035</td><td>383,285</td></tr>"
        "<tr><td>Cost of sales</td><td>(210,352)</td><td>—</td><td>2 %</td></tr></table>"
    )
    prose = (
        "<table><tr><td>Risk</td><td>Competition in our markets is intense and could reduce our margins "
        "over the next several years.</td></tr>"
        "<tr><td>Supply</td><td>We depend on outsourcing partners located in a small number of regions "
        "for most of our manufacturing.</td></tr></table>"
    )
    paragraphs = html_to_paragraphs(html_doc(numeric + prose))
    assert not any("391,035" in p for p in paragraphs)
    assert any("Competition in our markets is intense" in p for p in paragraphs)
    assert any(p.startswith("Supply We depend on outsourcing partners") for p in paragraphs)


def test_table_of_contents_table_is_dropped_but_heading_tables_kept():
    toc = "".join(
        f'<tr><td><a href="#i{n}">Item {n}.</a></td><td>Title {n}</td><td>{n * 3}</td></tr>'
        for n in range(1, 6)
    )
    heading = "<table><tr><td>Item 7.</td><td>Management's Discussion and Analysis</td></tr></table>"
    paragraphs = html_to_paragraphs(html_doc(f"<table>{toc}</table>{heading}"))
    assert not any("Title 3" in p for p in paragraphs)
    assert "Item 7. Management's Discussion and Analysis" in paragraphs


def test_page_breaks_become_markers_and_furniture_is_removed():
    page = '<div>{text}</div><div>Acme Corp. | 2024 Form 10-K | {n}</div><div style="page-break-after:always"></div>'
    body = "".join(page.format(text=f"{PROSE} Page {n} discussion.", n=n) for n in range(1, 6))
    body += "<div>17</div><div>- 18 -</div><div>Page 19</div><div>Table of Contents</div>"
    paragraphs = html_to_paragraphs(html_doc(body))
    assert paragraphs.count(PAGE_BREAK) == 5
    cleaned = clean_paragraphs(paragraphs)
    assert cleaned == [f"{PROSE} Page {n} discussion." for n in range(1, 6)]


def test_short_content_lines_are_not_mistaken_for_footers():
    # "None." appears under several Items; it is content, not a running footer.
    parts = [
        f"<div>Item {n}. Heading {'ABCD'[n - 1]}</div><div>None.</div><div>{PROSE}</div><hr/>"
        for n in range(1, 5)
    ]
    cleaned = clean_paragraphs(html_to_paragraphs(html_doc("".join(parts))))
    assert cleaned.count("None.") == 4
    assert sum(p.startswith("Item ") for p in cleaned) == 4


def test_toc_lines_with_page_numbers_and_dot_leaders_are_removed():
    paragraphs = [
        "Item 1. Business 3",
        "Item 1A. Risk Factors ........ 12",
        "PART II 20",
        "Item 1. Business",
        PROSE,
    ]
    # Rows naming an Item stay as markers: segmentation checks Items against their page spans.
    assert clean_paragraphs(paragraphs) == [f"{TOC_ENTRY}1|3", f"{TOC_ENTRY}1A|12", "Item 1. Business", PROSE]


def test_a_text_node_over_10_mb_is_read():
    # libxml2 drops such a node without error unless told it may be huge.
    text = "The company reported results in line with its plans for the year. " * 160_000
    assert len(text) > 10_000_000
    paragraphs = html_to_paragraphs(html_doc(f"<p>{text}</p>"))
    assert len(paragraphs) == 1 and len(paragraphs[0]) == len(text.strip())


def test_a_large_document_without_readable_text_fails_naming_it():
    hidden = '<div style="display:none">' + "<span>us-gaap:Revenues 1</span>" * 60_000 + "</div>"
    with pytest.raises(FinstepError, match=r"^big\.htm: 0 characters of text from [\d,]+ bytes of html"):
        extract_document(html_doc(hidden), name="big.htm")


def test_windows_1252_documents_decode():
    data = b"<html><body><p>The Company\x92s results \x96 good.</p></body></html>"
    assert html_to_paragraphs(data) == ["The Company’s results – good."]


def test_sniff_rejects_empty_and_non_html_files():
    with pytest.raises(FinstepError, match="empty"):
        sniff(b"  \n", "x.htm")
    with pytest.raises(FinstepError, match="not an HTML document"):
        sniff(b"just some words, no markup at all", "x.htm")
    assert sniff(b"ANNUAL REPORT. The Company makes computers.", "x.txt") == "text"
    with pytest.raises(FinstepError, match="not an HTML document"):
        sniff(bytes(range(1, 200)) * 10, "x.txt")
    with pytest.raises(FinstepError, match="binary"):
        sniff(b"%PDF-1.4\x00\x01", "x.htm")
    assert sniff(b"<?xml version='1.0'?><html><body>x</body></html>", "x") == "html"
    assert sniff(b"<SEC-DOCUMENT>x", "x") == "sgml"


SGML = b"""<SEC-DOCUMENT>0000000000-98-000001.txt : 19980925
<SEC-HEADER>
CONFORMED SUBMISSION TYPE:\t10-K
</SEC-HEADER>
<DOCUMENT>
<TYPE>10-K
<SEQUENCE>1
<TEXT>
ITEM 1.  BUSINESS

The Company makes software and sells it to businesses
and consumers around the world.

<PAGE>
                                   2
<TABLE>
<CAPTION>
<S>                      <C>        <C>
Revenue                  $1,234     $1,100
Net income                  456        400
</TABLE>
ITEM 2.  PROPERTIES
</TEXT>
</DOCUMENT>
<DOCUMENT>
<TYPE>EX-27
<TEXT>
<TOTAL-REVENUES> 1,234
</TEXT>
</DOCUMENT>
</SEC-DOCUMENT>
"""


def test_sgml_main_document_and_plain_text_paragraphs():
    kind, body = main_document(SGML, name="x.txt", form="10-K")
    assert kind == "text"
    paragraphs = clean_paragraphs(text_to_paragraphs(body))
    assert paragraphs == [
        "ITEM 1. BUSINESS",
        "The Company makes software and sells it to businesses and consumers around the world.",
        "ITEM 2. PROPERTIES",
    ]


def test_sgml_without_documents_is_an_error():
    with pytest.raises(FinstepError, match="no <DOCUMENT>"):
        main_document(b"<SEC-DOCUMENT>header only</SEC-DOCUMENT>", name="x.txt", form="10-K")


def test_extract_document_end_to_end_fallback_for_unsegmentable_text():
    result = extract_document(html_doc(f"<p>{PROSE}</p>"), name="x.htm")
    assert result["segmentation"] == "fallback"
    assert result["reason"].startswith("found 0 Item headings")
    assert result["sections"][0]["text"] == PROSE


def test_a_paragraph_cut_by_a_page_break_is_joined():
    paragraphs = [
        "The Company sells software to businesses and",
        PAGE_BREAK,
        "12",
        "consumers worldwide.",
        PAGE_BREAK,
        "Next.",
    ]
    assert clean_paragraphs(paragraphs) == [
        "The Company sells software to businesses and consumers worldwide.",
        "Next.",
    ]
    assert clean_paragraphs(["Ends here.", PAGE_BREAK, "lower case start"]) == [
        "Ends here.",
        "lower case start",
    ]


def test_bold_paragraphs_are_reported_as_headings_and_only_wholly_bold_ones():
    # Apple: the subheading is font-weight:700, the risk factor's title bold italic, its body weight 400.
    from finstep.extract.html import html_paragraphs_and_headings

    span = '<span style="font-family:Helvetica;font-weight:{};font-style:{}">{}</span>'
    title = "The Company’s business could be adversely impacted by unfavorable results of legal proceedings."
    body = (
        f"<div>{span.format(700, 'normal', 'Legal and Regulatory Compliance Risks')}</div>"
        f"<div>{span.format(700, 'italic', title)}</div>"
        f"<div>{span.format(400, 'normal', PROSE)}</div>"
        f"<div><b>Net sales</b> rose 2% in fiscal 2024.</div>"  # a bold word in a sentence: no heading
        '<h3>Competition</h3><div style="font-weight:bold">Our <span style="font-weight:normal">plain</span></div>'
        "<p><strong>Seasonality</strong></p>"
    )
    paragraphs, headings = html_paragraphs_and_headings(html_doc(body))
    assert paragraphs[:3] == ["Legal and Regulatory Compliance Risks", title, PROSE]
    assert headings == {"Legal and Regulatory Compliance Risks", title, "Competition", "Seasonality"}
    doc = extract_document(html_doc(body + f"<p>{PROSE}</p>" * 20), name="x")
    section = next(s for s in doc["sections"] if title in s["text"])
    assert [section["text"][a:b] for a, b in section["headings"]][:2] == [paragraphs[0], title]
