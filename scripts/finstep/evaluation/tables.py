"""The main results table, in Markdown (README, report) and LaTeX (booktabs, for the paper), and sample outputs."""

from __future__ import annotations

import pandas as pd

from ..io import atomic_open
from .formatting import counted_text, shown_keys

ROW_LABELS = {"base": "base", "tuned": "tuned", "delta": "Δ (tuned − base)"}


def main_table(pairs: list[dict]) -> pd.DataFrame:
    """One row per pair and model (base, tuned, paired difference); means with 95% intervals."""
    keys = shown_keys(pairs, headline=True)
    labels = {k: next(m["metrics"][k]["label"] for m in pairs if k in m["metrics"]) for k in keys}
    rows = []
    for metrics in pairs:
        for variant in ("base", "tuned", "delta"):
            row = {
                "Student": metrics["student"],
                "Dataset": metrics["dataset"],
                "Model": ROW_LABELS[variant],
                "n": metrics["n"],
            }
            for key in keys:
                row[labels[key]] = counted_text(
                    metrics["metrics"].get(key, {}).get(variant), metrics["n"], variant == "delta"
                )
            rows.append(row)
    return pd.DataFrame(rows)


def _one_line(text: str) -> str:
    return " ".join(text.split()) or "*(empty)*"


def examples_markdown(pairs: list[dict]) -> str:
    """Each pair's sample test examples: the reference and the base and tuned outputs, whole."""
    lines = ["# Sample outputs", ""]
    for metrics in pairs:
        lines += [f"## {metrics['student']} · {metrics['dataset']}", ""]
        for sample in metrics.get("samples", []):
            lines.append(f"**`{sample['id']}`**")
            lines.append("")
            for variant in ("reference", "base", "tuned"):
                if variant in sample:
                    lines.append(f"- *{variant}*: {_one_line(sample[variant])}")
            lines.append("")
        if not metrics.get("samples"):
            lines += ["(no samples in the metrics file; `evaluation.samples` sets how many)", ""]
    return "\n".join(lines)


def write_examples(pairs: list[dict], markdown: str) -> None:
    with atomic_open(markdown) as handle:
        handle.write(examples_markdown(pairs))


def write_tables(pairs: list[dict], markdown: str, latex: str) -> None:
    table = main_table(pairs)
    note = (
        "Means over the test examples with 95% bootstrap intervals; Δ is the paired difference. "
        "(n=k): a mean over the k examples the metric scores (unsupported numbers: outputs that state "
        "a number), a Δ over the k examples it scores for both models."
    )
    with atomic_open(markdown) as handle:
        handle.write(table.to_markdown(index=False) + f"\n\n{note}\n")
    styler = table.style.hide(axis="index").format(escape="latex")
    styler = styler.format_index(escape="latex", axis="columns")
    body = styler.to_latex(hrules=True, column_format="lll" + "r" * (len(table.columns) - 3))
    with atomic_open(latex) as handle:
        handle.write(f"% {note} Needs \\usepackage{{booktabs}}.\n{body}")
