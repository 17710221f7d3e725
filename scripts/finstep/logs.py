"""Logging for rule scripts: everything goes to the rule's ``log:`` file."""

from __future__ import annotations

import logging
import sys

from .redaction import RedactingFilter


def setup(log_path: str | None, level: int = logging.INFO) -> logging.Logger:
    handlers: list[logging.Handler] = [logging.StreamHandler(sys.stderr)]
    if log_path:
        handlers.append(logging.FileHandler(log_path, mode="w", encoding="utf-8"))
    for handler in handlers:
        handler.addFilter(RedactingFilter())
    logging.basicConfig(
        level=level,
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
        handlers=handlers,
        force=True,
    )
    # urllib3 logs full URLs with query strings at DEBUG; keep it at WARNING.
    logging.getLogger("urllib3").setLevel(logging.WARNING)
    return logging.getLogger("finstep")
