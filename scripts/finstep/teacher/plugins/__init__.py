"""Registry of teacher plugins; config picks one by name (``teachers.<name>.plugin``).

Third-party packages add one through the ``finstep.teachers`` entry-point group.
Plugins are imported only when chosen, so ``vllm`` or ``torch`` are needed
only by the teachers that use them.
"""

from __future__ import annotations

from ...registry import PluginRegistry
from .base import Generation, Teacher, TeacherRequest

ENTRY_POINT_GROUP = "finstep.teachers"
TEACHERS = PluginRegistry(
    ENTRY_POINT_GROUP,
    {
        "extractive": "finstep.teacher.plugins.extractive:ExtractiveTeacher",
        "transformers": "finstep.teacher.plugins.hf:TransformersTeacher",
        "vllm": "finstep.teacher.plugins.vllm_teacher:VllmTeacher",
        "openai": "finstep.teacher.plugins.openai_teacher:OpenAITeacher",
    },
    Teacher,
    "teacher plugin",
)
# Known without importing the plugin, so the DAG can size its resources cheaply.
GPU_PLUGINS = frozenset({"transformers", "vllm"})
# Plugins whose ``model`` is a model to load here (resolved by finstep.models), not a server's model name.
MODEL_PLUGINS = frozenset({"transformers", "vllm"})
# Each built-in plugin's own option keys, beside those every teacher has (the schema's
# teacher properties): a misspelt one is refused with the nearest key instead of ignored.
# Known without importing the plugin, as above; a plugin from an entry point is not checked.
OPTION_KEYS = {
    "extractive": frozenset({"lead_sentences", "max_summary_sentences"}),
    "transformers": frozenset(
        {
            "constrained", "device", "do_sample", "dtype", "load_in_4bit", "max_input_tokens",
            "max_new_tokens", "min_new_tokens", "temperature", "top_p", "trust_remote_code",
        }
    ),
    "vllm": frozenset(
        {
            "constrained", "dtype", "gpu_memory_utilization", "max_model_len", "max_new_tokens",
            "quantization", "temperature", "top_p", "trust_remote_code",
        }
    ),
    "openai": frozenset(
        {
            "api_key_env", "base_url", "concurrency", "max_new_tokens", "retries", "structured",
            "temperature", "timeout",
        }
    ),
}  # fmt: skip
available = TEACHERS.available
get_teacher_class = TEACHERS.get
build_teacher = TEACHERS.build

__all__ = [
    "GPU_PLUGINS",
    "MODEL_PLUGINS",
    "OPTION_KEYS",
    "Generation",
    "Teacher",
    "TeacherRequest",
    "available",
    "build_teacher",
]
