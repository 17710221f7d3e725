import re

import pytest
import yaml
from conftest import ROOT
from finstep.errors import FinstepError
from finstep.teacher.config import teacher_configs
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
