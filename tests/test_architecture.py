"""The package's shape: no import cycles, and each layer imports only what it may.

The import graph is read from the source with ``ast``, counting imports at the top of a
module and inside functions alike: an import moved into a function still ties the two
modules together. ``docs/architecture.md`` says why the layers are what they are.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "quizapp"
SKIPPED = ("migrations",)


def module_name(path: Path) -> str:
    parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def package_modules() -> dict[str, Path]:
    modules = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        if any(part in SKIPPED for part in path.relative_to(PACKAGE).parts):
            continue
        modules[module_name(path)] = path
    return modules


MODULES = package_modules()


def imported_names(name: str, path: Path) -> set[str]:
    """Every module name that ``name`` imports, inside the package or not."""
    is_package = path.name == "__init__.py"
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = name.split(".") if is_package else name.split(".")[:-1]
                base = base[: len(base) - (node.level - 1)]
                origin = ".".join(base + ([node.module] if node.module else []))
            else:
                origin = node.module or ""
            for alias in node.names:
                # ``from package import module`` names the module, not the package.
                submodule = f"{origin}.{alias.name}"
                found.add(submodule if submodule in MODULES else origin)
    return found


def internal(target: str) -> str | None:
    """The package module that an imported name resolves to, if any."""
    while target and target not in MODULES:
        target = target.rpartition(".")[0]
    return target or None


def import_graph() -> dict[str, set[str]]:
    graph: dict[str, set[str]] = {}
    for name, path in MODULES.items():
        targets = {internal(t) for t in imported_names(name, path)}
        graph[name] = {t for t in targets if t and t != name}
    return graph


def find_cycle(graph: dict[str, set[str]]) -> list[str] | None:
    """One cycle of the graph, as the list of modules around it, or None."""
    state: dict[str, int] = {}  # 1: on the current path, 2: done
    path: list[str] = []

    def visit(node: str) -> list[str] | None:
        state[node] = 1
        path.append(node)
        for nxt in sorted(graph.get(node, ())):
            if state.get(nxt) == 1:
                return path[path.index(nxt) :] + [nxt]
            if nxt not in state and (cycle := visit(nxt)):
                return cycle
        path.pop()
        state[node] = 2
        return None

    for node in sorted(graph):
        if node not in state and (cycle := visit(node)):
            return cycle
    return None


def test_the_graph_sees_imports_inside_functions():
    graph = import_graph()
    assert "quizapp.cli.commands" in graph["quizapp"]  # create_app imports it when called


def test_find_cycle_finds_one():
    assert find_cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == ["a", "b", "c", "a"]
    assert find_cycle({"a": {"b"}, "b": set()}) is None


def test_no_import_cycles():
    cycle = find_cycle(import_graph())
    assert cycle is None, "import cycle: " + " -> ".join(cycle or [])


PURE = ("quizapp.domain", "quizapp.generation", "quizapp.formats")
PAGES = ("quizapp.web", "quizapp.display", "quizapp.services", "quizapp.reports", "quizapp.cli")
WEB_ONLY = (
    "flask",
    "flask_babel",
    "flask_wtf",
    "flask_login",
    "flask_limiter",
    "wtforms",
    "werkzeug",
)
DATABASE = ("sqlalchemy", "flask_sqlalchemy", "quizapp.extensions", "quizapp.models")
RULES = [
    # (layer, forbidden imports, why)
    (PURE, WEB_ONLY + DATABASE + PAGES, "pure"),
    (("quizapp.services",), ("quizapp.web", "quizapp.cli", "flask_wtf", "wtforms"), "no pages"),
    (("quizapp.reports",), ("quizapp.web", "quizapp.cli", "flask_wtf", "wtforms"), "no pages"),
    (("quizapp.models",), ("quizapp.web", "quizapp.services", "quizapp.cli"), "bottom"),
    (("quizapp.web",), ("quizapp.cli",), "the CLI is another entry point"),
]


def _within(name: str, prefixes: tuple[str, ...]) -> bool:
    return any(name == p or name.startswith(p + ".") for p in prefixes)


@pytest.mark.parametrize("layer, forbidden, why", RULES, ids=[r[0][0] for r in RULES])
def test_layer_rules(layer, forbidden, why):
    broken = sorted(
        f"{name} imports {target}"
        for name, path in MODULES.items()
        if _within(name, layer)
        for target in imported_names(name, path)
        if _within(target, forbidden)
    )
    assert not broken, f"{why}: " + "; ".join(broken)


def test_no_module_loose_at_the_top():
    """Each module sits in the folder of its layer; only the app's wiring is at the top."""
    top = {p.name for p in PACKAGE.glob("*.py")}
    assert top <= {"__init__.py", "__main__.py", "config.py", "extensions.py"}
