"""The measurement's inputs, made from the synthetic filings in ``tests/data/filings`` with no download.

Chunks are the filings' extracted sections cut at paragraph boundaries to the
chunking size (``finstep.chunking`` needs langchain, which the device machine
lacks; what is measured is training, generation and scoring, not chunking).
From them: a multitask distillation set built by ``finstep.datasets.build`` with
the extractive teacher's answers, preference pairs for DPO, and benchmark rows.
"""

from __future__ import annotations

import json
import random
from pathlib import Path

from finstep.benchmarks.rows import BenchRow, write_rows
from finstep.config_schema import defaults
from finstep.datasets.build import build_dataset
from finstep.extract import extract_document
from finstep.io import read_jsonl, write_json, write_jsonl
from finstep.sentences import split_sentences
from finstep.teacher.extractive import rationale, summary

ROOT = Path(__file__).resolve().parents[2]
FILINGS = ROOT / "tests" / "data" / "filings"
LABELS = ("negative", "neutral", "positive")


def sample_chunks() -> list[dict]:
    """Every section of the sample filings, cut into paragraph runs of at most the chunking size."""
    size = int(defaults("chunking")["size"])
    chunks: list[dict] = []
    for meta_path in sorted(FILINGS.glob("*/*.json")):
        doc_path = next(p for p in meta_path.parent.glob(f"{meta_path.stem}.*") if p.suffix != ".json")
        meta = json.loads(meta_path.read_text())
        sections = extract_document(doc_path.read_bytes(), name=str(doc_path), form=meta["form"])["sections"]
        for section in sections:
            run: list[str] = []
            for paragraph in [*section["text"].split("\n"), None]:
                if paragraph is not None and len(" ".join([*run, paragraph])) <= size:
                    run.append(paragraph)
                    continue
                text = "\n".join(run).strip()
                if len(text.split()) >= 30:
                    chunks.append(
                        {
                            "id": f"{meta_path.parent.name}-{meta_path.stem}-{len(chunks)}",
                            "ticker": meta_path.parent.name,
                            "accession": meta_path.stem,
                            "section": section["item"],
                            "text": text,
                        }
                    )
                run = [paragraph[:size]] if paragraph else []
    return chunks


def triplet(chunk: dict) -> dict:
    """The extractive teacher's answer for one chunk, as a triplet row (as benchmarks/train_speed.py)."""
    sentences = split_sentences(chunk["text"])
    meta = {"ticker": chunk["ticker"], "section": chunk["section"]}
    context = f"Excerpt from {chunk['ticker']}'s Form 10-K"
    return {
        **chunk,
        "summary": summary(sentences, lead=1, cap=3, context=context),
        "rationale": rationale(sentences, meta),
    }


def multitask_dataset(folder: Path, chunks: list[dict]) -> str:
    """A distilling step-by-step set (summary and rationale rows) through ``finstep.datasets.build``."""
    triplets = folder / "triplets.jsonl"
    write_jsonl(triplets, [triplet(chunk) for chunk in chunks])
    out = folder / "bench_dss"
    outputs = {split: str(out / f"{split}.jsonl") for split in ("train", "val", "test")}
    options = {**defaults("datasets", "*"), "kind": "distill", "format": "multitask", "alpha": 0.5}
    build_dataset("bench_dss", options, str(triplets), {**outputs, "info": str(out / "split.json")})
    return str(out)


def preference_set(folder: Path, dataset_dir: str, val_pairs: int) -> str:
    """Preference pairs from the training rows: the row's own answer chosen, another row's rejected.

    Which answer is preferred does not change a DPO step's cost; the lengths are
    the set's own.
    """
    rows = list(read_jsonl(Path(dataset_dir) / "train.jsonl"))
    shuffled = random.Random(0).sample(rows, len(rows))
    pairs = [
        {"id": row.get("id", str(i)), "prompt": row["prompt"], "chosen": row["completion"], "rejected": other}
        for i, (row, other) in enumerate(zip(rows, [r["completion"] for r in shuffled], strict=True))
        if other != row["completion"]
    ]
    out = folder / "preferences"
    write_jsonl(out / "train.jsonl", pairs[val_pairs:])
    write_jsonl(out / "val.jsonl", pairs[:val_pairs])
    write_json(
        out / "stats.json",
        {"train": {"pairs": len(pairs) - val_pairs}, "val": {"pairs": val_pairs}, "rejected": "shuffled"},
    )
    return str(out)


def benchmark_rows(folder: Path, chunks: list[dict], count: int) -> dict[str, str]:
    """Sentiment-style rows (three labels, FinGPT's prompt shape) and QA-style rows, from the chunks."""
    picked = random.Random(0).sample(chunks, min(count, len(chunks)))
    sentiment = [
        BenchRow(
            f"sent{i}",
            "What is the sentiment of this news? Please choose an answer from {negative/neutral/positive}.\n"
            f"Input: {split_sentences(chunk['text'])[0][:400]}\nAnswer: ",
            LABELS[i % 3],
            LABELS,
        )
        for i, chunk in enumerate(picked)
    ]
    qa = [
        BenchRow(
            f"qa{i}", f"{chunk['text'][:1200]}\nQuestion: what does this section report?\nAnswer:", "n/a"
        )
        for i, chunk in enumerate(picked)
    ]
    paths = {"sentiment": str(folder / "sentiment.jsonl"), "qa": str(folder / "qa.jsonl")}
    write_rows(paths["sentiment"], sentiment)
    write_rows(paths["qa"], qa)
    return paths
