"""Check the ``students`` and ``pairs`` config before any job runs (no torch import here)."""

from __future__ import annotations

from ..errors import FinstepError
from ..models.refs import SAFE_NAME, resolve_model


def student_configs(students: dict, models: dict | None = None) -> dict[str, dict]:
    """Name → options, ``model`` resolved (``finstep.models``) to the folder or pinned Hub id to load."""
    checked = {}
    for name, options in (students or {}).items():
        options = dict(options or {})
        if not SAFE_NAME.fullmatch(str(name)):
            raise FinstepError(
                f"student name {name!r} is not a safe folder name: use letters, digits, '_', '.', '-'"
            )
        ref = resolve_model(options.get("model"), options.get("revision"), models or {}, f"students.{name}")
        options["model"] = ref.path
        options.setdefault("gpu", 1)
        checked[str(name)] = options
    return checked


def pair_training(pairs: list, training: dict) -> dict[tuple[str, str], dict]:
    """Each configured pair's training settings: ``training``, updated by the pair's own ``training``."""
    return {
        (pair["student"], pair["dataset"]): {**training, **(pair.get("training") or {})}
        for pair in pairs or []
    }


def training_pairs(
    pairs: list, students: dict, datasets: dict, sweep: dict | None = None
) -> list[tuple[str, str]]:
    """The (student, dataset) pairs to train; unknown names are errors.

    With a data-fraction ``sweep`` (``datasets.sweep.sweep_datasets``), its
    student also trains on each derived dataset and on each full one it
    subsamples, so the sweep's curve ends at the full set.
    """
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
    for name, spec in (sweep or {}).items():
        checked.append((spec["student"], name))
    for spec in (sweep or {}).values():
        if (spec["student"], spec["of"]) not in checked:
            checked.append((spec["student"], spec["of"]))
    return checked
