"""How every rule script runs its step: logging to the rule's log file, bad input as one line.

Kept free of heavy imports: every rule's conda env imports it, so it may need
nothing beyond the standard library and this package's errors and logs.
"""

from __future__ import annotations

from collections.abc import Callable

from .errors import FinstepError
from .logs import setup


def run(step: Callable[..., None], log_path: str | None, **kwargs: object) -> None:
    """Run one rule's step, logging to its log file; bad input ends with its one-line message."""
    logger = setup(log_path)
    try:
        step(**kwargs)
    except FinstepError as exc:
        logger.error("%s", exc)
        raise SystemExit(f"error: {exc}") from None
