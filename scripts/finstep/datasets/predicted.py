"""The test rows a pair predicts and scores: all, or a seeded sample stratified by 10-K Item.

Real 10-Ks give hundreds of test chunks, and every predicted row costs each model
seconds of generation. ``prediction.max_examples`` caps the rows; the sample keeps
the test split's mix of Items (a risk-factor chunk reads unlike an MD&A one), by the
largest-remainder allocation and seeded id order the benchmarks' samples use. The
rule ``predict`` (base and tuned) and the rule ``score`` call the same function with
the same settings, so both models answer the same rows and the scorer knows them.

Pairs whose base model would answer the same rows with the same prompts and settings
(``dataset_test_key``, ``shared_base``) predict them once: the workflow copies the
first pair's base predictions for the others (``share_predictions``), each checked by
its prompt's digest.
"""

from __future__ import annotations

import hashlib

from ..benchmarks.sampling import sample
from ..errors import FinstepError
from ..io import read_jsonl, write_jsonl
from .formats import predicted_prompt_kind


def stratum(row: dict) -> str:
    """A row's stratum: the 10-K Item of a distillation row, an instruction row's category, else one stratum."""
    return str(row.get("section") or row.get("category") or "")


def predicted_rows(
    rows: list[dict], max_examples: int | None, seed: int, where: str = "prediction"
) -> tuple[list[dict], dict]:
    """The rows to predict, in file order, and the record of the draw for the metrics file.

    The rationale task of a multitask set is never predicted: only the summary is used at inference.
    """
    rows = [row for row in rows if row.get("task") != "rationale"]
    capped = max_examples if max_examples is not None and max_examples < len(rows) else None
    draw = sample(  # a cap above a small test split (the sentiment pair's) is no warning: all rows
        [str(row["id"]) for row in rows],
        [stratum(row) for row in rows],
        capped,
        seed,
        range(len(rows)),
        where,
    )
    record = {
        "n": draw.info["rows"],
        "of": draw.info["from_rows"],
        "max_examples": max_examples,
        "seed": seed,
        "all_rows": draw.info["all_rows"],
        "strata": draw.info["strata_drawn"],
    }
    return [rows[i] for i in draw.indices], record


def prompt_digest(prompt: str) -> str:
    """sha256 of a test row's prompt as the dataset holds it: which prompt a prediction answers.

    Pairs with the same test rows share one file of base predictions (``shared_base``);
    the scorer checks each prediction's digest against its own test row's prompt.
    """
    return hashlib.sha256(prompt.encode("utf-8")).hexdigest()


def dataset_test_key(options: dict) -> tuple:
    """What decides a dataset's test rows, prompts included, read from its validated config.

    Distillation sets from the same teacher, seed and split fractions hold the same test
    rows when their formats' test prompts are alike (``summary`` and ``multitask``: see
    ``formats``); instruction sets, when they read the same file the same way.
    """
    fractions = tuple(sorted((options.get("splits") or {}).items()))
    if options["kind"] == "distill":
        return (
            "distill",
            options["teacher"],
            options["seed"],
            fractions,
            predicted_prompt_kind(options["format"]),
        )
    return ("instructions", options["path"], options["seed"], fractions)


def shared_base(
    pairs: list[tuple[str, str]], keys: dict[tuple[str, str], object]
) -> dict[tuple[str, str], str]:
    """(student, dataset) → the dataset whose base predictions the pair scores: the first pair with its key.

    ``keys`` hold, per pair, everything the base model's answers depend on (student, test
    rows, prediction and prompt-fitting settings): equal keys, equal answers, computed once.
    """
    first: dict[object, str] = {}
    return {pair: first.setdefault(keys[pair], pair[1]) for pair in pairs}


def share_predictions(source: str, test_path: str, out: str) -> None:
    """Copy another pair's base predictions (rule ``share_base_predictions``), checked against ``test_path``.

    Each must answer a row of this pair's test split with that row's very prompt: equal
    configs promise equal test rows, the digests show it.
    """
    prompts = {str(row["id"]): prompt_digest(row["prompt"]) for row in read_jsonl(test_path)}
    rows = list(read_jsonl(source))
    for row in rows:
        if prompts.get(str(row.get("id"))) != row.get("prompt_sha256"):
            raise FinstepError(
                f"{source}: the prediction with id {row.get('id')!r} answers no row of {test_path} with "
                "the same prompt, though the datasets' configs promise the same test rows; rebuild both "
                "datasets (snakemake --forcerun dataset)"
            )
    write_jsonl(out, rows)
