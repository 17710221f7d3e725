"""Per-rule conda envs: what can be checked without reaching a conda channel.

Every rule that runs code names an env; the env file parses; every
third-party module the rule's script imports (following the ``finstep``
package's imports, plugin registries included) is listed in that env; and a
package pinned both in an env and in ``pyproject.toml`` is pinned the same way.
"""

from __future__ import annotations

import ast
import re
import sys
import tomllib
from functools import cache
from importlib.metadata import packages_distributions
from pathlib import Path

import pytest
import yaml
from conftest import ROOT

SCRIPTS = ROOT / "scripts"
# conda-forge names that differ from the PyPI ones.
CONDA_ALIASES = {"pytorch": "torch", "matplotlib-base": "matplotlib"}
# Imported only when a GPU plugin is chosen; installed on GPU nodes with the project's `gpu` extra.
OPTIONAL = {"vllm"}
_RULE = re.compile(r"^(?:rule|checkpoint) (\w+):\n((?:[ \t]+.*\n|[ \t]*\n)*)", re.MULTILINE)
_PLUGIN_PATH = re.compile(r"^(finstep(?:\.\w+)+):\w+$")


def canonical(name: str) -> str:
    name = re.sub(r"[-_.]+", "-", name).lower()
    return CONDA_ALIASES.get(name, name)


def _directive(body: str, name: str) -> str | None:
    match = re.search(rf"^\s+{name}:\n\s+\"([^\"]+)\"", body, re.MULTILINE)
    return match.group(1) if match else None


def rules() -> dict[str, dict]:
    found = {}
    for path in sorted((ROOT / "rules").glob("*.smk")):
        for name, body in _RULE.findall(path.read_text()):
            found[name] = {
                "conda": _directive(body, "conda"),
                "script": _directive(body, "script"),
                "file": path,
            }
    return found


def _module_file(module: str) -> Path | None:
    base = SCRIPTS.joinpath(*module.split("."))
    for candidate in (base.with_suffix(".py"), base / "__init__.py"):
        if candidate.is_file():
            return candidate
    return None


def _package_of(path: Path) -> str:
    parts = path.relative_to(SCRIPTS).with_suffix("").parts
    return ".".join(parts[:-1])  # a module's package; an __init__'s is its own folder


@cache
def imports_of(path: Path) -> frozenset[str]:
    """Top-level third-party modules imported by ``path`` and every finstep module it reaches."""
    seen: set[Path] = set()
    third_party: set[str] = set()
    todo = [path]
    while todo:
        current = todo.pop()
        if current in seen:
            continue
        seen.add(current)
        package = _package_of(current) if current.is_relative_to(SCRIPTS / "finstep") else ""
        modules = []
        for node in ast.walk(ast.parse(current.read_text())):
            if isinstance(node, ast.Import):
                modules += [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom):
                if node.level:
                    anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                    base = ".".join([*anchor, node.module] if node.module else anchor)
                else:
                    base = node.module or ""
                modules.append(base)
                modules += [f"{base}.{alias.name}" for alias in node.names]
            elif isinstance(node, ast.Constant) and (match := _PLUGIN_PATH.match(str(node.value))):
                modules.append(match.group(1))  # plugin registries name their modules as strings
        for module in modules:
            top = module.split(".")[0]
            if top == "finstep":
                if found := _module_file(module):
                    todo.append(found)
            elif top and top not in sys.stdlib_module_names and top != "__future__":
                third_party.add(top)
    return frozenset(third_party)


def env_packages(env_file: Path) -> dict[str, str]:
    """Canonical package name → version spec (spaces removed), conda and pip entries alike."""
    spec = yaml.safe_load(env_file.read_text())
    entries = []
    for dep in spec["dependencies"]:
        entries += dep["pip"] if isinstance(dep, dict) else [dep]
    packages = {}
    for entry in entries:
        match = re.match(r"([A-Za-z0-9_.\-]+)\s*(.*)", entry)
        packages[canonical(match.group(1))] = match.group(2).replace(" ", "")
    return packages


def pyproject_pins() -> dict[str, str]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    deps = list(project["dependencies"])
    for extra in project.get("optional-dependencies", {}).values():
        deps += extra
    pins = {}
    for dep in deps:
        match = re.match(r"([A-Za-z0-9_.\-]+)(?:\[[^\]]*\])?\s*(.*)", dep)
        pins[canonical(match.group(1))] = match.group(2).replace(" ", "")
    return pins


def distribution(module: str) -> str:
    names = packages_distributions().get(module)
    assert names, f"{module} is imported but not installed in the test environment"
    return canonical(names[0])


RULES = rules()
CODE_RULES = {name: rule for name, rule in RULES.items() if rule["script"]}


def test_every_rule_that_runs_code_names_an_env_that_parses():
    assert len(CODE_RULES) >= 15
    for name, rule in CODE_RULES.items():
        assert rule["conda"], f"rule {name} ({rule['file'].name}) has no conda: directive"
        env = (rule["file"].parent / rule["conda"]).resolve()
        spec = yaml.safe_load(env.read_text())
        assert spec["channels"] == ["conda-forge", "nodefaults"], env.name
        assert "python =3.11" in spec["dependencies"], env.name


@pytest.mark.parametrize("name", sorted(CODE_RULES))
def test_each_rule_env_lists_what_its_script_imports(name):
    rule = CODE_RULES[name]
    script = (rule["file"].parent / rule["script"]).resolve()
    listed = env_packages((rule["file"].parent / rule["conda"]).resolve())
    needed = {distribution(module) for module in imports_of(script) - OPTIONAL}
    missing = sorted(needed - set(listed))
    assert not missing, f"rule {name}: {rule['conda']} lacks {missing}, which {script.name} imports"


def test_env_pins_agree_with_pyproject():
    pins = pyproject_pins()
    for env in sorted((ROOT / "envs").glob("*.yaml")):
        for package, spec in env_packages(env).items():
            if package in pins:
                assert spec == pins[package], (
                    f"{env.name}: {package} {spec!r} but pyproject.toml says {pins[package]!r}"
                )


def test_import_walk_follows_the_package_and_its_plugin_registries():
    teacher = imports_of(SCRIPTS / "teacher_shard.py")
    assert {"torch", "transformers", "xgrammar", "openai", "pydantic"} <= teacher  # plugins, by string
    assert "matplotlib" not in teacher
    assert "rouge_score" in imports_of(SCRIPTS / "score.py")
