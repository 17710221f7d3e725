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
from ..io import read_json, sha256_file, write_json
from .model import base_revision

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


def same_model(named: str | None, model: str) -> bool:
    """Whether an adapter's ``base_model_name_or_path`` names ``model``: one folder, or one Hub id."""
    if not named:
        return False
    if Path(named).exists() and Path(model).exists():
        return Path(named).resolve() == Path(model).resolve()
    return named == model


def check_adapter_base(student: dict, adapter_dir: str) -> None:
    """The SFT adapter must exist and belong to this student's base: named in adapter_config, revision in run.json.

    Read from the files, before any model loads: PEFT would put an adapter of another
    base on this one without a word wherever the layer shapes agree.
    """
    folder = Path(adapter_dir)
    config = folder / "adapter_config.json"
    if not config.is_file():
        raise FinstepError(
            f"{folder} holds no SFT adapter (adapter_config.json is missing): rule train makes it "
            f"(snakemake {folder}/adapter_model.safetensors)"
        )
    named = read_json(config).get("base_model_name_or_path")
    if not same_model(named, student["model"]):
        raise FinstepError(
            f"adapter {adapter_dir} was trained on {named!r}, not on the student's base {student['model']!r}: "
            f"delete {adapter_dir} and rerun `train` for it, or fix the student's model"
        )
    run = folder / "run.json"
    recorded = read_json(run).get("base_revision") if run.is_file() else None
    if recorded and recorded != base_revision(student):
        raise FinstepError(
            f"adapter {adapter_dir} was trained on revision {recorded} of {student['model']}, which is now "
            f"{base_revision(student)} (the model was rebuilt or repinned): delete {adapter_dir} and rerun `train`"
        )
