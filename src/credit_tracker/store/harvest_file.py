"""The harvest's decisions, kept in `<records>/harvest.json` beside the team file.

One object of decisions keyed by DOI, sorted, written atomically under the records' lock like
every other file of the store; a folder without the file has decided nothing yet.
"""

from __future__ import annotations

from credit_tracker.domain.harvest import HarvestDecisions
from credit_tracker.store.files import atomic_write, dump_json
from credit_tracker.store.folder import Store
from credit_tracker.store.validated import read_model_file

HARVEST_FILE = "harvest.json"


def read_decisions(store: Store) -> HarvestDecisions:
    """Return the decisions kept; StoreError naming the field when the file does not validate."""
    return read_model_file(store.root / HARVEST_FILE, HarvestDecisions) or HarvestDecisions()


def write_decisions(store: Store, decisions: HarvestDecisions) -> None:
    """Keep `decisions`; the caller holds the records' lock. Written only when they changed."""
    path = store.root / HARVEST_FILE
    if decisions == read_decisions(store):
        return
    atomic_write(path, dump_json(decisions.model_dump(mode="json")))
