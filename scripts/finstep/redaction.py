"""Keep secrets out of logs and results.

A server may echo the API key it was sent in an error body, and a traceback
may hold a request's headers; both end up in rule logs, Snakemake's own log
and ``rejects.jsonl``; a server may even echo it inside an answer. Every log
record and every stored error text, raw output and answer passes through
``redact``, which replaces the values of the secret environment variables
(``HF_TOKEN`` and the teachers' ``api_key_env``) and any ``Authorization``
header value by ``[redacted]``.
"""

from __future__ import annotations

import logging
import os
import re
import traceback

SECRET_ENV = {"HF_TOKEN", "HUGGING_FACE_HUB_TOKEN", "OPENAI_API_KEY"}
MIN_SECRET_CHARS = 8  # shorter values ("1", "none") would redact ordinary words
MASK = "[redacted]"
_AUTHORIZATION = re.compile(
    r"(authorization[\"']?\s*[:=]\s*[\"']?)(?:(?:bearer|basic|token)\s+)?[^\s\"',;}]+", re.I
)


def register(env_name: str) -> None:
    """Treat the value of ``env_name`` as a secret from now on (a teacher's ``api_key_env``)."""
    SECRET_ENV.add(env_name)


def redact(text: str) -> str:
    values = sorted(
        (v for v in (os.environ.get(n) for n in SECRET_ENV) if v and len(v) >= MIN_SECRET_CHARS),
        key=len,
        reverse=True,
    )
    for value in values:
        text = text.replace(value, MASK)
    return _AUTHORIZATION.sub(rf"\1{MASK}", text)


class RedactingFilter(logging.Filter):
    """A handler filter: the message and any traceback of each record, redacted before output."""

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        clean = redact(message)
        if clean != message:
            record.msg, record.args = clean, ()
        if record.exc_info and not record.exc_text:
            record.exc_text = redact("".join(traceback.format_exception(*record.exc_info)).rstrip())
        elif record.exc_text:
            record.exc_text = redact(record.exc_text)
        return True
