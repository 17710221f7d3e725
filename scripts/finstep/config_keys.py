"""The Snakefile's first check of the config: unknown keys and the schema's rules, before Snakemake's validation.

Apart from ``validation`` so that rule scripts, which import that module, need
neither PyYAML nor Snakemake in their environments.
"""

from __future__ import annotations

import yaml
from jsonschema import Draft202012Validator
from jsonschema.exceptions import best_match
from snakemake.exceptions import WorkflowError

from .errors import FinstepError
from .validation import check_keys


def check_config_keys(config: dict, schema_path: str) -> None:
    """``check_keys``, then the schema's own rules, against the schema file, as Snakemake's one-line error.

    Snakemake's ``validate`` reports a value the schema refuses (``dpo.training.beta: 0``)
    in a dozen lines of the failing schema and instance; the first violation is named
    here in one, with where it is. ``validate`` still fills the defaults afterwards.
    """
    with open(schema_path, encoding="utf-8") as handle:
        schema = yaml.safe_load(handle)
    try:
        check_keys(config, schema)
    except FinstepError as exc:
        raise WorkflowError(str(exc)) from None
    error = best_match(Draft202012Validator(schema).iter_errors(config))
    if error is not None:
        where = ".".join(str(part) for part in error.absolute_path) or "the config"
        raise WorkflowError(f"{where}: {error.message} (see config/README.md)")
