"""What ``finstep-serve STUDENT DATASET`` serves, read from the workflow config as Snakemake reads it.

The config is the run's (config/config.yaml with the same ``--configfile``
overlays), checked and filled by the same schema, and the student resolved by the
same code as ``rules/common.smk``: a served pair is the one the workflow trained
and predicted with, whatever the overlays changed. Paths are relative to the
project folder, as the workflow's are; the console script runs there.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import yaml

from ..config_schema import SCHEMA_PATH
from ..errors import FinstepError
from ..io import read_json
from ..models import check_model_entries
from ..training.config import pair_training, student_configs

DEFAULT_CONFIG = "config/config.yaml"
ADAPTERS = "results/adapters"


@dataclass(frozen=True)
class ServedPair:
    """A trained pair and the settings its predictions were made with."""

    student_name: str
    dataset: str
    student: dict  # the checked student options, ``model`` resolved (what predict gets)
    adapter_dir: str
    max_new_tokens: int  # the pair's prediction.max_new_tokens: a request's default
    max_length: int  # the pair's training.max_length: prompts are cut to it, as predict cuts them
    threads: int
    hub_cache: str
    lora_rank: int  # the adapter's largest LoRA rank (r, or a larger one of its rank_pattern)
    adapter_sha256: str  # of adapter_model.safetensors, as its training recorded it
    base_revision: str  # the base's pinned revision, or a digest of its weights (what run.json records)

    @property
    def base_name(self) -> str:
        return self.student_name

    @property
    def tuned_name(self) -> str:
        return f"{self.student_name}/{self.dataset}"

    def description(self, tuned: bool = True) -> str:
        """What answers under the tuned name (or the base name), said wherever the server says what it serves."""
        base = "4-bit NF4" if self.student.get("load_in_4bit") else "full-precision"
        loaded = f"{base} base {self.student['model']} (loaded as predict loads it)"
        if not tuned:
            return f"{loaded} with the adapter of {self.tuned_name} disabled: the base layers alone"
        return f"{loaded} with the LoRA adapter {self.adapter_dir} attached, not merged"


def lora_rank(adapter_config: dict) -> int:
    """An adapter's largest LoRA rank: its ``r``, or a larger one its ``rank_pattern`` gives some layers."""
    ranks = [adapter_config["r"], *(adapter_config.get("rank_pattern") or {}).values()]
    return max(int(rank) for rank in ranks)


def _read(path: str) -> dict:
    try:
        with open(path, encoding="utf-8") as handle:
            loaded = yaml.safe_load(handle)  # YAML or JSON, as Snakemake's --configfile takes
    except OSError as exc:
        raise FinstepError(f"config file {path}: {exc.strerror}; fix the path") from None
    except yaml.YAMLError as exc:
        raise FinstepError(f"config file {path} is not valid YAML: {str(exc).splitlines()[0]}") from None
    if not isinstance(loaded, dict):
        raise FinstepError(f"config file {path} holds no mapping of settings")
    return loaded


def load_config(configfiles: Sequence[str] = ()) -> dict:
    """config/config.yaml updated by ``configfiles`` in order, checked and filled as the Snakefile does."""
    from snakemake.exceptions import WorkflowError
    from snakemake.utils import update_config, validate

    from ..config_keys import check_config_keys

    config = _read(DEFAULT_CONFIG)
    for path in configfiles:
        update_config(config, _read(path))
    try:
        check_config_keys(config, str(SCHEMA_PATH))
    except WorkflowError as exc:
        raise FinstepError(str(exc)) from None
    validate(config, str(SCHEMA_PATH))
    return config


def served_pair(student_name: str, dataset: str, config: dict) -> ServedPair:
    """The pair to serve, its adapter checked as ``predict`` checks it, before any model loads."""
    students = student_configs(config.get("students") or {}, check_model_entries(config.get("models")))
    if student_name not in students:
        raise FinstepError(
            f"student {student_name!r} is not under students ({', '.join(students) or 'none'}) "
            "in this config; name one, or pass the overlay that defines it with --configfile"
        )
    pairs = [(p["student"], p["dataset"]) for p in config.get("pairs") or []]
    adapter_dir = f"{ADAPTERS}/{student_name}/{dataset}"
    if not Path(adapter_dir, "adapter_model.safetensors").is_file():
        configured = (
            ""
            if (student_name, dataset) in pairs
            else (f" (add {{student: {student_name}, dataset: {dataset}}} under pairs first)")
        )
        raise FinstepError(
            f"no adapter for student {student_name} on dataset {dataset}: train it with "
            f"`snakemake {adapter_dir}/adapter_model.safetensors`{configured}"
        )
    from ..training.adapter_check import check_adapter, check_adapter_base
    from ..training.model import base_revision

    student = students[student_name]
    check_adapter_base(student, adapter_dir)  # trained on this base, at this revision
    check_adapter(adapter_dir)  # the files its training wrote, every weight finite
    training = pair_training(config.get("pairs") or [], config["training"]).get(
        (student_name, dataset), config["training"]
    )
    own = next(
        (
            p.get("prediction") or {}
            for p in config.get("pairs") or []
            if (p["student"], p["dataset"])
            == (
                student_name,
                dataset,
            )
        ),
        {},
    )
    prediction = config["prediction"] | own
    lora = read_json(Path(adapter_dir) / "adapter_config.json")
    return ServedPair(
        student_name=student_name,
        dataset=dataset,
        student=student,
        adapter_dir=adapter_dir,
        max_new_tokens=int(prediction["max_new_tokens"]),
        max_length=int(training["max_length"]),
        threads=int(config["threads"]),
        hub_cache=str(config["hub_cache"]),
        lora_rank=lora_rank(lora),
        adapter_sha256=read_json(Path(adapter_dir) / "run.json")["adapter_sha256"][
            "adapter_model.safetensors"
        ],
        base_revision=base_revision(student),
    )
