"""Tests on real SEC data from ../shared/edgar (skipped when it is absent)."""

import json
import re

import pytest
import responses
from finstep.chunking import ChunkingConfig, chunk_filing
from finstep.config_schema import defaults
from finstep.extract import extract_document
from finstep.extract.sgml import main_document
from finstep.sentences import is_heading, split_sentences
from finstep.sources import build_source
from finstep.teacher.extractive.answer import signpost
from finstep.teacher.plugins.base import TeacherRequest
from finstep.teacher.plugins.extractive import ExtractiveTeacher
from responses.registries import OrderedRegistry

TICKERS_URL = f"{defaults('source')['www_url']}/files/company_tickers.json"

APPLE_10K = "filings/AAPL/0000320193-25-000079.htm"
XBRL_RESIDUE = re.compile(r"us-gaap:|xbrli:|iso4217:|dei:")
TOC_LINE = re.compile(r"^\s*(items?\s+\d{1,2}[A-C]?\.?|part\s+[IVX]+).{0,120}\s\d{1,3}\s*$", re.I | re.M)
BARE_PAGE_NUMBER = re.compile(r"^\s*(?:page\s+)?-?\s*\d{1,3}\s*-?\s*$", re.I | re.M)
FILING = {
    "ticker": "AAPL",
    "accession": "0000320193-25-000079",
    "cik": "0000320193",
    "form": "10-K",
    "period": "2025-09-27",
}


@pytest.fixture(scope="module")
def apple(shared_edgar):
    return extract_document((shared_edgar / APPLE_10K).read_bytes(), name=APPLE_10K, form="10-K")


@pytest.fixture(scope="module")
def apple_chunks(apple):
    return chunk_filing(apple, FILING, ChunkingConfig())[0]


def test_apple_10k_items_have_plausible_lengths(apple):
    assert apple["segmentation"] == "items"
    sections = {s["item"]: s for s in apple["sections"]}
    assert list(sections) == [
        "preamble", "1", "1A", "1B", "1C", "2", "3", "4", "5", "6", "7", "7A", "8",
        "9", "9A", "9B", "9C", "10", "11", "12", "13", "14", "15", "16",
    ]  # fmt: skip
    bounds = {"1": (8_000, 40_000), "1A": (40_000, 120_000), "7": (10_000, 40_000), "7A": (1_500, 8_000)}
    for item, (low, high) in bounds.items():
        assert low <= len(sections[item]["text"]) <= high, item
    assert sections["1A"]["title"] == "Risk Factors"
    assert sections["preamble"]["text"].startswith(
        "This Annual Report on Form 10-K (“Form 10-K”) contains forward-looking"
    )
    assert sections["1"]["text"].startswith("Company Background")
    assert sections["4"]["text"] == "Not applicable."
    assert "Product, Service and Software Announcements" in sections["7"]["text"]
    assert "Net income $ 112,010" not in sections["8"]["text"]  # statements are numeric tables


def test_apple_text_has_no_xbrl_or_page_furniture(apple):
    text = "\n\n".join(s["text"] for s in apple["sections"])
    assert not XBRL_RESIDUE.search(text)
    assert "Apple Inc. | 2025 Form 10-K |" not in text
    assert not BARE_PAGE_NUMBER.search(text)


def test_apple_chunks_are_clean_and_within_size(apple, apple_chunks):
    assert len(apple_chunks) > 80
    sections = {s["item"]: s["text"] for s in apple["sections"]}
    for chunk in apple_chunks:
        assert len(chunk["text"]) <= 1500
        assert not XBRL_RESIDUE.search(chunk["text"]), chunk["id"]
        assert not TOC_LINE.search(chunk["text"]), chunk["id"]
        assert not BARE_PAGE_NUMBER.search(chunk["text"]), chunk["id"]
        assert sections[chunk["section"]][chunk["start"] : chunk["end"]] == chunk["text"]
    assert len({c["id"] for c in apple_chunks}) == len(apple_chunks)
    assert {"1", "1A", "7", "7A"} <= {c["section"] for c in apple_chunks}


def test_full_submission_main_document(shared_edgar):
    path = shared_edgar / "full_submission" / "0001193125-19-292676.txt"
    data = path.read_bytes()
    kind, body = main_document(data, name=path.name, form="8-K")
    assert kind == "html" and b"<XBRL>" not in body[:100] and b"EX-1.1" not in body[:2000]
    result = extract_document(data, name=path.name, form="8-K")
    # An 8-K has no 10-K Items: the whole document is kept and the fallback recorded.
    assert result["segmentation"] == "fallback"
    text = result["sections"][0]["text"]
    assert "Apple Inc." in text and "<TYPE>" not in text and "<DOCUMENT>" not in text
    assert not XBRL_RESIDUE.search(text)
    # Exhibits (the underwriting agreement) are not part of the main document.
    assert "UNDERWRITING AGREEMENT" not in text.upper()[:20000] or len(text) < len(data) / 4


@pytest.fixture
def recorded(shared_edgar):
    """SEC's submissions pages for Apple and its ticker map, served as recorded."""
    with responses.RequestsMock(registry=OrderedRegistry) as sec:
        sec.get(TICKERS_URL, body=(shared_edgar / "company_tickers.json").read_bytes())
        sec.get(
            "https://data.sec.gov/submissions/CIK0000320193.json",
            body=(shared_edgar / "submissions" / "CIK0000320193.json").read_bytes(),
        )
        yield sec


def _edgar(tmp_path, **options):
    return build_source(
        {
            "plugin": "edgar",
            "user_agent": "Test Lab research@example.org",
            "cache_dir": str(tmp_path),
            **options,
        }
    )


def test_real_ticker_map_and_latest_10ks(recorded, tmp_path):
    refs = _edgar(tmp_path, latest=3).list_filings("AAPL")
    assert [r.period for r in refs] == ["2022-09-24", "2021-09-25", "2020-09-26"]
    assert refs[0].location.endswith("/320193/000032019322000108/aapl-20220924.htm")
    assert all(r.cik == "0000320193" and r.company == "Apple Inc." for r in refs)
    ticker_map = json.loads((tmp_path / "company_tickers.json").read_text())["tickers"]
    assert ticker_map["GOOGL"] == ticker_map["GOOG"]


def test_real_pagination_for_1990s_filings(recorded, shared_edgar, tmp_path):
    recorded.get(
        "https://data.sec.gov/submissions/CIK0000320193-submissions-001.json",
        body=(shared_edgar / "submissions" / "CIK0000320193-submissions-001.json").read_bytes(),
    )
    refs = _edgar(tmp_path, fiscal_years=[1994, 1999], forms=["10-K", "10-K405"]).list_filings("AAPL")
    assert [r.period[:4] for r in refs] == ["1999", "1998", "1997", "1996", "1995", "1994"]
    assert {r.ext for r in refs} == {"txt"}  # no primary document in the 1990s: the full submission
    assert refs[-1].location.endswith("/320193/000032019394000016/0000320193-94-000016.txt")


# What a reader finds in the chunks of real 10-Ks (issue 24): Items 1, 1A, 7 and 7A of every shared filing.
REAL_10KS = {
    "AAPL-2024": "demo_filings/AAPL/aapl-10-k-2024-11-01.html",
    "GOOGL-2024": "demo_filings/GOOGL/googl-10-k-2025-02-05.html",
    "AAPL-2025": APPLE_10K,
    "AMZN": "filings/AMZN/amzn-10-k-2025-02-07.html",
    "META": "filings/META/meta-10-k-2025-01-30.html",
    "NVDA": "filings/NVDA/nvda-10-k-2025-02-26.html",
    "ADBE": "filings/ADBE/adbe-10-k-2025-01-13.html",
    "WFC": "filings/WFC/wfc-10-k-2025-02-25.html",
}
READ_ITEMS = ("1", "1A", "7", "7A")
TABLE_NOTE = re.compile(r"^(?:\(\s*(?:\d{1,2}|\*{1,3})\s*\)|\*{1,3})\s*\S", re.M)
FINISHED = re.compile(r"(?:[.!?:;][\"'”’)\]]*|\b(?:and|or))$")


@pytest.fixture(scope="module")
def real_chunks(shared_edgar):
    """Each real 10-K's extraction, chunks and chunking stats, made once for this module."""
    out = {}
    for name, path in REAL_10KS.items():
        doc = extract_document((shared_edgar / path).read_bytes(), name=path, form="10-K")
        chunks, stats = chunk_filing(
            doc, {**FILING, "ticker": name.split("-")[0], "accession": name}, ChunkingConfig()
        )
        out[name] = (doc, chunks, stats)
    return out


@pytest.mark.parametrize("name", list(REAL_10KS))
def test_real_chunks_are_whole_sentences_with_no_table_notes(real_chunks, name):
    _, chunks, _ = real_chunks[name]
    read = [c for c in chunks if c["section"] in READ_ITEMS]
    lines = [(c["id"], line) for c in read for line in c["text"].split("\n") if line]
    assert not [c["id"] for c in read if c["text"][0].islower()]  # opened mid-sentence
    last_lines = [c["text"].rsplit("\n", 1)[-1] for c in read if "\n" in c["text"]]
    assert not [line for line in last_lines if is_heading(line) and not line.startswith("•")]
    ends = [c["text"].rsplit("\n", 1)[-1] for c in read]
    assert not [end[-60:] for end in ends if not FINISHED.search(end) and not end.startswith("•")]
    assert not [line for _, line in lines if TABLE_NOTE.match(line)]  # "(1)Services net sales include ..."


BAD_NAME = re.compile(
    r"\d+\. (?:(?:Reported figure|Remaining|Greater|Total|Class|Figure|Amount)"
    r"|(?:The|A|An|There|It|We|Was|Were|Is|Are|Remained|Completed|Related|Primarily|Therefore|Each|No|Those"
    r"|Years? ended|Under|Except)\b[^:]*):"
)


@pytest.mark.parametrize("name", list(REAL_10KS))
def test_real_summaries_open_on_content_and_name_their_figures(real_chunks, name):
    _, chunks, _ = real_chunks[name]
    teacher = ExtractiveTeacher({})
    read = [c for c in chunks if c["section"] in READ_ITEMS]
    requests = [TeacherRequest(id=c["id"], text=c["text"], prompt=None, meta=c) for c in read]
    answers = [json.loads(g.text) for g in teacher.generate(requests, seed=0)]
    opening = [split_sentences(a["summary"])[0] for a in answers]
    signposted = [
        s
        for s, c in zip(opening, read, strict=True)
        if signpost(s) and not all(map(signpost, split_sentences(c["text"])))
    ]
    assert not signposted  # "See Note 3 ...", "should be read in conjunction with ..."
    steps = [line for a in answers for line in a["rationale"].split("\n")[1:-1]]
    figures = [line for line in steps if not re.match(r"\d+\. (?:Risk \(|Key point:)", line)]
    quoted = [line for line in figures if re.match(r'\d+\. "', line)]  # no name found: the clause, quoted
    assert len(quoted) <= 0.25 * len(figures), quoted[:5]
    # A name is the noun phrase a figure measures, never a label ("Reported figure: was $5.7 billion"),
    # a verb, a pronoun or a generic word ("Remained available and authorized", "Remaining: 50%").
    bad = [line for line in figures if BAD_NAME.match(line)]
    assert not bad, bad[:5]  # 199 of 569 steps on the default run's 826 chunks before, 0 of 527 after


def test_wells_fargo_pointer_items_give_no_chunks(real_chunks):
    _, chunks, stats = real_chunks["WFC"]
    assert {"1A", "7", "7A"} <= set(stats.pointer_items)
    assert not {"1A", "7", "7A"} & {c["section"] for c in chunks}
    assert "1" in {c["section"] for c in chunks}


def test_nvidia_mdna_chunks_its_own_paragraphs_only(real_chunks):
    _, chunks, stats = real_chunks["NVDA"]
    repeated = "the USG published the “AI Diffusion” IFR in the Federal Register"
    assert stats.repeated_paragraphs >= 5
    assert not [c["id"] for c in chunks if c["section"] == "7" and repeated in c["text"]]
    assert any(repeated in c["text"] and "7" in c["also_in"] for c in chunks)


def test_alphabet_sentence_cut_by_its_page_break_is_whole(real_chunks):
    doc, chunks, _ = real_chunks["GOOGL-2024"]
    sections = {s["item"]: s["text"] for s in doc["sections"]}
    assert "$1.6 billion lower as of December 31, 2023 and 2024, respectively." in sections["7A"]
    # Its current Item heading, printed atop every page, is not in the chunks.
    assert not [c["id"] for c in chunks for line in c["text"].split("\n") if re.match(r"(?i)item \d", line)]
