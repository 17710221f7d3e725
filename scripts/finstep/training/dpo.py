"""DPO after SFT (rule ``dpo``): the pair's SFT adapter continued on preference pairs, against itself frozen.

The base loads as ``train`` loads it (4-bit NF4 where the student asks), the SFT
adapter on top with ``is_trainable=True``, and TRL's ``DPOTrainer`` gets that
``PeftModel`` with no ``ref_model`` and no ``peft_config``: TRL then copies the
adapter into a frozen ``ref`` adapter, so the reference policy is the SFT model
itself and nothing is merged. An adapter loaded without ``is_trainable`` trains
nothing and logs the loss ln 2 = 0.6931 at every step (TRL issues #1311, #1627);
a ``peft_config`` beside a ``PeftModel`` is refused by TRL.

Precision, checkpoints, resume and the output folder are ``train``'s: fp32 on a
CPU, fp16 on a T4, bf16 on Ampere; checkpoints outside the output folder, a job
killed at walltime resuming from the last one, a finished run rebuilt without a
step more; the adapter, ``train_log.csv`` (with the reward margin and accuracy)
and ``run.json`` (the sha256 of every input) renamed into place whole. Bad input
stops the job in one line before any model loads.
"""

from __future__ import annotations

import dataclasses
import logging
import time
from importlib.metadata import version
from pathlib import Path

import torch
from datasets import Dataset
from peft import PeftModel
from trl import DPOConfig, DPOTrainer
from trl.trainer.utils import use_adapter

from ..config_schema import settings
from ..errors import FinstepError
from ..io import read_json, read_jsonl, sha256_file
from ..pipeline import code_origin
from .adapter_check import check_adapter, check_adapter_base
from .distributed import fsdp_wrap
from .model import base_revision, load_base_model, load_tokenizer
from .precision import Precision, device_precision, keep_trainable_fp32, return_freed_memory
from .preferences import dropped_text
from .train import (
    PACKAGES,
    claim_checkpoints_once,
    data_parallel,
    peak_memory,
    run_training,
    trainer_args,
    write_outputs,
)
from .trainlog import LogLastStep, TimingColumns, mean_train_loss, train_seconds

log = logging.getLogger("finstep.training")

PREFERENCE_FILES = ("train.jsonl", "val.jsonl", "stats.json")
# TRL's logged DPO metrics → train_log.csv columns.
LOG_NAMES = {
    "rewards/margins": "reward_margin",
    "rewards/accuracies": "reward_accuracy",
    "rewards/chosen": "reward_chosen",
    "rewards/rejected": "reward_rejected",
    "logps/chosen": "logp_chosen",
    "logps/rejected": "logp_rejected",
}
LOG_COLUMNS = (
    "step",
    "loss",
    *LOG_NAMES.values(),
    "learning_rate",
    "grad_norm",
    "tokens_per_second",
    "elapsed_seconds",
)


@settings("dpo", "training")
class DPOSettings:
    """The ``dpo.training`` options; the defaults (the alignment handbook's QLoRA recipe) are the schema's."""

    beta: float
    learning_rate: float
    loss_type: tuple[str, ...]
    epochs: float
    max_steps: int | None
    batch_size: int
    grad_accum: int
    max_length: int | None
    save_steps: int
    logging_steps: int
    seed: int
    precompute_ref_log_probs: bool
    gradient_checkpointing: bool

    @classmethod
    def from_options(cls, options: dict | None) -> DPOSettings:
        options = dict(options or {})
        known = {field.name for field in dataclasses.fields(cls)}
        unknown = sorted(set(options) - known)
        if unknown:
            raise FinstepError(
                f"dpo.training option {unknown[0]!r} is unknown; known: {', '.join(sorted(known))}"
            )
        if "loss_type" in options:
            options["loss_type"] = tuple(options["loss_type"])
        made = cls(**options)
        # The schema's exclusiveMinimum, for a library call: beta 0 makes every pair's loss ln 2, whatever it holds.
        if not made.beta > 0:
            raise FinstepError(
                f"dpo.training.beta is {made.beta}; it must be above 0 (the handbook's is 0.01)"
            )
        return made


@dataclasses.dataclass(frozen=True)
class Pairs:
    """The preference set a DPO stage trains on, and the record of how it was built."""

    train: list[dict]
    val: list[dict]
    stats: dict


def load_pairs(preferences_dir: str) -> Pairs:
    """The preference set; one with no training pair is refused, saying how many were dropped and why."""
    folder = Path(preferences_dir)
    stats = read_json(folder / "stats.json")
    train = list(read_jsonl(folder / "train.jsonl"))
    if not train:
        raise FinstepError(
            f"{folder / 'train.jsonl'} holds no preference pair: {dropped_text(stats['train'])} "
            "(stats.json); answer more rows (dpo.preferences.max_examples), raise match_rouge_l or set "
            "require_worse: false, and rerun `preferences`"
        )
    return Pairs(train, list(read_jsonl(folder / "val.jsonl")), stats)


def trl_pair(row: dict, conversational: bool) -> dict:
    """A TRL preference example, rendered as SFT rendered its rows (``data.trl_row``): chat turns or strings."""
    if conversational:
        return {
            "prompt": [{"role": "user", "content": row["prompt"]}],
            "chosen": [{"role": "assistant", "content": row["chosen"]}],
            "rejected": [{"role": "assistant", "content": row["rejected"]}],
        }
    return {"prompt": row["prompt"], "chosen": row["chosen"], "rejected": row["rejected"]}


def sft_max_length(sft_dir: str) -> int:
    """The SFT run's ``max_length`` (its run.json): the cap its rows, and the preference prompts, were fitted to."""
    try:
        return int(read_json(Path(sft_dir) / "run.json")["hyperparameters"]["max_length"])
    except (OSError, ValueError, KeyError, TypeError):
        raise FinstepError(
            f"{sft_dir}/run.json records no max_length; set dpo.training.max_length or rerun `train`"
        ) from None


def lora_hyperparameters(student: dict, sft_dir: str) -> dict:
    """The LoRA shape DPO trains: the SFT adapter's own (its adapter_config.json), not the config's now."""
    config = read_json(Path(sft_dir) / "adapter_config.json")
    targets = config.get("target_modules")
    return {
        "lora_r": config.get("r"),
        "lora_alpha": config.get("lora_alpha"),
        "lora_dropout": config.get("lora_dropout"),
        "target_modules": ",".join(sorted(targets)) if isinstance(targets, list) else targets,
        "load_in_4bit": bool(student.get("load_in_4bit", False)),
    }


def dpo_config(
    settings: DPOSettings, precision: Precision, checkpoint_dir: str, max_length: int
) -> DPOConfig:
    """TRL's ``DPOConfig``: the settings, precision from the device, checkpoints and logging as ``train``'s."""
    return DPOConfig(
        **trainer_args(settings, precision, checkpoint_dir),
        beta=settings.beta,
        loss_type=list(settings.loss_type),
        max_length=max_length,
        precompute_ref_log_probs=settings.precompute_ref_log_probs,
    )


def build_dpo_trainer(
    student: dict,
    sft_dir: str,
    pairs: Pairs,
    settings: DPOSettings,
    precision: Precision,
    checkpoint_dir: str,
    max_length: int,
) -> DPOTrainer:
    """The SFT adapter, trainable, on the base loaded as ``train`` loads it; TRL adds the frozen ``ref`` copy."""
    tokenizer = load_tokenizer(student)
    conversational = bool(tokenizer.chat_template)
    args = dpo_config(settings, precision, checkpoint_dir, max_length)  # first: it starts the ranks' group
    policy = PeftModel.from_pretrained(load_base_model(student, precision), sft_dir, is_trainable=True)
    val = Dataset.from_list([trl_pair(row, conversational) for row in pairs.val]) if pairs.val else None
    trainer = DPOTrainer(
        model=policy,
        ref_model=None,  # the reference is the SFT adapter, copied by TRL into a frozen "ref" adapter
        args=args,
        train_dataset=Dataset.from_list([trl_pair(row, conversational) for row in pairs.train]),
        eval_dataset=val,
        processing_class=tokenizer,
        callbacks=[TimingColumns(), LogLastStep()],
    )
    if "ref" not in trainer.model.peft_config:  # TRL skips the copy for some peft versions' adapters
        raise FinstepError(f"TRL made no frozen copy of {sft_dir}: the reference would be the base model")
    fsdp_wrap(trainer)
    # TRL casts a quantized model's trainable weights to bf16 here too.
    cast = keep_trainable_fp32(trainer.model)
    if cast:
        log.info("cast %d trainable tensors back to fp32 (TRL had made them bf16)", cast)
    return trainer


# The models whose held-out log-probs run.json keeps, by the adapter TRL's model holds them under:
# the base (no adapter), the SFT adapter (TRL's frozen "ref" copy) and the DPO policy ("default").
HELD_OUT_MODELS = {"base": None, "sft": "ref", "dpo": "default"}
_NOT_MODEL_INPUTS = {"completion_mask", "ref_chosen_logps", "ref_rejected_logps"}


def pair_logps(trainer: DPOTrainer, adapter: str | None) -> list[tuple[float, float]]:
    """Each validation pair's summed completion log-probs (chosen, rejected) under one of the model's adapters.

    The batches are TRL's own (its tokenization, chat template and ``max_length`` cut), and the
    forward is its reference pass (``compute_ref_log_probs``) with the adapter chosen here: with
    ``adapter="ref"`` these are the log-probs TRL's rewards are measured against.
    """
    model = trainer.accelerator.unwrap_model(trainer.model)
    model.eval()
    found: list[tuple[float, float]] = []
    with torch.no_grad(), use_adapter(model, adapter_name=adapter), trainer.accelerator.autocast():
        for batch in trainer.get_eval_dataloader():
            inputs = trainer._prepare_inputs(batch)
            labels = inputs["input_ids"].masked_fill(inputs["completion_mask"] == 0, -100)
            kwargs = {k: v for k, v in inputs.items() if k not in _NOT_MODEL_INPUTS}
            out = model(**kwargs, use_cache=False, labels=labels, fused_lm_head=True)
            width = inputs["completion_mask"].size(1) - 1  # log-probs of the tokens after the first
            pairs = torch.stack(out.log_probs[:, -width:].float().sum(dim=1).chunk(2, dim=0), dim=1)
            # Data-parallel ranks each score their share: every rank gets all pairs, in order, once.
            found += [tuple(pair) for pair in trainer.accelerator.gather_for_metrics(pairs).tolist()]
    return found


def held_out_logps(trainer: DPOTrainer, pairs: Pairs) -> list[dict]:
    """Per validation pair, its id and the (chosen, rejected) log-probs of the base, SFT and DPO models.

    The evaluation turns them into held-out preference accuracies with intervals
    (``finstep.evaluation.preferences``): TRL's logged means have none.
    """
    by_model = {name: pair_logps(trainer, adapter) for name, adapter in HELD_OUT_MODELS.items()}
    for name, logps in by_model.items():
        if len(logps) != len(pairs.val):
            raise FinstepError(
                f"{len(logps)} held-out log-probs of the {name} model for {len(pairs.val)} validation pairs: "
                "TRL dropped or added pairs"
            )
    return [
        {"id": row.get("id"), **{name: [round(v, 6) for v in by_model[name][i]] for name in by_model}}
        for i, row in enumerate(pairs.val)
    ]


def held_out(trainer: DPOTrainer, pairs: Pairs) -> dict | None:
    """Loss, reward accuracy and margin on the validation pairs (TRL's means over its batches), and
    every pair's log-probs: did DPO learn the preference beyond its data?"""
    if not pairs.val:
        return None
    metrics = trainer.evaluate()
    return {
        "pairs": len(pairs.val),
        "loss": metrics.get("eval_loss"),
        "reward_accuracy": metrics.get("eval_rewards/accuracies"),
        "reward_margin": metrics.get("eval_rewards/margins"),
        "logps": held_out_logps(trainer, pairs),
    }


def train_dpo(
    student: dict,
    dataset: str,
    sft_dir: str,
    preferences_dir: str,
    training: dict,
    out_dir: str,
    checkpoint_dir: str,
) -> None:
    """Continue the SFT adapter in ``sft_dir`` by DPO on the pairs in ``preferences_dir``; write it to ``out_dir``.

    Every check that needs no model comes first: the settings (beta above 0), a
    preference set with pairs, the SFT adapter as trained (sha256, finite weights)
    and on this student's base.
    """
    started = time.perf_counter()
    settings = DPOSettings.from_options(training)
    rank_settings, batches = data_parallel(settings, "dpo.training")
    pairs = load_pairs(preferences_dir)
    check_adapter_base(student, sft_dir)
    sft = check_adapter(sft_dir)
    max_length = settings.max_length or sft_max_length(sft_dir)
    revision = base_revision(student)
    preference_sha256 = {name: sha256_file(Path(preferences_dir) / name) for name in PREFERENCE_FILES}
    return_freed_memory()  # before the model loads: every block from here on
    precision = device_precision()
    trainer = build_dpo_trainer(student, sft_dir, pairs, rank_settings, precision, checkpoint_dir, max_length)
    # The SFT adapter's digest too: after a retrained SFT adapter, DPO starts afresh from the new one.
    key = {
        "student": student,
        "base_revision": revision,
        "sft_adapter_sha256": sft["sha256"],
        "dpo": dataclasses.asdict(rank_settings),
        "max_length": max_length,
        "preferences_sha256": preference_sha256,
    }
    if batches is not None:  # other ranks keep other RNG states and data shards: another run
        key["processes"] = batches.processes
    claim_checkpoints_once(trainer, checkpoint_dir, key)
    resumed = run_training(trainer, checkpoint_dir)
    run = {
        "dataset": dataset,
        "stage": "dpo",
        "base_model": student["model"],
        "base_revision": revision,
        "sft_adapter": sft_dir,
        "sft_adapter_sha256": sft["sha256"],
        "preferences_sha256": preference_sha256,
        "pairs": {"train": len(pairs.train), "val": len(pairs.val)},
        "rejected": pairs.stats.get("rejected"),
        "versions": {package: version(package) for package in PACKAGES},
        "finstep": code_origin(),
        "seed": settings.seed,
        "precision": precision.name,
        "device": str(precision.device),
        "steps": trainer.state.global_step,
        "resumed_from": Path(resumed).name if resumed else None,
        "train_loss": mean_train_loss(trainer.state.log_history),  # the whole run, resumed or not
        "held_out": held_out(trainer, pairs),
        "train_tokens": trainer.state.num_input_tokens_seen,
        "train_seconds": train_seconds(trainer.state.log_history),
        "peak_memory": peak_memory(precision),
        "wall_seconds": round(time.perf_counter() - started, 1),
        "hyperparameters": {
            **lora_hyperparameters(student, sft_dir),
            **dataclasses.asdict(settings),
            "loss_type": ",".join(settings.loss_type),
            "max_length": max_length,
        },
        # N ranks: each one's batch and accumulation, recomputed so that the effective batch is the recipe's
        "data_parallel": batches.as_dict() if batches is not None else None,
    }
    write_outputs(trainer, out_dir, run, columns=LOG_COLUMNS, names=LOG_NAMES)
    loss = "not logged" if run["train_loss"] is None else f"{run['train_loss']:.4f}"
    log.info("%s DPO: %d steps, train loss %s, adapter in %s", dataset, run["steps"], loss, out_dir)
