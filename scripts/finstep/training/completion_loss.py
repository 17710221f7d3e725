"""The causal LM loss scored at completion positions only, in vocabulary chunks: training's memory on a CPU.

TRL 1.16's fused LM head (``add_fused_lm_head``) never builds the full
``[batch, seq, vocab]`` logits, but where Triton does not run (a CPU) it scores
every position of the batch, prompt and padding included, and also computes
each position's entropy and top-1 hit for its ``entropy`` and
``mean_token_accuracy`` metrics, which this project does not log. Here the
decoder's hidden states are kept only where the next-token label counts
(``labels != -100``) and projected through the LM head by TRL's own chunked
kernel (``trl.kernels.ChunkedLogProbFunction``), which recomputes each
vocabulary tile in the backward pass instead of saving it. The log-probabilities
are the same as the full logits' (``log_softmax`` over the whole vocabulary)
to float rounding; what is not computed is the prompt's and the metrics'.
"""

from __future__ import annotations

from dataclasses import dataclass

import torch
from peft import PeftModel
from transformers import PreTrainedModel
from transformers.trainer_pt_utils import LengthGroupedSampler
from transformers.utils import ModelOutput
from trl import SFTTrainer
from trl.kernels import ChunkedLogProbFunction

# Vocabulary columns per projection tile: [completion tokens, 8192] fp32 is 32 MiB per 1,000 tokens, and a CPU
# tile holds a handful of temporaries of that size (TRL's default, 32,768, would hold four times as much).
VOCAB_CHUNK = 8192
# Config fields that rescale or cap the logits (Gemma 2, Cohere, Granite, ...): the kernel call below does
# neither, so such a model keeps TRL's fused head, which reads them.
_LOGIT_TRANSFORMS = (
    "final_logit_softcapping",
    "logit_scale",
    "output_multiplier",
    "lm_head_multiplier",
    "logits_scaling",
)


@dataclass
class CompletionOutput(ModelOutput):
    """Per-token log-probabilities of the next-token labels (zero where the label is -100) and their mask."""

    loss: torch.Tensor | None = None
    log_probs: torch.Tensor | None = None
    label_mask: torch.Tensor | None = None


def _causal_lm(model: torch.nn.Module) -> PreTrainedModel:
    return model.get_base_model() if isinstance(model, PeftModel) else model


def plain_lm_head(model: torch.nn.Module) -> bool:
    """Whether the logits are the LM head's projection as is (no scale, cap or bias), as the kernel call assumes."""
    config = _causal_lm(model).config.get_text_config()
    return all(getattr(config, name, None) is None for name in _LOGIT_TRANSFORMS)


def completion_log_probs(model: torch.nn.Module, inputs: dict) -> tuple[torch.Tensor, torch.Tensor]:
    """Log-probability of each next-token label, shape ``(batch, seq - 1)``, and the mask of those that count.

    ``inputs`` is a collated batch with ``labels``; the rest goes to the decoder
    (LoRA's layers sit inside it, so a PEFT model's adapters take part).
    """
    # A data-parallel rank's model is wrapped (DDP, FSDP): its gradients are synchronised only for a forward
    # through the wrapper, so the decoder cannot be called on its own below; TRL's head goes through it.
    wrapped = not isinstance(model, (PeftModel, PreTrainedModel))
    if wrapped or not plain_lm_head(model):
        # TRL's head: every position (on a GPU its Triton kernel, no full logits), any logit transform
        outputs = model(**inputs, use_cache=False, fused_lm_head=True)
        return outputs.log_probs, outputs.label_mask
    causal_lm = _causal_lm(model)
    labels = inputs["labels"][:, 1:]
    decoder_inputs = {key: value for key, value in inputs.items() if key != "labels"}
    hidden = causal_lm.base_model(**decoder_inputs, use_cache=False).last_hidden_state[:, :-1]
    mask = labels != -100
    head = causal_lm.get_output_embeddings()
    picked = ChunkedLogProbFunction.apply(
        hidden[mask], head.weight, head.bias, labels[mask], 1.0, VOCAB_CHUNK, None, 1.0, ("log_probs",)
    )[0]
    # masked_scatter keeps a batch without completion tokens connected to the graph: its loss is a zero with a grad.
    return picked.new_zeros(mask.shape).masked_scatter(mask, picked), mask


class CompletionSFTTrainer(SFTTrainer):
    """``SFTTrainer`` whose loss is scored at the completion positions only (``completion_log_probs``).

    The loss is TRL's: the completion tokens' summed NLL divided by the optimizer
    step's token count (``num_items_in_batch``), else the batch's. TRL's
    ``entropy`` and ``mean_token_accuracy`` metrics are not computed.
    """

    def _get_train_sampler(self, train_dataset: object = None) -> torch.utils.data.Sampler | None:
        """Length groups of a whole optimizer step's rows, every rank's, as one process would draw them.

        Transformers sizes the groups by one rank's rows per step: N ranks would group
        (and so order) the rows otherwise than the one-GPU recipe does once the groups'
        cap (50 batches) is reached.
        """
        sampler = super()._get_train_sampler(train_dataset)
        if isinstance(sampler, LengthGroupedSampler) and self.accelerator.num_processes > 1:
            step_rows = self.args.train_batch_size * self.args.gradient_accumulation_steps
            sampler = LengthGroupedSampler(
                step_rows * self.accelerator.num_processes, lengths=sampler.lengths
            )
        return sampler

    def compute_loss(
        self,
        model: torch.nn.Module,
        inputs: dict,
        return_outputs: bool = False,
        num_items_in_batch: torch.Tensor | int | None = None,
    ) -> torch.Tensor | tuple[torch.Tensor, CompletionOutput]:
        log_probs, mask = completion_log_probs(model, inputs)
        count = mask.sum() if num_items_in_batch is None else num_items_in_batch
        loss = -log_probs.sum() / torch.as_tensor(count, device=log_probs.device).clamp(min=1)
        if self.args.average_tokens_across_devices and num_items_in_batch is not None:
            loss = loss * self.accelerator.num_processes  # as TRL: DDP averages the gradients across ranks
        outputs = CompletionOutput(loss=loss, log_probs=log_probs, label_mask=mask)
        return (loss, outputs) if return_outputs else loss
