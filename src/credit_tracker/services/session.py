"""Loading and writing only what an edit touches: team.json and the shards of its articles.

An edit of one article in a store of 10,000 reads and writes that article's shard and team.json,
not the whole store. Finding the articles that name a person reads the article shards' text and
parses only the shards that mention the person's id.
"""

from __future__ import annotations

import contextlib
import json
from collections.abc import Callable, Iterable, Iterator, Sequence

from credit_tracker.domain.records import Records
from credit_tracker.services.forked import forked_map
from credit_tracker.store.files import Change, paused_gc
from credit_tracker.store.folder import ARTICLES, ShardWork, Store
from credit_tracker.store.validated import read_store_bytes

SAVED_APART_FROM = 512
"""Changed shards from which a save works out their new text on every core (forked workers:
each shard stands alone, and reading, comparing and writing out its JSON is pure computing);
below it, starting the processes costs more than it saves."""


@contextlib.contextmanager
def editing(
    store: Store,
    dois: Iterable[str],
    naming: Iterable[str] | Callable[[Records], Iterable[str]] = (),
    team: bool = True,
) -> Iterator[Records]:
    """Lock, load team.json and the shards of `dois`, yield, and write what changed once.

    `naming`: also load every article that has one of these people on the byline (found under
    the lock, so that no article naming them can be missed); a function is given the records
    as loaded so far (team.json) and returns their ids, so that the team is read once.
    `team=False`: the edit changes only these articles, so team.json is not written (in a
    large team it is most of the cost). Nothing is written when the block raises: an edit is
    whole or not at all. The shards loaded are written whole, so an article removed from
    `records` leaves its shard (and a shard left with no article is removed). The cyclic
    garbage collector is held off meanwhile: an edit builds tens of thousands of objects that
    live until it ends (a team's people and their name tables), and each collection would
    only scan them all again.
    """
    with store.locked(), paused_gc():
        records = store.load([])
        ids = naming(records) if callable(naming) else naming
        wanted = sorted({*dois, *articles_naming(store, ids)})
        store.load_shards(records, wanted)
        yield records
        store.save(records, only=None if team else wanted)


@contextlib.contextmanager
def editing_articles(store: Store, dois: Iterable[str]) -> Iterator[Records]:
    """Lock, load team.json and the article records of `dois` (their snapshots are not read),
    yield, and write the changed article shards once; nothing when the block raises.

    For edits that read and change only the team's records (answers to confirmation sheets):
    at a thousand articles, the snapshot shards would be most of what is read. The save uses
    the shards' bytes read here, and works out the new text of many shards on every core.
    """
    wanted = sorted(set(dois))
    with store.locked(), paused_gc():
        records = store.load([])
        store.load_articles(records, wanted)
        yield records
        store.save(records, only=wanted, spread=on_every_core)


def on_every_core(work: ShardWork, shards: Sequence[str]) -> list[list[Change]]:
    """The shards of a save worked out on forked workers, from SAVED_APART_FROM of them."""
    return forked_map(work, shards, parallel_from=SAVED_APART_FROM)


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
        data = read_store_bytes(str(store.shard_path(ARTICLES, shard)))
        if data is None or not any(needle in data for needle in needles):
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
