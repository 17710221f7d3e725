"""The vLLM command that serves a pair on a GPU: the adapter attached (no merge), base and tuned by name.

``vllm serve BASE --enable-lora --lora-modules NAME=PATH --max-lora-rank R``:
one server answers the base under the student's name and the adapter under
``<student>/<dataset>``. A 4-bit student is quantized on loading with
bitsandbytes, as training and ``predict`` load it. vLLM's kernels are not
transformers', so its greedy answers may differ from ``predict``'s in places;
the transformers engine is the one checked to answer as ``predict`` does.
"""

from __future__ import annotations

import os
from pathlib import Path

from ..models.refs import ref_of
from .pair import ServedPair

# vLLM accepts these LoRA ranks (--max-lora-rank); the adapter's must not exceed it.
SMALLEST_LORA_RANK = 8


def max_lora_rank(rank: int) -> int:
    """The smallest of 8, 16, 32, 64, ... at least ``rank``: vLLM sizes its LoRA buffers by it."""
    allowed = SMALLEST_LORA_RANK
    while allowed < rank:
        allowed *= 2
    return allowed


def vllm_command(pair: ServedPair, host: str, port: int) -> list[str]:
    """The ``vllm serve`` argument list for ``pair`` (run from the project folder)."""
    student = pair.student
    ref = ref_of(student)
    command = [
        "vllm",
        "serve",
        student["model"],
        "--served-model-name",
        pair.base_name,
        "--enable-lora",
        "--lora-modules",
        f"{pair.tuned_name}={Path(pair.adapter_dir).resolve()}",
        "--max-lora-rank",
        str(max_lora_rank(pair.lora_rank)),
        "--host",
        host,
        "--port",
        str(port),
    ]
    if ref.kind == "hub":
        command += ["--revision", str(ref.revision)]
    if student.get("load_in_4bit"):
        command += ["--quantization", "bitsandbytes"]
    if student.get("trust_remote_code"):
        command += ["--trust-remote-code"]
    return command


def vllm_environment(
    pair: ServedPair, api_key: str | None, environ: dict[str, str] | None = None
) -> dict[str, str]:
    """The environment vLLM runs in: a Hub base read offline from the workflow's cache; the key, if any,
    in ``VLLM_API_KEY`` (which vLLM checks as a Bearer token), never on the command line, where ``ps`` shows it."""
    env = dict(os.environ if environ is None else environ)
    if ref_of(pair.student).kind == "hub":
        env["HF_HUB_CACHE"] = str(Path(pair.hub_cache).resolve())
        env["HF_HUB_OFFLINE"] = "1"
    if api_key:
        env["VLLM_API_KEY"] = api_key
    else:
        env.pop("VLLM_API_KEY", None)
    return env
