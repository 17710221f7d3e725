"""The comparison as a Markdown table (to read), a CSV (to plot elsewhere) and JSON (everything)."""

from __future__ import annotations

import csv

from ..evaluation.formatting import interval_text, value_text
from ..io import atomic_open, write_json


def _counts(counts: dict[str, int]) -> str:
    return ", ".join(f"{code} {n}" for code, n in sorted(counts.items(), key=lambda kv: -kv[1])) or "none"


def _number(value: float | None, digits: int = 3) -> str:
    return "–" if value is None else f"{value:.{digits}f}"


def _model_name(result: dict, model: str) -> str:
    teacher = result["models"][model]["teacher"]
    return "base model" if teacher is None else f"tuned on {teacher} ({model})"


def markdown(result: dict) -> str:
    """Teachers' own answers, then their students on the common test set, then the benchmarks."""
    measures = result["measures"]
    rows = result["common_rows"]
    lines = [
        f"# Teachers compared by their students ({result['student']}, format {result['format']})",
        "",
        "## The teachers' own answers",
        "",
        "On the same chunks (the teachers' `max_chunks`). Unsupported numbers: over the valid summaries "
        "that state a number, the mean share of their numbers the chunk does not state, and the share "
        "of those summaries with at least one.",
        "",
        "| teacher | chunks | valid | rejected, by reason | attempts failing a quality check | "
        "unsupported numbers | summaries with one | summary words | rationale words |",
        "| --- | ---: | ---: | --- | --- | ---: | ---: | ---: | ---: |",
    ]
    for name, q in result["teachers"].items():
        lines.append(
            f"| {name} | {q['chunks']} | {q['valid']} ({q['valid_rate']:.0%}) | {_counts(q['rejected_by_reason'])} "
            f"| {_counts(q['quality_failures'])} | {_number(q['unsupported_numbers'])} "
            f"| {_number(q['summaries_with_unsupported'])} | {_number(q['summary_words'], 1)} "
            f"| {_number(q['rationale_words'], 1)} |"
        )
    keys = list(measures)
    lines += [
        "",
        f"## The students on one common test set (n={rows['n']})",
        "",
        f"The rows: {rows['what']} (10-K Items: "
        + ", ".join(f"{s} {n}" for s, n in sorted(rows["sections"].items()))
        + "). Every model is scored against every teacher's summaries: a student is favoured against its "
        "own teacher's (marked \\*), so read each ROUGE-L column down, and the last columns, which use no "
        f"reference, across. Means with {result['bootstrap']['confidence']:.0%} bootstrap intervals.",
        "",
        "| model | " + " | ".join(measures[k]["label"] for k in keys) + " |",
        "| --- | " + " | ".join("---" for _ in keys) + " |",
    ]
    for model, scores in result["models"].items():
        cells = []
        for key in keys:
            text = interval_text(scores[key])
            own = measures[key]["reference"] is not None and measures[key]["reference"] == scores["teacher"]
            cells.append(f"{text} \\*" if own else text)
        lines.append(f"| {_model_name(result, model)} | " + " | ".join(cells) + " |")
    if result["differences"]:
        lines += [
            "",
            "Paired differences between the students, on the same rows:",
            "",
            "| difference | " + " | ".join(measures[k]["label"] for k in keys) + " |",
            "| --- | " + " | ".join("---" for _ in keys) + " |",
        ]
        for name, entry in result["differences"].items():
            lines.append(
                f"| {name} | " + " | ".join(interval_text(entry[k], signed=True) for k in keys) + " |"
            )
    if result["benchmarks"]:
        models = list(result["models"])
        lines += [
            "",
            "## The students on the standard benchmarks",
            "",
            "| benchmark | protocol | metric | " + " | ".join(_model_name(result, m) for m in models) + " |",
            "| --- | --- | --- | " + " | ".join("---" for _ in models) + " |",
        ]
        for row in result["benchmarks"]:
            cells = [value_text(row["variants"].get(m)) for m in models]
            lines.append(
                f"| {row['benchmark']} (n={row['n']}) | {row['protocol']} | {row['metric']} | "
                + " | ".join(cells)
                + " |"
            )
    lines.append("")
    return "\n".join(lines)


CSV_COLUMNS = ("section", "name", "teacher", "measure", "mean", "low", "high", "n")


def csv_rows(result: dict) -> list[dict]:
    """One row per (model, measure) and per (teacher, own-answer figure): long format."""
    rows = []
    for name, q in result["teachers"].items():
        for key in ("valid_rate", "unsupported_numbers", "summaries_with_unsupported", "summary_words"):
            rows.append(
                {
                    "section": "teacher",
                    "name": name,
                    "teacher": name,
                    "measure": key,
                    "mean": q[key],
                    "n": q["chunks"],
                }
            )
    for model, scores in result["models"].items():
        for key in result["measures"]:
            stats = scores[key]
            rows.append(
                {
                    "section": "student",
                    "name": model,
                    "teacher": scores["teacher"] or "",
                    "measure": key,
                    **stats,
                }
            )
    for name, entry in result["differences"].items():
        for key, stats in entry.items():
            rows.append({"section": "difference", "name": name, "teacher": "", "measure": key, **stats})
    return rows


def write_report(result: dict, json_path: str, markdown_path: str, csv_path: str) -> None:
    write_json(json_path, result)
    with atomic_open(markdown_path) as handle:
        handle.write(markdown(result))
    with atomic_open(csv_path) as handle:
        writer = csv.DictWriter(handle, fieldnames=CSV_COLUMNS, extrasaction="ignore", lineterminator="\n")
        writer.writeheader()
        writer.writerows(csv_rows(result))
