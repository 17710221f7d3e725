"""The extractive teacher: a deterministic, model-free baseline whose answers always validate."""

from __future__ import annotations

import json
import re

import pytest
from conftest import ROOT
from finstep.chunking import ChunkingConfig, chunk_filing
from finstep.extract import extract_document
from finstep.sentences import split_sentences
from finstep.teacher.extractive.facts import risk_topic, sentence_facts
from finstep.teacher.parser import parse_answer
from finstep.teacher.plugins import build_teacher
from finstep.teacher.plugins.base import TeacherRequest
from finstep.teacher.plugins.extractive import ExtractiveTeacher
from finstep.teacher.prompt import load_prompt
from finstep.teacher.schema import RATIONALE_MAX, RATIONALE_PATTERN, SUMMARY_MAX, SUMMARY_MIN

PROMPT = load_prompt(ROOT / "config" / "prompts" / "teacher-v1.yaml")

MDA = """Fiscal 2024 Highlights

Total net sales increased 2% year over year to $391.0 billion in fiscal 2024, compared with $383.3 billion \
in fiscal 2023. Services net sales grew 13% to $96.2 billion, driven by higher advertising, cloud and \
payment services revenue. iPhone net sales were $201.2 billion, essentially flat with the prior year, \
while Mac net sales rose 2% on the strength of new notebooks.

Gross margin percentage was 46.2%, up from 44.1% a year earlier, reflecting a more favorable mix toward \
Services. Operating expenses decreased 1% to $57.5 billion, mainly because of lower marketing spend. \
The Company returned over $110 billion to shareholders during the year."""

RISK = """Risks Related to Our Business

The Company's operations and performance depend significantly on global and regional economic \
conditions. Competition in the markets for the Company's products is intense, and the Company may not \
be able to compete effectively against rivals with lower cost structures. Changes in laws and \
regulation, including new rules on digital platforms, could adversely affect the Company's business. \
The Company is exposed to litigation, and the outcome of pending matters is inherently uncertain. \
Because the Company relies on single-source suppliers, a disruption at any of them could harm results."""

LEGAL = """The Company is subject to legal proceedings and claims that have arisen in the ordinary \
course of business. Management does not expect these matters to have a material adverse effect on \
the Company's financial position."""

ABBREVIATIONS = """Apple Inc. and Microsoft Corp. each report in U.S. dollars, and approx. 3.5% of \
sales come from Co. No. 5 partners such as Acme Ltd. in the U.K. and elsewhere. On Jan. 15 the \
Company signed an agreement with Dr. Smith's firm, e.g. for services, vs. the prior year's terms. \
Revenue grew 4.2% to $12.5 million, i.e. faster than costs. The St. Louis office, owned by the \
Company since 1998, employs 1,250 people."""

BUSINESS = """Products

iPhone is the Company's line of smartphones based on its iOS operating system. The Company designs \
the processors in every model and sells the line through its retail and online stores, carriers and \
resellers. Earlier models remain on sale at lower price points, which lets the Company reach customers \
who upgrade less often."""

# Real filings keep the numbers in tables: the prose states only directions and drivers.
SEGMENTS = """Segment Operating Performance

The following table shows net sales by reportable segment (dollars in millions):

Americas net sales increased during 2025 compared to 2024 primarily due to higher net sales of iPhone \
and Services. Greater China net sales decreased during 2025 compared to 2024 primarily due to lower net \
sales of iPhone. Competitors have reduced prices in several markets."""

CHUNKS = {
    "mda": MDA,
    "risk": RISK,
    "legal": LEGAL,
    "abbreviations": ABBREVIATIONS,
    "business": BUSINESS,
    "segments": SEGMENTS,
}
SECTIONS = {"mda": "7", "risk": "1A", "legal": "3", "abbreviations": "7", "business": "1", "segments": "7"}


def request(name: str, text: str, **meta: object) -> TeacherRequest:
    meta = {"ticker": "AAPL", "company": "Apple Inc.", "section": SECTIONS.get(name, "7"), **meta}
    return TeacherRequest(id=name, text=text, prompt=PROMPT, meta=meta)


def generate(text: str, name: str = "mda", options: dict | None = None, **meta: object):
    teacher = ExtractiveTeacher(options or {})
    [generation] = teacher.generate([request(name, text, **meta)], seed=0)
    parsed, reason = parse_answer(generation.text)
    assert reason is None, f"{reason}\n{generation.text}"
    return generation, parsed


def steps(rationale: str) -> list[str]:
    return [re.sub(r"^\d+\. ", "", line) for line in rationale.splitlines()]


@pytest.mark.parametrize("name", list(CHUNKS))
def test_every_sample_chunk_validates(name):
    text = CHUNKS[name]
    assert 200 <= len(text) <= 1500, len(text)
    generation, answer = generate(text, name)
    assert re.fullmatch(RATIONALE_PATTERN, answer.rationale)
    assert len(steps(answer.rationale)) >= 2
    assert SUMMARY_MIN <= len(answer.summary) <= SUMMARY_MAX
    assert len(answer.rationale) <= RATIONALE_MAX
    assert generation.output_tokens == len(generation.text.split())
    assert json.loads(generation.text) == {"rationale": answer.rationale, "summary": answer.summary}
    # The summary is made of the chunk's own sentences.
    assert all(sentence in " ".join(text.split()) for sentence in split_sentences(answer.summary))


def test_figures_reach_the_summary_and_the_rationale():
    _, answer = generate(MDA)
    for figure in ("$391.0 billion", "2%", "$96.2 billion", "13%"):
        assert figure in answer.summary, figure
    for figure in ("$391.0 billion", "$96.2 billion", "46.2%", "$57.5 billion"):
        assert figure in answer.rationale, figure
    lines = steps(answer.rationale)
    assert "Total net sales: increased 2% year over year to $391.0 billion" in lines[1]
    assert "(increase)" in lines[1] and "compared with $383.3 billion" in lines[1]
    assert any(line.startswith("Services net sales: grew 13% to $96.2 billion (increase)") for line in lines)
    assert any("driver: driven by higher advertising" in line for line in lines)
    assert any(line.startswith("Operating expenses: decreased 1%") and "(decrease)" in line for line in lines)
    assert any(line.startswith("iPhone net sales: $201.2 billion (flat)") for line in lines)


def test_first_and_last_steps_frame_the_analysis():
    _, answer = generate(MDA)
    lines = steps(answer.rationale)
    assert lines[0].startswith(
        "The excerpt comes from Apple Inc.'s Form 10-K, Item 7 (Management's Discussion"
    )
    assert "Total net sales increased 2%" in lines[0]  # the lead sentence, not the heading
    assert lines[-1].startswith("Overall: the excerpt reports figures; increases in Total net sales")
    assert "decreases in Operating expenses" in lines[-1]


def test_changes_stated_without_figures():
    _, answer = generate(SEGMENTS, "segments")
    lines = steps(answer.rationale)
    assert "table shows" not in answer.rationale + answer.summary  # a table's introduction, without its table
    assert lines[1] == (
        "Americas net sales: increased during 2025 compared to 2024 (increase); "
        "driver: primarily due to higher net sales of iPhone and Services"
    )
    assert lines[2].startswith("Greater China net sales: decreased during 2025 compared to 2024 (decrease)")
    assert not any(line.startswith("Competitors") for line in lines)  # "have reduced prices" names no metric
    assert lines[-1].startswith("Overall: the excerpt states changes without figures; increases in Americas")


def test_risk_paragraph_has_risk_steps_and_no_figures():
    _, answer = generate(RISK, "risk")
    lines = steps(answer.rationale)
    risks = [line for line in lines if line.startswith("Risk (")]
    assert risks, answer.rationale
    assert any(line.startswith("Risk (competition):") for line in risks)
    assert any("could adversely affect" in line for line in risks)
    assert lines[-1].startswith("Overall: a qualitative passage with no figures; risks flagged:")
    assert "Item 1A (Risk Factors)" in lines[0]


def test_short_legal_paragraph():
    _, answer = generate(LEGAL, "legal")
    lines = steps(answer.rationale)
    assert "Item 3 (Legal Proceedings)" in lines[0]
    assert any(line.startswith("Risk (") and "material adverse effect" in line for line in lines)
    assert answer.summary == " ".join(LEGAL.split())


def test_descriptive_paragraph_gets_key_points():
    _, answer = generate(BUSINESS, "business")
    lines = steps(answer.rationale)
    assert lines[0].endswith(
        'opens: "iPhone is the Company\'s line of smartphones based on its iOS operating system."'
    )
    assert [line for line in lines if line.startswith("Key point: ")]
    assert lines[-1] == "Overall: descriptive background to Business, with no figures or flagged risks."
    assert answer.summary.count(". ") == 1  # Lead-k topped up to two sentences


def test_sentence_splitter_keeps_abbreviations_and_decimals():
    assert split_sentences(ABBREVIATIONS) == [
        "Apple Inc. and Microsoft Corp. each report in U.S. dollars, and approx. 3.5% of sales come from "
        "Co. No. 5 partners such as Acme Ltd. in the U.K. and elsewhere.",
        "On Jan. 15 the Company signed an agreement with Dr. Smith's firm, e.g. for services, vs. the prior "
        "year's terms.",
        "Revenue grew 4.2% to $12.5 million, i.e. faster than costs.",
        "The St. Louis office, owned by the Company since 1998, employs 1,250 people.",
    ]


def test_sentence_splitter_drops_headings_and_bullets():
    text = "OVERVIEW\n\nRevenue grew. Costs fell!\n\n• Azure grew 29%.\n\n(In millions)\n\niPad sales fell."
    assert split_sentences(text) == ["Revenue grew.", "Costs fell!", "Azure grew 29%.", "iPad sales fell."]
    assert split_sentences("Results. iPhone sales rose.") == ["Results.", "iPhone sales rose."]
    assert split_sentences("Only A Heading") == ["Only A Heading"]


def test_abbreviation_paragraph_keeps_its_figures():
    _, answer = generate(ABBREVIATIONS, "abbreviations")
    assert "Revenue: grew 4.2% to $12.5 million (increase)" in steps(answer.rationale)
    assert "Revenue grew 4.2% to $12.5 million, i.e. faster than costs." in answer.summary


def test_deterministic_and_seed_independent():
    teacher = ExtractiveTeacher({})
    requests = [request(name, text) for name, text in CHUNKS.items()]
    first = [g.text for g in teacher.generate(requests, seed=0)]
    assert [g.text for g in teacher.generate(requests, seed=12345)] == first
    assert [g.text for g in ExtractiveTeacher({}).generate(requests, seed=1)] == first
    assert [g.text for g in teacher.generate(requests[::-1], seed=0)] == first[::-1]


def test_options_change_the_summary():
    _, default = generate(MDA)
    _, lead_only = generate(MDA, options={"lead_sentences": 1, "max_summary_sentences": 1})
    _, longer = generate(MDA, options={"lead_sentences": 2, "max_summary_sentences": 4})
    assert len(split_sentences(default.summary)) == 3
    assert split_sentences(lead_only.summary) == split_sentences(MDA)[:1]
    assert len(split_sentences(longer.summary)) == 4
    assert split_sentences(longer.summary)[:2] == split_sentences(MDA)[:2]


def test_summary_is_trimmed_at_a_sentence_or_word_boundary():
    sentence = "Revenue grew 5% to $10.0 billion in the period, " + "and costs rose in line with it, " * 60
    long_text = sentence.rstrip(", ") + ". Margins held at 40%."
    _, answer = generate(long_text)
    assert len(answer.summary) <= SUMMARY_MAX
    cut = answer.summary.removesuffix("…")
    assert cut != answer.summary and long_text.startswith(cut)
    assert long_text[len(cut)] in " ,"  # never mid-word
    _, everything = generate(MDA, options={"max_summary_sentences": 30, "lead_sentences": 30})
    assert everything.summary == " ".join(MDA.split("\n\n", 1)[1].split())


def test_rationale_fits_however_long_the_steps():
    amounts = ", ".join(f"${n}.0 billion" for n in range(80))
    figures = " ".join(f"Segment {n} revenue was {amounts}." for n in range(8))
    risk = (
        "Competition could adversely affect results in " + ", ".join(f"market {n}" for n in range(80)) + "."
    )
    _, answer = generate(f"{figures}\n\n{risk} {risk} {risk}")
    assert len(steps(answer.rationale)) == 11
    assert 3000 < len(answer.rationale) <= RATIONALE_MAX


def test_missing_metadata_and_tiny_text_still_validate():
    _, answer = generate("Not applicable.", section=None, company=None, ticker=None)
    assert answer.summary.startswith("Excerpt from the company's Form 10-K")
    _, answer = generate("", section="7")
    assert len(steps(answer.rationale)) >= 2


def test_registered_as_the_extractive_plugin():
    teacher = build_teacher({"plugin": "extractive", "lead_sentences": 2})
    assert isinstance(teacher, ExtractiveTeacher)
    assert teacher.name == "extractive" and teacher.uses_gpu(teacher.options) is False


def _sample_chunks() -> list[dict]:
    """The AAPL sample filing, extracted and chunked as the workflow does."""
    path = ROOT / "tests" / "data" / "filings" / "AAPL" / "0000320193-24-000123.htm"
    doc = extract_document(path.read_bytes(), name=path.name)
    chunks, _ = chunk_filing(doc, {"ticker": "AAPL", "accession": "x"}, ChunkingConfig())
    return chunks


def _workflow_chunks() -> list[dict]:
    """Every chunk of the workflow's last run, or the AAPL sample's when it has not run."""
    gathered = ROOT / "results" / "chunks" / "all.jsonl"
    if not gathered.is_file():
        return _sample_chunks()
    lines = gathered.read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines if line.strip()]


@pytest.mark.parametrize("source", [_workflow_chunks, _sample_chunks], ids=["workflow", "aapl-sample"])
def test_every_real_chunk_gets_a_valid_answer(source):
    chunks = source()
    assert len(chunks) >= 20
    requests = [
        TeacherRequest(
            id=c["id"], text=c["text"], prompt=PROMPT, meta={"ticker": c["ticker"], "section": c["section"]}
        )
        for c in chunks
    ]
    generations = ExtractiveTeacher({}).generate(requests, seed=0)
    assert len(generations) == len(requests)
    answers = {r.id: parse_answer(g.text) for r, g in zip(requests, generations, strict=True)}
    assert {id_: reason for id_, (_, reason) in answers.items() if reason} == {}
    # Where a chunk states money amounts or percentages, both fields quote at least one of them; not
    # always (a figure may sit in a sentence fragment cut by the chunk boundary), but nearly.
    figure = re.compile(r"\$\d[\d,.]*(?: (?:million|billion))?|\d+(?:\.\d+)?%")
    with_figures = [
        (set(figure.findall(r.text)), answers[r.id][0]) for r in requests if figure.search(r.text)
    ]
    quoted = [
        any(f in answer.rationale for f in figures) and any(f in answer.summary for f in figures)
        for figures, answer in with_figures
    ]
    assert len(with_figures) >= 5 and sum(quoted) >= 0.9 * len(quoted)


def test_a_reference_to_an_item_does_not_end_the_sentence():
    text = 'Refer to "Item 1A. Risk Factors" for a discussion. It is in Part II. Item 7 of this report. See Item 7.'
    assert split_sentences(text) == [
        'Refer to "Item 1A. Risk Factors" for a discussion.',
        "It is in Part II. Item 7 of this report.",
        "See Item 7.",
    ]
    # Amazon's risk headings are whole clauses in title case, with no final period.
    heading = "We Face Risks Related to Successfully Optimizing and Operating Our Fulfillment Network and Data Centers"
    assert split_sentences(f"{heading}\n\n{LEGAL}") == split_sentences(LEGAL)


SIGNPOSTED = """See Note 3 — Restructuring and Note 12 — Commitments and Contingencies in the notes to the \
consolidated financial statements included in Part II, Item 8 of this Annual Report on Form 10-K for additional \
information regarding restructuring charges.

Family of Apps

FoA income from operations in 2024 increased $24.24 billion, or 39%, compared to 2023. The increase was driven \
by higher advertising revenue. RL loss from operations in 2024 increased $1.61 billion, or 10%, compared to 2023."""

READING_NOTE = """The following discussion should be read in conjunction with "Item 1A. Risk Factors," our \
Consolidated Financial Statements and related Notes thereto. NVIDIA pioneered accelerated computing to help \
solve the most challenging computational problems. Since our original focus on PC graphics, we have expanded \
to several other large and important computationally intensive fields."""


def test_the_summary_opens_on_what_the_chunk_says_not_on_a_signpost():
    # Meta's and NVIDIA's MD&A chunks open with "See Note 3 ..." or "should be read in conjunction with".
    _, answer = generate(SIGNPOSTED)
    assert answer.summary.startswith("FoA income from operations in 2024 increased $24.24 billion")
    assert "See Note 3" not in answer.summary
    assert 'opens: "FoA income from operations' in steps(answer.rationale)[0]
    _, answer = generate(READING_NOTE)
    assert answer.summary.startswith("NVIDIA pioneered accelerated computing")
    assert not [
        line for line in steps(answer.rationale) if line.startswith("Risk (")
    ]  # "Risk Factors" is a title


@pytest.mark.parametrize(
    ("sentence", "metric"),
    [
        # Apple, Alphabet, Amazon, Meta and NVIDIA 10-Ks: figures whose names come after, before "of",
        # behind an owner, a bullet, a parenthesis or a date phrase.
        (
            "As of September 28, 2024, the Company had fixed lease payment obligations of $15.6 billion, "
            "with $2.0 billion payable within 12 months.",
            "Fixed lease payment obligations",
        ),
        (
            "During the years ended December 31, 2023 and 2024, we spent $32.3 billion and $52.5 billion on "
            "capital expenditures, respectively.",
            "Capital expenditures",
        ),
        ("• Cost of revenues was $146.3 billion, an increase of 10% year over year.", "Cost of revenues"),
        (
            "Cash paid for U.S. (federal and state) and foreign income taxes (net of refunds) totaled $11.2 "
            "billion and $12.3 billion for 2023 and 2024.",
            "Cash paid for U.S. and foreign income taxes",
        ),
        ("The Company’s quarterly cash dividend was $0.25 per share.", "Quarterly cash dividend"),
        (
            "For the years ended December 31, 2023 and 2024, our depreciation on property and equipment was "
            "$11.9 billion and $15.3 billion, respectively.",
            "Depreciation on property and equipment",
        ),
        (
            "If an adverse 10% foreign exchange rate change was applied to our hedging contracts, it would have "
            "resulted in an adverse impact on income before taxes of $129 million.",
            "Adverse impact on income before taxes",
        ),
        ("During fiscal 2024, we incurred a $1 billion termination fee.", "Termination fee"),
    ],
)
def test_figures_are_named_as_a_reader_would(sentence, metric):
    assert metric in [fact.metric for fact in sentence_facts(sentence)]


def test_a_change_verb_names_its_object_and_the_cause_is_the_driver():
    [fact] = sentence_facts(
        "Changes in foreign exchange rates reduced North America net sales by $462 million."
    )
    assert (fact.metric, fact.direction, fact.driver) == (
        "North America net sales",
        "decrease",
        "Changes in foreign exchange rates",
    )
    [fact] = sentence_facts(
        "Japan net sales increased during 2024 due primarily to higher net sales of iPhone."
    )
    assert fact.driver == "due primarily to higher net sales of iPhone"  # Apple's word order
    decrease = (
        "A hypothetical 100 basis point increase in rates would have resulted in a decrease of $680 million."
    )
    assert "Decrease" not in [f.metric for f in sentence_facts(decrease)]  # the change, not what changed
    # The topic named first: Amazon's list of forward-looking factors opens with exchange rates.
    assert risk_topic(
        "Results could differ because of foreign exchange rates, inflation and competition."
    ) == ("currency")


@pytest.mark.parametrize(
    ("sentence", "step"),
    [
        # The default run's Apple, Alphabet, Amazon and Meta chunks: each was "Reported figure: ...",
        # "Remained available and authorized: ..." or split at ", and $22.8 billion" before.
        (
            "Included in “Other long-term liabilities” on our consolidated balance sheets was $5.7 billion and "
            "$6.5 billion of unearned revenue as of December 31, 2023 and 2024.",
            "Unearned revenue: $5.7 billion and $6.5 billion",
        ),
        (
            "As of October 18, 2024, there were 23,301 shareholders of record.",
            "Shareholders of record: 23,301",
        ),
        (
            "Lease costs associated with fixed payments on the Company’s operating leases were $2.0 billion for "
            "both 2024 and 2023 and $1.9 billion for 2022.",
            "Lease costs associated with fixed payments: $2.0 billion",
        ),
        (
            "The discount rate related to the Company’s lease liabilities as of September 28, 2024 and "
            "September 30, 2023 was 3.1% and 3.0%, respectively.",
            "Discount rate related to the Company’s lease liabilities: 3.1% and 3.0%",
        ),
        (
            "On March 17, 2022, we acquired MGM Holdings Inc., for cash consideration of approximately $6.1 "
            "billion, net of cash acquired.",
            "Cash consideration: approximately $6.1 billion",
        ),
        (
            "For the years ended December 31, 2022, 2023, and 2024, total SBC expense was $19.5 billion, $22.1 "
            "billion, and $22.8 billion.",
            "Total SBC expense: $19.5 billion, $22.1 billion, and $22.8 billion",
        ),
        (
            "In 2024, the DPC issued an administrative fine of EUR 251 million.",
            "Administrative fine: 251 million",
        ),
        (
            "The Company estimates that approximately 50% of the remaining performance obligations will be "
            "recognized within one year.",
            "Share of remaining performance obligations:",
        ),
    ],
)
def test_a_figure_is_named_by_the_noun_phrase_it_measures(sentence, step):
    assert any(fact.step().startswith(step) for fact in sentence_facts(sentence)), [
        f.step() for f in sentence_facts(sentence)
    ]


@pytest.mark.parametrize(
    "sentence",
    [
        "As of December 31, 2024, $51.28 billion remained available and authorized for repurchases.",
        "During 2024, we repurchased and subsequently retired 379 million shares for $62.0 billion.",
        "In September 2022, the General Court affirmed the EC decision but reduced the 2018 fine from "
        "€4.3 billion to €4.1 billion.",
    ],
)
def test_a_figure_with_no_name_in_its_clause_is_quoted_not_labelled(sentence):
    # Before: "Remained available and authorized: $51.28 billion", "Reported figure: we repurchased ...",
    # "General Court affirmed the EC decision but (in September 2022): reduced ...".
    [fact] = sentence_facts(sentence)
    assert fact.step() == f'"{sentence.rstrip(".")}"'
