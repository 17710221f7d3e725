"""Teacher triplets → prompt–completion rows, in the three distillation formats.

``multitask`` is Distilling Step-by-Step (Hsieh et al. 2023): the same input
under two task prefixes, one target the summary and one the rationale; only
the summary task is used at inference, so the test split holds only it.
"""

from __future__ import annotations

from collections.abc import Iterator

from ..extract.items import ITEM_TITLES

FORMATS = ("summary", "rationale_summary", "multitask")
PROMPT_VERSION = "student-v1"
SUMMARY_PREFIX = "[summary]"
RATIONALE_PREFIX = "[rationale]"
# Where a rationale_summary completion's summary starts; evaluation reads the summary from there.
SUMMARY_LABEL = "Summary:"


def _source(triplet: dict) -> str:
    section = str(triplet.get("section") or "")
    title = ITEM_TITLES.get(section)
    where = f"Item {section} ({title})" if title else "an annual report"
    return f"Excerpt from {triplet.get('ticker') or 'a company'}'s Form 10-K, {where}:\n\n{triplet['text']}"


def summary_prompt(triplet: dict) -> str:
    return f"{SUMMARY_PREFIX} Summarize the excerpt in two to four sentences.\n\n{_source(triplet)}"


def rows(triplet: dict, fmt: str, split: str) -> Iterator[dict]:
    """The rows one triplet yields in ``fmt``; ``split`` decides whether the rationale task appears."""
    base = {
        "source_id": triplet["id"],
        "accession": triplet.get("accession"),
        "ticker": triplet.get("ticker"),
    }
    if fmt == "summary":
        yield {
            "id": triplet["id"],
            "prompt": summary_prompt(triplet),
            "completion": triplet["summary"],
            "task": "summary",
            **base,
        }
    elif fmt == "rationale_summary":
        prompt = f"Analyse the excerpt step by step, then summarize it.\n\n{_source(triplet)}"
        completion = f"Rationale:\n{triplet['rationale']}\n\n{SUMMARY_LABEL} {triplet['summary']}"
        yield {
            "id": triplet["id"],
            "prompt": prompt,
            "completion": completion,
            "task": "rationale_summary",
            **base,
        }
    elif fmt == "multitask":
        yield {
            "id": f"{triplet['id']}:summary",
            "prompt": summary_prompt(triplet),
            "completion": triplet["summary"],
            "task": "summary",
            **base,
        }
        if split != "test":
            prompt = f"{RATIONALE_PREFIX} Explain the excerpt step by step.\n\n{_source(triplet)}"
            yield {
                "id": f"{triplet['id']}:rationale",
                "prompt": prompt,
                "completion": triplet["rationale"],
                "task": "rationale",
                **base,
            }
    else:
        raise ValueError(f"unknown distillation format {fmt!r}; choose one of {', '.join(FORMATS)}")
