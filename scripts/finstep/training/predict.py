"""Predictions of a student (base, or base + LoRA adapter) on a test split (rule ``predict``).

Generation is batched with left padding, so every row's prompt ends where its
answer starts, and greedy, so a rerun gives the same text. Each row also gets
the reference's likelihood under the model (``reference_nll``), which the
``likelihood`` metric compares between base and tuned. The prompt is
rendered as in training: the chat template with the generation prompt when the
tokenizer has one, the raw string otherwise.
"""

from __future__ import annotations

import logging
import math

import torch
from peft import PeftModel
from tqdm import tqdm
from transformers import GenerationConfig, PreTrainedModel, PreTrainedTokenizerBase

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


def load_student(student: dict, adapter_dir: str | None) -> tuple[PreTrainedModel, PreTrainedTokenizerBase]:
    """The base model, with the adapter on top when one is given, ready to generate."""
    tokenizer = load_tokenizer(student, padding_side="left")  # every prompt ends where its answer starts
    model = load_base_model(student, device_precision())
    if adapter_dir:
        check_adapter(adapter_dir)  # rule check_adapter did too; a library call gets the same guard
        model = PeftModel.from_pretrained(model, adapter_dir)
    return model.eval(), tokenizer


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
    model: PreTrainedModel, tokenizer: PreTrainedTokenizerBase, prompts: list[str], references: list[str]
) -> list[float]:
    """Mean negative log-likelihood per token (nats) of each reference given its rendered prompt.

    Teacher forcing, one row per forward pass (no padding to get wrong). The
    reference's own tokens are scored, not the end-of-turn token, whose form
    differs between chat templates.
    """
    add_special_tokens = not tokenizer.chat_template
    values = []
    for prompt, reference in tqdm(
        list(zip(prompts, references, strict=True)), desc="reference likelihood", unit="row"
    ):
        prompt_ids = tokenizer(prompt, add_special_tokens=add_special_tokens)["input_ids"]
        answer_ids = tokenizer(reference, add_special_tokens=False)["input_ids"]
        if not answer_ids:
            raise FinstepError(f"a test row's reference is empty ({reference!r}); rebuild the dataset")
        ids = torch.tensor([prompt_ids + answer_ids], device=model.device)
        with torch.inference_mode():
            logits = model(input_ids=ids).logits[0, len(prompt_ids) - 1 : -1].float()
        loss = torch.nn.functional.cross_entropy(logits, ids[0, len(prompt_ids) :])
        values.append(float(loss))
    return values


def prediction_row(row: dict, prediction: str, nll: float | None = None) -> dict:
    out = {"id": row["id"], "prediction": prediction, "reference": row["completion"], "task": row.get("task")}
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
    max_new_tokens: int = 128,
    batch_size: int = 8,
) -> None:
    """Write one prediction per test row; the rationale task of a multitask set is never predicted."""
    rows = [row for row in read_jsonl(test_path) if row.get("task") != "rationale"]
    model, tokenizer = load_student(student, adapter_dir)
    prompts = [render_prompt(tokenizer, row["prompt"]) for row in rows]
    predictions = generate(model, tokenizer, prompts, max_new_tokens, batch_size)
    nlls = reference_nll(model, tokenizer, prompts, [row["completion"] for row in rows])
    if not all(math.isfinite(v) for v in nlls):
        where = f"adapter {adapter_dir}" if adapter_dir else f"base model {student['model']}"
        raise FinstepError(
            f"{where}: {sum(not math.isfinite(v) for v in nlls)} reference likelihoods are not finite; "
            "its weights are broken: delete it and rerun the step that made it"
        )
    write_jsonl(
        out,
        (prediction_row(row, text, nll) for row, text, nll in zip(rows, predictions, nlls, strict=True)),
    )
    log.info("%d predictions of %s, adapter %s, in %s", len(rows), student["model"], adapter_dir, out)
