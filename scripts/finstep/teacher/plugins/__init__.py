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
available = TEACHERS.available
get_teacher_class = TEACHERS.get
build_teacher = TEACHERS.build

__all__ = [
    "GPU_PLUGINS",
    "MODEL_PLUGINS",
    "Generation",
    "Teacher",
    "TeacherRequest",
    "available",
    "build_teacher",
]
