"""Hostile documents: nesting past libxml2's depth limit, stray bytes in UTF-8 (issue 22, points 5 and 10)."""

import pytest
from conftest import PROSE
from finstep.errors import FinstepError
from finstep.extract import extract_document
from finstep.extract.cleanup import clean_paragraphs
from finstep.extract.html import html_to_paragraphs
from finstep.extract.plaintext import text_to_paragraphs
from finstep.extract.text import PAGE_BREAK, decode_document

ITEMS = [
    ("1", "Business"),
    ("1A", "Risk Factors"),
    ("7", "Management's Discussion and Analysis"),
    ("8", "Financial Statements"),
]


def _unclosed_10k(paragraphs_per_item: int = 1000) -> bytes:
    """A 10-K whose every paragraph is a <div> never closed: 4,000 levels deep at its end."""
    parts = ["<html><body>"]
    for item, title in ITEMS:
        parts.append(f"<div>Item {item}. {title}")
        parts += [f"<div>Paragraph {item}-{n}. {PROSE}" for n in range(paragraphs_per_item)]
    parts.append("</body></html>")
    return "".join(parts).encode()


def test_a_10k_of_4000_unclosed_divs_keeps_every_item_and_paragraph():
    data = _unclosed_10k()
    result = extract_document(data, name="unclosed.htm")
    assert result["segmentation"] == "items", result["reason"]
    sections = {s["item"]: s["text"] for s in result["sections"]}
    assert {"1", "1A", "7", "8"} <= set(sections)
    assert "Paragraph 8-999." in sections["8"] and "Paragraph 7-999." in sections["7"]
    text = "\n".join(sections.values())
    assert all(f"Paragraph {item}-{n}." in text for item, _ in ITEMS for n in range(0, 1000, 97))


def test_text_after_a_nest_3000_deep_is_kept_with_its_page_breaks_and_without_hidden_text():
    body = (
        f"<p>Before. {PROSE}</p>"
        + '<div style="display:none">hidden text</div>'
        + "<div>" * 3000
        + f"<p>Deep. {PROSE}</p>"
        + "</div>" * 3000
        + '<div style="page-break-before: always">Next page.</div>'
        + f"<p>After. {PROSE}</p>"
    )
    paragraphs = html_to_paragraphs(f"<html><body>{body}</body></html>".encode())
    assert paragraphs == [f"Before. {PROSE}", f"Deep. {PROSE}", PAGE_BREAK, "Next page.", f"After. {PROSE}"]


def test_a_nest_too_deep_for_the_flat_pass_fails_naming_the_file():
    data = ("<html><body>" + "<table><tr><td>" * 3000 + f"{PROSE}</body></html>").encode()
    with pytest.raises(FinstepError, match=r"^tables\.htm: HTML nested deeper than"):
        extract_document(data, name="tables.htm")


CURLY = "The company’s “results” – and its outlook – improved. " * 20


def test_one_stray_byte_in_utf8_html_keeps_every_curly_quote_and_is_counted():
    data = f"<html><body><p>{CURLY}</p><p>Item 1. Bad \xff byte.</p></body></html>".encode()
    data = data.replace("\xff".encode(), b"\xff")  # a lone byte, not UTF-8
    assert html_to_paragraphs(data) == [CURLY.strip(), "Item 1. Bad \ufffd byte."]
    result = extract_document(data, name="stray.htm")
    assert (result["encoding"], result["replaced_bytes"]) == ("utf-8", 1)
    assert "â€" not in " ".join(s["text"] for s in result["sections"])


def test_one_stray_byte_in_utf8_plain_text_keeps_every_curly_quote():
    data = (CURLY + "\n\nA stray ").encode() + b"\x92" + b" byte."
    assert text_to_paragraphs(data) == [CURLY.strip(), "A stray \ufffd byte."]


def test_decoding_is_by_majority_and_counts_replacements():
    assert decode_document("fine ’".encode()) == ("fine ’", "utf-8", 0)
    assert decode_document("a ’ b ’ c".encode() + b"\x92") == ("a ’ b ’ c\ufffd", "utf-8", 1)
    # Windows-1252 throughout (every non-ASCII byte invalid as UTF-8); 0x81 is undefined there.
    assert decode_document(b"Company\x92s \x96 net \x81") == ("Company’s – net \ufffd", "windows-1252", 1)


def test_a_real_filing_read_through_the_flat_pass_gives_the_same_paragraphs(shared_edgar):
    data = (shared_edgar / "filings" / "AAPL" / "0000320193-25-000079.htm").read_bytes()
    body = data.index(b">", data.lower().index(b"<body")) + 1
    too_deep = data[:body] + b"<div>" * 2100 + data[body:]  # unclosed: forces the flat pass
    assert clean_paragraphs(html_to_paragraphs(too_deep)) == clean_paragraphs(html_to_paragraphs(data))
