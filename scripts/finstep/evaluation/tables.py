"""The main results table, in Markdown (README, report) and LaTeX (booktabs, for the paper), and sample outputs."""

from __future__ import annotations

import pandas as pd

from ..io import atomic_open
from .formatting import counted_text, interval_text, shown_keys

ROW_LABELS = {
    "base": "base",
    "tuned": "tuned",
    "delta": "Δ (tuned − base)",
    "dpo": "DPO",
    "delta_dpo": "Δ (DPO − tuned)",
    "delta_base_dpo": "Δ (DPO − base)",
}
DPO_ROWS = ("dpo", "delta_dpo", "delta_base_dpo")


def has_dpo(metrics: dict) -> bool:
    """Whether a pair's metrics file scores a DPO adapter (the pair has a DPO stage)."""
    return any("dpo" in entry for entry in metrics["metrics"].values())


def main_table(pairs: list[dict]) -> pd.DataFrame:
    """One row per pair and model (base, tuned, paired difference; with a DPO stage also DPO and its
    differences from tuned and base); means with 95% intervals."""
    keys = shown_keys(pairs, headline=True)
    labels = {k: next(m["metrics"][k]["label"] for m in pairs if k in m["metrics"]) for k in keys}
    rows = []
    for metrics in pairs:
        for variant in ("base", "tuned", "delta", *(DPO_ROWS if has_dpo(metrics) else ())):
            row = {
                "Student": metrics["student"],
                "Dataset": metrics["dataset"],
                "Model": ROW_LABELS[variant],
                "n": metrics["n"],
            }
            for key in keys:
                row[labels[key]] = counted_text(
                    metrics["metrics"].get(key, {}).get(variant), metrics["n"], variant.startswith("delta")
                )
            rows.append(row)
    return pd.DataFrame(rows)


def preference_table(pairs: list[dict]) -> pd.DataFrame:
    """Each DPO stage's held-out preference accuracy (``preferences.held_out_preferences``), with 95% intervals."""
    rows = []
    for metrics in pairs:
        held = metrics.get("held_out_preferences")
        if not held:
            continue
        accuracy = held["logprob_accuracy"]
        rows.append(
            {
                "Student": metrics["student"],
                "Dataset": metrics["dataset"],
                "pairs": held["pairs"],
                "DPO reward accuracy": interval_text(held["reward_accuracy"]),
                "log-prob accuracy: base": interval_text(accuracy["base"]),
                "log-prob accuracy: SFT": interval_text(accuracy["sft"]),
                "log-prob accuracy: DPO": interval_text(accuracy["dpo"]),
                "Δ log-prob accuracy (DPO − SFT)": interval_text(held["logprob_accuracy_delta"], signed=True),
            }
        )
    return pd.DataFrame(rows)


PREFERENCE_NOTE = (
    "Held-out preference pairs (the validation rows; chosen: the teacher's answer, rejected: the SFT "
    "student's own). DPO reward accuracy: the share of pairs whose implicit reward beta·(log p_DPO − log p_SFT) "
    "is higher for the chosen answer (about 0.5 for an adapter moved at random); log-prob accuracy: the "
    "share where the model gives the chosen answer the higher summed log-prob."
)


def _one_line(text: str) -> str:
    return " ".join(text.split()) or "*(empty)*"


def examples_markdown(pairs: list[dict]) -> str:
    """Each pair's sample test examples: the reference and the base, tuned (and DPO) outputs, whole."""
    lines = ["# Sample outputs", ""]
    for metrics in pairs:
        lines += [f"## {metrics['student']} · {metrics['dataset']}", ""]
        for sample in metrics.get("samples", []):
            lines.append(f"**`{sample['id']}`**")
            lines.append("")
            for variant in ("reference", "base", "tuned", "dpo"):
                if variant in sample:
                    lines.append(f"- *{variant}*: {_one_line(sample[variant])}")
            lines.append("")
        if not metrics.get("samples"):
            lines += ["(no samples in the metrics file; `evaluation.samples` sets how many)", ""]
    return "\n".join(lines)


def write_examples(pairs: list[dict], markdown: str) -> None:
    with atomic_open(markdown) as handle:
        handle.write(examples_markdown(pairs))


def _latex(table: pd.DataFrame, note: str) -> str:
    styler = table.style.hide(axis="index").format(escape="latex")
    styler = styler.format_index(escape="latex", axis="columns")
    body = styler.to_latex(hrules=True, column_format="lll" + "r" * (len(table.columns) - 3))
    return f"% {note} Needs \\usepackage{{booktabs}}.\n{body}"


def write_tables(pairs: list[dict], markdown: str, latex: str) -> None:
    """The main table; below it, where a pair has a DPO stage, the held-out preference accuracy."""
    table = main_table(pairs)
    note = (
        "Means over the test examples with 95% bootstrap intervals; Δ is the paired difference. "
        "(n=k): a mean over the k examples the metric scores (unsupported numbers: outputs that state "
        "a number), a Δ over the k examples it scores for both models."
    )
    preferences = preference_table(pairs)
    text, tex = table.to_markdown(index=False) + f"\n\n{note}\n", _latex(table, note)
    if not preferences.empty:
        text += f"\n{preferences.to_markdown(index=False)}\n\n{PREFERENCE_NOTE}\n"
        tex += "\n" + _latex(preferences, PREFERENCE_NOTE)
    with atomic_open(markdown) as handle:
        handle.write(text)
    with atomic_open(latex) as handle:
        handle.write(tex)
