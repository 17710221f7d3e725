"""Financial-arithmetic instructions whose answers can be checked.

An earlier study reported "financial reasoning accuracy" without saying how it
was measured. This set makes the number defined: every example carries the
exact answer and a worked solution that ends with ``Answer: <value>``;
``finstep.evaluation.answers`` scores a model's free text against it with a
stated tolerance.

Conventions that keep the set checkable from the instruction text alone:

* every computation uses the numbers as printed (rounded first), never the
  unrounded draws, so a reader of the instruction can reproduce ``answer``;
* the only ``$`` amounts and ``%`` figures in an instruction are the inputs;
* in percent-change and CAGR questions each amount is followed by its year,
  or the amounts are in chronological order when the question says "over N
  years"; a ratio's numerator is named before its denominator.

The companies are invented; their figures are drawn at realistic magnitudes.
"""

from __future__ import annotations

import logging
import math
import random
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from itertools import pairwise

from ..errors import FinstepError
from ..io import write_jsonl

log = logging.getLogger(__name__)

TASKS = ("percent_change", "margin", "cagr", "ratio", "eps", "present_value", "future_value")

_SCALES = {"": 1.0, "million": 1e6, "billion": 1e9}
_COMPANIES = (
    ("Northwind Logistics", "a freight and logistics company"),
    ("Harborview Foods", "a packaged-food maker"),
    ("Crestline Semiconductor", "a chip designer"),
    ("Bluewater Outfitters", "a specialty retailer"),
    ("Summit Ridge Energy", "an oil and gas producer"),
    ("Ironbridge Industrial", "a machinery manufacturer"),
    ("Meridian Health Systems", "a hospital operator"),
    ("Alder Creek Software", "an enterprise software vendor"),
    ("Pinecrest Insurance Group", "a property and casualty insurer"),
    ("Redstone Materials", "a building-materials supplier"),
    ("Lakeshore Telecom", "a regional telecom carrier"),
    ("Granite Peak Airlines", "a regional airline"),
    ("Silverline Pharmaceuticals", "a specialty drug maker"),
    ("Oakmont Hotels", "a hotel operator"),
    ("Cobalt Payments", "a payments processor"),
    ("Westbrook Apparel", "a clothing brand"),
)


# --- numbers as a filing prints them ---------------------------------------------------------------------


@dataclass(frozen=True)
class Figure:
    """An amount as printed: ``value`` in units of ``scale``, rounded to ``decimals``."""

    value: float
    scale: str = ""
    decimals: int = 0
    dollars: bool = True

    @property
    def base(self) -> float:
        """The amount in dollars (or shares): what every computation uses."""
        return self.value * _SCALES[self.scale]

    def __str__(self) -> str:
        body = _plain(self.value, self.decimals) if self.scale else f"{self.value:,.{self.decimals}f}"
        body = f"${body}" if self.dollars else body
        return f"{body} {self.scale}" if self.scale else body


def _plain(value: float, max_decimals: int = 2) -> str:
    """Commas, at most ``max_decimals`` decimals, no trailing zeros: 4200.0 → '4,200', 0.70000001 → '0.7'."""
    text = f"{value:,.{max_decimals}f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


def _money(amount: float, per_share: bool = False) -> Figure:
    """Round an amount the way a report would print it: $4.25 billion, $312 million, $48.5 million."""
    if per_share:
        return Figure(round(amount, 2), "", 2)
    if amount >= 999.5e6:
        return Figure(round(amount / 1e9, 2), "billion", 2)
    if amount >= 1e6:
        decimals = 0 if amount >= 100e6 else 1
        return Figure(round(amount / 1e6, decimals), "million", decimals)
    return Figure(round(amount, -3), "", 0)


def _shares(count: float) -> Figure:
    if count >= 999.95e6:
        return Figure(round(count / 1e9, 2), "billion", 2, dollars=False)
    return Figure(round(count / 1e6, 1), "million", 1, dollars=False)


def _log_uniform(rng: random.Random, low: float, high: float) -> float:
    """Company sizes span orders of magnitude; uniform draws would make nearly all of them large."""
    return math.exp(rng.uniform(math.log(low), math.log(high)))


def _unit(*figures: Figure) -> str:
    """The smallest scale among the inputs: steps show every amount in it so the arithmetic lines up."""
    return min((f.scale for f in figures), key=_SCALES.__getitem__)


def _show(amount: float, scale: str, decimals: int | None = None) -> str:
    """A dollar amount in ``scale``; ``decimals=None`` for sums of inputs (exact), a number for results."""
    value = amount / _SCALES[scale]
    if decimals is None and not scale and abs(value) < 1000:
        decimals = 2  # per-share amounts keep their cents: $1.90, not $1.9
    body = _plain(abs(value)) if decimals is None else f"{abs(value):,.{decimals}f}"
    sign = "-" if value < 0 and body.strip("0.,") else ""
    return f"{sign}${body}" + (f" {scale}" if scale else "")


def _poss(name: str) -> str:
    return f"{name}'" if name.endswith("s") else f"{name}'s"


def _pct(value: float) -> str:
    return f"{value:,.2f}%"


def display(answer: float, unit: str) -> str:
    """The final line's value: the answer rounded to 2 decimals with its unit's sign and suffix."""
    value = 0.0 if round(answer, 2) == 0 else answer
    if unit == "percent":
        return _pct(value)
    if unit == "ratio":
        return f"{value:,.2f}"
    text = f"{'-' if value < 0 else ''}${abs(value):,.2f}"
    return f"{text} million" if unit == "USD millions" else text


# --- the tasks -----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Problem:
    instruction: str
    steps: list[str]
    answer: float
    unit: str


_METRICS = (
    # name, low, high (dollars), per share
    ("revenue", 150e6, 60e9, False),
    ("operating income", 20e6, 12e9, False),
    ("free cash flow", 10e6, 9e9, False),
    ("research and development spending", 15e6, 6e9, False),
    ("capital expenditures", 10e6, 8e9, False),
    ("total assets", 300e6, 90e9, False),
    ("year-end share price", 8.0, 450.0, True),
    ("annual dividend per share", 0.4, 6.0, True),
)


def _percent_change(rng: random.Random, name: str, sector: str) -> Problem:
    metric, low, high, per_share = rng.choice(_METRICS)
    old = _money(_log_uniform(rng, low, high), per_share)
    while True:
        new = _money(old.base * (1 + rng.uniform(-0.35, 0.6)), per_share)
        change = new.base - old.base
        pct = change / old.base * 100
        if abs(pct) >= 1:
            break
    y1 = rng.randint(2016, 2024)
    y0 = y1 - rng.choice((1, 1, 1, 2, 3))
    up = change > 0
    verb = rng.choice(("rose", "grew", "increased")) if up else rng.choice(("fell", "declined", "dropped"))
    template = rng.choice(
        (
            "{name}, {sector}, saw its {metric} {verb} from {old} in fiscal {y0} to {new} in fiscal {y1}. "
            "What was the percent change in {metric}?",
            "{poss} {metric} was {new} for fiscal {y1}, compared with {old} for fiscal {y0}. "
            "Calculate the percentage change over that period.",
            "{Metric} at {name} ({sector}) was {old} in {y0} and {new} in {y1}. By what percent did it change?",
        )
    )
    fields = dict(
        name=name,
        poss=_poss(name),
        sector=sector,
        metric=metric,
        Metric=metric[0].upper() + metric[1:],
        verb=verb,
    )
    instruction = template.format(old=old, new=new, y0=y0, y1=y1, **fields)
    scale = _unit(old, new)
    ratio = change / old.base
    steps = [
        f"Identify the values: old {metric} (fiscal {y0}) = {old}; new {metric} (fiscal {y1}) = {new}.",
        f"Change = new - old = {_show(new.base, scale)} - {_show(old.base, scale)} = {_show(change, scale)}.",
        f"Percent change = change / old × 100 = {_show(change, scale)} / {_show(old.base, scale)} × 100 "
        f"= {ratio:.4f} × 100 = {_pct(pct)}.",
        f"The {metric} {'increased' if up else 'decreased'} by {_pct(abs(pct))} from fiscal {y0} to fiscal {y1}.",
    ]
    return Problem(instruction, steps, pct, "percent")


def _margin(rng: random.Random, name: str, sector: str) -> Problem:
    kind = rng.choice(("gross", "operating", "net"))
    year = rng.randint(2015, 2024)
    while True:
        revenue = _money(_log_uniform(rng, 150e6, 60e9))
        gross = rng.uniform(0.15, 0.75)
        cost = _money(revenue.base * (1 - gross))
        opex = _money(revenue.base * (gross - rng.uniform(0.02, min(0.35, gross - 0.03))))
        net = _money(revenue.base * rng.uniform(0.02, 0.3))
        if revenue.base > max(cost.base, opex.base, cost.base + opex.base):
            break
    fields = dict(name=name, poss=_poss(name), sector=sector, y=year, R=revenue, C=cost, O=opex, N=net)
    if kind == "gross":
        profit = revenue.base - cost.base
        scale = _unit(revenue, cost)
        templates = (
            "{name} ({sector}) reported revenue of {R} and cost of revenue of {C} for fiscal {y}. "
            "What was its gross margin?",
            "For fiscal {y}, {name} had cost of goods sold of {C} on net sales of {R}. "
            "Calculate the gross profit margin.",
            "{poss} income statement shows {R} in revenue and {C} in cost of sales. "
            "Compute the gross margin as a percentage of revenue.",
        )
        steps = [
            f"Gross profit = revenue - cost of revenue = {_show(revenue.base, scale)} - {_show(cost.base, scale)} "
            f"= {_show(profit, scale)}.",
        ]
    elif kind == "operating":
        profit = revenue.base - cost.base - opex.base
        scale = _unit(revenue, cost, opex)
        templates = (
            "{name} generated revenue of {R} in fiscal {y}, with cost of revenue of {C} and operating "
            "expenses (SG&A and R&D) of {O}. What was its operating margin?",
            "Fiscal {y} results for {name}, {sector}: net sales {R}, cost of sales {C}, and selling, general, "
            "administrative and research expenses {O}. Calculate the operating margin.",
            "{name} spent {C} on cost of revenue and {O} on operating expenses while bringing in {R} of "
            "revenue. What is its operating margin?",
        )
        steps = [
            f"Gross profit = revenue - cost of revenue = {_show(revenue.base, scale)} - {_show(cost.base, scale)} "
            f"= {_show(revenue.base - cost.base, scale)}.",
            f"Operating income = gross profit - operating expenses = {_show(revenue.base - cost.base, scale)} - "
            f"{_show(opex.base, scale)} = {_show(profit, scale)}.",
        ]
    else:
        profit = net.base
        scale = _unit(revenue, net)
        templates = (
            "{name} earned net income of {N} on revenue of {R} in fiscal {y}. What was its net profit margin?",
            "In fiscal {y}, {name} ({sector}) reported total revenue of {R} and net income of {N}. "
            "Calculate the net margin.",
            "With {R} in sales and {N} in net income, what net margin did {name} achieve?",
        )
        steps = [f"Identify the values: net income = {net}; revenue = {revenue}."]
    margin = profit / revenue.base * 100
    label = {"gross": "gross profit", "operating": "operating income", "net": "net income"}[kind]
    steps.append(
        f"{kind.capitalize()} margin = {label} / revenue × 100 = {_show(profit, scale)} / "
        f"{_show(revenue.base, scale)} × 100 = {profit / revenue.base:.4f} × 100 = {_pct(margin)}."
    )
    return Problem(rng.choice(templates).format(**fields), steps, margin, "percent")


def _cagr(rng: random.Random, name: str, sector: str) -> Problem:
    years = rng.randint(3, 7)
    y0 = rng.randint(2010, 2024 - years)
    while True:
        series = [_money(_log_uniform(rng, 150e6, 40e9))]
        for _ in range(years):
            series.append(_money(series[-1].base * (1 + rng.uniform(-0.06, 0.25))))
        ratio = series[-1].base / series[0].base
        factor = ratio ** (1 / years)
        if abs(factor - 1) >= 0.005:
            break
    first, last = series[0], series[-1]
    cagr = (factor - 1) * 100
    up = last.base > first.base
    verb = "grew" if up else "shrank"
    style = rng.randrange(4)
    if style == 0:
        instruction = (
            f"{name}, {sector}, saw its revenue {'grow' if up else 'shrink'} from {first} in fiscal {y0} to "
            f"{last} in fiscal {y0 + years}. What was its compound annual growth rate (CAGR)?"
        )
    elif style == 1:
        instruction = (
            f"Over the past {years} years, {_poss(name)} revenue {verb} from {first} to {last}. "
            "Calculate the revenue CAGR."
        )
    elif style == 2:
        instruction = (
            f"{name} reported revenue of {last} in fiscal {y0 + years}, {'up' if up else 'down'} from {first} "
            f"in fiscal {y0}. What compound annual growth rate does that imply?"
        )
    else:
        listed = ", ".join(f"{v} in {y0 + k}" for k, v in enumerate(series[:-1]))
        instruction = (
            f"{name} ({sector}) reported annual revenue of {listed}, and {last} in {y0 + years}. "
            "Work out the year-over-year growth, the total growth over the period and the compound "
            "annual growth rate (CAGR); give the CAGR as the final answer."
        )
    scale = _unit(*series) if style == 3 else _unit(first, last)
    if style == 1:
        steps = [f"The period covers n = {years} years."]
    else:
        steps = [f"Number of years n = {y0 + years} - {y0} = {years}."]
    if style == 3:
        growth = ", ".join(
            f"{y0 + k} {(b.base / a.base - 1) * 100:+.2f}%" for k, (a, b) in enumerate(pairwise(series), 1)
        )
        steps.append(f"Year-over-year growth = (this year / last year - 1) × 100: {growth}.")
    steps += [
        f"Total growth = (ending / beginning - 1) × 100 = ({_show(last.base, scale)} / "
        f"{_show(first.base, scale)} - 1) × 100 = {_pct((ratio - 1) * 100)}.",
        f"CAGR = (ending / beginning)^(1 / n) - 1 = ({ratio:.4f})^(1/{years}) - 1 = {factor:.4f} - 1 "
        f"= {factor - 1:.4f}.",
        f"As a percentage: {factor - 1:.4f} × 100 = {_pct(cagr)} per year.",
    ]
    return Problem(instruction, steps, cagr, "percent")


def _ratio(rng: random.Random, name: str, sector: str) -> Problem:
    kind = rng.choice(("current", "debt_to_equity", "pe"))
    year = rng.randint(2015, 2024)
    if kind == "current":
        bottom = _money(_log_uniform(rng, 50e6, 30e9))
        top = _money(bottom.base * rng.uniform(0.6, 3.2))
        templates = (
            f"At the end of fiscal {year}, {name} reported current assets of {top} and current liabilities "
            f"of {bottom}. What is its current ratio?",
            f"{_poss(name)} balance sheet lists {top} of current assets against {bottom} of current liabilities. "
            "Calculate the current ratio.",
            f"Current assets for {name} ({sector}) total {top}, and current liabilities total {bottom}. "
            "Compute the company's current ratio.",
        )
        labels = ("Current ratio", "current assets", "current liabilities")
        meaning = "The company holds ${:,.2f} of current assets for every $1 of current liabilities."
    elif kind == "debt_to_equity":
        bottom = _money(_log_uniform(rng, 100e6, 50e9))
        top = _money(bottom.base * rng.uniform(0.15, 2.8))
        templates = (
            f"{name} carries total debt of {top} and shareholders' equity of {bottom}. "
            "What is its debt-to-equity ratio?",
            f"At fiscal year-end {year}, {name} ({sector}) had {top} in total debt and {bottom} in total "
            "shareholders' equity. Calculate the debt-to-equity ratio.",
            f"With total debt of {top} against book equity of {bottom}, what is {_poss(name)} debt-to-equity ratio?",
        )
        labels = ("Debt-to-equity", "total debt", "shareholders' equity")
        meaning = "The company carries ${:,.2f} of debt for every $1 of shareholders' equity."
    elif rng.random() < 2 / 3:
        top = _money(_log_uniform(rng, 8, 450), per_share=True)
        while True:
            bottom = _money(top.base / rng.uniform(6, 60), per_share=True)
            if bottom.base >= 0.1:
                break
        templates = (
            f"{_poss(name)} shares trade at {top}, and its earnings per share over the last twelve months were "
            f"{bottom}. What is its P/E ratio?",
            f"A share of {name}, {sector}, costs {top}. If the company earned {bottom} per share in fiscal "
            f"{year}, what is its price-to-earnings (P/E) ratio?",
        )
        labels = ("P/E", "share price", "earnings per share")
        meaning = "Investors pay ${:,.2f} for every $1 of annual earnings."
    else:
        bottom = _money(_log_uniform(rng, 50e6, 20e9))
        top = _money(bottom.base * rng.uniform(6, 60))
        templates = (
            f"{name} has a market capitalization of {top} and trailing twelve-month net income of {bottom}. "
            "Calculate its P/E ratio.",
            f"Investors value {name}, {sector}, at {top}, and it earned net income of {bottom} in fiscal "
            f"{year}. What is its price-to-earnings (P/E) ratio?",
        )
        labels = ("P/E", "market capitalization", "net income")
        meaning = "Investors pay ${:,.2f} for every $1 of annual earnings."
    value = top.base / bottom.base
    scale = _unit(top, bottom)
    name_, over, under = labels
    steps = [
        f"Identify the values: {over} = {top}; {under} = {bottom}.",
        f"{name_} = {over} / {under} = {_show(top.base, scale)} / {_show(bottom.base, scale)} = {value:,.2f}.",
        meaning.format(value),
    ]
    return Problem(rng.choice(templates), steps, value, "ratio")


def _eps(rng: random.Random, name: str, sector: str) -> Problem:
    year = rng.randint(2015, 2024)
    income = _money(_log_uniform(rng, 60e6, 20e9))
    preferred = _money(max(income.base * rng.uniform(0.005, 0.06), 1.2e6))
    shares = _shares((income.base - preferred.base) / rng.uniform(0.4, 12))
    common = income.base - preferred.base
    eps = common / shares.base
    template = rng.choice(
        (
            "{name} reported net income of {NI} for fiscal {y} and paid preferred dividends of {PD}. Its "
            "weighted average common shares outstanding were {S}. Calculate basic earnings per share (EPS).",
            "In fiscal {y}, {name}, {sector}, earned {NI}. Preferred shareholders received dividends of {PD}, "
            "and the weighted average number of common shares was {S}. What was basic EPS?",
            "Compute basic earnings per share for {name}: net income {NI}, preferred dividends {PD}, weighted "
            "average shares outstanding {S}.",
        )
    )
    instruction = template.format(name=name, sector=sector, y=year, NI=income, PD=preferred, S=shares)
    steps = [
        f"Earnings available to common shareholders = net income - preferred dividends = "
        f"{_show(income.base, 'million')} - {_show(preferred.base, 'million')} = {_show(common, 'million')}.",
        f"Basic EPS = earnings available to common shareholders / weighted average shares = "
        f"{_show(common, 'million')} / {_plain(shares.base / 1e6)} million shares = ${eps:,.2f} per share.",
    ]
    return Problem(instruction, steps, eps, "USD per share")


_PV_THINGS = (
    "a legal settlement",
    "a milestone payment from a licensing partner",
    "the deferred purchase price for a divested unit",
    "a lease buyout",
    "an insurance recovery",
)


def _time_value(rng: random.Random, name: str, sector: str, future: bool) -> Problem:
    small = rng.random() < 0.3
    amount = _money(_log_uniform(rng, 50e3, 950e3) if small else _log_uniform(rng, 2e6, 800e6))
    rate = rng.randrange(8, 49) / 4
    years = rng.randint(2, 15)
    factor = (1 + rate / 100) ** years
    unit, scale = ("USD", "") if small else ("USD millions", "million")
    thing = rng.choice(_PV_THINGS)
    fields = dict(
        name=name,
        sector=sector,
        A=amount,
        r=_plain(rate),
        n=years,
        thing=thing,
        Thing=thing[0].upper() + thing[1:],
    )
    rate_text = f"r = {_plain(rate)}% = {_plain(rate / 100, 4)}"
    growth = f"(1 + r)^n = (1 + {_plain(rate / 100, 4)})^{years} = {factor:.6f}"
    if future:
        value = amount.base * factor
        templates = (
            "{name} invests {A} of excess cash at {r}% a year, compounded annually. What will the investment "
            "be worth after {n} years?",
            "{name}, {sector}, sets aside {A} in a fund earning {r}% per year, compounded annually, to replace "
            "equipment in {n} years. How much will the fund hold then?",
            "If {name} deposits {A} today at an annual rate of {r}% with annual compounding, what is the "
            "future value in {n} years?",
        )
        steps = [
            f"Identify the inputs: present value PV = {amount}; annual rate {rate_text}; years n = {years}.",
            f"Growth factor = {growth}.",
            f"FV = PV × (1 + r)^n = {_show(amount.base, scale)} × {factor:.6f} = {_show(value, scale, 2)}.",
        ]
    else:
        value = amount.base / factor
        templates = (
            "{name} expects to receive {thing} of {A} in {n} years. At a discount rate of {r}% per year "
            "with annual compounding, what is it worth today?",
            "{Thing} of {A} is due to {name}, {sector}, in {n} years. Using an annual discount rate of {r}%, "
            "compute its present value.",
            "What is the present value of {A} that {name} will receive {n} years from now, discounted at {r}% "
            "compounded annually?",
        )
        steps = [
            f"Identify the inputs: future value FV = {amount}; annual discount rate {rate_text}; years n = {years}.",
            f"Discount factor = {growth}.",
            f"PV = FV / (1 + r)^n = {_show(amount.base, scale)} / {factor:.6f} = {_show(value, scale, 2)}.",
        ]
    answer = value / _SCALES[scale]
    return Problem(rng.choice(templates).format(**fields), steps, answer, unit)


_BUILDERS: dict[str, Callable[[random.Random, str, str], Problem]] = {
    "percent_change": _percent_change,
    "margin": _margin,
    "cagr": _cagr,
    "ratio": _ratio,
    "eps": _eps,
    "present_value": lambda rng, name, sector: _time_value(rng, name, sector, future=False),
    "future_value": lambda rng, name, sector: _time_value(rng, name, sector, future=True),
}


def generate(n: int, seed: int) -> list[dict]:
    """``n`` examples, the tasks in turn; the same ``(n, seed)`` always gives the same list.

    One ``random.Random(seed)`` drives everything in order, so a smaller ``n``
    gives a prefix of a larger one and no other code's use of the global RNG
    can change the set.
    """
    if n < 0:
        raise FinstepError(f"arithmetic.n is {n}: the number of examples cannot be negative")
    rng = random.Random(seed)
    rows = []
    for index in range(n):
        task = TASKS[index % len(TASKS)]
        name, sector = rng.choice(_COMPANIES)
        problem = _BUILDERS[task](rng, name, sector)
        lines = [f"{number}. {step}" for number, step in enumerate(problem.steps, 1)]
        lines.append(f"Answer: {display(problem.answer, problem.unit)}")
        rows.append(
            {
                "id": f"arith-{seed}-{index}",
                "task": task,
                "instruction": problem.instruction,
                "input": "",
                "response": "\n".join(lines),
                "answer": problem.answer,
                "unit": problem.unit,
            }
        )
    return rows


def write_set(out: str, n: int, seed: int) -> None:
    rows = generate(n, seed)
    write_jsonl(out, rows)
    log.info("%d arithmetic examples (seed %d): %s", len(rows), seed, dict(Counter(r["task"] for r in rows)))
