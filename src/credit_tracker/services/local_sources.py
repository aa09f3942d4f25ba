"""Sources read from a local file for one article: the publisher's JATS XML (for publishers with
no API) and the printed contribution statement (from a PDF, an HTML page or a text file)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from credit_tracker.check.run import select_dois
from credit_tracker.domain.models import SourceAuthor, SourceSnapshot
from credit_tracker.parse.documents import read_document
from credit_tracker.services.snapshots import (
    local_jats_snapshot,
    now_utc,
    record_snapshot,
    statement_snapshot,
)
from credit_tracker.store.folder import Store


def store_jats_file(store: Store, doi: str, path: Path) -> str:
    """Store the file's JATS as the article's `jats` snapshot; return the DOI as normalised.
    InputError for a DOI not in the records or a file that is not JATS about this DOI."""
    with store.transaction() as records:
        key = select_dois(records, [doi])[0]
        record_snapshot(records, local_jats_snapshot(key, str(path), path.read_bytes(), now_utc()))
    return key


@dataclass(frozen=True)
class StoredStatement:
    """A statement read and stored: the article, what kind of document it was read from, and
    the snapshot (its authors and the notes on how it was read)."""

    doi: str
    kind: str
    snapshot: SourceSnapshot


def store_statement_file(store: Store, doi: str, path: Path) -> StoredStatement:
    """Read the document's contribution statement and store it as the `statement` source.

    Initials and positions are resolved against the newest usable JATS or Crossref byline,
    else the team's record. InputError when the document holds no statement that names anyone.
    """
    kind, text = read_document(path)
    with store.transaction() as records:
        key = select_dois(records, [doi])[0]
        team = [
            SourceAuthor(position=n, raw=a.printed.display(), name=a.printed)
            for n, a in enumerate(records.articles[key].authors, start=1)
        ]
        shot = statement_snapshot(
            key, str(path), kind, text, records.snapshots.get(key, []), team, now_utc()
        )
        record_snapshot(records, shot)
    return StoredStatement(doi=key, kind=kind, snapshot=shot)
