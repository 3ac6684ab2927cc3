"""The package's import graph has no cycle: a stage imports only the stages before it and the
shared modules (README, "How the code is laid out"). Imports run when a module loads are checked
for every module; imports inside functions (lazy) too, for the pairs that once went round."""

from __future__ import annotations

import ast
import importlib
import pkgutil
from pathlib import Path

import pytest

import generator


def modules() -> dict[str, str]:
    """Every module of the package: name → source file."""
    found = {"generator": generator.__file__}
    for info in pkgutil.walk_packages(generator.__path__, "generator."):
        spec = importlib.util.find_spec(info.name)
        assert spec is not None and spec.origin is not None
        found[info.name] = spec.origin
    return found


def _nodes(tree: ast.AST, lazy: bool):
    """The nodes of a module that run; without `lazy`, not those inside function bodies. Imports
    under `if TYPE_CHECKING:` never run: they name types for the checker only."""
    todo = [tree]
    while todo:
        node = todo.pop()
        yield node
        for child in ast.iter_child_nodes(node):
            if _type_checking_only(child):
                continue
            if lazy or not isinstance(child, ast.FunctionDef | ast.AsyncFunctionDef):
                todo.append(child)


def _type_checking_only(node: ast.AST) -> bool:
    return isinstance(node, ast.If) and isinstance(node.test, ast.Name) and node.test.id == "TYPE_CHECKING"


def imports(name: str, path: str, known: set[str], lazy: bool = False) -> set[str]:
    """The package modules `name` imports; `from a import b` counts `a.b` when that is a module.
    A module's own parent packages are left out: Python initialises them before the module,
    whatever the module says."""
    tree = ast.parse(Path(path).read_text(encoding="utf-8"), path)
    package = name if path.endswith("__init__.py") else name.rpartition(".")[0]
    targets: set[str] = set()
    for node in _nodes(tree, lazy):
        if isinstance(node, ast.Import):
            targets.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parts = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*parts, base] if base else parts)
            targets.add(base)
            targets.update(f"{base}.{alias.name}" for alias in node.names)
    parents = {name.rsplit(".", i)[0] for i in range(1, name.count(".") + 1)}
    return {t for t in targets if t in known and t != name and t not in parents}


def find_cycle(graph: dict[str, set[str]]) -> list[str] | None:
    state: dict[str, int] = {}
    stack: list[str] = []

    def visit(node: str) -> list[str] | None:
        state[node] = 1
        stack.append(node)
        for nxt in sorted(graph[node]):
            if state.get(nxt) == 1:
                return [*stack[stack.index(nxt) :], nxt]
            if nxt not in state and (cycle := visit(nxt)):
                return cycle
        stack.pop()
        state[node] = 2
        return None

    for node in sorted(graph):
        if node not in state and (cycle := visit(node)):
            return cycle
    return None


def test_the_cycle_finder_finds_a_cycle() -> None:
    assert find_cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == ["a", "b", "c", "a"]
    assert find_cycle({"a": {"b"}, "b": set()}) is None


def test_no_import_cycles() -> None:
    found = modules()
    graph = {name: imports(name, path, set(found)) for name, path in found.items()}
    assert "generator.validate.dataset" in graph["generator.signage.job"], "the walk sees imports"
    assert find_cycle(graph) is None


def test_the_pipeline_and_the_print_jobs_do_not_import_each_other_even_lazily() -> None:
    found = modules()
    graph = {name: imports(name, path, set(found), lazy=True) for name, path in found.items()}
    for module in ("generator.signage.job", "generator.signage.site", "generator.render.site"):
        assert "generator.pipeline" not in graph[module]
    # The pipeline reaches the leaflets and the signage page only through render_site.
    assert graph["generator.pipeline"].isdisjoint({"generator.signage.site", "generator.render.leaflets"})


@pytest.mark.parametrize("name", sorted(set(modules()) - {"generator.__main__"}))  # that one runs the CLI
def test_each_module_imports_on_its_own(name: str) -> None:
    """Imported first, in a fresh interpreter, every module loads: no cycle hidden by the order in
    which the rest of the code happens to import things."""
    import subprocess
    import sys

    done = subprocess.run([sys.executable, "-c", f"import {name}"], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr[-800:]
