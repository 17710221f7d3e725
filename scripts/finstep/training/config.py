"""Check the ``students`` and ``pairs`` config before any job runs (no torch import here)."""

from __future__ import annotations

import re
from pathlib import Path

from ..errors import FinstepError

NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.\-]{0,63}")
HUB_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.\-]{0,95}/[A-Za-z0-9][A-Za-z0-9_.\-]{0,95}")


def is_local(model: str) -> bool:
    return model.startswith("results/") or Path(model).is_dir()


def student_configs(students: dict) -> dict[str, dict]:
    """Name → options; a model must be a local folder (or one this workflow builds) or a pinned Hub id."""
    checked = {}
    for name, options in (students or {}).items():
        options = dict(options or {})
        model = str(options.get("model") or "")
        if not NAME.fullmatch(str(name)):
            raise FinstepError(
                f"student name {name!r} is not a safe folder name: use letters, digits, '_', '.', '-'"
            )
        if not model:
            raise FinstepError(
                f"students.{name}.model is required: a local folder or a Hub id such as org/name"
            )
        if not is_local(model):
            if not HUB_ID.fullmatch(model):
                raise FinstepError(
                    f"students.{name}.model {model!r} is neither a local folder nor a valid Hub id (org/name)"
                )
            if not options.get("revision"):
                raise FinstepError(
                    f"students.{name}: Hub model {model!r} needs a pinned revision (a commit hash)"
                )
        options.setdefault("gpu", 1)
        checked[str(name)] = options
    return checked


def training_pairs(pairs: list, students: dict, datasets: dict) -> list[tuple[str, str]]:
    """The (student, dataset) pairs to train; unknown names are errors."""
    checked = []
    for number, pair in enumerate(pairs or [], 1):
        student, dataset = pair.get("student"), pair.get("dataset")
        if student not in students:
            raise FinstepError(
                f"pairs[{number}]: student {student!r} is not under students ({', '.join(students)})"
            )
        if dataset not in datasets:
            raise FinstepError(
                f"pairs[{number}]: dataset {dataset!r} is not under datasets ({', '.join(datasets)})"
            )
        checked.append((student, dataset))
    return checked
