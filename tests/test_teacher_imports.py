"""The finstep package's modules import one another without a cycle (the last one was the teacher's).

A cycle works only while every module of it is imported in one order (here,
hf.py's ``create`` importing hf_loaded.py, which imported hf.py again); import
the other module first, or move an import to the top, and it fails half-built.
Imports inside functions count too: they are the ones that hide a cycle.
"""

from __future__ import annotations

import ast
from pathlib import Path

import networkx as nx
from conftest import ROOT

PACKAGE = ROOT / "scripts" / "finstep"


def module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def import_graph() -> nx.DiGraph:
    """finstep module → the finstep modules it imports anywhere (``from .x import y``: x.y if a module)."""
    modules = {module_name(p): p for p in PACKAGE.rglob("*.py")}
    graph = nx.DiGraph()
    for name, path in modules.items():
        package = name if path.name == "__init__.py" else name.rpartition(".")[0]
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                targets = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom):
                base = package.rsplit(".", node.level - 1)[0] if node.level else ""
                source = ".".join(p for p in (base, node.module) if p)
                targets = [
                    f"{source}.{a.name}" if f"{source}.{a.name}" in modules else source for a in node.names
                ]
            else:
                continue
            graph.add_edges_from((name, t) for t in targets if t in modules and t != name)
    return graph


def test_the_graph_sees_lazy_imports():
    graph = import_graph()
    assert graph.has_edge("finstep.teacher.plugins.hf", "finstep.teacher.plugins.hf_loaded")
    assert graph.has_edge("finstep.teacher.plugins.openai_teacher", "finstep.redaction")


def test_no_import_cycle_in_the_package():
    assert list(nx.simple_cycles(import_graph())) == []
