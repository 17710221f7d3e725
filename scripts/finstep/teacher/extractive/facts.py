"""Figures, changes and risks read from a chunk's sentences by rules, for the extractive teacher.

A fact is figures that belong together (or a change stated in words only)
with the metric they measure, the direction of the change and its stated
driver: "net sales increased 2% to $391 billion, driven by Services" gives
metric "net sales", span "2% to $391 billion", direction "increase" and
driver "Services". Risks are sentences that say what may go wrong, by topic.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from ...evaluation.numbers import DIGITS

_NUMBER = f"(?:{DIGITS})"
_SCALE = r"(?:\s(?:thousand|million|billion|trillion)\b)?"
FIGURE = re.compile(
    r"(?:(?:about|approximately|approx\.|roughly|nearly|almost|more than|less than|over|some)\s)?"
    rf"(?:[$€£¥]\s?{_NUMBER}{_SCALE}(?:\sper\s(?:diluted\s)?share\b)?"  # money
    rf"|{_NUMBER}\s?(?:%|percent\b|percentage points?\b|basis points?\b|points?\b)"  # percentages
    rf"|{_NUMBER}\s(?:thousand|million|billion|trillion)\b"  # quantities
    r"|\d{1,3}(?:,\d{3})+(?:\.\d+)?)"  # large counts: "181,960 employees"
)
# Verbs of change open a fact and give its direction; the nouns and adjectives only give a direction.
_RISE_VERBS = ("increased", "rose", "grew", "gained", "improved", "widened", "expanded", "climbed", "raised")
_FALL_VERBS = (
    "decreased", "declined", "fell", "dropped", "reduced", "slipped", "narrowed", "shrank", "lowered",
)  # fmt: skip
_CHANGE_VERBS = {**dict.fromkeys(_RISE_VERBS, "increase"), **dict.fromkeys(_FALL_VERBS, "decrease")}
_CHANGE_WORDS = {
    **_CHANGE_VERBS,
    **dict.fromkeys(("increase", "increases", "rise", "rises", "growth", "higher", "up"), "increase"),
    **dict.fromkeys(("decrease", "decreases", "decline", "declines", "lower", "down"), "decrease"),
    **dict.fromkeys(("flat", "unchanged"), "flat"),
}
_COPULAS = (
    "was", "were", "is", "are", "totaled", "totalled", "reached", "represented", "remained", "amounted",
)  # fmt: skip
# "up"/"down" count only before a figure ("up 15%", "down from $111.1 billion"), not in "made up of".
_UP_DOWN = r"\b(?:up|down)(?=\s(?:from\s|by\s)?(?:about\s|approximately\s|roughly\s)?[$€£¥\d])"


def _alternatives(words: Iterable[str]) -> str:
    """A regex alternation, longest words first so that "rises" is not matched as "rise"."""
    return "|".join(sorted(words, key=lambda w: (-len(w), w)))


_CHANGE_VERB = re.compile(rf"\b(?:{_alternatives(_CHANGE_VERBS)})\b")
_VERB = re.compile(rf"\b(?:{_alternatives([*_CHANGE_VERBS, *_COPULAS])})\b|{_UP_DOWN}")
_DIRECTION = re.compile(rf"\b(?:{_alternatives(set(_CHANGE_WORDS) - {'up', 'down'})})\b|{_UP_DOWN}")
# Where a clause starts saying why: everything after is the driver of the change.
_DRIVER = re.compile(
    r",?\s(?:(?:primarily|mainly|largely|partly|partially|chiefly|principally)\s)?"
    r"(?:because|due to|driven by|reflecting|as a result of|led by|helped by|owing to|offset by)\b"
    r"|,\sas\b(?!\sof\b)"
)
# Clause boundaries inside a sentence: "...; ...", "..., and ...", "..., while ...".
_CLAUSE = re.compile(r";\s|,\s(?=(?:and|but|while|whereas|although|though)\b)|\s(?=(?:while|whereas)\b)")
_CHAIN_WORDS = 4  # figures this close, with no verb between, belong together: "rose 1% to $386,565 million"
_PREPOSITION = re.compile(
    r"^(?:in|during|for|at|on|as of|by|after|from|within|compared|versus|than|with|of|to)\b", re.IGNORECASE
)
_METRIC_CUT = re.compile(r",\s(?:which|including|excluding|net of)\b|\s\(")
_LEADING_FILLER = re.compile(
    r"^(?:(?:and|but|while|whereas|although|though|a|an|the|this|these|our|its|their)\s)+", re.IGNORECASE
)
_TRAILING_FILLER = re.compile(r"(?:\s(?:of|at|to|by|for|and|or|the|that|with))+$", re.IGNORECASE)
# After a verb with no usable subject: "raised the quarterly dividend by 4%" → "quarterly dividend".
_OBJECT = re.compile(r"\s*(?:the|its|our|their)\s((?:[\w’'-]+\s){0,5}?[\w’'-]+)\s(?:by|to|from)\b")
# Not a metric's name: a pronoun or the filer as subject ("We returned"), or a phrase with a verb
# of its own ("would have", "competitors have").
_NOT_A_METRIC = re.compile(
    r"^(?:it|they|we|which|there|company)\b"
    r"|\b(?:would|could|may|might|will|should|can|is|are|was|were|be|been|has|have|had)\b",
    re.IGNORECASE,
)
_METRIC_WORDS = 8
_UNNAMED = "Reported figure"
_SPAN_LEAD = re.compile(r"[\s,;]*(?:(?:and|but)\s)?")
_TAIL_WORDS = 6
_CHANGE_QUOTE_WORDS = 10  # how much of a change stated without figures is quoted
# What may follow a change verb used of the metric itself ("net sales increased during 2025"), unlike
# "reduced demand" or "concerns raised through", where the words before the verb name no metric.
_INTRANSITIVE = re.compile(
    r"\s*(?:$|[,;]|(?:during|in|by|from|to|over|compared|as|with|on|for|year|slightly|modestly"
    r"|significantly|substantially|sharply|primarily|mainly|largely)\b)"
)

RISK = re.compile(
    r"\b(?:risks?|uncertain(?:ty|ties)?|adverse(?:ly)?|may not|might not|cannot|no assurance"
    r"|depends? (?:on|upon)|dependen(?:t|ce)|competit\w*|regulat\w*|litigation|lawsuits?"
    r"|could (?:\w+ )?(?:harm|hurt|reduce|erode|disrupt|limit|damage|lower|weaken|impair|affect|force"
    r"|raise|halt|slow|expose|cause)\w*)",
    re.IGNORECASE,
)
_RISK_TOPICS = (
    ("competition", r"competit"),
    ("litigation", r"litigation|lawsuit|legal proceeding|infring|class action"),
    ("regulation", r"regulat|legislation|antitrust|law\b|laws\b|government"),
    ("tax", r"\btax"),
    ("currency", r"currenc|exchange rate"),
    ("interest rates", r"interest rate"),
    ("cybersecurity", r"cyber|breach|attack|privacy|personal data"),
    ("supply chain", r"supplier|supply|manufactur|component"),
    ("macroeconomic conditions", r"econom|inflation|recession|downturn"),
    ("execution", r"may not succeed|may not generate|execution|investment"),
)

_DRIVER_WORDS = 14


@dataclass
class Fact:
    """Figures that belong together (or a change stated in words): metric, quoted span, direction, driver.

    ``begin``/``end`` delimit the span in its clause; ``region`` is where the
    words that lead to it start, so the direction is looked for in its own part.
    """

    metric: str
    begin: int
    end: int
    region: int
    span: str = ""
    direction: str | None = None
    driver: str | None = None
    figures: bool = True  # False for a change stated in words only

    def step(self) -> str:
        direction = f" ({self.direction})" if self.direction else ""
        driver = f"; driver: {self.driver}" if self.driver else ""
        return f"{self.metric or _UNNAMED}: {self.span}{direction}{driver}"


def shorten(text: str, limit: int) -> str:
    """``text`` cut at a word boundary to at most ``limit`` characters, marked with "…" when cut."""
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    if " " in cut:
        cut = cut.rsplit(" ", 1)[0]
    return cut.rstrip(",;:") + "…"


def sentence_facts(sentence: str) -> list[Fact]:
    """The facts of a sentence; one with no metric of its own extends the one before it in its clause."""
    facts: list[Fact] = []
    for clause in _CLAUSE.split(sentence.rstrip(".!?")):
        for index, fact in enumerate(_clause_facts(clause.strip(" ,"))):
            if fact.metric or index == 0:
                facts.append(fact)
                continue
            last = facts[-1]
            last.span = f"{last.span}; {fact.span}"
            last.direction = last.direction or fact.direction
            last.driver = last.driver or fact.driver
    return facts


def _clause_facts(clause: str) -> list[Fact]:
    """Group a clause's figures into facts, then quote each and find its direction and driver.

    The driver (", driven by ...") is cut off first so that its figures and
    direction words are not taken for the clause's own.
    """
    driver = _DRIVER.search(clause)
    head = clause[: driver.start()] if driver else clause
    facts = _group_figures(head) or _stated_change(head)
    if not facts:
        return facts
    for fact, after in zip(facts, [*(f.region for f in facts[1:]), len(head)], strict=True):
        fact.span = head[fact.begin : fact.end].strip()
        moved = _DIRECTION.search(head, fact.region, after)
        fact.direction = fact.direction or (_CHANGE_WORDS[moved.group()] if moved else None)
    if driver:
        words = clause[driver.start() :].strip(" ,").split()
        facts[-1].driver = " ".join(words[:_DRIVER_WORDS]) + ("…" if len(words) > _DRIVER_WORDS else "")
    return facts


def _stated_change(head: str) -> list[Fact]:
    """A change stated without a figure ("Americas net sales increased during 2025"), if its metric is named.

    Real filings keep most numbers in tables, so their prose often gives only
    the direction and the driver; that is still worth a step.
    """
    verb = _CHANGE_VERB.search(head)
    if verb is None or not _INTRANSITIVE.match(head, verb.end()):
        return []
    metric = _metric(head[: verb.start()])
    if not metric:
        return []
    words = head[verb.start() :].split()[:_CHANGE_QUOTE_WORDS]
    end = verb.start() + len(" ".join(words))
    return [
        Fact(metric, verb.start(), end, verb.start(), direction=_CHANGE_VERBS[verb.group()], figures=False)
    ]


def _group_figures(head: str) -> list[Fact]:
    """Chain nearby figures; a verb, or a long gap, starts a new fact."""
    facts: list[Fact] = []
    prev_end = 0
    for figure in FIGURE.finditer(head):
        gap = head[prev_end : figure.start()]
        verb = _VERB.search(gap)
        if facts and verb is None and len(gap.split()) <= _CHAIN_WORDS:
            facts[-1].end = figure.end()
        else:
            facts.append(_new_fact(gap, verb, prev_end, figure.end(), first=not facts))
        prev_end = figure.end()
    return facts


def _new_fact(gap: str, verb: re.Match | None, offset: int, end: int, *, first: bool) -> Fact:
    """A fact named by the words before its verb, or by its verb's object.

    With no verb, only the first fact of a clause takes the words before its
    figure as a name ("Other expenses of $220 million"); later ones are
    comparisons of the previous ("compared with $382,980 million"): unnamed,
    they are quoted from their last few words and merged by ``sentence_facts``.
    """
    if verb:
        metric = _metric(gap[: verb.start()]) or _object(gap, verb.end())
    else:
        metric = _metric(gap) if first else ""
    if metric:
        begin = verb.start() if verb is not None and verb.group() in _CHANGE_WORDS else len(gap)
    else:
        begin = _tail_start(gap, verb)
    direction = _CHANGE_WORDS.get(verb.group()) if verb else None
    return Fact(metric, offset + begin, end, offset, direction=direction)


def _tail_start(gap: str, verb: re.Match | None) -> int:
    """Where an unnamed fact's quote starts: its last comma-separated words, if short ("down from")."""
    tail = _SPAN_LEAD.match(gap, gap.rfind(",") + 1).end()
    if len(gap[tail:].split()) <= _TAIL_WORDS:
        return tail
    return verb.start() if verb else len(gap)


def _object(gap: str, pos: int) -> str:
    named = _OBJECT.match(gap, pos)
    return _metric(named.group(1)) if named else ""


def _metric(words: str) -> str:
    """A metric name from the words before a verb: "In Japan, net sales" → "Net sales (in Japan)"."""
    words = _METRIC_CUT.split(words.strip(" ,;"), 1)[0].strip(" ,")
    where = ""
    if _PREPOSITION.match(words) and "," in words:
        where, _, words = words.partition(",")
        where = f" ({where[0].lower()}{where[1:]})"
    words = _LEADING_FILLER.sub("", f"{words.strip(' ,')} ").strip(" ,")
    words = _TRAILING_FILLER.sub("", words).strip(" ,")
    if (
        not words[:1].isalpha()
        or len(words.split()) > _METRIC_WORDS
        or _PREPOSITION.match(words)
        or _NOT_A_METRIC.search(words)
    ):
        return ""
    first, *rest = words.split(" ", 1)
    first = first.capitalize() if first.islower() else first
    return " ".join([first, *rest]) + where


def risk_topic(sentence: str) -> str:
    lowered = sentence.lower()
    return next((topic for topic, pattern in _RISK_TOPICS if re.search(pattern, lowered)), "uncertainty")
