"""vLLM offline inference with structured outputs.

vLLM is imported only when this plugin is chosen. Since v0.12 vLLM takes
``StructuredOutputsParams``; the removed ``guided_*`` parameters are ignored
without a warning, so every answer is still validated by the shared parser.
The constraint is the answer grammar (``grammar.answer_grammar``), not the
JSON schema, for the reasons given in grammar.py; vLLM's default backend,
xgrammar, compiles it.
"""

from __future__ import annotations

from typing import Any, ClassVar

from ...errors import FinstepError
from ..grammar import answer_grammar
from .base import Generation, Teacher, TeacherRequest


class VllmTeacher(Teacher):
    name = "vllm"
    loads_model = True
    option_defaults: ClassVar[dict[str, Any]] = {
        "constrained": True,
        "dtype": "auto",
        "quantization": None,
        "max_model_len": None,
        "gpu_memory_utilization": 0.9,
        "trust_remote_code": False,
        "max_new_tokens": 1024,
        "temperature": 0.0,
        "top_p": 1.0,
    }
    mem_mb = 32000
    runtime = 240

    @classmethod
    def uses_gpu(cls, options: dict) -> bool:
        return True

    def __init__(self, options: dict) -> None:
        super().__init__(options)
        try:
            import vllm
        except ImportError:
            raise FinstepError(
                "teacher plugin 'vllm' needs the vllm package: pip install vllm (on a GPU machine)"
            ) from None
        options = self.options
        if not options.get("model"):
            raise FinstepError("vllm teacher needs model (a local path or a Hub id with revision)")
        self._vllm = vllm
        self.batch_size = int(options.get("batch_size", 64))
        self.llm = vllm.LLM(
            model=options["model"],
            revision=options.get("revision"),
            dtype=options["dtype"],
            quantization=options["quantization"],
            max_model_len=options["max_model_len"],
            gpu_memory_utilization=float(options["gpu_memory_utilization"]),
            trust_remote_code=bool(options["trust_remote_code"]),
            load_format="safetensors",  # never unpickle .bin weights, as the other loaders
            seed=int(options.get("seed", 0)),
        )

    def _sampling(self, seed: int):
        from vllm.sampling_params import SamplingParams, StructuredOutputsParams

        structured = (
            StructuredOutputsParams(grammar=answer_grammar()) if self.options["constrained"] else None
        )
        return SamplingParams(
            temperature=float(self.options["temperature"]),
            top_p=float(self.options["top_p"]),
            max_tokens=int(self.options["max_new_tokens"]),
            seed=seed,
            structured_outputs=structured,
        )

    def generate(self, requests: list[TeacherRequest], *, seed: int) -> list[Generation]:
        outputs = self.llm.chat([r.messages() for r in requests], self._sampling(seed), use_tqdm=False)
        return [
            Generation(text=o.outputs[0].text, output_tokens=len(o.outputs[0].token_ids)) for o in outputs
        ]

    def close(self) -> None:
        del self.llm
