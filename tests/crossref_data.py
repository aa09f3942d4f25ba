"""Read the Crossref work messages out of the recorded cassettes (for tests)."""

from __future__ import annotations

import json
from typing import Any

from credit_tracker.standin import load_cassette
from tests.conftest import FIXTURES


def works_in(cassette: str) -> dict[str, dict[str, Any]]:
    """Return {doi: work message} for every work recorded in a cassette."""
    out: dict[str, dict[str, Any]] = {}
    for _url, recording in load_cassette(FIXTURES / cassette):
        if recording.status != 200 or not recording.body.lstrip().startswith(b"{"):
            continue
        data = json.loads(recording.body)
        message = data["message"]
        items = message.get("items") if data.get("message-type") == "work-list" else [message]
        for item in items or []:
            if "DOI" in item:
                out[item["DOI"].lower()] = item
    return out
