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
    """Run one rule's step, logging to its log file; bad input ends with its one-line message,
    any other failure with its traceback in the log."""
    logger = setup(log_path)
    try:
        step(**kwargs)
    except FinstepError as exc:
        logger.error("%s", exc)
        raise SystemExit(f"error: {redact(str(exc))}") from None
    except Exception:
        # Snakemake's error block sends the user to the rule's log file: the traceback goes there
        # (and to stderr, once), redacted, rather than only to stderr by the interpreter.
        logger.error("%s", redact(traceback.format_exc().rstrip()))
        sys.exit(1)
