"""What the filing rules pass as params, and what their jobs read from the config instead.

Snakemake reruns a job whose params changed. A source's options are of three
kinds: what selects filings (``SELECTION_KEYS``: forms, fiscal years…), what
names where they come from (the plugin, a local folder), and how requests
travel (the plugin's ``transport_options``: the User-Agent, the rate, retries,
a mirror's address). Only the first two may rerun a listing; only the second
a download: raising ``retries`` or moving to a mirror of the same documents
must neither list every ticker again nor download every filing again. Jobs
read the transport options from the workflow's config, which Snakemake hands
every job and never compares between runs.
"""

from __future__ import annotations

from . import get_source_class

# Which filings are selected, not how one is fetched.
SELECTION_KEYS = frozenset({"forms", "amendments", "latest", "fiscal_years"})


def transport_keys(options: dict) -> frozenset[str]:
    return get_source_class(options["plugin"]).transport_options


def listing_options(options: dict) -> dict:
    """filing_index's params: the source's options less how its requests travel."""
    keys = transport_keys(options)
    return {key: value for key, value in options.items() if key not in keys}


def fetch_options(options: dict) -> dict:
    """fetch_filing's params: what names the source, not which filings it selects or how it is reached.

    Widening ``fiscal_years`` or adding a ticker must list and fetch the new filings only.
    """
    return {key: value for key, value in listing_options(options).items() if key not in SELECTION_KEYS}


def job_source_options(params: dict, configured: dict) -> dict:
    """A listing or download job's options: its params, and the transport options as configured."""
    keys = transport_keys(params)
    return {**params, **{key: value for key, value in configured.items() if key in keys}}
