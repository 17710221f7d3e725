"""Check the ``teachers`` config before any job runs, and fill in defaults."""

from __future__ import annotations

from ..config_schema import defaults, node
from ..errors import FinstepError
from ..models.refs import SAFE_NAME, resolve_model
from ..validation import closest
from .plugins import ShardResources, available, teacher_class
from .prompt import load_prompt

DEFAULTS = defaults("teachers", "*")

# How the shard jobs run and how their result is judged, not how an answer is made: a change
# reruns no shard and discards no answer of an interrupted one.
JOB_OPTIONS = frozenset({"runtime", "mem_mb", "min_valid_rate"})

__all__ = ["hub_model", "job_options", "loads_model", "shard_options", "shard_resources", "teacher_configs"]


def common_keys() -> frozenset[str]:
    """The keys every teacher has: the schema's teacher properties."""
    return frozenset(node("teachers", "*")["properties"])


def check_option_keys(name: str, options: dict) -> None:
    """Refuse an option the teacher's plugin does not read, naming the nearest one it does."""
    own = teacher_class(options["plugin"]).option_defaults
    if own is None:
        return
    valid = common_keys() | set(own)
    for key in options:
        if key not in valid:
            raise FinstepError(
                f"teachers.{name}.{key} is not an option of the {options['plugin']} plugin"
                f"{closest(str(key), valid)}"
            )


def loads_model(teacher: dict) -> bool:
    """A teacher whose ``model`` is loaded here, not a model name a server knows (openai)."""
    return teacher_class(teacher["plugin"]).loads_model and bool(teacher.get("model"))


def hub_model(teacher: dict) -> tuple[str, str | None]:
    """The model and revision a shard job must find in the Hub cache: ("", None) for a teacher that
    loads no model, whose ``model`` is a name its server knows (openai), not weights to fetch."""
    if not loads_model(teacher):
        return "", None
    return str(teacher["model"]), teacher.get("revision")


def transport_keys(teacher: dict) -> frozenset[str]:
    """The options of this teacher's plugin that change how requests travel, not what is answered."""
    return teacher_class(teacher["plugin"]).transport_options


def shard_options(teacher: dict) -> dict:
    """What a shard job is given as the rule's params: the options that shape its answers.

    Snakemake reruns a job whose params changed; how the shard runs (``JOB_OPTIONS``) and how its
    requests travel (the plugin's ``transport_options``) are left out, and ``job_options`` adds the
    latter back inside the job.
    """
    left_out = JOB_OPTIONS | transport_keys(teacher)
    return {key: value for key, value in teacher.items() if key not in left_out}


def job_options(shaping: dict, teachers: dict | None, name: str) -> dict:
    """A shard job's options: ``shaping`` (the rule's params, ``shard_options``) and the teacher's
    transport options as configured (``teachers``: the workflow's config, which Snakemake hands every
    job and never compares between runs), so that a new timeout reruns nothing."""
    configured = next((options for key, options in (teachers or {}).items() if str(key) == name), None) or {}
    keys = transport_keys(shaping)
    return {**shaping, **{key: value for key, value in configured.items() if key in keys}}


def shard_resources(teacher: dict) -> ShardResources:
    """What one shard job of this (checked) teacher asks for, as its plugin declares it."""
    return teacher_class(teacher["plugin"]).resources(teacher)


def teacher_configs(teachers: dict, models: dict | None = None) -> dict[str, dict]:
    """Name → options with defaults; a bad entry raises with its name and what to fix.

    A model teacher's ``model`` is resolved (``finstep.models``) to what its plugin
    loads: a folder, or a Hub id at its pinned revision.
    """
    checked = {}
    plugins = available()
    for name, options in teachers.items():
        if not SAFE_NAME.fullmatch(str(name)):
            raise FinstepError(
                f"teacher name {name!r} is not a safe folder name: use letters, digits, '_', '.', '-'"
            )
        options = {**DEFAULTS, **(options or {})}
        if options.get("plugin") not in plugins:
            raise FinstepError(
                f"teachers.{name}.plugin {options.get('plugin')!r} is unknown: choose one of {', '.join(sorted(plugins))}"
            )
        check_option_keys(str(name), options)
        plugin = teacher_class(options["plugin"])
        try:
            plugin.check_options({**(plugin.option_defaults or {}), **options})
        except FinstepError as exc:
            raise FinstepError(f"teachers.{name}: {exc}") from None
        load_prompt(options["prompt"])
        if loads_model(options):
            ref = resolve_model(options["model"], options.get("revision"), models or {}, f"teachers.{name}")
            options["model"] = ref.path
        if int(options["shards"]) < 1:
            raise FinstepError(f"teachers.{name}.shards must be at least 1")
        checked[str(name)] = options
    return checked
