"""Registry of teacher plugins; config picks one by name (``teachers.<name>.plugin``).

Third-party packages add one through the ``finstep.teachers`` entry-point group.
Plugins are imported only when chosen, so ``vllm`` or ``torch`` are needed
only by the teachers that use them.
"""

from __future__ import annotations

from importlib.metadata import entry_points

from ...errors import FinstepError
from .base import Generation, Teacher, TeacherRequest

ENTRY_POINT_GROUP = "finstep.teachers"
_BUILTIN = {
    "extractive": "finstep.teacher.plugins.extractive:ExtractiveTeacher",
    "transformers": "finstep.teacher.plugins.hf:TransformersTeacher",
    "vllm": "finstep.teacher.plugins.vllm_teacher:VllmTeacher",
    "openai": "finstep.teacher.plugins.openai_teacher:OpenAITeacher",
}
# Known without importing the plugin, so the DAG can size its resources cheaply.
GPU_PLUGINS = frozenset({"transformers", "vllm"})


def available() -> dict[str, str]:
    found = {ep.name: ep.value for ep in entry_points(group=ENTRY_POINT_GROUP)}
    return {**found, **_BUILTIN}


def get_teacher_class(name: str) -> type[Teacher]:
    plugins = available()
    if name not in plugins:
        raise FinstepError(
            f"teacher plugin {name!r} is unknown: choose one of {', '.join(sorted(plugins))} "
            f"or install a package that registers it under '{ENTRY_POINT_GROUP}'"
        )
    module_name, _, attr = plugins[name].partition(":")
    cls = getattr(__import__(module_name, fromlist=[attr]), attr)
    if not (isinstance(cls, type) and issubclass(cls, Teacher)):
        raise FinstepError(f"teacher plugin {name!r} ({plugins[name]}) is not a finstep Teacher")
    return cls


def build_teacher(options: dict) -> Teacher:
    return get_teacher_class(options["plugin"])(options)


__all__ = ["GPU_PLUGINS", "Generation", "Teacher", "TeacherRequest", "available", "build_teacher"]
