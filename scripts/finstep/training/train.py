"""Train one LoRA adapter (rule ``train``): resumable, with its training log and run record.

Checkpoints go to ``checkpoint_dir``, outside the output folder, so a job
killed by a cluster's time limit restarts from its last checkpoint and still
ends at the planned step count. The output folder is written beside its final
place and renamed into it, so Snakemake never sees a half-written adapter.
"""

from __future__ import annotations

import dataclasses
import json
import logging
import os
import random
import re
import resource
import shutil
import time
import uuid
from importlib.metadata import version
from pathlib import Path
from typing import TypeVar

import torch
from peft import load_peft_weights, set_peft_model_state_dict
from transformers import Trainer, TrainerState
from transformers.trainer import TRAINER_STATE_NAME
from transformers.trainer_utils import PREFIX_CHECKPOINT_DIR
from trl import SFTConfig, SFTTrainer

from ..config_schema import settings
from ..errors import FinstepError
from ..io import sha256_file, share, write_json
from ..pipeline import code_origin
from .completion_loss import CompletionSFTTrainer
from .data import (
    Splits,
    Truncation,
    check_truncation,
    count_truncation,
    dataset_digests,
    load_splits,
    to_dataset,
    trl_row,
)
from .distributed import Batches, World, fsdp_enabled, fsdp_wrap, per_device_batches, trainer_overrides
from .model import base_revision, load_base_model, load_tokenizer, lora_config
from .multitask import MultitaskSFTTrainer
from .precision import Precision, device_precision, keep_trainable_fp32, return_freed_memory
from .trainlog import COLUMNS, LogLastStep, TimingColumns, mean_train_loss, train_seconds, write_train_log

log = logging.getLogger("finstep.training")

PACKAGES = ("torch", "transformers", "trl", "peft", "accelerate", "datasets")
S = TypeVar("S")
_CHECKPOINT = re.compile(rf"^{PREFIX_CHECKPOINT_DIR}-(\d+)$")


@settings("training")
class TrainingSettings:
    """The ``training`` options; the defaults (and what each means) are the schema's."""

    epochs: float
    batch_size: int
    grad_accum: int
    learning_rate: float
    max_length: int
    save_steps: int
    logging_steps: int
    seed: int
    group_by_length: bool
    pad_to_max_length: bool
    max_truncated_share: float
    alpha: float | None
    max_steps: int | None
    gradient_checkpointing: bool
    max_eval_examples: int | None

    @classmethod
    def from_options(cls, options: dict) -> TrainingSettings:
        known = {field.name for field in dataclasses.fields(cls)}
        unknown = sorted(set(options) - known)
        if unknown:
            raise FinstepError(
                f"training option {unknown[0]!r} is unknown; known: {', '.join(sorted(known))}"
            )
        return cls(**options)


def trainer_args(settings: TrainingSettings, precision: Precision, checkpoint_dir: str) -> dict:
    """The ``TrainingArguments`` fields every trainer of the project sets alike (SFT here, DPO in ``dpo``):
    length and batches, checkpoints a killed job resumes from, logging, seeds, memory and precision.

    ``settings`` is any of the settings classes with these fields (``TrainingSettings``, ``DPOSettings``);
    under data parallelism its batches are a rank's (``data_parallel``).
    """
    args = {
        "output_dir": checkpoint_dir,
        "num_train_epochs": settings.epochs,
        "max_steps": -1 if settings.max_steps is None else settings.max_steps,
        "per_device_train_batch_size": settings.batch_size,
        "per_device_eval_batch_size": settings.batch_size,
        "gradient_accumulation_steps": settings.grad_accum,
        "learning_rate": settings.learning_rate,
        "save_strategy": "steps",
        "save_steps": settings.save_steps,
        "save_total_limit": 2,  # the newest may be half-written when a job is killed while saving
        "logging_steps": settings.logging_steps,
        "include_num_input_tokens_seen": "non_padding",
        "seed": settings.seed,
        "data_seed": settings.seed,
        "report_to": "none",
        # transformers 5's name for gradient checkpointing (`gradient_checkpointing` is its deprecated alias);
        # non-reentrant, which needs no input that requires grad and so works with a frozen, quantized base.
        "activation_checkpointing": settings.gradient_checkpointing,
        "activation_checkpointing_kwargs": {"use_reentrant": False}
        if settings.gradient_checkpointing
        else None,
        # explicit bf16/fp16 and the optimizer: TRL's configs default to bf16, on a CPU and a T4 too
        **precision.trainer_args(),
    }
    if World.from_env().size > 1 or fsdp_enabled():
        args.update(trainer_overrides(fsdp_enabled(), settings.gradient_checkpointing))
    return args


def data_parallel(settings: S, where: str = "training") -> tuple[S, Batches | None]:
    """The settings one rank trains with, and what was recomputed (None in a single process).

    ``settings`` (any settings class with ``batch_size`` and ``grad_accum``) is the
    one-GPU recipe; each of N ranks takes a share of its effective batch, so the N
    ranks take the recipe's optimizer steps on the same rows (``per_device_batches``).
    """
    world = World.from_env()
    if world.size <= 1:
        return settings, None
    batches = per_device_batches(settings.batch_size, settings.grad_accum, world.size, where)
    return dataclasses.replace(
        settings, batch_size=batches.batch_size, grad_accum=batches.grad_accum
    ), batches


def sft_config(settings: TrainingSettings, precision: Precision, checkpoint_dir: str) -> SFTConfig:
    return SFTConfig(
        **trainer_args(settings, precision, checkpoint_dir),
        max_length=settings.max_length,
        completion_only_loss=True,
        # transformers 5's successor of `group_by_length`: batches of similar lengths, little padding
        train_sampling_strategy="group_by_length" if settings.group_by_length else "random",
        pad_to_multiple_of=settings.max_length if settings.pad_to_max_length else None,
    )


def multitask_alpha(splits: Splits, settings: TrainingSettings) -> float | None:
    """The task weight of a multitask dataset (the option, else split.json), or None for one task."""
    if not splits.multitask:
        return None
    alpha = settings.alpha if settings.alpha is not None else splits.info.get("alpha")
    if alpha is None or not 0 <= float(alpha) <= 1:
        raise FinstepError(f"a multitask dataset needs an alpha between 0 and 1, got {alpha!r}")
    return float(alpha)


def eval_sample(rows: list[dict], limit: int | None, seed: int) -> list[dict]:
    """The validation rows whose loss ``run.json`` reports: a seeded sample of ``limit``, in file order.

    The eval loss is a check that training generalises, read once at the end; its
    interval shrinks with the square root of the rows, while its cost grows with them
    (a real 10-K's validation split is hundreds of rows, minutes on a CPU).
    """
    if limit is None or len(rows) <= limit:
        return rows
    keep = sorted(random.Random(seed).sample(range(len(rows)), limit))
    return [rows[i] for i in keep]


def build_trainer(
    student: dict,
    splits: Splits,
    settings: TrainingSettings,
    alpha: float | None,
    precision: Precision,
    checkpoint_dir: str,
) -> tuple[SFTTrainer, Truncation]:
    """The trainer (multitask when ``alpha`` is set), after the truncation check passed."""
    tokenizer = load_tokenizer(student)
    conversational = bool(tokenizer.chat_template)
    examples = [trl_row(row, conversational) for row in splits.train]
    truncation = count_truncation(tokenizer, examples, settings.max_length)
    check_truncation(truncation, settings.max_truncated_share)
    multitask = alpha is not None
    eval_rows = eval_sample(splits.val, settings.max_eval_examples, settings.seed)
    # The arguments first: they start the ranks' process group, which an FSDP rank's loading needs
    # (rank 0 reads the weights, the others wait for its broadcast).
    args = sft_config(settings, precision, checkpoint_dir)
    kwargs = {
        "model": load_base_model(student, precision),
        "args": args,
        "train_dataset": to_dataset(splits.train, conversational, multitask),
        "eval_dataset": to_dataset(eval_rows, conversational, multitask) if eval_rows else None,
        "processing_class": tokenizer,
        "peft_config": lora_config(student),
        "callbacks": [TimingColumns(), LogLastStep()],
    }
    trainer = MultitaskSFTTrainer(**kwargs, alpha=alpha) if multitask else CompletionSFTTrainer(**kwargs)
    fsdp_wrap(trainer)
    cast = keep_trainable_fp32(trainer.model)
    if cast:
        log.info("cast %d trainable tensors back to fp32 (TRL had made them bf16)", cast)
    return trainer, truncation


def last_checkpoint(checkpoint_dir: str) -> str | None:
    """The newest complete checkpoint: Trainer writes trainer_state.json last, so its presence marks one."""
    folder = Path(checkpoint_dir)
    steps = [
        (int(match.group(1)), path)
        for path in (folder.iterdir() if folder.is_dir() else [])
        if (match := _CHECKPOINT.match(path.name)) and (path / TRAINER_STATE_NAME).is_file()
    ]
    return str(max(steps)[1]) if steps else None


def claim_checkpoints(checkpoint_dir: str, key: dict) -> None:
    """Keep the checkpoints only if they come from this very run: same student, settings and data.

    After a change of config a rerun must start afresh, not resume another
    run's weights, optimizer state and schedule.
    """
    folder = Path(checkpoint_dir)
    path = folder / "run_key.json"
    key = json.loads(json.dumps(key))  # tuples become lists, as in the file
    if path.is_file() and json.loads(path.read_text(encoding="utf-8")) != key:
        log.warning("%s holds checkpoints of another configuration; starting afresh", folder)
        shutil.rmtree(folder)
    if not path.is_file():
        write_json(path, key)


def claim_checkpoints_once(trainer: Trainer, checkpoint_dir: str, key: dict) -> None:
    """``claim_checkpoints`` by the main process, the other ranks waiting: none may read a folder being removed."""
    if trainer.accelerator.is_main_process:
        claim_checkpoints(checkpoint_dir, key)
    trainer.accelerator.wait_for_everyone()


def finished_state(checkpoint: str | None) -> TrainerState | None:
    """The trainer state of ``checkpoint`` when it is the run's last step, else None.

    ``claim_checkpoints`` kept it, so it comes from a run with these very settings and
    data: at its planned last step that run is done. Resuming from it would not be a no-op:
    Trainer takes one step more and ends past its plan.
    """
    if not checkpoint:
        return None
    state = TrainerState.load_from_json(str(Path(checkpoint) / TRAINER_STATE_NAME))
    return state if 0 < state.max_steps <= state.global_step else None


def restore_finished(trainer: SFTTrainer, checkpoint: str, state: TrainerState) -> None:
    """The finished run back in ``trainer``: its adapter weights and its state (log history, tokens seen)."""
    weights = load_peft_weights(checkpoint, device=str(trainer.model.device))
    loaded = set_peft_model_state_dict(trainer.model, weights)
    if getattr(loaded, "unexpected_keys", None):
        raise FinstepError(
            f"{checkpoint} holds weights this adapter does not have ({loaded.unexpected_keys[0]}, ...); "
            f"delete {Path(checkpoint).parent} and rerun to train afresh"
        )
    trainer.state = state


def run_training(trainer: SFTTrainer, checkpoint_dir: str) -> str | None:
    """Train from the last checkpoint if there is one, check the run reached its planned end.

    A checkpoint at the planned last step is a finished run (its adapter deleted, or
    the job rerun by ``--forcerun`` or a code change): the trainer gets its weights and
    state back, and no step is taken. Returns the checkpoint resumed (or rebuilt) from.
    Trainer's own summary is not returned: it covers only this call, so the run record
    reads the whole run's log history instead.
    """
    resume = last_checkpoint(checkpoint_dir)
    finished = finished_state(resume)
    if finished is not None:
        log.info("%s is the last of %d steps: the adapter is rebuilt from it", resume, finished.max_steps)
        restore_finished(trainer, resume, finished)
        return resume
    if resume:
        log.info("resuming from %s", resume)
    trainer.train(resume_from_checkpoint=resume)
    state = trainer.state
    if state.global_step != state.max_steps:
        raise FinstepError(
            f"training stopped at step {state.global_step} of {state.max_steps}; rerun to resume"
        )
    return resume


def peak_memory(precision: Precision) -> dict:
    if precision.on_gpu:
        return {
            "gpu_allocated_mib": round(torch.cuda.max_memory_allocated(precision.device) / 2**20, 1),
            "gpu_reserved_mib": round(torch.cuda.max_memory_reserved(precision.device) / 2**20, 1),
        }
    # ru_maxrss is in KiB on Linux: the process's peak resident memory.
    return {"cpu_max_rss_mib": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)}


def hyperparameters(student: dict, settings: TrainingSettings, alpha: float | None) -> dict:
    config = lora_config(student)
    return {
        "lora_r": config.r,
        "lora_alpha": config.lora_alpha,
        "lora_dropout": config.lora_dropout,
        "target_modules": ",".join(sorted(config.target_modules)),
        "load_in_4bit": bool(student.get("load_in_4bit", False)),
        **{key: value for key, value in dataclasses.asdict(settings).items() if key != "alpha"},
        "multitask_alpha": alpha,
    }


ADAPTER_FILES = ("adapter_model.safetensors", "adapter_config.json")


def write_outputs(
    trainer: Trainer,
    out_dir: str,
    run: dict,
    columns: tuple[str, ...] = COLUMNS,
    names: dict[str, str] | None = None,
) -> None:
    """Adapter, training log and run record, each file renamed into place whole, by the main process.

    Every rank calls it: under FSDP the adapter's shards are gathered from all of
    them (PEFT's guide: a full state dict, saved through the trainer); under DDP
    each rank holds the whole adapter and only the main process writes.
    The model card (``README.md``) is the ``model_card`` rule's: it adds the
    evaluation's metrics, which exist only after this adapter has been used.
    """
    main = trainer.accelerator.is_main_process
    target = Path(out_dir)
    if main:
        target.mkdir(parents=True, exist_ok=True)
    tmp = target / f".save.{uuid.uuid4().hex}.tmp"
    try:
        if trainer.is_fsdp_enabled:
            trainer.accelerator.state.fsdp_plugin.set_state_dict_type("FULL_STATE_DICT")
            trainer.save_model(str(tmp))  # a collective: every rank gathers, the main one writes
        elif main:
            trainer.model.save_pretrained(
                tmp
            )  # adapter_model.safetensors, adapter_config.json (and PEFT's card)
        if main:
            for name in ADAPTER_FILES:
                share(tmp / name)  # safetensors writes 0600
                os.replace(tmp / name, target / name)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    if main:
        # ``predict`` checks these before it loads the adapter: a truncated or altered file fails there by name.
        run = {**run, "adapter_sha256": {name: sha256_file(target / name) for name in ADAPTER_FILES}}
        write_train_log(trainer.state.log_history, str(target / "train_log.csv"), columns, names)
        write_json(target / "run.json", run)
    trainer.accelerator.wait_for_everyone()


def train_adapter(
    student: dict, dataset: str, dataset_dir: str, training: dict, out_dir: str, checkpoint_dir: str
) -> None:
    """Train a LoRA adapter of ``student`` on ``dataset`` and write it with its log and run record."""
    started = time.perf_counter()
    settings = TrainingSettings.from_options(training)
    rank_settings, batches = data_parallel(settings)
    return_freed_memory()  # before the model loads: every block from here on
    precision = device_precision()
    splits = load_splits(dataset_dir)
    alpha = multitask_alpha(splits, settings)
    digests = dataset_digests(dataset_dir)
    revision = base_revision(student)
    trainer, truncation = build_trainer(student, splits, rank_settings, alpha, precision, checkpoint_dir)
    # The base's revision too: a local model folder rebuilt with new weights keeps its path, and
    # resuming an adapter trained on the old weights would pass for a run on the new ones.
    key = {
        "student": student,
        "base_revision": revision,
        "training": dataclasses.asdict(rank_settings),
        "dataset_sha256": digests,
    }
    if batches is not None:  # other ranks keep other RNG states and data shards: another run
        key["processes"] = batches.processes
    claim_checkpoints_once(trainer, checkpoint_dir, key)
    resumed = run_training(trainer, checkpoint_dir)
    eval_loss = trainer.evaluate()["eval_loss"] if trainer.eval_dataset is not None else None
    run = {
        "dataset": dataset,
        "base_model": student["model"],
        "base_revision": revision,
        "versions": {package: version(package) for package in PACKAGES},
        "finstep": code_origin(),  # which checkout's code trained it: version and folder
        "seed": settings.seed,
        "dataset_sha256": digests,
        "precision": precision.name,
        "device": str(precision.device),
        "steps": trainer.state.global_step,
        "resumed_from": Path(resumed).name if resumed else None,
        "multitask_alpha": alpha,
        "truncation": truncation.as_dict(),
        "train_loss": mean_train_loss(trainer.state.log_history),  # the whole run, resumed or not
        "eval_loss": eval_loss,
        "eval_rows": len(trainer.eval_dataset) if trainer.eval_dataset is not None else 0,
        "train_tokens": trainer.state.num_input_tokens_seen,  # non-padding, whole run
        "train_seconds": train_seconds(trainer.state.log_history),  # the whole run, resumed or not
        "peak_memory": peak_memory(precision),
        "wall_seconds": round(time.perf_counter() - started, 1),
        "hyperparameters": hyperparameters(student, settings, alpha),  # the recipe's batches
        # N ranks: each one's batch and accumulation, recomputed so that the effective batch is the recipe's
        "data_parallel": batches.as_dict() if batches is not None else None,
        "split_sizes": splits.info.get("sizes", {}),
    }
    write_outputs(trainer, out_dir, run)
    loss = "not logged" if run["train_loss"] is None else f"{run['train_loss']:.4f}"
    log.info("%s: %d steps, train loss %s, adapter in %s", dataset, run["steps"], loss, out_dir)
