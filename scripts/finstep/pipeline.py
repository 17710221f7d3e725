"""How every rule script runs its step: logging to the rule's log file, bad input as one line.

Kept free of heavy imports: every rule's conda env imports it, so it may need
nothing beyond the standard library and this package's errors and logs.
"""

from __future__ import annotations

import os
import sys
import traceback
from collections.abc import Callable, MutableMapping
from pathlib import Path

from . import __version__
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


def own_code_first(scripts: str | os.PathLike, environ: MutableMapping[str, str] = os.environ) -> None:
    """Put the workflow's ``scripts/`` first on ``PYTHONPATH``, which every job inherits.

    Snakemake appends ``scripts/`` to a script job's ``sys.path``, after site-packages: an
    editable install of another checkout, or a stale ``pip install .``, would then run in every
    job while the DAG was built from this checkout's code. ``PYTHONPATH`` comes before
    site-packages, in the jobs' interpreters as in conda environments'.
    """
    folder = str(Path(scripts).resolve())
    rest = [p for p in environ.get("PYTHONPATH", "").split(os.pathsep) if p and p != folder]
    environ["PYTHONPATH"] = os.pathsep.join([folder, *rest])


def code_origin() -> dict:
    """Which finstep ran a job: its version and the folder it was imported from (for run records)."""
    return {"version": __version__, "path": str(Path(__file__).resolve().parent)}
