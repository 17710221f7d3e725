"""Training rows for TRL, and the truncation TRL would otherwise apply without a word.

The dataset files hold plain prompt/completion strings. A student with a chat
template gets them as one user turn and one assistant turn, so TRL renders
them with the template the student will see at inference; a base model gets
the strings as they are (TRL appends its EOS to the completion).
"""

from __future__ import annotations

import json
import logging
from dataclasses import asdict, dataclass
from pathlib import Path

from datasets import Dataset
from transformers import PreTrainedTokenizerBase
from trl.data_utils import common_prefix_length

from ..errors import FinstepError
from ..io import read_jsonl, sha256_file
from .multitask import TASKS

log = logging.getLogger("finstep.training")

DATASET_FILES = ("train.jsonl", "val.jsonl", "split.json")


@dataclass
class Splits:
    """The rows a student trains and validates on, and the dataset's ``split.json``."""

    train: list[dict]
    val: list[dict]
    info: dict

    @property
    def multitask(self) -> bool:
        """Distilling step-by-step: summary and rationale rows, each task weighted by alpha."""
        return set(TASKS) <= {row["task"] for row in self.train}


def load_splits(dataset_dir: str) -> Splits:
    folder = Path(dataset_dir)
    train = list(read_jsonl(folder / "train.jsonl"))
    if not train:
        raise FinstepError(f"{folder / 'train.jsonl'} holds no rows; nothing to train on")
    info = json.loads((folder / "split.json").read_text(encoding="utf-8"))
    return Splits(train, list(read_jsonl(folder / "val.jsonl")), info)


def dataset_digests(dataset_dir: str) -> dict[str, str]:
    """sha256 of the files a run read: which data produced an adapter."""
    return {name: sha256_file(Path(dataset_dir) / name) for name in DATASET_FILES}


def trl_row(row: dict, conversational: bool) -> dict:
    """A TRL prompt–completion example: chat turns for a chat template, plain strings otherwise."""
    if conversational:
        return {
            "prompt": [{"role": "user", "content": row["prompt"]}],
            "completion": [{"role": "assistant", "content": row["completion"]}],
        }
    return {"prompt": row["prompt"], "completion": row["completion"]}


def to_dataset(rows: list[dict], conversational: bool, multitask: bool) -> Dataset:
    """The rows as a ``datasets.Dataset``; multitask rows carry ``task_id`` for the loss."""
    examples = [trl_row(row, conversational) for row in rows]
    if multitask:
        for example, row in zip(examples, rows, strict=True):
            example["task_id"] = TASKS.index(row["task"])
    return Dataset.from_list(examples)


def token_lengths(tokenizer: PreTrainedTokenizerBase, example: dict) -> tuple[int, int]:
    """Prompt and prompt+completion lengths in tokens, tokenized as TRL's ``SFTTrainer`` does.

    As in TRL, the completion starts where the two token sequences diverge.
    """
    if isinstance(example["prompt"], list):
        prompt = tokenizer.apply_chat_template(
            example["prompt"], add_generation_prompt=True, tokenize=True, return_dict=True
        )["input_ids"]
        full = tokenizer.apply_chat_template(
            example["prompt"] + example["completion"], tokenize=True, return_dict=True
        )["input_ids"]
    else:
        completion = example["completion"]
        if not completion.endswith(tokenizer.eos_token):
            completion += tokenizer.eos_token
        prompt = tokenizer(text=example["prompt"])["input_ids"]
        full = tokenizer(text=example["prompt"] + completion)["input_ids"]
    return common_prefix_length(prompt, full), len(full)


@dataclass(frozen=True)
class Truncation:
    """Train rows that ``max_length`` cuts: TRL drops the first kind and trains on a stub of the second."""

    rows: int
    max_length: int
    prompt_fills_context: int  # the prompt alone reaches max_length: no completion token left
    completion_cut: int  # part of the completion is cut away

    @property
    def dropped_share(self) -> float:
        return self.prompt_fills_context / self.rows

    def as_dict(self) -> dict:
        return asdict(self)


def count_truncation(tokenizer: PreTrainedTokenizerBase, examples: list[dict], max_length: int) -> Truncation:
    lengths = [token_lengths(tokenizer, example) for example in examples]
    return Truncation(
        rows=len(lengths),
        max_length=max_length,
        prompt_fills_context=sum(prompt >= max_length for prompt, _ in lengths),
        completion_cut=sum(prompt < max_length < full for prompt, full in lengths),
    )


def check_truncation(truncation: Truncation, max_share: float) -> None:
    """Log what max_length cuts; stop when too many rows would silently vanish from training."""
    log.info(
        "max_length %d: %d of %d train rows lose their whole completion (prompt too long), %d part of it",
        truncation.max_length,
        truncation.prompt_fills_context,
        truncation.rows,
        truncation.completion_cut,
    )
    if truncation.dropped_share > max_share:
        raise FinstepError(
            f"{truncation.prompt_fills_context} of {truncation.rows} train rows "
            f"({truncation.dropped_share:.1%}) have prompts of at least max_length {truncation.max_length} tokens "
            f"and would be dropped (max_truncated_share {max_share:.1%}); raise max_length or shorten the prompts"
        )
