"""The git repository the records live in: the one module that runs git.

Only what `git-setup` needs: whether a folder is inside a work tree, the clone's own config
(which git never copies to another clone), and the small files beside the records that tell git
how to treat them (`.gitattributes`, `.gitignore`), written whole or not at all.
"""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

from credit_tracker.domain.errors import InputError, StoreError
from credit_tracker.store.files import replace_text


def work_tree(folder: Path) -> Path | None:
    """Return the top of the git work tree `folder` is in; None when it is in none, or when git
    is not installed."""
    try:
        done = _git(folder, "rev-parse", "--is-inside-work-tree", "--show-toplevel")
    except (FileNotFoundError, subprocess.CalledProcessError):
        return None
    inside, _, top = done.partition("\n")
    return Path(top.strip()) if inside.strip() == "true" and top.strip() else None


def get_config(folder: Path, key: str) -> str | None:
    """Return the clone's own (`--local`) value of `key`, None when it is not set."""
    try:
        return _git(folder, "config", "--local", "--get", key).rstrip("\n")
    except subprocess.CalledProcessError:
        return None


def set_config(folder: Path, key: str, value: str) -> None:
    """Set `key` in the clone's own config. Raises StoreError when git refuses."""
    try:
        _git(folder, "config", "--local", key, value)
    except subprocess.CalledProcessError as exc:
        raise StoreError(
            f"{folder}: git could not set {key} ({exc.stderr.strip() or exc.returncode})"
        ) from exc


def add_lines(path: Path, heading: str, lines: list[str]) -> list[str]:
    """Add to the file at `path` the `lines` it lacks (under `heading`, a comment), keeping every
    line it has; return those added. The file is replaced in one rename. Raises StoreError."""
    try:
        text = path.read_text(encoding="utf-8") if path.exists() else ""
    except (OSError, UnicodeDecodeError) as exc:
        raise StoreError(f"{path}: cannot be read ({exc}); the file was left as it is") from exc
    present = {line.strip() for line in text.splitlines()}
    missing = [line for line in lines if line not in present]
    if not missing:
        return []
    block = "\n".join([heading, *missing]) + "\n"
    if text.strip():
        block = text + ("\n" if text.endswith("\n") else "\n\n") + block
    try:
        replace_text(path, block)
    except OSError as exc:
        raise StoreError(f"{path}: could not write ({exc.strerror or exc})") from exc
    return missing


def require_git(folder: Path) -> Path:
    """Return the top of the work tree `folder` is in; InputError (exit 2) when there is none."""
    top = work_tree(folder)
    if top is None:
        raise InputError(
            f"{folder}: not inside a git work tree (or git is not installed); clone the "
            "records' repository, or run 'git init' there, first"
        )
    return top


def _git(folder: Path, *args: str) -> str:
    done = subprocess.run(
        ["git", "-C", str(folder), *args],
        capture_output=True,
        text=True,
        check=True,
        # no prompt and no pager: this runs from commands and from tests
        env={**os.environ, "GIT_TERMINAL_PROMPT": "0", "GIT_PAGER": "cat"},
    )
    return done.stdout
