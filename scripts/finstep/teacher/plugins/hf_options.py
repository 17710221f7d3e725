"""What the ``transformers`` teacher declares, shared by its light and its loaded class.

The workflow reads these declarations (GPU, memory, options) from hf.py without
importing torch; hf_loaded.py's working teacher needs the same defaults. Both
import them from here, so neither module imports the other at its top and the
plugin has no import cycle: only hf.py's ``create`` imports hf_loaded.py.
"""

from __future__ import annotations

from typing import Any, ClassVar

from .base import Teacher


class TransformersOptions(Teacher):
    """A local or Hub causal LM loaded in the shard job; on a GPU unless ``device`` says cpu."""

    name = "transformers"
    loads_model = True
    option_defaults: ClassVar[dict[str, Any]] = {
        "constrained": True,  # grammar-constrained decoding (hf_loaded.py)
        "device": "auto",
        "dtype": "auto",
        "load_in_4bit": False,
        "trust_remote_code": False,
        "max_input_tokens": None,  # None: the model's context less max_new_tokens
        "max_new_tokens": 512,
        "min_new_tokens": 0,
        "do_sample": False,
        "temperature": 1.0,
        "top_p": 1.0,
        "repetition_penalty": 1.0,
        "no_repeat_ngram_size": 0,
        "rationale_share": None,
    }
    # Room to read an 8B teacher's safetensors shards and quantize them on a T4 node.
    mem_mb = 32000
    runtime = 480

    @classmethod
    def uses_gpu(cls, options: dict) -> bool:
        """``auto`` runs on a GPU where there is one, so a cluster job asks for one; ``cpu`` never."""
        device = str(options["device"])
        return device == "auto" or device.startswith("cuda")
