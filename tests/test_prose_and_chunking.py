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


def test_duplicates_are_removed_within_a_filing():
    text = _long_text(12)
    chunks, stats = chunk_filing(
        _doc([("1", text), ("7", text), ("7A", text + " Also.")]), FILING, ChunkingConfig()
    )
    assert stats.duplicates_exact >= 1 and stats.duplicates_near >= 1
    assert {c["section"] for c in chunks} == {"1"}


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
