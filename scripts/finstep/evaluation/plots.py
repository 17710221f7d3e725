"""The paper's plots, from the metrics files, training logs and teacher statistics (figures.py saves them).

Publication style: one shared look (``STYLE``), the Okabe–Ito palette that
colour-blind readers can tell apart (with hatching, so grey-scale prints
keep base and tuned apart too), TrueType fonts embedded in the PDFs (type
42, which journals' checkers accept; type 3 they often reject), and no
creation date in the PDF, so an unchanged figure is byte-for-byte the same.
Each function returns its ``Figure``, so tests can look at its panels.
"""

from __future__ import annotations

import csv
import os
from collections.abc import Sequence
from pathlib import Path

import matplotlib

matplotlib.use("Agg")  # no display on compute nodes

import matplotlib.pyplot as plt
from matplotlib.figure import Figure

from ..io import atomic_open
from .formatting import shown_keys

# Okabe & Ito (2008), "Color Universal Design".
PALETTE = {
    "base": "#E69F00",  # orange
    "tuned": "#0072B2",  # blue
    "reference": "#009E73",  # bluish green
    "dpo": "#CC79A7",  # reddish purple
    "other": ("#56B4E9", "#D55E00", "#CC79A7", "#F0E442", "#000000"),
}
HATCH = {"base": "//", "tuned": "", "reference": "..", "dpo": "xx"}
LABELS = {"base": "base", "tuned": "tuned (LoRA)", "reference": "teacher", "dpo": "DPO (after SFT)"}
STYLE = {
    "font.family": "DejaVu Sans",  # ships with matplotlib: no font lookup on a bare node
    "font.size": 8,
    "axes.titlesize": 9,
    "axes.labelsize": 8,
    "legend.fontsize": 7,
    "xtick.labelsize": 7,
    "ytick.labelsize": 7,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.grid": True,
    "axes.grid.axis": "y",
    "grid.alpha": 0.3,
    "pdf.fonttype": 42,
    "ps.fonttype": 42,
    "savefig.dpi": 300,
    "savefig.bbox": "tight",
    "hatch.linewidth": 0.5,
}


def save(fig: Figure, paths: Sequence[str | os.PathLike]) -> None:
    """Write ``fig`` to each path (format from the suffix), atomically, then free it."""
    for path in paths:
        fmt = Path(path).suffix.lstrip(".")
        metadata = {"CreationDate": None} if fmt == "pdf" else {"Software": None} if fmt == "png" else None
        # Font embedding and the bounding box are read at save time, not when the figure is drawn.
        with plt.rc_context(STYLE), atomic_open(path, "wb") as handle:
            fig.savefig(handle, format=fmt, metadata=metadata)
    plt.close(fig)


def _pair_label(metrics: dict) -> str:
    return f"{metrics['dataset']} ({metrics['student']})"


def _error(stats: dict) -> tuple[float, float]:
    """Distances from the mean to the interval's ends (zero where there is no interval)."""
    if stats.get("low") is None or stats.get("mean") is None:
        return 0.0, 0.0
    return max(stats["mean"] - stats["low"], 0.0), max(stats["high"] - stats["mean"], 0.0)


def _bar_series(
    stats: Sequence[dict | None], width: float, offset: int
) -> tuple[list[float], list[float], tuple[list[float], list[float]]]:
    """x positions, heights and whiskers of one variant's bars across groups; a group without a mean gets no bar."""
    xs, heights, errors = [], [], ([], [])
    for index, point in enumerate(stats):
        if not point or point.get("mean") is None:
            continue
        xs.append(index - 0.4 + width * (offset + 0.5))
        heights.append(point["mean"])
        low, high = _error(point)
        errors[0].append(low)
        errors[1].append(high)
    return xs, heights, errors


def _bars(ax: plt.Axes, pairs: list[dict], key: str, variants: Sequence[str]) -> None:
    """Grouped bars: one group per pair, one bar per variant, CI whiskers."""
    width = 0.8 / len(variants)
    for offset, variant in enumerate(variants):
        stats = [metrics["metrics"].get(key, {}).get(variant) for metrics in pairs]
        xs, heights, errors = _bar_series(stats, width, offset)
        ax.bar(
            xs,
            heights,
            width,
            yerr=errors,
            capsize=2,
            color=PALETTE[variant],
            hatch=HATCH[variant],
            edgecolor="white",
            error_kw={"elinewidth": 0.8, "capthick": 0.8},
            label=LABELS[variant],
        )
    ax.set_xticks(range(len(pairs)), [_pair_label(m) for m in pairs], rotation=15, ha="right")
    ax.set_xlim(-0.6, len(pairs) - 0.4)


def _models(pairs: list[dict]) -> tuple[str, ...]:
    """The models drawn side by side: base and tuned, and DPO where any pair has a DPO stage."""
    with_dpo = any("dpo" in entry for m in pairs for entry in m["metrics"].values())
    return ("base", "tuned", "dpo") if with_dpo else ("base", "tuned")


def _legend_below(fig: Figure, axes: Sequence[plt.Axes]) -> None:
    """One legend under the panels with every variant shown anywhere, so no bar is hidden by it."""
    handles, labels = [], []
    for ax in axes:
        for handle, label in zip(*ax.get_legend_handles_labels(), strict=True):
            if label not in labels:
                handles.append(handle)
                labels.append(label)
    fig.legend(handles, labels, loc="outside lower center", ncols=max(len(labels), 1), frameon=False)


def _entry(pairs: list[dict], key: str) -> dict:
    """How ``key`` reads (label, axis, direction), from the first metrics file that has it."""
    return next(m["metrics"][key] for m in pairs if key in m["metrics"])


def rouge_figure(pairs: list[dict]) -> Figure:
    """ROUGE-1/2/L/Lsum by student × dataset, base vs tuned (vs DPO), with 95% bootstrap intervals."""
    with plt.rc_context(STYLE):
        keys = shown_keys(pairs, panel="rouge")
        rows = max(-(-len(keys) // 2), 1)
        fig, grid = plt.subplots(
            rows, 2, figsize=(7.0, 2.4 * rows), sharey=True, squeeze=False, layout="constrained"
        )
        axes = list(grid.flat)
        for index, (ax, key) in enumerate(zip(axes, keys, strict=False)):
            _bars(ax, pairs, key, _models(pairs))
            entry = _entry(pairs, key)
            ax.set_title(entry["label"])
            if index % 2 == 0:  # the shared axis is labelled on the left
                ax.set_ylabel(entry["axis"])
        for ax in axes[len(keys) :]:
            ax.set_visible(False)
        _legend_below(fig, axes[: len(keys)])
    return fig


def quality_figure(pairs: list[dict]) -> Figure:
    """Reference likelihood, unsupported numbers (teacher too), validity, no answer, answer accuracy."""
    keys = shown_keys(pairs, panel="quality")
    rows = max(-(-len(keys) // 2), 1)
    with plt.rc_context(STYLE):
        fig, grid = plt.subplots(rows, 2, figsize=(7.0, 2.4 * rows), squeeze=False, layout="constrained")
        axes = list(grid.flat)
        for ax, key in zip(axes, keys, strict=False):
            shown = [m for m in pairs if key in m["metrics"]]
            entry = _entry(shown, key)
            # The teacher's own score where the metric scores the reference too (unsupported numbers).
            variants = (*_models(shown), "reference") if "reference" in entry else _models(shown)
            _bars(ax, shown, key, variants)
            arrow = "↑" if entry["higher_is_better"] else "↓"
            ax.set_title(f"{entry['label']} {arrow}")
            if entry["share"]:
                ax.set_ylim(0, 1.05)
            ax.set_ylabel(entry["axis"])
        for ax in axes[len(keys) :]:
            ax.set_visible(False)
        _legend_below(fig, axes[: len(keys)])
    return fig


def read_train_log(path: str | os.PathLike) -> list[dict]:
    with open(path, encoding="utf-8") as handle:
        return [
            {k: float(v) for k, v in row.items() if v not in ("", None)} for row in csv.DictReader(handle)
        ]


def loss_figure(logs: dict[tuple[str, str], list[dict]]) -> Figure:
    """Training loss against optimizer step, one panel per student, one line per dataset."""
    students = sorted({student for student, _ in logs})
    with plt.rc_context({**STYLE, "axes.grid.axis": "both"}):
        fig, axes = plt.subplots(
            1, len(students), figsize=(3.2 * len(students), 2.4), squeeze=False, layout="constrained"
        )
        for ax, student in zip(axes[0], students, strict=True):
            datasets = sorted(d for s, d in logs if s == student)
            for colour, dataset in zip(PALETTE["other"] * 4, datasets, strict=False):
                rows = [r for r in logs[(student, dataset)] if "loss" in r]
                ax.plot([r["step"] for r in rows], [r["loss"] for r in rows], color=colour, label=dataset)
            ax.set_title(f"{student}: training loss")
            ax.set_xlabel("optimizer step")
            ax.legend(frameon=False)
        axes[0][0].set_ylabel("loss (completion tokens)")
    return fig


def dpo_figure(logs: dict[tuple[str, str], list[dict]], pairs: list[dict]) -> Figure:
    """DPO training and what it learned: the reward margin and the reward accuracy against optimizer
    step (train_log.csv, one line per DPO stage), and the held-out preference accuracy with 95%
    intervals (the metrics files' ``held_out_preferences``): the base, SFT and DPO models' log-prob
    accuracy and DPO's reward accuracy, beside the 0.5 a random adapter would get."""
    keys = sorted(logs)
    held = [(m, m["held_out_preferences"]) for m in pairs if m.get("held_out_preferences")]
    with plt.rc_context({**STYLE, "axes.grid.axis": "both"}):
        fig, (margin_ax, accuracy_ax, held_ax) = plt.subplots(1, 3, figsize=(9.0, 2.6), layout="constrained")
        for colour, key in zip(PALETTE["other"] * 4, keys, strict=False):
            rows = [r for r in logs[key] if "reward_margin" in r]
            steps = [r["step"] for r in rows]
            label = f"{key[1]} ({key[0]})"
            margin_ax.plot(
                steps, [r["reward_margin"] for r in rows], color=colour, marker="o", ms=2, label=label
            )
            accuracy_ax.plot(steps, [r.get("reward_accuracy", float("nan")) for r in rows], color=colour,
                             marker="o", ms=2, label=label)  # fmt: skip
        margin_ax.axhline(0, color="grey", lw=0.6)
        margin_ax.set_title("Reward margin (training batches)")
        margin_ax.set_ylabel("β·(chosen − rejected log-ratio)")
        accuracy_ax.axhline(0.5, color="grey", lw=0.6, ls="--")
        accuracy_ax.set_ylim(-0.05, 1.05)
        accuracy_ax.set_title("Reward accuracy (training batches)")
        accuracy_ax.set_ylabel("share of pairs")
        for ax in (margin_ax, accuracy_ax):
            ax.set_xlabel("optimizer step")
        if keys:
            margin_ax.legend(frameon=False)
        bars = [("base", "log-prob", "base"), ("sft", "log-prob", "tuned"), ("dpo", "log-prob", "dpo"),
                ("dpo", "reward", "dpo")]  # fmt: skip
        width = 0.8 / len(bars)
        for offset, (model, kind, colour) in enumerate(bars):
            stats = [
                entry["logprob_accuracy"][model] if kind == "log-prob" else entry["reward_accuracy"]
                for _metrics, entry in held
            ]
            xs, heights, errors = _bar_series(stats, width, offset)
            label = f"{'SFT' if model == 'sft' else model if model == 'base' else 'DPO'} {kind}"
            held_ax.bar(xs, heights, width, yerr=errors, capsize=2, color=PALETTE[colour],
                        hatch="\\\\" if kind == "reward" else HATCH[colour], edgecolor="white",
                        error_kw={"elinewidth": 0.8, "capthick": 0.8}, label=label)  # fmt: skip
        held_ax.axhline(0.5, color="grey", lw=0.6, ls="--")
        held_ax.set_xticks(range(len(held)), [f"{_pair_label(m)}\n{e['pairs']} pairs" for m, e in held])
        held_ax.set_xlim(-0.6, max(len(held), 1) - 0.4)
        held_ax.set_ylim(0, 1.05)
        held_ax.set_title("Held-out preference accuracy")
        held_ax.set_ylabel("share of pairs preferring chosen")
        if held:
            # Below the panel: the bars reach the top of the axis when DPO learned the preference.
            held_ax.legend(frameon=False, fontsize=6, ncols=2, loc="upper center", bbox_to_anchor=(0.5, -0.3))
        else:
            held_ax.text(
                0.5, 0.5, "no validation pairs", ha="center", va="center", transform=held_ax.transAxes
            )
    return fig


def _stacked_counts(
    ax, names: list[str], counts_by: dict[str, dict[str, int]], title: str, empty: str
) -> None:
    """One bar per teacher, stacked by code; a note instead of bars when nothing was counted."""
    codes = sorted({code for counts in counts_by.values() for code in counts})
    bottom = [0.0] * len(names)
    for colour, code in zip(PALETTE["other"] * 4, codes, strict=False):
        counts = [counts_by[n].get(code, 0) for n in names]
        ax.bar(names, counts, bottom=bottom, color=colour, edgecolor="white", label=code)
        bottom = [b + c for b, c in zip(bottom, counts, strict=True)]
    if codes:
        ax.legend(frameon=False, title="reason")
    else:
        ax.bar(names, [0] * len(names))
        ax.text(0.5, 0.5, empty, ha="center", va="center", transform=ax.transAxes)
    ax.set_title(title)


def teacher_figure(stats: dict[str, dict]) -> Figure:
    """Each teacher's valid-answer rate, its rejected answers by reason, and its attempts that failed a quality check."""
    names = sorted(stats)
    with plt.rc_context(STYLE):
        fig, (rate_ax, reject_ax, quality_ax) = plt.subplots(1, 3, figsize=(8.4, 2.4), layout="constrained")
        rates = [stats[n]["valid_rate"] for n in names]
        rate_ax.bar(names, rates, color=PALETTE["reference"], edgecolor="white")
        for x, (name, rate) in enumerate(zip(names, rates, strict=True)):
            rate_ax.text(
                x, rate, f"{stats[name]['valid']}/{stats[name]['chunks_in']}", ha="center", va="bottom"
            )
        rate_ax.set_ylim(0, 1.1)
        rate_ax.set_title("Valid answers")
        rate_ax.set_ylabel("share of chunks")
        rejected = {n: stats[n].get("rejected_by_reason", {}) for n in names}
        _stacked_counts(reject_ax, names, rejected, "Rejected answers by reason", "no rejected answers")
        reject_ax.set_ylabel("chunks")
        failed = {n: stats[n].get("quality_failures", {}) for n in names}
        _stacked_counts(quality_ax, names, failed, "Attempts failing a quality check", "every answer passed")
        quality_ax.set_ylabel("attempts")
    return fig


def sweep_figure(points: list[dict]) -> Figure:
    """ROUGE-L of the tuned student against training examples, one line per format (Distilling Step-by-Step)."""
    formats = sorted({p["format"] for p in points})
    with plt.rc_context({**STYLE, "axes.grid.axis": "both"}):
        fig, ax = plt.subplots(figsize=(3.4, 2.4), layout="constrained")
        for colour, fmt in zip((PALETTE["tuned"], *PALETTE["other"]), formats, strict=False):
            line = sorted((p for p in points if p["format"] == fmt), key=lambda p: p["train_examples"])
            xs = [p["train_examples"] for p in line]
            ax.errorbar(
                xs,
                [p["mean"] for p in line],
                yerr=list(zip(*(_error(p) for p in line), strict=True)) if line else None,
                marker="o",
                markersize=3,
                capsize=2,
                color=colour,
                label=fmt,
            )
        ax.set_xscale("log", base=2)
        ax.set_xlabel("training examples (chunks)")
        ax.set_ylabel("ROUGE-L (tuned)")
        ax.set_title("Data efficiency")
        ax.legend(frameon=False)
    return fig


def teacher_comparison_figure(result: dict) -> Figure:
    """Teachers by their own answers (left) and by their students (middle: ROUGE-L against each
    teacher's summaries; right: unsupported numbers, which read no reference), with CI whiskers."""
    teachers = list(result["teachers"])
    models = list(result["models"])
    others = iter((PALETTE["tuned"], *PALETTE["other"]))
    colours = {m: PALETTE["base"] if result["models"][m]["teacher"] is None else next(others) for m in models}
    labels = {
        m: "base"
        if result["models"][m]["teacher"] is None
        else f"student of {result['models'][m]['teacher']}"
        for m in models
    }
    with plt.rc_context(STYLE):
        fig, (own_ax, rouge_ax, numbers_ax) = plt.subplots(
            1, 3, figsize=(8.4, 2.6), layout="constrained", width_ratios=(1, 1.4, 1)
        )
        width = 0.8 / 2
        for offset, (key, label, colour) in enumerate(
            (
                ("valid_rate", "valid answers", PALETTE["reference"]),
                ("summaries_with_unsupported", "summaries with an unsupported number", PALETTE["other"][1]),
            )
        ):
            stats = [{"mean": result["teachers"][t][key]} for t in teachers]
            xs, heights, _ = _bar_series(stats, width, offset)
            own_ax.bar(xs, heights, width, color=colour, edgecolor="white", label=label)
        for x, name in enumerate(teachers):
            own = result["teachers"][name]
            own_ax.text(
                x - width / 2, own["valid_rate"], f"{own['valid']}/{own['chunks']}", ha="center", va="bottom"
            )
        own_ax.set_xticks(range(len(teachers)), teachers)
        own_ax.set_ylim(0, 1.45)  # room for the legend above the bars
        own_ax.set_ylabel("share")
        own_ax.set_title("The teachers' own answers")
        own_ax.legend(frameon=False, loc="upper left")
        width = 0.8 / len(models)
        for offset, model in enumerate(models):
            stats = [result["models"][model][f"rougeL:{t}"] for t in teachers]
            xs, heights, errors = _bar_series(stats, width, offset)
            rouge_ax.bar(
                xs,
                heights,
                width,
                yerr=errors,
                capsize=2,
                color=colours[model],
                edgecolor="white",
                error_kw={"elinewidth": 0.8, "capthick": 0.8},
                label=labels[model],
            )
            numbers = result["models"][model]["unsupported_numbers"]
            if numbers.get("mean") is not None:  # none when no output of the model states a number
                numbers_ax.text(
                    offset, numbers["high"] or numbers["mean"], f"n={numbers['n']}", ha="center", va="bottom"
                )
                numbers_ax.bar(
                    [offset],
                    [numbers["mean"]],
                    0.6,
                    yerr=[[side] for side in _error(numbers)],
                    capsize=2,
                    color=colours[model],
                    edgecolor="white",
                    error_kw={"elinewidth": 0.8, "capthick": 0.8},
                )
        rouge_ax.set_xticks(range(len(teachers)), [f"vs {t}" for t in teachers])
        rouge_ax.set_xlim(-0.6, len(teachers) - 0.4)
        rouge_ax.set_ylabel("ROUGE-L F-measure")
        rouge_ax.set_title(f"Students on {result['common_rows']['n']} common test rows")
        numbers_ax.set_xticks(range(len(models)), [labels[m] for m in models], rotation=15, ha="right")
        numbers_ax.set_ylabel("share of a summary's numbers")
        numbers_ax.set_ylim(0, 1.15)  # a share, and room for the counts
        numbers_ax.set_xlim(-0.6, len(models) - 0.4)
        numbers_ax.set_title("Numbers the chunk does not state")
        _legend_below(fig, [rouge_ax])
    return fig
