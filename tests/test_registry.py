"""Third-party plugins arrive through entry points; built-ins cannot be shadowed."""

import types
from typing import ClassVar

import pytest
from finstep import registry
from finstep.errors import FinstepError
from finstep.models.hub import configured_models
from finstep.sources import SOURCES, Source
from finstep.teacher.config import loads_model, shard_resources, teacher_configs
from finstep.teacher.plugins import TEACHERS, ShardResources, Teacher


class ThirdPartySource(Source):
    name = "thirdparty"
    offline_listing = True

    def list_filings(self, ticker):
        return []

    def fetch(self, ref):
        return b""


NotASource = object


class ThirdPartyTeacher(Teacher):
    """A GPU teacher from another package: what it declares is all the workflow knows of it."""

    name = "thirdparty"
    loads_model = True
    option_defaults: ClassVar[dict] = {"beam_width": 4}
    mem_mb = 12000
    runtime = 30

    @classmethod
    def uses_gpu(cls, options):
        return options["beam_width"] > 1

    def generate(self, requests, *, seed):
        raise NotImplementedError


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
        points["finstep.teachers"] = [
            types.SimpleNamespace(name="thirdparty", value=f"{__name__}:ThirdPartyTeacher")
        ]
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


def test_a_teacher_from_an_entry_point_gets_the_gpu_prefetch_and_resources_it_declares(entry_points):
    hub = {"plugin": "thirdparty", "model": "org/teacher", "revision": "0123abcd" * 5}
    options = teacher_configs({"t": {**hub, "runtime": 45}})["t"]
    assert shard_resources(options) == ShardResources(gpu=1, mem_mb=12000, runtime=45)
    assert loads_model(options)  # so its model is fetched before the offline jobs
    assert configured_models([options]) == {
        f"org/teacher@{hub['revision']}": {"model": "org/teacher", "revision": hub["revision"]}
    }
    greedy = teacher_configs({"t": {**hub, "beam_width": 1}})["t"]
    assert shard_resources(greedy) == ShardResources(gpu=0, mem_mb=12000, runtime=30)
    with pytest.raises(FinstepError, match="teachers.t.beam_widht is not an option of the thirdparty plugin"):
        teacher_configs({"t": {**hub, "beam_widht": 2}})
