"""Store files parsed and validated, with errors that name the file, table, document and field."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from pydantic import BaseModel, TypeAdapter, ValidationError

from credit_tracker.domain.errors import StoreError
from credit_tracker.domain.models import ArticleRecord, SourceSnapshot
from credit_tracker.store.files import read_json_file


class _History(BaseModel):
    doi: str
    history: list[SourceSnapshot]


# Shards are parsed and validated in one pass by pydantic-core (faster than json.load and then
# validating): this is the hot path of a check over a hundred thousand articles.
_ARTICLE_SHARD = TypeAdapter(dict[str, dict[str, ArticleRecord]])
_SNAPSHOT_SHARD = TypeAdapter(dict[str, dict[str, _History]])


def read_article_shard(path: str, table: str) -> dict[str, ArticleRecord]:
    """Return an article shard's records by DOI; {} when the file does not exist."""
    articles = _read_typed(path, _ARTICLE_SHARD).get(table, {})
    return {record.doi: record for record in articles.values()}


def read_snapshot_shard(path: str, table: str) -> dict[str, list[SourceSnapshot]]:
    """Return a snapshot shard's histories by DOI; {} when the file does not exist."""
    histories = _read_typed(path, _SNAPSHOT_SHARD).get(table, {})
    return {h.doi: h.history for h in histories.values()}


def _read_typed(path: str, adapter: TypeAdapter) -> dict[str, Any]:
    """Return a shard file parsed and validated; {} when it does not exist. Raises StoreError."""
    try:
        with open(path, "rb") as handle:
            data = handle.read()
    except FileNotFoundError:
        return {}
    try:
        return adapter.validate_json(data)
    except ValidationError as exc:
        first = exc.errors()[0]
        if first["type"] == "json_invalid" or len(first["loc"]) < 3:
            read_json_file(Path(path))  # raises the error with its line and column
        table, doc_id, *field = first["loc"]
        where = ".".join(str(part) for part in field)
        raise StoreError(
            f"{path}: table {table}, document {doc_id}, field {where}: {first['msg']}"
        ) from exc


def parse_document(model: type[BaseModel], doc: Any, path: Path, table: str, doc_id: str) -> Any:
    """Return one document of team.json as its model; StoreError naming the field if it is bad."""
    try:
        return model.model_validate(doc)
    except ValidationError as exc:
        first = exc.errors()[0]
        field = ".".join(str(part) for part in first["loc"])
        raise StoreError(
            f"{path}: table {table}, document {doc_id}, field {field}: {first['msg']}"
        ) from exc
