"""The ``transformers`` teacher plugin: what the workflow reads of it, without importing torch.

The teacher itself (batched, grammar-constrained ``generate``) is in
hf_loaded.py, imported when a shard job builds it.
"""

from __future__ import annotations

from typing import ClassVar

from .base import Teacher


class TransformersTeacher(Teacher):
    """A local or Hub causal LM loaded in the shard job; on a GPU unless ``device`` says cpu."""

    name = "transformers"
    loads_model = True
    option_keys: ClassVar[frozenset[str]] = frozenset(
        {
            "constrained", "device", "do_sample", "dtype", "load_in_4bit", "max_input_tokens",
            "max_new_tokens", "min_new_tokens", "temperature", "top_p", "trust_remote_code",
        }
    )  # fmt: skip
    # Room to read an 8B teacher's safetensors shards and quantize them on a T4 node.
    mem_mb = 32000
    runtime = 480

    @classmethod
    def create(cls, options: dict) -> Teacher:
        from .hf_loaded import LoadedTransformersTeacher

        return LoadedTransformersTeacher(options)

    @classmethod
    def uses_gpu(cls, options: dict) -> bool:
        """``auto`` runs on a GPU where there is one, so a cluster job asks for one; ``cpu`` never."""
        device = str(options.get("device", "auto"))
        return device == "auto" or device.startswith("cuda")
