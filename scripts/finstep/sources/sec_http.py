"""HTTP to SEC under its fair-access rules.

* one declared User-Agent ("Name email") on every request;
* at most ``requests_per_second`` across every process of a run: the token
  bucket is a SQLite file guarded by a file lock (pyrate-limiter), because
  Snakemake runs download jobs as separate processes;
* retries with exponential backoff on 429 and 5xx (urllib3 ``Retry``),
  honouring ``Retry-After``;
* SEC's block pages are errors, never documents: SEC can serve them with
  status 200, and retrying extends the block, so they are not retried.
"""

from __future__ import annotations

import json
import logging
import os
import re
from pathlib import Path

import requests
from pyrate_limiter import Duration, Limiter, Rate, SQLiteBucket
from requests.adapters import HTTPAdapter
from sec_edgar_api import EdgarClient
from urllib3.util.retry import Retry

from ..errors import FinstepError, SecBlockedError

log = logging.getLogger(__name__)

USER_AGENT_ENV = "SEC_USER_AGENT"
_USER_AGENT = re.compile(r"^\S.*\s\S+@\S+\.\S+$")
BLOCK_MARKERS = ("Request Rate Threshold Exceeded", "Undeclared Automated Tool")
RETRY_STATUSES = (429, 500, 502, 503, 504)
SEC_DATA_URL = "https://data.sec.gov"


def resolve_user_agent(configured: str | None) -> str:
    """Config first, then ``SEC_USER_AGENT``; refuse to go on without a declared one."""
    agent = (configured or os.environ.get(USER_AGENT_ENV) or "").strip()
    if not agent:
        raise FinstepError(
            "SEC requires a User-Agent naming you: set source.user_agent in the config "
            f"or the {USER_AGENT_ENV} environment variable, e.g. 'Jane Doe jane@example.org'"
        )
    if not _USER_AGENT.match(agent):
        raise FinstepError(
            f"User-Agent {agent!r} is not of the form 'Name email' that SEC requires, "
            "e.g. 'Jane Doe jane@example.org'"
        )
    return agent


def shared_limiter(db_path: str | os.PathLike, per_second: int) -> Limiter:
    """A token bucket shared by all processes that open the same SQLite file."""
    Path(db_path).parent.mkdir(parents=True, exist_ok=True)
    bucket = SQLiteBucket.init_from_file(
        [Rate(per_second, Duration.SECOND)],
        table="sec_requests",
        db_path=str(db_path),
        use_file_lock=True,
    )
    return Limiter(bucket, raise_when_fail=False, max_delay=Duration.MINUTE)


def is_block_page(body: bytes) -> str | None:
    head = body[:65536].decode("utf-8", "replace")
    return next((marker for marker in BLOCK_MARKERS if marker.lower() in head.lower()), None)


class SecSession:
    """A ``requests`` session for SEC hosts with the limiter, retries and block checks."""

    def __init__(
        self,
        user_agent: str,
        limiter: Limiter,
        *,
        retries: int = 5,
        backoff_factor: float = 1.0,
        timeout: float = 60.0,
    ) -> None:
        self.limiter = limiter
        self.timeout = timeout
        self.session = requests.Session()
        self.session.headers.update({"User-Agent": user_agent, "Accept-Encoding": "gzip, deflate"})
        retry = Retry(
            total=retries,
            backoff_factor=backoff_factor,
            status_forcelist=RETRY_STATUSES,
            allowed_methods=frozenset({"GET"}),
            respect_retry_after_header=True,
            raise_on_status=False,
        )
        adapter = HTTPAdapter(max_retries=retry)
        self.session.mount("https://", adapter)
        self.session.mount("http://", adapter)

    def get(self, url: str) -> bytes:
        """GET ``url``; the body, or a one-line error naming the URL and what to do."""
        self.limiter.try_acquire("sec")
        try:
            response = self.session.get(url, timeout=self.timeout)
        except requests.RequestException as exc:
            raise FinstepError(f"request to {url} failed: {exc}; check the network and rerun") from exc
        marker = is_block_page(response.content)
        if marker:
            raise SecBlockedError(
                f"SEC refused {url} with its '{marker}' page: SEC blocks clients for about 10 minutes; "
                "check the User-Agent, wait, then rerun (finished downloads are kept)"
            )
        if response.status_code == 404:
            raise FinstepError(f"{url} does not exist on SEC (HTTP 404); check the ticker or CIK")
        if response.status_code >= 400:
            raise FinstepError(
                f"SEC answered HTTP {response.status_code} for {url} after retries; rerun later"
            )
        log.debug("GET %s -> %d (%d bytes)", url, response.status_code, len(response.content))
        return response.content

    def get_json(self, url: str) -> dict:
        body = self.get(url)
        try:
            return json.loads(body)
        except ValueError as exc:
            raise FinstepError(f"{url} did not return JSON; SEC may be down, rerun later") from exc


class SharedLimitEdgarClient(EdgarClient):
    """sec-edgar-api's client, sending its requests through a :class:`SecSession`.

    The library limits each process on its own; this subclass puts its calls
    under the run-wide limiter, retries and block-page checks instead.
    """

    def __init__(self, session: SecSession, data_url: str = SEC_DATA_URL) -> None:
        super().__init__(session.session.headers["User-Agent"])
        self._sec = session
        self._data_url = data_url.rstrip("/")

    def _rate_limited_get(self, url: str) -> dict:  # type: ignore[override]
        # The library builds data.sec.gov URLs itself; point them at a configured mirror.
        if url.startswith(SEC_DATA_URL):
            url = self._data_url + url[len(SEC_DATA_URL) :]
        return self._sec.get_json(url)

    def get_submissions_page(self, name: str) -> dict:
        """One of the older pages listed in ``filings.files``."""
        return self._rate_limited_get(f"{SEC_DATA_URL}/submissions/{name}")
