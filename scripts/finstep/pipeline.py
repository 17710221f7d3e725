"""How every rule script runs its step: logging to the rule's log file, bad input as one line.

Kept free of heavy imports: every rule's conda env imports it, so it may need
nothing beyond the standard library and this package's errors and logs.
"""

from __future__ import annotations

import sys
import traceback
from collections.abc import Callable

from .errors import FinstepError
from .logs import setup
from .redaction import redact


def run(step: Callable[..., None], log_path: str | None, **kwargs: object) -> None:
    """Run one rule's step, logging to its log file; bad input ends with its one-line message."""
    logger = setup(log_path)
    try:
        step(**kwargs)
    except FinstepError as exc:
        logger.error("%s", exc)
        raise SystemExit(f"error: {redact(str(exc))}") from None
    except Exception:  # a traceback that holds a secret is printed redacted, and only so
        text = traceback.format_exc()
        if redact(text) == text:
            raise
        logger.error("%s", redact(text))
        sys.exit(1)
