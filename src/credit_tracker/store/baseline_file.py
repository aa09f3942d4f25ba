"""The baseline file: read and validated with errors naming the field, written whole or not at all.

It is meant to be committed beside the records, so it is written as the store writes its files
(sorted keys, indented, final newline: small diffs) but without a `.bak` copy beside it.
"""

from __future__ import annotations

import contextlib
import json
import os
from pathlib import Path

from pydantic import ValidationError

from credit_tracker.domain.baseline import Baseline
from credit_tracker.domain.errors import InputError, OutputError
from credit_tracker.domain.json_depth import loads
from credit_tracker.domain.text import json_visible, visible
from credit_tracker.store.files import dump_json, fsync_dir


def read_baseline(path: Path) -> Baseline:
    """Return the baseline in `path`, or an empty one when the file does not exist yet.

    Raises InputError (exit 2) naming the file, line or field when it is not a baseline.
    """
    try:
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        return Baseline()
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"cannot read the baseline ({exc})", path=str(path)) from exc
    try:
        data = loads(text)
    except json.JSONDecodeError as exc:
        raise InputError(
            f"not JSON (column {exc.colno}: {exc.msg})", path=str(path), line=exc.lineno
        ) from exc
    try:
        return Baseline.model_validate(data)
    except ValidationError as exc:
        first = exc.errors()[0]
        # a key is the file's own text (an id that is not one): shown escaped, one line, short
        field = visible(".".join(str(part) for part in first["loc"]))[:200] or "(top level)"
        raise InputError(
            f"not a credit-tracker baseline: {first['msg']}", path=str(path), field=field
        ) from exc


def write_baseline(path: Path, baseline: Baseline) -> None:
    """Replace the file at `path` with `baseline`: a reader sees the old file or the new one.

    Raises OutputError (exit 3) when the system refuses the write.
    """
    # `fixed` only once a fix is seen: a quiet night changes no line; hidden characters a
    # publisher printed are written as \u escapes (the value is exact, the diff readable)
    text = json_visible(dump_json(baseline.model_dump(mode="json", exclude_none=True)))
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        with open(tmp, "w", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
        fsync_dir(path.parent)
    except OSError as exc:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise OutputError(
            f"{path}: could not write the baseline ({exc.strerror or exc}); nothing was written"
        ) from exc
