"""The adapter's model card: what it was trained from and how, for anyone who finds the folder alone."""

from __future__ import annotations


def _table(rows: dict) -> str:
    lines = ["| setting | value |", "| --- | --- |"]
    lines += [f"| {key} | `{value}` |" for key, value in rows.items()]
    return "\n".join(lines)


def model_card(run: dict, split_info: dict, hyperparameters: dict) -> str:
    """Markdown: base model and revision, dataset and split sizes, hyperparameters; metrics come later."""
    sizes = split_info.get("sizes", {})
    tasks = split_info.get("tasks", {}).get("train", {})
    return f"""# LoRA adapter: `{run["dataset"]}` on `{run["base_model"]}`

A LoRA adapter (PEFT, safetensors) trained with TRL's `SFTTrainer` on the
completion tokens of the dataset's prompt–completion rows.

## Base model

- model: `{run["base_model"]}`
- revision (or sha256 digest of a local folder's weights): `{run["base_revision"]}`

## Data

- dataset: `{run["dataset"]}` ({split_info.get("kind", "?")}, format `{split_info.get("format", "?")}`)
- rows: train {sizes.get("train", "?")}, val {sizes.get("val", "?")}, test {sizes.get("test", "?")}
- train tasks: {", ".join(f"{task} {n}" for task, n in tasks.items()) or "?"}
- truncated at max_length: {run["truncation"]["prompt_fills_context"]} train rows dropped,
  {run["truncation"]["completion_cut"]} with part of the completion cut

## Training

{_table(hyperparameters)}

Precision `{run["precision"]}` on `{run["device"]}`; {run["steps"]} optimizer steps;
package versions, dataset checksums and peak memory are in `run.json`, the loss curve in
`train_log.csv`.

## Metrics

Filled in by the evaluation stage (ROUGE and the other metrics on the test split).
"""
