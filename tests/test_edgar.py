"""EDGAR plugin against recorded responses (``responses``), never the network."""

import json

import pytest
import responses
from conftest import PROSE, html_doc
from finstep import ingest
from finstep.config_schema import defaults
from finstep.errors import FinstepError, SecBlockedError
from finstep.sources import build_source
from finstep.sources.edgar import document_url
from finstep.sources.sec_http import resolve_user_agent, shared_limiter
from pyrate_limiter import Duration, Rate, SQLiteBucket
from responses.registries import OrderedRegistry

UA = "Test Lab research@example.org"
WWW = defaults("source")["www_url"]  # SEC's host
TICKERS_URL = f"{WWW}/files/company_tickers.json"
SUBMISSIONS = "https://data.sec.gov/submissions/CIK0000000042.json"
PAGE = "https://data.sec.gov/submissions/CIK0000000042-submissions-001.json"
TICKERS = {"0": {"cik_str": 42, "ticker": "ACME", "title": "ACME CORP"}}
BLOCK_PAGE = b"<html><body><h1>Your Request Originates from an Undeclared Automated Tool</h1></body></html>"


def _page(rows):
    keys = ("accessionNumber", "filingDate", "reportDate", "form", "primaryDocument")
    return {k: [r[i] for r in rows] for i, k in enumerate(keys)}


RECENT = _page(
    [
        ("0000000042-24-000010", "2024-02-01", "2023-12-31", "10-K", "acme-20231231.htm"),
        ("0000000042-23-000020", "2023-11-01", "2023-09-30", "10-Q", "acme-q3.htm"),
        ("0000000042-23-000005", "2023-04-01", "2022-12-31", "10-K/A", "acme-a.htm"),
        ("0000000042-23-000001", "2023-02-01", "2022-12-31", "10-K", "acme-20221231.htm"),
    ]
)
OLDER = _page([("0000000042-99-000003", "1999-03-01", "1998-12-31", "10-K", "")])


@pytest.fixture
def source(tmp_path):
    def make(**options):
        opts = {
            "plugin": "edgar",
            "user_agent": UA,
            "cache_dir": str(tmp_path / "cache"),
            "backoff_factor": 0,
        }
        return build_source({**opts, **options})

    return make


@pytest.fixture
def sec():
    with responses.RequestsMock(registry=OrderedRegistry) as mock:
        yield mock


def _submissions(sec):
    body = {
        "cik": "42",
        "name": "Acme Corp",
        "filings": {"recent": RECENT, "files": [{"name": PAGE.rsplit("/", 1)[1]}]},
    }
    sec.get(SUBMISSIONS, json=body)


def test_user_agent_is_required(monkeypatch, source):
    monkeypatch.delenv("SEC_USER_AGENT", raising=False)
    with pytest.raises(FinstepError, match="SEC requires a User-Agent"):
        source(user_agent="")
    with pytest.raises(FinstepError, match="not of the form 'Name email'"):
        resolve_user_agent("python-requests/2.32")
    monkeypatch.setenv("SEC_USER_AGENT", UA)
    assert source(user_agent="").user_agent == UA


def test_ticker_map_is_downloaded_once_and_cached_with_its_date(sec, source, tmp_path):
    sec.get(TICKERS_URL, json=TICKERS, match=[responses.matchers.header_matcher({"User-Agent": UA})])
    assert source().cik_for("ACME") == "0000000042"
    assert source().cik_for("ACME") == "0000000042"  # a new instance reads the cache
    cached = json.loads((tmp_path / "cache" / "company_tickers.json").read_text())
    assert cached["downloaded"] and cached["tickers"] == {"ACME": "0000000042"}
    assert cached["source"] == TICKERS_URL
    assert source().cik_for("320193") == "0000320193"  # CIKs need no lookup
    with pytest.raises(FinstepError, match="'NOPE' is not in SEC's company_tickers.json"):
        source().cik_for("NOPE")
    assert len(sec.calls) == 1


def test_latest_filings_need_no_older_page(sec, source):
    _submissions(sec)
    refs = source(latest=2).list_filings("42")
    assert [r.accession for r in refs] == ["0000000042-24-000010", "0000000042-23-000001"]
    assert (
        refs[0].location == "https://www.sec.gov/Archives/edgar/data/42/000000004224000010/acme-20231231.htm"
    )
    assert refs[0].company == "Acme Corp" and refs[0].period == "2023-12-31"
    assert refs[0].url == refs[0].location and refs[0].primary_document == "acme-20231231.htm"
    assert [c.request.url for c in sec.calls] == [SUBMISSIONS]


def test_amendments_only_when_asked(sec, source):
    _submissions(sec)
    refs = source(latest=1, amendments=True).list_filings("42")
    assert refs[0].form == "10-K" and refs[0].accession == "0000000042-24-000010"
    _submissions(sec)
    sec.get(PAGE, json=OLDER)  # recent starts in fiscal 2022: older 2022 filings may be on the next page
    forms = [r.form for r in source(latest=3, amendments=True, fiscal_years=[2022, 2023]).list_filings("42")]
    assert forms == ["10-K", "10-K/A", "10-K"]


def test_pagination_page_is_fetched_for_older_years(sec, source):
    _submissions(sec)
    sec.get(PAGE, json=OLDER)
    refs = source(fiscal_years=[1998, 1998]).list_filings("42")
    assert [r.accession for r in refs] == ["0000000042-99-000003"]
    # No primary document: the full submission .txt is fetched instead.
    assert refs[0].ext == "txt"
    assert refs[0].location.endswith("/42/000000004299000003/0000000042-99-000003.txt")
    assert refs[0].url == refs[0].location and refs[0].primary_document is None


def test_429_is_retried_then_succeeds(sec, source, tmp_path):
    url = "https://www.sec.gov/Archives/edgar/data/42/000000004224000010/acme-20231231.htm"
    sec.get(url, status=429, headers={"Retry-After": "0"})
    sec.get(url, body=html_doc(f"<p>{PROSE}</p>"))
    ref = {"ticker": "ACME", "accession": "0000000042-24-000010", "ext": "htm", "location": url}
    out = tmp_path / "results" / "x.htm"
    ingest.fetch_filing(source().options, ref, str(out))
    assert PROSE.encode() in out.read_bytes()
    assert len(sec.calls) == 2


def test_server_errors_give_up_after_retries(sec, source):
    url = "https://www.sec.gov/Archives/edgar/data/42/x/a.htm"
    for _ in range(3):
        sec.get(url, status=503)
    with pytest.raises(FinstepError, match="HTTP 503"):
        source(retries=2).session.get(url)


@pytest.mark.parametrize(
    "status,body",
    [(200, BLOCK_PAGE), (403, b"<html>Request Rate Threshold Exceeded</html>")],
)
def test_block_pages_are_errors_and_never_saved(sec, source, tmp_path, status, body):
    url = "https://www.sec.gov/Archives/edgar/data/42/000000004224000010/acme-20231231.htm"
    sec.get(url, status=status, body=body)
    ref = {"ticker": "ACME", "accession": "0000000042-24-000010", "ext": "htm", "location": url}
    out = tmp_path / "results" / "x.htm"
    with pytest.raises(SecBlockedError, match="SEC refused"):
        ingest.fetch_filing(source().options, ref, str(out))
    assert not out.exists() and not list(tmp_path.glob("results/*"))
    assert len(sec.calls) == 1  # a block is not retried: that would extend it


def test_non_filing_download_is_refused(sec, source):
    url = "https://www.sec.gov/Archives/edgar/data/42/x/a.htm"
    sec.get(url, body=b"")
    ref = build_ref(url)
    with pytest.raises(FinstepError, match="empty"):
        source().fetch(ref)


def build_ref(url):
    from finstep.sources import FilingRef

    return FilingRef(ticker="ACME", accession="0000000042-24-000010", ext="htm", location=url)


def test_rate_limit_bucket_is_shared_between_processes(tmp_path):
    db = tmp_path / "ratelimit.sqlite"
    first = shared_limiter(db, 10)
    second = shared_limiter(db, 10)
    for _ in range(3):
        first.try_acquire("sec")
    for _ in range(2):
        second.try_acquire("sec")
    # A third process opening the same file sees all five requests in its window.
    bucket = SQLiteBucket.init_from_file([Rate(10, Duration.SECOND)], table="sec_requests", db_path=str(db))
    assert bucket.count() == 5


def test_document_url():
    assert document_url("0000320193", "0000320193-25-000079", "aapl-20250927.htm", WWW) == (
        "https://www.sec.gov/Archives/edgar/data/320193/000032019325000079/aapl-20250927.htm",
        "htm",
    )
    assert document_url("320193", "0000320193-96-000023", "", WWW)[1] == "txt"
    assert document_url("320193", "0000320193-96-000023", "report.pdf", WWW)[1] == "txt"


@pytest.mark.parametrize("accession", ["../../etc/passwd", "0000000042-24-00001", 42])
def test_a_malformed_accession_in_the_submissions_fails_naming_ticker_and_value(sec, source, accession):
    rows = _page([(accession, "2024-02-01", "2023-12-31", "10-K", "acme.htm")])
    sec.get(SUBMISSIONS, json={"cik": "42", "name": "Acme Corp", "filings": {"recent": rows, "files": []}})
    with pytest.raises(
        FinstepError, match=rf"^ticker '42' \(CIK 0000000042\).*accession number {accession!r}"
    ):
        source(latest=1).list_filings("42")
