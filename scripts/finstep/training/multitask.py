"""Distilling step-by-step's loss: alpha * summary loss + (1 - alpha) * rationale loss.

TRL averages the loss over every completion token of a batch, so the long
rationales would outweigh the short summaries whatever alpha says. Here each
task's loss is averaged over its own completion tokens, then the two are
weighted. With gradient accumulation the averages run over the whole optimizer
step (the token counts of all its micro-batches), so the step's loss is the
same as with one large batch. A step holding one task only (length grouping
tends to batch rows of one task together) contributes that task's weighted
term alone; over an epoch every task gets its share. Single-process training
is assumed: the counts are not gathered across ranks.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass

import torch
import torch.nn.functional as F

from .completion_loss import CompletionOutput, CompletionSFTTrainer, completion_log_probs

TASKS = ("summary", "rationale")  # a row's task_id is its index here


def token_losses(logits: torch.Tensor, labels: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor]:
    """Per-token next-token NLL and the mask of positions that count, shifted as causal LM losses are.

    Shapes ``(batch, seq - 1)``; the NLL is zero where the label is -100.
    """
    targets = labels[:, 1:]
    nll = F.cross_entropy(
        logits[:, :-1].float().transpose(1, 2), targets, ignore_index=-100, reduction="none"
    )
    return nll, targets != -100


def task_token_counts(labels: torch.Tensor, task_ids: torch.Tensor) -> torch.Tensor:
    """Completion tokens per task (index = task id) that the loss averages over."""
    per_row = (labels[:, 1:] != -100).sum(dim=1)
    return torch.zeros(len(TASKS), dtype=per_row.dtype, device=per_row.device).index_add_(
        0, task_ids.to(per_row.device), per_row
    )


def weighted_task_loss(
    token_loss: torch.Tensor,
    mask: torch.Tensor,
    task_ids: torch.Tensor,
    alpha: float,
    counts: torch.Tensor | None = None,
) -> torch.Tensor:
    """Each task's token losses summed and divided by its token count, then alpha-weighted.

    ``counts`` are the tokens per task of the whole optimizer step; by default
    those of this batch. A task with no tokens contributes zero.
    """
    per_row = (token_loss * mask).sum(dim=1)
    sums = per_row.new_zeros(len(TASKS)).index_add(0, task_ids, per_row)
    if counts is None:
        counts = per_row.new_zeros(len(TASKS)).index_add(0, task_ids, mask.sum(dim=1).to(per_row.dtype))
    weights = per_row.new_tensor([alpha, 1.0 - alpha])
    return (weights * sums / counts.to(per_row.dtype).clamp(min=1)).sum()


def multitask_loss(
    logits: torch.Tensor, labels: torch.Tensor, task_ids: torch.Tensor, alpha: float
) -> torch.Tensor:
    """alpha * (mean summary token loss) + (1 - alpha) * (mean rationale token loss) of one batch."""
    token_loss, mask = token_losses(logits, labels)
    return weighted_task_loss(token_loss, mask, task_ids, alpha)


@dataclass
class TaskIdCollator:
    """Wraps TRL's collator: its batches gain ``task_ids``, a column the default collator drops."""

    base: Callable[[list[dict]], dict]

    def __call__(self, examples: list[dict]) -> dict:
        batch = self.base(examples)
        batch["task_ids"] = torch.tensor([example["task_id"] for example in examples])
        return batch


class MultitaskSFTTrainer(CompletionSFTTrainer):
    """``SFTTrainer`` whose loss weights the summary and rationale tasks by alpha.

    The per-token log-probabilities come from the completion positions alone
    (``completion_log_probs``), as the single-task trainer's do, without the full
    logits; ``compute_loss_func`` would cost an extra forward pass per step.
    """

    # compute_loss divides by the step's token counts, so training_step must not divide again.
    loss_is_scaled_for_ga = True

    def __init__(self, *args: object, alpha: float, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        self.alpha = alpha
        self.data_collator = TaskIdCollator(self.data_collator)
        self._step_task_tokens: torch.Tensor | None = None

    def _set_signature_columns_if_needed(self) -> None:
        # Columns outside the signature are removed before collation; task_id must reach the collator.
        super()._set_signature_columns_if_needed()
        if "task_id" not in self._signature_columns:
            self._signature_columns = [*self._signature_columns, "task_id"]

    def get_batch_samples(
        self, epoch_iterator: Iterator, num_batches: int, device: torch.device
    ) -> tuple[list, torch.Tensor | int | None]:
        """The micro-batches of one optimizer step; also counts their completion tokens per task."""
        batches, num_items = super().get_batch_samples(epoch_iterator, num_batches, device)
        counts = torch.zeros(len(TASKS), dtype=torch.long)
        for batch in batches:
            counts += task_token_counts(batch["labels"], batch["task_ids"]).cpu()
        counts = counts.to(device)
        if self.accelerator.num_processes > 1:
            # The whole step's counts, every rank's rows: each rank's loss is then its share of the one
            # weighted loss, and the sum of the shares (DDP averages, hence compute_loss's factor) is that loss.
            counts = self.accelerator.reduce(counts, reduction="sum")
        self._step_task_tokens = counts
        return batches, num_items

    def compute_loss(
        self,
        model: torch.nn.Module,
        inputs: dict,
        return_outputs: bool = False,
        num_items_in_batch: torch.Tensor | int | None = None,
    ) -> torch.Tensor | tuple[torch.Tensor, CompletionOutput]:
        task_ids = inputs.pop("task_ids")
        log_probs, mask = completion_log_probs(model, inputs)
        counts = self._step_task_tokens if model.training else None  # evaluation: per batch
        loss = weighted_task_loss(-log_probs, mask, task_ids, self.alpha, counts)
        if counts is not None and self.accelerator.num_processes > 1:
            loss = loss * self.accelerator.num_processes  # DDP averages the ranks' gradients
        outputs = CompletionOutput(loss=loss, log_probs=log_probs, label_mask=mask)
        return (loss, outputs) if return_outputs else loss
