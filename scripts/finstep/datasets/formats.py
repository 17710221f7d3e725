"""Teacher triplets → prompt–completion rows, in the three distillation formats.

``summary`` asks for the summary in a plain instruction: the base model is
scored on the same prompt as the tuned one, so the prompt must be one an
instruct model answers as it stands. Measured on SmolLM2-135M-Instruct (4-bit,
greedy, 128 new tokens, 30 chunks of Apple's and Alphabet's FY2024 10-Ks): under
the former prompt, which opened with the task prefix ``[summary]`` and headed the
chunk "Excerpt from AAPL's Form 10-K, Item 7 (...)", 21 of 30 answers were that
prefix alone (ROUGE-L against the teacher 0.11); under this one, none (0.48), at
the same generation time. Without the prefix but with the heading, 11 of 12
answers began by copying the heading; an instruction naming "a company's 10-K
filing" or the Item made the model loop on "10-K"; the text alone does best.

``multitask`` is Distilling Step-by-Step (Hsieh et al. 2023): the same chunk
as two tasks, one target the summary and one the rationale. There the task
prefix ``[rationale]`` marks the rationale task, whose prompt also says which
filing and Item the text comes from (the rationale's first step names them).
The summary task keeps the plain summary prompt: its instruction tells the
tasks apart, a ``[summary]`` prefix would only teach the base model to echo it,
and only the summary task is used at inference, so the test split holds only
it. Its rows are then the ``summary`` format's rows, ids included: the two
sets' test splits are the same file, and the base model answers them once.
"""

from __future__ import annotations

from collections.abc import Iterator

from ..extract.items import ITEM_TITLES

FORMATS = ("summary", "rationale_summary", "multitask")
PROMPT_VERSION = "student-v2"
SUMMARY_INSTRUCTION = "Summarize the following text in two or three sentences."
RATIONALE_PREFIX = "[rationale]"
# Where a rationale_summary completion's summary starts; evaluation reads the summary from there.
SUMMARY_LABEL = "Summary:"


def _source(triplet: dict) -> str:
    section = str(triplet.get("section") or "")
    title = ITEM_TITLES.get(section)
    where = f"Item {section} ({title})" if title else "an annual report"
    return f"Excerpt from {triplet.get('ticker') or 'a company'}'s Form 10-K, {where}:\n\n{triplet['text']}"


def summary_prompt(triplet: dict) -> str:
    return f"{SUMMARY_INSTRUCTION}\n\n{triplet['text']}"


def rows(triplet: dict, fmt: str, split: str) -> Iterator[dict]:
    """The rows one triplet yields in ``fmt``; ``split`` decides whether the rationale task appears.

    Each row carries the chunk's 10-K Item (``section``): test rows are sampled by it.
    """
    base = {
        "source_id": triplet["id"],
        "accession": triplet.get("accession"),
        "ticker": triplet.get("ticker"),
        "section": triplet.get("section"),
    }
    summary = {
        "id": triplet["id"],
        "prompt": summary_prompt(triplet),
        "completion": triplet["summary"],
        "task": "summary",
        **base,
    }
    if fmt == "summary":
        yield summary
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
        yield summary
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


def predicted_prompt_kind(fmt: str) -> str:
    """Which prompts a format's test split holds: formats with the same kind have the same test rows."""
    return "summary" if fmt in ("summary", "multitask") else fmt
