"""Loading a student: its tokenizer, its base model (optionally 4-bit) and its LoRA configuration.

The helpers are the transformers teacher's (``finstep.teacher.plugins.hf``), so
a model folder or a pinned Hub revision loads the same way in both stages.
"""

from __future__ import annotations

from peft import LoraConfig
from transformers import AutoModelForCausalLM, AutoTokenizer, PreTrainedModel, PreTrainedTokenizerBase

from ..errors import FinstepError
from ..teacher.plugins.hf import is_local, quantization_config, weights_digest
from .precision import Precision

# The attention and MLP projections of Llama-style blocks: QLoRA adapts every linear layer.
DEFAULT_TARGETS = ("q_proj", "k_proj", "v_proj", "o_proj", "gate_proj", "up_proj", "down_proj")


def hub_kwargs(student: dict) -> dict:
    """Where to load from: a local folder as is, a Hub id only at a pinned revision."""
    kwargs = {"trust_remote_code": bool(student.get("trust_remote_code", False))}
    if not is_local(student["model"]):
        if not student.get("revision"):
            raise FinstepError(
                f"student {student['model']!r} is not a local folder; a Hub model needs a pinned revision"
            )
        kwargs["revision"] = str(student["revision"])
    return kwargs


def base_revision(student: dict) -> str:
    """The pinned revision, or for a local folder a digest of its weights: which base an adapter belongs to."""
    return str(student["revision"]) if student.get("revision") else weights_digest(student["model"])


def load_tokenizer(student: dict) -> PreTrainedTokenizerBase:
    tokenizer = AutoTokenizer.from_pretrained(student["model"], **hub_kwargs(student))
    if tokenizer.pad_token is None:
        tokenizer.pad_token = tokenizer.eos_token
    return tokenizer


def model_kwargs(student: dict, precision: Precision) -> dict:
    """``from_pretrained`` arguments: weights in the compute type, or 4-bit NF4 placed on the GPU.

    The teacher's 4-bit recipe computes in fp16; a student computes in the type
    its mixed precision uses, so that bf16 training does not run fp16 matmuls.
    """
    kwargs = {**hub_kwargs(student), "use_safetensors": True, "dtype": precision.dtype}
    quantization = quantization_config(student)
    if quantization is not None:
        if not precision.on_gpu:
            raise FinstepError("student load_in_4bit needs a CUDA GPU (bitsandbytes); set it to false on CPU")
        quantization.bnb_4bit_compute_dtype = precision.dtype
        kwargs.update(quantization_config=quantization, device_map={"": precision.device})
    return kwargs


def load_base_model(student: dict, precision: Precision) -> PreTrainedModel:
    """The base model on its device; 4-bit models are placed by ``device_map`` while loading."""
    model = AutoModelForCausalLM.from_pretrained(student["model"], **model_kwargs(student, precision))
    if quantization_config(student) is None:
        model.to(precision.device)
    return model


def lora_config(student: dict) -> LoraConfig:
    lora = student.get("lora") or {}
    return LoraConfig(
        r=int(lora.get("r", 16)),
        lora_alpha=int(lora.get("alpha", 16)),
        lora_dropout=float(lora.get("dropout", 0.05)),
        target_modules=list(lora.get("target_modules", DEFAULT_TARGETS)),
        bias="none",
        task_type="CAUSAL_LM",
    )
