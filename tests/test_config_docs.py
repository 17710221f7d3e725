"""config/README.md's tables state the defaults config/schema.yaml holds.

The schema is where the workflow's defaults are written (Snakemake's
``validate`` fills a run's config from it), each teacher plugin's class where
its own options' are (``option_defaults``); the README explains them. Each
table row whose default is a literal in backticks (or "—", none) must equal
the default a run gets, so the two cannot drift apart silently.
"""

from __future__ import annotations

import re

import pytest
import yaml
from conftest import ROOT
from finstep.config_schema import defaults, node
from finstep.teacher.plugins import teacher_class

README = ROOT / "config" / "README.md"
# Table sections and the config object each documents (``*``: every teacher).
SECTIONS = {
    "`chunking`": ("chunking",),
    "`chunking.prose`": ("chunking", "prose"),
    "`teachers`": ("teachers", "*"),
    "`teachers.<name>.quality`": ("teachers", "*", "quality"),
    "`evaluation`": ("evaluation",),
    "`benchmarks`": ("benchmarks", "*"),
    "`dpo.preferences`": ("dpo", "preferences"),
    "`dpo.training`": ("dpo", "training"),
}  # and tables headed "`<section>` key" (training)
_CODE = re.compile(r"`([^`]+)`")
PLUGINS = ("extractive", "transformers", "vllm", "openai")


def _literal(text: str) -> object:
    value = yaml.safe_load(text)
    if isinstance(value, str):  # YAML 1.1 reads 2e-4 as a string
        try:
            return float(value)
        except ValueError:
            return value
    return value


def _cells(line: str) -> list[str]:
    return [cell.strip() for cell in line.strip().strip("|").split("|")]


def documented_defaults() -> list[tuple[tuple[str, ...], str, str, object]]:
    """(config path, plugin or "", key, default) of every row stating a literal default.

    A default cell lists one value per key (``4``, ``0.4``); a value in backticks
    is a literal, "—" is none; prose ("plugin's", "greedy") is not checked.
    """
    rows, path, header = [], None, None
    for line in README.read_text(encoding="utf-8").splitlines():
        heading = re.match(r"^#{2,3} (`[^`]+`)", line)
        if heading:
            path, header = SECTIONS.get(heading.group(1)), None
            continue
        if not line.startswith("|"):
            continue
        cells = _cells(line)
        if "default" in cells:
            header = cells
            named = re.fullmatch(r"`(\w+)` key", cells[0])  # "| `training` key | default |"
            path = (named.group(1),) if named else path
            continue
        if path is None:
            continue
        if header is None or set(cells[0]) <= {"-", " "}:
            continue
        keys = _CODE.findall(cells[0])
        parts = [part.strip() for part in re.findall(r"`[^`]*`|[^,`]+", cells[header.index("default")])]
        parts = [part for part in parts if part]
        if len(parts) != len(keys):
            continue
        plugins = re.findall(r"[a-z]+", cells[1]) if "plugins" in header else []
        plugins = [name for name in plugins if name in PLUGINS] or [""]
        for key, part in zip(keys, parts, strict=True):
            if part == "—":
                value = None
            elif part.startswith("`"):
                value = _literal(part.strip("`"))
            else:
                continue
            rows += [(path, plugin, key, value) for plugin in plugins]
    return rows


def documented_keys() -> dict[tuple[str, ...], set[str]]:
    """The keys each section's tables name in their first column, whatever their default cell says."""
    keys: dict[tuple[str, ...], set[str]] = {}
    path = None
    for line in README.read_text(encoding="utf-8").splitlines():
        heading = re.match(r"^#{2,3} (`[^`]+`)", line)
        if heading:
            path = SECTIONS.get(heading.group(1))
            continue
        cells = _cells(line) if line.startswith("|") else []
        if cells and "default" in cells:
            named = re.fullmatch(r"`(\w+)` key", cells[0])
            path = (named.group(1),) if named else path
        elif cells and path and not set(cells[0]) <= {"-", " "}:
            keys.setdefault(path, set()).update(_CODE.findall(cells[0]))
    return keys


def expected_default(path: tuple[str, ...], plugin: str, key: str) -> object:
    """The default a run gets: the plugin's for its own options, else the schema's (nested filled)."""
    own = teacher_class(plugin).option_defaults if plugin else None
    if own and key in own:
        return own[key]
    assert key in node(*path)["properties"], f"config/README.md documents {'.'.join(path)}.{key}, unknown"
    return defaults(*path).get(key)


ROWS = documented_defaults()


def test_the_readme_documents_defaults_of_every_section_and_plugin():
    assert {path for path, _, _, _ in ROWS} == {*SECTIONS.values(), ("training",)}
    assert {plugin for _, plugin, _, _ in ROWS} >= {"", *PLUGINS}
    assert len(ROWS) >= 40


@pytest.mark.parametrize(
    ("path", "plugin", "key", "default"),
    ROWS,
    ids=[f"{'.'.join(p)}.{k}" + (f"[{g}]" if g else "") for p, g, k, _ in ROWS],
)
def test_a_documented_default_is_the_one_a_run_gets(path, plugin, key, default):
    assert expected_default(path, plugin, key) == default


@pytest.mark.parametrize("path", [*SECTIONS.values(), ("training",)], ids=".".join)
def test_every_key_of_a_section_has_a_row(path):
    # The other way round: a key added to the schema (or a plugin's options) without a README row.
    keys = {key for key in node(*path)["properties"] if (*path, key) not in SECTIONS.values()}
    if path == ("teachers", "*"):
        keys |= {key for plugin in PLUGINS for key in teacher_class(plugin).option_defaults}
    assert keys - documented_keys().get(path, set()) == set()
