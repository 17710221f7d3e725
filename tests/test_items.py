import pytest
from conftest import PROSE
from finstep.extract.items import parse_heading, segment


@pytest.mark.parametrize(
    "text,item,title",
    [
        ("Item 1A. Risk Factors", "1A", "Risk Factors"),
        ("ITEM 1A RISK FACTORS", "1A", "RISK FACTORS"),
        ("Item 1.Business", "1", "Business"),
        ("Item 7: Management's Discussion and Analysis", "7", "Management's Discussion and Analysis"),
        ("Item 7A.", "7A", "Quantitative and Qualitative Disclosures About Market Risk"),
        ("ITEM 9C. Disclosure Regarding Foreign Jurisdictions that Prevent Inspections", "9C", None),
        ("Item 6. [Reserved]", "6", "[Reserved]"),
        ("Item 16 — Form 10-K Summary", "16", "Form 10-K Summary"),
    ],
)
def test_heading_styles(text, item, title):
    heading = parse_heading(text)
    assert heading is not None and heading.item == item
    if title:
        assert heading.title == title


def test_combined_items_heading():
    heading = parse_heading("Items 1 and 2. Business and Properties")
    assert heading.item == "1" and heading.covers == ("1", "2")


def test_combined_heading_is_followed_by_item_1a():
    paragraphs = [
        "Items 1 and 2. Business and Properties",
        *[PROSE] * 10,
        "Item 1A. Risk Factors",
        *[PROSE] * 10,
    ]
    paragraphs += ["Item 3. Legal Proceedings", PROSE]
    result = segment(paragraphs)
    assert [(s["item"], s["covers"]) for s in result["sections"]] == [
        ("1", ["1", "2"]),
        ("1A", ["1A"]),
        ("3", ["3"]),
    ]


@pytest.mark.parametrize(
    "text",
    [
        "Item 1A of this Form 10-K under the heading Risk Factors describes more.",
        "Item 17. Not an Item",
        "Item 1D. Not an Item",
        "Itemized deductions are discussed below",
        "Item 7, as discussed",
        "Item 1A. " + "Risk Factors " * 30,
    ],
)
def test_not_headings(text):
    assert parse_heading(text) is None


def _filing(with_toc: bool) -> list[str]:
    toc = (
        ["Item 1. Business", "Item 1A. Risk Factors", "Item 7. MD&A", "Item 7A. Market Risk"]
        if with_toc
        else []
    )
    body = []
    for heading in ["Item 1. Business", "Item 1A. Risk Factors", "Item 7. MD&A", "Item 7A. Market Risk"]:
        body += ["PART I", heading] + [PROSE] * 8
    return ["Cover page"] + toc + body


def test_segmentation_skips_the_table_of_contents():
    result = segment(_filing(with_toc=True))
    assert result["segmentation"] == "items"
    assert [s["item"] for s in result["sections"]] == ["1", "1A", "7", "7A"]
    for section in result["sections"]:
        assert section["text"] == "\n\n".join([PROSE] * 8)  # PART lines dropped, TOC skipped


def test_cross_reference_lines_do_not_split_sections():
    paragraphs = _filing(with_toc=False)
    paragraphs.insert(5, "Item 1A of this Form 10-K describes the risks.")
    result = segment(paragraphs)
    assert [s["item"] for s in result["sections"]] == ["1", "1A", "7", "7A"]


def test_a_repeated_heading_does_not_restart_its_item():
    # Running headers repeat the Item's heading; the first occurrence starts it, the repeat is dropped.
    paragraphs = _filing(with_toc=False) + ["Item 7A. Market Risk", "Short trailer."]
    result = segment(paragraphs)
    assert result["segmentation"] == "items"
    assert result["sections"][-1]["text"] == "\n\n".join([PROSE] * 8 + ["Short trailer."])


def test_fallback_when_headings_are_too_few_or_sections_too_short():
    few = segment(["Item 1. Business", PROSE * 20])
    assert few["segmentation"] == "fallback" and "fewer than 3" in few["reason"]
    short = segment(["Item 1. Business", "x", "Item 2. Properties", "y", "Item 3. Legal", "z"])
    assert short["segmentation"] == "fallback" and "longest Item" in short["reason"]
    assert short["sections"][0]["item"] == "full"
