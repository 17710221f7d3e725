"""Extraction fidelity: each class of loss found on real 10-Ks, on a small document and on a real one.

Running Item headers, prose inside numeric tables, bulleted lists, leftovers
of removed tables, text before Item 1 and paragraphs repeated across Items.
The real-filing tests use ../shared/edgar and skip without it.
"""

from __future__ import annotations

import pytest
from conftest import PROSE, html_doc
from finstep.chunking import ChunkingConfig, chunk_filing
from finstep.extract import extract_document
from finstep.extract.cleanup import clean_paragraphs
from finstep.extract.html import html_to_paragraphs
from finstep.extract.items import parse_heading, segment
from finstep.extract.text import PAGE_BREAK, TOC_ENTRY

FILING = {"ticker": "ACME", "accession": "0000000001-24-000001", "cik": None, "form": "10-K", "period": None}
BREAK = '<div style="page-break-after:always"></div>'
RISK = (
    "Our results of operations depend on conditions that we cannot control, and any of the risks "
    "below could harm our business, reputation, financial condition and operating results."
)


def _sentences(seed: str, n: int) -> list[str]:
    return [f"{PROSE} This paragraph about {seed} number {k} adds its own detail." for k in range(n)]


def _sections(result: dict) -> dict[str, str]:
    return {s["item"]: s["text"] for s in result["sections"]}


def _real(shared_edgar, ticker: str) -> tuple[dict, list[dict]]:
    path = next((shared_edgar / "filings" / ticker).glob("*.htm*"))
    doc = extract_document(path.read_bytes(), name=str(path), form="10-K")
    return doc, chunk_filing(doc, {**FILING, "ticker": ticker}, ChunkingConfig())[0]


def _in_item(chunks: list[dict], item: str) -> str:
    return "\n".join(c["text"] for c in chunks if item == c["section"] or item in c["also_in"])


# 1. Item headings repeated as running page headers -------------------------------------


def _running_header_filing(pages_per_item: int = 4) -> bytes:
    items = [("1", "BUSINESS"), ("1A", "RISK FACTORS"), ("7", "MANAGEMENT'S DISCUSSION AND ANALYSIS")]
    toc = "<table>" + "".join(f"<tr><td>Item {i}.</td><td>{t.title()}</td><td>{3 + 4 * k}</td></tr>"
                              for k, (i, t) in enumerate(items)) + "</table>"  # fmt: skip
    body = [f"<div>Cover page</div>{toc}{BREAK}"]
    for item, title in items:
        heading = f"<div>ITEM {item}. {title}</div>"
        for page in range(pages_per_item):
            # The first page of an Item carries the heading where the Item starts; every later
            # page repeats it at the top, as some filers print it.
            paras = "".join(f"<p>{s}</p>" for s in _sentences(f"item {item} page {page}", 3))
            body.append(f"{heading}{paras}<div>{page + 1}</div>{BREAK}")
    return html_doc("".join(body))


def test_running_item_headers_do_not_move_the_items_starts():
    result = extract_document(_running_header_filing(), name="running.htm")
    assert result["segmentation"] == "items", result["reason"]
    sections = _sections(result)
    assert list(sections) == ["1", "1A", "7"]
    for item in ("1", "1A", "7"):
        text = sections[item]
        for page in range(4):
            assert f"about item {item} page {page} number 0" in text  # every page, not only the last
        assert not any(parse_heading(p) for p in text.split("\n\n"))  # the repeats are gone


def test_a_segmentation_short_for_its_table_of_contents_pages_falls_back():
    # As the chain chooser did before: Item 1A starting on its last page, 7A holding the rest.
    toc = [
        f"{TOC_ENTRY}1|3",
        f"{TOC_ENTRY}1A|10",
        f"{TOC_ENTRY}7|25",
        f"{TOC_ENTRY}7A|35",
        f"{TOC_ENTRY}8|37",
    ]
    body = ["Item 1. Business", *[PROSE] * 30, "Item 1A. Risk Factors", PROSE] + [
        "Item 7. MD&A",
        *[PROSE] * 40,
        "Item 7A. Market Risk",
        *[PROSE] * 10,
        "Item 8. Statements",
        PROSE,
    ]
    result = segment(toc + body)
    assert result["segmentation"] == "fallback"
    assert "Item 1A holds" in result["reason"] and "15 pages" in result["reason"]
    # An Item that points to the annual report exhibit is short by right.
    pointer = (
        "The information required by this Item is incorporated herein by reference to our Annual Report."
    )
    assert segment(toc + [*body[:32], pointer, *body[33:]])["segmentation"] == "items"
    # The same Items with the 1A text where the pages say it is: accepted.
    fixed = [*body[:31], "Item 1A. Risk Factors", *[PROSE] * 45, *body[33:]]
    assert segment(toc + fixed)["segmentation"] == "items"


def test_real_filing_with_running_item_headers_keeps_its_items(shared_edgar):
    """Apple's 10-K with its current Item heading printed atop every page, as other filers do."""
    path = shared_edgar / "filings" / "AAPL" / "0000320193-25-000079.htm"
    paragraphs = html_to_paragraphs(path.read_bytes())
    plain = segment(clean_paragraphs(paragraphs))
    with_headers, current, added = [], None, 0
    for para in paragraphs:
        if parse_heading(para):
            current = para
        with_headers.append(para)
        if para == PAGE_BREAK and current:
            with_headers.append(current)
            added += 1
    assert added > 50  # the Items' headings now repeat page after page
    headed = segment(clean_paragraphs(with_headers))
    assert headed["segmentation"] == "items", headed["reason"]
    assert _sections(headed) == _sections(plain)


# 2. Prose inside numeric tables ----------------------------------------------------------

BIO = (
    "Ms. Rivera joined the Company in 2015 as Vice President of Finance. She was previously Chief "
    "Financial Officer of a regional bank, where she led its capital planning for eight years."
)


def test_prose_cells_of_a_numeric_table_are_kept_without_its_numbers():
    officers = (
        "<table><tr><td>Name</td><td>Age</td><td>Position</td></tr>"
        f"<tr><td>Ana Rivera</td><td>52</td><td><div>Chief Financial Officer</div><div>{BIO}</div></td></tr>"
        "<tr><td>Ben Okafor</td><td>61</td><td>General Counsel</td></tr></table>"
    )
    money = "<table>" + "".join(f"<tr><td>Revenue {k}</td><td>$</td><td>{k},000</td></tr>" for k in range(6))
    paragraphs = html_to_paragraphs(html_doc(f"<p>{PROSE}</p>{officers}{money}</table>"))
    assert paragraphs[:4] == [PROSE, "Ana Rivera", "Chief Financial Officer", BIO]
    assert not any("52" in p or "Revenue" in p or "Ben Okafor" in p for p in paragraphs)


def test_real_officer_biographies_reach_item_1_chunks(shared_edgar):
    _, chunks = _real(shared_edgar, "ADBE")
    item_1 = _in_item(chunks, "1")
    assert "Mr. Narayen currently serves as our Chief Executive Officer" in item_1
    assert "Shantanu Narayen" in item_1


# 2b. Paragraphs cut by the page or the layout ------------------------------------------------

UNFINISHED = (
    "If the U.S. dollar weakened by 10%, the amount recorded in AOCI related to our cash flow hedges "
    "before tax effect would have been approximately $1.5 billion and $1.6 billion lower as of"
)


def test_a_sentence_cut_by_a_page_break_is_joined_whatever_case_goes_on():
    body = (
        f"<p>{UNFINISHED}</p><p>45</p>{BREAK}<p>December 31, 2023 and 2024, respectively.</p>"
        f"<p>{RISK} The non-</p>{BREAK}<p>U.S. branches of our banks are regulated abroad.</p>"
        f"<p>{RISK} This paragraph has no final period by mistake</p>{BREAK}<p>Interest Rate Risk</p>"
        "<p>Our short lead-in</p>" + BREAK + "<p>Foreign Exchange Risk</p>"
    )
    paragraphs = clean_paragraphs(html_to_paragraphs(html_doc(body)))
    assert paragraphs == [
        f"{UNFINISHED} December 31, 2023 and 2024, respectively.",
        f"{RISK} The non-U.S. branches of our banks are regulated abroad.",
        f"{RISK} This paragraph has no final period by mistake",  # a heading opens the next page
        "Interest Rate Risk",
        "Our short lead-in",
        "Foreign Exchange Risk",
    ]


def test_a_sentence_the_layout_cut_is_joined():
    # Wells Fargo closes a <div> inside a sentence, with no page break: "... subsidiary banks, see | Note 26".
    cut = f"{RISK} For information about the restrictions applicable to the Parent's subsidiary banks, see"
    body = f"<div>{cut}</div><div>Note 26 to Financial Statements in the Annual Report.</div>"
    body += f"<div>{PROSE}</div><div>Deposit Insurance Assessments</div><div>{PROSE}</div>"
    paragraphs = clean_paragraphs(html_to_paragraphs(html_doc(body)))
    assert paragraphs == [
        f"{cut} Note 26 to Financial Statements in the Annual Report.",
        PROSE,
        "Deposit Insurance Assessments",
        PROSE,
    ]


# 3. Bulleted lists -----------------------------------------------------------------------


def test_bullets_ending_in_semicolons_join_their_lead_in_and_reach_chunks():
    bullets = [
        "changes in global economic conditions and consumer demand for our products;",
        "the loss of key suppliers, or of their capacity to deliver components on time;",
        "regulation of data privacy, competition and trade in the countries where we operate;",
        "the outcome of litigation and other legal proceedings brought against us; and",
        "our ability to attract, retain and motivate the employees our business depends on.",
    ]
    body = f"<p>{RISK}</p><p>Factors that could affect our results include:</p>"
    body += "".join(f"<div>\u2022<span>&#160;&#160;{b}</span></div>" for b in bullets)
    body += f"<p>{PROSE}</p><ul>" + "".join(f"<li>{b}</li>" for b in bullets[:2]) + "</ul>"
    # NVIDIA's bullets: the glyph and the text in spans, the gap between them CSS padding.
    body += f"<p>{RISK} Risks include:</p>" + "".join(
        f'<div><span>\u2022</span><span style="padding-left:14pt">{b}</span></div>' for b in bullets[2:]
    )
    paragraphs = clean_paragraphs(html_to_paragraphs(html_doc(body)))
    assert paragraphs[1] == "\n".join(
        ["Factors that could affect our results include:", *[f"• {b}" for b in bullets]]
    )
    assert paragraphs[3] == "\n".join(f"• {b}" for b in bullets[:2])  # <li> gets its bullet
    assert paragraphs[4] == "\n".join([f"{RISK} Risks include:", *[f"• {b}" for b in bullets[2:]]])
    assert html_to_paragraphs(html_doc("<ol><li>Item 1A. Risk Factors</li></ol>")) == [
        "Item 1A. Risk Factors"
    ]
    # A list long enough to fill chunks of its own still passes the prose filter.
    listing = "\n\n".join([paragraphs[1].split("\n")[0] + "\n" + "\n".join(f"• {b}" for b in bullets * 6)])
    doc = {"segmentation": "items", "sections": [{"item": "1A", "title": "Risk Factors", "text": listing}]}
    _chunks, stats = chunk_filing(
        doc, FILING, ChunkingConfig(size=600, overlap=0, near_duplicate_threshold=None)
    )
    assert stats.candidates > 2 and stats.kept == stats.candidates, stats.not_prose


def test_a_title_heading_does_not_join_the_list_below_it():
    # Alphabet's "Executive Overview" over bullets: joined, it would open the first bullet's sentence.
    bullets = "".join(
        f"<li>Revenues were ${k}.0 billion, an increase of {k}% year over year.</li>" for k in (1, 2)
    )
    body = (
        f"<p>Executive Overview</p><ul>{bullets}</ul><p>Our current competitors include</p><ul>{bullets}</ul>"
    )
    paragraphs = clean_paragraphs(html_to_paragraphs(html_doc(body)))
    items = "• Revenues were $1.0 billion, an increase of 1% year over year.\n• Revenues were $2.0 billion"
    assert paragraphs[0] == "Executive Overview" and paragraphs[1].startswith(items)
    assert paragraphs[2].startswith(f"Our current competitors include\n{items}")


def test_real_risk_factor_bullets_reach_chunks(shared_edgar):
    _, chunks = _real(shared_edgar, "AMZN")
    item_1a = _in_item(chunks, "1A")
    for bullet in (
        "local economic and political conditions;",
        "our ability to retain and expand our network of sellers;",
    ):
        assert bullet in item_1a


# 4. Leftovers where tables were removed ----------------------------------------------------


def _money_table(rows: int = 5) -> str:
    return (
        "<table>"
        + "".join(f"<tr><td>Line {k}</td><td>$</td><td>{k}4,512</td></tr>" for k in range(rows))
        + "</table>"
    )


def test_lead_ins_units_titles_separators_and_footnote_marks_go_with_their_table():
    body = (
        f"<p>{PROSE}</p><p>The following table presents revenue by segment:</p><p>(in millions)</p>{_money_table()}"
        f"<p>(1)</p><p>__________________</p><p>{PROSE} The table below shows the split:</p>{_money_table()}"
        f"<p>INDEX TO CONSOLIDATED FINANCIAL STATEMENTS</p>{_money_table()}<p>———</p>"
        f"<p>Our officers are as follows:</p><table><tr><td>{BIO}</td></tr></table>"
    )
    paragraphs = clean_paragraphs(html_to_paragraphs(html_doc(body)))
    assert paragraphs == [PROSE, PROSE, "Our officers are as follows:", BIO]  # a kept table keeps its lead-in


def test_footnotes_of_a_dropped_table_go_with_it():
    # Apple's "(1)Services net sales include ...", Adobe's "(*) Percentage is less than 1%." after a
    # separator rule and a page break: without their table they annotate nothing.
    notes = "<p>(1)Services net sales include amortization of the deferred value of services.</p>"
    notes += f"<p>__________</p>{BREAK}<p>(*) Percentage is less than 1%.</p><p>*$100 invested in stock.</p>"
    listing = "<p>(i)pertain to the maintenance of records that accurately reflect transactions;</p>"
    body = f"<p>{PROSE}</p>{_money_table()}{notes}<p>{RISK}</p><p>{PROSE} They:</p>{listing}"
    paragraphs = clean_paragraphs(html_to_paragraphs(html_doc(body)))
    assert paragraphs == [PROSE, RISK, f"{PROSE} They:", listing[3:-4]]  # a list after prose stays


def test_real_chunks_carry_no_table_leftovers(shared_edgar):
    _, chunks = _real(shared_edgar, "AMZN")
    lines = [line.strip() for c in chunks for line in c["text"].split("\n")]
    assert not [x for x in lines if x and not any(ch.isalnum() for ch in x)]  # "___________________"
    assert "Information about operating expenses is as follows (in millions):" not in lines
    assert "The following table shows the calculation of diluted shares (in millions):" not in lines


# 5. Text before the first Item ------------------------------------------------------------

NOTICE = (
    "This Annual Report on Form 10-K contains forward-looking statements within the meaning of the "
    "Private Securities Litigation Reform Act of 1995 that involve risks and uncertainties, and actual "
    "results may differ materially from those the statements express or imply."
)


def test_the_preamble_is_a_section_that_chunking_leaves_out_unless_asked():
    paragraphs = [
        "Indicate by check mark whether the registrant is a shell company. Yes ☐ No ☒",
        NOTICE,
        PROSE,
    ]
    for item in ("1", "1A", "7"):
        paragraphs += [f"Item {item}. Title", *[PROSE] * 10]
    result = segment(paragraphs)
    assert result["sections"][0] == {
        "item": "preamble",
        "title": "Before Item 1",
        "covers": [],
        "text": f"{NOTICE}\n\n{PROSE}",
    }
    default, _ = chunk_filing(result, FILING, ChunkingConfig())
    assert "preamble" not in {c["section"] for c in default}
    asked, _ = chunk_filing(result, FILING, ChunkingConfig(items=("preamble", "1")))
    assert next(c["section"] for c in asked) == "preamble"


def test_real_forward_looking_notice_is_the_preamble(shared_edgar):
    doc, _ = _real(shared_edgar, "META")
    assert doc["sections"][0]["item"] == "preamble"
    assert "forward-looking statements" in doc["sections"][0]["text"]


# 6. Duplicates across Items -------------------------------------------------------------


def test_a_chunk_repeated_in_another_item_records_both():
    shared = "\n\n".join(_sentences("export controls", 4))
    doc = {
        "segmentation": "items",
        "sections": [
            {"item": "1", "title": "Business", "text": shared},
            {"item": "1A", "title": "Risk Factors", "text": "\n\n".join(_sentences("risks", 4))},
            {"item": "7", "title": "MD&A", "text": shared},
        ],
    }
    chunks, stats = chunk_filing(doc, FILING, ChunkingConfig())
    assert [(c["section"], c["also_in"]) for c in chunks] == [("1", ["7"]), ("1A", [])]
    assert stats.repeated_paragraphs == 4  # each paragraph repeats one of Item 1


def test_real_mdna_keeps_text_repeated_from_item_1(shared_edgar):
    _, chunks = _real(shared_edgar, "NVDA")
    assert "the USG published the “AI Diffusion” IFR in the Federal Register" in _in_item(chunks, "7")
    assert any("7" in c["also_in"] for c in chunks)


@pytest.mark.parametrize("ticker", ["AAPL", "ADBE", "AMZN", "META", "NVDA", "WFC"])
def test_real_filings_segment_into_items(shared_edgar, ticker):
    doc, chunks = _real(shared_edgar, ticker)
    assert doc["segmentation"] == "items", doc["reason"]
    assert {"1", "1A", "7"} <= {s["item"] for s in doc["sections"]}
    assert len({c["id"] for c in chunks}) == len(chunks)
