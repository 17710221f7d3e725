"""Loading a student: its tokenizer and base model (through ``finstep.models``) and its LoRA configuration."""

from __future__ import annotations

import torch
from peft import LoraConfig
from transformers import PreTrainedModel

from ..config_schema import defaults
from ..models.loading import (
    check_folder,
    hub_kwargs,
    load_causal_lm,
    load_tokenizer,
    quantization_config,
    require_bitsandbytes,
    revision,
)
from ..models.refs import ref_of
from .distributed import fsdp_enabled
from .precision import Precision

# The attention and MLP projections of Llama-style blocks: QLoRA adapts every linear layer.
DEFAULT_TARGETS = tuple(defaults("students", "*", "lora")["target_modules"])

__all__ = [
    "DEFAULT_TARGETS",
    "base_revision",
    "fsdp_load_kwargs",
    "fsdp_storage_dtype",
    "load_base_model",
    "load_tokenizer",
    "lora_config",
]


def base_revision(student: dict) -> str:
    """The pinned revision, or for a local folder a digest of its weights: which base an adapter belongs to."""
    return revision(student)


def load_base_model(student: dict, precision: Precision) -> PreTrainedModel:
    """The base model on its device: in the compute type, or 4-bit NF4 computing in it (CPU included).

    The compute type is the one mixed precision uses (fp32 on a CPU, fp16 on a T4,
    bf16 on Ampere and newer), so that bf16 training does not run fp16 matmuls.
    A rank of an FSDP run loads as FSDP shards it (``fsdp_load_kwargs``).
    """
    if fsdp_enabled():
        from transformers import AutoModelForCausalLM

        ref = ref_of(student)
        check_folder(ref)
        if student.get("load_in_4bit"):
            require_bitsandbytes(ref.path)
        return AutoModelForCausalLM.from_pretrained(ref.path, **fsdp_load_kwargs(student, precision))
    return load_causal_lm(student, precision.device, precision.dtype)


def fsdp_storage_dtype(compute: torch.dtype) -> torch.dtype:
    """The float type FSDP shards the base in, and stores the 4-bit weights in (``bnb_4bit_quant_storage``).

    FSDP flattens a wrapped module's parameters into one tensor of one type, so the
    packed 4-bit weights must be stored in the type of the rest of the model. PEFT's
    FSDP-QLoRA guide: bf16 under bf16, float32 under fp16 for stable mixed precision
    (a T4), and float32 on a CPU, which computes in it.
    """
    return torch.bfloat16 if compute == torch.bfloat16 else torch.float32


def fsdp_load_kwargs(student: dict, precision: Precision) -> dict:
    """``from_pretrained`` arguments of one FSDP rank: the model in the storage type, the 4-bit weights stored
    in it too, and no ``device_map``: FSDP loads the weights on rank 0 and places every shard itself."""
    storage = fsdp_storage_dtype(precision.dtype)
    kwargs = {**hub_kwargs(student), "use_safetensors": True, "dtype": storage}
    quantization = quantization_config(student, precision.dtype)
    if quantization is not None:
        quantization.bnb_4bit_quant_storage = storage
        kwargs["quantization_config"] = quantization
    return kwargs


def lora_config(student: dict) -> LoraConfig:
    lora = {**defaults("students", "*", "lora"), **(student.get("lora") or {})}
    return LoraConfig(
        r=int(lora["r"]),
        lora_alpha=int(lora["alpha"]),
        lora_dropout=float(lora["dropout"]),
        target_modules=list(lora["target_modules"]),
        bias="none",
        task_type="CAUSAL_LM",
    )
