"""What a teacher plugin is: something that turns chat prompts into raw text."""

from __future__ import annotations

from abc import ABC, abstractmethod
from dataclasses import dataclass, field
from typing import ClassVar

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


class Teacher(ABC):
    """A teacher backend. ``generate`` gets a batch and returns one Generation per request.

    ``uses_gpu`` tells the workflow whether the rule should request a GPU;
    ``batch_size`` how many requests the runner hands over at a time.
    """

    name: ClassVar[str]
    uses_gpu: ClassVar[bool] = False

    def __init__(self, options: dict) -> None:
        self.options = options
        self.batch_size = int(options.get("batch_size", 8))

    @property
    def revision(self) -> str | None:
        """Model revision recorded with every output (a commit hash, a version, or None)."""
        return self.options.get("revision")

    @abstractmethod
    def generate(self, requests: list[TeacherRequest], *, seed: int) -> list[Generation]:
        """Answer ``requests`` in order; ``seed`` changes on each retry."""

    def close(self) -> None:  # noqa: B027 (optional hook)
        """Release models, sessions, GPU memory."""
