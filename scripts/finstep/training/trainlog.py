"""The training log: loss, learning rate, gradient norm and throughput at every logging step.

Rows live in the trainer state's ``log_history``, which every checkpoint
saves: a job killed and resumed from its last checkpoint ends with one row per
logging step of the whole run, none lost before the checkpoint and none twice.
"""

from __future__ import annotations

import csv
from time import perf_counter

from transformers import TrainerCallback, TrainerControl, TrainerState, TrainingArguments

from ..io import atomic_open

COLUMNS = ("step", "loss", "learning_rate", "grad_norm", "tokens_per_second", "elapsed_seconds")


class TimingColumns(TrainerCallback):
    """Adds the timing columns, ``tokens_per_second`` and ``elapsed_seconds``, to each training log row.

    ``tokens_per_second`` counts non-padding tokens since the last log: Trainer's
    own ``train_tokens_per_second`` averages since ``train()`` began. ``elapsed_seconds``
    is training time since step 0 across resumes: Trainer's ``train_runtime``
    restarts at every ``train()`` call, while the log history (and so the last
    row's figure) comes back from the checkpoint. After a resume, the time of the
    steps between the checkpoint's last logged row and the checkpoint itself is
    missing (none when ``save_steps`` is a multiple of ``logging_steps``).
    """

    def __init__(self) -> None:
        self._mark = (0.0, 0)  # (clock, tokens seen) at the last log; set when training begins
        self._began, self._before = 0.0, 0.0  # clock when this session began, seconds logged before it

    def on_train_begin(
        self, args: TrainingArguments, state: TrainerState, control: TrainerControl, **kwargs: object
    ) -> None:
        now = perf_counter()
        self._mark = (now, state.num_input_tokens_seen)
        self._began, self._before = now, train_seconds(state.log_history) or 0.0

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
        now, tokens = perf_counter(), state.num_input_tokens_seen
        since, tokens_then = self._mark
        # Trainer.log appends the row to log_history just before calling on_log.
        state.log_history[-1]["tokens_per_second"] = round((tokens - tokens_then) / max(now - since, 1e-9), 1)
        state.log_history[-1]["elapsed_seconds"] = round(self._before + now - self._began, 3)
        self._mark = (now, tokens)


class LogLastStep(TrainerCallback):
    """Logs the final optimizer step whatever ``logging_steps`` is.

    Without it a run of 18 steps logged every 10 ends its curve at step 10, and
    the run's mean loss from the log would leave out the last 8 steps.
    """

    def on_step_end(
        self, args: TrainingArguments, state: TrainerState, control: TrainerControl, **kwargs: object
    ) -> TrainerControl:
        if state.global_step >= state.max_steps:
            control.should_log = True
        return control


def mean_train_loss(log_history: list[dict]) -> float | None:
    """The whole run's mean training loss, from the logged rows, each weighted by the steps it covers.

    Trainer's own ``training_loss`` covers only the steps of the last ``train()``
    call, so after a resume it is the loss of the steps since the checkpoint;
    the log history, restored from the checkpoint, covers them all.
    """
    rows = [(int(entry["step"]), float(entry["loss"])) for entry in log_history if "loss" in entry]
    total, previous = 0.0, 0
    for step, loss in rows:
        total += loss * (step - previous)
        previous = step
    return total / previous if previous else None


def train_seconds(log_history: list[dict]) -> float | None:
    """Training time of the whole run, resumed or not: the last logged row's ``elapsed_seconds``."""
    logged = [entry["elapsed_seconds"] for entry in log_history if "elapsed_seconds" in entry]
    return logged[-1] if logged else None


def write_train_log(
    log_history: list[dict],
    path: str,
    columns: tuple[str, ...] = COLUMNS,
    names: dict[str, str] | None = None,
) -> int:
    """``train_log.csv`` from the trainer's log history; returns the number of rows.

    ``names`` renames logged keys into ``columns`` (DPO's ``rewards/margins`` as ``reward_margin``).
    """
    rows = [
        {(names or {}).get(key, key): value for key, value in entry.items()}
        for entry in log_history
        if "loss" in entry
    ]
    with atomic_open(path) as handle:
        writer = csv.DictWriter(handle, fieldnames=columns, extrasaction="ignore", lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    return len(rows)
