"""Numeric precision, optimizer and memory savers, chosen from the device the training runs on."""

from __future__ import annotations

import ctypes
import os
import sys
from dataclasses import dataclass

import torch

from ..models.loading import resolve_device, resolve_dtype

_NAMES = {torch.float32: "fp32", torch.float16: "fp16", torch.bfloat16: "bf16"}


@dataclass(frozen=True)
class Precision:
    """Where the student runs and in which floating-point type it computes."""

    device: torch.device
    dtype: torch.dtype

    @property
    def name(self) -> str:
        return _NAMES[self.dtype]

    @property
    def on_gpu(self) -> bool:
        return self.device.type == "cuda"

    def trainer_args(self) -> dict:
        """``SFTConfig`` fields that follow from the device.

        On a GPU, mixed precision and bitsandbytes' paged 8-bit AdamW keep a 7B
        student in one card's memory; on a CPU neither exists, so training is plain
        fp32 with torch's AdamW. Gradient checkpointing is a ``training`` option:
        it pays on a CPU too (BENCHMARKS.md).
        """
        return {
            "bf16": self.dtype == torch.bfloat16,
            "fp16": self.dtype == torch.float16,
            "optim": "paged_adamw_8bit" if self.on_gpu else "adamw_torch",
            "dataloader_pin_memory": self.on_gpu,
        }


def device_precision() -> Precision:
    """bf16 on GPUs of compute capability 8.0+, fp16 on older ones (a T4), fp32 on CPU; a rank's own GPU.

    The teacher's rule (``resolve_dtype``): the capability decides, because
    ``torch.cuda.is_bf16_supported()`` says True on a T4, where bf16 is emulated.
    """
    device = resolve_device("auto")
    if device.type == "cuda" and "LOCAL_RANK" in os.environ:
        # One rank of a data-parallel run (``distributed``): its own GPU, for the model and for NCCL.
        device = torch.device("cuda", int(os.environ["LOCAL_RANK"]))
        torch.cuda.set_device(device)
    return Precision(device, resolve_dtype("auto", device))


def keep_trainable_fp32(model: torch.nn.Module) -> int:
    """Cast every trainable parameter back to fp32; returns how many were cast.

    TRL 1.16 casts the LoRA weights of a quantized model to bf16 in
    ``SFTTrainer.__init__`` (trl/trainer/sft_trainer.py, lines 908-911: ``if
    _is_quantized_model: ... param.data = param.data.to(torch.bfloat16)``). Mixed
    precision expects fp32 master weights: under fp16 the GradScaler then works
    on non-fp32 gradients, and in either mode optimizer updates smaller than
    bf16's resolution are lost. Autocast still computes in the half type. Call it
    after building the trainer and before ``train()``, which builds the optimizer.
    """
    cast = 0
    for param in model.parameters():
        if param.requires_grad and param.dtype != torch.float32:
            param.data = param.data.float()
            cast += 1
    return cast


# glibc's mallopt parameter number for the mmap threshold (malloc.h).
_M_MMAP_THRESHOLD = -3
# Blocks from 1 MiB up: a training step's activations, logits tiles and gradients, not Python's small objects.
MMAP_THRESHOLD = 1 << 20


def return_freed_memory(threshold: int = MMAP_THRESHOLD) -> bool:
    """Have glibc's malloc take blocks of ``threshold`` bytes and more from the OS and give them back when freed.

    glibc serves large blocks by ``mmap`` and unmaps them on ``free``, but each
    such free raises its threshold (up to 32 MiB), so after the first training
    step the activation tensors, a few MiB each, come from the heap, where freed
    blocks stay resident and fragment: the process keeps the high-water mark of
    every step's shapes. Fixing the threshold (which ends the raising) measured
    as the largest single saving of the CPU student's peak RSS at no cost in time
    (BENCHMARKS.md). Call it before the model loads; a no-op (False) where the C
    library is not glibc (macOS, Windows, musl), whose allocators differ.
    """
    if not sys.platform.startswith("linux"):
        return False
    try:
        libc = ctypes.CDLL("libc.so.6")
        return bool(libc.mallopt(_M_MMAP_THRESHOLD, threshold))
    except (OSError, AttributeError):  # not glibc
        return False
