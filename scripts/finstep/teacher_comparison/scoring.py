"""Score the comparison: each teacher's own answers, then its student on the common test set.

The common test set is every test chunk that each compared teacher answered validly and
each model predicted. The datasets share their split (same filings, seed and fractions;
``config.comparison_config``), but a teacher's rejected chunks are missing from its
dataset, and a capped prediction draws from what is there: the intersection is what all
students answered and all teachers can be a reference for. Its size is stated, and below
``min_common_rows`` the comparison stops rather than report intervals over a handful.

A student trained on teacher A's summaries scored against A's references is favoured on
A's wording, so no single reference column is neutral. The matrix scores every student
against every teacher's references (the favoured cells are its diagonal), and beside it
three measures that read no reference: the share of the summary's numbers its chunk does
not state, the share of outputs that say nothing, and length.
"""

from __future__ import annotations

import logging
from collections import Counter
from itertools import combinations
from statistics import mean

from ..errors import FinstepError
from ..evaluation.bootstrap import BootstrapSettings, mean_ci, paired_difference
from ..evaluation.metrics.rouge import rouge
from ..evaluation.numbers import check_numbers
from ..evaluation.predictions import no_answer, summary_field
from ..io import read_json, read_jsonl

log = logging.getLogger("finstep.evaluation")

BASE = "base"
# Measures that read no reference: key → (label, higher is better).
REFERENCE_FREE = {
    "unsupported_numbers": ("Unsupported numbers (share of a summary's numbers)", False),
    "no_answer": ("No answer (share of outputs)", False),
    "words": ("Summary words", None),
}


def _words(text: str) -> int:
    return len(text.split())


def _rationale_text(rationale: object) -> str:
    return " ".join(rationale) if isinstance(rationale, list) else str(rationale or "")


def teacher_quality(stats_path: str, triplets_path: str) -> dict:
    """A teacher's own answers: what its stats counted, and its valid summaries' numbers and length."""
    stats = read_json(stats_path)
    triplets = list(read_jsonl(triplets_path))
    checks = [check_numbers(t["summary"], t["text"]) for t in triplets]
    with_numbers = [c for c in checks if c.numbers]
    return {
        "chunks": stats["chunks_in"],
        "valid": stats["valid"],
        "valid_rate": stats["valid_rate"],
        "rejected_by_reason": stats.get("rejected_by_reason", {}),
        "quality_failures": stats.get("quality_failures", {}),
        # Over the valid summaries that state a number: the share of those numbers the chunk lacks,
        # and the share of such summaries with at least one unsupported number.
        "unsupported_numbers": mean(c.share for c in with_numbers) if with_numbers else None,
        "summaries_with_unsupported": (
            sum(bool(c.unsupported) for c in with_numbers) / len(with_numbers) if with_numbers else None
        ),
        "summary_words": mean(_words(t["summary"]) for t in triplets) if triplets else None,
        "rationale_words": mean(_words(_rationale_text(t.get("rationale"))) for t in triplets)
        if triplets
        else None,
    }


def _predictions(path: str) -> dict[str, dict]:
    return {str(row["id"]): row for row in read_jsonl(path) if row.get("task") != "rationale"}


def common_rows(
    tests: dict[str, str], predictions: dict[str, str], references: dict[str, dict[str, dict]]
) -> list[str]:
    """Ids of the test rows every dataset holds, every model predicted and every teacher answered.

    ``tests``: dataset → test.jsonl; ``predictions``: model → predictions file; ``references``:
    teacher → chunk id → its triplet. A row must also carry one prompt in every dataset (the
    predictions' digests say which prompt each model answered): equal configs promise it.
    """
    ids: set[str] | None = None
    for path in tests.values():
        rows = {str(r["id"]) for r in read_jsonl(path) if r.get("task") != "rationale"}
        ids = rows if ids is None else ids & rows
    digests: dict[str, set[str]] = {}
    for path in predictions.values():
        rows = _predictions(path)
        ids &= set(rows)
        for key, row in rows.items():
            digests.setdefault(key, set()).add(row.get("prompt_sha256"))
    for triplets in references.values():
        ids &= set(triplets)
    mixed = sorted(key for key in ids or () if len(digests.get(key, ())) > 1)
    if mixed:
        raise FinstepError(
            f"teacher comparison: test row {mixed[0]} was answered under different prompts by the compared "
            "models; rebuild the datasets and predictions (snakemake --forcerun dataset)"
        )
    return sorted(ids or ())


def model_scores(
    rows: list[str],
    outputs: dict[str, dict],
    references: dict[str, dict[str, dict]],
    fmt: str,
) -> dict[str, list[float | None]]:
    """Per row: ROUGE-L against each teacher's reference summary, and the reference-free measures."""
    scores: dict[str, list[float | None]] = {
        **{f"rougeL:{teacher}": [] for teacher in references},
        **{key: [] for key in REFERENCE_FREE},
    }
    source = next(iter(references.values()))
    for key in rows:
        text = outputs[key]["prediction"]
        summary = summary_field(text, fmt) or text
        for teacher, triplets in references.items():
            scores[f"rougeL:{teacher}"].append(rouge(summary, triplets[key]["summary"])["rougeL"])
        scores["unsupported_numbers"].append(check_numbers(summary, source[key]["text"]).share)
        scores["no_answer"].append(float(no_answer(text)))
        scores["words"].append(float(_words(summary)))
    return scores


def _kept(values: list[float | None]) -> list[float]:
    return [v for v in values if v is not None]


def compare_teachers(
    comparison: dict,
    teacher_files: dict[str, dict[str, str]],
    tests: dict[str, str],
    predictions: dict[str, str],
    settings: BootstrapSettings,
    benchmark_files: list[str] | None = None,
) -> dict:
    """The whole comparison as one JSON-ready dict (``report`` renders it).

    ``teacher_files``: teacher → {stats, triplets}; ``tests``: dataset → test.jsonl;
    ``predictions``: ``base`` and each dataset → that model's predictions file.
    """
    teachers = comparison["teachers"]  # dataset → teacher
    quality = {t: teacher_quality(f["stats"], f["triplets"]) for t, f in teacher_files.items()}
    references = {
        teacher: {str(t["id"]): t for t in read_jsonl(teacher_files[teacher]["triplets"])}
        for teacher in teachers.values()
    }
    rows = common_rows(tests, predictions, references)
    floor = int(comparison["min_common_rows"])
    if len(rows) < floor:
        sizes = ", ".join(f"{d}: {sum(1 for _ in read_jsonl(p))}" for d, p in tests.items())
        raise FinstepError(
            f"teacher comparison: only {len(rows)} test rows are common to every teacher and model (test "
            f"rows {sizes}; floor teacher_comparison.min_common_rows {floor}); answer more chunks "
            "(the teachers' max_chunks) or raise prediction.max_examples"
        )
    per_model = {
        model: model_scores(rows, _predictions(path), references, comparison["format"])
        for model, path in predictions.items()
    }
    measures = {
        **{
            f"rougeL:{t}": {"label": f"ROUGE-L vs {t}'s summaries", "higher_is_better": True, "reference": t}
            for t in references
        },
        **{
            key: {"label": label, "higher_is_better": better, "reference": None}
            for key, (label, better) in REFERENCE_FREE.items()
        },
    }
    students = {
        model: {
            "teacher": teachers.get(model),
            **{key: mean_ci(_kept(values), settings) for key, values in per_model[model].items()},
        }
        for model in predictions
    }
    differences = {}
    for first, second in combinations(comparison["datasets"], 2):
        entry = {}
        for key in measures:
            paired = [
                (a, b)
                for a, b in zip(per_model[first][key], per_model[second][key], strict=True)
                if a is not None and b is not None
            ]
            entry[key] = paired_difference([a for a, _ in paired], [b for _, b in paired], settings)
        differences[f"{second} - {first}"] = entry
    log.info(
        "teacher comparison on %d common test rows: %s",
        len(rows),
        {m: round(s[f"rougeL:{teachers[m]}"]["mean"], 4) for m, s in students.items() if m in teachers},
    )
    return {
        "student": comparison["student"],
        "format": comparison["format"],
        "datasets": dict(teachers),
        "common_rows": {
            "n": len(rows),
            "sections": dict(
                Counter(str(references[teachers[comparison["datasets"][0]]][r]["section"]) for r in rows)
            ),
            "what": "test chunks every compared teacher answered validly and every model predicted",
        },
        "bootstrap": {"samples": settings.samples, "confidence": settings.confidence, "seed": settings.seed},
        "teachers": quality,
        "measures": measures,
        "models": students,
        "differences": differences,
        "benchmarks": benchmark_rows(benchmark_files or [], ["base", *comparison["datasets"]]),
    }


def benchmark_rows(paths: list[str], variants: list[str]) -> list[dict]:
    """Each benchmark's headline metric (its first by order) for the base model and each compared adapter."""
    rows = []
    for path in paths:
        entry = read_json(path)
        keys = sorted(entry["keys"], key=lambda k: entry["keys"][k]["order"])
        if not keys:
            continue
        key = keys[0]
        for protocol, result in entry["protocols"].items():
            found = {
                v: result["variants"][v]["metrics"].get(key) for v in variants if v in result["variants"]
            }
            if len(found) < len(variants):
                continue
            rows.append(
                {
                    "benchmark": entry["benchmark"],
                    "protocol": protocol,
                    "metric": entry["keys"][key]["label"],
                    "n": entry["n"],
                    "variants": found,
                }
            )
    return rows
