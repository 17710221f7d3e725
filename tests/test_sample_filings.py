"""The committed synthetic filings are what tests/data/make_sample_filings.py writes from
tests/data/sample_filings/."""

from __future__ import annotations

import importlib.util
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT

SCRIPT = ROOT / "tests" / "data" / "make_sample_filings.py"
COMMITTED = ROOT / "tests" / "data" / "filings"


def _files(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


@pytest.fixture(scope="module")
def maker():
    spec = importlib.util.spec_from_file_location("make_sample_filings", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_regenerating_gives_exactly_the_committed_filings(tmp_path):
    result = subprocess.run(
        [sys.executable, str(SCRIPT), "--out", str(tmp_path)], capture_output=True, text=True, cwd=ROOT
    )
    assert result.returncode == 0, result.stderr
    made, committed = _files(tmp_path), _files(COMMITTED)
    assert sorted(made) == sorted(committed), "files written differ from the files committed"
    differing = sorted(name for name in committed if made[name] != committed[name])
    assert not differing, (
        f"{differing} differ from what the data gives: run `.venv/bin/python tests/data/make_sample_filings.py` "
        "and commit the result, or fix the data under tests/data/sample_filings/"
    )


def _figure(cell: str) -> float | None:
    text = cell.replace("$", "").replace(",", "").strip()
    negative = text.startswith("(") and text.endswith(")")
    try:
        value = float(text.strip("()"))
    except ValueError:
        return None
    return -value if negative else value


def _tables(blocks):
    for block in blocks:
        if isinstance(block, tuple) and block[0] == "table":
            yield block[1]
        elif isinstance(block, tuple) and block[0] == "textblock":
            yield from _tables(block[2])


def test_written_out_percentage_changes_match_their_figures(maker):
    """Change columns are data now: each must still follow from the two years' figures beside it."""
    checked = 0
    for filing in maker.load_filings():
        for entry in filing["items"]:
            for spec in _tables(entry[2] if entry[0] == "item" else []):
                columns = spec["columns"]
                if not {"Change", "Percentage Change"} & set(columns) or not all(
                    c.isdigit() for c in columns if "Change" not in c
                ):
                    continue
                pct = next(i for i, c in enumerate(columns) if "Change" in c)
                old, new = sorted((i for i in range(len(columns)) if i != pct), key=lambda i: columns[i])
                for row in spec["rows"]:
                    if not row["cells"] or not row["cells"][pct].strip():
                        continue
                    a, b = _figure(row["cells"][new]), _figure(row["cells"][old])
                    if a is None or b is None:  # ratios ("12 %"), whose change is in points
                        continue
                    expected = round((a - b) / abs(b) * 100)
                    shown = f"({abs(expected)})%" if expected < 0 else f"{expected} %"
                    assert row["cells"][pct] == shown, (filing["accession"], entry[1], row["label"])
                    checked += 1
    assert checked > 20


def test_item_markdown_syntax(maker):
    text = """## Heading

A paragraph
wrapped over $[[RD|FY2024|1,234]] lines.

**A risk heading
in bold.**

- one bullet,
  continued;
- another.

<!-- page break -->

<!-- textblock us-gaap:XTextBlock -->

Note text.

<!-- end textblock -->

```grid
header = ["A", "B"]
rows = [["1", "2"]]
```
"""
    assert maker.parse_blocks(text, "t") == [
        ("heading", "Heading"),
        "A paragraph wrapped over $[[RD|FY2024|1,234]] lines.",
        ("risk", "A risk heading in bold."),
        ("bullets", ["one bullet, continued;", "another."]),
        ("break",),
        ("textblock", "us-gaap:XTextBlock", ["Note text."]),
        ("grid", {"header": ["A", "B"], "rows": [["1", "2"]]}),
    ]


@pytest.mark.parametrize(
    "text",
    [
        '```table\ncolumns = ["2024"]\nrows = []\ncolour = "red"\n```\n',  # unknown key
        "```table\ncolumns = [\n",  # fence never closed
        "<!-- textblock us-gaap:XTextBlock -->\n\nText.\n",  # textblock never ended
    ],
)
def test_malformed_item_markdown_is_refused(maker, text):
    with pytest.raises(maker.DataError):
        maker.parse_blocks(text, "t")
