"""The harvest's decisions, kept in `<records>/harvest.json` beside the team file.

One object of decisions keyed by DOI, sorted, written atomically under the records' lock like
every other file of the store; a folder without the file has decided nothing yet.
"""

from __future__ import annotations

from pydantic import ValidationError

from credit_tracker.domain.errors import StoreError
from credit_tracker.domain.harvest import HarvestDecisions
from credit_tracker.store.files import atomic_write, dump_json, read_json_file
from credit_tracker.store.folder import Store

HARVEST_FILE = "harvest.json"


def read_decisions(store: Store) -> HarvestDecisions:
    """Return the decisions kept; StoreError naming the field when the file does not validate."""
    path = store.root / HARVEST_FILE
    data = read_json_file(path)
    if not data:
        return HarvestDecisions()
    try:
        return HarvestDecisions.model_validate(data)
    except ValidationError as exc:
        first = exc.errors()[0]
        field = ".".join(str(part) for part in first["loc"])
        raise StoreError(f"{path}: field {field}: {first['msg']}") from exc


def write_decisions(store: Store, decisions: HarvestDecisions) -> None:
    """Keep `decisions`; the caller holds the records' lock. Written only when they changed."""
    path = store.root / HARVEST_FILE
    if decisions == read_decisions(store):
        return
    atomic_write(path, dump_json(decisions.model_dump(mode="json")))
