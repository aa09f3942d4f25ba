"""The office's own setting, who signs correction requests, kept in `<records>/office.json`.

Configuration of the records beside the team file, written atomically under the records' lock
like every other file of the store.
"""

from __future__ import annotations

from credit_tracker.domain.drafts import Sender
from credit_tracker.store.files import atomic_write, dump_json
from credit_tracker.store.folder import Store
from credit_tracker.store.validated import read_model_file

OFFICE_FILE = "office.json"


def read_office(store: Store) -> Sender | None:
    """Return the configured sender, or None; StoreError when the file does not validate."""
    return read_model_file(store.root / OFFICE_FILE, Sender)


def write_office(store: Store, sender: Sender) -> None:
    """Keep `sender` as the office's sender; refuses a folder that holds no records."""
    store.load_team()
    with store.locked():
        atomic_write(store.root / OFFICE_FILE, dump_json(sender.model_dump(exclude_none=True)))
