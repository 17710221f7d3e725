"""Any OpenAI-compatible chat server a lab already runs: vLLM, llama.cpp, a hosted API.

The key comes only from the environment variable named by ``api_key_env``
(never from config, never logged). The ``openai`` client retries 429 and 5xx
with exponential backoff; requests run ``concurrency`` at a time. Where the
server supports it, ``response_format`` asks for the JSON schema; every answer
is validated by the shared parser regardless.
"""

from __future__ import annotations

import os
from concurrent.futures import ThreadPoolExecutor
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
    openai.APIConnectionError,
    openai.RateLimitError,
    openai.InternalServerError,
    openai.AuthenticationError,
)


class OpenAITeacher(Teacher):
    name = "openai"
    option_defaults: ClassVar[dict[str, Any]] = {
        "base_url": None,  # required: e.g. http://localhost:8000/v1
        "api_key_env": "OPENAI_API_KEY",  # the environment variable holding the key
        "concurrency": 4,
        "retries": 5,
        "timeout": 120,
        "structured": True,  # the server constrains the answer to the JSON schema
        "max_new_tokens": 1024,
        "temperature": 0.0,
    }
    runtime = 240  # a hosted API's rate limits, not compute, set the pace

    def __init__(self, options: dict) -> None:
        super().__init__(options)
        options = self.options
        if not options.get("base_url") or not options.get("model"):
            raise FinstepError(
                "openai teacher needs base_url (e.g. http://localhost:8000/v1) and model in its config"
            )
        key_env = options["api_key_env"]
        redaction.register(key_env)
        self.concurrency = int(options["concurrency"])
        self.batch_size = int(options.get("batch_size", 2 * self.concurrency))
        self.client = openai.OpenAI(
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

    def _one(self, request: TeacherRequest, seed: int) -> Generation:
        extra = {}
        if self.structured:
            extra["response_format"] = {
                "type": "json_schema",
                "json_schema": {"name": "teacher_answer", "schema": answer_json_schema(), "strict": True},
            }
        try:
            response = self.client.chat.completions.create(
                model=self.options["model"],
                messages=request.messages(),
                max_tokens=int(self.options["max_new_tokens"]),
                temperature=float(self.options["temperature"]),
                seed=seed,
                **extra,
            )
        except _FATAL as exc:
            raise FinstepError(
                f"openai teacher at {self.options['base_url']}: {type(exc).__name__}: {redact(str(exc))}; "
                "rerun when it is back"
            ) from None
        except openai.APIError as exc:  # error bodies may echo the key: redact before storing
            return Generation(text="", error=f"{type(exc).__name__}: {redact(str(exc))[:200]}")
        except ValueError as exc:  # a body that is not JSON at all
            return Generation(text="", error=f"malformed response: {redact(str(exc))[:200]}")
        try:
            text = response.choices[0].message.content or ""
            tokens = response.usage.completion_tokens if response.usage else len(text.split())
        except (AttributeError, IndexError, TypeError):
            return Generation(text="", error=f"malformed response: {redact(str(response))[:200]}")
        return Generation(text=text, output_tokens=int(tokens or 0))

    def generate(self, requests: list[TeacherRequest], *, seed: int) -> list[Generation]:
        with ThreadPoolExecutor(max_workers=self.concurrency) as pool:
            return list(pool.map(lambda r: self._one(r, seed), requests))

    def close(self) -> None:
        self.client.close()
