"""The extractive teacher's answer: a Lead-k summary and a rationale of numbered steps built from facts.

See ``finstep.teacher.plugins.extractive`` for what the answer is for.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from ...extract.items import ITEM_TITLES
from ...prose import points_elsewhere
from ...sentences import SENTENCE_START
from ..schema import RATIONALE_MAX, SUMMARY_MAX, SUMMARY_MIN
from .facts import FIGURE, RISK, Fact, risk_topic, sentence_facts, shorten

_QUOTE_CHARS = 180
_FIGURE_STEPS = 6
_RISK_STEPS = 3
_DETAIL_STEPS = 2
_MAX_STEPS = 2 + _FIGURE_STEPS + _RISK_STEPS  # the context, the figures, the risks, the takeaway
_STEP_CHARS = RATIONALE_MAX // _MAX_STEPS - len("10. \n")


# How to read the report, not what it says: "The following discussion should be read in conjunction with".
_READING_NOTE = re.compile(
    r"\bshould be read (?:in conjunction|together) with\b|^(?:please|you should) read\b"
    r"|^(?:this|the following) (?:item|section|discussion)\b.{0,40}\b(?:generally )?discuss",
    re.IGNORECASE,
)


def signpost(sentence: str) -> bool:
    """A sentence that points elsewhere or says how to read the report: no reader's summary opens with it."""
    return points_elsewhere(sentence) or bool(_READING_NOTE.search(sentence))


def _lead_index(sentences: list[str]) -> int:
    """Where the lead starts: past a fragment left by a chunk boundary ("and the rest of it.") and past
    signposts ("See Note 3 ...", "Please read the following discussion together with ..."), unless the
    chunk holds nothing else."""
    first = 1 if len(sentences) > 1 and not SENTENCE_START.match(sentences[0]) else 0
    return next((i for i in range(first, len(sentences)) if not signpost(sentences[i])), first)


def _content(sentences: list[str], indexes: Iterable[int]) -> list[int]:
    return [i for i in indexes if not signpost(sentences[i])]


def summary(sentences: list[str], *, lead: int, cap: int, context: str) -> str:
    """Lead-k: the lead sentence(s), then the figure sentences, in document order, within the bounds.

    With no figures it stays Lead-k proper, topped up to two sentences (the
    schema asks for two to four); ``context`` prefixes an answer shorter than
    the schema's minimum, so even a near-empty chunk yields a valid summary.
    """
    first = _lead_index(sentences)
    chosen = _content(sentences, range(first, len(sentences)))[:lead] or [first][: len(sentences)]
    after = range(chosen[-1] + 1, len(sentences)) if chosen else ()
    figures = [i for i in _content(sentences, after) if FIGURE.search(sentences[i])]
    chosen += figures[: max(cap - len(chosen), 0)]
    rest = [i for i in _content(sentences, range(first, len(sentences))) if i not in chosen]
    rest = rest or [i for i in range(first, len(sentences)) if i not in chosen]  # signposts only
    chosen += rest[: max(min(2, cap) - len(chosen), 0)]
    text = _fit([sentences[i] for i in sorted(chosen)], SUMMARY_MAX)
    if len(text) < SUMMARY_MIN:
        text = f"{context}: {text or 'no text'}"
    return text


def _fit(sentences: list[str], limit: int) -> str:
    """As many whole sentences as fit in ``limit``; a first sentence too long alone is cut at a word."""
    text = ""
    for sentence in sentences:
        longer = f"{text} {sentence}".strip()
        if len(longer) > limit:
            return text or shorten(sentence, limit)
        text = longer
    return text


def company_name(meta: dict) -> str:
    return meta.get("company") or meta.get("ticker") or "the company"


def rationale(sentences: list[str], meta: dict) -> str:
    """Numbered steps: what the excerpt is, its figures and changes, its risks, the takeaway."""
    section = str(meta.get("section") or "")
    title = ITEM_TITLES.get(section)
    where = f"{company_name(meta)}'s Form 10-K" + (f", Item {section} ({title})" if title else "")
    first = _lead_index(sentences)
    lead = shorten(sentences[first], _QUOTE_CHARS) if sentences else "(no text)"
    facts = [fact for s in sentences for fact in sentence_facts(s)][:_FIGURE_STEPS]
    risks = _risk_sentences(sentences, first)
    steps = [f'The excerpt comes from {where} and opens: "{lead}"']
    steps += [fact.step() for fact in facts]
    steps += [f'Risk ({risk_topic(s)}): "{shorten(s, _QUOTE_CHARS)}"' for s in risks]
    if not facts and not risks:
        details = [sentences[i] for i in _content(sentences, range(first + 1, len(sentences)))][
            :_DETAIL_STEPS
        ]
        steps += [f'Key point: "{shorten(s, _QUOTE_CHARS)}"' for s in details]
    steps.append(_takeaway(facts, risks, title))
    return _number(steps)


def _risk_sentences(sentences: list[str], lead: int) -> list[str]:
    """Sentences with risk language, the lead left out (step 1 quotes it) unless it is the only one;
    not signposts ("... should be read in conjunction with Item 1A and the risks described elsewhere")."""
    risky = [i for i, s in enumerate(sentences) if RISK.search(s) and not signpost(s)]
    chosen = [i for i in risky if i != lead] or risky
    return [sentences[i] for i in chosen[:_RISK_STEPS]]


def _takeaway(facts: list[Fact], risks: list[str], title: str | None) -> str:
    """The last step: the balance of the changes and the risks, naming the metrics and topics."""
    named = [f for f in facts if f.metric]
    parts = []
    for label, phrase in (
        ("increase", "increases in"),
        ("decrease", "decreases in"),
        ("flat", "no change in"),
    ):
        metrics = _unique(f.metric for f in named if f.direction == label)
        if metrics:
            parts.append(f"{phrase} {_join(metrics)}")
    if named and not parts:
        parts.append(f"levels of {_join(_unique(f.metric for f in named))}")
    topics = _unique(risk_topic(s) for s in risks)
    if topics:
        parts.append(f"risks flagged: {_join(topics)}")
    if not facts and not topics:
        return (
            f"Overall: descriptive background to {title or 'the report'}, with no figures or flagged risks."
        )
    if any(f.figures for f in facts):
        opening = "the excerpt reports figures"
    elif facts:
        opening = "the excerpt states changes without figures"
    else:
        opening = "a qualitative passage with no figures"
    return f"Overall: {opening}" + "".join(f"; {part}" for part in parts) + "."


def _unique(items: Iterable[str]) -> list[str]:
    return list(dict.fromkeys(items))


def _join(items: list[str], limit: int = 3) -> str:
    items = items[:limit]
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


def _number(steps: list[str]) -> str:
    """Steps as "1. ...", one per line, each cut to its share of RATIONALE_MAX so the whole fits."""
    return "\n".join(
        f"{n}. {shorten(' '.join(step.split()), _STEP_CHARS)}" for n, step in enumerate(steps, 1)
    )
