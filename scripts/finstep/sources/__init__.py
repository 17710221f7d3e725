"""Registry of filing sources; config picks one by name (``source.plugin``).

Third-party packages add a source through the ``finstep.sources`` entry-point
group, e.g. in their pyproject.toml::

    [project.entry-points."finstep.sources"]
    mysource = "mypackage.module:MySource"
"""

from __future__ import annotations

from importlib.metadata import entry_points

from ..errors import FinstepError
from .base import FilingMeta, FilingRef, Source, load_index

ENTRY_POINT_GROUP = "finstep.sources"
_BUILTIN = {
    "local": "finstep.sources.local:LocalSource",
    "edgar": "finstep.sources.edgar:EdgarSource",
}


def _load(target: str) -> type[Source]:
    module_name, _, attr = target.partition(":")
    module = __import__(module_name, fromlist=[attr])
    return getattr(module, attr)


def available() -> dict[str, str]:
    """Plugin name → ``module:Class``; built-ins win over entry points of the same name."""
    found = {ep.name: ep.value for ep in entry_points(group=ENTRY_POINT_GROUP)}
    return {**found, **_BUILTIN}


def get_source_class(name: str) -> type[Source]:
    plugins = available()
    if name not in plugins:
        raise FinstepError(
            f"source.plugin {name!r} is unknown: choose one of {', '.join(sorted(plugins))} "
            f"or install a package that registers it under '{ENTRY_POINT_GROUP}'"
        )
    cls = _load(plugins[name])
    if not (isinstance(cls, type) and issubclass(cls, Source)):
        raise FinstepError(f"source plugin {name!r} ({plugins[name]}) is not a finstep Source")
    return cls


def build_source(options: dict) -> Source:
    """Instantiate the source named by ``options["plugin"]`` with the rest of ``options``."""
    return get_source_class(options["plugin"])(options)


__all__ = ["FilingMeta", "FilingRef", "Source", "available", "build_source", "get_source_class", "load_index"]
