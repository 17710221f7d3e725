#!/usr/bin/env python3
"""Write the benchmark data shipped under ``resources/benchmarks/data/`` from the real files.

The files come from ``../shared/benchmarks/`` (its README names each one's origin and
licence) and are copied or sampled unchanged, line for line, so that what ships is
exactly what the public set holds:

* ``tfns_validation.jsonl``: TFNS's whole validation split (2,388 rows, MIT), byte for byte;
* ``finqa_dev_sample.jsonl``: 100 of FinQA's 883 dev rows in FinBen's prompt (MIT), seeded;
* ``tatqa_test_sample.json``: 20 of TAT-QA's 277 test contexts with all their questions
  (CC BY 4.0), seeded; a question is only readable with its table and paragraphs, so
  whole contexts are drawn.

Financial PhraseBank is CC BY-NC-SA and is never copied here. ``data/NOTICE.md`` and
``data/LICENSE-TFNS`` are written by hand. Deterministic (the draw is
``finstep.benchmarks.sampling``'s, by id): ``tests/test_benchmark_data.py`` checks the
shipped files are this script's output. Run it with the project's environment:

    .venv/bin/python resources/benchmarks/make_samples.py [--shared DIR] [--out DIR]
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
sys.path.insert(0, str(ROOT / "scripts"))

from finstep.benchmarks.sampling import stratified  # noqa: E402
from finstep.io import write_bytes  # noqa: E402

SEED = 0
FINQA_ROWS = 100
TATQA_CONTEXTS = 20
# Copied unchanged beside the data it covers (TFNS's and TAT-QA's terms are in data/NOTICE.md).
LICENCES = {"finqa/LICENSE-FinQA": "LICENSE-FinQA"}


def finqa_sample(shared: Path) -> bytes:
    """The drawn lines of FinQA's dev file, in file order, unchanged."""
    lines = (shared / "finqa" / "finqa_dev_pixiu.jsonl").read_bytes().splitlines(keepends=True)
    ids = [json.loads(line)["id"] for line in lines]
    drawn = stratified(ids, ["all"] * len(ids), FINQA_ROWS, SEED, "ship").indices
    return b"".join(lines[i] for i in drawn)


def tatqa_sample(shared: Path) -> bytes:
    """The drawn contexts of TAT-QA's test file (gold answers), in file order, as TAT-QA prints JSON."""
    contexts = json.loads((shared / "tatqa" / "tatqa_dataset_test_gold.json").read_text(encoding="utf-8"))
    ids = [context["table"]["uid"] for context in contexts]
    drawn = stratified(ids, ["all"] * len(ids), TATQA_CONTEXTS, SEED, "ship").indices
    return (json.dumps([contexts[i] for i in drawn], indent=2) + "\n").encode("utf-8")


def outputs(shared: Path) -> dict[str, bytes]:
    """File name under data/ → its bytes."""
    files = {
        "tfns_validation.jsonl": (shared / "tfns" / "tfns_test.jsonl").read_bytes(),
        "finqa_dev_sample.jsonl": finqa_sample(shared),
        "tatqa_test_sample.json": tatqa_sample(shared),
    }
    for source, name in LICENCES.items():
        files[name] = (shared / source).read_bytes()
    return files


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared" / "benchmarks")
    parser.add_argument("--out", type=Path, default=HERE / "data")
    args = parser.parse_args()
    if not args.shared.is_dir():
        sys.exit(f"error: {args.shared} not found; pass --shared with the benchmark files")
    for name, data in outputs(args.shared).items():
        write_bytes(args.out / name, data)
        print(f"{args.out / name}: {len(data):,} bytes")


if __name__ == "__main__":
    main()
