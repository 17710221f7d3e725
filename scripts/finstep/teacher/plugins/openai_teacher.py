"""Any OpenAI-compatible chat server a lab already runs: vLLM, llama.cpp, a hosted API.

The key comes only from the environment variable named by ``api_key_env``
(never from config, never logged). The ``openai`` client retries 429 and 5xx
with exponential backoff; requests run ``concurrency`` at a time. Where the
server supports it, ``response_format`` asks for the JSON schema; every answer
is validated by the shared parser regardless.

``timeout`` is the client's (httpx's) limit on each wait for bytes, so a server
that trickles a byte at a time never reaches it; ``deadline`` bounds a whole
request, the client's retries included. Requests run as asyncio tasks, so that
one past its deadline is cancelled (its connection closed) rather than left
running in a thread, and a fatal error (the server unreachable, overloaded, or
refusing the key) cancels the rest of the batch at once: the job stops within
a request's deadline, and its rerun resumes from the last batch written.
"""

from __future__ import annotations

import asyncio
import os
from typing import Any, ClassVar

import openai

from ... import redaction
from ...errors import FinstepError
from ...redaction import redact
from ..schema import answer_json_schema
from .base import Generation, Teacher, TeacherRequest

# Failures that say the server is unreachable or overloaded: stop the job so a
# rerun resumes later, rather than recording every chunk as rejected.
_FATAL = (
    openai.APIConnectionError,  # APITimeoutError too
    openai.RateLimitError,
    openai.InternalServerError,
    openai.AuthenticationError,
)


def _malformed(detail: str) -> Generation:
    """An answer the server sent in a shape the API does not allow: a reject, not a crash."""
    return Generation(text="", error=f"malformed response: {redact(detail)[:200]}")


def read_completion(response: Any) -> Generation:
    """The text and output tokens of a chat completion, checked: the client builds its response
    objects without validating them, so a server's ``content`` may be a number or an object and
    ``usage.completion_tokens`` a string."""
    try:
        content = response.choices[0].message.content
    except (AttributeError, IndexError, KeyError, TypeError):
        return _malformed(f"no choices[0].message.content in {response!s}")
    content = "" if content is None else content
    if not isinstance(content, str):
        return _malformed(f"message.content is {type(content).__name__} {content!r}, not a string")
    tokens = getattr(getattr(response, "usage", None), "completion_tokens", None)
    if tokens is None:  # a server that does not count: words, roughly
        return Generation(text=content, output_tokens=len(content.split()))
    if not isinstance(tokens, int) or isinstance(tokens, bool) or tokens < 0:
        return _malformed(f"usage.completion_tokens is {type(tokens).__name__} {tokens!r}, not a count")
    return Generation(text=content, output_tokens=tokens)


class OpenAITeacher(Teacher):
    name = "openai"
    option_defaults: ClassVar[dict[str, Any]] = {
        "base_url": None,  # required: e.g. http://localhost:8000/v1
        "api_key_env": "OPENAI_API_KEY",  # the environment variable holding the key
        "concurrency": 4,
        "retries": 5,
        "timeout": 120,  # seconds of each wait for bytes (connect, read)
        # Seconds of a whole request, retries included (null: none): room for a slow local server's
        # 1024-token answer, well under the 12 minutes of timeout × (retries + 1) a dead one cost.
        "deadline": 600,
        "structured": True,  # the server constrains the answer to the JSON schema
        "max_new_tokens": 1024,
        "temperature": 0.0,
    }
    transport_options: ClassVar[frozenset[str]] = frozenset(
        {"base_url", "api_key_env", "concurrency", "retries", "timeout", "deadline", "batch_size"}
    )
    runtime = 240  # a hosted API's rate limits, not compute, set the pace

    @classmethod
    def check_options(cls, options: dict) -> None:
        if not options.get("base_url") or not options.get("model"):
            raise FinstepError(
                "openai teacher needs base_url (e.g. http://localhost:8000/v1) and model in its config"
            )
        deadline = options["deadline"]
        if deadline is not None and (
            isinstance(deadline, bool) or not isinstance(deadline, int | float) or deadline <= 0
        ):
            raise FinstepError(
                f"openai teacher: deadline {deadline!r} is not a number of seconds above 0 (null: none)"
            )

    def __init__(self, options: dict) -> None:
        super().__init__(options)
        options = self.options
        deadline = options["deadline"]
        self.deadline = None if deadline is None else float(deadline)
        key_env = options["api_key_env"]
        redaction.register(key_env)
        self.concurrency = int(options["concurrency"])
        self.batch_size = int(options.get("batch_size", 2 * self.concurrency))
        # One event loop for the teacher's life, so that the client's connections are reused
        # from batch to batch.
        self._loop = asyncio.Runner()
        self.client = openai.AsyncOpenAI(
            base_url=options["base_url"],
            # Local servers accept any key; hosted ones read theirs from the environment.
            api_key=os.environ.get(key_env) or "not-needed",
            max_retries=int(options["retries"]),
            timeout=float(options["timeout"]),
        )
        self.structured = bool(options["structured"])

    @property
    def revision(self) -> str | None:
        return self.options.get("revision") or self.options["model"]

    def _fatal(self, what: str) -> FinstepError:
        return FinstepError(f"openai teacher at {self.options['base_url']}: {what}; rerun when it is back")

    async def _one(self, request: TeacherRequest, seed: int) -> Generation:
        extra = {}
        if self.structured:
            extra["response_format"] = {
                "type": "json_schema",
                "json_schema": {"name": "teacher_answer", "schema": answer_json_schema(), "strict": True},
            }
        try:
            async with asyncio.timeout(self.deadline):
                response = await self.client.chat.completions.create(
                    model=self.options["model"],
                    messages=request.messages(),
                    max_tokens=int(self.options["max_new_tokens"]),
                    temperature=float(self.options["temperature"]),
                    seed=seed,
                    **extra,
                )
        except TimeoutError:
            raise self._fatal(
                f"no complete answer to chunk {request.id} within its deadline of {self.deadline:g} s "
                "(raise the teacher's deadline for a slow server)"
            ) from None
        except _FATAL as exc:
            raise self._fatal(f"{type(exc).__name__}: {redact(str(exc))}") from None
        except openai.APIError as exc:  # error bodies may echo the key: redact before storing
            return Generation(text="", error=f"{type(exc).__name__}: {redact(str(exc))[:200]}")
        except ValueError as exc:  # a body that is not JSON at all
            return _malformed(str(exc))
        return read_completion(response)

    async def _generate(self, requests: list[TeacherRequest], seed: int) -> list[Generation]:
        slots = asyncio.Semaphore(self.concurrency)

        async def one(request: TeacherRequest) -> Generation:
            async with slots:
                return await self._one(request, seed)

        # A task group cancels the other requests as soon as one raises (a fatal error).
        try:
            async with asyncio.TaskGroup() as group:
                tasks = [group.create_task(one(request)) for request in requests]
        except BaseExceptionGroup as errors:
            fatal = errors.subgroup(FinstepError)
            raise (fatal or errors).exceptions[0] from None
        return [task.result() for task in tasks]

    def generate(self, requests: list[TeacherRequest], *, seed: int) -> list[Generation]:
        return self._loop.run(self._generate(requests, seed))

    def close(self) -> None:
        self._loop.run(self.client.close())
        self._loop.close()
