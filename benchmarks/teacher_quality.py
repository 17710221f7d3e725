"""A real small model as teacher: valid-answer rate before and after the quality checks, by decoding.

Usage: python benchmarks/teacher_quality.py --model results/models/smollm2-135m-instruct
       [--chunks results/chunks/all.jsonl] [--n 16] [--batch-size 8] [--max-new-tokens 256]
       [--threads 2] [--variants greedy,rp1.2,...]

For each decoding variant the ``transformers`` teacher plugin answers the same
first ``--n`` chunks once (constrained to the answer grammar, one attempt), through
the runner's own ``answer_batch`` with the checks off; each answer is then judged
twice: by the schema alone (what the runner counted as valid before the checks)
and by the quality checks with their default thresholds. The report (JSON) gives
both valid rates, the failures by check, seconds per chunk and a sample answer.
"""

from __future__ import annotations

import argparse
import json
import platform
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "scripts"))

from finstep.io import read_jsonl  # noqa: E402
from finstep.models.loading import set_threads  # noqa: E402
from finstep.teacher.plugins.hf_loaded import LoadedTransformersTeacher  # noqa: E402
from finstep.teacher.prompt import load_prompt  # noqa: E402
from finstep.teacher.quality import QualityChecks, quality_problem  # noqa: E402
from finstep.teacher.runner import answer_batch  # noqa: E402
from finstep.teacher.schema import TeacherAnswer  # noqa: E402

PROMPT = ROOT / "config" / "prompts" / "teacher-v1.yaml"
VARIANTS = {
    "greedy": {},
    "rp1.1": {"repetition_penalty": 1.1},
    "rp1.2": {"repetition_penalty": 1.2},
    "rp1.3": {"repetition_penalty": 1.3},
    "sample0.7-rp1.2": {"do_sample": True, "temperature": 0.7, "top_p": 0.9, "repetition_penalty": 1.2},
    "rp1.2-share0.6": {"repetition_penalty": 1.2, "rationale_share": 0.6},
    "rp1.2-share0.4": {"repetition_penalty": 1.2, "rationale_share": 0.4},
}


def judge(records: list[dict], chunks: dict[str, dict]) -> dict:
    """Schema-valid rate (the runner's count before the checks) and the rate after the checks."""
    schema_valid = [r["triplet"] for r in records if r["status"] == "valid"]
    failures = Counter()
    for triplet in schema_valid:
        answer = TeacherAnswer(rationale=triplet["rationale"], summary=triplet["summary"])
        problem = quality_problem(answer, chunks[triplet["id"]]["text"], QualityChecks())
        if problem:
            failures[problem.partition(":")[0]] += 1
    rejected = Counter(r["reject"]["reason_code"] for r in records if r["status"] == "rejected")
    n = len(records)
    return {
        "schema_valid_rate": round(len(schema_valid) / n, 3),
        "valid_rate_after_checks": round((len(schema_valid) - sum(failures.values())) / n, 3),
        "quality_failures": dict(failures),
        "schema_rejects": dict(rejected),
        "sample": schema_valid[0]["summary"][:300] if schema_valid else None,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--model", required=True, help="a local chat model folder (e.g. the converted SmolLM2)"
    )
    parser.add_argument("--chunks", default=str(ROOT / "results" / "chunks" / "all.jsonl"))
    parser.add_argument("--n", type=int, default=16)
    parser.add_argument("--batch-size", type=int, default=8)
    parser.add_argument("--max-new-tokens", type=int, default=256)
    parser.add_argument("--threads", type=int)
    parser.add_argument("--variants", default=",".join(VARIANTS))
    args = parser.parse_args()
    set_threads(args.threads)
    chunks = list(read_jsonl(args.chunks))[: args.n]
    by_id = {c["id"]: c for c in chunks}
    prompt = load_prompt(PROMPT)
    report = {
        "model": args.model,
        "n": len(chunks),
        "max_new_tokens": args.max_new_tokens,
        "batch_size": args.batch_size,
        "cpu": platform.processor() or platform.machine(),
        "threads": args.threads,
        "variants": {},
    }
    for name in args.variants.split(","):
        options = {
            "model": args.model,
            "max_new_tokens": args.max_new_tokens,
            "batch_size": args.batch_size,
            **VARIANTS[name],
        }
        teacher = LoadedTransformersTeacher(options)
        start = time.perf_counter()
        records = []
        for first in range(0, len(chunks), args.batch_size):
            batch = chunks[first : first + args.batch_size]
            records += answer_batch(
                teacher, batch, prompt, name=name, attempts=1, seed=0, checks=QualityChecks(enabled=False)
            )
        seconds = time.perf_counter() - start
        teacher.close()
        report["variants"][name] = {
            "options": VARIANTS[name],
            **judge(records, by_id),
            "seconds_per_chunk": round(seconds / len(chunks), 2),
            "output_tokens": sum(r["output_tokens"] for r in records),
        }
        print(name, json.dumps(report["variants"][name]), file=sys.stderr, flush=True)
    print(json.dumps(report, indent=2))


if __name__ == "__main__":
    main()
