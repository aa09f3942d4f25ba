"""A save under the lock uses the article shards' bytes read under it (`load_articles`) instead
of reading them again: it writes exactly the bytes a save that reads them again writes, whatever
form the files are in, and forgets the bytes once it has written or the lock is let go."""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from credit_tracker.domain.models import ArticleRecord, RoleAssignment, TeamAuthor
from credit_tracker.domain.names import PersonName
from credit_tracker.domain.records import Records
from credit_tracker.store import tables
from credit_tracker.store.folder import ARTICLES, Spread, Store, one_by_one, shard_of


def article(doi: str, title: str = "A title") -> ArticleRecord:
    return ArticleRecord(
        doi=doi,
        title=title,
        year=2024,
        authors=[
            TeamAuthor(person="ana", printed=PersonName(given="Ana", family="Illés")),
            TeamAuthor(
                person="bo",
                printed=PersonName(given="Bo", family="Zamani"),
                roles=[RoleAssignment(role="methodology")],
            ),
        ],
    )


def same_shard_dois(count: int) -> list[str]:
    """`count` DOIs whose records share one shard."""
    first = shard_of("10.5555/held.0")
    found = [d for d in (f"10.5555/held.{n}" for n in range(40_000)) if shard_of(d) == first]
    return found[:count]


def a_store(root: Path, dois: list[str]) -> Store:
    store = Store(root)
    store.init()
    with store.transaction() as records:
        for doi in dois:
            records.articles[doi] = article(doi)
    return store


def shard_file(store: Store, doi: str) -> Path:
    return store.shard_path(ARTICLES, shard_of(doi))


def in_other_forms(store: Store, dois: list[str]) -> None:
    """Rewrite the shards of the first six of `dois` as other writers (or versions) left
    them."""
    forms: list[Callable[[dict], str]] = [
        lambda data: json.dumps(data, indent=4, ensure_ascii=False),  # not indented by 2
        lambda data: json.dumps(data, sort_keys=True, indent=2).replace("\n", "\r\n") + "\r\n",
        lambda data: json.dumps(_reversed(data), indent=2, ensure_ascii=False) + "\n",
        lambda data: json.dumps(  # an earlier version's counters for keys
            {ARTICLES: {str(n): doc for n, doc in enumerate(data[ARTICLES].values(), 1)}}
        ),
        lambda data: json.dumps({**data, "kept as it is": data[ARTICLES]}),  # another table
        lambda data: json.dumps(data, ensure_ascii=True, separators=(",", ":")),
    ]
    for doi, form in zip(dois, forms, strict=False):
        path = shard_file(store, doi)
        path.write_bytes(form(json.loads(path.read_text(encoding="utf-8"))).encode("utf-8"))


def _reversed(value: object) -> object:
    if isinstance(value, dict):
        return {key: _reversed(value[key]) for key in sorted(value, reverse=True)}
    if isinstance(value, list):
        return [_reversed(item) for item in value]
    return value


def answered(records: Records, dois: list[str]) -> None:
    """Ana's roles recorded on every other paper (the others are left as they were)."""
    for doi in dois[::2]:
        record = records.articles[doi]
        ana = record.authors[0].model_copy(
            update={"roles": [RoleAssignment(role="conceptualization")]}
        )
        records.articles[doi] = record.model_copy(update={"authors": [ana, *record.authors[1:]]})


def save_holding(store: Store, dois: list[str], spread: Spread = one_by_one) -> None:
    with store.locked():
        records = store.load([])
        store.load_articles(records, dois)
        answered(records, dois)
        store.save(records, only=dois, spread=spread)


def save_reading_again(store: Store, dois: list[str]) -> None:
    with store.locked():
        records = store.load(dois)
        answered(records, dois)
        store.save(records, only=dois)


def files_of(root: Path) -> dict[str, bytes]:
    return {
        str(path.relative_to(root)): path.read_bytes()
        for path in sorted(root.rglob("*"))
        if path.is_file() and not path.name.startswith(".lock")
    }


def store_pair(tmp_path: Path) -> tuple[Store, Store, list[str]]:
    """Two copies of one store of 40 articles, six of their shards in other forms."""
    dois = [f"10.5555/held.{n}" for n in range(40)]
    store = a_store(tmp_path / "held", dois)
    in_other_forms(store, dois[::2])  # of papers answered
    shutil.copytree(store.root, tmp_path / "read-again")
    return store, Store(tmp_path / "read-again"), dois


def test_a_save_from_held_bytes_writes_what_a_save_reading_them_again_writes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    held, again, dois = store_pair(tmp_path)
    before = files_of(held.root)
    save_reading_again(again, dois)
    read: list[Path] = []
    real = tables.read_text

    def reading(path: Path) -> str | None:
        read.append(path)
        return real(path)

    monkeypatch.setattr(tables, "read_text", reading)
    save_holding(held, dois)
    assert not [path for path in read if path.parent.name == ARTICLES]  # none read again
    after = files_of(held.root)
    assert after == files_of(again.root)
    # each file in another form was rewritten (canonically), the plain ones answered
    for doi in dois[::2][:6]:
        name = str(shard_file(held, doi).relative_to(held.root))
        assert after[name] != before[name] and after[name + ".bak"] == before[name]
    assert sum(after[name] != before.get(name) for name in after) > 20


def test_held_bytes_are_forgotten_once_the_save_has_written(tmp_path: Path) -> None:
    """Two saves under one lock: the second reads the file the first wrote (held, it would
    write the first article back as it was before the first save)."""
    first, second = same_shard_dois(2)
    store = a_store(tmp_path, [first, second])
    with store.locked():
        records = store.load([])
        store.load_articles(records, [first, second])
        records.articles[first] = article(first, "Changed first")
        store.save(records, only=[first])
        records.articles[second] = article(second, "Changed second")
        store.save(records, only=[second])
    titles = {doi: r.title for doi, r in Store(tmp_path).load().articles.items()}
    assert titles == {first: "Changed first", second: "Changed second"}


def test_bytes_are_held_only_under_the_lock(tmp_path: Path) -> None:
    """Bytes read before the lock, or under a lock since let go, are never written from: another
    writer may have changed the file meanwhile."""
    first, second = same_shard_dois(2)
    store = a_store(tmp_path, [first, second])
    outside = store.load([])
    store.load_articles(outside, [first, second])
    with store.locked():
        earlier = store.load([])
        store.load_articles(earlier, [first, second])
    with Store(tmp_path).transaction() as records:  # another writer
        records.articles[second] = article(second, "Changed by another")
    for records in (outside, earlier):
        with store.locked():
            records.articles[first] = article(first, "Changed here")
            store.save(records, only=[first])
        loaded = Store(tmp_path).load().articles
        assert (loaded[first].title, loaded[second].title) == ("Changed here", "Changed by another")
