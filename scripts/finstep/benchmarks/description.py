"""A benchmark's config entry: a short declarative description, checked before any job.

As lm-evaluation-harness describes a task in a few lines of YAML (dataset, split,
prompt, target, choices), a benchmark here is a config entry under ``benchmarks:``,
usually ``include:`` of a description shipped in ``resources/benchmarks/``. The
include describes the *set*: its task, source, prompt, label map, labels, the
rule that reads a generated answer, and its licence notice. How much of it is scored, with what seed and protocols, is the
config's: those keys have their defaults in config/schema.yaml, which Snakemake's
``validate`` writes into every entry, so an include may not set them (it would
silently lose to the filled-in default).
"""

from __future__ import annotations

from pathlib import Path

import yaml
from jsonschema import Draft202012Validator
from jsonschema.exceptions import best_match

from ..config_schema import defaults, node
from ..errors import FinstepError
from ..validation import SAFE_NAME, closest
from . import build
from .formats import FILE_FORMATS, RECORD_FORMATS
from .hub_data import check_hub_source, dataset_manifest

DESCRIPTIONS = Path("resources") / "benchmarks"
# What an include may describe; the rest of an entry's keys have schema defaults.
SET_KEYS = ("task", "source", "prompt", "label_map", "choices", "extraction", "notice")
HUB_KEYS = ("hub", "revision", "config", "split")


def shipped(root: Path) -> list[str]:
    """Names of the descriptions shipped under ``resources/benchmarks/``."""
    return sorted(path.stem for path in (root / DESCRIPTIONS).glob("*.yaml"))


def read_description(include: str, root: Path, where: str) -> tuple[str, dict]:
    """(path as written for messages, keys) of an include: a shipped name or a YAML file's path."""
    name = str(include)
    path = root / DESCRIPTIONS / f"{name.removesuffix('.yaml')}.yaml"
    if "/" in name or not path.is_file():
        path = Path(name) if Path(name).is_absolute() else root / name
    if not path.is_file():
        raise FinstepError(
            f"{where}.include {name!r} is neither a shipped description ({', '.join(shipped(root))}) "
            "nor a YAML file; fix the name or the path"
        )
    try:
        keys = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except yaml.YAMLError as exc:
        raise FinstepError(f"{path}: not YAML ({' '.join(str(exc).split())})") from None
    if not isinstance(keys, dict):
        raise FinstepError(f"{path}: a benchmark description is a mapping of keys")
    run_keys = set(defaults("benchmarks", "*"))
    for key in keys:
        if key in run_keys:
            raise FinstepError(
                f"{path}: {key} is the config's choice, not the set's (its default is in config/schema.yaml); "
                f"set it as {where}.{key}"
            )
        if key not in SET_KEYS:
            raise FinstepError(f"{path}: key {key!r} is unknown{closest(str(key), SET_KEYS)}")
    return str(path), keys


def _source_kind(source: object) -> str | None:
    if not isinstance(source, dict):
        return None
    return "path" if "path" in source else "hub" if "hub" in source else None


def _merged(described: dict, entry: dict) -> dict:
    """defaults < the include's keys < the entry's; a source naming path or hub replaces the include's."""
    merged = {**defaults("benchmarks", "*"), **described, **entry}
    old, new = described.get("source"), entry.get("source")
    if isinstance(old, dict) and isinstance(new, dict) and _source_kind(new) in (None, _source_kind(old)):
        merged["source"] = {**old, **new}
    return merged


def _check_schema(options: dict, where: str, from_include: set[str], include_path: str | None) -> None:
    spec = node("benchmarks", "*")
    unknown = sorted(set(options) - set(spec["properties"]))
    if unknown:
        raise FinstepError(f"{where}: key {unknown[0]!r} is unknown{closest(unknown[0], spec['properties'])}")
    error = best_match(Draft202012Validator(spec).iter_errors(options))
    if error is None:
        return
    path = list(error.absolute_path)
    field = "".join(f".{part}" for part in path)
    origin = f" (from {include_path})" if path and path[0] in from_include else ""
    raise FinstepError(f"{where}{field}: {error.message}{origin}")


def _check_source(source: dict, where: str, root: Path, include_path: str | None) -> None:
    kind = _source_kind(source)
    see = f" (see {include_path})" if include_path else ""
    if "path" in source and "hub" in source:
        raise FinstepError(f"{where}: give path (a local file) or hub (a Hub dataset), not both")
    if kind is None:
        raise FinstepError(f"{where}: give path (a local file) or hub with revision and split{see}")
    if kind == "path":
        stray = [key for key in HUB_KEYS if key in source]
        if stray:
            raise FinstepError(f"{where}: {', '.join(stray)} belong to a Hub source, not to path")
        path = Path(source["path"])
        if not (path if path.is_absolute() else root / path).is_file():
            raise FinstepError(
                f"{where}.path {source['path']} is not a file; fix the path or fetch the file{see}"
            )
        if source.get("format") is not None and source["format"] not in FILE_FORMATS:
            raise FinstepError(
                f"{where}.format {source['format']!r} is not a file format: choose one of {', '.join(FILE_FORMATS)}"
            )
    else:
        check_hub_source(source, where)
        if source.get("format") is not None and source["format"] not in RECORD_FORMATS:
            raise FinstepError(
                f"{where}.format {source['format']!r} is not a Hub rows' format: choose one of "
                f"{', '.join(RECORD_FORMATS)}"
            )


def benchmark_configs(section: dict | None, root: Path) -> dict[str, dict]:
    """Name → the entry's options with its include merged and every key checked, before any job.

    ``root`` is the project folder: shipped descriptions are under it, and relative
    source paths are read from it (the workflow runs there). Every error is one line
    naming ``benchmarks.<name>.<key>`` (or the include file).
    """
    checked = {}
    for name, entry in (section or {}).items():
        where = f"benchmarks.{name}"
        if not SAFE_NAME.fullmatch(str(name)):
            raise FinstepError(
                f"benchmark name {name!r} is not a safe folder name: use letters, digits, '_', '.', '-'"
            )
        if not isinstance(entry, dict):
            raise FinstepError(f"{where} must be a mapping (include, task, source, …), got {entry!r}")
        include_path, described = None, {}
        if entry.get("include") is not None:
            include_path, described = read_description(entry["include"], root, where)
        options = _merged(described, entry)
        _check_schema(options, where, set(described) - set(entry), include_path)
        if not options.get("task"):
            raise FinstepError(f"{where}.task is required: sentiment or numeric_qa")
        try:
            task = build.task_class(options["task"])  # an unknown task names the registered ones
        except FinstepError as exc:  # the registry's message says benchmarks.<name>.task
            raise FinstepError(str(exc).replace("benchmarks.<name>", where)) from None
        _check_source(options.get("source") or {}, f"{where}.source", root, include_path)
        prompt = options.get("prompt")
        if prompt is not None and "{text}" not in prompt:
            raise FinstepError(f"{where}.prompt must contain {{text}}, where the set's text goes")
        options["label_map"] = {str(key): value for key, value in (options.get("label_map") or {}).items()}
        choices = options.get("choices")
        if choices is not None and any(not c.strip() or c != c.strip().lower() for c in choices):
            raise FinstepError(f"{where}.choices {choices!r} must be non-empty lower-case labels")
        if options.get("extraction") is not None:  # refused now, not after the model has run
            from .extraction import check_rule

            check_rule(options["extraction"], choices or task.default_choices, where)
        checked[str(name)] = options
    return checked


def source_input(options: dict, hub_cache: str) -> str:
    """The file a benchmark's rows are built from: the local file, or its Hub snapshot's manifest."""
    source = options["source"]
    if source.get("hub"):
        return dataset_manifest(hub_cache, source["hub"], str(source["revision"]))
    return str(source["path"])
