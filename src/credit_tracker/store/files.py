"""Store files written so that a crash leaves the old or the new one, and read with positions."""

from __future__ import annotations

import contextlib
import json
import os
import sys
from pathlib import Path
from typing import Any

from credit_tracker.domain.errors import StoreError
from credit_tracker.store.checkpoints import checkpoint


def dump_json(data: Any) -> str:
    """Return the store's canonical JSON: sorted keys, indented, UTF-8 text, final newline."""
    return json.dumps(data, sort_keys=True, indent=2, ensure_ascii=False) + "\n"


def atomic_write(path: Path, text: str) -> None:
    """Replace `path` with `text` so that a crash leaves either the old or the new file.

    The old file is kept as `<path>.bak`, hard-linked before the rename so that there is no
    moment at which `path` is missing. Raises StoreError when the file cannot be written.
    """
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        with open(tmp, "w", encoding="utf-8") as handle:
            handle.write(text)
            handle.flush()
            checkpoint("write:temp-written", str(path))
            os.fsync(handle.fileno())
        checkpoint("write:temp-synced", str(path))
        if path.exists():
            _keep_backup(path)
            checkpoint("write:backup-kept", str(path))
        os.replace(tmp, path)
    except BaseException as exc:
        # Ctrl-C included: no temporary file is left behind, and the old file was never touched.
        with contextlib.suppress(OSError):
            tmp.unlink()
        if isinstance(exc, OSError):
            raise StoreError(
                f"{path}: could not write ({exc.strerror or exc}); the previous file is intact"
            ) from exc
        raise
    checkpoint("write:renamed", str(path))
    try:
        fsync_dir(path.parent)
    except OSError as exc:
        raise StoreError(
            f"{path}: written, but the folder could not be synced ({exc.strerror or exc})"
        ) from exc
    checkpoint("write:done", str(path))


def _keep_backup(path: Path) -> None:
    backup = path.with_name(path.name + ".bak")
    staging = path.with_name(f".{path.name}.bak.tmp")
    with contextlib.suppress(FileNotFoundError):
        staging.unlink()
    try:
        os.link(path, staging)
    except OSError:
        staging.write_bytes(path.read_bytes())
    os.replace(staging, backup)


def fsync_dir(folder: Path) -> None:
    """Make a rename in `folder` durable. Windows cannot open a folder; NTFS logs the rename."""
    if sys.platform == "win32":
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def read_json_file(path: Path) -> dict[str, Any]:
    """Return the parsed file, {} when it does not exist; StoreError with the position if bad."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return {}
    except UnicodeDecodeError as exc:
        raise StoreError(
            f"{path}: not UTF-8 text at byte {exc.start}; the file was left as it is"
        ) from exc
    if not text.strip():
        raise StoreError(f"{path}: the file is empty; restore it from {path.name}.bak or git")
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise StoreError(
            f"{path}:{exc.lineno}:{exc.colno}: not valid JSON ({exc.msg}); the file was left as it "
            f"is; the copy from before the last write is {path.name}.bak"
        ) from exc
    if not isinstance(data, dict):
        raise StoreError(f"{path}: expected a JSON object of tables")
    return data
