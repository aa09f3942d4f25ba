"""What each record is written as: the stored form of the team's tables, the articles and the
snapshot histories, and of a whole records file read in any form the store has written.

The store's writes and the records' merge driver both use it, so that a merged file is exactly
what the store would have written, and the next write changes nothing it did not change.
"""

from __future__ import annotations

import json
from typing import Any

from pydantic import TypeAdapter, ValidationError

from credit_tracker.domain.baseline import Baseline
from credit_tracker.domain.drafts import Sender
from credit_tracker.domain.errors import StoreError
from credit_tracker.domain.json_depth import loads
from credit_tracker.domain.models import (
    ArticleRecord,
    CorrectionRequest,
    Person,
    Publisher,
    SourceSnapshot,
)
from credit_tracker.domain.records import Acknowledgement, Records
from credit_tracker.domain.text import json_visible
from credit_tracker.store.files import dump_json, paused_gc
from credit_tracker.store.tables import Tables
from credit_tracker.store.validated import (
    TeamFile,
    articles_from_bytes,
    snapshots_from_bytes,
    team_from_bytes,
)

ARTICLES, SNAPSHOTS = "articles", "snapshots"

# (table in team.json, key field, records attribute)
TEAM_TABLES = (
    ("people", "id", "people"),
    ("acknowledgements", "finding_id", "acknowledgements"),
    ("publishers", "id", "publishers"),
    ("corrections", "id", "corrections"),
)
_TABLE_FORMS: dict[str, TypeAdapter[Any]] = {
    "people": TypeAdapter(dict[str, Person]),
    "acknowledgements": TypeAdapter(dict[str, Acknowledgement]),
    "publishers": TypeAdapter(dict[str, Publisher]),
    "corrections": TypeAdapter(dict[str, CorrectionRequest]),
}


def team_documents(records: Records) -> Tables:
    """The four tables of team.json as stored: (key field, documents by key) each."""
    with paused_gc():
        # one call per table into pydantic-core, not one per person: a third less time
        return {
            table: (
                key_field,
                _TABLE_FORMS[table].dump_python(
                    getattr(records, attribute), mode="json", exclude_defaults=True
                ),
            )
            for table, key_field, attribute in TEAM_TABLES
        }


def team_records(team: TeamFile) -> Records:
    """The records of a team file's tables, each under its key (whatever the file keyed it by:
    an earlier version's counters too)."""
    records = Records()
    for table, key, attribute in TEAM_TABLES:
        index = getattr(records, attribute)
        for item in getattr(team, table).values():
            index[getattr(item, key)] = item
    return records


def article_document(record: ArticleRecord) -> dict[str, Any]:
    """An article as stored: fields at their defaults left out (most authors have no particle,
    suffix or ORCID iD), so the files stay small."""
    return record.model_dump(mode="json", exclude_defaults=True)


def history_document(doi: str, history: list[SourceSnapshot]) -> dict[str, Any]:
    """An article's snapshot history as stored, oldest first."""
    return {
        "doi": doi,
        "history": [s.model_dump(mode="json", exclude_defaults=True) for s in history],
    }


# ---- a whole file, in the current form ------------------------------------------------------

TEAM, OFFICE, FORMAT, BASELINE = "team", "office", "format", "baseline"


def current_form(kind: str, name: str, data: bytes) -> dict[str, Any]:
    """Return a records file of `kind` as the store writes it now, from the bytes of any form
    the store has written (counter keys, problems as text). `name` names it in errors.

    Raises StoreError, in one line naming the file and what is wrong, for bytes that are not
    such a file.
    """
    if not data.strip():
        return {}  # a file that did not exist on one side of a merge
    raw = _object(name, data)
    if kind == TEAM:
        tables = team_documents(team_records(team_from_bytes(name, data)))
        # tables the store does not know are kept as they are, as its writes keep them
        return {**raw, **{table: docs for table, (_key, docs) in tables.items()}}
    if kind == ARTICLES:
        articles = articles_from_bytes(name, data, ARTICLES)
        return {ARTICLES: {doi: article_document(r) for doi, r in articles.items()}}
    if kind == SNAPSHOTS:
        histories = snapshots_from_bytes(name, data, SNAPSHOTS)
        return {SNAPSHOTS: {doi: history_document(doi, h) for doi, h in histories.items()}}
    if kind == BASELINE:
        return _model(name, raw, Baseline).model_dump(mode="json", exclude_none=True)
    if kind == OFFICE:
        return _model(name, raw, Sender).model_dump(exclude_none=True)
    return raw


def stored_text(kind: str, data: dict[str, Any]) -> str:
    """The text a file of `kind` holding `data` is written as (canonical JSON)."""
    text = dump_json(data)
    # as store/baseline_file.py writes it: hidden characters a publisher printed as \\u escapes
    return json_visible(text) if kind == BASELINE else text


def _object(name: str, data: bytes) -> dict[str, Any]:
    """The bytes parsed as a JSON object; StoreError with the line and column."""
    try:
        parsed = loads(data.decode("utf-8"))
    except UnicodeDecodeError as exc:
        raise StoreError(f"{name}: not UTF-8 text at byte {exc.start}") from exc
    except json.JSONDecodeError as exc:
        raise StoreError(f"{name}:{exc.lineno}:{exc.colno}: not valid JSON ({exc.msg})") from exc
    if not isinstance(parsed, dict):
        raise StoreError(f"{name}: expected a JSON object")
    return parsed


def _model(name: str, data: dict[str, Any], model: type[Any]) -> Any:
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        first = exc.errors()[0]
        field = ".".join(str(part) for part in first["loc"]) or "(top level)"
        raise StoreError(f"{name}: field {field}: {first['msg']}") from exc
