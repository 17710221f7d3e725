"""Can the demo's tiny model learn to copy from its context within a CPU pretraining budget?

Usage: python benchmarks/copy_pretraining.py [--chunks results/chunks/all.jsonl]
       [--variants exact-mixed-64,...] [--eval-every 250]

The extractive teacher's summaries are sentences of the excerpt, so a student
can only reproduce them by copying from its prompt. This measures whether the
tiny Llama (``finstep.tiny_model``: its tokenizer trained on the chunk corpus,
its architecture) picks up in-context copying when its pretraining mixes the
corpus with synthetic rows that reward it:

- ``exact``: random tokens, then the same tokens again (what induction heads do);
- ``bag``: random tokens, then tokens drawn from them in any order (copying
  words without their order, the easier half of extraction).

Spans are 4 to 39 tokens long, drawn from the whole vocabulary, so memorising
the corpus cannot predict them. Labels cover only the second half of each span.
The figure reported is the loss on that half for 16 held-out synthetic rows
(chance is ln(vocabulary); a model that copies exactly goes towards 0, one that
copies the bag towards ln(span length) ≈ 3), with the corpus loss beside it.
"""

from __future__ import annotations

import argparse
import math
import platform
import sys
import time
from pathlib import Path

import torch
from transformers import get_cosine_schedule_with_warmup

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "scripts"))

from finstep.io import read_jsonl  # noqa: E402
from finstep.tiny_model import build_model, corpus_blocks, train_tokenizer  # noqa: E402

BLOCK, BATCH, FIRST_ID = 256, 16, 5  # ids below 5 are the special tokens

# name: (task, share of synthetic rows per batch, hidden size, steps)
VARIANTS: dict[str, tuple[str, float, int, int]] = {
    "exact-mixed-64": ("exact", 0.5, 64, 2000),  # the demo's size, half the rows synthetic
    "bag-mixed-64": ("bag", 0.5, 64, 1000),
    "bag-only-64": ("bag", 1.0, 64, 1000),  # nothing but the copy task
    "exact-only-128": ("exact", 1.0, 128, 1000),  # twice as wide, nothing but the copy task
}


def synthetic_rows(task: str, rows: int, vocab: int, generator: torch.Generator) -> tuple:
    """Rows of back-to-back spans, each random tokens followed by their copy (exact or as a bag)."""
    inputs = torch.empty(rows, BLOCK, dtype=torch.long)
    labels = torch.full((rows, BLOCK), -100)
    for row in range(rows):
        position = 0
        while position < BLOCK:
            n = int(torch.randint(4, 40, (1,), generator=generator))
            span = torch.randint(FIRST_ID, vocab, (n,), generator=generator)
            copy = span if task == "exact" else span[torch.randint(0, n, (n,), generator=generator)]
            segment = torch.cat([span, copy])[: BLOCK - position]
            inputs[row, position : position + len(segment)] = segment
            labels[row, position + n : position + len(segment)] = segment[n:]
            position += len(segment)
    return inputs, labels


def run(texts: list[str], task: str, share: float, width: int, steps: int, eval_every: int) -> list[dict]:
    tokenizer = train_tokenizer(texts, vocab_size=2000)
    model = build_model(
        tokenizer, hidden_size=width, intermediate_size=2 * width, heads=width // 16, kv_heads=width // 32
    )
    corpus = corpus_blocks(tokenizer, texts, BLOCK)
    blocks = len(corpus)
    vocab = len(tokenizer)
    generator = torch.Generator().manual_seed(0)
    held_out = synthetic_rows(task, 16, vocab, torch.Generator().manual_seed(123))
    optimizer = torch.optim.AdamW(model.parameters(), lr=3e-3, weight_decay=0.01)
    schedule = get_cosine_schedule_with_warmup(optimizer, max(1, steps // 10), steps)
    synthetic = round(BATCH * share)
    points, started = [], time.perf_counter()
    model.train()
    for step in range(1, steps + 1):
        natural = corpus[torch.randint(blocks, (BATCH - synthetic,), generator=generator)]
        inputs, labels = natural, natural.clone()
        if synthetic:
            extra = synthetic_rows(task, synthetic, vocab, generator)
            inputs, labels = torch.cat([natural, extra[0]]), torch.cat([labels, extra[1]])
        model(input_ids=inputs, labels=labels).loss.backward()
        torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
        optimizer.step()
        schedule.step()
        optimizer.zero_grad(set_to_none=True)
        if step % eval_every == 0 or step == steps:
            model.eval()
            with torch.no_grad():
                copy_loss = model(input_ids=held_out[0], labels=held_out[1]).loss.item()
                sample = corpus[:16]
                corpus_loss = model(input_ids=sample, labels=sample).loss.item()
            model.train()
            points.append(
                {"step": step, "copy": copy_loss, "corpus": corpus_loss, "s": time.perf_counter() - started}
            )
            print(f"  {task} share {share} width {width}: step {step} copy {copy_loss:.3f}", flush=True)
    return points


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--chunks", type=Path, default=ROOT / "results" / "chunks" / "all.jsonl")
    parser.add_argument("--variants", default=",".join(VARIANTS))
    parser.add_argument("--eval-every", type=int, default=250)
    args = parser.parse_args()
    if not args.chunks.is_file():
        parser.error(f"{args.chunks} not found; build it with: snakemake --cores 2 results/chunks/all.jsonl")
    names = [name.strip() for name in args.variants.split(",") if name.strip()]
    unknown = sorted(set(names) - set(VARIANTS))
    if unknown:
        parser.error(f"unknown variant(s) {', '.join(unknown)}; choose from {', '.join(VARIANTS)}")
    texts = [row["text"] for row in read_jsonl(args.chunks) if row.get("text", "").strip()]
    torch.manual_seed(0)
    results = {name: run(texts, *VARIANTS[name], args.eval_every) for name in names}
    print(
        f"# {platform.machine()}, Python {platform.python_version()}, torch {torch.__version__}, "
        f"{torch.get_num_threads()} threads; chance = ln(2000) = {math.log(2000):.2f}"
    )
    print("| variant | step | copy loss (held out) | corpus loss | seconds |")
    print("| --- | ---: | ---: | ---: | ---: |")
    for name, points in results.items():
        for point in points:
            print(
                f"| {name} | {point['step']} | {point['copy']:.2f} | {point['corpus']:.2f} | {point['s']:.0f} |"
            )


if __name__ == "__main__":
    main()
