"""The Snakefile's first check of the config: unknown keys, before JSON Schema validation.

Apart from ``validation`` so that rule scripts, which import that module, need
neither PyYAML nor Snakemake in their environments.
"""

from __future__ import annotations

import yaml
from snakemake.exceptions import WorkflowError

from .errors import FinstepError
from .validation import check_keys


def check_config_keys(config: dict, schema_path: str) -> None:
    """``check_keys`` against the schema file, as Snakemake's one-line error."""
    with open(schema_path, encoding="utf-8") as handle:
        schema = yaml.safe_load(handle)
    try:
        check_keys(config, schema)
    except FinstepError as exc:
        raise WorkflowError(str(exc)) from None
