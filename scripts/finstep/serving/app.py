"""The OpenAI-compatible HTTP API around a ``ServedModel``: models, chat completions, completions.

What OpenAI clients (the ``openai`` package, the project's own ``openai`` teacher)
send and read: ``/v1/models``, ``/v1/chat/completions`` and ``/v1/completions``,
both streaming (server-sent events) or not, errors as OpenAI's ``{"error": ...}``
bodies. What the API has and this server cannot do (several choices, stop
strings, log probabilities, tools) is refused with a 400 naming it, never
silently ignored. ``response_format`` (a JSON schema, or any JSON) constrains
decoding with xgrammar, as vLLM does.

Each model object says what answers under its name (``finstep.served``), and each
response's ``system_fingerprint`` which weights: the base's revision, and the
adapter's sha256 for the tuned name.
"""

from __future__ import annotations

import hmac
import json
import time
import uuid
from collections.abc import Iterator
from typing import Any

from fastapi import Body, Depends, FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, StreamingResponse

from ..errors import FinstepError
from .generation import Answer, Decoding, Prompt, ServedModel

# Request fields whose features this server lacks: refused when set, not ignored.
UNSUPPORTED = ("tools", "functions", "logprobs", "top_logprobs", "logit_bias", "stop")


class ApiError(Exception):
    def __init__(self, status: int, message: str, kind: str = "invalid_request_error") -> None:
        super().__init__(message)
        self.status, self.message, self.kind = status, message, kind


def _error(status: int, message: str, kind: str) -> JSONResponse:
    return JSONResponse(
        {"error": {"message": message, "type": kind, "param": None, "code": None}}, status_code=status
    )


def _number(body: dict, key: str, default: float, low: float, high: float) -> float:
    value = body.get(key)
    if value is None:
        return default
    if isinstance(value, bool) or not isinstance(value, int | float) or not low <= value <= high:
        raise ApiError(400, f"{key} must be a number from {low:g} to {high:g}, got {value!r}")
    return float(value)


def _json_schema(body: dict) -> str | None:
    """The grammar a ``response_format`` asks for: a schema's text, ``""`` for any JSON, None for text."""
    response_format = body.get("response_format")
    if response_format is None:
        return None
    kind = response_format.get("type") if isinstance(response_format, dict) else None
    if kind == "text":
        return None
    if kind == "json_object":
        return ""
    if kind == "json_schema":
        schema = (response_format.get("json_schema") or {}).get("schema")
        if not isinstance(schema, dict):
            raise ApiError(400, "response_format.json_schema.schema must be a JSON schema object")
        return json.dumps(schema)
    raise ApiError(400, f"response_format type {kind!r} is not one of text, json_object, json_schema")


def decoding_of(body: dict, default_max_new_tokens: int) -> Decoding:
    """A request's decoding, checked; no temperature means ``predict``'s greedy decoding."""
    for key in UNSUPPORTED:
        if body.get(key):
            raise ApiError(400, f"{key} is not supported by this server")
    if body.get("n") not in (None, 1):
        raise ApiError(400, "n must be 1: this server answers with one choice")
    max_tokens = body.get("max_completion_tokens") or body.get("max_tokens") or default_max_new_tokens
    if isinstance(max_tokens, bool) or not isinstance(max_tokens, int) or max_tokens < 1:
        raise ApiError(400, f"max_tokens must be a whole number above 0, got {max_tokens!r}")
    seed = body.get("seed")
    if seed is not None and (isinstance(seed, bool) or not isinstance(seed, int)):
        raise ApiError(400, f"seed must be a whole number, got {seed!r}")
    return Decoding(
        max_new_tokens=max_tokens,
        temperature=_number(body, "temperature", 0.0, 0.0, 2.0),
        top_p=_number(body, "top_p", 1.0, 0.0, 1.0) or 1.0,
        seed=seed,
        json_schema=_json_schema(body),
    )


def _usage(answer: Answer) -> dict:
    return {
        "prompt_tokens": answer.prompt_tokens,
        "completion_tokens": answer.completion_tokens,
        "total_tokens": answer.prompt_tokens + answer.completion_tokens,
    }


def _sse(payload: dict | str) -> str:
    return f"data: {payload if isinstance(payload, str) else json.dumps(payload)}\n\n"


def create_app(served: ServedModel, api_key: str | None = None) -> FastAPI:
    """The app; with ``api_key``, every request must carry ``Authorization: Bearer <api_key>``."""
    pair = served.pair
    created = int(time.time())
    base = {
        "base": pair.student["model"],
        "revision": pair.base_revision,
        "load_in_4bit": bool(pair.student.get("load_in_4bit")),
    }
    adapter_sha = pair.adapter_sha256
    cards = {
        pair.base_name: {
            **base,
            "adapter": None,
            "served": pair.description(tuned=False),
        },
        pair.tuned_name: {
            **base,
            "adapter": pair.adapter_dir,
            "adapter_sha256": adapter_sha,
            "served": pair.description(),
        },
    }
    fingerprints = {
        pair.base_name: base["revision"],
        pair.tuned_name: f"{base['revision']}+{adapter_sha[:12]}",
    }

    def authorized(request: Request) -> None:
        if api_key is None:
            return
        given = request.headers.get("authorization", "")
        if not hmac.compare_digest(given.encode(), f"Bearer {api_key}".encode()):
            raise ApiError(401, "missing or wrong API key: send it as a Bearer token", "authentication_error")

    app = FastAPI(title="finstep serve", dependencies=[Depends(authorized)])

    @app.exception_handler(ApiError)
    async def api_error(request: Request, exc: ApiError) -> JSONResponse:
        return _error(exc.status, exc.message, exc.kind)

    @app.exception_handler(FinstepError)
    async def bad_input(request: Request, exc: FinstepError) -> JSONResponse:
        return _error(400, str(exc), "invalid_request_error")

    @app.exception_handler(RequestValidationError)
    async def bad_body(request: Request, exc: RequestValidationError) -> JSONResponse:
        return _error(400, "the body must be a JSON object", "invalid_request_error")

    def card(name: str) -> dict:
        return {
            "id": name,
            "object": "model",
            "created": created,
            "owned_by": "finstep",
            "finstep": cards[name],
        }

    def tuned_of(name: object) -> bool:
        if name not in cards:
            raise ApiError(
                404, f"model {name!r} is not served here (served: {', '.join(cards)})", "not_found_error"
            )
        return name == pair.tuned_name

    @app.get("/v1/models")
    def models() -> dict:
        return {"object": "list", "data": [card(name) for name in cards]}

    @app.get("/v1/models/{name:path}")
    def model(name: str) -> dict:
        tuned_of(name)
        return card(name)

    def respond(body: dict, prompt: Prompt, decoding: Decoding, kind: str) -> Any:
        """The answer as one JSON object or, for ``stream``, as server-sent events.

        A prompt cut to the pair's max_length (as predict cuts one) is flagged in a header,
        ``X-Finstep-Prompt-Cut: <max_length>``: the API has no field for it.
        """
        name = body["model"]
        tuned = tuned_of(name)
        served.prepare(decoding)
        chat = kind == "chat.completion"
        common = {"model": name, "system_fingerprint": fingerprints[name]}
        ident = f"{'chatcmpl' if chat else 'cmpl'}-{uuid.uuid4().hex}"
        headers = {"X-Finstep-Prompt-Cut": str(pair.max_length)} if prompt.cut else {}
        if not body.get("stream"):
            answer = served.answer(prompt.text, decoding, tuned)
            choice = {"index": 0, "finish_reason": answer.finish_reason, "logprobs": None}
            choice |= (
                {"message": {"role": "assistant", "content": answer.text}} if chat else {"text": answer.text}
            )
            payload = {
                "id": ident,
                "object": kind,
                "created": int(time.time()),
                **common,
                "choices": [choice],
                "usage": _usage(answer),
            }
            return JSONResponse(payload, headers=headers)
        include_usage = bool((body.get("stream_options") or {}).get("include_usage"))
        created_at = int(time.time())
        chunk_kind = "chat.completion.chunk" if chat else "text_completion"

        def chunk(choices: list[dict], **extra: Any) -> str:
            return _sse(
                {
                    "id": ident,
                    "object": chunk_kind,
                    "created": created_at,
                    **common,
                    "choices": choices,
                    **extra,
                }
            )

        def piece(text: str | None, finish: str | None = None) -> dict:
            content = ({"delta": {} if text is None else {"content": text}}) if chat else {"text": text or ""}
            return {"index": 0, **content, "finish_reason": finish, "logprobs": None}

        def events() -> Iterator[str]:
            if chat:
                yield chunk(
                    [{"index": 0, "delta": {"role": "assistant", "content": ""}, "finish_reason": None}]
                )
            for item in served.stream(prompt.text, decoding, tuned):
                if isinstance(item, Answer):
                    yield chunk([piece(None, item.finish_reason)])
                    if include_usage:
                        yield chunk([], usage=_usage(item))
                else:
                    yield chunk([piece(item)])
            yield _sse("[DONE]")

        return StreamingResponse(events(), media_type="text/event-stream", headers=headers)

    @app.post("/v1/chat/completions")
    def chat_completions(body: dict = Body(...)) -> Any:  # noqa: B008 (FastAPI's way to take a body)
        tuned_of(body.get("model"))
        decoding = decoding_of(body, pair.max_new_tokens)
        return respond(body, served.chat_prompt(body.get("messages")), decoding, "chat.completion")

    @app.post("/v1/completions")
    def completions(body: dict = Body(...)) -> Any:  # noqa: B008
        tuned_of(body.get("model"))
        decoding = decoding_of(body, pair.max_new_tokens)
        return respond(body, served.completion_prompt(body.get("prompt")), decoding, "text_completion")

    return app
