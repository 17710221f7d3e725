"""Run a teacher over a shard of the corpus, resumably; gather shards; check the result.

Chunks go to shards by a hash of their id, so a chunk's shard never depends
on the other chunks, and sharded and unsharded runs answer the same chunks
with the same prompts. A shard appends one line per answered chunk to a
hidden progress file (flushed and fsynced per batch): after a crash or a
cluster timeout the rerun skips what is there, unless the teacher's options
or prompt changed meanwhile (a key stored beside the progress file says),
when the shard starts over. Only a finished shard is
renamed to its output, so ``results/`` never holds a half-written shard.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import time
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

from tqdm import tqdm

from ..config_schema import defaults
from ..errors import FinstepError
from ..io import atomic_open, read_jsonl, write_json, write_jsonl
from ..redaction import redact
from .config import JOB_OPTIONS
from .parser import parse_answer, reason_code
from .plugins import Teacher, TeacherRequest, build_teacher, teacher_class
from .prompt import Prompt, load_prompt
from .quality import QualityChecks, quality_problem

log = logging.getLogger("finstep.teacher")
RAW_KEEP = 2000  # characters of a rejected raw output kept for inspection
TRIPLET_FIELDS = ("id", "ticker", "accession", "section", "text", "rationale", "summary")


def shard_of(chunk_id: str, shards: int) -> int:
    """Stable shard of a chunk: the same on every machine and for every corpus size."""
    return int(hashlib.sha256(chunk_id.encode()).hexdigest()[:12], 16) % shards


def spread(rows: list, n: int | None) -> list:
    """``n`` rows evenly spaced over ``rows``, in their order: all where ``n`` is None or not smaller.

    The corpus is ordered by filing and Item, so its first chunks are one filing's business
    section: a trial on them says nothing about risk factors or MD&A, and a dataset built on
    them has one filing, which a split by filing cannot divide. Evenly spaced chunks keep every
    filing and Item in proportion, and depend on ``n`` and the corpus alone, so teachers given
    the same ``max_chunks`` answer the same chunks (a teacher comparison relies on it).
    """
    if n is None or n >= len(rows):
        return list(rows)
    return [rows[int((i + 0.5) * len(rows) / n)] for i in range(n)]


def corpus(chunks_path: str, max_chunks: int | None = None) -> list[dict]:
    """The chunks a teacher answers: all, or ``max_chunks`` spread evenly over the corpus (``spread``)."""
    return spread(list(read_jsonl(chunks_path)), max_chunks)


def shard_chunks(chunks_path: str, shard: int, shards: int, max_chunks: int | None = None) -> list[dict]:
    chunks = corpus(chunks_path, max_chunks)
    if not chunks:
        raise FinstepError(f"{chunks_path} holds no chunks: check the source filings and chunking settings")
    if not 0 <= shard < shards:
        raise FinstepError(f"shard {shard} does not exist: teacher shards are 0..{shards - 1}")
    return [c for c in chunks if shard_of(c["id"], shards) == shard]


# Options that choose which chunks are answered, not how: changing them keeps finished answers.
SELECTION_OPTIONS = frozenset({"max_chunks", "shards"})


def answer_key(options: dict) -> dict:
    """Everything that shapes an answer: the plugin's options (model, revision, decoding, seed,
    quality thresholds) and the prompt template's text, so a resumed shard never mixes answers
    made under two configurations. The plugin's ``transport_options`` (a server's URL, timeouts,
    retries) are left out: raising a timeout keeps the answers already paid for."""
    transport = teacher_class(options["plugin"]).transport_options
    shaping = {k: v for k, v in options.items() if k not in SELECTION_OPTIONS | JOB_OPTIONS | transport}
    prompt = Path(options["prompt"]).read_bytes() if options.get("prompt") else b""
    key = {"options": shaping, "prompt_sha256": hashlib.sha256(prompt).hexdigest()}
    return json.loads(json.dumps(key, sort_keys=True, default=str))  # as it reads back from disk


def _resume_or_restart(progress: Path, key_path: Path, key: dict, name: str, shard: int) -> None:
    """Drop a progress file written under another key, saying what changed."""
    if progress.exists() and key_path.exists():
        old = json.loads(key_path.read_text(encoding="utf-8"))
        if old != key:
            before = old.get("options", {})
            changed = sorted(k for k in {*before, *key["options"]} if before.get(k) != key["options"].get(k))
            if old.get("prompt_sha256") != key["prompt_sha256"]:
                changed.append("the prompt template")
            log.warning(
                "%s shard %d: %s changed since the interrupted run; its %s answers are discarded and the "
                "shard starts over",
                name,
                shard,
                ", ".join(changed) or "the configuration",
                len(progress.read_text(encoding="utf-8").splitlines()),
            )
            progress.unlink()
    elif progress.exists():  # written by a version that kept no key: its configuration is unknown
        log.warning("%s shard %d: a progress file without a configuration key; starting over", name, shard)
        progress.unlink()
    with atomic_open(key_path) as handle:
        json.dump(key, handle, sort_keys=True)


def _read_progress(path: Path) -> dict[str, dict]:
    """Records already written; a line cut by a crash is dropped (its chunk is redone)."""
    if not path.exists():
        return {}
    done, good = {}, []
    with open(path, encoding="utf-8") as handle:
        for line in handle:
            try:
                record = json.loads(line)
            except ValueError:
                break
            if not line.endswith("\n"):
                break
            done[record["id"]] = record
            good.append(line)
    with open(path, "w", encoding="utf-8") as handle:
        handle.writelines(good)
    return done


def _batches(items: list[dict], size: int) -> Iterator[list[dict]]:
    for start in range(0, len(items), max(1, size)):
        yield items[start : start + max(1, size)]


def _request(chunk: dict, prompt: Prompt) -> TeacherRequest:
    meta = {k: chunk.get(k) for k in ("ticker", "company", "section", "accession")}
    return TeacherRequest(id=chunk["id"], text=chunk["text"], prompt=prompt, meta=meta)


def answer_batch(
    teacher: Teacher,
    chunks: list[dict],
    prompt: Prompt,
    *,
    name: str,
    attempts: int,
    seed: int,
    checks: QualityChecks | None = None,
) -> Iterator[dict]:
    """One record per chunk: valid, or rejected after ``attempts`` tries with changed seeds.

    An answer that parses but fails a quality check (``checks``) is retried like
    one that does not parse; each record lists the checks its attempts failed.
    What a backend wrote is stored redacted (``finstep.redaction``), like a log: a
    server may echo the key it was sent inside an answer as well as in an error.
    """
    checks = checks or QualityChecks()
    base = {"teacher": name, "revision": teacher.revision, "prompt_version": prompt.version}
    pending = list(chunks)
    last: dict[str, tuple[str, str]] = {}
    tokens: Counter[str] = Counter()
    seconds: Counter[str] = Counter()
    truncated: set[str] = set()
    failed: dict[str, list[str]] = {c["id"]: [] for c in chunks}  # quality codes, one per failed attempt
    for attempt in range(attempts):
        start = time.perf_counter()
        generations = teacher.generate([_request(c, prompt) for c in pending], seed=seed + attempt)
        share = (time.perf_counter() - start) / max(1, len(pending))
        retry = []
        for chunk, gen in zip(pending, generations, strict=True):
            tokens[chunk["id"]] += gen.output_tokens
            seconds[chunk["id"]] += share
            if gen.truncated_input:
                truncated.add(chunk["id"])
            answer, reason = (None, f"backend: {gen.error}") if gen.error else parse_answer(gen.text)
            if answer is not None and (problem := quality_problem(answer, chunk["text"], checks)):
                answer, reason = None, problem
                failed[chunk["id"]].append(reason_code(problem))
            stats = {
                "attempts": attempt + 1,
                "output_tokens": tokens[chunk["id"]],
                "seconds": round(seconds[chunk["id"]], 4),
                "truncated": chunk["id"] in truncated,
                "quality_failures": failed[chunk["id"]],
            }
            if answer is not None:
                triplet = {k: chunk.get(k) for k in TRIPLET_FIELDS[:5]}
                triplet.update(
                    {k: redact(v) for k, v in answer.model_dump().items()},
                    **base,
                    truncated=stats["truncated"],
                )
                yield {"id": chunk["id"], "status": "valid", "triplet": triplet, **stats}
            else:
                last[chunk["id"]] = (reason, gen.text)
                retry.append(chunk)
        pending = retry
        if not pending:
            return
    for chunk in pending:
        reason, raw = last[chunk["id"]]
        reject = {k: chunk.get(k) for k in TRIPLET_FIELDS[:5]}
        reject.update(
            reason=redact(reason), reason_code=reason_code(reason), raw=redact(raw)[:RAW_KEEP], **base
        )
        yield {
            "id": chunk["id"],
            "status": "rejected",
            "reject": reject,
            "attempts": attempts,
            "output_tokens": tokens[chunk["id"]],
            "seconds": round(seconds[chunk["id"]], 4),
            "truncated": chunk["id"] in truncated,
            "quality_failures": failed[chunk["id"]],
        }


def run_shard(chunks_path: str, shard: int, shards: int, name: str, options: dict, out: str) -> None:
    """Answer every chunk of one shard, resuming from the progress file.

    ``options`` are a teacher's checked options (``teacher_configs``); a key they
    lack takes the schema's default.
    """
    options = {**defaults("teachers", "*"), **options}
    prompt = load_prompt(options["prompt"])
    checks = QualityChecks.from_options(options.get("quality"))
    chunks = shard_chunks(chunks_path, shard, shards, options.get("max_chunks"))
    progress = Path(out).with_name(f".{Path(out).name}.progress")
    key_path = Path(out).with_name(f".{Path(out).name}.key.json")
    progress.parent.mkdir(parents=True, exist_ok=True)
    _resume_or_restart(progress, key_path, answer_key(options), name, shard)
    done = _read_progress(progress)
    pending = [c for c in chunks if c["id"] not in done]
    log.info(
        "%s shard %d/%d: %d chunks, %d done before, %d to do",
        name,
        shard,
        shards,
        len(chunks),
        len(done),
        len(pending),
    )
    if pending:
        teacher = build_teacher(options)
        try:
            with (
                open(progress, "a", encoding="utf-8") as handle,
                tqdm(total=len(chunks), initial=len(done), desc=f"{name} shard {shard}", unit="chunk") as bar,
            ):
                for batch in _batches(pending, teacher.batch_size):
                    for record in answer_batch(
                        teacher,
                        batch,
                        prompt,
                        name=name,
                        attempts=int(options["attempts"]),
                        seed=int(options["seed"]),
                        checks=checks,
                    ):
                        handle.write(json.dumps(record, ensure_ascii=False) + "\n")
                        done[record["id"]] = record
                    handle.flush()
                    os.fsync(handle.fileno())
                    bar.update(len(batch))
        finally:
            teacher.close()
    write_jsonl(out, (done[c["id"]] for c in chunks))
    progress.unlink(missing_ok=True)
    key_path.unlink(missing_ok=True)


def gather(
    chunks_path: str,
    shard_paths: list[str],
    triplets: str,
    rejects: str,
    stats_path: str,
    max_chunks: int | None = None,
) -> None:
    """Shards → triplets and rejects in corpus order, and the run's statistics."""
    records: dict[str, dict] = {}
    for path in shard_paths:
        for record in read_jsonl(path):
            records[record["id"]] = record
    order = [c["id"] for c in corpus(chunks_path, max_chunks)]
    missing = [i for i in order if i not in records]
    if missing:
        raise FinstepError(
            f"{len(missing)} chunks have no teacher answer (e.g. {missing[0]}): rerun the shards"
        )
    ordered = [records[i] for i in order]
    write_jsonl(triplets, (r["triplet"] for r in ordered if r["status"] == "valid"))
    write_jsonl(rejects, (r["reject"] for r in ordered if r["status"] == "rejected"))
    write_json(stats_path, summarize(ordered))


def summarize(records: list[dict]) -> dict:
    valid = sum(r["status"] == "valid" for r in records)
    tokens = sum(r["output_tokens"] for r in records)
    seconds = sum(r["seconds"] for r in records)
    return {
        "chunks_in": len(records),
        "valid": valid,
        "rejected": len(records) - valid,
        "valid_rate": round(valid / len(records), 4) if records else 0.0,
        "rejected_by_reason": dict(
            Counter(r["reject"]["reason_code"] for r in records if r["status"] == "rejected")
        ),
        "retried": sum(r["attempts"] > 1 for r in records),
        # Every attempt that parsed but failed a quality check, by check, retried or not.
        "quality_failures": dict(Counter(code for r in records for code in r.get("quality_failures", []))),
        "truncated": sum(r["truncated"] for r in records),
        "output_tokens": tokens,
        "generation_seconds": round(seconds, 3),
        "output_tokens_per_second": round(tokens / seconds, 2) if seconds else None,
    }


def check(stats_path: str, name: str, min_valid_rate: float, out: str) -> None:
    """Stop the workflow when too few answers were valid; otherwise write a readable summary."""
    stats = json.loads(Path(stats_path).read_text(encoding="utf-8"))
    rejects = Path(stats_path).with_name("rejects.jsonl")
    if stats["valid_rate"] < min_valid_rate:
        raise FinstepError(
            f"teacher {name!r}: only {stats['valid_rate']:.0%} of {stats['chunks_in']} chunks got a valid answer "
            f"(floor {min_valid_rate:.0%}; rejects by reason {stats['rejected_by_reason']}); see {rejects}"
        )
    lines = [
        f"# Teacher `{name}`",
        "",
        "| | |",
        "| --- | ---: |",
        f"| chunks | {stats['chunks_in']} |",
        f"| valid answers | {stats['valid']} ({stats['valid_rate']:.1%}) |",
        f"| rejected | {stats['rejected']} |",
        f"| answered after a retry | {stats['retried']} |",
        f"| attempts that failed a quality check | {sum(stats.get('quality_failures', {}).values())} |",
        f"| chunks truncated to fit the context | {stats['truncated']} |",
        f"| output tokens per second | {stats['output_tokens_per_second']} |",
        "",
    ]
    lines += [f"- rejected for `{code}`: {n}" for code, n in sorted(stats["rejected_by_reason"].items())]
    lines += [
        f"- attempts failing the `{code}` check: {n}"
        for code, n in sorted(stats.get("quality_failures", {}).items())
    ]
    with atomic_open(out) as handle:
        handle.write("\n".join(lines) + "\n")
