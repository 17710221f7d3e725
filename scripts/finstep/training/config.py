"""Check the ``students`` and ``pairs`` config before any job runs (no torch import here)."""

from __future__ import annotations

from jsonschema import Draft202012Validator
from jsonschema.exceptions import best_match

from ..config_schema import node
from ..errors import FinstepError
from ..models.refs import SAFE_NAME, resolve_model
from ..validation import closest


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
        if options.get("fsdp") and int(options["gpu"]) < 2:
            raise FinstepError(
                f"students.{name}.fsdp shards the model across GPUs, but gpu is {options['gpu']}: "
                "set gpu to 2 or more, or fsdp: false"
            )
        if not options.get("fsdp"):
            # The default (DDP) is left out of the options the rules pass as params: a student
            # configured before fsdp existed keeps its params, so its adapters and checkpoints stay valid.
            options.pop("fsdp", None)
        checked[str(name)] = options
    return checked


def check_training_options(options: object, where: str, section: tuple[str, ...] = ("training",)) -> None:
    """Refuse training settings the ``training`` schema (or ``section``'s) refuses, naming where they were written.

    Snakemake's ``validate`` checks the ``training`` section, but a pair's own
    ``training`` mapping only changes some of its keys, so the schema cannot fill
    or check it there: checked here with the same schema, no defaults filled, before
    any job (a ``max_steps: 0`` or ``batch_size: 0`` would otherwise reach torch).
    """
    spec = node(*section)
    if not isinstance(options, dict):
        raise FinstepError(f"{where} must be a mapping of training settings, got {options!r}")
    for key in options:
        if key not in spec["properties"]:
            raise FinstepError(
                f"{where}: training option {key!r} is unknown{closest(str(key), spec['properties'])}"
            )
    error = best_match(Draft202012Validator(spec).iter_errors(options))
    if error is not None:
        field = ".".join(str(part) for part in error.absolute_path)
        raise FinstepError(f"{where}.{field}: {error.message}")


def pair_training(pairs: list, training: dict) -> dict[tuple[str, str], dict]:
    """Each configured pair's training settings: ``training``, updated by the pair's own ``training``."""
    settings = {}
    for number, pair in enumerate(pairs or [], 1):
        key = (pair["student"], pair["dataset"])
        overrides = pair.get("training")
        overrides = {} if overrides is None else overrides
        check_training_options(overrides, f"pairs[{number}] ({key[0]} on {key[1]}).training")
        settings[key] = {**training, **overrides}
    return settings


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
        if (student, dataset) in checked:
            first = checked.index((student, dataset)) + 1
            raise FinstepError(
                f"pairs[{number}]: student {student!r} on dataset {dataset!r} is listed already "
                f"(pairs[{first}]); list each pair once, with all its training settings"
            )
        checked.append((student, dataset))
    for name, spec in (sweep or {}).items():
        checked.append((spec["student"], name))
    for spec in (sweep or {}).values():
        if (spec["student"], spec["of"]) not in checked:
            checked.append((spec["student"], spec["of"]))
    return checked


def dpo_pairs(dpo: dict | None, pairs: list[tuple[str, str]]) -> dict[tuple[str, str], dict]:
    """Each DPO pair's settings (``dpo.training`` updated by the pair's own ``training``), before any job runs.

    A DPO stage continues a pair's SFT adapter, so a pair not under ``pairs`` (no
    ``train`` job makes its adapter) is refused here, naming what to add. An entry
    without ``student`` stands for every configured pair on its dataset: one overlay
    then serves the default config's student and the tiny config's.
    """
    dpo = dpo or {}
    settings: dict[tuple[str, str], dict] = {}
    for number, pair in enumerate(dpo.get("pairs") or [], 1):
        student, dataset = pair.get("student"), pair.get("dataset")
        where = f"dpo.pairs[{number}] ({student or 'any student'} on {dataset})"
        if student is None:
            keys = [key for key in pairs if key[1] == dataset]
            if not keys:
                raise FinstepError(
                    f"{where}: no pair under pairs trains on {dataset}, so there is no SFT adapter to continue: "
                    f"add one (rule train makes results/adapters/<student>/{dataset}/)"
                )
        elif (student, dataset) not in pairs:
            raise FinstepError(
                f"{where}: no SFT adapter to continue: add {{student: {student}, dataset: {dataset}}} under "
                f"pairs (rule train makes results/adapters/{student}/{dataset}/)"
            )
        else:
            keys = [(student, dataset)]
        overrides = pair.get("training")
        overrides = {} if overrides is None else overrides
        check_training_options(overrides, f"{where}.training", ("dpo", "training"))
        for key in keys:
            if key in settings:
                raise FinstepError(
                    f"{where}: {key[0]} on {key[1]} has a DPO stage already; list each pair once"
                )
            settings[key] = {**(dpo.get("training") or {}), **overrides}
    return settings
