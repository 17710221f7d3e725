import pytest
from finstep.errors import FinstepError
from finstep.validation import check_accession, is_cik, normalize_cik, normalize_ticker


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
