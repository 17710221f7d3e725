"""Hub models for compute nodes without internet: fetched on the login node, read offline everywhere.

Cluster compute nodes often cannot reach the Hugging Face Hub, and a job that
tries waits on timeouts before failing deep inside ``from_pretrained``. The
workflow therefore snapshots every configured Hub model at its pinned revision
into one cache folder with a local rule (``fetch_models``, run where the
internet is), and the jobs that load models set ``HF_HUB_OFFLINE=1`` with
that folder as ``HF_HUB_CACHE``, checking first that the snapshot is there.
Only safetensors weights are fetched, never pickled ``.bin`` files.
"""

from __future__ import annotations

import logging
import os
from importlib import import_module
from pathlib import Path

from . import pipeline
from .errors import FinstepError
from .io import write_json
from .training.config import HUB_ID, is_local

log = logging.getLogger("finstep.hub")

# Weights as safetensors only; configs, tokenizers and chat templates.
ALLOW_PATTERNS = ["*.json", "*.safetensors", "*.model", "*.txt", "*.tiktoken", "*.jinja", "tokenizer*"]
HUB_PLUGINS = ("transformers", "vllm")


def is_hub_id(model: str) -> bool:
    """A Hub model, not a folder (one of the user's, or one this workflow builds)."""
    return bool(HUB_ID.fullmatch(model)) and not is_local(model)


def configured_models(teachers: dict, students: dict) -> dict[str, dict]:
    """Manifest key ``org/name@revision`` → {model, revision} for every Hub model in config."""
    found = {}
    entries = [o for o in teachers.values() if o.get("plugin") in HUB_PLUGINS] + list(students.values())
    for options in entries:
        model = str(options.get("model") or "")
        if is_hub_id(model):
            revision = str(options["revision"])  # required for Hub models by the config checks
            found[f"{model}@{revision}"] = {"model": model, "revision": revision}
    return found


def manifest(cache_dir: str, model: str, revision: str) -> str:
    """The file ``fetch_models`` writes once a model's snapshot is complete: the jobs' input."""
    return f"{cache_dir}/manifests/{model}@{revision}.json"


def fetch(model: str, revision: str, cache_dir: str, out: str) -> None:
    """Download ``model`` at ``revision`` into ``cache_dir`` (Hub cache layout); HF_TOKEN from the environment."""
    from huggingface_hub import snapshot_download

    path = Path(
        snapshot_download(model, revision=revision, cache_dir=cache_dir, allow_patterns=ALLOW_PATTERNS)
    )
    files = sorted(str(p.relative_to(path)) for p in path.rglob("*") if p.is_file())
    if not any(name.endswith(".safetensors") for name in files):
        raise FinstepError(f"{model}@{revision} has no safetensors weights; this workflow loads no pickles")
    write_json(out, {"model": model, "revision": revision, "commit": path.name, "files": files})
    log.info("%s@%s: %d files, commit %s, in %s", model, revision, len(files), path.name, cache_dir)


def go_offline(cache_dir: str) -> None:
    """Read models from ``cache_dir`` only. Call before anything imports huggingface_hub or transformers."""
    os.environ["HF_HUB_CACHE"] = str(Path(cache_dir).resolve())
    os.environ["HF_HUB_OFFLINE"] = "1"


def check_cached(model: str, revision: str | None, cache_dir: str) -> None:
    """Fail at once, naming the fix, when a Hub model's snapshot is not in the cache."""
    if not is_hub_id(model):
        return
    from huggingface_hub import snapshot_download
    from huggingface_hub.errors import LocalEntryNotFoundError

    try:
        snapshot_download(model, revision=revision or "main", cache_dir=cache_dir, local_files_only=True)
    except LocalEntryNotFoundError:
        raise FinstepError(
            f"{model}@{revision or 'main'} is not in {cache_dir}: run `snakemake fetch_models` where the "
            "internet is reachable (the login node) before submitting"
        ) from None


def run_offline(
    step: str, log_path: str, cache_dir: str, model: str, revision: str | None, **kwargs: object
) -> None:
    """Run a model-loading rule's ``step`` ("module:function") offline, once its model is known cached.

    The step is imported only after ``go_offline``, so that huggingface_hub
    reads the offline settings when it is first imported.
    """
    go_offline(cache_dir)

    def step_offline(**arguments: object) -> None:
        check_cached(model, revision, cache_dir)
        module, _, name = step.partition(":")
        getattr(import_module(module), name)(**arguments)

    pipeline.run(step_offline, log_path, **kwargs)
