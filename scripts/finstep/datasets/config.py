"""Check the ``datasets`` config before any job runs."""

from __future__ import annotations

from ..errors import FinstepError
from ..validation import SAFE_NAME
from .formats import FORMATS

KINDS = ("distill", "instructions")


def dataset_configs(datasets: dict, teachers: dict) -> dict[str, dict]:
    """Name → options; a bad entry raises with its name and what to fix.

    ``datasets`` is the validated config's: the schema filled in the defaults
    (``splits``, ``seed``, a distillation set's ``format``, a multitask set's ``alpha``).
    """
    checked = {}
    for name, options in (datasets or {}).items():
        options = dict(options or {})
        where = f"datasets.{name}"
        if not SAFE_NAME.fullmatch(str(name)):
            raise FinstepError(
                f"dataset name {name!r} is not a safe folder name: use letters, digits, '_', '.', '-'"
            )
        kind = options.get("kind")
        if kind not in KINDS:
            raise FinstepError(f"{where}.kind {kind!r} is unknown: choose distill or instructions")
        if kind == "distill":
            if options.get("teacher") not in teachers:
                raise FinstepError(
                    f"{where}.teacher {options.get('teacher')!r} is not among the configured teachers "
                    f"({', '.join(teachers) or 'none'})"
                )
            if options.get("format") not in FORMATS:
                raise FinstepError(
                    f"{where}.format {options.get('format')!r} is unknown: choose one of {', '.join(FORMATS)}"
                )
            if options["format"] == "multitask" and not 0 <= float(options["alpha"]) <= 1:
                raise FinstepError(f"{where}.alpha must be between 0 and 1")
        elif not options.get("path"):
            raise FinstepError(f"{where}.path is required for kind instructions: a JSON or JSONL file")
        fractions = options.get("splits") or {}
        if fractions and abs(sum(fractions.values()) - 1) > 1e-6:
            raise FinstepError(f"{where}.splits must add up to 1 (train + val + test)")
        checked[str(name)] = options
    return checked
