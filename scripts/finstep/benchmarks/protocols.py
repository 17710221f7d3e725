"""The two published ways of running a model on benchmark rows: ``generate`` and ``loglik``.

``generate`` is FinBen's, FinGPT's and FinLoRA's: zero-shot, greedy, the row's
prompt rendered as rule ``predict`` renders it; the raw text is kept, and the
answer is read from it only at scoring time, so a changed extraction rule needs
no new model run. ``loglik`` is lm-evaluation-harness's multiple choice: the
summed log-probability of each choice's tokens after the prompt, the argmax
being the answer (never missing).

Where the prompt ends and the choice starts follows lm-evaluation-harness
(``TemplateLM._encode_pair``, ``ConfigurableTask.construct_requests``):

- a raw prompt (no chat template) is right-stripped and the continuation is the
  target delimiter, a space, then the choice. FinGPT's prompts end in
  ``"Answer: "``: stripping then adding the delimiter scores ``"Answer: positive"``,
  the text the prompt's author meant (lm-eval would move the stripped space into
  the continuation and score two spaces: its own task templates end without one);
- with a chat template the context is the rendered prompt with its generation
  prompt, exactly what ``generate`` conditions on, and the continuation is the
  choice alone (lm-eval drops the delimiter under a chat template too);
- both are tokenized as lm-eval does: the whole text encoded, then split after
  the context's own token count, so a choice is scored in the tokens the model
  would read it in, not in tokens of the choice encoded alone.

The context gets the tokenizer's special tokens exactly when ``generate`` gives
them (raw prompts only; a rendered chat prompt carries its own).

The model is loaded exactly as ``predict`` loads it (``load_student``): a QLoRA
adapter only works on the 4-bit base it was trained on. Prompts too long for the
model's context are counted with the tokenizer before the model loads, cut by
``fit_prompts`` and refused above ``max_truncated_share`` (0 by default: a cut
prompt is a changed benchmark).
"""

from __future__ import annotations

import logging
import time
from collections.abc import Sequence
from dataclasses import dataclass

import torch
from tqdm import tqdm
from transformers import AutoConfig, PreTrainedModel, PreTrainedTokenizerBase

from ..errors import FinstepError
from ..io import write_jsonl
from ..models.loading import hub_kwargs, load_tokenizer
from ..training.predict import FittedPrompts, fit_prompts, generate, load_student
from .rows import BenchRow, read_rows

log = logging.getLogger("finstep.benchmarks")

PROTOCOLS = ("generate", "loglik")
# lm-evaluation-harness's default ``target_delimiter``: what separates a raw prompt from its choice.
TARGET_DELIMITER = " "


@dataclass(frozen=True)
class Pair:
    """One (prompt, choice) request in tokens: the context, and the continuation whose log-probability counts."""

    context: list[int]
    continuation: list[int]


def _row_where(rows_path: str, index: int, row: BenchRow) -> str:
    return f"{rows_path} row {index + 1} (id {row.id!r})"


def _read_rows(rows_path: str) -> list[BenchRow]:
    """The benchmark rows (``read_rows`` checks each); an empty set is refused."""
    rows = read_rows(rows_path)
    if not rows:
        raise FinstepError(f"{rows_path} holds no benchmark rows; rebuild it (rule benchmark_rows)")
    return rows


def check_protocol(rows: list[BenchRow], protocol: str, rows_path: str) -> None:
    """Refuse, before any model loads, a protocol the rows cannot take."""
    if protocol not in PROTOCOLS:
        raise FinstepError(f"protocol {protocol!r} for {rows_path} is not one of {', '.join(PROTOCOLS)}")
    if protocol != "loglik":
        return
    for index, row in enumerate(rows):
        choices = row.choices
        if not choices:
            raise FinstepError(
                f"{_row_where(rows_path, index, row)} has no choices: protocol loglik scores choices, "
                "so use generate for this benchmark"
            )
        if len(set(choices)) != len(choices) or not all(choices):
            raise FinstepError(
                f"{_row_where(rows_path, index, row)}: choices {choices!r} must be distinct non-empty "
                "strings for protocol loglik"
            )


def model_context(student: dict) -> int:
    """The model's context in tokens (its config's ``max_position_embeddings``), read without the weights."""
    config = AutoConfig.from_pretrained(student["model"], **hub_kwargs(student))
    length = getattr(config, "max_position_embeddings", None)
    if not length:
        raise FinstepError(
            f"{student['model']}: its config gives no max_position_embeddings; "
            "give the benchmark a max_length"
        )
    return int(length)


def split_pair(tokenizer: PreTrainedTokenizerBase, rendered: str, choice: str) -> Pair:
    """``choice`` after the rendered prompt, tokenized as lm-evaluation-harness does (module docstring)."""
    if tokenizer.chat_template:
        context, continuation = rendered, choice
    else:
        context, continuation = rendered.rstrip(), TARGET_DELIMITER + choice
    add_special_tokens = not tokenizer.chat_template  # as ``generate`` feeds the prompt
    whole = tokenizer(context + continuation, add_special_tokens=add_special_tokens)["input_ids"]
    context_ids = tokenizer(context, add_special_tokens=add_special_tokens)["input_ids"]
    pair = Pair(context_ids, whole[len(context_ids) :])
    if not pair.context or not pair.continuation:
        raise FinstepError(
            f"choice {choice!r} leaves no tokens of its own after the prompt {rendered[-40:]!r}; "
            "change the choices or the prompt's end"
        )
    return pair


def longest_choice(tokenizer: PreTrainedTokenizerBase, rows: list[BenchRow]) -> int:
    """Tokens of the longest continuation, the room ``loglik`` keeps after every prompt."""
    delimiter = "" if tokenizer.chat_template else TARGET_DELIMITER
    choices = {choice for row in rows for choice in row.choices}
    return max(len(tokenizer(delimiter + c, add_special_tokens=False)["input_ids"]) for c in choices)


def fit_rows(
    tokenizer: PreTrainedTokenizerBase,
    rows: list[BenchRow],
    room: int,
    max_truncated_share: float,
    rows_path: str,
) -> FittedPrompts:
    """The rows' prompts rendered within ``room`` tokens: cut, counted and logged by ``fit_prompts``.

    The share is checked here rather than in ``fit_prompts`` so that the refusal
    names the benchmark's file and settings, not training's.
    """
    if room < 1:
        raise FinstepError(f"{rows_path}: the model's context leaves no room for a prompt; raise max_length")
    fitted = fit_prompts(tokenizer, [row.prompt for row in rows], room, max_truncated_share=1.0)
    cut = sum(fitted.cut)
    if cut / len(rows) > max_truncated_share:
        first = rows[fitted.cut.index(True)].id
        raise FinstepError(
            f"{rows_path}: {cut} of {len(rows)} prompts (first: id {first!r}, {fitted.longest} tokens at the "
            f"longest) exceed the {room} tokens the model's context leaves them, above max_truncated_share "
            f"{max_truncated_share:.1%}; a cut prompt changes the benchmark: raise max_length or the share"
        )
    return fitted


@dataclass(frozen=True)
class PackedRow:
    """A row's prompt and all its choices in one sequence: the prompt once, then each choice's tokens.

    Each choice restarts its positions where the prompt ends and sees the prompt
    and itself only (``attends``), so the model computes every choice exactly as
    it would after the prompt alone, while the prompt is computed once, not once
    per choice. A choice's first token is predicted by the prompt's last position
    (shared); its last token is never fed, since nothing after it is scored (as lm-eval).
    """

    ids: list[int]
    positions: list[int]
    segments: list[int]  # 0: the prompt; j + 1: choice j
    scored: list[list[int]]  # per choice: the packed positions whose logits predict its tokens
    targets: list[list[int]]  # per choice: its tokens

    @classmethod
    def of(cls, pairs: Sequence[Pair]) -> PackedRow:
        context = pairs[0].context
        if any(pair.context != context for pair in pairs):
            raise ValueError("the choices of a row must follow the same context tokens")
        ids, positions, segments = list(context), list(range(len(context))), [0] * len(context)
        scored = []
        for j, pair in enumerate(pairs, start=1):
            fed = pair.continuation[:-1]
            scored.append([len(context) - 1, *range(len(ids), len(ids) + len(fed))])
            ids += fed
            positions += range(len(context), len(context) + len(fed))
            segments += [j] * len(fed)
        return cls(ids, positions, segments, scored, [pair.continuation for pair in pairs])

    def attends(self) -> torch.Tensor:
        """(query, key) → may attend: causal, and a choice's tokens see the prompt and their own choice only."""
        segments = torch.tensor(self.segments)
        causal = torch.ones(len(self.ids), len(self.ids), dtype=torch.bool).tril()
        same = (segments[None, :] == 0) | (segments[None, :] == segments[:, None])
        return causal & same


def _batch_logliks(model: PreTrainedModel, rows: Sequence[PackedRow], pad_id: int) -> list[list[float]]:
    """Every packed row's choices' summed log-probabilities, from one forward pass.

    Rows are right-padded; a padding position attends only to itself, so that no
    row of the mask is empty (an empty row gives NaN under some attention kernels,
    and a NaN value leaks through 0 weights). The mask is additive in the model's
    compute type, which eager and SDPA attention both take. Only the scored positions go through the output layer
    (``logits_to_keep``), so the vocabulary projection is paid for the choices only.
    """
    width = max(len(row.ids) for row in rows)
    dtype = model.get_input_embeddings().weight.dtype
    input_ids = torch.full((len(rows), width), pad_id, dtype=torch.long)
    positions = torch.zeros((len(rows), width), dtype=torch.long)
    allowed = torch.eye(width, dtype=torch.bool).repeat(len(rows), 1, 1)
    keep = torch.zeros((len(rows), width), dtype=torch.bool)
    for i, row in enumerate(rows):
        size = len(row.ids)
        input_ids[i, :size] = torch.tensor(row.ids)
        positions[i, :size] = torch.tensor(row.positions)
        allowed[i, :size, :size] = row.attends()
        keep[i, min(p for scored in row.scored for p in scored) : size] = True
    mask = torch.zeros(allowed.shape, dtype=dtype).masked_fill_(~allowed, torch.finfo(dtype).min)
    with torch.inference_mode():
        logits = model(
            input_ids=input_ids.to(model.device),
            attention_mask=mask[:, None].to(model.device),
            position_ids=positions.to(model.device),
            logits_to_keep=keep.to(model.device),
        ).logits
        logprobs = torch.log_softmax(logits.float().reshape(int(keep.sum()), -1), dim=-1)
    # The kept logits are flattened row by row, positions in order: index them alike.
    index, target, lengths = [], [], []
    offset = 0
    for row, row_keep in zip(rows, keep, strict=True):
        first = int(row_keep.nonzero()[0])
        for scored, tokens in zip(row.scored, row.targets, strict=True):
            index += [offset + p - first for p in scored]
            target += tokens
            lengths.append(len(tokens))
        offset += int(row_keep.sum())
    values = logprobs[torch.tensor(index), torch.tensor(target)].cpu().split(lengths)
    sums = iter([float(v.sum()) for v in values])
    return [[next(sums) for _ in row.scored] for row in rows]


def loglik(
    model: PreTrainedModel,
    row_pairs: Sequence[Sequence[Pair]],
    pad_id: int,
    batch_size: int,
) -> list[list[float]]:
    """Each row's choices' log-likelihoods, in the rows' and choices' order.

    A row is one packed sequence (``PackedRow``): its cost is about one forward pass
    of its prompt, whatever the number of choices. A batch holds ``batch_size`` rows,
    rows of similar length together (longest first, as lm-eval orders them, so a
    batch that does not fit in memory fails at once). In fp32 the scores equal each
    (prompt, choice) scored alone to about 1e-5. A 4-bit base on a CPU with AVX512-BF16
    runs bitsandbytes' bf16 kernel, whose rounding turns any change of batch shape into
    score changes of up to about 0.07 nats (SmolLM2-135M, measured): a 4-bit score is
    reproducible for the same rows and batch size, not across batch sizes.
    """
    attention = getattr(getattr(model, "config", None), "_attn_implementation", "sdpa")
    if attention not in ("sdpa", "eager"):
        raise FinstepError(
            f"loglik packs a row's choices with a custom attention mask, which {attention} attention "
            "does not take; load the model with sdpa or eager attention"
        )
    packed = [PackedRow.of(pairs) for pairs in row_pairs]
    order = sorted(range(len(packed)), key=lambda i: -len(packed[i].ids))
    scores: dict[int, list[float]] = {}
    for start in tqdm(range(0, len(order), batch_size), desc="choice log-likelihood", unit="batch"):
        batch = order[start : start + batch_size]
        for i, values in zip(batch, _batch_logliks(model, [packed[i] for i in batch], pad_id), strict=True):
            scores[i] = values
    return [scores[i] for i in range(len(packed))]


@dataclass(frozen=True)
class Prepared:
    """Benchmark rows checked and tokenized for one protocol: all that can refuse a job, done without the model."""

    rows: list[BenchRow]
    protocol: str
    fitted: FittedPrompts  # the prompts rendered within the model's context, and which were cut
    pairs: list[list[Pair]] | None  # loglik: each row's (prompt, choice) requests in tokens


def prepare(
    student: dict,
    rows_path: str,
    protocol: str,
    max_new_tokens: int,
    max_length: int | None = None,
    max_truncated_share: float = 0.0,
) -> Prepared:
    """Read, check and fit the rows with the tokenizer alone; ``max_length`` defaults to the model's context.

    ``generate`` keeps room for ``max_new_tokens`` after every prompt, ``loglik`` for the longest choice.
    """
    rows = _read_rows(rows_path)
    check_protocol(rows, protocol, rows_path)
    tokenizer = load_tokenizer(student, padding_side="left")
    context = max_length or model_context(student)
    if protocol == "generate":
        fitted = fit_rows(tokenizer, rows, context - max_new_tokens, max_truncated_share, rows_path)
        return Prepared(rows, protocol, fitted, None)
    fitted = fit_rows(
        tokenizer, rows, context - longest_choice(tokenizer, rows), max_truncated_share, rows_path
    )
    pairs = [
        [split_pair(tokenizer, prompt, choice) for choice in row.choices]
        for row, prompt in zip(rows, fitted.prompts, strict=True)
    ]
    longest = max(len(p.context) + len(p.continuation) for row_pairs in pairs for p in row_pairs)
    if longest > context:  # a choice tokenized after its prompt may merge differently than alone
        raise FinstepError(f"{rows_path}: a prompt and choice take {longest} tokens, over {context}")
    return Prepared(rows, protocol, fitted, pairs)


def run_protocol(
    model: PreTrainedModel,
    tokenizer: PreTrainedTokenizerBase,
    prepared: Prepared,
    max_new_tokens: int,
    batch_size: int,
) -> list[dict]:
    """The prediction rows (the shared contract), in the rows' order."""
    rows, cuts = prepared.rows, prepared.fitted.cut
    if prepared.pairs is not None:
        scores = loglik(model, prepared.pairs, tokenizer.pad_token_id, batch_size)
        return [
            {
                "id": row.id,
                "protocol": "loglik",
                "loglik": dict(zip(row.choices, values, strict=True)),
                "tokens": {c: len(p.continuation) for c, p in zip(row.choices, pairs, strict=True)},
                "truncated": cut,
            }
            for row, values, pairs, cut in zip(rows, scores, prepared.pairs, cuts, strict=True)
        ]
    outputs = generate(model, tokenizer, prepared.fitted.prompts, max_new_tokens, batch_size)
    return [
        {"id": row.id, "protocol": "generate", "output": text, "truncated": cut}
        for row, text, cut in zip(rows, outputs, cuts, strict=True)
    ]


def predict_benchmark(
    student: dict,
    adapter_dir: str | None,
    rows_path: str,
    protocol: str,
    out: str,
    max_new_tokens: int,
    batch_size: int = 8,
    max_length: int | None = None,
    max_truncated_share: float = 0.0,
) -> None:
    """Write one raw prediction per benchmark row, in the rows' order (the shared prediction contract).

    Everything that can refuse the job (protocol, rows, prompt lengths) is checked
    with the tokenizer alone, before the model loads. ``max_length`` defaults to the
    model's context; ``max_new_tokens`` is ignored by ``loglik``.
    """
    prepared = prepare(student, rows_path, protocol, max_new_tokens, max_length, max_truncated_share)
    model, tokenizer = load_student(student, adapter_dir)
    start = time.perf_counter()
    predictions = run_protocol(model, tokenizer, prepared, max_new_tokens, batch_size)
    seconds = time.perf_counter() - start
    write_jsonl(out, predictions)
    log.info(
        "%s: %d rows of %s by %s, adapter %s, in %.1f s: %.3f s a row (batches of %d, %d torch threads); %s",
        protocol,
        len(prepared.rows),
        rows_path,
        student["model"],
        adapter_dir,
        seconds,
        seconds / len(prepared.rows),
        batch_size,
        torch.get_num_threads(),
        out,
    )
