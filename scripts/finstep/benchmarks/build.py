"""A benchmark's rows, drawn once: source → labels mapped → checked → training share set aside → sample.

Every check runs before anything is written: an empty set, a gold label outside
the declared label set (the first such row named, with its file line or id), a
duplicated id, a template that needs bare text the set does not give. Then
``rows.jsonl`` (the scored rows, in source order), ``rows.json`` (what was drawn
from what: the source and its sha256 or Hub commit, label counts before and after,
the sample's strata, the licence notice) and, when asked for, ``train.jsonl``
(the rows set aside for training, as an ``instructions`` dataset reads them:
``{"id", "instruction", "response"}``), each written atomically.
"""

from __future__ import annotations

import logging
from collections import Counter
from pathlib import Path

from ..errors import FinstepError
from ..io import sha256_file, write_json, write_jsonl
from .formats import SourceRecord, parse_records, read_file
from .rows import BenchRow, write_rows
from .sampling import balanced, sample, set_aside

log = logging.getLogger("finstep.benchmarks")


def load_source(options: dict, hub_cache: str | None, where: str) -> tuple[dict, list[SourceRecord]]:
    """(what was read, for rows.json; the records) of a checked entry's source."""
    source = options["source"]
    if source.get("hub"):
        from .hub_data import load_split, snapshot_folder

        if hub_cache is None:
            raise FinstepError(f"{where}: a Hub source needs the workflow's hub_cache")
        rows = load_split(source, hub_cache, f"{where}.source")
        label = f"{source['hub']}@{source['revision']} {source.get('config') or ''}/{source['split']}"
        fmt, records = parse_records(
            ((f"{label} row {i}", row) for i, row in enumerate(rows)),
            source.get("format"),
            f"{where}.source ({label})",
        )
        folder = snapshot_folder(source["hub"], str(source["revision"]), hub_cache)
        read = {key: source.get(key) for key in ("hub", "revision", "config", "split")}
        return {**read, "commit": folder.name, "format": fmt}, records
    path = Path(source["path"])
    fmt, records = read_file(path, source.get("format"), f"{where}.source")
    return {"path": str(path), "sha256": sha256_file(path), "format": fmt}, records


def task_class(task: str) -> type:
    """The task plugin (``finstep.benchmarks.tasks.TASKS``), imported only when asked for."""
    from .tasks import TASKS

    return TASKS.get(task)


def task_choices(task: str) -> tuple[str, ...]:
    """The task's own label set (sentiment's three labels; none for QA)."""
    return tuple(task_class(task).default_choices)


def label_set(options: dict, records: list[SourceRecord]) -> tuple[str, ...]:
    """The declared choices, else the set's own (FLARE rows list theirs, in FinBen's order), else the task's."""
    if options.get("choices") is not None:
        return tuple(options["choices"])
    own = {record.choices for record in records if record.choices}
    if len(own) == 1 and all(record.choices for record in records):
        return tuple(choice.strip().lower() for choice in own.pop())
    return task_choices(options["task"])


def make_rows(records: list[SourceRecord], options: dict, where: str) -> tuple[list[BenchRow], list[str]]:
    """(rows, each row's source label): the prompt filled in and the label mapped, every row checked."""
    if not records:
        raise FinstepError(f"{where}.source holds no rows; fix the path, split or config")
    template, label_map = options.get("prompt"), options.get("label_map") or {}
    choices = label_set(options, records)
    rows, source_labels, seen = [], [], {}
    for record in records:
        if template is not None:
            if record.text is None:
                raise FinstepError(
                    f"{record.where}: the set gives no bare text to put into {where}.prompt; "
                    "leave prompt out to keep the set's own"
                )
            prompt = template.replace("{text}", record.text)
        elif record.prompt is None:
            raise FinstepError(f"{where}.prompt is required: the set's rows are bare text ({record.where})")
        else:
            prompt = record.prompt
        source_label = record.label.strip()
        mapped = label_map.get(source_label, source_label)
        gold = mapped.strip().lower() if choices else mapped
        if choices and gold not in choices:
            via = f" (mapped to {gold!r})" if gold != source_label else ""
            raise FinstepError(
                f"{record.where} (id {record.id}): label {source_label!r}{via} is not one of {where}.choices "
                f"({', '.join(choices)}); map it in {where}.label_map or add it to the choices"
            )
        if not gold.strip() or not prompt.strip():
            raise FinstepError(
                f"{record.where} (id {record.id}): empty {'answer' if prompt.strip() else 'prompt'}"
            )
        if record.id in seen:
            raise FinstepError(
                f"{record.where}: id {record.id!r} repeats {seen[record.id]}; ids must be unique"
            )
        seen[record.id] = record.where
        metadata = dict(record.metadata)
        if gold != source_label:
            metadata["source_label"] = source_label
        rows.append(BenchRow(record.id, prompt, gold, choices, metadata))
        source_labels.append(source_label)
    return rows, source_labels


def strata_of(rows: list[BenchRow]) -> tuple[str, list[str]]:
    """(what the strata are, one value per row): the label of a classification set, a QA set's
    answer type when every row has one (TAT-QA), else one stratum."""
    if rows[0].choices:
        return "label", [row.gold for row in rows]
    types = [row.metadata.get("answer_type") for row in rows]
    if all(isinstance(kind, str) and kind for kind in types):
        return "answer_type", types
    return "none", ["all"] * len(rows)


def _counts(values: list[str]) -> dict[str, int]:
    return dict(sorted(Counter(values).items()))


def build_rows(
    name: str,
    options: dict,
    out_rows: str,
    out_info: str,
    out_train: str | None = None,
    hub_cache: str | None = None,
) -> None:
    """Draw benchmark ``name``'s rows from its checked options (``description.benchmark_configs``).

    ``out_train`` receives the rows set aside by ``train_share`` (an empty file when
    it is 0); ``hub_cache`` is where a Hub source's snapshot was fetched.
    """
    where = f"benchmarks.{name}"
    read, records = load_source(options, hub_cache, where)
    rows, source_labels = make_rows(records, options, where)
    ids = [row.id for row in rows]
    stratified_by, strata = strata_of(rows)
    share = float(options.get("train_share") or 0)
    if share > 0 and out_train is None:
        raise FinstepError(f"{where}.train_share is {share} but no train.jsonl is asked for")
    train = set_aside(ids, strata, share, options["seed"], where) if share > 0 else None
    kept = set(train.indices) if train else set()  # never scored, balanced or not
    if train and options.get("train_balance"):
        train = balanced(ids, strata, train, options["seed"])
    scored = sample(
        ids,
        strata,
        options.get("max_examples"),
        options["seed"],
        [i for i in range(len(rows)) if i not in kept],
        where,
    )
    classified = bool(rows[0].choices)
    info = {
        "benchmark": name,
        "task": options["task"],
        "source": read,
        "notice": options.get("notice"),
        "prompt": options.get("prompt"),  # null: the set's own prompt
        "label_map": options.get("label_map") or {},
        "choices": list(rows[0].choices),
        "source_rows": len(rows),
        "source_labels": _counts(source_labels) if classified else None,
        "labels": _counts([row.gold for row in rows]) if classified else None,
        "stratified_by": stratified_by,
        "seed": options["seed"],
        "max_examples": options.get("max_examples"),
        "train_share": share,
        "train_balance": bool(options.get("train_balance")),
        "train_rows": len(train.indices) if train else 0,
        "train": train.info if train else None,
        "rows": len(scored.indices),
        "sample": scored.info,
    }
    if out_train is not None:
        chosen = train.indices if train else []
        write_jsonl(
            out_train,
            ({"id": rows[i].id, "instruction": rows[i].prompt, "response": rows[i].gold} for i in chosen),
        )
    write_rows(out_rows, (rows[i] for i in scored.indices))
    write_json(out_info, info)
    log.info(
        "%s: %d of %d rows scored (%s), %d set aside for training; from %s",
        where,
        info["rows"],
        info["source_rows"],
        stratified_by,
        info["train_rows"],
        read.get("path") or f"{read.get('hub')}@{read.get('revision')}",
    )
