"""The package is a pipeline of stages: no import cycle, no import of a later stage, few top-level modules.

Imports are read statically (ast), including those inside functions and under `TYPE_CHECKING`: a lazy
import is still a dependency.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import disclosure_analysis

PACKAGE = Path(disclosure_analysis.__file__).parent
NAME = "disclosure_analysis"

#: the stages in pipeline order; a unit may import only units of an earlier rank (or itself)
STAGES: list[tuple[str, ...]] = [
    ("errors", "executors"),
    ("formats",),
    ("synth",),
    ("ingest",),
    ("checks",),
    ("corpus",),
    ("analysis",),
    ("page", "dataset"),
    ("site",),
    ("assess",),
    ("cli",),
]
RANK = {unit: rank for rank, units in enumerate(STAGES) for unit in units}
MAX_TOP_LEVEL_MODULES = 5


def _modules() -> dict[str, Path]:
    out = {}
    for path in PACKAGE.rglob("*.py"):
        parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
        out[".".join(parts[:-1] if parts[-1] == "__init__" else parts)] = path
    return out


MODULES = _modules()


def _imports(module: str, path: Path) -> Iterator[str]:
    """The package modules `module` imports (the longest importable prefix of each name)."""
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            targets = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parent = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*parent, *([base] if base else [])])
            targets = [f"{base}.{alias.name}" for alias in node.names]
        else:
            continue
        for target in targets:
            while target and target not in MODULES:
                target = target.rpartition(".")[0]
            if target.startswith(NAME) and target != module:
                yield target


def _unit(module: str) -> str | None:
    """The stage unit of a module (`disclosure_analysis.corpus.store` → `corpus`); None for the package."""
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else None


GRAPH = {
    module: {t for t in _imports(module, path) if not module.startswith(t + ".")}  # a parent package: fine
    for module, path in MODULES.items()
}


def test_every_unit_has_a_stage() -> None:
    units = {_unit(m) for m in MODULES} - {None}
    assert units <= set(RANK), f"packages or modules without a stage: {sorted(units - set(RANK))}"


def _upward() -> list[str]:
    out = []
    for module, targets in GRAPH.items():
        unit = _unit(module)
        for target in targets:
            other = _unit(target)
            if unit and other and other != unit and RANK[other] >= RANK[unit]:
                out.append(f"{module} → {target}")
    return sorted(out)


def test_no_import_of_a_later_stage() -> None:
    assert not _upward(), "imports of a later (or the same-rank) stage:\n" + "\n".join(_upward())


def test_an_import_of_a_later_stage_is_found(monkeypatch) -> None:
    monkeypatch.setitem(GRAPH, f"{NAME}.page.display", {f"{NAME}.site.run"})
    assert _upward() == [f"{NAME}.page.display → {NAME}.site.run"]


def _cycles() -> list[list[str]]:
    """Strongly connected components with more than one module (Tarjan, iterative)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []
    for root in sorted(GRAPH):
        if root in index:
            continue
        work = [(root, iter(sorted(GRAPH[root])))]
        index[root] = low[root] = len(index)
        stack.append(root)
        on_stack.add(root)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is not None:
                if child not in index:
                    index[child] = low[child] = len(index)
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted(GRAPH.get(child, ())))))
                elif child in on_stack:
                    low[node] = min(low[node], index[child])
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[node])
            if low[node] == index[node]:
                component = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.append(member)
                    if member == node:
                        break
                if len(component) > 1:
                    found.append(sorted(component))
    return found


def test_no_import_cycle() -> None:
    assert _cycles() == []


def test_the_cycle_finder_finds_a_cycle(monkeypatch) -> None:
    monkeypatch.setitem(GRAPH, f"{NAME}.errors", {f"{NAME}.executors"})
    monkeypatch.setitem(GRAPH, f"{NAME}.executors", {f"{NAME}.errors"})
    assert [f"{NAME}.errors", f"{NAME}.executors"] in _cycles()


def test_few_top_level_modules() -> None:
    top = sorted(p.name for p in PACKAGE.glob("*.py") if p.name != "__init__.py")
    assert len(top) <= MAX_TOP_LEVEL_MODULES, top


def test_each_package_says_what_it_holds() -> None:
    silent = [m for m, p in MODULES.items() if p.name == "__init__.py" and not ast.get_docstring(ast.parse(p.read_text()))]
    assert not silent, silent
