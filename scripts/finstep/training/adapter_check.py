"""Is an adapter the one its training wrote, with weights that are numbers? (rule ``check_adapter``)

A job of its own ahead of ``predict``, because Snakemake deletes a job's
outputs when the job starts: were the check inside ``predict``, a truncated or
altered adapter would cost the previous predictions before it was refused.
Reads the files only (safetensors, no model), so it runs on a CPU in seconds.
"""

from __future__ import annotations

import json
import logging
from pathlib import Path

import torch
from safetensors import SafetensorError
from safetensors.torch import load_file

from ..errors import FinstepError
from ..io import sha256_file, write_json

log = logging.getLogger("finstep.training")


def _bad_adapter(adapter_dir: str, what: str) -> FinstepError:
    return FinstepError(
        f"adapter {adapter_dir}: {what}; delete {adapter_dir} and rerun `train` for it "
        "(snakemake reruns it for the missing files)"
    )


def check_adapter(adapter_dir: str) -> dict:
    """What was checked: each file's sha256 against ``run.json``, and every LoRA weight finite.

    Raises a ``FinstepError`` naming the adapter and what to do when either fails.
    """
    folder = Path(adapter_dir)
    try:
        recorded = json.loads((folder / "run.json").read_text(encoding="utf-8"))["adapter_sha256"]
    except (OSError, ValueError, KeyError):
        raise _bad_adapter(
            adapter_dir, "run.json is missing, unreadable or records no adapter sha256"
        ) from None
    for name, digest in recorded.items():
        if not (folder / name).is_file() or sha256_file(folder / name) != digest:
            raise _bad_adapter(adapter_dir, f"{name} is not the file its training wrote (sha256 differs)")
    try:
        tensors = load_file(folder / "adapter_model.safetensors")
    except (OSError, SafetensorError) as exc:  # its own errors name neither the adapter nor what to do
        raise _bad_adapter(adapter_dir, f"cannot be read ({type(exc).__name__}: {exc})") from None
    bad = [name for name, tensor in tensors.items() if not torch.isfinite(tensor).all()]
    if bad:
        raise _bad_adapter(adapter_dir, f"{len(bad)} LoRA weights are not finite (e.g. {bad[0]})")
    return {
        "adapter": adapter_dir,
        "sha256": recorded,
        "tensors": len(tensors),
        "parameters": sum(tensor.numel() for tensor in tensors.values()),
    }


def write_adapter_check(adapter_dir: str, out: str) -> None:
    """The check's record, written only when the adapter passes."""
    record = check_adapter(adapter_dir)
    log.info(
        "adapter %s: %d files as trained, %d tensors (%d parameters), all finite",
        adapter_dir,
        len(record["sha256"]),
        record["tensors"],
        record["parameters"],
    )
    write_json(out, record)
