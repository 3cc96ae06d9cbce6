"""The extractor core's import graph has no cycle (issue 12: "no import cycle between segmentation and the
components").

A cycle once worked only by the order of the imports in components/__init__ (components/prosedur.py imported
prose.py, which imports the components): the shared step helpers now live in the leaf module steps.py.
"""

from __future__ import annotations

import ast
from pathlib import Path

EXTRACTORS = Path(__file__).resolve().parent.parent / "extractors"


def _module(path: Path) -> str:
    rel = path.relative_to(EXTRACTORS).with_suffix("")
    parts = [p for p in rel.parts if p != "__init__"]
    return ".".join(parts) or "extractors"


def _graph() -> dict[str, set[str]]:
    """module -> the extractors modules it imports (relative imports anywhere in the file, functions included)."""
    modules = {_module(p): p for p in EXTRACTORS.rglob("*.py")}
    graph: dict[str, set[str]] = {}
    for name, path in modules.items():
        package = name if path.name == "__init__.py" else name.rpartition(".")[0]
        edges: set[str] = set()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.ImportFrom) or not node.level:
                continue
            base = package.split(".") if package and package != "extractors" else []
            base = base[: len(base) - (node.level - 1)] if node.level > 1 else base
            target = ".".join([*base, *(node.module.split(".") if node.module else [])])
            candidates = [target] if node.module else [".".join([*base, a.name]) for a in node.names]
            edges.update(c for c in candidates if c in modules and c != name)
        graph[name] = edges
    return graph


def _cycle(graph: dict[str, set[str]]) -> list[str]:
    state: dict[str, int] = {}
    stack: list[str] = []

    def visit(node: str) -> list[str]:
        state[node] = 1
        stack.append(node)
        for nxt in sorted(graph[node]):
            if state.get(nxt) == 1:
                return stack[stack.index(nxt):] + [nxt]
            if nxt not in state and (found := visit(nxt)):
                return found
        stack.pop()
        state[node] = 2
        return []

    for node in sorted(graph):
        if node not in state and (found := visit(node)):
            return found
    return []


def test_the_extractor_modules_import_each_other_without_a_cycle() -> None:
    graph = _graph()
    assert "components.prosedur" in graph and "prose" in graph["segment"]  # the graph is read
    assert _cycle(graph) == []


def test_a_cycle_is_seen() -> None:
    assert _cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == ["a", "b", "c", "a"]
