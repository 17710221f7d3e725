"""The benchmark table and figure: every scored (student, model) beside the published numbers.

A published number is shown only beside scores of the same protocol and metric
(``anchors.csv`` names each number's protocol, split and source): a
log-likelihood accuracy is not comparable with a generation accuracy, and a
FinBen split is not FinGPT's. The table says which split every anchor used, so
a reader sees where "same protocol" still means "another sample".
"""

from __future__ import annotations

import csv
import logging
import os
from collections.abc import Sequence
from pathlib import Path

import pandas as pd

from ..errors import FinstepError
from ..evaluation.formatting import value_text
from ..io import atomic_open, read_json

log = logging.getLogger("finstep.benchmarks")

ANCHOR_COLUMNS = ("benchmark", "model", "params", "method", "protocol", "metric", "value", "split", "source")
NOTE = (
    "Scores on each benchmark's scored rows with 95% intervals from resampling the examples and "
    "recomputing the corpus metric; Δ is the paired difference with the student's base model on the "
    "same resamples. Published rows are other models scored with the same protocol on the split named "
    "in their source; FinGPT and FinLoRA map answers by their own rule, FinBen takes the first label."
)


def read_anchors(path: str | os.PathLike) -> list[dict]:
    """Published numbers; a row without its source or protocol is refused (an anchor must say where it is from)."""
    with open(path, encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    for number, row in enumerate(rows, 2):
        missing = [column for column in ANCHOR_COLUMNS if column not in row]
        if missing:
            raise FinstepError(
                f"{path}: no column {', '.join(missing)}; the columns are {', '.join(ANCHOR_COLUMNS)}"
            )
        if not row["source"].strip() or row["protocol"] not in ("generate", "loglik"):
            raise FinstepError(f"{path}: line {number} needs a source and a protocol (generate or loglik)")
        try:
            row["value"] = float(row["value"])
        except ValueError:
            raise FinstepError(f"{path}: line {number}: value {row['value']!r} is not a number") from None
    return rows


def shown_keys(scores: Sequence[dict]) -> list[tuple[str, str]]:
    """(key, label) of the metrics these score files report, in their declared order."""
    found: dict[str, dict] = {}
    for entry in scores:
        for key, spec in entry["keys"].items():
            found.setdefault(key, spec)
    return [(key, found[key]["label"]) for key in sorted(found, key=lambda k: found[k]["order"])]


def benchmark_table(benchmark: str, scores: Sequence[dict], anchors: Sequence[dict]) -> pd.DataFrame:
    """One benchmark: each student's models per protocol (base, adapters, Δ) and the published rows."""
    keys = shown_keys(scores)
    rows = []
    for entry in scores:
        for protocol, result in entry["protocols"].items():
            for variant, stats in result["variants"].items():
                name = "base" if variant == "base" else f"+ {variant} adapter"
                base = {"Model": f"{entry['student']} {name}", "Protocol": protocol, "n": entry["n"]}
                rows.append(base | {label: value_text(stats["metrics"].get(key)) for key, label in keys})
                if stats.get("delta"):
                    delta = {
                        "Model": f"{entry['student']} Δ {variant} − base",
                        "Protocol": protocol,
                        "n": entry["n"],
                    }
                    rows.append(
                        delta
                        | {label: value_text(stats["delta"].get(key), signed=True) for key, label in keys}
                    )
                if stats.get("delta_continued"):  # a DPO adapter against the SFT adapter it continues
                    delta = {
                        "Model": f"{entry['student']} Δ {variant} − {stats['continues']}",
                        "Protocol": protocol,
                        "n": entry["n"],
                    }
                    rows.append(
                        delta
                        | {
                            label: value_text(stats["delta_continued"].get(key), signed=True)
                            for key, label in keys
                        }
                    )
    protocols = {protocol for entry in scores for protocol in entry["protocols"]}
    published: dict[tuple[str, str, str], dict] = {}
    for anchor in anchors:
        if anchor["benchmark"] != benchmark or anchor["protocol"] not in protocols:
            continue
        row = published.setdefault(
            (anchor["model"], anchor["method"], anchor["protocol"]),
            {
                "Model": f"{anchor['model']} ({anchor['method']}; {anchor['source']}; {anchor['split']})",
                "Protocol": anchor["protocol"],
                "n": "",
            },
        )
        label = dict(keys).get(anchor["metric"])
        if label is not None:
            row[label] = f"{anchor['value']:.3f}"
    for row in published.values():
        rows.append({"Model": row.pop("Model"), "Protocol": row.pop("Protocol"), "n": ""} | row)
    columns = ["Model", "Protocol", "n", *(label for _, label in keys)]
    return pd.DataFrame(rows, columns=columns).fillna("–")


def group_by_benchmark(paths: Sequence[str | os.PathLike]) -> dict[str, list[dict]]:
    grouped: dict[str, list[dict]] = {}
    for path in paths:
        entry = read_json(path)
        grouped.setdefault(entry["benchmark"], []).append(entry)
    return grouped


def drawn(info: dict) -> str:
    """Which rows were scored, as ``rows.json`` records it: a sample is not the published set."""
    if not info.get("rows"):
        return "rows not recorded"
    text = f"{info['rows']} of {info.get('source_rows', '?')} rows scored, seed {info.get('seed')}"
    if info.get("train_rows"):
        text += f"; {info['train_rows']} set aside for training"
    return text


def write_tables(grouped: dict[str, list[dict]], anchors: list[dict], markdown: str, latex: str) -> None:
    """``results/tables/benchmarks.{md,tex}``: a section (a tabular) per benchmark."""
    md = ["# Standard financial benchmarks", "", NOTE, ""]
    tex = [f"% {NOTE} Needs \\usepackage{{booktabs}}."]
    for benchmark, scores in grouped.items():
        table = benchmark_table(benchmark, scores, anchors)
        md += [
            f"## {benchmark} ({scores[0]['task']}; {drawn(scores[0].get('rows', {}))})",
            "",
            table.to_markdown(index=False),
            "",
        ]
        styler = (
            table.style.hide(axis="index").format(escape="latex").format_index(escape="latex", axis="columns")
        )
        tex += [
            f"% {benchmark}",
            styler.to_latex(hrules=True, column_format="llr" + "r" * (len(table.columns) - 3)),
        ]
    with atomic_open(markdown) as handle:
        handle.write("\n".join(md))
    with atomic_open(latex) as handle:
        handle.write("\n".join(tex))


def headline_key(entry: dict) -> str:
    """The metric drawn in the figure: the task's first headline key (weighted F1, EmAcc)."""
    keys = [k for k, spec in entry["keys"].items() if spec.get("headline", True)]
    return min(keys, key=lambda k: entry["keys"][k]["order"])


def _bars(scores: list[dict], anchors: list[dict], benchmark: str, key: str) -> list[dict]:
    """The panel's bars, top to bottom: per protocol each model, then (generate only) the published numbers."""
    bars = []
    for protocol in dict.fromkeys(p for entry in scores for p in entry["protocols"]):
        for entry in scores:
            variants = entry["protocols"].get(protocol, {}).get("variants", {})
            for index, (variant, stats) in enumerate(variants.items()):
                point = stats["metrics"].get(key) or {}
                if point.get("value") is not None:
                    label = (
                        f"{entry['student']} {'base' if variant == 'base' else '+ ' + variant} ({protocol})"
                    )
                    bars.append({"label": label, "point": point, "variant": variant, "index": index})
        for anchor in anchors:
            if (
                anchor["benchmark"] == benchmark
                and anchor["metric"] == key
                and anchor["protocol"] == protocol
            ):
                label = f"{anchor['model']}, {anchor['method']} (published)"
                bars.append(
                    {"label": label, "point": {"value": anchor["value"]}, "variant": None, "index": 0}
                )
    return bars


def benchmark_figure(grouped: dict[str, list[dict]], anchors: list[dict]):
    """A panel per benchmark: the headline metric of every model and protocol, with 95% intervals,
    and the published numbers of the same protocol and metric as grey bars beneath its models."""
    import matplotlib.pyplot as plt

    from ..evaluation.plots import PALETTE, STYLE

    panels = {
        benchmark: _bars(scores, anchors, benchmark, headline_key(scores[0]))
        for benchmark, scores in grouped.items()
    }
    tallest = max(len(bars) for bars in panels.values())
    with plt.rc_context(STYLE):
        fig, axes = plt.subplots(
            len(grouped),
            1,
            figsize=(6.0, 0.9 + 0.22 * tallest * len(grouped)),
            squeeze=False,
            layout="constrained",
        )
        for ax, (benchmark, bars) in zip(axes[:, 0], panels.items(), strict=True):
            scores = grouped[benchmark]
            key = headline_key(scores[0])
            for y, bar in enumerate(bars):
                point = bar["point"]
                if bar["variant"] is None:
                    ax.barh(y, point["value"], color="0.8", hatch="..", edgecolor="0.5", linewidth=0.4)
                    continue
                colour = PALETTE["base"] if bar["variant"] == "base" else PALETTE["other"][bar["index"] % 5]
                low = point["value"] if point.get("low") is None else point["low"]
                high = point["value"] if point.get("high") is None else point["high"]
                error = [[point["value"] - low], [high - point["value"]]]
                ax.barh(y, point["value"], xerr=error, color=colour, capsize=2, error_kw={"lw": 0.8})
            ax.set_yticks(range(len(bars)), [bar["label"] for bar in bars])
            ax.invert_yaxis()
            ax.set_xlim(0, 1)
            ax.set_xlabel(scores[0]["keys"][key]["label"])
            ax.set_title(f"{benchmark} ({drawn(scores[0].get('rows', {}))})")
            ax.grid(axis="x", alpha=0.3)
            ax.grid(axis="y", visible=False)
        return fig


def write_report(
    score_paths: Sequence[str | os.PathLike],
    anchors_path: str | os.PathLike,
    markdown: str,
    latex: str,
    figures: Sequence[str],
) -> None:
    """Tables and figure of every scored benchmark (rule ``benchmark_report``)."""
    from ..evaluation.plots import save

    anchors = read_anchors(anchors_path)
    grouped = group_by_benchmark(score_paths)
    if not grouped:
        raise FinstepError("no benchmark was scored: add one under benchmarks: in config")
    write_tables(grouped, anchors, markdown, latex)
    save(benchmark_figure(grouped, anchors), [Path(p) for p in figures])
    log.info(
        "%d benchmarks, %d score files, %d published rows read", len(grouped), len(score_paths), len(anchors)
    )
