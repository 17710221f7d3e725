"""Hub models for offline compute nodes: which are fetched, and a clear stop when one is missing."""

from __future__ import annotations

import os

import pytest
from finstep.errors import FinstepError
from finstep.models.hub import check_cached, configured_models, go_offline
from finstep.models.refs import hub_manifest as manifest


def test_configured_models_are_the_hub_teachers_and_students():
    teachers = {
        "llama": {
            "plugin": "transformers",
            "model": "meta-llama/Meta-Llama-3-8B-Instruct",
            "revision": "abc123",
        },
        "fast": {"plugin": "vllm", "model": "meta-llama/Meta-Llama-3-8B-Instruct", "revision": "abc123"},
        "api": {"plugin": "openai", "model": "gpt-4o-mini"},
        "extractive": {"plugin": "extractive"},
    }
    students = {
        "tiny": {"model": "results/models/tiny-llama"},
        "mistral": {"model": "mistralai/Mistral-7B-v0.1", "revision": "def456"},
    }
    from finstep.teacher.config import loads_model

    options = [t for t in teachers.values() if loads_model(t)] + list(students.values())
    assert configured_models(options) == {
        "meta-llama/Meta-Llama-3-8B-Instruct@abc123": {
            "model": "meta-llama/Meta-Llama-3-8B-Instruct",
            "revision": "abc123",
        },
        "mistralai/Mistral-7B-v0.1@def456": {"model": "mistralai/Mistral-7B-v0.1", "revision": "def456"},
    }
    assert manifest("results/hub", "org/name", "abc") == "results/hub/manifests/org/name@abc.json"


def _cache(root, model: str, commit: str, ref: str) -> None:
    """The Hub cache layout huggingface_hub reads offline: refs/<ref> → snapshots/<commit>/."""
    repo = root / f"models--{model.replace('/', '--')}"
    (repo / "refs").mkdir(parents=True)
    (repo / "refs" / ref).write_text(commit)
    snapshot = repo / "snapshots" / commit
    snapshot.mkdir(parents=True)
    (snapshot / "config.json").write_text("{}")


def test_a_missing_snapshot_stops_with_the_fix(tmp_path):
    with pytest.raises(FinstepError, match=r"org/model@main is not in .*: run `snakemake fetch_models`"):
        check_cached("org/model", "main", str(tmp_path))
    _cache(tmp_path, "org/model", "0123456789abcdef0123456789abcdef01234567", "main")
    check_cached("org/model", "main", str(tmp_path))
    check_cached("results/models/tiny-llama", None, str(tmp_path))  # local folders need no cache


def test_go_offline_points_the_hub_at_the_cache(tmp_path, monkeypatch):
    monkeypatch.delenv("HF_HUB_OFFLINE", raising=False)
    monkeypatch.delenv("HF_HUB_CACHE", raising=False)
    go_offline(str(tmp_path))
    assert os.environ["HF_HUB_OFFLINE"] == "1" and os.environ["HF_HUB_CACHE"] == str(tmp_path.resolve())
