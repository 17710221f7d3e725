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

from .. import pipeline
from ..errors import FinstepError
from ..io import write_json
from .refs import ref_of

log = logging.getLogger("finstep.models")

# Weights as safetensors only; configs, tokenizers and chat templates.
ALLOW_PATTERNS = ["*.json", "*.safetensors", "*.model", "*.txt", "*.tiktoken", "*.jinja", "tokenizer*"]


def configured_models(model_options: list[dict]) -> dict[str, dict]:
    """Manifest key ``org/name@revision`` → {model, revision} for every Hub model among the checked
    options of students and of teachers that load a model (``teacher.config.loads_model``)."""
    found = {}
    for options in model_options:
        ref = ref_of(options)
        if ref.kind == "hub":
            found[f"{ref.path}@{ref.revision}"] = {"model": ref.path, "revision": str(ref.revision)}
    return found


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
    if not model or ref_of({"model": model, "revision": revision or "main"}).kind != "hub":
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
    step: str,
    log_path: str,
    cache_dir: str,
    model: str,
    revision: str | None,
    threads: int | None = None,
    **kwargs: object,
) -> None:
    """Run a model-loading rule's ``step`` ("module:function") offline, once its model is known cached.

    The step is imported only after ``go_offline``, so that huggingface_hub
    reads the offline settings when it is first imported. ``threads`` is the
    rule's: torch would otherwise guess from the machine, not the job's share.
    """
    go_offline(cache_dir)

    def step_offline(**arguments: object) -> None:
        check_cached(model, revision, cache_dir)
        from .loading import set_threads

        set_threads(threads)
        module, _, name = step.partition(":")
        getattr(import_module(module), name)(**arguments)

    pipeline.run(step_offline, log_path, **kwargs)
