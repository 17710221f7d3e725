"""Instruction → response files (JSON list or JSONL), validated record by record.

Accepts ``{"instruction", "response"}`` and Alpaca's ``{"instruction",
"input", "output"}``; a bad record stops the run with its number and what is
wrong, before any training starts.
"""

from __future__ import annotations

import json
from pathlib import Path

from pydantic import BaseModel, ConfigDict, ValidationError, field_validator, model_validator

from ..errors import FinstepError


class Instruction(BaseModel):
    model_config = ConfigDict(extra="allow")

    instruction: str
    input: str = ""
    response: str

    @model_validator(mode="before")
    @classmethod
    def _alpaca(cls, data: object) -> object:
        if isinstance(data, dict) and "response" not in data and "output" in data:
            data = {**data, "response": data["output"]}
        return data

    @field_validator("instruction", "response")
    @classmethod
    def _not_empty(cls, value: str) -> str:
        if not value.strip():
            raise ValueError("must not be empty")
        return value


def _records(path: Path) -> list[object]:
    text = path.read_text(encoding="utf-8-sig")  # a BOM from a Windows editor is not an error
    try:
        data = json.loads(text)
        return data if isinstance(data, list) else [data]
    except ValueError:
        pass
    records = []
    for number, line in enumerate(text.splitlines(), 1):
        if line.strip():
            try:
                records.append(json.loads(line))
            except ValueError as exc:
                raise FinstepError(f"{path}: line {number} is not JSON ({exc.msg}); fix the file") from None
    return records


def load_instructions(path: str | Path) -> list[dict]:
    """Validated records with a stable ``id`` and the ``prompt``/``completion`` pair."""
    path = Path(path)
    if not path.exists():
        raise FinstepError(f"instruction file {path} does not exist; fix datasets.<name>.path")
    rows = []
    for number, record in enumerate(_records(path), 1):
        try:
            item = Instruction.model_validate(record)
        except ValidationError as exc:
            error = exc.errors()[0]
            field = ".".join(str(p) for p in error["loc"]) or "record"
            raise FinstepError(
                f"{path}: record {number}: {field}: {error['msg'].lower()} "
                "(each record needs non-empty 'instruction' and 'response', or Alpaca's 'output')"
            ) from None
        prompt = item.instruction if not item.input.strip() else f"{item.instruction}\n\n{item.input}"
        extra = item.model_extra or {}
        row = {
            "id": str(extra.get("id") or f"{path.stem}-{number}"),
            "prompt": prompt,
            "completion": item.response,
        }
        row["task"] = "instruction"
        if "task" in extra:  # e.g. the arithmetic set's "cagr": kept for per-category accuracy
            row["category"] = extra["task"]
        for key in ("answer", "unit"):
            if key in extra:
                row[key] = extra[key]
        rows.append(row)
    if not rows:
        raise FinstepError(f"instruction file {path} holds no records")
    return rows
