"""Check the ``teacher_comparison`` config before any job runs, and add its pairs."""

from __future__ import annotations

from ..config_schema import defaults
from ..errors import FinstepError


def comparison_config(options: dict | None, datasets: dict, teachers: dict, students: dict) -> dict | None:
    """The validated comparison (student, datasets, each dataset's teacher, format), or None when off.

    The compared datasets must differ in their teacher alone: the same format, seed and split
    fractions (so a split by filing puts the same filings in the test split), and teachers
    given the same chunks (``max_chunks``), or the students would differ in what they read too.
    """
    options = {**defaults("teacher_comparison"), **(options or {})}
    student = options["student"]
    if not student:
        return None
    where = "teacher_comparison"
    if student not in students:
        raise FinstepError(f"{where}.student {student!r} is not under students ({', '.join(students)})")
    names = list(options["datasets"])
    if len(names) < 2 or len(set(names)) != len(names):
        raise FinstepError(
            f"{where}.datasets {names}: list two or more distinct distillation datasets, one per teacher"
        )
    for name in names:
        if name not in datasets:
            raise FinstepError(f"{where}.datasets: {name!r} is not under datasets ({', '.join(datasets)})")
        if datasets[name]["kind"] != "distill":
            raise FinstepError(
                f"{where}.datasets: {name!r} is an instruction set; teachers are compared on distillation sets"
            )
    by_teacher: dict[str, str] = {}
    for name in names:
        teacher = datasets[name]["teacher"]
        if teacher in by_teacher:
            raise FinstepError(
                f"{where}.datasets: {by_teacher[teacher]!r} and {name!r} both come from teacher {teacher!r}; "
                "compare datasets of different teachers"
            )
        by_teacher[teacher] = name
    first = names[0]
    for name in names[1:]:
        for key in ("format", "seed", "splits"):
            if datasets[name].get(key) != datasets[first].get(key):
                raise FinstepError(
                    f"{where}.datasets: {first!r} and {name!r} differ in {key} "
                    f"({datasets[first].get(key)!r} vs {datasets[name].get(key)!r}); compared datasets may "
                    "differ in their teacher only"
                )
    chunk_counts = {teacher: teachers[teacher].get("max_chunks") for teacher in by_teacher}
    if len(set(chunk_counts.values())) > 1:
        shown = ", ".join(f"{t} {n or 'all'}" for t, n in chunk_counts.items())
        raise FinstepError(
            f"{where}: the compared teachers answer different chunks (max_chunks: {shown}); give them "
            "the same max_chunks, so that every student reads the same chunks"
        )
    return {
        "student": student,
        "datasets": names,
        "teachers": {name: datasets[name]["teacher"] for name in names},
        "format": datasets[first]["format"],
        "min_common_rows": int(options["min_common_rows"]),
    }


def with_comparison_pairs(pairs: list[tuple[str, str]], comparison: dict | None) -> list[tuple[str, str]]:
    """``pairs`` and the comparison's (student, dataset) pairs not among them, which train as configured."""
    if not comparison:
        return pairs
    added = [(comparison["student"], name) for name in comparison["datasets"]]
    return [*pairs, *(pair for pair in added if pair not in pairs)]
