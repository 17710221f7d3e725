"""vLLM offline inference with structured outputs.

vLLM is imported only when this plugin is chosen. Since v0.12 vLLM takes
``StructuredOutputsParams``; the removed ``guided_*`` parameters are ignored
without a warning, so every answer is still validated by the shared parser.
The constraint is the answer grammar (``grammar.answer_grammar``), not the
JSON schema, for the reasons given in grammar.py; vLLM's default backend,
xgrammar, compiles it.
"""

from __future__ import annotations

from typing import ClassVar

from ...errors import FinstepError
from ..grammar import answer_grammar
from .base import Generation, Teacher, TeacherRequest


class VllmTeacher(Teacher):
    name = "vllm"
    loads_model = True
    option_keys: ClassVar[frozenset[str]] = frozenset(
        {
            "constrained", "dtype", "gpu_memory_utilization", "max_model_len", "max_new_tokens",
            "quantization", "temperature", "top_p", "trust_remote_code",
        }
    )  # fmt: skip
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
        if not options.get("model"):
            raise FinstepError("vllm teacher needs model (a local path or a Hub id with revision)")
        self._vllm = vllm
        self.batch_size = int(options.get("batch_size", 64))
        self.llm = vllm.LLM(
            model=options["model"],
            revision=options.get("revision"),
            dtype=options.get("dtype", "auto"),
            quantization=options.get("quantization"),
            max_model_len=options.get("max_model_len"),
            gpu_memory_utilization=float(options.get("gpu_memory_utilization", 0.9)),
            trust_remote_code=bool(options.get("trust_remote_code", False)),
            load_format="safetensors",  # never unpickle .bin weights, as the other loaders
            seed=int(options.get("seed", 0)),
        )

    def _sampling(self, seed: int):
        from vllm.sampling_params import SamplingParams, StructuredOutputsParams

        structured = (
            StructuredOutputsParams(grammar=answer_grammar())
            if self.options.get("constrained", True)
            else None
        )
        return SamplingParams(
            temperature=float(self.options.get("temperature", 0.0)),
            top_p=float(self.options.get("top_p", 1.0)),
            max_tokens=int(self.options.get("max_new_tokens", 1024)),
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
