"""The layout keeps its promise: floors that nothing imports up or across, no import circle, pure
layers that import no command-line, HTTP or store library, and faces that reach the rules only
through services. Each check is also shown able to fail."""

from __future__ import annotations

import ast
import subprocess
import sys
from collections.abc import Iterable
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "src" / "credit_tracker"

# A package may import only packages on lower floors; two packages on one floor do not import
# each other. (`__init__` is the package's root module: its version.) docs/architecture.md
# says what lives on each floor.
FLOORS = {
    "__init__": 0,
    "domain": 0,
    "parse": 1,
    "store": 1,
    "compare": 2,
    "sources": 2,
    "standin": 2,
    "corrections": 3,
    "edits": 3,
    "check": 4,
    "confirm": 4,
    "render": 5,
    "services": 6,
    "desk": 7,
    "cli": 8,
    "__main__": 9,
}
PURE_LAYERS = ("domain", "parse", "compare", "corrections", "edits", "check", "confirm", "render")
# The libraries of the edges: the command line, HTTP, Crossref's client and the store's database.
EDGE_LIBRARIES = {
    "click",
    "requests",
    "urllib3",
    "habanero",
    "httpx",
    "httpx2",
    "tinydb",
    "starlette",
    "uvicorn",
}
# Project packages that are edges too: a pure module reaching them would import their libraries.
EDGE_PACKAGES = {"cli", "sources", "store", "services", "standin", "desk"}
# The faces present what services return: the rules and the outside clients are reached
# through services/ alone.
FACES = ("cli", "desk")
BEHIND_SERVICES = {"compare", "check", "confirm", "corrections", "edits", "sources"}


def _modules(layer: str) -> list[Path]:
    return sorted((PACKAGE / layer).rglob("*.py"))


def _imported_names(path: Path) -> set[str]:
    """Every module an `import` or `from ... import` in the file names, at any depth."""
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), filename=str(path))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
    return names


def _imported_modules(path: Path, modules: set[str]) -> set[str]:
    """The project modules the file imports: `from package import module` is an import of the
    module (its package's __init__ only sees to it that the package exists)."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), filename=str(path))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            inner = {f"{node.module}.{alias.name}" for alias in node.names} & modules
            found |= inner or {node.module}
    return found & modules


def _package_of(path: Path) -> str:
    parts = path.relative_to(PACKAGE).parts
    return parts[0] if len(parts) > 1 else parts[0].removesuffix(".py")


def _module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE).with_suffix("").parts
    if parts[-1] == "__init__":
        parts = parts[:-1]
    return ".".join(("credit_tracker", *parts))


def _project_modules() -> dict[str, Path]:
    return {_module_name(path): path for path in sorted(PACKAGE.rglob("*.py"))}


def _imports_between_packages() -> set[tuple[str, str, str]]:
    """(importing package, imported package, file) for every import of another package."""
    found = set()
    for path in sorted(PACKAGE.rglob("*.py")):
        here = _package_of(path)
        for name in _imported_names(path):
            if name == "credit_tracker":
                there = "__init__"
            elif name.startswith("credit_tracker."):
                there = name.split(".")[1]
            else:
                continue
            if there != here:
                found.add((here, there, str(path.relative_to(PACKAGE))))
    return found


def _upward(imports: Iterable[tuple[str, str, str]], floors: dict[str, int]) -> list[str]:
    """The imports that run up the floors or across one floor."""
    return sorted(
        f"{where}: {here} (floor {floors[here]}) imports {there} (floor {floors[there]})"
        for here, there, where in imports
        if floors[there] >= floors[here]
    )


def test_every_package_has_a_floor() -> None:
    packages = {p.name for p in PACKAGE.iterdir() if (p / "__init__.py").exists()}
    modules = {p.stem for p in PACKAGE.glob("*.py")}
    assert packages | modules == set(FLOORS)


def test_nothing_imports_up_or_across_the_floors() -> None:
    assert _upward(_imports_between_packages(), FLOORS) == []


def test_the_floor_check_sees_an_import_running_up() -> None:
    """The check above can fail: the store importing the rules, or two peers each other."""
    imports = [("store", "check", "store/x.py"), ("compare", "sources", "compare/y.py")]
    assert _upward(imports, FLOORS) == [
        "compare/y.py: compare (floor 2) imports sources (floor 2)",
        "store/x.py: store (floor 1) imports check (floor 4)",
    ]


def _module_graph() -> dict[str, set[str]]:
    """Each project module → the project modules it imports (a package's name is its
    __init__; `from pkg import mod` is an import of pkg.mod)."""
    modules = _project_modules()
    return {name: _imported_modules(path, set(modules)) - {name} for name, path in modules.items()}


def _circles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected groups of more than one module (Tarjan's algorithm)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for other in sorted(graph.get(node, ())):
            if other not in index:
                visit(other)
                low[node] = min(low[node], low[other])
            elif other in on_stack:
                low[node] = min(low[node], index[other])
        if low[node] == index[node]:
            group = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                group.append(member)
                if member == node:
                    break
            if len(group) > 1:
                found.append(sorted(group))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return found


def test_no_module_imports_itself_through_others() -> None:
    assert _circles(_module_graph()) == []


def test_the_circle_check_sees_a_circle() -> None:
    graph = {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}
    assert _circles(graph) == [["a", "b", "c"]]


@pytest.mark.parametrize("layer", PURE_LAYERS)
def test_pure_layers_import_no_edge(layer: str) -> None:
    offenders = []
    for path in _modules(layer):
        for name in sorted(_imported_names(path)):
            top = name.split(".")[0]
            inner = name.split(".")[1] if name.startswith("credit_tracker.") else None
            if top in EDGE_LIBRARIES or inner in EDGE_PACKAGES:
                offenders.append(f"{path.relative_to(PACKAGE)} imports {name}")
    assert offenders == []


def test_the_edge_check_sees_an_edge_import(tmp_path: Path) -> None:
    """The check above can fail: a file importing requests lazily is caught."""
    sample = tmp_path / "sample.py"
    sample.write_text("def f():\n    import requests.adapters\n    from tinydb import TinyDB\n")
    assert _imported_names(sample) == {"requests.adapters", "tinydb"}


@pytest.mark.parametrize("face", FACES)
def test_the_faces_reach_the_rules_and_the_outside_through_services(face: str) -> None:
    offenders = [
        f"{path.relative_to(PACKAGE)} imports {name}"
        for path in _modules(face)
        for name in sorted(_imported_names(path))
        if name.startswith("credit_tracker.") and name.split(".")[1] in BEHIND_SERVICES
    ]
    assert offenders == []


def test_only_the_command_line_uses_click() -> None:
    offenders = [
        str(path.relative_to(PACKAGE))
        for path in sorted(PACKAGE.rglob("*.py"))
        if _package_of(path) != "cli"
        and "click" in {n.split(".")[0] for n in _imported_names(path)}
    ]
    assert offenders == []


def test_importing_every_pure_module_loads_no_edge_library() -> None:
    """At run time too: a fresh interpreter imports every pure module and no edge library."""
    modules = [
        ".".join(("credit_tracker", *path.relative_to(PACKAGE).with_suffix("").parts))
        for layer in PURE_LAYERS
        for path in _modules(layer)
    ]
    code = (
        "import importlib, sys\n"
        f"for name in {modules!r}:\n"
        "    importlib.import_module(name.removesuffix('.__init__'))\n"
        f"print(sorted(set(m.split('.')[0] for m in sys.modules) & {EDGE_LIBRARIES!r}))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "[]"
