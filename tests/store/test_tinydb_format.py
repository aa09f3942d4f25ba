"""The records' files are TinyDB databases keyed by what each record is."""

from __future__ import annotations

from pathlib import Path

import pytest
from tinydb import Query
from tinydb.table import Document

from credit_tracker.domain.models import Person
from credit_tracker.domain.names import PersonName
from credit_tracker.store.folder import Store
from credit_tracker.store.tinydb_format import open_tinydb


def _store_with(tmp_path: Path, *people: tuple[str, str]) -> Store:
    store = Store(tmp_path)
    store.init()
    with store.transaction() as records:
        for pid, family in people:
            records.people[pid] = Person(id=pid, name=PersonName(given="Ana", family=family))
    return store


def test_written_files_open_in_tinydb_under_each_records_key(tmp_path: Path) -> None:
    store = _store_with(tmp_path, ("zed", "Zamani"), ("amy", "Alwan"))
    people = open_tinydb(store.team_path).table("people")
    assert sorted(doc.doc_id for doc in people.all()) == ["amy", "zed"]
    assert people.get(doc_id="zed")["name"]["family"] == "Zamani"
    assert [doc["id"] for doc in people.search(Query().name.family == "Alwan")] == ["amy"]


def test_a_record_written_through_tinydb_is_read_by_the_store(tmp_path: Path) -> None:
    store = _store_with(tmp_path, ("zed", "Zamani"))
    people = open_tinydb(store.team_path).table("people")
    person = Person(id="amy", name=PersonName(given="Ana", family="Alwan"))
    people.insert(Document(person.model_dump(mode="json", exclude_defaults=True), "amy"))
    assert sorted(store.load().people) == ["amy", "zed"]
    with pytest.raises(TypeError, match="own key"):
        people.insert({"id": "no-key"})  # a counter would come back: refused
