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
_MAINLY = r"(?:(?:primarily|mainly|largely|partly|partially|chiefly|principally|in part)\s)?"
# "due primarily to" (Apple's order) as well as "primarily due to".
_DRIVER = re.compile(
    rf",?\s{_MAINLY}(?:because|due\s{_MAINLY}to|driven\s{_MAINLY}by|reflecting|as a result of|led by|helped by"
    r"|owing to|offset by)\b"
    r"|,\sas\b(?!\sof\b)"
)
# Clause boundaries inside a sentence: "...; ...", "..., and ...", "..., while ...".
# Not before "and" + a figure or year: "$19.5 billion, $22.1 billion, and $22.8 billion" is one list.
_CLAUSE = re.compile(
    r";\s|,\s(?=(?:and|but|while|whereas|although|though)\b(?!\s+(?:(?:about|approximately)\s)?[$€£¥\d]))"
    r"|\s(?=(?:while|whereas)\b)"
)
_CHAIN_WORDS = 4  # figures this close, with no verb between, belong together: "rose 1% to $386,565 million"
_PREPOSITION = re.compile(
    r"^(?:in|during|for|at|on|as|by|after|from|within|compared|versus|than|with|of|to|between"
    r"|if|when|because|although|while|unless|whether)\b",
    re.IGNORECASE,
)
_METRIC_CUT = re.compile(
    r",\s(?:which|including|excluding|net of)\b|\s(?:including|excluding|net of|as of)\s|\s\("
)
_PARENTHESES = re.compile(r"\s*\([^()]*\)")  # "Cash paid for U.S. (federal and state) and foreign taxes"
_BULLET = re.compile(r"^[•·▪◦●■\-–—*]\s*")
# The filer as owner: "The Company’s effective tax rate", "Apple’s net sales" → "effective tax rate".
_OWNER = re.compile(r"^(?:the\s)?(?:company|[A-Z][\w&.-]*)[’']s\s+", re.IGNORECASE)
_WHERE_MAX_WORDS = 5  # "(in Japan)"; not "(for the years ended December 31, 2023 and 2024)"
_CONJUNCTION = re.compile(r"^(?:as|if|when|because|although|while|unless|whether)\b", re.IGNORECASE)
_LEADING_FILLER = re.compile(
    r"^(?:(?:and|but|while|whereas|although|though|a|an|the|this|these|our|its|their|hypothetical|assumed)\s)+",
    re.IGNORECASE,
)
_TRAILING_FILLER = re.compile(
    r"(?:\s(?:of|at|to|by|for|and|or|the|that|with|total|totals|related|relating|up|mostly|primarily|mainly))+$",
    re.IGNORECASE,
)
# A figure after one of these qualifies another ("with 95% confidence", "up by 10%"): the words after it
# name no quantity of its own.
_QUALIFIED = re.compile(r"\b(?:with|by|to|from|at|than|over|under|up|down)\s*$", re.IGNORECASE)
# A verb's object: "raised the quarterly dividend by 4%" → "quarterly dividend"; "Changes in foreign
# exchange rates reduced North America net sales by $462 million" → "North America net sales".
_OBJECT = re.compile(r"\s*(?:the|its|our|their)\s((?:[\w’'-]+\s){0,5}?[\w’'-]+)\s(?:by|to|from)\b")
_CHANGE_OBJECT = re.compile(
    r"\s*(?:(?:the|its|our|their)\s)?((?:[\w’'-]+\s){0,5}?[\w’'-]+)\s(?:by|to|from)\b"
)
# "resulted in a decrease of $680 million": the noun before "of" is the change, not what changed.
_CHANGE_NOUNS = frozenset(
    {
        "increase", "decrease", "decline", "change", "reduction", "rise", "growth", "drop", "improvement"
    }
)  # fmt: skip
# Words that end a metric's name read backwards from "of" ("the Company had | fixed lease payment
# obligations of $15.6 billion") or forwards from a figure ("$32.3 billion on | capital expenditures |,").
_NAME_BOUNDARY = frozenset(
    {
        "a", "an", "the", "this", "these", "those", "our", "its", "their", "had", "has", "have", "with",
        "was", "were", "is", "are", "to", "for", "by", "as", "at", "on", "in", "from", "recorded",
        "recognized", "incurred", "reported", "include", "includes", "included", "including", "consisted",
        "totaled", "which", "that", "during", "since", "within", "through", "over", "under", "between",
        "payable", "respectively", "compared", "versus", "than", "would", "could", "may", "might", "will",
        "should", "can", "million", "billion", "thousand", "trillion"
    }
)  # fmt: skip
# Read backwards, a preposition is inside the name: "adverse impact on income before taxes of $129 million".
_OF_NAME_BOUNDARY = _NAME_BOUNDARY - {"in", "on", "for", "at", "from", "to", "by", "with"}
_NAME_WORD = re.compile(r"^[A-Za-z][\w’'&-]*$")
_NAME_WORDS = 7
# "$55.4 billion of", "a one-time income tax charge of", "notes outstanding of": a name precedes the figure.
_OF_TAIL = re.compile(
    r"\s(?:outstanding\s)?(?:of|totaling|totalling|amounting to)(?:\s(?:EUR|USD|GBP|JPY|CHF|CNY|INR))?\s*$"
)
# After the figure: "$10.0 billion of commercial paper", "spent $32.3 billion on capital expenditures",
# "a $1 billion termination fee", "a 32% increase in compensation and benefits".
_AFTER_FIGURE = re.compile(
    r"\s*(?:(?:increase|decrease|rise|decline|growth|reduction|drop)\s+in\s+|(?:of|in|on|for)\s+)?"
    r"(?:(?:the|our|its|their)\s+)?"
)
# Not a metric's name: a pronoun or the filer as subject ("We returned"), or a phrase with a verb
# of its own ("would have", "competitors have").
_NOT_A_METRIC = re.compile(
    r"^(?:it|they|which|there|company)\b|\bwe\b"
    r"|\b(?:would|could|may|might|will|should|can|is|are|was|were|be|been|has|have|had)\b",
    re.IGNORECASE,
)
_METRIC_WORDS = 8
# A name cannot open with these: a verb or adverb ("Remained available and authorized", "Primarily
# related"), a pronoun or quantifier ("There", "Each share", "No customer"), a period ("Years ended
# December"); nor be one of the generic words ("Remaining: 50%", "Greater", "Total").
_NOT_A_NAME_START = frozenset(
    {
        "remained", "remains", "remain", "completed", "related", "relating", "primarily", "mainly", "largely",
        "therefore", "thus", "however", "accordingly", "represent", "represents", "represented", "accounted",
        "there", "each", "no", "none", "any", "all", "both", "either", "under", "approximately", "about",
        "those", "these", "this", "that", "such", "except", "certain", "based", "or", "over", "using",
        "expiring", "invested", "second", "first", "then", "beginning", "starting", "result",
        "year", "years", "ended", "ending", "month", "months", "quarter", "quarters", "period", "note",
        "include", "includes", "included", "consist", "consists", "expected", "estimated",
    }
)  # fmt: skip
_GENERIC_NAMES = frozenset(
    {
        "remaining",
        "greater",
        "total",
        "unsecured",
        "class",
        "amount",
        "aggregate",
        "figure",
        "other",
        "rest",
        "additional",
        "approximate",
        "maximum",
        "minimum",
        "net",
        "changes",
        "change",
        "court",
        "expenses",
    }
)
# A finite verb inside the words before a figure ends the name: "Acquired assets | primarily consist of".
# A subject that acts names no figure: "The jury found that ...", "Plaintiffs alleged in their damages
# report", "The General Court overturned the decision", "the Board authorized the company".
_ACTION_VERB = re.compile(
    r"\b(?:alleged|alleges|allege|found|affirmed|overturned|annulled|authorized|authorised|infringed|ruled"
    r"|ordered|approved|agreed|filed|sought|seeks|awarded|issued|fined|imposed|capitalized|aim|aims|plan|plans"
    r"|intend|intends|anticipate|anticipates|believe|believes|assumes|assume|declared|owned|bore|canceled"
    r"|cancelled|paid dividends|contain|contains|tracks|track)\b",
    re.IGNORECASE,
)
_NAME_VERB = re.compile(
    r"\s(?:(?:primarily|mainly|largely|also|generally|individually)\s)?"
    r"(?:consist|consists|consisted|accounted|account|include|includes|issued|awarded|imposed|represent"
    r"|represents|represented|expect|expects|estimate|estimates|invested|announced)\b"
)
# Where a long subject may be cut to the noun phrase it is about: before a participle or a preposition
# that starts a modifier ("Lease costs associated with fixed payments | on the Company's operating leases",
# "The fair value | as of the respective vesting dates of RSUs").
_MODIFIER = re.compile(
    r"\s(?=(?:associated|related|relating|attributable|obtained|imposed|involving|arising|recorded|recognized"
    r"|under|as|on|for|in|within|during|from|by|through|that|which|to|with)\b)"
)
_QUOTE_CHARS = 180
_COPULA_LEAD = re.compile(r"^(?:there\s)?(?:is|are|was|were)\s(?=\S)")
_OF_AFTER = re.compile(r"(?:,\s*respectively,)?\s+of\s")
_THERE = re.compile(
    r"\bthere\s(?:is|are|was|were|had been|have been)\s(?:(?:about|approximately)\s)?[$€£¥]?\d"
)
_SPAN_LEAD = re.compile(r"[\s,;]*(?:(?:and|but)\s)?")
_TAIL_WORDS = 6
_CHANGE_QUOTE_WORDS = 10  # how much of a change stated without figures is quoted
# What may follow a change verb used of the metric itself ("net sales increased during 2025"), unlike
# "reduced demand" or "concerns raised through", where the words before the verb name no metric.
_INTRANSITIVE = re.compile(
    r"\s*(?:$|[,;]|(?:during|in|by|from|to|over|compared|as|with|on|for|year|slightly|modestly"
    r"|significantly|substantially|sharply|primarily|mainly|largely)\b)"
)

# "risk", not the title "Risk Factors" that cross-references name ("see Item 1A, Risk Factors").
RISK = re.compile(
    r"\b(?:risks?\b(?!\s+factors)|uncertain(?:ty|ties)?|adverse(?:ly)?|may not|might not|cannot|no assurance"
    r"|depends? (?:on|upon)|dependen(?:t|ce)|competit\w*|regulat\w*|litigation|lawsuits?"
    r"|negative(?:ly)? (?:impact|affect)\w*"
    r"|could (?:\w+ )?(?:harm|hurt|reduce|erode|disrupt|limit|damage|lower|weaken|impair|affect|force"
    r"|raise|halt|slow|expose|cause)\w*)",
    re.IGNORECASE,
)
_RISK_TOPICS = (
    ("competition", r"competit"),
    ("litigation", r"litigation|lawsuit|legal proceeding|infring|class action"),
    ("regulation", r"regulat|legislation|antitrust|law\b|laws\b|government"),
    ("tax", r"\btax"),
    ("currency", r"currenc|exchange rate|foreign exchange"),
    ("interest rates", r"interest rate"),
    ("market prices", r"market price|equity price|price volatility|stock price"),
    ("cybersecurity", r"cyber|breach|attack|privacy|personal data"),
    ("supply chain", r"supplier|supply|manufactur|component"),
    ("macroeconomic conditions", r"econom|inflation|recession|downturn"),
    # "investments ... may not succeed", not "our investment portfolio" (a market risk).
    ("execution", r"may not succeed|may not generate|execution|investments? (?:may|might|could) not"),
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
    # The clause's first figure, with no verb before it: the words after it may name it ("spent $3.4 billion
    # on capital expenditures"); after a copula they do not ("was $16.5 billion, with $7.2 billion expected").
    nameable: bool = False
    clause: str = ""  # the clause the figures are in, quoted when no name is found

    def step(self) -> str:
        """ "Metric: span (direction); driver: ...", or the clause in quotes when nothing in it names the figures.

        A made-up label ("Reported figure: was $5.7 billion") tells a reader less than the filer's words.
        """
        if not self.metric:
            return f'"{shorten(self.clause or self.span, _QUOTE_CHARS)}"'
        direction = f" ({self.direction})" if self.direction else ""
        driver = f"; driver: {self.driver}" if self.driver else ""
        return f"{self.metric}: {self.span}{direction}{driver}"


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
            fact.clause = _BULLET.sub("", clause.strip(" ,"))
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
        if fact.metric:  # "Unearned revenue: $5.7 billion", not "Unearned revenue: was $5.7 billion"
            fact.span = _COPULA_LEAD.sub("", fact.span)
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
    for fact in facts:
        if not fact.metric:
            fact.metric = _named_after(head, fact)
    return facts


def _named_after(head: str, fact: Fact) -> str:
    """The name after the figures: after a first figure with no verb before it ("spent $3.4 billion on
    capital expenditures"), in "N of X" whatever came before ("was $5.7 billion and $6.5 billion of unearned
    revenue") and after "there were N" ("633 million shares"); N% of X is a share of X."""
    after = _OF_AFTER.match(head, fact.end)
    if not (fact.nameable or after or _THERE.search(head, fact.region, fact.end)):
        return ""
    name = _after_figure(head, fact.end)
    percent = head[: fact.end].rstrip().endswith(("%", "percent"))
    if not (name and percent and after):
        return name
    lower = all(w.islower() for w in name.split()[1:]) and name[1:2].islower()  # not "Reality Labs ..."
    return f"Share of {name[0].lower() if lower else name[0]}{name[1:]}"


def _new_fact(gap: str, verb: re.Match | None, offset: int, end: int, *, first: bool) -> Fact:
    """A fact named by the words before its verb, by its verb's object, or by the noun before "of".

    With no verb, only the first fact of a clause takes the words before its
    figure as a name ("Other expenses of $220 million"); later ones are
    comparisons of the previous ("compared with $382,980 million"): unnamed,
    they are quoted from their last few words and merged by ``sentence_facts``.
    A change verb with an object names the object, and its subject becomes
    the driver: "Changes in foreign exchange rates reduced International net
    sales by $1.8 billion".
    """
    driver = None
    if verb:
        subject = _metric(gap[: verb.start()])
        target = _object(gap, verb.end(), _CHANGE_OBJECT) if verb.group() in _CHANGE_VERBS else ""
        metric, driver = (target, subject or None) if target else (subject or _object(gap, verb.end()), None)
    else:
        metric = _metric(gap) if first else ""
    # The noun right before "of" names the figure best, also a later figure's ("..., it would have resulted
    # in an adverse impact on income before taxes of $129 million"), whatever verb came before it.
    named = _of_name(gap)
    if named:
        metric, driver = named, None
    if metric:
        begin = verb.start() if verb is not None and verb.group() in _CHANGE_WORDS else len(gap)
    else:
        begin = _tail_start(gap, verb)
    direction = _CHANGE_WORDS.get(verb.group()) if verb else None
    return Fact(
        metric,
        offset + begin,
        end,
        offset,
        direction=direction,
        driver=driver,
        nameable=first and not verb and not _QUALIFIED.search(gap),
    )


def _of_name(gap: str) -> str:
    """The noun phrase right before "of" that leads to a figure: "the Company had | other purchase obligations"."""
    tail = _OF_TAIL.search(gap)
    if not tail:
        return ""
    words: list[str] = []
    for word in reversed(_PARENTHESES.sub("", gap[: tail.start()]).split()):
        if not _NAME_WORD.match(word) or word.lower() in _OF_NAME_BOUNDARY or len(words) == _NAME_WORDS:
            break
        words.insert(0, word)
    # Past the words read back, a preposition opens the phrase: "acquired MGM, for | cash consideration".
    while words and _PREPOSITION.match(words[0]):
        words.pop(0)
    return "" if " ".join(words).lower() in _CHANGE_NOUNS else _metric(" ".join(words))


def _after_figure(head: str, pos: int) -> str:
    """A name read after the figures, up to a comma or a word that cannot be part of it."""
    lead = _AFTER_FIGURE.match(head, pos)
    words: list[str] = []
    for word in head[lead.end() :].split():
        if not _NAME_WORD.match(word) or word.lower() in _NAME_BOUNDARY or len(words) == _NAME_WORDS:
            if _NAME_WORD.match(word.rstrip(",;:.")) and word.lower().rstrip(",;:.") not in _NAME_BOUNDARY:
                words.append(word.rstrip(",;:."))  # the last word before a comma is still part of the name
            break
        words.append(word)
    return _metric(" ".join(words))


def _tail_start(gap: str, verb: re.Match | None) -> int:
    """Where an unnamed fact's quote starts: its last comma-separated words, if short ("down from")."""
    tail = _SPAN_LEAD.match(gap, gap.rfind(",") + 1).end()
    if len(gap[tail:].split()) <= _TAIL_WORDS:
        return tail
    return verb.start() if verb else len(gap)


def _object(gap: str, pos: int, pattern: re.Pattern = _OBJECT) -> str:
    named = pattern.match(gap, pos)
    return _metric(named.group(1)) if named else ""


def _metric(words: str) -> str:
    """A metric name from the words before a verb: "In Japan, net sales" → "Net sales (in Japan)".

    A long one is cut to the noun phrase it is about ("Lease costs associated with fixed payments"); one
    that opens with a verb, a pronoun or a period, or is a generic word, is no name: the caller quotes.
    """
    words = _PARENTHESES.sub("", _BULLET.sub("", words.strip(" ,;")))
    words = _METRIC_CUT.split(words, 1)[0].strip(" ,")
    words = _NAME_VERB.split(words, 1)[0].strip(" ,")
    where = ""
    if _PREPOSITION.match(words) and "," in words:
        where, _, words = words.rpartition(",")  # the last comma: "For the years ended May 31, 2024, revenue"
        place = len(where.split()) <= _WHERE_MAX_WORDS and "," not in where and not _CONJUNCTION.match(where)
        where = f" ({where[0].lower()}{where[1:]})" if place else ""
    words = _LEADING_FILLER.sub("", f"{words.strip(' ,')} ").strip(" ,")
    words = _shortened(_OWNER.sub("", _TRAILING_FILLER.sub("", words).strip(" ,")))
    if (
        not words[:1].isalpha()
        or len(words.split()) > _METRIC_WORDS
        or _PREPOSITION.match(words)
        or _NOT_A_METRIC.search(words)
        or words.split()[0].lower() in _NOT_A_NAME_START
        or _ACTION_VERB.search(words)
        or words.lower() in _GENERIC_NAMES
    ):
        return ""
    first, *rest = words.split(" ", 1)
    first = first.capitalize() if first.islower() else first
    return " ".join([first, *rest]) + where


def _shortened(words: str) -> str:
    """A name over ``_METRIC_WORDS`` words cut before its last modifier that leaves it within them."""
    if len(words.split()) <= _METRIC_WORDS:
        return words
    cuts = [m.start() for m in _MODIFIER.finditer(words) if len(words[: m.start()].split()) <= _METRIC_WORDS]
    return _TRAILING_FILLER.sub("", words[: cuts[-1]]).strip(" ,") if cuts else words


def risk_topic(sentence: str) -> str:
    """The topic named first: "fluctuations in foreign exchange rates, ..., competition" is about currency."""
    lowered = sentence.lower()
    found = [
        (m.start(), k) for k, (_, pattern) in enumerate(_RISK_TOPICS) if (m := re.search(pattern, lowered))
    ]
    return _RISK_TOPICS[min(found)[1]][0] if found else "uncertainty"
