"""Loading a resolved model for any stage: device, dtype, optional 4-bit NF4, tokenizer, CPU threads.

The teacher plugin, training and prediction all load through here, so a model
that a teacher can read a student can too, with the same safety settings:
safetensors only, no remote code unless a config asks for it, a Hub model only
at its pinned revision (read offline from the prefetched cache).
"""

from __future__ import annotations

import hashlib
import logging
import os
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import TYPE_CHECKING

import torch
from packaging.version import Version

from ..errors import FinstepError
from .refs import ModelRef, check_model_folder, ref_of

if TYPE_CHECKING:
    from transformers import BitsAndBytesConfig, PreTrainedModel, PreTrainedTokenizerBase

log = logging.getLogger("finstep.models")

DTYPES = {"float16": torch.float16, "bfloat16": torch.bfloat16, "float32": torch.float32}
# The first release whose NF4 layers run forward and backward on a CPU (measured: BENCHMARKS.md).
BITSANDBYTES_MIN = Version("0.50")


def resolve_device(name: str) -> torch.device:
    if name == "auto":
        return torch.device("cuda" if torch.cuda.is_available() else "cpu")
    return torch.device(name)


def resolve_dtype(name: str, device: torch.device) -> torch.dtype:
    """``auto``: bf16 on GPUs that compute in it (compute capability 8.0+), fp16 on older ones, fp32 on CPU.

    ``torch.cuda.is_bf16_supported()`` says True on a T4 (7.5), where bf16 is
    emulated and slow, so the capability decides.
    """
    if name != "auto":
        if name not in DTYPES:
            raise FinstepError(f"dtype {name!r} is not one of auto, {', '.join(DTYPES)}")
        return DTYPES[name]
    if device.type != "cuda":
        return torch.float32
    major, _ = torch.cuda.get_device_capability(device)
    return torch.bfloat16 if major >= 8 else torch.float16


def set_threads(threads: int | None) -> None:
    """Use the cores Snakemake gave the job (its ``threads``), never more than this machine has.

    ``--cores 4`` on a 2-core laptop gives a job 4 threads; torch running 4 busy
    threads on 2 cores is slower than 2, so the count is capped by the CPUs the
    process may use.
    """
    if threads:
        torch.set_num_threads(max(1, min(int(threads), len(os.sched_getaffinity(0)))))
        log.info("torch uses %d CPU threads (the job was given %s)", torch.get_num_threads(), threads)


def require_bitsandbytes(model: str) -> None:
    """Stop before loading when 4-bit is asked for and bitsandbytes cannot do it here."""
    try:
        installed = Version(version("bitsandbytes"))
    except PackageNotFoundError:
        installed = None
    if installed is None or installed < BITSANDBYTES_MIN:
        found = f"bitsandbytes {installed}" if installed else "no bitsandbytes"
        raise FinstepError(
            f"{model}: load_in_4bit needs bitsandbytes>={BITSANDBYTES_MIN} (NF4 on CPU and GPU), found {found}; "
            f"`pip install 'bitsandbytes>={BITSANDBYTES_MIN}'` or set load_in_4bit: false"
        )


def quantization_config(
    options: dict, compute_dtype: torch.dtype = torch.float16
) -> BitsAndBytesConfig | None:
    """4-bit NF4 with double quantization (QLoRA's recipe) computing in ``compute_dtype``, or None.

    The compute type follows the device: fp32 on a CPU (bitsandbytes' CPU
    kernels), fp16 on a T4, bf16 on Ampere and newer.
    """
    if not options.get("load_in_4bit"):
        return None
    from transformers import BitsAndBytesConfig

    return BitsAndBytesConfig(
        load_in_4bit=True,
        bnb_4bit_quant_type="nf4",
        bnb_4bit_use_double_quant=True,
        bnb_4bit_compute_dtype=compute_dtype,
    )


def weights_digest(model_dir: str | Path) -> str:
    """sha256 (12 hex) of config.json and the safetensors files: which weights produced an output."""
    digest = hashlib.sha256()
    folder = Path(model_dir)
    for path in [folder / "config.json", *sorted(folder.glob("*.safetensors"))]:
        with open(path, "rb") as handle:
            for block in iter(lambda h=handle: h.read(1 << 20), b""):
                digest.update(block)
    return digest.hexdigest()[:12]


def revision(options: dict) -> str:
    """The pinned revision (a Hub commit, or a label the config gives a folder), else a digest of the weights.

    It says which weights an output came from: a folder rebuilt in place keeps its
    path, so the path alone cannot.
    """
    if options.get("revision"):
        return str(options["revision"])
    ref = ref_of(options)
    check_folder(ref)  # a clear error, not a traceback from the digest's open()
    return weights_digest(ref.path)


def check_folder(ref: ModelRef) -> None:
    """A folder must exist and hold safetensors weights and a config: this workflow loads no pickles."""
    if ref.kind != "hub":
        check_model_folder(ref.path)


def hub_kwargs(options: dict) -> dict:
    """Where and how to load from: a folder as is, a Hub id at its pinned revision; no remote code by default."""
    ref = ref_of(options)
    kwargs = {"trust_remote_code": bool(options.get("trust_remote_code", False))}
    if ref.kind == "hub":
        kwargs["revision"] = str(ref.revision)
    return kwargs


def load_tokenizer(options: dict, padding_side: str | None = None) -> PreTrainedTokenizerBase:
    from transformers import AutoTokenizer

    tokenizer = AutoTokenizer.from_pretrained(options["model"], **hub_kwargs(options))
    if tokenizer.pad_token is None:
        tokenizer.pad_token = tokenizer.eos_token
    if padding_side:
        tokenizer.padding_side = padding_side
    return tokenizer


def load_causal_lm(options: dict, device: torch.device, dtype: torch.dtype) -> PreTrainedModel:
    """The model on ``device`` in ``dtype``, or in 4-bit NF4 computing in ``dtype`` when it asks for it."""
    from transformers import AutoModelForCausalLM

    ref = ref_of(options)
    check_folder(ref)
    kwargs = {**hub_kwargs(options), "use_safetensors": True, "dtype": dtype}
    quantization = quantization_config(options, dtype)
    if quantization is not None:
        require_bitsandbytes(ref.path)
        kwargs.update(quantization_config=quantization, device_map={"": device})
    model = AutoModelForCausalLM.from_pretrained(ref.path, **kwargs)
    if quantization is None:
        model.to(device)
    return model


def stop_token_ids(model: PreTrainedModel, tokenizer: PreTrainedTokenizerBase) -> list[int]:
    """EOS ids of the generation config (chat models list several) and of the tokenizer."""
    configured = model.generation_config.eos_token_id
    ids = configured if isinstance(configured, list) else [configured]
    stop = sorted({int(i) for i in [*ids, tokenizer.eos_token_id] if i is not None})
    if not stop:
        raise FinstepError(
            "the model names no EOS token, so its answers could not end; set eos_token_id in its generation config"
        )
    return stop
