"""The layout keeps its promise: the pure layers import no command-line, HTTP or store library."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "src" / "credit_tracker"
PURE_LAYERS = ("domain", "parse", "compare", "corrections", "check", "edits", "render")
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
