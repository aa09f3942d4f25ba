"""A record exported with `records export --format json`, read back in. Pure.

The file is validated against the record's model; every string in it is checked like a table's
cells (no invisible or control characters), and its DOI is normalised.
"""

from __future__ import annotations

import json
from typing import Any

from pydantic import ValidationError

from credit_tracker.domain.credit import BY_SLUG
from credit_tracker.domain.errors import InputError
from credit_tracker.domain.identifiers import normalize_doi
from credit_tracker.domain.json_depth import loads
from credit_tracker.domain.models import ArticleRecord
from credit_tracker.domain.text import require_safe_text
from credit_tracker.parse.spreadsheet import MAX_CELL_CHARACTERS, decode_table


def is_json(path: str) -> bool:
    """A file named *.json is read as an exported record (never sniffed from a .csv's content)."""
    return path.lower().endswith(".json")


def parse_record_json(data: bytes, path: str) -> ArticleRecord:
    """Return the record in an exported JSON file. Raises InputError naming the line or field."""
    text = decode_table(data, path)
    try:
        document = loads(text)
    except json.JSONDecodeError as exc:
        raise InputError(f"not valid JSON ({exc.msg})", path=path, line=exc.lineno) from None
    _check_strings(document, path, "record")
    try:
        record = ArticleRecord.model_validate(document)
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(part) for part in first["loc"]) or "record"
        raise InputError(first["msg"], path=path, field=where) from None
    try:
        doi = normalize_doi(record.doi)
    except InputError as exc:
        raise InputError(exc.reason, path=path, field="doi") from None
    if not record.authors:
        raise InputError("the record has no authors", path=path, field="authors")
    for n, author in enumerate(record.authors):
        for m, held in enumerate(author.roles or []):
            if held.role not in BY_SLUG:
                raise InputError(
                    f"{held.role!r} is not a CRediT role's slug",
                    path=path,
                    field=f"authors.{n}.roles.{m}.role",
                )
    return record.model_copy(update={"doi": doi})


MAX_RECORD_DEPTH = 16
"""An exported record nests a few levels (authors, their roles and names): deeper is no record."""


def _check_strings(value: Any, path: str, where: str, depth: int = 0) -> None:
    if depth > MAX_RECORD_DEPTH:
        raise InputError(
            f"nested more than {MAX_RECORD_DEPTH} levels deep; not an exported record",
            path=path,
            field=where[:200],
        )
    if isinstance(value, str):
        if len(value) > MAX_CELL_CHARACTERS:
            raise InputError(f"the value holds {len(value):,} characters", path=path, field=where)
        require_safe_text(value, field=where, path=path)
    elif isinstance(value, dict):
        for key, item in value.items():
            _check_strings(key, path, where, depth + 1)
            if key != "layout":  # a delimiter and a line ending, checked by the model
                _check_strings(item, path, f"{where}.{key}", depth + 1)
    elif isinstance(value, list):
        for index, item in enumerate(value):
            _check_strings(item, path, f"{where}[{index}]", depth + 1)
