"""Plugins chosen by name in config, built in or added by other packages' entry points.

Built-ins are registered here, in code, and only here: rule scripts run with
``scripts/`` on ``sys.path`` in per-rule conda envs where this project is not
installed, so its own entry points would not be seen there. Other packages add
plugins through entry points (groups ``finstep.sources``, ``finstep.teachers``,
``finstep.metrics``); a built-in wins over an entry point of the same name.
Built-ins are named as ``module:Class`` strings and imported only when chosen,
so a plugin's heavy dependencies (torch, vllm) are needed only by the runs
that use it.
"""

from __future__ import annotations

from importlib import import_module
from importlib.metadata import entry_points
from typing import Generic, TypeVar

from .errors import FinstepError

T = TypeVar("T")


class PluginRegistry(Generic[T]):
    def __init__(self, group: str, builtin: dict[str, str], base: type[T], config_key: str) -> None:
        self.group = group
        self.builtin = builtin
        self.base = base
        self.config_key = config_key  # how config names the choice, for error messages

    def available(self) -> dict[str, str]:
        """Plugin name → ``module:Class``."""
        found = {ep.name: ep.value for ep in entry_points(group=self.group)}
        return {**found, **self.builtin}

    def get(self, name: str) -> type[T]:
        plugins = self.available()
        if name not in plugins:
            raise FinstepError(
                f"{self.config_key} {name!r} is unknown: choose one of {', '.join(sorted(plugins))} "
                f"or install a package that registers it under '{self.group}'"
            )
        module_name, _, attr = plugins[name].partition(":")
        cls = getattr(import_module(module_name), attr)
        if not (isinstance(cls, type) and issubclass(cls, self.base)):
            raise FinstepError(
                f"{self.config_key} {name!r} ({plugins[name]}) is not a finstep {self.base.__name__}"
            )
        return cls

    def build(self, options: dict) -> T:
        """Instantiate the plugin named by ``options["plugin"]`` with all of ``options``."""
        return self.get(options["plugin"])(options)
