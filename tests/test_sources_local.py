import gzip
import hashlib
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from conftest import PROSE, ROOT, html_doc
from finstep import ingest
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


# --- gzip-compressed copies (.htm.gz, .html.gz, .txt.gz) ------------------------------------------

DOC = html_doc(f"<p>{PROSE}</p>")
TEXT_FILING = f"ANNUAL REPORT\n\n{PROSE}\n".encode()


def _gz(data: bytes) -> bytes:
    return gzip.compress(data, mtime=0)


def _sidecar(**fields) -> str:
    return json.dumps({"cik": 1, "company": "Acme", "filed": "2025-02-01", "period": "2024-12-31", **fields})


@pytest.mark.parametrize("ext,data", [("htm", DOC), ("html", DOC), ("txt", TEXT_FILING)])
def test_a_gzipped_filing_is_listed_as_its_document_and_fetched_decompressed(tmp_path, ext, data):
    (tmp_path / "ACME").mkdir()
    path = tmp_path / "ACME" / f"0000000001-25-000004.{ext}.gz"
    path.write_bytes(_gz(data))
    source = build_source({"plugin": "local", "path": str(tmp_path)})
    (ref,) = source.list_filings("ACME")
    assert (ref.accession, ref.ext, ref.location) == ("0000000001-25-000004", ext, str(path))
    assert source.fetch(ref) == data


def test_a_gzipped_and_a_plain_copy_of_one_filing_are_refused(folder):
    plain = folder / "ACME" / "0000000001-23-000001.htm"
    plain.with_name(plain.name + ".gz").write_bytes(_gz(plain.read_bytes()))
    with pytest.raises(FinstepError, match="accession 0000000001-23-000001 has two documents"):
        build_source({"plugin": "local", "path": str(folder)}).list_filings("ACME")


def _one_line(exc: pytest.ExceptionInfo, path: Path) -> str:
    message = str(exc.value)
    assert "\n" not in message and message.startswith(f"{path}: ")
    return message


@pytest.mark.parametrize(
    "content,message",
    [
        (DOC, "not gzip-compressed, though named .gz"),  # an uncompressed file with a .gz name
        (_gz(DOC)[:40], "the gzip data ends early"),  # truncated within the head listing reads
        (_gz(b"plain words, not a filing " * 20), "not an HTML document or an SEC text filing"),
        (_gz(bytes(range(256)) * 8), "binary file"),
        (_gz(b""), "file is empty"),
    ],
)
def test_a_bad_gz_fails_at_listing_in_one_line_naming_the_file(tmp_path, content, message):
    (tmp_path / "ACME").mkdir()
    path = tmp_path / "ACME" / "0000000001-25-000004.htm.gz"
    path.write_bytes(content)
    with pytest.raises(FinstepError) as exc:
        build_source({"plugin": "local", "path": str(tmp_path)}).list_filings("ACME")
    assert message in _one_line(exc, path)


def _listed_then_damaged(tmp_path: Path, damage) -> tuple:
    """A long document, listed while whole, then damaged past the head that listing reads."""
    data = html_doc("".join(f"<p>{i} {PROSE}</p>" for i in range(400)))
    (tmp_path / "ACME").mkdir()
    path = tmp_path / "ACME" / "0000000001-25-000004.htm.gz"
    path.write_bytes(_gz(data))
    source = build_source({"plugin": "local", "path": str(tmp_path)})
    (ref,) = source.list_filings("ACME")
    path.write_bytes(damage(path.read_bytes()))
    return source, ref, path


@pytest.mark.parametrize(
    "damage,message",
    [
        (lambda gz: gz[: len(gz) // 2], "the gzip data ends early (a truncated copy)"),
        (lambda gz: gz[:-8] + bytes(b ^ 0xFF for b in gz[-8:-4]) + gz[-4:], "corrupt gzip data"),  # CRC
    ],
)
def test_a_gz_damaged_past_its_head_fails_at_fetch_before_extraction(tmp_path, damage, message):
    source, ref, path = _listed_then_damaged(tmp_path, damage)
    with pytest.raises(FinstepError) as exc:
        source.fetch(ref)
    assert message in _one_line(exc, path)


def test_fetch_checks_the_sha256_a_sidecar_gives(tmp_path):
    (tmp_path / "ACME").mkdir()
    path = tmp_path / "ACME" / "0000000001-25-000004.htm.gz"
    path.write_bytes(_gz(DOC))
    sidecar = path.parent / "0000000001-25-000004.json"
    sidecar.write_text(_sidecar(sha256=hashlib.sha256(DOC).hexdigest()))  # of the document, not the .gz
    source = build_source({"plugin": "local", "path": str(tmp_path)})
    assert source.fetch(source.list_filings("ACME")[0]) == DOC
    sidecar.write_text(_sidecar(sha256=hashlib.sha256(b"another filing").hexdigest()))
    with pytest.raises(FinstepError) as exc:
        source.fetch(source.list_filings("ACME")[0])
    assert "is not the" in _one_line(exc, path) and "0000000001-25-000004.json" in str(exc.value)
    sidecar.write_text(_sidecar(sha256="ABC"))
    with pytest.raises(
        FinstepError, match=r"0000000001-25-000004.json: bad filing metadata.*64 lower-case hex"
    ):
        source.list_filings("ACME")


def test_provenance_travels_into_the_filing_record(tmp_path):
    (tmp_path / "ACME").mkdir()
    path = tmp_path / "ACME" / "0000000001-25-000004.htm.gz"
    path.write_bytes(_gz(DOC))
    url = "https://www.sec.gov/Archives/edgar/data/1/000000000125000004/acme-20241231.htm"
    provenance = {
        "fiscal_year": 2024,
        "primary_document": "acme-20241231.htm",
        "url": url,
        "origin": "a copy of SEC's document",
        "sha256": hashlib.sha256(DOC).hexdigest(),
    }
    (tmp_path / "ACME" / "0000000001-25-000004.json").write_text(_sidecar(**provenance))
    options = {"plugin": "local", "path": str(tmp_path)}
    (ref,) = build_source(options).list_filings("ACME")
    doc, record = tmp_path / "out" / "x.htm", tmp_path / "out" / "x.json"
    ingest.fetch_filing(options, ref.as_dict(), str(doc))  # as the fetch_filing and record_filing jobs
    ingest.record_filing(ref.as_dict(), str(doc), str(record))
    assert doc.read_bytes() == DOC
    written = json.loads(record.read_text())
    assert {k: written[k] for k in provenance} == provenance
    assert (written["ext"], written["bytes"], written["source"]) == ("htm", len(DOC), str(path))
    assert (written["cik"], written["company"], written["period"]) == ("0000000001", "Acme", "2024-12-31")


def test_a_stated_fiscal_year_selects_the_filing(tmp_path):
    """A 10-K for the year ended January 2025 that its filer calls fiscal 2024."""
    (tmp_path / "ACME").mkdir()
    (tmp_path / "ACME" / "0000000001-25-000004.htm").write_bytes(DOC)
    (tmp_path / "ACME" / "0000000001-25-000004.json").write_text(
        _sidecar(period="2025-01-31", fiscal_year=2024)
    )
    options = {"plugin": "local", "path": str(tmp_path)}
    assert build_source({**options, "fiscal_years": [2024, 2024]}).list_filings("ACME")
    with pytest.raises(FinstepError, match="no filings"):
        build_source({**options, "fiscal_years": [2025, 2025]}).list_filings("ACME")


# --- the real 10-Ks the default run ships ---------------------------------------------------------

SHIPPED = ROOT / "resources" / "filings"


def _shipped() -> list[tuple[Path, Path, dict]]:
    return [
        (next(meta.parent.glob(f"{meta.stem}.*.gz")), meta, json.loads(meta.read_text()))
        for meta in sorted(SHIPPED.glob("*/*.json"))
    ]


def test_the_shipped_filings_are_the_default_tickers_and_match_their_provenance():
    config = yaml.safe_load((ROOT / "config" / "config.yaml").read_text())
    assert config["source"] == {"plugin": "local", "path": "resources/filings"}
    shipped = _shipped()
    assert sorted(p.parent.name for p, _, _ in shipped) == sorted(config["tickers"])
    for path, meta_path, meta in shipped:
        data = gzip.decompress(path.read_bytes())
        assert hashlib.sha256(data).hexdigest() == meta["sha256"] and len(data) == meta["bytes"], path
        cik, accession = int(meta["cik"]), meta_path.stem
        assert meta["url"] == (
            f"https://www.sec.gov/Archives/edgar/data/{cik}/{accession.replace('-', '')}/{meta['primary_document']}"
        )
        assert accession.startswith(meta["cik"]) and meta["form"] == "10-K"  # filed by the company itself
        assert meta["primary_document"].rpartition(".")[2] == path.name.split(".")[1]
        assert meta["filed"] > meta["period"] and meta["fiscal_year"] == int(meta["period"][:4])
    refs = [build_source(config["source"]).list_filings(t)[0] for t in config["tickers"]]
    assert all(r.sha256 and r.url and r.fiscal_year == 2024 for r in refs)


def test_the_shipped_filings_are_the_shared_sec_copies_compressed_reproducibly(shared_edgar, tmp_path):
    """Each shipped document hashes to what the shared README lists for its unmodified SEC copy,
    and resources/ship_filings.py writes the same bytes again."""
    listed = dict(
        line.split()[::-1]
        for line in (shared_edgar / "README.md").read_text().splitlines()
        if re.fullmatch(r"[0-9a-f]{64}  \S+", line)
    )
    for _, _, meta in _shipped():
        copy = meta["origin"].split("../shared/edgar/")[1].split()[0]
        assert listed[copy] == meta["sha256"], copy
    result = subprocess.run(
        [
            sys.executable,
            str(ROOT / "resources" / "ship_filings.py"),
            "--from",
            str(shared_edgar),
            "--out",
            str(tmp_path),
        ],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    for path, meta_path, _ in _shipped():
        for made in (path, meta_path):
            assert (tmp_path / made.relative_to(SHIPPED)).read_bytes() == made.read_bytes(), made
