"""The project's files as a release build or the action sees them, copied out of the working tree.

Builds write into the tree they build (build/, *.egg-info); a copy keeps the checkout clean and
lets tests run in parallel.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from .conftest import ROOT

# Neither a build nor the action reads these: the tests, their data, the example and the rest.
TOP_LEVEL_SKIPPED = {".git", ".venv", "build", "dist", "tests", "records", "bench", "docs"}
ANYWHERE_SKIPPED = shutil.ignore_patterns(
    "__pycache__", "*.pyc", "*.egg-info", ".pytest_cache", ".hypothesis", ".mypy_cache"
)


def _ignored(folder: str, names: list[str]) -> set[str]:
    skipped = set(ANYWHERE_SKIPPED(folder, names))
    if Path(folder) == ROOT:
        skipped |= TOP_LEVEL_SKIPPED & set(names)
    return skipped


def copy_project(dest: Path) -> Path:
    """Copy what a build needs (pyproject.toml, README.md, src/, requirements/, action.yml, …)."""
    shutil.copytree(ROOT, dest, ignore=_ignored)
    return dest
