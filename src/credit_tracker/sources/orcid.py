"""ORCID's public API: a person's names, their works, a work's contributors with their roles."""

from __future__ import annotations

from typing import Any

from credit_tracker.domain.errors import TransportFailure
from credit_tracker.domain.json_depth import loads
from credit_tracker.domain.models import SourceAuthor
from credit_tracker.parse.orcid import (
    OrcidNames,
    OrcidWork,
    parse_contributors,
    parse_person,
    parse_works,
)
from credit_tracker.sources.transport import PoliteClient

DEFAULT_URL = "https://pub.orcid.org/v3.0"
JSON = {"Accept": "application/json"}


class OrcidClient:
    """GETs from ORCID's public API (or a stand-in) with the shared politeness and retries."""

    def __init__(self, client: PoliteClient, base_url: str = DEFAULT_URL) -> None:
        self.client = client
        self.base_url = base_url.rstrip("/")

    def _get(self, path: str) -> dict[str, Any] | None:
        answer = self.client.get(f"{self.base_url}/{path}", kind="orcid", headers=JSON)
        if answer.status == 404:
            return None
        if answer.status != 200:
            raise TransportFailure(answer.url, f"HTTP {answer.status}", answer.status)
        try:
            return loads(answer.body)
        except ValueError:
            self.client.fail(answer.url)
            raise TransportFailure(answer.url, "the ORCID answer was not JSON") from None

    def person(self, orcid: str) -> OrcidNames | None:
        data = self._get(f"{orcid}/person")
        return None if data is None else parse_person(data)

    def works(self, orcid: str) -> list[OrcidWork]:
        data = self._get(f"{orcid}/works")
        return [] if data is None else parse_works(data)

    def contributors(self, orcid: str, put_code: int) -> tuple[str, list[SourceAuthor]] | None:
        data = self._get(f"{orcid}/work/{put_code}")
        return (
            None
            if data is None
            else (f"{self.base_url}/{orcid}/work/{put_code}", parse_contributors(data))
        )
