"""The adapter's model card: what it was trained from, how, and how well it does.

Written by the ``model_card`` rule once the evaluation has scored the
adapter, so the card that travels with the folder (or to the Hub) carries
its metrics beside its recipe. The YAML header is the Hub's model-card
metadata.
"""

from __future__ import annotations

from ..io import atomic_open, read_json
from ..models.refs import HUB_ID
from .formatting import counted_text, shown_keys, value_text


def _table(rows: dict) -> str:
    lines = ["| setting | value |", "| --- | --- |"]
    lines += [f"| {key} | `{value}` |" for key, value in rows.items()]
    return "\n".join(lines)


def _examples(metrics: dict) -> str:
    """Which test examples were scored: the whole split, or the seeded sample of it."""
    drawn = metrics.get("test_rows")
    if not drawn or drawn.get("all_rows", True):
        return f"the test split ({metrics['n']} examples)"
    return (
        f"{metrics['n']} of the test split's {drawn['of']} examples "
        f"(a stratified sample, seed {drawn['seed']}: {drawn['strata']})"
    )


def metrics_section(metrics: dict | None) -> str:
    if not metrics:
        return "Not evaluated yet: the workflow's `score` and `model_card` rules fill this in."
    lines = [
        f"On {_examples(metrics)}; means with {metrics['bootstrap']['confidence']:.0%} bootstrap "
        "intervals, Δ the paired difference; (n=k): over the k examples the metric scores "
        "(for Δ: for both models).",
        "",
        "| metric | base | tuned | Δ |",
        "| --- | --- | --- | --- |",
    ]
    for key in shown_keys([metrics], headline=True):
        entry = metrics["metrics"][key]
        if entry:
            n = metrics["n"]
            lines.append(
                f"| {entry['label']} | {counted_text(entry['base'], n)} | {counted_text(entry['tuned'], n)} | "
                f"{counted_text(entry.get('delta'), n, signed=True)} |"
            )
    return "\n".join(lines)


def benchmarks_section(adapter: str, scores: list[dict]) -> str:
    """The adapter beside its base model on each standard benchmark, protocol by protocol."""
    if not scores:
        return "No standard benchmark configured (`benchmarks:` in config)."
    lines = [
        "Each benchmark's scored rows; 95% intervals from resampling the examples, Δ the paired "
        "difference with the base model (`results/tables/benchmarks.md` has the published numbers).",
        "",
        "| benchmark | protocol | metric | base | this adapter | Δ |",
        "| --- | --- | --- | --- | --- | --- |",
    ]
    for entry in scores:
        keys = sorted(entry["keys"], key=lambda k: entry["keys"][k]["order"])
        for protocol, result in entry["protocols"].items():
            variants = result["variants"]
            if adapter not in variants:
                continue
            for key in keys:
                base, tuned = variants["base"]["metrics"].get(key), variants[adapter]["metrics"].get(key)
                if not tuned or tuned.get("value") is None:
                    continue
                delta = variants[adapter].get("delta", {}).get(key)
                lines.append(
                    f"| {entry['benchmark']} (n={entry['n']}) | {protocol} | {entry['keys'][key]['label']} | "
                    f"{value_text(base)} | {value_text(tuned)} | {value_text(delta, signed=True)} |"
                )
    return "\n".join(lines)


def model_card(
    run: dict, split_info: dict, metrics: dict | None = None, benchmarks: list[dict] | None = None
) -> str:
    """Markdown with Hub metadata: base model and revision, data and splits, hyperparameters, metrics."""
    sizes = split_info.get("sizes", {})
    tasks = split_info.get("tasks", {}).get("train", {})
    base = str(run["base_model"])
    header = [
        "---",
        "library_name: peft",
        "pipeline_tag: text-generation",
        "tags: [lora, qlora, finance, sec-10k]",
    ]
    if HUB_ID.fullmatch(base):
        header.insert(1, f"base_model: {base}")
    header.append("---")
    return f"""{chr(10).join(header)}

# LoRA adapter: `{run["dataset"]}` on `{base}`

A LoRA adapter (PEFT, safetensors) trained with TRL's `SFTTrainer` on the
completion tokens of the dataset's prompt–completion rows.

## Base model

- model: `{base}`
- revision (or sha256 digest of a local folder's weights): `{run["base_revision"]}`

## Data

- dataset: `{run["dataset"]}` ({split_info.get("kind", "?")}, format `{split_info.get("format", "?")}`)
- rows: train {sizes.get("train", "?")}, val {sizes.get("val", "?")}, test {sizes.get("test", "?")}
- train tasks: {", ".join(f"{task} {n}" for task, n in tasks.items()) or "?"}
- truncated at max_length: {run["truncation"]["prompt_fills_context"]} train rows dropped,
  {run["truncation"]["completion_cut"]} with part of the completion cut

## Training

{_table(run.get("hyperparameters", {}))}

Precision `{run["precision"]}` on `{run["device"]}`; {run["steps"]} optimizer steps;
package versions, dataset checksums and peak memory are in `run.json`, the loss curve in
`train_log.csv`.

## Metrics

{metrics_section(metrics)}

## Standard financial benchmarks

{benchmarks_section(str(run["dataset"]), benchmarks or [])}
"""


def write_model_card(
    run_path: str,
    split_path: str,
    metrics_path: str | None,
    out: str,
    benchmark_paths: list[str] | None = None,
) -> None:
    card = model_card(
        read_json(run_path),
        read_json(split_path),
        read_json(metrics_path) if metrics_path else None,
        [read_json(path) for path in benchmark_paths or []],
    )
    with atomic_open(out) as handle:
        handle.write(card)


def dpo_metrics_section(metrics: dict | None) -> str:
    """Base, SFT and DPO on the same test rows, the paired SFT → DPO difference, and the held-out pairs."""
    if not metrics or not any("dpo" in entry for entry in metrics["metrics"].values()):
        return "Not evaluated yet: the workflow's `score` and `dpo_model_card` rules fill this in."
    n = metrics["n"]
    lines = [
        f"On {_examples(metrics)}; means with {metrics['bootstrap']['confidence']:.0%} bootstrap "
        "intervals, Δ the paired difference DPO − SFT on the same examples.",
        "",
        "| metric | base | SFT | DPO | Δ (DPO − SFT) |",
        "| --- | --- | --- | --- | --- |",
    ]
    for key in shown_keys([metrics], headline=True):
        entry = metrics["metrics"][key]
        if entry and "dpo" in entry:
            lines.append(
                f"| {entry['label']} | {counted_text(entry['base'], n)} | {counted_text(entry['tuned'], n)} | "
                f"{counted_text(entry['dpo'], n)} | {counted_text(entry.get('delta_dpo'), n, signed=True)} |"
            )
    held = metrics.get("held_out_preferences")
    if held:
        accuracy = held["logprob_accuracy"]
        lines += [
            "",
            f"Held-out preference pairs (from validation rows, n={held['pairs']}): the share where a model gives "
            f"the chosen answer the higher log-probability: base {counted_text(accuracy['base'], held['pairs'])}, "
            f"SFT {counted_text(accuracy['sft'], held['pairs'])}, DPO {counted_text(accuracy['dpo'], held['pairs'])}; "
            f"DPO's reward accuracy against the SFT reference "
            f"{counted_text(held['reward_accuracy'], held['pairs'])} (beta {held['beta']}).",
        ]
    return "\n".join(lines)


def _kept_text(split: dict) -> str:
    dropped = ", ".join(f"{reason} {n}" for reason, n in split.get("dropped", {}).items() if n) or "none"
    return f"{split['kept']} of {split['answered']} answered rows kept (dropped: {dropped})"


def dpo_model_card(
    run: dict, preferences: dict, metrics: dict | None = None, benchmarks: list[dict] | None = None
) -> str:
    """The DPO adapter's card: the SFT adapter it continues, the preference set, the recipe, three-way metrics."""
    base = str(run["base_model"])
    header = [
        "---",
        "library_name: peft",
        "pipeline_tag: text-generation",
        "tags: [lora, qlora, dpo, finance, sec-10k]",
    ]
    if HUB_ID.fullmatch(base):
        header.insert(1, f"base_model: {base}")
    header.append("---")
    settings = preferences.get("settings", {})
    return f"""{chr(10).join(header)}

# DPO adapter: `{run["dataset"]}` on `{base}`, after SFT

The SFT adapter `{run["sft_adapter"]}` continued by TRL's `DPOTrainer` against a frozen
copy of itself (the reference is the SFT policy; nothing is merged), on preference pairs
whose chosen answer is the teacher's and whose rejected answer is `{preferences.get("rejected", "?")}`'s.

## Base model and SFT adapter

- model: `{base}`, revision (or sha256 of a local folder's weights) `{run["base_revision"]}`
- SFT adapter: `{run["sft_adapter"]}`, sha256 `{run["sft_adapter_sha256"].get("adapter_model.safetensors", "?")}`

## Preference pairs

- training rows: {_kept_text(preferences["train"])}
- validation rows (held out): {_kept_text(preferences["val"])}
- filters: a pair is dropped when the rejected answer reaches ROUGE-L {settings.get("match_rouge_l", "?")}
  against the chosen one, or (require_worse {settings.get("require_worse", "?")}) fails no check the chosen passes

## Training

{_table(run.get("hyperparameters", {}))}

Precision `{run["precision"]}` on `{run["device"]}`; {run["steps"]} optimizer steps; mean training loss
{"not logged" if run.get("train_loss") is None else f"{run['train_loss']:.4f}"} (ln 2, 0.6931, is a policy no different from its reference).
Package versions, checksums of the SFT adapter and the preference set, and peak memory are
in `run.json`; losses, reward margins and accuracies per step in `train_log.csv`.

## Metrics

{dpo_metrics_section(metrics)}

## Standard financial benchmarks

{benchmarks_section(f"{run['dataset']}/dpo", benchmarks or [])}
"""


def write_dpo_model_card(
    run_path: str,
    preferences_path: str,
    metrics_path: str | None,
    out: str,
    benchmark_paths: list[str] | None = None,
) -> None:
    card = dpo_model_card(
        read_json(run_path),
        read_json(preferences_path),
        read_json(metrics_path) if metrics_path else None,
        [read_json(path) for path in benchmark_paths or []],
    )
    with atomic_open(out) as handle:
        handle.write(card)
