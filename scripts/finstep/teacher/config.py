"""Check the ``teachers`` config before any job runs, and fill in defaults."""

from __future__ import annotations

from ..errors import FinstepError
from ..models.refs import SAFE_NAME, resolve_model
from .plugins import GPU_PLUGINS, MODEL_PLUGINS, available
from .prompt import load_prompt

DEFAULTS = {
    "prompt": "config/prompts/teacher-v1.yaml",
    "shards": 1,
    "attempts": 3,
    "seed": 0,
    "min_valid_rate": 0.5,
    "runtime": 240,
}

__all__ = ["GPU_PLUGINS", "MODEL_PLUGINS", "loads_model", "teacher_configs"]


def loads_model(teacher: dict) -> bool:
    """A teacher whose ``model`` is loaded here, not a model name a server knows (openai)."""
    return teacher.get("plugin") in MODEL_PLUGINS and bool(teacher.get("model"))


def teacher_configs(teachers: dict, models: dict | None = None) -> dict[str, dict]:
    """Name → options with defaults; a bad entry raises with its name and what to fix.

    A model teacher's ``model`` is resolved (``finstep.models``) to what its plugin
    loads: a folder, or a Hub id at its pinned revision.
    """
    checked = {}
    plugins = available()
    for name, options in teachers.items():
        if not SAFE_NAME.fullmatch(str(name)):
            raise FinstepError(
                f"teacher name {name!r} is not a safe folder name: use letters, digits, '_', '.', '-'"
            )
        options = {**DEFAULTS, **(options or {})}
        if options.get("plugin") not in plugins:
            raise FinstepError(
                f"teachers.{name}.plugin {options.get('plugin')!r} is unknown: choose one of {', '.join(sorted(plugins))}"
            )
        load_prompt(options["prompt"])
        if loads_model(options):
            ref = resolve_model(options["model"], options.get("revision"), models or {}, f"teachers.{name}")
            options["model"] = ref.path
        if int(options["shards"]) < 1:
            raise FinstepError(f"teachers.{name}.shards must be at least 1")
        checked[str(name)] = options
    return checked
