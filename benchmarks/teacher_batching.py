"""Teacher throughput: one chunk per ``generate`` call (the original study) against batches.

Usage: python benchmarks/teacher_batching.py [--model PATH] [--n 32] [--batch-size 8]
       [--max-new-tokens 64] [--constrained | --no-constrained] [--device auto] [--dtype auto]

Both runs use one loaded ``transformers`` teacher on the same chunks (from the
synthetic filings in ``tests/data/filings``), in one process, and the report gives
output tokens per second for each and their ratio as JSON. Without ``--model``
a tiny random-weight Llama is built from those chunks in a temp folder, so the
script runs offline on a CPU; on a GPU box pass a real chat model's folder.
Unconstrained runs fix ``min_new_tokens = max_new_tokens`` so every answer has
the same length and only batching differs; constrained answers end when the
grammar does, and their real token counts are used.
"""

from __future__ import annotations

import argparse
import json
import platform
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "scripts"))

import torch  # noqa: E402
from finstep.chunking import ChunkingConfig, chunk_filing  # noqa: E402
from finstep.extract import extract_document  # noqa: E402
from finstep.io import write_jsonl  # noqa: E402
from finstep.teacher.plugins.base import TeacherRequest  # noqa: E402
from finstep.teacher.plugins.hf_loaded import LoadedTransformersTeacher  # noqa: E402
from finstep.teacher.prompt import load_prompt  # noqa: E402
from finstep.tiny_model import build_tiny_model  # noqa: E402

FILINGS = ROOT / "tests" / "data" / "filings"  # the synthetic filings: a small, fixed corpus
PROMPT = ROOT / "config" / "prompts" / "teacher-v1.yaml"


def sample_chunks() -> list[dict]:
    """Every prose chunk of the sample filings, extracted and chunked as the workflow does."""
    chunks = []
    for meta_path in sorted(FILINGS.glob("*/*.json")):
        doc_path = next(p for p in meta_path.parent.glob(f"{meta_path.stem}.*") if p.suffix != ".json")
        filing = {
            **json.loads(meta_path.read_text()),
            "ticker": meta_path.parent.name,
            "accession": meta_path.stem,
        }
        text = extract_document(doc_path.read_bytes(), name=str(doc_path), form=filing["form"])
        chunks += chunk_filing(text, filing, ChunkingConfig())[0]
    return chunks


def requests_for(chunks: list[dict], n: int) -> list[TeacherRequest]:
    prompt = load_prompt(PROMPT)
    picked = (chunks * (n // len(chunks) + 1))[:n]
    return [
        TeacherRequest(
            id=f"{i}-{c['id']}",
            text=c["text"],
            prompt=prompt,
            meta={"ticker": c["ticker"], "section": c["section"]},
        )
        for i, c in enumerate(picked)
    ]


def timed_run(teacher: LoadedTransformersTeacher, requests: list[TeacherRequest], batch_size: int) -> dict:
    """Output tokens per second of ``generate`` over all requests at one batch size."""
    teacher.batch_size = batch_size
    if teacher.device.type == "cuda":
        torch.cuda.synchronize()
    start = time.perf_counter()
    generations = teacher.generate(requests, seed=0)
    if teacher.device.type == "cuda":
        torch.cuda.synchronize()
    seconds = time.perf_counter() - start
    tokens = sum(g.output_tokens for g in generations)
    return {
        "batch_size": batch_size,
        "seconds": round(seconds, 3),
        "output_tokens": tokens,
        "tokens_per_s": round(tokens / seconds, 1),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--model", help="a local model folder (default: build a tiny model)")
    parser.add_argument("--n", type=int, default=32, help="chunks answered in each run")
    parser.add_argument("--batch-size", type=int, default=8, help="the batched run's batch size")
    parser.add_argument("--max-new-tokens", type=int, default=64)
    parser.add_argument("--constrained", action=argparse.BooleanOptionalAction, default=False)
    parser.add_argument("--device", default="auto")
    parser.add_argument("--dtype", default="auto")
    args = parser.parse_args()

    chunks = sample_chunks()
    with tempfile.TemporaryDirectory() as tmp:
        model = args.model
        if model is None:
            write_jsonl(Path(tmp) / "chunks.jsonl", chunks)
            model = str(Path(tmp) / "tiny-llama")
            build_tiny_model(str(Path(tmp) / "chunks.jsonl"), model)
        options = {
            "model": model,
            "max_new_tokens": args.max_new_tokens,
            "min_new_tokens": 0 if args.constrained else args.max_new_tokens,
            "constrained": args.constrained,
            "device": args.device,
            "dtype": args.dtype,
        }
        teacher = LoadedTransformersTeacher(options)
        requests = requests_for(chunks, args.n)
        teacher.batch_size = args.batch_size
        teacher.generate(requests[: args.batch_size], seed=0)  # warm-up: kernels, allocator, grammar cache
        one = timed_run(teacher, requests, 1)
        batched = timed_run(teacher, requests, args.batch_size)
        report = {
            "model": args.model or "tiny random Llama (built from tests/data/filings)",
            "device": str(teacher.device),
            "gpu": torch.cuda.get_device_name(teacher.device) if teacher.device.type == "cuda" else None,
            "dtype": str(teacher.dtype).removeprefix("torch."),
            "cpu": platform.processor() or platform.machine(),
            "torch_threads": torch.get_num_threads(),
            "n": args.n,
            "max_new_tokens": args.max_new_tokens,
            "constrained": args.constrained,
            "one_per_call": one,
            "batched": batched,
            "speedup": round(batched["tokens_per_s"] / one["tokens_per_s"], 2),
        }
        teacher.close()
    print(json.dumps(report, indent=2))


if __name__ == "__main__":
    main()
