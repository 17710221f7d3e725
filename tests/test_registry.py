"""Third-party plugins arrive through entry points; built-ins cannot be shadowed."""

import types

import pytest
from finstep import registry
from finstep.errors import FinstepError
from finstep.sources import SOURCES, Source
from finstep.teacher.plugins import TEACHERS


class ThirdPartySource(Source):
    name = "thirdparty"
    offline_listing = True

    def list_filings(self, ticker):
        return []

    def fetch(self, ref):
        return b""


NotASource = object


@pytest.fixture
def entry_points(monkeypatch):
    def fake(group):
        points = {
            "finstep.sources": [
                types.SimpleNamespace(name="thirdparty", value=f"{__name__}:ThirdPartySource"),
                types.SimpleNamespace(name="broken", value=f"{__name__}:NotASource"),
                types.SimpleNamespace(name="local", value=f"{__name__}:ThirdPartySource"),
            ]
        }
        return points.get(group, [])

    monkeypatch.setattr(registry, "entry_points", fake)


def test_entry_point_plugins_are_found_and_checked(entry_points):
    assert isinstance(SOURCES.build({"plugin": "thirdparty"}), ThirdPartySource)
    assert SOURCES.get("local").__name__ == "LocalSource"  # built-ins win
    with pytest.raises(
        FinstepError, match=r"source.plugin 'broken' \(.*NotASource\) is not a finstep Source"
    ):
        SOURCES.get("broken")


def test_teacher_registry_lists_builtins_without_importing_them():
    assert {"extractive", "transformers", "vllm", "openai"} <= set(TEACHERS.available())
    with pytest.raises(FinstepError, match="teacher plugin 'nope' is unknown"):
        TEACHERS.get("nope")
