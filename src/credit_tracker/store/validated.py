"""Store files parsed and validated, with errors that name the file, table, document and field.

Each file is parsed and validated in one pass by pydantic-core (faster than json.load and then
validating document by document): shards are the hot path of a check over a hundred thousand
articles, and team.json holds every person the team has met.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel, Field, TypeAdapter, ValidationError

from credit_tracker.domain.errors import StoreError
from credit_tracker.domain.models import (
    ArticleRecord,
    CorrectionRequest,
    Person,
    Publisher,
    SourceSnapshot,
)
from credit_tracker.domain.records import Acknowledgement
from credit_tracker.store.files import paused_gc, read_json_file, unreadable


class _History(BaseModel):
    doi: str
    history: list[SourceSnapshot]


class TeamFile(BaseModel):
    """team.json: its four tables, each document id → document (other tables are ignored)."""

    people: dict[str, Person] = Field(default_factory=dict)
    acknowledgements: dict[str, Acknowledgement] = Field(default_factory=dict)
    publishers: dict[str, Publisher] = Field(default_factory=dict)
    corrections: dict[str, CorrectionRequest] = Field(default_factory=dict)


_TEAM = TypeAdapter(TeamFile)
_ARTICLE_SHARD = TypeAdapter(dict[str, dict[str, ArticleRecord]])
_SNAPSHOT_SHARD = TypeAdapter(dict[str, dict[str, _History]])


def read_team_file(path: Path) -> TeamFile:
    """Return team.json's tables, validated; StoreError naming the table, document and field."""
    data = read_store_bytes(str(path))
    return TeamFile() if data is None else team_from_bytes(path, data)


def team_from_bytes(path: Path | str, data: bytes) -> TeamFile:
    """Return a team file's tables from its bytes (`path` names it in errors); StoreError."""
    return _validated(path, data, _TEAM)


def read_article_shard(path: str, table: str) -> dict[str, ArticleRecord]:
    """Return an article shard's records by DOI; {} when the file does not exist."""
    data = read_store_bytes(path)
    return {} if data is None else articles_from_bytes(path, data, table)


def articles_from_bytes(path: Path | str, data: bytes, table: str) -> dict[str, ArticleRecord]:
    """Return an article shard's records by DOI from its bytes; StoreError."""
    articles = _validated(path, data, _ARTICLE_SHARD).get(table, {})
    return {record.doi: record for record in articles.values()}


def read_snapshot_shard(path: str, table: str) -> dict[str, list[SourceSnapshot]]:
    """Return a snapshot shard's histories by DOI; {} when the file does not exist."""
    data = read_store_bytes(path)
    return {} if data is None else snapshots_from_bytes(path, data, table)


def snapshots_from_bytes(
    path: Path | str, data: bytes, table: str
) -> dict[str, list[SourceSnapshot]]:
    """Return a snapshot shard's histories by DOI from its bytes; StoreError."""
    histories = _validated(path, data, _SNAPSHOT_SHARD).get(table, {})
    return {h.doi: h.history for h in histories.values()}


def _validated(path: Path | str, data: bytes, adapter: TypeAdapter[Any]) -> Any:
    """Return a store file's bytes parsed and validated in one pass; StoreError if bad."""
    with paused_gc():
        try:
            return adapter.validate_json(data)
        except ValidationError as exc:
            raise _store_error(Path(path), exc, data) from exc


def read_store_bytes(path: str) -> bytes | None:
    """Return a store file's bytes, None when it does not exist; StoreError if it cannot be read."""
    try:
        with open(path, "rb") as handle:
            return handle.read()
    except FileNotFoundError:
        return None
    except OSError as exc:
        raise StoreError(unreadable(path, exc)) from exc


def _store_error(path: Path, exc: ValidationError, data: bytes) -> StoreError:
    """The first problem of a file that is not what the store wrote."""
    first = exc.errors()[0]
    if first["type"] == "json_invalid":
        # raises the error with its line and column, or for a non-object
        read_json_file(path, data.decode("utf-8", errors="replace"))
        # json reads it, pydantic-core does not ('recursion limit exceeded at line 1 column 219')
        return StoreError(f"{path}: {first['msg']}; the file was left as it is")
    if not first["loc"]:
        read_json_file(path, data.decode("utf-8", errors="replace"))  # raises for a non-object
        return StoreError(f"{path}: expected a JSON object of tables")
    table, *rest = first["loc"]
    where = f"table {table}"
    if rest:
        doc_id, *field = rest
        where += f", document {doc_id}"
        if field:
            where += f", field {'.'.join(str(part) for part in field)}"
    return StoreError(f"{path}: {where}: {first['msg']}; the file was left as it is")


M = TypeVar("M", bound=BaseModel)


def read_model_file(path: Path, model: type[M]) -> M | None:
    """A small JSON file of the records folder as `model`: None when it is missing or empty,
    StoreError naming the file and the first bad field when it does not validate."""
    data = read_json_file(path)
    if not data:
        return None
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        first = exc.errors()[0]
        field = ".".join(str(part) for part in first["loc"])
        raise StoreError(f"{path}: field {field}: {first['msg']}") from exc
