"""The training log: loss, learning rate, gradient norm and throughput at every logging step.

Rows live in the trainer state's ``log_history``, which every checkpoint
saves: a job killed and resumed from its last checkpoint ends with one row per
logging step of the whole run, none lost before the checkpoint and none twice.
"""

from __future__ import annotations

import csv
import time

from transformers import TrainerCallback, TrainerControl, TrainerState, TrainingArguments

from ..io import atomic_open

COLUMNS = ("step", "loss", "learning_rate", "grad_norm", "tokens_per_second")


class TokensPerSecond(TrainerCallback):
    """Adds ``tokens_per_second`` (non-padding tokens since the last log) to each training log row.

    Trainer's own ``train_tokens_per_second`` averages since ``train()`` began;
    this is the rate of each logging interval.
    """

    def __init__(self) -> None:
        self._mark = (time.perf_counter(), 0)

    def on_train_begin(
        self, args: TrainingArguments, state: TrainerState, control: TrainerControl, **kwargs: object
    ) -> None:
        self._mark = (time.perf_counter(), state.num_input_tokens_seen)

    def on_log(
        self,
        args: TrainingArguments,
        state: TrainerState,
        control: TrainerControl,
        logs: dict | None = None,
        **kwargs: object,
    ) -> None:
        if not logs or "loss" not in logs:  # evaluation and end-of-training summaries
            return
        now, tokens = time.perf_counter(), state.num_input_tokens_seen
        since, tokens_then = self._mark
        # Trainer.log appends the row to log_history just before calling on_log.
        state.log_history[-1]["tokens_per_second"] = round((tokens - tokens_then) / max(now - since, 1e-9), 1)
        self._mark = (now, tokens)


def write_train_log(log_history: list[dict], path: str) -> int:
    """``train_log.csv`` from the trainer's log history; returns the number of rows."""
    rows = [entry for entry in log_history if "loss" in entry]
    with atomic_open(path) as handle:
        writer = csv.DictWriter(handle, fieldnames=COLUMNS, extrasaction="ignore", lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    return len(rows)
