"""Loading and writing only what an edit touches: team.json and the shards of its articles.

An edit of one article in a store of 10,000 reads and writes that article's shard and team.json,
not the whole store. Finding the articles that name a person reads the article shards' text and
parses only the shards that mention the person's id.
"""

from __future__ import annotations

import contextlib
import json
from collections.abc import Iterable, Iterator

from credit_tracker.domain.records import Records
from credit_tracker.store.folder import ARTICLES, Store, shard_of


@contextlib.contextmanager
def editing(
    store: Store, dois: Iterable[str], naming: Iterable[str] = (), team: bool = True
) -> Iterator[Records]:
    """Lock, load team.json and the shards of `dois`, yield, and write what changed once.

    `naming`: also load every article that has one of these people on the byline (found under
    the lock, so that no article naming them can be missed). `team=False`: the edit changes
    only these articles, so team.json is not written (in a large team it is most of the cost).
    Nothing is written when the block raises: an edit is whole or not at all.
    """
    with store.locked():
        wanted = sorted({*dois, *articles_naming(store, naming)})
        records = store.load(wanted)
        yield records
        store.save(records, only=None if team else wanted)


@contextlib.contextmanager
def removing(store: Store, dois: list[str]) -> Iterator[Records]:
    """Like `editing`, for removing the articles `dois` (all of them, or none when one is wrong).

    The store rewrites the loaded shards that still hold an article or a snapshot; a shard whose
    only article is removed (and that has no snapshots) is rewritten only by a save of the whole
    store, so that case loads the whole store. (Store.save could rewrite every loaded shard.)
    """
    with store.locked():
        records = store.load(dois)
        left = {doi for doi in records.articles if doi not in dois} | set(records.snapshots)
        if any(shard_of(doi) not in {shard_of(other) for other in left} for doi in dois):
            records = store.load()
        yield records
        store.save(records)


def articles_naming(store: Store, person_ids: Iterable[str]) -> list[str]:
    """Return the DOIs of the articles that have any of these people on the byline, sorted.

    Each article shard's text is searched for the ids as JSON strings (the form any JSON writer
    gives them); only the shards that mention one are parsed and checked author by author.
    """
    ids = set(person_ids)
    if not ids:
        return []
    needles = {form.encode("utf-8") for pid in ids for form in _json_forms(pid)}
    found = []
    for shard in store.shards():
        try:
            data = store.shard_path(ARTICLES, shard).read_bytes()
        except FileNotFoundError:
            continue
        if not any(needle in data for needle in needles):
            continue
        articles, _snapshots = store.read_shard(shard)
        found += [
            doi
            for doi, record in articles.items()
            if any(author.person in ids for author in record.authors)
        ]
    return sorted(found)


def _json_forms(text: str) -> set[str]:
    return {json.dumps(text, ensure_ascii=True), json.dumps(text, ensure_ascii=False)}
