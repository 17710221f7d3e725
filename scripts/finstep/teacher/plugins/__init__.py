"""Registry of teacher plugins; config picks one by name (``teachers.<name>.plugin``).

Third-party packages add one through the ``finstep.teachers`` entry-point group.
Plugins are imported only when chosen, and a plugin's module is light: the
workflow reads its declarations (GPU, memory, options; see ``Teacher``) when
it builds the DAG, and ``vllm`` or ``torch`` load only in the shard job that
builds the teacher.
"""

from __future__ import annotations

from ...registry import PluginRegistry
from .base import Generation, ShardResources, Teacher, TeacherRequest

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
available = TEACHERS.available
teacher_class = TEACHERS.get


def build_teacher(options: dict) -> Teacher:
    """The working teacher named by ``options["plugin"]``, built with all of ``options``."""
    return teacher_class(options["plugin"]).create(options)


__all__ = [
    "Generation",
    "ShardResources",
    "Teacher",
    "TeacherRequest",
    "available",
    "build_teacher",
    "teacher_class",
]
