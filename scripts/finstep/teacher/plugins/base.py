"""What a teacher plugin is: something that turns chat prompts into raw text."""

from __future__ import annotations

from abc import ABC, abstractmethod
from dataclasses import dataclass, field
from typing import Any, ClassVar

from ..prompt import Prompt


@dataclass(frozen=True)
class TeacherRequest:
    """One chunk to answer: its id, text, what the prompt may mention, and the prompt.

    Plugins call ``messages()`` for the chat messages, or ``messages(shorter)``
    to re-render with a truncated chunk when the prompt exceeds their context.
    """

    id: str
    text: str
    prompt: Prompt
    meta: dict = field(default_factory=dict)  # ticker, company, section

    def messages(self, text: str | None = None) -> list[dict]:
        return self.prompt.messages(self.text if text is None else text, self.meta)


@dataclass
class Generation:
    """A plugin's raw answer; the shared parser decides whether it is valid."""

    text: str
    output_tokens: int = 0
    truncated_input: bool = False  # the chunk was cut to fit the model's context
    error: str | None = None  # the backend failed on this request (recorded as the reject reason)


@dataclass(frozen=True)
class ShardResources:
    """What one shard job asks the scheduler for: a GPU or none, host memory (MB), minutes."""

    gpu: int
    mem_mb: int
    runtime: int


class Teacher(ABC):
    """A teacher backend. ``generate`` gets a batch and returns one Generation per request.

    The class attributes and class methods are what the workflow reads before
    any job runs, to build the DAG and size each shard job (a CPU teacher's
    job asks a cluster for no GPU and a few GB, a model teacher's for one GPU
    and room to load it). They are read from the class alone, so a plugin
    module must be cheap to import: heavy libraries load in ``create``.
    ``batch_size`` is how many requests the runner hands over at a time.
    """

    name: ClassVar[str]
    # ``model`` names weights to load here (prefetched from the Hub, resolved by
    # finstep.models), not a model a server knows.
    loads_model: ClassVar[bool] = False
    # The plugin's own options with their defaults (None: unset), beside those of every
    # teacher (the schema's teacher properties, which hold theirs): a misspelt key is refused
    # with the nearest one, and ``self.options`` has every key. None: options unchecked.
    option_defaults: ClassVar[dict[str, Any] | None] = None
    # Options that change how requests reach a backend, never what it answers (a server's URL,
    # timeouts, retries, parallelism): left out of the shard's answer key and of the rule's
    # params, so raising a timeout neither discards an interrupted shard's answers nor reruns
    # a finished teacher.
    transport_options: ClassVar[frozenset[str]] = frozenset()
    # Host memory (MB) and minutes of one shard job unless the teacher's config sets
    # ``mem_mb`` or ``runtime``.
    mem_mb: ClassVar[int] = 2000
    runtime: ClassVar[int] = 60

    def __init__(self, options: dict) -> None:
        self.options = {**(self.option_defaults or {}), **options}
        self.check_options(self.options)
        self.batch_size = int(options.get("batch_size", 8))

    @classmethod  # noqa: B027 (an optional hook)
    def check_options(cls, options: dict) -> None:
        """Raise FinstepError for an option value the plugin cannot use (``options``: its defaults filled).

        Called by the workflow before any job, as well as by the teacher itself: a bad value
        found only when the shard job starts costs the upstream jobs and names no config key.
        """

    @classmethod
    def create(cls, options: dict) -> Teacher:
        """The working teacher for these options; plugins with heavy dependencies import them here."""
        return cls(options)

    @classmethod
    def uses_gpu(cls, options: dict) -> bool:
        """Whether a shard job of a teacher with these options (the plugin's defaults filled) needs a GPU."""
        return False

    @classmethod
    def resources(cls, options: dict) -> ShardResources:
        """One shard job's request: the plugin's defaults, the teacher's ``mem_mb``/``runtime`` over them."""
        return ShardResources(
            gpu=int(cls.uses_gpu({**(cls.option_defaults or {}), **options})),
            mem_mb=int(options.get("mem_mb") or cls.mem_mb),
            runtime=int(options.get("runtime") or cls.runtime),
        )

    @property
    def revision(self) -> str | None:
        """Model revision recorded with every output (a commit hash, a version, or None)."""
        return self.options.get("revision")

    @abstractmethod
    def generate(self, requests: list[TeacherRequest], *, seed: int) -> list[Generation]:
        """Answer ``requests`` in order; ``seed`` changes on each retry."""

    def close(self) -> None:  # noqa: B027 (optional hook)
        """Release models, sessions, GPU memory."""
