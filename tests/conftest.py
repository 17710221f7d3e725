from __future__ import annotations

import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED_EDGAR = ROOT.parent / "shared" / "edgar"
sys.path.insert(0, str(ROOT / "scripts"))


@pytest.fixture(scope="session")
def shared_edgar() -> Path:
    """Real SEC data kept beside the project; tests that need it skip without it."""
    if not SHARED_EDGAR.is_dir():
        pytest.skip(f"real SEC data not found at {SHARED_EDGAR}")
    return SHARED_EDGAR


def html_doc(body: str, head: str = "") -> bytes:
    return f"<html><head><title>t</title>{head}</head><body>{body}</body></html>".encode()


PROSE = (
    "Net sales increased during the year because of higher demand for the company's services, "
    "and the company expects that trend to continue while it invests in research and development. "
    "Management reviews these results with the board of directors and adjusts its plans as needed."
)
