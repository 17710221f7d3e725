"""Benchmark sets from the Hugging Face Hub: fetched on the login node, read offline by the jobs.

The same arrangement as Hub models (``finstep.models.hub``): a local rule
snapshots each configured dataset at its pinned commit into the workflow's
``hub_cache`` and writes a manifest (the jobs' file input); a job reads the
snapshot with ``HF_HUB_OFFLINE=1``. A benchmark's rows must be the same on every
rerun, so a dataset is pinned to a commit (40 hex digits), never to a branch.
Only data files and the dataset card (which declares its configs) are fetched,
never a loading script: ``datasets`` runs none, so a script-only set needs its
``refs/convert/parquet`` commit instead.

Reading a split follows the Hub's own conventions (``data/test-*.parquet``,
``<config>/test-*``, ``test.jsonl``, configs declared in the card) through
``datasets.load_dataset`` on the snapshot folder, the library that defines them.
"""

from __future__ import annotations

import logging
import tempfile
from pathlib import Path

from ..errors import FinstepError
from ..io import write_json
from ..models.refs import COMMIT, HUB_ID

log = logging.getLogger("finstep.benchmarks")

# Data files and the card; never loading scripts or archives.
DATA_PATTERNS = ["*.parquet", "*.jsonl", "*.json", "*.csv", "*.tsv", "README.md"]
DATA_SUFFIXES = (".parquet", ".jsonl", ".json", ".csv", ".tsv")


def check_hub_source(source: dict, where: str) -> None:
    """A Hub source names a dataset id, its commit and a split; one line names what is missing."""
    dataset, revision = str(source.get("hub") or ""), source.get("revision")
    if not HUB_ID.fullmatch(dataset):
        raise FinstepError(f"{where}.hub {dataset!r} is not a Hub dataset id (org/name)")
    if not revision or not COMMIT.fullmatch(str(revision)):
        raise FinstepError(
            f"{where}: Hub dataset {dataset!r} needs revision: its commit hash (40 hex digits, from the "
            f"dataset's 'Files and versions' history), so that reruns read the same rows; got {revision!r}"
        )
    if not source.get("split"):
        raise FinstepError(f"{where}: Hub dataset {dataset!r} needs split (e.g. test)")


def dataset_manifest(cache_dir: str, dataset: str, revision: str) -> str:
    """The file ``fetch_dataset`` writes once a snapshot is complete: the jobs' input.

    Beside the models' ``manifests/`` folder, not in it: a dataset and a model may share an id.
    """
    return f"{cache_dir}/dataset-manifests/{dataset}@{revision}.json"


def configured_datasets(benchmarks: dict[str, dict]) -> dict[str, dict]:
    """Manifest key ``org/name@revision`` → {dataset, revision} for every checked benchmark read
    from the Hub (``description.benchmark_configs``'s output)."""
    found = {}
    for options in benchmarks.values():
        source = options.get("source") or {}
        if source.get("hub"):
            found[f"{source['hub']}@{source['revision']}"] = {
                "dataset": source["hub"],
                "revision": str(source["revision"]),
            }
    return found


def fetch_dataset(dataset: str, revision: str, cache_dir: str, out: str) -> None:
    """Download ``dataset`` at ``revision`` into ``cache_dir`` (Hub cache layout); HF_TOKEN from the environment."""
    from huggingface_hub import snapshot_download

    path = Path(
        snapshot_download(
            dataset, repo_type="dataset", revision=revision, cache_dir=cache_dir, allow_patterns=DATA_PATTERNS
        )
    )
    files = sorted(str(p.relative_to(path)) for p in path.rglob("*") if p.is_file())
    if not any(name.endswith(DATA_SUFFIXES) for name in files):
        raise FinstepError(
            f"{dataset}@{revision} has no data files ({', '.join(DATA_SUFFIXES)}): a set published as a "
            "loading script is not run; pin the commit of its refs/convert/parquet branch instead"
        )
    write_json(out, {"dataset": dataset, "revision": revision, "commit": path.name, "files": files})
    log.info("%s@%s: %d files, commit %s, in %s", dataset, revision, len(files), path.name, cache_dir)


def snapshot_folder(dataset: str, revision: str, cache_dir: str) -> Path:
    """The cached snapshot, read offline; a missing one fails naming the fix."""
    from huggingface_hub import snapshot_download
    from huggingface_hub.errors import LocalEntryNotFoundError

    try:
        return Path(
            snapshot_download(
                dataset, repo_type="dataset", revision=revision, cache_dir=cache_dir, local_files_only=True
            )
        )
    except LocalEntryNotFoundError:
        raise FinstepError(
            f"Hub dataset {dataset}@{revision} is not in {cache_dir}: run `snakemake fetch_models` where the "
            "internet is reachable (the login node) before submitting"
        ) from None


def declared_configs(folder: Path) -> list[str]:
    """Config names the dataset card's YAML declares (``configs: - config_name: …``)."""
    card = folder / "README.md"
    if not card.is_file():
        return []
    from huggingface_hub import DatasetCard

    configs = DatasetCard.load(card).data.to_dict().get("configs") or []
    return [str(entry.get("config_name")) for entry in configs if isinstance(entry, dict)]


def read_split(folder: Path, split: str, config: str | None = None, where: str = "source") -> list[dict]:
    """The rows of one split of a snapshot folder, as dicts (label ids stay ids: the description maps them).

    ``config`` is a config the card declares, or else a folder of the snapshot
    (the parquet-conversion layout ``<config>/<split>/0000.parquet``).
    """
    import datasets

    declared = declared_configs(folder)
    if config and config not in declared and not (folder / config).is_dir():
        folders = sorted(p.name for p in folder.iterdir() if p.is_dir() and not p.name.startswith("."))
        raise FinstepError(
            f"{where}.config {config!r} is not in the snapshot {folder}: configs declared "
            f"{', '.join(declared) or 'none'}; folders {', '.join(folders) or 'none'}"
        )
    by_name = bool(config) and config in declared
    datasets.disable_progress_bars()
    with tempfile.TemporaryDirectory(prefix="finstep-datasets-") as scratch:
        try:
            loaded = datasets.load_dataset(
                str(folder),
                name=config if by_name else None,
                data_dir=None if by_name else config,
                split=split,
                cache_dir=scratch,
            )
        except ValueError as exc:  # an unknown split names the ones there are
            raise FinstepError(f"{where}.split {split!r}: {' '.join(str(exc).split())}") from None
        except FileNotFoundError as exc:
            raise FinstepError(f"{where}: no data files in {folder} ({' '.join(str(exc).split())})") from None
        return [dict(row) for row in loaded]


def load_split(source: dict, cache_dir: str, where: str = "source") -> list[dict]:
    """A checked Hub source's split, from the cache only."""
    check_hub_source(source, where)
    folder = snapshot_folder(source["hub"], str(source["revision"]), cache_dir)
    return read_split(folder, str(source["split"]), source.get("config"), where)
