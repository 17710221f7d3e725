"""Test rows and predictions joined by id, with the guards that make evaluation bugs loud.

An earlier distillation study reported ROUGE-1 = 0.004 for its student: a
figure that low is nearly always a bug, not a model. Each guard here stops
the job on one such bug, naming the file to look at:

* rows joined by position, not id, or a prediction file for another split
  (count mismatch, unknown or missing ids, a row whose reference is not its
  test row's: shifted rows);
* the prompt decoded along with the answer;
* predictions emptied (by failed parsing, a wrong stop token, a broken template);
* a shared file of base predictions (``datasets.predicted.shared_base``) made from
  other prompts than the pair's own test rows;
* an adapter that was never loaded (the tuned model answers exactly as the base,
  or gives every reference exactly the base's likelihood).
"""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass, field

from ..datasets.formats import SUMMARY_LABEL
from ..datasets.predicted import prompt_digest
from ..errors import FinstepError

# How much of a prompt must reappear in an answer to count as the prompt decoded with it.
PROMPT_ECHO_CHARS = 200
PROMPT_ECHO_MAX_SHARE = 0.5  # above it, predictions hold their prompts because of how they were decoded
_SUMMARY = re.compile(rf"(?im)^\s*{re.escape(SUMMARY_LABEL)}\s*")
# Markers that make no answer on their own: bracketed task tags ("[summary]", or the
# "[end summary]" SmolLM2 once wrote) and the formats' labels.
_MARKERS = re.compile(r"\[[^\]\n]{0,40}\]|\b(?:summary|rationale|answer)\s*:", re.IGNORECASE)


@dataclass
class Example:
    """One test example with what every model said about it."""

    id: str
    prompt: str
    reference: str
    task: str
    answer: float | None = None
    source: str | None = None  # the chunk a distillation example was made from
    outputs: dict[str, str] = field(default_factory=dict)  # variant → raw generated text
    # variant → the reference's mean per-token NLL under that model (teacher-forced), when predict wrote it
    reference_nll: dict[str, float] = field(default_factory=dict)


def summary_field(text: str, fmt: str) -> str | None:
    """The summary an output gives, or None when it gives none (the format is not followed).

    A ``rationale_summary`` completion holds its summary after the last
    ``Summary:`` line; every other format is the summary (or answer) itself.
    """
    if fmt == "rationale_summary":
        markers = list(_SUMMARY.finditer(text))
        summary = text[markers[-1].end() :].strip() if markers else ""
    else:
        summary = text.strip()
    return summary or None


def no_answer(text: str) -> bool:
    """Whether an output says nothing: empty, or only task tags and labels (``[summary]``, ``Summary:``).

    A base model shown a task prefix it was never trained on may answer the prefix alone
    (SmolLM2 did on 22 of 30 rows): not empty, yet its scores measure the prompt, not the model.
    """
    return not re.search(r"\w", _MARKERS.sub(" ", text))


def _normalise(text: str) -> str:
    return " ".join(text.split())


def contains_prompt(output: str, prompt: str) -> bool:
    """Whether ``output`` repeats its prompt (its first ``PROMPT_ECHO_CHARS`` characters)."""
    head = _normalise(prompt)[:PROMPT_ECHO_CHARS]
    return bool(head) and head in _normalise(output)


def _index(rows: list[dict], path: str) -> dict[str, dict]:
    counts = Counter(str(row.get("id")) for row in rows)
    repeated = [i for i, n in counts.items() if n > 1]
    if repeated:
        raise FinstepError(
            f"{path}: id {repeated[0]!r} appears {counts[repeated[0]]} times; ids must be unique"
        )
    return {str(row.get("id")): row for row in rows}


def join(
    test_rows: list[dict],
    predictions: dict[str, list[dict]],
    paths: dict[str, str],
    sources: dict[str, str] | None = None,
) -> list[Example]:
    """Examples in test order with each variant's output, joined by id; any mismatch is an error.

    ``predictions``: variant → rows of ``results/predictions/...``; ``paths``:
    variant (and ``"test"``) → file, for the messages; ``sources``: chunk id →
    chunk text, for distillation sets.
    """
    test_rows = [row for row in test_rows if row.get("task") != "rationale"]  # never predicted
    tests = _index(test_rows, paths["test"])
    examples = {
        key: Example(
            id=key,
            prompt=row["prompt"],
            reference=row["completion"],
            task=str(row.get("task") or ""),
            answer=row.get("answer"),
            source=(sources or {}).get(str(row.get("source_id"))),
        )
        for key, row in tests.items()
    }
    for variant, rows in predictions.items():
        path = paths[variant]
        found = _index(rows, path)
        if len(found) != len(tests):
            raise FinstepError(
                f"{path} has {len(found)} predictions for {len(tests)} test examples in {paths['test']} "
                "(after prediction.max_examples): rerun the predict rule for this pair"
            )
        unknown = sorted(set(found) - set(tests))
        if unknown:
            raise FinstepError(
                f"{path}: id {unknown[0]!r} is not in {paths['test']} ({len(unknown)} unknown ids): "
                "predictions of another split or dataset; rerun the predict rule"
            )
        for key, row in found.items():
            if "reference" in row and row["reference"] != tests[key]["completion"]:
                raise FinstepError(
                    f"{path}: the row with id {key!r} carries the reference of another example: rows are "
                    "shifted against their ids; predictions must be written with each row's own id"
                )
            if "prompt_sha256" in row and row["prompt_sha256"] != prompt_digest(tests[key]["prompt"]):
                raise FinstepError(
                    f"{path}: the prediction with id {key!r} answers another prompt than its row in "
                    f"{paths['test']}: predictions of another dataset's prompts; rerun the predict rule"
                )
            examples[key].outputs[variant] = str(row.get("prediction") or "")
            if row.get("reference_nll") is not None:
                examples[key].reference_nll[variant] = float(row["reference_nll"])
    if sources is not None:
        missing = [e.id for e in examples.values() if e.source is None]
        if missing:
            raise FinstepError(
                f"{paths['test']}: example {missing[0]!r} has no source chunk among the teacher's triplets "
                f"({len(missing)} without one): rebuild the dataset"
            )
    return list(examples.values())


def check(examples: list[Example], paths: dict[str, str], max_empty_share: float) -> dict:
    """Stop on predictions that hold their prompt, too many empty ones, or a tuned model equal to the base.

    Returns the shares the guards measured, for the metrics file.
    """
    variants = sorted({variant for e in examples for variant in e.outputs})
    measured: dict[str, dict] = {"empty_share": {}, "prompt_echo_share": {}, "no_answer": {}}
    for variant in variants:
        path = paths[variant]
        echo = [e.id for e in examples if contains_prompt(e.outputs[variant], e.prompt)]
        measured["prompt_echo_share"][variant] = len(echo) / len(examples) if examples else 0.0
        # Decoding the whole sequence puts the prompt in every prediction; a real model that
        # restates a question now and then (SmolLM2 on one arithmetic problem in 40) is no bug.
        if len(echo) > PROMPT_ECHO_MAX_SHARE * len(examples):
            raise FinstepError(
                f"{path}: {len(echo)} of {len(examples)} predictions (first id {echo[0]!r}) contain their "
                "prompt: decode only the new tokens (output[:, prompt_length:])"
            )
        silent = sum(no_answer(e.outputs[variant]) for e in examples)
        measured["no_answer"][variant] = {"n": silent, "share": silent / len(examples) if examples else 0.0}
        empty = sum(not e.outputs[variant].strip() for e in examples)
        share = empty / len(examples) if examples else 0.0
        measured["empty_share"][variant] = share
        if share > max_empty_share:
            raise FinstepError(
                f"{path}: {empty} of {len(examples)} predictions are empty ({share:.0%}, above "
                f"evaluation.max_empty_share {max_empty_share:.0%}): check the stop tokens, the chat "
                "template and max_new_tokens"
            )
    # The tuned model against the base; a DPO adapter against the SFT adapter it continues.
    for before, after, key in (("base", "tuned", "identical_share"), ("tuned", "dpo", "dpo_identical_share")):
        if not ({before, after} <= set(variants) and examples):
            continue
        same = sum(e.outputs[before].strip() == e.outputs[after].strip() for e in examples)
        measured[key] = same / len(examples)
        likelihood_same = _same_likelihood(examples, before, after)
        # Greedy answers can all stay the same under a lightly trained adapter; the likelihoods then
        # tell an adapter that changed the model from one that was never applied.
        if likelihood_same or (same == len(examples) and likelihood_same is None):
            model = "base model" if before == "base" else "SFT adapter"
            what = (
                f"gives every reference the same likelihood as the {model} ({len(examples)} examples)"
                if likelihood_same
                else f"answers exactly as the {model} on all {same} examples"
            )
            raise FinstepError(
                f"{paths[after]}: the {after} model {what}: the adapter was not applied; check that "
                "predict loads it (PeftModel.from_pretrained) and that training took steps"
            )
    return measured


def missing_likelihoods(examples: list[Example], variants: tuple[str, ...] = ("base", "tuned")) -> list[str]:
    """Ids of the examples where a variant's prediction carries no reference NLL (an older predict rule)."""
    return [e.id for e in examples if not set(variants) <= set(e.reference_nll)]


def _same_likelihood(examples: list[Example], before: str = "base", after: str = "tuned") -> bool | None:
    """Whether two models give each reference the same NLL (as written, 6 decimals); None if unknown."""
    if missing_likelihoods(examples, (before, after)):
        return None
    return all(
        math.isclose(e.reference_nll[before], e.reference_nll[after], rel_tol=0, abs_tol=1e-6)
        for e in examples
    )
