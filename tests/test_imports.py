"""No import cycles between the modules of generator/: the stages stay layered
(load → validate → merge → enrich → render → build), and a module can be imported on its own.

The graph is read from the source with `ast`, imports inside functions included (a lazy import
hides a cycle, it does not remove it); imports under `if TYPE_CHECKING:` never run and are left
out. Importing `a.b.c` also runs the packages `a.b` and `a`, unless the importer is inside them.
"""

from __future__ import annotations

import ast
from pathlib import Path

from generator.contract import PROJECT_ROOT

PACKAGE = PROJECT_ROOT / "generator"
# Cycles known and being removed elsewhere, as sorted tuples of modules; none today.
ALLOWED: set[tuple[str, ...]] = set()


def module_names(root: Path = PACKAGE) -> dict[str, Path]:
    names = {}
    for path in sorted(root.rglob("*.py")):
        parts = path.relative_to(root.parent).with_suffix("").parts
        names[".".join(parts[:-1] if parts[-1] == "__init__" else parts)] = path
    return names


def _type_checking_only(node: ast.AST) -> bool:
    test = node.test if isinstance(node, ast.If) else None
    return isinstance(test, ast.Name | ast.Attribute) and ast.unparse(test).endswith("TYPE_CHECKING")


def _imports(tree: ast.AST) -> list[ast.Import | ast.ImportFrom]:
    found: list[ast.Import | ast.ImportFrom] = []
    stack = [tree]
    while stack:
        node = stack.pop()
        if isinstance(node, ast.Import | ast.ImportFrom):
            found.append(node)
        elif isinstance(node, ast.If) and _type_checking_only(node):
            stack.extend(node.orelse)
            continue
        stack.extend(ast.iter_child_nodes(node))
    return found


def import_graph(root: Path = PACKAGE) -> dict[str, set[str]]:
    modules = module_names(root)
    top = root.name

    def known(name: str) -> str | None:
        while name and name not in modules:
            name = name.rpartition(".")[0]
        return name or None

    graph: dict[str, set[str]] = {}
    for module, path in modules.items():
        package = module if path.name == "__init__.py" else module.rpartition(".")[0]
        targets: set[str | None] = set()
        for node in _imports(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                targets |= {known(a.name) for a in node.names if a.name.split(".")[0] == top}
                continue
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*anchor, *([node.module] if node.module else [])])
            if base.split(".")[0] != top:
                continue
            # `from package import submodule` imports the submodule; other names live in `base`.
            targets |= {
                f"{base}.{a.name}" if f"{base}.{a.name}" in modules else known(base) for a in node.names
            }
        edges = set()
        for target in targets - {None, module}:
            assert target is not None
            edges.add(target)
            parts = target.split(".")
            for depth in range(1, len(parts)):
                ancestor = ".".join(parts[:depth])
                if not (module == ancestor or module.startswith(ancestor + ".")):
                    edges.add(ancestor)
        graph[module] = edges - {module}
    return graph


def cycles(graph: dict[str, set[str]]) -> list[tuple[str, ...]]:
    """The strongly connected components of more than one module (Tarjan), each sorted."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[tuple[str, ...]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for target in sorted(graph.get(node, ())):
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in on_stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            component = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                component.append(member)
                if member == node:
                    break
            if len(component) > 1:
                found.append(tuple(sorted(component)))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return sorted(found)


def test_generator_has_no_import_cycle():
    found = [c for c in cycles(import_graph()) if c not in ALLOWED]
    assert found == [], "import cycles:\n" + "\n".join(" ↔ ".join(c) for c in found)


def test_the_graph_sees_lazy_relative_and_package_imports():
    graph = import_graph()
    assert "generator.render" in graph["generator.pipeline"]
    assert "generator.pipeline" in graph["generator.cli.directory"]  # imported inside a function
    assert "generator.findings" in graph["generator.rules"]
    assert len(graph) > 50


def test_a_cycle_is_found_when_there_is_one(tmp_path):
    package = tmp_path / "generator"
    (package / "stage").mkdir(parents=True)
    (package / "__init__.py").write_text("")
    (package / "stage" / "__init__.py").write_text("from . import first\n")
    (package / "stage" / "first.py").write_text("def f():\n    from generator.other import g\n")
    (package / "stage" / "second.py").write_text("")
    (package / "other.py").write_text(
        "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    import generator.stage.second\n"
        "from generator.stage.second import x\n"
    )
    # other → stage.second runs stage/__init__ → stage.first → (lazily) other.
    assert cycles(import_graph(package)) == [("generator.other", "generator.stage", "generator.stage.first")]
