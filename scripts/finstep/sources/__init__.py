"""Registry of filing sources; config picks one by name (``source.plugin``).

Third-party packages add a source through the ``finstep.sources`` entry-point
group, e.g. in their pyproject.toml::

    [project.entry-points."finstep.sources"]
    mysource = "mypackage.module:MySource"
"""

from __future__ import annotations

from ..registry import PluginRegistry
from .base import FilingMeta, FilingRef, Source, load_index

ENTRY_POINT_GROUP = "finstep.sources"
SOURCES = PluginRegistry(
    ENTRY_POINT_GROUP,
    {"local": "finstep.sources.local:LocalSource", "edgar": "finstep.sources.edgar:EdgarSource"},
    Source,
    "source.plugin",
)
available = SOURCES.available
get_source_class = SOURCES.get
build_source = SOURCES.build

__all__ = ["FilingMeta", "FilingRef", "Source", "available", "build_source", "get_source_class", "load_index"]
