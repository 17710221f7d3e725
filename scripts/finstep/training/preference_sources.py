"""Where a DPO stage's rejected answers come from (``dpo.preferences.rejected``), checked before any job.

Kept apart from ``preferences``, which imports torch and peft: the Snakefile imports this.
"""

from __future__ import annotations

from ..errors import FinstepError

REJECTED_SOURCES = ("sft", "base")
TEACHER_SOURCE = "teacher:"


def rejected_teacher(source: str) -> str | None:
    """The teacher named by a ``teacher:<name>`` source of rejected answers; None for ``sft`` and ``base``."""
    return source[len(TEACHER_SOURCE) :] or None if source.startswith(TEACHER_SOURCE) else None


def check_rejected_source(preferences: dict, dpo_datasets: dict[str, dict], teachers: dict) -> None:
    """A ``teacher:<name>`` source must name a configured teacher, and every DPO dataset be a distillation
    set of another teacher: checked before any job, naming what to change."""
    name = rejected_teacher(str(preferences.get("rejected", "")))
    if name is None:
        return
    if name not in teachers:
        raise FinstepError(
            f"dpo.preferences.rejected names teacher {name!r}, which is not under teachers "
            f"({', '.join(teachers) or 'none'})"
        )
    for dataset, options in dpo_datasets.items():  # name → its config (a sweep share: its full set's)
        if options["kind"] != "distill":
            raise FinstepError(
                f"dpo.preferences.rejected is teacher:{name}, but DPO dataset {dataset!r} is an instruction "
                "set, which no teacher answered; use sft or base for it"
            )
        if options["teacher"] == name:
            raise FinstepError(
                f"dpo.preferences.rejected is teacher:{name}, the teacher of DPO dataset {dataset!r} itself: "
                "its answers are the chosen ones; name another teacher"
            )
