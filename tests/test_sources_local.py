import json

import pytest
from conftest import PROSE, html_doc
from finstep.errors import FinstepError
from finstep.sources import available, build_source, get_source_class
from finstep.sources.local import LocalSource


@pytest.fixture
def folder(tmp_path):
    acme = tmp_path / "ACME"
    acme.mkdir()
    (acme / "0000000001-23-000001.htm").write_bytes(html_doc(f"<p>{PROSE}</p>"))
    (acme / "0000000001-24-000002.txt").write_bytes(
        b"<SEC-DOCUMENT>\n<DOCUMENT>\n<TYPE>10-K\n<TEXT>\nx\n</TEXT>"
    )
    (acme / "0000000001-24-000002.json").write_text(
        json.dumps(
            {"cik": 1, "company": "Acme", "form": "10-K", "filed": "2024-03-01", "period": "2023-12-31"}
        )
    )
    (acme / "0000000001-24-000003.htm").write_bytes(html_doc("<p>amendment</p>"))
    (acme / "0000000001-24-000003.json").write_text(json.dumps({"form": "10-K/A", "filed": "2024-05-01"}))
    (acme / "notes.md").write_text("ignored")
    return tmp_path


def test_registry_lists_builtins_and_refuses_unknown_plugins():
    assert {"local", "edgar"} <= set(available())
    assert get_source_class("local") is LocalSource
    with pytest.raises(FinstepError, match="source.plugin 'nope' is unknown"):
        build_source({"plugin": "nope"})


def test_lists_filings_with_metadata_newest_first(folder):
    refs = build_source({"plugin": "local", "path": str(folder)}).list_filings("ACME")
    assert [r.accession for r in refs] == ["0000000001-24-000002", "0000000001-23-000001"]
    newest = refs[0]
    assert (newest.ext, newest.cik, newest.company, newest.period) == (
        "txt",
        "0000000001",
        "Acme",
        "2023-12-31",
    )
    assert refs[1].form == "10-K" and refs[1].cik is None


def test_amendments_latest_and_fiscal_years(folder):
    opts = {"plugin": "local", "path": str(folder)}
    with_amendments = build_source({**opts, "amendments": True}).list_filings("ACME")
    assert with_amendments[0].form == "10-K/A"
    assert len(build_source({**opts, "latest": 1}).list_filings("ACME")) == 1
    with pytest.raises(FinstepError, match="no filings"):
        build_source({**opts, "fiscal_years": [2010, 2012]}).list_filings("ACME")


def test_fetch_returns_bytes(folder):
    source = build_source({"plugin": "local", "path": str(folder)})
    ref = source.list_filings("ACME")[-1]
    assert PROSE.encode() in source.fetch(ref)


@pytest.mark.parametrize(
    "name,content,message",
    [
        ("0000000001-24-000009.htm", b"", "file is empty"),
        ("0000000001-24-000009.htm", b"plain words, not a filing", "not an HTML document"),
        ("bad.name.htm", b"<html></html>", "not a safe file stem"),
    ],
)
def test_bad_files_fail_before_any_work(folder, name, content, message):
    (folder / "ACME" / name).write_bytes(content)
    with pytest.raises(FinstepError, match=message):
        build_source({"plugin": "local", "path": str(folder)}).list_filings("ACME")


def test_bad_metadata_names_the_file(folder):
    (folder / "ACME" / "0000000001-23-000001.json").write_text('{"filed": "yesterday"}')
    with pytest.raises(FinstepError, match=r"0000000001-23-000001.json: bad filing metadata"):
        build_source({"plugin": "local", "path": str(folder)}).list_filings("ACME")


def test_missing_ticker_folder_and_empty_folder(folder):
    source = build_source({"plugin": "local", "path": str(folder)})
    with pytest.raises(FinstepError, match="ticker 'NOPE': no folder"):
        source.list_filings("NOPE")
    (folder / "EMPTY").mkdir()
    with pytest.raises(FinstepError, match="no filings"):
        source.list_filings("EMPTY")
    with pytest.raises(FinstepError, match="is not a folder"):
        build_source({"plugin": "local", "path": str(folder / "missing")})
