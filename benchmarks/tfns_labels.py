"""Which of a TFNS file's labels holds the bullish tweets: analyst phrases counted per label.

Usage: python benchmarks/tfns_labels.py [FILE.jsonl ...] [--show 5] [--out FILE.json]

TFNS (zeroshot/twitter-financial-news-sentiment) labels a tweet bearish, bullish or
neutral (ids 0, 1, 2 on its dataset card); FinGPT's prompt asks for negative, neutral or
positive. A file in FinGPT's format (``{"context", "target"}``) whose "positive" rows read
like "Peabody Energy started at hold" and whose "neutral" rows like "CNH Industrial upped
to Buy" maps the ids the wrong way round. This counts, for each of the file's labels, the
rows with phrases only a bullish or a bearish tweet uses (analyst upgrades and
downgrades, target raises and cuts, beats and misses), so the mapping is measured over
every row rather than judged from a few. Default: the shipped file and, when present,
``../shared/benchmarks/tfns/tfns_test.jsonl``.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "scripts"))

from finstep.io import write_json  # noqa: E402

# Phrases of a directional analyst action or result, not of tone: none of them fits a tweet of no view.
CUES = {
    "bullish": re.compile(
        r"\b(upgrade[sd]?|upped|raise[sd]? (?:its |the )?(?:price )?target|target (?:raised|lifted|lift)"
        r"|beats?|outperform|bull(?:ish|s)?|soar(?:s|ed|ing)?|jump(?:s|ed)?|surg(?:e|es|ed|ing)|rall(?:y|ies|ied))\b",
        re.IGNORECASE,
    ),
    "bearish": re.compile(
        r"\b(downgrade[sd]?|cut[s]? (?:to|its|the)|lower(?:s|ed)? (?:its |the )?(?:price )?target|misses"
        r"|underperform|bear(?:ish|s)?|plunge[sd]?|slump(?:s|ed)?|tumble[sd]?|sink(?:s)?|fall(?:s)?)\b",
        re.IGNORECASE,
    ),
}


def tweet(row: dict) -> str:
    """The tweet of FinGPT's prompt (``Input: <text>\\nAnswer:``)."""
    context = row["context"]
    return context.split("Input: ", 1)[-1].rsplit("\nAnswer", 1)[0].strip()


def measure(path: Path, show: int) -> dict:
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    by_label: dict[str, list[str]] = {}
    for row in rows:
        by_label.setdefault(row["target"].strip().lower(), []).append(tweet(row))
    result = {}
    for label, texts in sorted(by_label.items()):
        counts = Counter(cue for text in texts for cue, pattern in CUES.items() if pattern.search(text))
        result[label] = {
            "rows": len(texts),
            **{f"{cue}_share": round(counts[cue] / len(texts), 4) for cue in CUES},
            "examples": {
                cue: [text[:100] for text in texts if pattern.search(text)][:show]
                for cue, pattern in CUES.items()
            },
        }
    bullish = max(result, key=lambda label: result[label]["bullish_share"])
    bearish = max(result, key=lambda label: result[label]["bearish_share"])
    return {
        "file": os.path.relpath(path, ROOT),  # ../shared/… or resources/…: no machine's paths
        "rows": len(rows),
        "labels": result,
        "label_of_bullish_tweets": bullish,
        "label_of_bearish_tweets": bearish,
        "as_published": bullish == "positive" and bearish == "negative",
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("files", nargs="*", type=Path)
    parser.add_argument("--show", type=int, default=3)
    parser.add_argument("--out", type=Path, default=ROOT / "benchmarks/results/tfns-labels.json")
    args = parser.parse_args()
    files = args.files or [
        path
        for path in (
            ROOT / "resources/benchmarks/data/tfns_validation.jsonl",
            ROOT.parent / "shared/benchmarks/tfns/tfns_test.jsonl",
        )
        if path.exists()
    ]
    results = [measure(path, args.show) for path in files]
    for result in results:
        print(f"## {result['file']} ({result['rows']} rows)")
        print("| label | rows | bullish phrases | bearish phrases |\n|---|---|---|---|")
        for label, stats in result["labels"].items():
            print(
                f"| {label} | {stats['rows']} | {stats['bullish_share']:.1%} | {stats['bearish_share']:.1%} |"
            )
        print(
            f"bullish tweets are labelled {result['label_of_bullish_tweets']!r}, bearish "
            f"{result['label_of_bearish_tweets']!r}: "
            + ("as published" if result["as_published"] else "NOT the labels the prompt names")
        )
    write_json(
        args.out,
        {"machine": platform.platform(), "cues": {k: p.pattern for k, p in CUES.items()}, "files": results},
    )
    print(f"wrote {args.out}")


if __name__ == "__main__":
    main()
