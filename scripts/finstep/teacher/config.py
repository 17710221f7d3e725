"""Check the ``teachers`` config before any job runs, and fill in defaults."""

from __future__ import annotations

import re
from pathlib import Path

from ..errors import FinstepError
from .plugins import GPU_PLUGINS, available
from .prompt import load_prompt

NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.\-]{0,63}")
DEFAULTS = {
    "prompt": "config/prompts/teacher-v1.yaml",
    "shards": 1,
    "attempts": 3,
    "seed": 0,
    "min_valid_rate": 0.5,
    "runtime": 240,
}

__all__ = ["GPU_PLUGINS", "teacher_configs"]


def _is_hub_id(model: str) -> bool:
    return "/" in model and not model.startswith(("results/", "/", ".")) and not Path(model).exists()


def teacher_configs(teachers: dict) -> dict[str, dict]:
    """Name → options with defaults; a bad entry raises with its name and what to fix."""
    checked = {}
    plugins = available()
    for name, options in teachers.items():
        if not NAME.fullmatch(str(name)):
            raise FinstepError(
                f"teacher name {name!r} is not a safe folder name: use letters, digits, '_', '.', '-'"
            )
        options = {**DEFAULTS, **(options or {})}
        if options.get("plugin") not in plugins:
            raise FinstepError(
                f"teachers.{name}.plugin {options.get('plugin')!r} is unknown: choose one of {', '.join(sorted(plugins))}"
            )
        load_prompt(options["prompt"])
        model = str(options.get("model") or "")
        if model and _is_hub_id(model) and not options.get("revision"):
            raise FinstepError(
                f"teachers.{name}: Hub model {model!r} needs a pinned revision (a commit hash) so reruns reproduce"
            )
        if int(options["shards"]) < 1:
            raise FinstepError(f"teachers.{name}.shards must be at least 1")
        checked[str(name)] = options
    return checked
