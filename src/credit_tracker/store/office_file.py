"""The office's own setting, who signs correction requests, kept in `<records>/office.json`.

Configuration of the records beside the team file, written atomically under the records' lock
like every other file of the store.
"""

from __future__ import annotations

from pydantic import ValidationError

from credit_tracker.domain.drafts import Sender
from credit_tracker.domain.errors import StoreError
from credit_tracker.store.files import atomic_write, dump_json, read_json_file
from credit_tracker.store.folder import Store

OFFICE_FILE = "office.json"


def read_office(store: Store) -> Sender | None:
    """Return the configured sender, or None; StoreError when the file does not validate."""
    path = store.root / OFFICE_FILE
    data = read_json_file(path)
    if not data:
        return None
    try:
        return Sender.model_validate(data)
    except ValidationError as exc:
        first = exc.errors()[0]
        field = ".".join(str(part) for part in first["loc"])
        raise StoreError(f"{path}: field {field}: {first['msg']}") from exc


def write_office(store: Store, sender: Sender) -> None:
    """Keep `sender` as the office's sender; refuses a folder that holds no records."""
    store.load_team()
    with store.locked():
        atomic_write(store.root / OFFICE_FILE, dump_json(sender.model_dump(exclude_none=True)))
