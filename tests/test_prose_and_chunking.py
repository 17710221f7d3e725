import itertools

import pytest
from conftest import PROSE
from finstep.chunking import ChunkingConfig, chunk_filing, chunk_id, dedupe_across
from finstep.dedup import Deduplicator
from finstep.errors import FinstepError
from finstep.prose import ProseFilter

FILING = {
    "ticker": "ACME",
    "accession": "0000000001-24-000001",
    "cik": "0000000001",
    "form": "10-K",
    "period": "2024-12-31",
}


def _doc(sections):
    return {"segmentation": "items", "sections": [{"item": i, "title": i, "text": t} for i, t in sections]}


def _long_text(n):
    sentences = [
        f"In fiscal year {2000 + k} the segment {k} reported that revenue for product line {k} changed "
        f"because customers in region {k % 7} ordered differently than the company had planned for."
        for k in range(n)
    ]
    return "\n\n".join(" ".join(sentences[i : i + 3]) for i in range(0, n, 3))


def test_prose_filter_thresholds():
    f = ProseFilter()
    assert f(PROSE * 2)
    assert f.why_not("Short sentence.") == "too short"
    table = "Net sales $ 391,035 $ 383,285 4 % Cost of sales 210,352 214,137 (2) % " * 5
    assert f.why_not(table) in {"too few letters", "too many digits"}
    listing = "Exhibit Description Indenture Officer Certificate Supplemental Agreement Form Note " * 6
    assert f.why_not(listing) == "too few function words"
    assert ProseFilter.from_config({"min_chars": 10_000}).why_not(PROSE) == "too short"


def test_chunks_are_substrings_within_size_with_stable_ids():
    text = _long_text(60)
    cfg = ChunkingConfig(size=600, overlap=100)
    chunks, stats = chunk_filing(_doc([("1", text), ("7", text.replace("segment", "division"))]), FILING, cfg)
    assert stats.kept == len(chunks) > 10
    for c in chunks:
        section_text = text if c["section"] == "1" else text.replace("segment", "division")
        assert section_text[c["start"] : c["end"]] == c["text"]
        assert len(c["text"]) <= 600
        assert c["id"] == chunk_id(FILING["ticker"], FILING["accession"], c["section"], c["start"], c["end"])
        assert set(c) == {
            "id",
            "ticker",
            "cik",
            "accession",
            "form",
            "period",
            "section",
            "also_in",
            "start",
            "end",
            "text",
        }
    again, _ = chunk_filing(_doc([("1", text), ("7", text.replace("segment", "division"))]), FILING, cfg)
    assert [c["id"] for c in again] == [c["id"] for c in chunks]
    assert len({c["id"] for c in chunks}) == len(chunks)


def test_overlap_is_honoured():
    one_sentence_paragraphs = _long_text(60).replace(". ", ".\n\n")
    chunks, _ = chunk_filing(
        _doc([("1", one_sentence_paragraphs)]), FILING, ChunkingConfig(size=600, overlap=200)
    )
    gaps = [b["start"] - a["end"] for a, b in itertools.pairwise(chunks)]
    assert any(g < 0 for g in gaps)  # neighbours share text


def test_only_configured_items_are_chunked_and_fallback_is_optional():
    text = _long_text(30)
    chunks, _ = chunk_filing(
        _doc([("1", text), ("15", text + " extra")]), FILING, ChunkingConfig(items=("1",))
    )
    assert {c["section"] for c in chunks} == {"1"}
    fallback = {"segmentation": "fallback", "sections": [{"item": "full", "title": "", "text": text}]}
    assert chunk_filing(fallback, FILING, ChunkingConfig())[0]
    assert not chunk_filing(fallback, FILING, ChunkingConfig(keep_fallback=False))[0]


def _short_paragraphs(n):
    """Paragraphs shorter than MIN_REPEATED_PARAGRAPH: only whole chunks can repeat them."""
    return "\n\n".join(
        f"Revenue for product line {k} changed because customers in region {k % 7} ordered differently."
        for k in range(n)
    )


def test_duplicates_are_removed_within_a_filing():
    text = _short_paragraphs(12)
    chunks, stats = chunk_filing(
        _doc([("1", text), ("7", text), ("7A", text + " Also.")]), FILING, ChunkingConfig()
    )
    assert stats.duplicates_exact >= 1 and stats.duplicates_near >= 1
    assert {c["section"] for c in chunks} == {"1"}


def test_a_long_paragraph_repeated_in_a_later_item_is_chunked_once():
    # NVIDIA's MD&A restates paragraphs of Items 1 and 1A between paragraphs of its own.
    own = _long_text(12).split("\n\n")
    repeated = own[0].replace("segment", "export rule")
    mdna = [p.replace("segment", "division") for p in own]
    doc = _doc(
        [("1", "\n\n".join([repeated, *own[1:3]])), ("7", "\n\n".join([*mdna[:2], repeated, *mdna[2:]]))]
    )
    chunks, stats = chunk_filing(doc, FILING, ChunkingConfig(size=600, overlap=100))
    in_7 = [c for c in chunks if c["section"] == "7"]
    assert stats.repeated_paragraphs == 1
    assert in_7 and all(repeated not in c["text"] for c in in_7)
    assert all(p in "\n".join(c["text"] for c in in_7) for p in mdna)
    holder = next(c for c in chunks if repeated in c["text"])
    assert holder["section"] == "1" and holder["also_in"] == ["7"]
    texts = {s["item"]: s["text"] for s in doc["sections"]}
    assert all(texts[c["section"]][c["start"] : c["end"]] == c["text"] for c in chunks)


def test_near_duplicate_detection_and_threshold_off():
    base = _long_text(9)
    edited = base.replace("ordered differently", "ordered quite differently", 1)
    dedup = Deduplicator(0.8)
    assert dedup.keep(base) and not dedup.keep(edited) and dedup.dropped_near == 1
    assert dedup.keep(_long_text(30)[5000:])
    no_near = Deduplicator(None)
    assert no_near.keep(base) and no_near.keep(edited) and not no_near.keep(base)


def test_dedupe_across_filings_keeps_the_first():
    rows = [
        {"id": "a", "text": PROSE},
        {"id": "b", "text": PROSE.upper()},
        {"id": "c", "text": _long_text(9)},
    ]
    kept, dedup = dedupe_across(rows, 0.85)
    assert [r["id"] for r in kept] == ["a", "c"] and dedup.dropped_exact == 1


def test_overlap_must_be_smaller_than_size():
    with pytest.raises(FinstepError, match=r"chunking.overlap \(200\) must be smaller"):
        ChunkingConfig.from_config({"size": 200, "overlap": 200})


def test_chunk_ids_differ_between_tickers_whose_local_filings_share_a_stem():
    doc = _doc([("1", _long_text(20))])
    cfg = ChunkingConfig(size=600, overlap=100)
    ids = [
        {c["id"] for c in chunk_filing(doc, {**FILING, "ticker": ticker, "accession": "2022"}, cfg)[0]}
        for ticker in ("AAA", "BBB")
    ]
    assert ids[0] and ids[1] and not ids[0] & ids[1]


def _sentence(k):
    return (
        f"In fiscal {2000 + k} the U.S. segment of Acme Inc. reported, as Item 1A. Risk Factors explains, "
        f"that revenue for line {k} changed because customers ordered differently."
    )


def test_a_paragraph_longer_than_a_chunk_is_split_between_sentences():
    # LangChain's default separators go from lines to words: Meta's long regulatory paragraphs were cut
    # mid-sentence, and the next chunk opened on "as well as the imposition and amount of penalties".
    paragraph = " ".join(_sentence(k) for k in range(30))
    chunks, _ = chunk_filing(_doc([("1A", paragraph)]), FILING, ChunkingConfig(size=600, overlap=250))
    assert len(chunks) >= 5
    starts = {c["text"].split(" ", 2)[1] for c in chunks}
    assert starts == {"fiscal"}  # each chunk opens on a sentence, never on "Risk Factors" or "Naval"
    assert all(c["text"].endswith("differently.") for c in chunks)
    assert any(b["start"] < a["end"] for a, b in itertools.pairwise(chunks))  # overlap, of whole sentences


def test_a_chunk_does_not_end_on_the_heading_of_the_next_subsection():
    # Apple's Item 7A: chunks ended on "Foreign Exchange Rate Risk", whose text the next chunk holds.
    headings = ["Interest Rate Risk", "Foreign Exchange Rate Risk", "Equity Price Risk", "Credit Risk"]
    text = "\n\n".join(
        f"{h}\n\n"
        + " ".join(
            f"Our {h.lower()} in fiscal {2000 + k} changed because counterparties acted differently."
            for k in range(5)
        )
        for h in headings
    )
    cfg = ChunkingConfig(size=700, overlap=150, near_duplicate_threshold=None)
    chunks, _ = chunk_filing(_doc([("7A", text)]), FILING, cfg)
    last_lines = [c["text"].rsplit("\n", 1)[-1] for c in chunks]
    assert len(chunks) >= 3 and not [line for line in last_lines if line in headings]
    assert all(any(f"{h}\n\nOur" in c["text"] for c in chunks) for h in headings)  # each still heads its text
    assert all(text[c["start"] : c["end"]] == c["text"] for c in chunks)


POINTER_1A = (
    "Information in response to this Item 1A can be found in this report under Item 1 and in the 2024 "
    "Annual Report to Shareholders under “Financial Review – Risk Factors.” That information is "
    "incorporated into this item by reference."
)


def test_chunks_that_only_point_elsewhere_are_dropped_and_their_items_reported():
    # Wells Fargo's Items 1A, 7 and 7A point to its annual report exhibit; Part III points to the proxy.
    proxy = "The information required by this Item will be included in the 2025 Proxy Statement, and is "
    proxy += "incorporated herein by reference. Not applicable."
    see = "See Note 7 of the Notes to Consolidated Financial Statements for additional information. "
    doc = _doc([("1A", POINTER_1A), ("7", f"{PROSE}\n\n{see}"), ("7A", see * 4), ("11", proxy)])
    chunks, stats = chunk_filing(doc, FILING, ChunkingConfig())
    assert [c["section"] for c in chunks] == ["7"]  # prose with a pointer beside it stays
    assert stats.pointer_items == ["1A", "7A", "11"]
    assert stats.not_prose["cross-reference only"] == 3
    assert ProseFilter().why_not(PROSE + " " + see) is None


def _risk_factors(n: int) -> tuple[str, list[list[int]], list[str]]:
    """Item 1A as Apple lays it out: a bold subheading now and then, each factor's bold title sentence, its body."""
    parts, titles = [], []
    for k in range(n):
        if k % 3 == 0:
            parts.append((f"Group {k // 3} Risks", True))
        title = (
            f"The business of segment {k} could be adversely impacted by the outcome of matter number {k}."
        )
        titles.append(title)
        parts.append((title, True))
        for j in range(2):
            body = " ".join(
                f"In fiscal {2000 + i} matter {k} part {j} changed because customers acted differently."
                for i in range(4)
            )
            parts.append((body, False))
    text, spans = "", []
    for para, bold in parts:
        start = len(text) + (2 if text else 0)
        text = f"{text}\n\n{para}" if text else para
        if bold:
            spans.append([start, start + len(para)])
    return text, spans, titles


def test_a_chunk_does_not_end_on_a_subheading_and_the_next_risk_factors_title():
    # Apple's Item 1A: a chunk ended "Legal and Regulatory Compliance Risks / The Company's business ...
    # could be adversely impacted by unfavorable results of legal proceedings ...", that factor's body in
    # the next chunk. Extraction marks both bold; the title belongs with the body it heads.
    text, spans, titles = _risk_factors(12)
    doc = {
        "segmentation": "items",
        "sections": [{"item": "1A", "title": "1A", "text": text, "headings": spans}],
    }
    chunks, _ = chunk_filing(
        doc, FILING, ChunkingConfig(size=1000, overlap=200, near_duplicate_threshold=None)
    )
    bold = {text[a:b] for a, b in spans}
    assert len(chunks) >= 6
    assert not [c["text"][-80:] for c in chunks if c["text"].rsplit("\n\n", 1)[-1] in bold]
    for k, title in enumerate(titles):  # each title, whole, opens a chunk with its body's first sentence
        assert any(f"{title}\n\nIn fiscal 2000 matter {k} part 0" in c["text"] for c in chunks)
    assert all(text[c["start"] : c["end"]] == c["text"] and len(c["text"]) <= 1000 for c in chunks)


def test_real_chunks_do_not_end_on_a_heading_or_a_risk_factors_title():
    import gzip
    from pathlib import Path

    from finstep.extract import extract_document
    from finstep.extract.html import html_paragraphs_and_headings

    path = next((Path(__file__).parents[1] / "resources/filings/AAPL").glob("*.htm.gz"))
    data = gzip.decompress(path.read_bytes())
    doc = extract_document(data, name=str(path), form="10-K")
    chunks, _ = chunk_filing(doc, FILING, ChunkingConfig())
    bold = html_paragraphs_and_headings(data)[1]
    assert not [c["text"][-120:] for c in chunks if c["text"].rsplit("\n\n", 1)[-1] in bold]
    legal = (
        "Legal and Regulatory Compliance Risks\n\nThe Company’s business, results of operations and financial "
        "condition could be adversely impacted by unfavorable results of legal proceedings or government "
        "investigations.\n\nThe Company is subject to various claims"
    )
    assert sum(c["text"].startswith(legal) for c in chunks) == 1


def test_the_last_sentence_of_a_long_paragraph_is_not_dropped_as_too_short():
    # Apple's Item 1A: a paragraph longer than a chunk ended "... There can be no assurance the Company will
    # successfully manage future introductions and transitions of products and services.", split off alone
    # (126 characters, the sentence before it longer than the overlap) and dropped by the prose filter.
    long = [
        f"In fiscal {2000 + k} the segment reported that revenue for product line {k} changed because the "
        f"customers in region {k} ordered differently than the company had planned for, and the company "
        f"adjusted its supply, its prices and its marketing for line {k} to the orders it received in the year."
        for k in range(4)
    ]
    last = "There can be no assurance the Company will manage future transitions of its products."
    paragraph = " ".join([*long, last])
    assert all(len(s) > 100 for s in long) and len(last) < ProseFilter().min_chars
    cfg = ChunkingConfig(size=600, overlap=100, near_duplicate_threshold=None)
    chunks, stats = chunk_filing(_doc([("1A", paragraph)]), FILING, cfg)
    assert chunks[-1]["text"].endswith(last) and not stats.not_prose
    assert chunks[-1]["text"].startswith("In fiscal")  # it takes in whole sentences before it
    assert all(paragraph[c["start"] : c["end"]] == c["text"] and len(c["text"]) <= 600 for c in chunks)
