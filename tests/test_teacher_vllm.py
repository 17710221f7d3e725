"""The vllm plugin against a stand-in ``vllm`` module: vLLM itself needs a GPU machine."""

import sys
import types
from dataclasses import dataclass
from typing import ClassVar

import pytest
from conftest import ROOT
from finstep.errors import FinstepError
from finstep.teacher.grammar import answer_grammar
from finstep.teacher.plugins import TeacherRequest, build_teacher
from finstep.teacher.prompt import load_prompt


@dataclass
class StructuredOutputsParams:
    json: str | None = None
    grammar: str | None = None


@dataclass
class SamplingParams:
    temperature: float = 1.0
    top_p: float = 1.0
    max_tokens: int = 16
    seed: int | None = None
    structured_outputs: StructuredOutputsParams | None = None


class LLM:
    made: ClassVar[list] = []

    def __init__(self, **kwargs):
        self.kwargs = kwargs
        self.calls = []
        LLM.made.append(self)

    def chat(self, conversations, sampling_params, use_tqdm=True):
        self.calls.append((conversations, sampling_params))
        out = types.SimpleNamespace(text='{"rationale": "1. a\\n2. b", "summary": "s"}', token_ids=[1, 2, 3])
        return [types.SimpleNamespace(outputs=[out]) for _ in conversations]


@pytest.fixture
def fake_vllm(monkeypatch):
    module = types.ModuleType("vllm")
    module.LLM = LLM
    sampling = types.ModuleType("vllm.sampling_params")
    sampling.SamplingParams, sampling.StructuredOutputsParams = SamplingParams, StructuredOutputsParams
    module.sampling_params = sampling
    monkeypatch.setitem(sys.modules, "vllm", module)
    monkeypatch.setitem(sys.modules, "vllm.sampling_params", sampling)
    LLM.made = []
    return module


def test_structured_outputs_carry_the_json_schema(fake_vllm):
    teacher = build_teacher({"plugin": "vllm", "model": "/models/llama3", "max_new_tokens": 300})
    prompt = load_prompt(ROOT / "config" / "prompts" / "teacher-v1.yaml")
    requests = [TeacherRequest(id=str(i), text=f"text {i}", prompt=prompt) for i in range(3)]
    gens = teacher.generate(requests, seed=5)
    assert [g.output_tokens for g in gens] == [3, 3, 3]
    conversations, params = LLM.made[0].calls[0]
    assert len(conversations) == 3 and conversations[0][-1]["role"] == "user"
    assert params.seed == 5 and params.max_tokens == 300 and params.temperature == 0.0
    assert params.structured_outputs.grammar == answer_grammar()
    assert LLM.made[0].kwargs["trust_remote_code"] is False
    assert LLM.made[0].kwargs["load_format"] == "safetensors"


def test_missing_vllm_is_a_clear_error(monkeypatch):
    monkeypatch.setitem(sys.modules, "vllm", None)
    with pytest.raises(FinstepError, match="needs the vllm package"):
        build_teacher({"plugin": "vllm", "model": "x"})
