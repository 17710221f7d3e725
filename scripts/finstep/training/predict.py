"""Predictions of a student (base, or base + LoRA adapter) on a test split (rule ``predict``).

Generation is batched with left padding, so every row's prompt ends where its
answer starts, and greedy, so a rerun gives the same text. Each row also gets
the reference's likelihood under the model (``reference_nll``), which the
``likelihood`` metric compares between base and tuned. The prompt is
rendered as in training: the chat template with the generation prompt when the
tokenizer has one, the raw string otherwise. Prompts longer than the pair's
training ``max_length`` are cut to it before the model loads, as training caps
its rows: one huge test prompt would otherwise ask the allocator for gigabytes.
"""

from __future__ import annotations

import logging
import math
from dataclasses import dataclass

import torch
from peft import PeftModel
from tqdm import tqdm
from transformers import GenerationConfig, PreTrainedModel, PreTrainedTokenizerBase

from ..config_schema import defaults
from ..datasets.predicted import predicted_rows, prompt_digest
from ..errors import FinstepError
from ..io import read_jsonl, write_jsonl
from ..models.loading import stop_token_ids
from .adapter_check import check_adapter
from .model import load_base_model, load_tokenizer
from .precision import device_precision

log = logging.getLogger("finstep.training")


def render_prompt(tokenizer: PreTrainedTokenizerBase, prompt: str) -> str:
    if not tokenizer.chat_template:
        return prompt
    messages = [{"role": "user", "content": prompt}]
    return tokenizer.apply_chat_template(messages, add_generation_prompt=True, tokenize=False)


def load_model(student: dict, adapter_dir: str | None) -> PreTrainedModel:
    """The base model, with the adapter on top when one is given, ready to generate."""
    model = load_base_model(student, device_precision())
    if adapter_dir:
        check_adapter(adapter_dir)  # rule check_adapter did too; a library call gets the same guard
        model = PeftModel.from_pretrained(model, adapter_dir)
    return model.eval()


def load_student(student: dict, adapter_dir: str | None) -> tuple[PreTrainedModel, PreTrainedTokenizerBase]:
    """The model (``load_model``) and its tokenizer, padding on the left: every prompt ends where its answer starts."""
    return load_model(student, adapter_dir), load_tokenizer(student, padding_side="left")


def prompt_tokens(tokenizer: PreTrainedTokenizerBase, rendered: str) -> int:
    """Tokens of a rendered prompt as ``generate`` feeds it (raw strings get the tokenizer's special tokens)."""
    return len(tokenizer(rendered, add_special_tokens=not tokenizer.chat_template)["input_ids"])


@dataclass(frozen=True)
class FittedPrompts:
    """Rendered prompts within ``max_length`` tokens, and which were cut to fit."""

    prompts: list[str]
    cut: list[bool]
    max_length: int
    longest: int  # tokens of the longest rendered prompt before any cut

    def as_log(self) -> str:
        if not any(self.cut):
            return (
                f"all {len(self.prompts)} test prompts fit max_length {self.max_length} tokens "
                f"(the longest has {self.longest})"
            )
        return (
            f"{sum(self.cut)} of {len(self.prompts)} test prompts were longer than max_length "
            f"{self.max_length} tokens and were cut to fit (the longest had {self.longest})"
        )


def fit_prompt(tokenizer: PreTrainedTokenizerBase, prompt: str, max_length: int) -> str:
    """``prompt`` rendered, its text cut at a token boundary so that the whole is at most ``max_length`` tokens.

    The start is kept (the instruction, then the excerpt's beginning) and the chat
    template's closing turn too, so the model still answers rather than goes on with the text.
    """
    offsets = tokenizer(prompt, add_special_tokens=False, return_offsets_mapping=True)["offset_mapping"]
    rendered = render_prompt(tokenizer, prompt)
    keep, length = len(offsets), prompt_tokens(tokenizer, rendered)
    while length > max_length:
        keep -= length - max_length  # the template's tokens stay; tokens may merge where the cut is
        if keep <= 0:
            raise FinstepError(
                f"max_length {max_length} tokens leaves no room for a prompt after the chat template; raise it"
            )
        rendered = render_prompt(tokenizer, prompt[: offsets[keep - 1][1]])
        length = prompt_tokens(tokenizer, rendered)
    return rendered


def fit_prompts(
    tokenizer: PreTrainedTokenizerBase, prompts: list[str], max_length: int, max_truncated_share: float
) -> FittedPrompts:
    """Every prompt rendered within ``max_length``; stop when more than ``max_truncated_share`` would be cut.

    The same cap and the same share as training: a test set that training would refuse
    is refused here too, and a few overlong rows are cut, counted and logged.
    """
    rendered = [render_prompt(tokenizer, prompt) for prompt in prompts]
    lengths = [prompt_tokens(tokenizer, text) for text in rendered]
    cut = [length > max_length for length in lengths]
    fitted = FittedPrompts(
        prompts=[
            fit_prompt(tokenizer, prompt, max_length) if long else text
            for prompt, text, long in zip(prompts, rendered, cut, strict=True)
        ],
        cut=cut,
        max_length=max_length,
        longest=max(lengths, default=0),
    )
    log.info("%s", fitted.as_log())
    if prompts and sum(cut) / len(prompts) > max_truncated_share:
        raise FinstepError(
            f"{fitted.as_log()}: more than max_truncated_share {max_truncated_share:.1%}; "
            "raise training.max_length or shorten the prompts"
        )
    return fitted


def decode_new(tokenizer: PreTrainedTokenizerBase, new_tokens: list[int], stop_ids: set[int]) -> str:
    """The answer: new tokens up to the first EOS (or padding after it), special tokens dropped."""
    end = next((i for i, token in enumerate(new_tokens) if token in stop_ids), len(new_tokens))
    return tokenizer.decode(new_tokens[:end], skip_special_tokens=True)


def generate(
    model: PreTrainedModel,
    tokenizer: PreTrainedTokenizerBase,
    prompts: list[str],
    max_new_tokens: int,
    batch_size: int,
) -> list[str]:
    """Greedy answers to ``prompts``, in their order; batches hold prompts of similar length."""
    stop_ids = stop_token_ids(model, tokenizer)
    config = GenerationConfig(
        max_new_tokens=max_new_tokens,
        do_sample=False,
        eos_token_id=stop_ids,
        pad_token_id=tokenizer.pad_token_id,
    )
    # Rendered chat prompts carry their special tokens; raw ones get the tokenizer's, as TRL trained them.
    add_special_tokens = not tokenizer.chat_template
    order = sorted(range(len(prompts)), key=lambda i: len(prompts[i]))
    answers: dict[int, str] = {}
    for start in tqdm(range(0, len(order), batch_size), desc="generation", unit="batch"):
        rows = order[start : start + batch_size]
        batch = tokenizer(
            [prompts[i] for i in rows],
            return_tensors="pt",
            padding=True,
            add_special_tokens=add_special_tokens,
        ).to(model.device)
        with torch.inference_mode():
            output = model.generate(**batch, generation_config=config)
        new = output[:, batch["input_ids"].shape[1] :].tolist()
        for i, tokens in zip(rows, new, strict=True):
            answers[i] = decode_new(tokenizer, tokens, {*stop_ids, tokenizer.pad_token_id})
    return [answers[i] for i in range(len(prompts))]


def reference_nll(
    model: PreTrainedModel,
    tokenizer: PreTrainedTokenizerBase,
    prompts: list[str],
    references: list[str],
    max_length: int,
) -> list[float]:
    """Mean negative log-likelihood per token (nats) of each reference given its rendered prompt.

    Teacher forcing, one row per forward pass (no padding to get wrong). The
    reference's own tokens are scored, not the end-of-turn token, whose form
    differs between chat templates. A reference running past ``max_length``
    tokens is scored on its tokens within it, as training saw such rows: one
    huge reference must not ask the allocator for a sequence no job was sized for.
    """
    add_special_tokens = not tokenizer.chat_template
    values = []
    cut = 0
    for prompt, reference in tqdm(
        list(zip(prompts, references, strict=True)), desc="reference likelihood", unit="row"
    ):
        prompt_ids = tokenizer(prompt, add_special_tokens=add_special_tokens)["input_ids"]
        answer_ids = tokenizer(reference, add_special_tokens=False)["input_ids"]
        if not answer_ids:
            raise FinstepError(f"a test row's reference is empty ({reference!r}); rebuild the dataset")
        room = max(1, max_length - len(prompt_ids))
        if len(answer_ids) > room:
            answer_ids, cut = answer_ids[:room], cut + 1
        ids = torch.tensor([prompt_ids + answer_ids], device=model.device)
        with torch.inference_mode():
            logits = model(input_ids=ids).logits[0, len(prompt_ids) - 1 : -1].float()
        loss = torch.nn.functional.cross_entropy(logits, ids[0, len(prompt_ids) :])
        values.append(float(loss))
    if cut:
        log.warning(
            "%d of %d references ran past max_length %d tokens; their likelihood is that of the tokens within it",
            cut,
            len(values),
            max_length,
        )
    return values


def prediction_row(row: dict, prediction: str, nll: float | None = None, truncated: bool = False) -> dict:
    out = {"id": row["id"], "prediction": prediction, "reference": row["completion"], "task": row.get("task")}
    out["prompt_sha256"] = prompt_digest(row["prompt"])
    out["truncated"] = truncated  # the prompt was cut to max_length tokens
    if nll is not None:
        out["reference_nll"] = round(nll, 6)
    if "answer" in row:
        out["answer"] = row["answer"]
    return out


def predict(
    student: dict,
    adapter_dir: str | None,
    test_path: str,
    out: str,
    max_new_tokens: int = defaults("prediction")["max_new_tokens"],
    batch_size: int = 8,
    max_length: int = defaults("training")["max_length"],
    max_truncated_share: float = defaults("training")["max_truncated_share"],
    max_examples: int | None = defaults("prediction")["max_examples"],
    seed: int = defaults("prediction")["seed"],
) -> None:
    """Write one prediction per predicted test row (``predicted_rows``: all, or a sample of ``max_examples``).

    ``max_length`` and ``max_truncated_share`` are the pair's training settings: prompts
    are capped (and counted) as training capped its rows, before the model is loaded.
    """
    rows, drawn = predicted_rows(list(read_jsonl(test_path)), max_examples, seed)
    if not drawn["all_rows"]:
        log.info("%d of %d test rows, seed %d, by Item: %s", drawn["n"], drawn["of"], seed, drawn["strata"])
    tokenizer = load_tokenizer(student, padding_side="left")  # every prompt ends where its answer starts
    fitted = fit_prompts(tokenizer, [row["prompt"] for row in rows], max_length, max_truncated_share)
    model = load_model(student, adapter_dir)
    predictions = generate(model, tokenizer, fitted.prompts, max_new_tokens, batch_size)
    nlls = reference_nll(model, tokenizer, fitted.prompts, [row["completion"] for row in rows], max_length)
    if not all(math.isfinite(v) for v in nlls):
        where = f"adapter {adapter_dir}" if adapter_dir else f"base model {student['model']}"
        raise FinstepError(
            f"{where}: {sum(not math.isfinite(v) for v in nlls)} reference likelihoods are not finite; "
            "its weights are broken: delete it and rerun the step that made it"
        )
    write_jsonl(
        out,
        (
            prediction_row(row, text, nll, cut)
            for row, text, nll, cut in zip(rows, predictions, nlls, fitted.cut, strict=True)
        ),
    )
    log.info("%d predictions of %s, adapter %s, in %s", len(rows), student["model"], adapter_dir, out)
