"""Store files written so that a crash leaves the old or the new one, and read with positions.

Writes come in batches (`write_files`): every temporary file is written and made durable first
(on Linux, one syncfs for a large batch), then each is renamed over its file, then each folder
is synced once. Each file is still replaced atomically (a crash leaves it old or new, never
half-written), and a batch of 900 shards costs one or two syncs of the disk instead of 1,800.
"""

from __future__ import annotations

import contextlib
import ctypes
import gc
import json
import os
import re
import sys
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any

import pydantic_core

from credit_tracker.domain.errors import StoreError
from credit_tracker.domain.json_depth import loads
from credit_tracker.store.checkpoints import checkpoint

# The temporary files of the store's own files (team.json, office.json, format.json, the shards
# `<hex>.json`): `.<file>.<pid>.tmp` and `.<file>.bak.tmp` (see write_files). Other files in the
# folder, which other writers may be writing without the lock, are never touched.
STALE_TEMP = re.compile(r"^\.(?:team|office|format|[0-9a-f]{3})\.json\.(?:\d+|bak)\.tmp$")

Change = tuple[Path, "str | None"]
"""One file of a batch: its path and new text, or None to remove it."""


def dump_json(data: Any) -> str:
    """Return the store's canonical JSON: sorted keys, indented, UTF-8 text, final newline.

    The text is exactly `json.dumps(data, sort_keys=True, indent=2, ensure_ascii=False)`: the
    standard library's indenting encoder is pure Python (its C encoder cannot indent), so plain
    data is written by pydantic-core's encoder after sorting, which gives the same bytes in a
    third of the time. Anything else (floats, whose text the two encoders spell differently;
    keys that are not strings) goes through json.dumps.
    """
    try:
        text = pydantic_core.to_json(_sorted(data), indent=2).decode("utf-8")
    except (_NotPlain, ValueError, pydantic_core.PydanticSerializationError):
        text = json.dumps(data, sort_keys=True, indent=2, ensure_ascii=False)
    return text + "\n"


def dump_json_partly_sorted(tables: dict[str, Any], written: dict[str, set[str]]) -> str:
    """Return dump_json(tables) for tables read from a canonical file (see is_canonical), where
    only the documents in `written` (table → ids) may hold keys out of order.

    Sorting 26,666 people key by key took most of a save of team.json; only the tables, their
    document ids and the documents written need it.
    """
    try:
        ordered = {}
        for name in sorted(tables):
            table, fresh = tables[name], written.get(name, set())
            if type(table) is not dict:
                raise _NotPlain
            ordered[name] = {
                doc_id: _sorted(table[doc_id]) if doc_id in fresh else table[doc_id]
                for doc_id in sorted(table)
            }
        return pydantic_core.to_json(ordered, indent=2).decode("utf-8") + "\n"
    except (_NotPlain, ValueError, pydantic_core.PydanticSerializationError):
        return dump_json(tables)


def is_canonical(text: str, data: Any) -> bool:
    """Whether `text` is exactly the canonical JSON of `data` (parsed from it, in its order).

    True means every object in `data` already has its keys in sorted order, and values are
    spelt as the store spells them, so writing them again needs no sorting.
    """
    try:
        return pydantic_core.to_json(data, indent=2).decode("utf-8") + "\n" == text
    except (ValueError, pydantic_core.PydanticSerializationError):
        return False


class _NotPlain(Exception):
    """A value the fast encoder might spell differently from json.dumps."""


_LEAVES = frozenset({str, int, bool, type(None)})
_TEXT_KEYS = {str}


def _sorted(value: Any) -> Any:
    """`value` with every object's keys in sorted order; _NotPlain for anything but JSON's plain
    types (a float, a key that is not a string)."""
    kind = type(value)
    if kind is dict:
        if value and set(map(type, value)) != _TEXT_KEYS:
            raise _NotPlain
        ordered = {}
        for key in sorted(value):
            item = value[key]
            ordered[key] = item if type(item) in _LEAVES else _sorted(item)
        return ordered
    if kind is list:
        return [item if type(item) in _LEAVES else _sorted(item) for item in value]
    if kind in _LEAVES:
        return value
    raise _NotPlain


@contextlib.contextmanager
def paused_gc() -> Iterator[None]:
    """Hold off the cyclic garbage collector while a file becomes tens of thousands of objects.

    None of them is garbage, yet each allocation burst triggers collections that scan the whole
    growing heap: reading a team of 26,666 people took three times as long with it running.
    When it resumes, what was built meanwhile is handed to the oldest generation, as the
    survivors of those collections would have been: left among the young, all of it would be
    scanned at the first collection (0.4 s after an import of 8,000 answers), then again as
    middle-aged. Cycles among them are still found, by the next full collection.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            # freeze moves every tracked object to the permanent generation, unfreeze moves
            # them all to the oldest: two list splices, no scan (nothing else here freezes)
            gc.freeze()
            gc.unfreeze()
            gc.enable()


def atomic_write(path: Path, text: str) -> None:
    """Replace `path` with `text` so that a crash leaves either the old or the new file.

    The old file is kept as `<path>.bak`. Raises StoreError when the file cannot be written.
    """
    write_files([(path, text)])


def write_files(changes: Sequence[Change]) -> int:
    """Write a batch of store files, each atomically; return the bytes written.

    All temporary files are written and made durable, then renamed over their files in order (a
    file whose text is None is removed), then each folder is synced once. The file replaced or
    removed is kept as `<file>.bak`, hard-linked before the rename so that there is no moment at
    which the file is missing. On any failure or Ctrl-C no temporary file is left; the files not
    yet renamed are untouched. Raises StoreError naming the file that could not be written.
    """
    staged: list[tuple[Path, Path | None]] = []
    written = 0
    current = changes[0][0] if changes else Path()
    one_sync = len(changes) >= SYNC_TOGETHER_FROM and _syncfs is not None
    try:
        for folder in dict.fromkeys(path.parent for path, _text in changes):
            current = folder
            folder.mkdir(exist_ok=True)  # a new store's first shard
        for current, text in changes:
            tmp = None if text is None else _stage(current, text, sync=not one_sync)
            staged.append((current, tmp))
            written += len(text.encode("utf-8")) if text is not None else 0
        if one_sync:
            current = changes[0][0].parent
            _sync_filesystems(path for path, tmp in staged if tmp is not None)
        for current, tmp in staged:
            if tmp is not None:
                checkpoint("write:temp-synced", str(current))
        for n, (current, tmp) in enumerate(staged):
            _put_in_place(current, tmp)
            staged[n] = (current, None)
    except BaseException as exc:
        # Ctrl-C included: the files not yet renamed were never touched.
        for _path, tmp in staged:
            if tmp is not None:
                with contextlib.suppress(OSError):
                    tmp.unlink()
        if isinstance(exc, OSError):
            raise StoreError(
                f"{current}: could not write ({exc.strerror or exc}); the previous file is intact"
            ) from exc
        raise
    _sync_folders([path for path, _text in changes])
    return written


def _temp_of(path: Path) -> Path:
    return path.with_name(f".{path.name}.{os.getpid()}.tmp")


def _stage(path: Path, text: str, sync: bool) -> Path:
    """Write the temporary file of `path` (and sync it, with `sync`); return it. `path` itself
    is untouched."""
    tmp = _temp_of(path)
    try:
        with open(tmp, "w", encoding="utf-8") as handle:
            handle.write(text)
            handle.flush()
            checkpoint("write:temp-written", str(path))
            if sync:
                os.fsync(handle.fileno())
    except BaseException:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise
    return tmp


def _load_syncfs() -> Callable[[int], int] | None:
    """Linux's syncfs(2), which Python does not wrap: every dirty file of one file system made
    durable in one journal commit. Elsewhere None (each file is then fsynced)."""
    if not sys.platform.startswith("linux"):
        return None
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        return libc.syncfs
    except (OSError, AttributeError):
        return None


_syncfs = _load_syncfs()
# From this many files, one syncfs instead of an fsync each: on ext4 each fsync is a journal
# commit (about 2 ms here), so 900 shards took 1.9 s one by one and 0.08 s together.
SYNC_TOGETHER_FROM = 16


def _sync_filesystems(paths: Iterable[Path]) -> None:
    """Make the temporary files beside `paths` durable: one syncfs per file system."""
    assert _syncfs is not None
    folders = {os.stat(path.parent).st_dev: path.parent for path in paths}
    for folder in folders.values():
        fd = os.open(folder, os.O_RDONLY)
        try:
            if _syncfs(fd) != 0:
                code = ctypes.get_errno()
                raise OSError(code, os.strerror(code), str(folder))
        finally:
            os.close(fd)


def _put_in_place(path: Path, tmp: Path | None) -> None:
    """Keep the old file as .bak, then rename the temporary file over it (or remove it)."""
    if os.path.lexists(path):
        _keep_backup(path)
        checkpoint("write:backup-kept", str(path))
    if tmp is None:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(path)
        checkpoint("write:removed", str(path))
        return
    os.replace(tmp, path)
    checkpoint("write:renamed", str(path))


def _sync_folders(paths: list[Path]) -> None:
    """Make the batch's renames durable: one sync per folder, not one per file."""
    for folder in dict.fromkeys(path.parent for path in paths):
        try:
            fsync_dir(folder)
        except OSError as exc:
            raise StoreError(
                f"{folder}: written, but the folder could not be synced ({exc.strerror or exc})"
            ) from exc
    for path in paths:
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


def replace_text(path: Path, text: str) -> None:
    """Replace `path` with `text` in one rename, with no backup and no fsync: for files that can
    be written again (the index) or are small settings beside the records (.gitattributes).
    Raises OSError, leaving no temporary file."""
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        tmp.write_text(text, encoding="utf-8")
        os.replace(tmp, path)
    except OSError:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise


def fsync_dir(folder: Path) -> None:
    """Make a rename in `folder` durable. Windows cannot open a folder; NTFS logs the rename."""
    if sys.platform == "win32":
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def remove_stale_temps(folders: Iterable[Path]) -> list[Path]:
    """Remove the store's temporary files left in `folders` by a killed write; return them.

    Only the store's own names (STALE_TEMP) and only by a caller holding the records lock: every
    store write holds it, so no write in progress can own one.
    """
    removed = []
    for folder in folders:
        try:
            names = [name for name in os.listdir(folder) if STALE_TEMP.match(name)]
        except OSError:
            continue
        for name in names:
            with contextlib.suppress(OSError):
                os.unlink(folder / name)
                removed.append(folder / name)
    return removed


def read_json_file(path: Path, text: str | None = None) -> dict[str, Any]:
    """Return the parsed file (or `text`, read from it already), {} when it does not exist;
    StoreError with the position if bad."""
    text = read_text(path) if text is None else text
    if text is None:
        return {}
    if not text.strip():
        raise StoreError(f"{path}: the file is empty; restore it from {path.name}.bak or git")
    try:
        data = loads(text)
    except json.JSONDecodeError as exc:
        raise StoreError(
            f"{path}:{exc.lineno}:{exc.colno}: not valid JSON ({exc.msg}); the file was left as it "
            f"is; the copy from before the last write is {path.name}.bak"
        ) from exc
    if not isinstance(data, dict):
        raise StoreError(f"{path}: expected a JSON object of tables")
    return data


def read_text(path: Path) -> str | None:
    """Return a store file's text, None when it does not exist; StoreError if it cannot be read."""
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        return None
    except OSError as exc:
        raise StoreError(unreadable(path, exc)) from exc
    return decoded(path, data)


def decoded(path: Path | str, data: bytes) -> str:
    """A store file's text from its bytes, as a file opened as UTF-8 text reads: every line
    ending as \\n. StoreError naming the first byte that is not UTF-8."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise StoreError(
            f"{path}: not UTF-8 text at byte {exc.start}; the file was left as it is"
        ) from exc
    return text.replace("\r\n", "\n").replace("\r", "\n") if "\r" in text else text


def unreadable(path: Path | str, exc: OSError) -> str:
    """The message for a store file that the system refuses to read (a folder, no permission)."""
    reason = "a folder, not a file" if isinstance(exc, IsADirectoryError) else exc.strerror
    return f"{path}: cannot be read ({reason or exc}); the file was left as it is"
