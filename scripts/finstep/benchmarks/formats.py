"""The formats benchmark sets are published in, read into one kind of source record.

Each reader keeps what a description may need: the set's own prompt (to keep it),
the bare input text (to put it into another template: NWGI's 7-label instruction
replaced by FinGPT's 3-label one), the gold label or answer exactly as the set
prints it, and a stable id. Label mapping, checks and sampling come later
(``build``), the same for every format.

File formats (``benchmarks.<name>.source.format``; sniffed from the content when absent):

- ``fingpt_jsonl``: FinGPT/FinLoRA's ``{"context": "Instruction: …\\nInput: <text>\\nAnswer: ",
  "target": label}``.
- ``flare_jsonl``: FinBen/PIXIU's FLARE rows ``{id, query, answer, choices, gold, text}``.
- ``conversations_jsonl``: FinBen's ``{"id", "conversations": [human prompt, assistant answer]}``.
- ``columns_jsonl``: a table's rows, ``{"text" or "sentence", "label"}`` (a Hub set exported to JSONL).
- ``fpb_txt``: the original Financial PhraseBank, one ``sentence@label`` per line, latin-1.
- ``tatqa_json``: TAT-QA's raw JSON, one record per question (:func:`tatqa_prompt`).

Rows of a Hub dataset are dicts, read by the record formats ``fingpt``, ``flare``,
``conversations`` and ``columns`` (the file formats without ``_jsonl``).
"""

from __future__ import annotations

import hashlib
import json
import re
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from pathlib import Path

from ..errors import FinstepError
from ..io import numbered_jsonl


@dataclass(frozen=True)
class SourceRecord:
    """One example as its set prints it.

    ``label`` is the gold as printed (a class name, a Hub label id as a string, or
    a QA answer); ``id`` the set's own, else one from the content (:func:`content_id`);
    ``text`` the bare input when the format separates it from the prompt; ``prompt`` the
    set's own full prompt, if it has one; ``where`` names the example in error messages
    (file and line, or question id); ``choices`` the label set a row lists itself
    (FLARE's), in its order, which FinBen's first-label rule follows.
    """

    id: str
    label: str
    where: str
    text: str | None = None
    prompt: str | None = None
    choices: tuple[str, ...] | None = None
    metadata: dict = field(default_factory=dict)


# FinGPT's instruction prompt; the text is everything between "Input: " and the last "Answer:".
FINGPT_CONTEXT = re.compile(r"Instruction: (?P<instruction>.*?)\nInput: (?P<text>.*)\nAnswer: ?", re.DOTALL)
TEXT_COLUMNS = ("text", "sentence")
# FinBen's QA prompt, which TAT-QA's rendering follows (FinQA's rows in ../shared use it).
QA_INSTRUCTION = "Please answer the given financial question based on the context."
# A multi-span answer printed as one string (its raw list stays in metadata["answer"]).
SPAN_SEPARATOR = ", "


def _given_id(record: dict) -> str:
    """The row's own id, or "" for :func:`with_content_ids` to fill."""
    given = record.get("id")
    return "" if given is None else str(given)


def content_id(record: SourceRecord) -> str:
    """An id from what the row says (its prompt, text and label), for sets that give none.

    A position (file name and line, or split and index) would change when a user
    renames the file, converts it or sorts it, and with it the seeded sample and the
    rows set aside for training (``sampling`` orders rows by id); the content does not.
    """
    key = "\x1f".join((record.prompt or "", record.text or "", record.label))
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:16]


def with_content_ids(records: list[SourceRecord]) -> list[SourceRecord]:
    """Each record without an id of its own gets :func:`content_id`; a repeat of the same row
    (FPB prints some sentences twice) gets ``-2``, ``-3`` … after it, in file order."""
    seen: Counter[str] = Counter()
    named = []
    for record in records:
        if record.id:
            named.append(record)
            continue
        base = content_id(record)
        seen[base] += 1
        named.append(replace(record, id=base if seen[base] == 1 else f"{base}-{seen[base]}"))
    return named


def _fingpt(record: dict, where: str) -> SourceRecord:
    context, target = record.get("context"), record.get("target")
    if not isinstance(context, str) or not isinstance(target, str):
        raise FinstepError(f"{where}: a FinGPT row needs string 'context' and 'target'")
    match = FINGPT_CONTEXT.fullmatch(context)
    return SourceRecord(
        id=_given_id(record),
        label=target,
        where=where,
        text=match["text"] if match else None,
        prompt=context,
    )


def _flare(record: dict, where: str) -> SourceRecord:
    query, answer = record.get("query"), record.get("answer")
    if not isinstance(query, str) or answer is None:
        raise FinstepError(f"{where}: a FLARE row needs 'query' and 'answer'")
    text, choices = record.get("text"), record.get("choices")
    return SourceRecord(
        id=_given_id(record),
        label=str(answer),
        where=where,
        text=text if isinstance(text, str) and text else None,
        prompt=query,
        choices=tuple(str(choice) for choice in choices) if isinstance(choices, list) and choices else None,
    )


def _conversations(record: dict, where: str) -> SourceRecord:
    turns = record.get("conversations")
    if (
        not isinstance(turns, list)
        or len(turns) != 2
        or not all(isinstance(turn, dict) and isinstance(turn.get("value"), str) for turn in turns)
        or turns[0].get("from") != "human"
        or turns[1].get("from") not in ("assistant", "gpt")
    ):
        raise FinstepError(
            f"{where}: 'conversations' must be two turns, the human prompt and the assistant's answer"
        )
    return SourceRecord(id=_given_id(record), label=turns[1]["value"], where=where, prompt=turns[0]["value"])


def _columns(record: dict, where: str) -> SourceRecord:
    column = next((name for name in TEXT_COLUMNS if isinstance(record.get(name), str)), None)
    if column is None or record.get("label") is None:
        raise FinstepError(f"{where}: a row needs a 'label' and a text column ({' or '.join(TEXT_COLUMNS)})")
    return SourceRecord(id=_given_id(record), label=str(record["label"]), where=where, text=record[column])


RECORD_FORMATS: dict[str, Callable[[dict, str], SourceRecord]] = {
    "fingpt": _fingpt,
    "flare": _flare,
    "conversations": _conversations,
    "columns": _columns,
}


def sniff_record(record: object) -> str | None:
    """The record format a row's keys say, or None."""
    if not isinstance(record, dict):
        return None
    if "context" in record and "target" in record:
        return "fingpt"
    if "query" in record and "answer" in record:
        return "flare"
    if "conversations" in record:
        return "conversations"
    if "label" in record and any(name in record for name in TEXT_COLUMNS):
        return "columns"
    return None


def parse_records(
    records: Iterable[tuple[str, dict]], format: str | None, what: str
) -> tuple[str, list[SourceRecord]]:
    """(format, records) from (where, row) pairs; the format is sniffed from the first row when
    not given, and every row must be in it. Rows without an id get :func:`content_id`."""
    parsed, chosen = [], format
    for where, record in records:
        if not isinstance(record, dict):
            raise FinstepError(f"{where}: a row must be a JSON object")
        if chosen is None:
            chosen = sniff_record(record)
            if chosen is None:
                raise FinstepError(
                    f"{what}: rows with keys {', '.join(sorted(record))} are in no known format "
                    f"({', '.join(RECORD_FORMATS)}); name one as source.format"
                )
        parsed.append(RECORD_FORMATS[chosen](record, where))
    return chosen or "", with_content_ids(parsed)


def _jsonl(path: Path, format: str) -> list[SourceRecord]:
    rows = ((f"{path}: line {number}", record) for number, record in numbered_jsonl(path, "utf-8-sig"))
    return parse_records(rows, format.removesuffix("_jsonl"), str(path))[1]


# FPB's labels follow the last "@" of each line.
FPB_LINE = re.compile(r"(?P<text>.*)@(?P<label>[A-Za-z]+)\s*")


def _fpb_txt(path: Path, format: str) -> list[SourceRecord]:
    records = []
    for number, line in enumerate(path.read_text(encoding="latin-1").splitlines(), 1):
        if not line.strip():
            continue
        match = FPB_LINE.fullmatch(line)
        if match is None:
            raise FinstepError(
                f"{path}: line {number} is not 'sentence@label' (Financial PhraseBank's format)"
            )
        records.append(
            SourceRecord(
                id="",
                label=match["label"],
                where=f"{path}: line {number}",
                text=match["text"].strip(),
            )
        )
    return with_content_ids(records)


def _cell(value: object) -> str:
    """A table cell on one line: TAT-QA has cells like 'September 28,\\n2019'."""
    return " ".join(str(value).split())


def tatqa_table(rows: list[list[object]]) -> str:
    """A table as FinQA's PIXIU prompt prints one: ``|a|b|c|`` per row, the header first."""
    return "\n".join("|" + "|".join(_cell(cell) for cell in row) + "|" for row in rows)


def tatqa_prompt(context: dict, question: str) -> str:
    """TAT-QA in the FinBen prompt FinQA's rows use: the paragraphs in their order, one a line,
    then the table, then the question.

    TAT-QA ships no prompt; FinBen's FinQA prompt ("Please answer the given financial
    question based on the context.\\nContext: …\\nQuestion: …\\nAnswer:") is the published
    form nearest to it, so a model reads both sets alike.
    """
    paragraphs = sorted(context.get("paragraphs") or [], key=lambda p: p.get("order", 0))
    parts = [" ".join(str(p.get("text", "")).split()) for p in paragraphs]
    table = (context.get("table") or {}).get("table") or []
    if table:
        parts.append(tatqa_table(table))
    body = "\n".join(part for part in parts if part)
    return f"{QA_INSTRUCTION}\nContext: {body}\nQuestion: {question}\nAnswer:"


def tatqa_answer(answer: object) -> str:
    """TAT-QA's answer as one string: a number as its JSON prints it (17.7, 273), a span as is,
    several spans joined by ", " (they are a bag in TAT-QA's own metric, which reads the list)."""
    if isinstance(answer, list):
        return SPAN_SEPARATOR.join(str(part) for part in answer)
    return json.dumps(answer) if isinstance(answer, int | float) else str(answer)


def _tatqa_json(path: Path, format: str) -> list[SourceRecord]:
    try:
        contexts = json.loads(path.read_text(encoding="utf-8-sig"))
    except ValueError as exc:
        raise FinstepError(f"{path}: not JSON ({exc.msg}); TAT-QA's files are one JSON list") from None
    if not isinstance(contexts, list):
        raise FinstepError(f"{path}: TAT-QA's file is a list of {{table, paragraphs, questions}}")
    records = []
    for number, context in enumerate(contexts, 1):
        if not isinstance(context, dict) or not isinstance(context.get("questions"), list):
            raise FinstepError(f"{path}: context {number} has no 'questions' list")
        for question in context["questions"]:
            uid = str(question.get("uid") or "")
            where = f"{path}: context {number} question {uid or '?'}"
            if not uid or not isinstance(question.get("question"), str) or "answer" not in question:
                raise FinstepError(f"{where}: a TAT-QA question needs uid, question and answer")
            records.append(
                SourceRecord(
                    id=uid,
                    label=tatqa_answer(question["answer"]),
                    where=where,
                    prompt=tatqa_prompt(context, question["question"].strip()),
                    metadata={
                        "answer": question["answer"],
                        "answer_type": question.get("answer_type"),
                        "scale": question.get("scale", ""),
                        "derivation": question.get("derivation", ""),
                        "answer_from": question.get("answer_from"),
                        "question": question["question"],
                    },
                )
            )
    return records


FILE_FORMATS: dict[str, Callable[[Path, str], list[SourceRecord]]] = {
    "fingpt_jsonl": _jsonl,
    "flare_jsonl": _jsonl,
    "conversations_jsonl": _jsonl,
    "columns_jsonl": _jsonl,
    "fpb_txt": _fpb_txt,
    "tatqa_json": _tatqa_json,
}


def sniff_file(path: Path) -> str | None:
    """The file format the content says (a JSON list of TAT-QA contexts, JSONL rows whose first
    row's keys name a record format, ``sentence@label`` lines), or None."""
    with open(path, "rb") as handle:
        head = handle.read(1 << 16)
        handle.seek(0)
        first_line = handle.readline(1 << 24)
    text = head.decode("utf-8-sig", errors="replace").lstrip()
    if text.startswith("["):
        return "tatqa_json" if re.match(r'\[\s*\{\s*"(table|paragraphs|questions)"', text) else None
    if text.startswith("{"):
        try:
            kind = sniff_record(json.loads(first_line.decode("utf-8-sig")))
        except ValueError:
            return None
        return f"{kind}_jsonl" if kind else None
    lines = head.decode("latin-1").splitlines()
    if len(head) == 1 << 16:  # the last line may be cut
        lines = lines[:-1]
    lines = [line for line in lines if line.strip()]
    if lines and all(FPB_LINE.fullmatch(line) for line in lines):
        return "fpb_txt"
    return None


def read_file(
    path: str | Path, format: str | None = None, where: str = "source"
) -> tuple[str, list[SourceRecord]]:
    """(format, records) of a local benchmark file; ``where`` is the config key that named it."""
    path = Path(path)
    if not path.is_file():
        raise FinstepError(f"{where}.path {path} is not a file; fix the path")
    if format is not None and format not in FILE_FORMATS:
        raise FinstepError(f"{where}.format {format!r} is unknown: choose one of {', '.join(FILE_FORMATS)}")
    if format is None and not path.read_bytes().strip():
        raise FinstepError(f"{where}.path {path} is empty: the set holds no rows; fix the path")
    chosen = format or sniff_file(path)
    if chosen is None:
        raise FinstepError(
            f"{path} is in no known benchmark format ({', '.join(FILE_FORMATS)}); convert it or "
            f"name its format as {where}.format"
        )
    return chosen, FILE_FORMATS[chosen](path, chosen)
