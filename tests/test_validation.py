import re
import subprocess
import sys

import pytest
import yaml
from conftest import ROOT
from finstep.errors import FinstepError
from finstep.teacher.config import shard_options, shard_resources, teacher_configs
from finstep.validation import check_accession, check_keys, is_cik, normalize_cik, normalize_ticker


@pytest.mark.parametrize(
    "raw,expected", [("aapl", "AAPL"), (" BRK.B ", "BRK.B"), ("BF-B", "BF-B"), (320193, "320193")]
)
def test_valid_tickers_are_normalised(raw, expected):
    assert normalize_ticker(raw) == expected


@pytest.mark.parametrize("raw", ["", ".", "..", "../etc", "AA/PL", "A B", ".AAPL", "-X", "AAPL;rm", "ÄPL"])
def test_malformed_tickers_are_refused_with_a_message(raw):
    with pytest.raises(FinstepError, match="malformed"):
        normalize_ticker(raw)


def test_ciks():
    assert is_cik("320193") and not is_cik("AAPL")
    assert normalize_cik(320193) == "0000320193"
    with pytest.raises(FinstepError):
        normalize_cik("12345678901")


def test_accession_must_be_a_safe_stem():
    assert check_accession("0000320193-24-000123", "x") == "0000320193-24-000123"
    for bad in ["../x", "a.b", "", ".hidden"]:
        with pytest.raises(FinstepError):
            check_accession(bad, "folder")


SCHEMA = yaml.safe_load((ROOT / "config" / "schema.yaml").read_text())


@pytest.mark.parametrize(
    "config,message",
    [
        ({"trainig": {"max_steps": 3}}, "config key 'trainig' is unknown; did you mean 'training'?"),
        (
            {"training": {"max_step": 3}},
            "config key 'training.max_step' is unknown; did you mean 'max_steps'?",
        ),
        (
            {"students": {"s": {"model": "m", "load_in_4bt": True}}},
            "config key 'students.s.load_in_4bt' is unknown; did you mean 'load_in_4bit'?",
        ),
        ({"zzz": 1}, "config key 'zzz' is unknown; valid keys: "),
    ],
)
def test_misspelt_config_keys_are_refused_with_the_nearest_key(config, message):
    with pytest.raises(FinstepError, match=re.escape(message)):
        check_keys({"tickers": ["AAPL"], "source": {"plugin": "local"}, **config}, SCHEMA)


def test_teacher_options_are_checked_against_their_plugin():
    with pytest.raises(
        FinstepError,
        match=re.escape(
            "teachers.t.lead_sentence is not an option of the extractive plugin; did you mean 'lead_sentences'?"
        ),
    ):
        teacher_configs({"t": {"plugin": "extractive", "lead_sentence": 3}})
    with pytest.raises(FinstepError, match=re.escape("did you mean 'max_new_tokens'?")):
        teacher_configs(
            {"t": {"plugin": "openai", "base_url": "http://x", "model": "m", "max_new_token": 64}}
        )
    assert teacher_configs(
        {"t": {"plugin": "extractive", "lead_sentences": 3, "quality": {"enabled": False}}}
    )


@pytest.mark.parametrize(
    "options,expected",
    [
        ({"plugin": "extractive"}, (0, 2000, 60)),
        ({"plugin": "openai", "base_url": "http://x", "model": "m"}, (0, 2000, 240)),
        ({"plugin": "transformers", "model": "tiny"}, (1, 32000, 480)),
        ({"plugin": "transformers", "model": "tiny", "device": "cuda:1"}, (1, 32000, 480)),
        ({"plugin": "transformers", "model": "tiny", "device": "cpu"}, (0, 32000, 480)),
        ({"plugin": "vllm", "model": "tiny", "mem_mb": 64000, "runtime": 30}, (1, 64000, 30)),
    ],
)
def test_a_shard_job_asks_for_what_its_plugin_declares(options, expected):
    (resources,) = (shard_resources(o) for o in teacher_configs({"t": options}).values())
    assert (resources.gpu, resources.mem_mb, resources.runtime) == expected


def test_job_options_are_not_given_to_the_shard():
    # So that a new runtime, memory or valid-rate threshold neither reruns a shard nor changes its key.
    options = teacher_configs({"t": {"plugin": "extractive", "runtime": 5, "mem_mb": 900}})["t"]
    assert not {"runtime", "mem_mb", "min_valid_rate"} & set(shard_options(options))
    assert shard_options(options)["plugin"] == "extractive"


def test_the_dag_reads_plugin_declarations_without_importing_torch():
    # Every `snakemake -n` builds the DAG; importing torch and transformers there costs seconds.
    code = (
        "import sys; from finstep.teacher.config import shard_resources, teacher_configs; "
        "from finstep.teacher.plugins import available, teacher_class; "
        "[teacher_class(name).resources({'plugin': name}) for name in available()]; "
        "print(sorted(m for m in ('torch', 'transformers', 'vllm') if m in sys.modules))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT / "scripts", capture_output=True, text=True, check=True
    ).stdout
    assert out.strip() == "[]"
