"""Loading a student: its tokenizer and base model (through ``finstep.models``) and its LoRA configuration."""

from __future__ import annotations

from peft import LoraConfig
from transformers import PreTrainedModel

from ..config_schema import defaults
from ..models.loading import load_causal_lm, load_tokenizer, revision
from .precision import Precision

# The attention and MLP projections of Llama-style blocks: QLoRA adapts every linear layer.
DEFAULT_TARGETS = tuple(defaults("students", "*", "lora")["target_modules"])

__all__ = ["DEFAULT_TARGETS", "base_revision", "load_base_model", "load_tokenizer", "lora_config"]


def base_revision(student: dict) -> str:
    """The pinned revision, or for a local folder a digest of its weights: which base an adapter belongs to."""
    return revision(student)


def load_base_model(student: dict, precision: Precision) -> PreTrainedModel:
    """The base model on its device: in the compute type, or 4-bit NF4 computing in it (CPU included).

    The compute type is the one mixed precision uses (fp32 on a CPU, fp16 on a T4,
    bf16 on Ampere and newer), so that bf16 training does not run fp16 matmuls.
    """
    return load_causal_lm(student, precision.device, precision.dtype)


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
