"""Crossref: batched list queries for many DOIs, single lookups for the rest.

habanero composes the query (its filter syntax), but does not send it: habanero 2.x sends through
a module-level httpx2.get that exposes no response headers (so the announced rate limits and
Retry-After cannot be read), retries nothing, and `works(ids=[...])` sends one request per DOI
and aborts on the first error. The requests are sent by transport.PoliteClient instead.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any
from urllib.parse import quote

import habanero
from habanero.filterhandler import filter_handler

from credit_tracker.domain.errors import TransportFailure
from credit_tracker.domain.json_depth import loads
from credit_tracker.domain.names import clean
from credit_tracker.domain.text import redact, visible
from credit_tracker.parse.crossref import (
    MalformedWork,
    ParsedWork,
    Unreadable,
    item_doi,
    parse_work,
    read_item,
)
from credit_tracker.sources.health import Service
from credit_tracker.sources.results import CouldNotFetch, Fetched, FetchResult, NotFound
from credit_tracker.sources.transport import PoliteClient

DEFAULT_URL = "https://api.crossref.org"
BATCH_SIZE = 50
# Crossref's two kinds of request, each with its own announced rate: list queries (many DOIs at
# once, the harvest) and single works.
LIST, SINGLE = "list", "single"
CROSSREF = Service("Crossref", (LIST, SINGLE))


CrossrefResult = FetchResult[ParsedWork]
"""What Crossref said about one DOI: the work as read, not found, or why it could not be had."""


def habanero_version() -> str:
    return habanero.__version__


def doi_filter(dois: list[str]) -> str:
    """Return the list-query filter for these DOIs, in habanero's syntax."""
    return filter_handler({"doi": dois})


class CrossrefClient:
    """Fetches works from the Crossref REST API (or a stand-in at another base URL)."""

    service = CROSSREF

    def __init__(
        self,
        client: PoliteClient,
        base_url: str = DEFAULT_URL,
        mailto: str | None = None,
        token: str | None = None,
        batch_size: int = BATCH_SIZE,
    ) -> None:
        self.client = client
        self.base_url = base_url.rstrip("/")
        self.mailto = mailto
        self._token = token
        self._headers = {"Crossref-Plus-API-Token": f"Bearer {token}"} if token else None
        self.batch_size = batch_size

    def fetch_batch(self, dois: list[str]) -> list[CrossrefResult]:
        """Return a result for every DOI of one batch; RunStopped propagates."""
        listable = [doi for doi in dois if "," not in doi]  # a comma would split the filter
        found: dict[str, CrossrefResult] = {}
        failed_reason: str | None = None
        if listable:
            try:
                found = self._list_query(listable)
            except TransportFailure as exc:
                failed_reason = exc.reason
        results = []
        for doi in dois:
            if doi in found:
                results.append(found[doi])
            elif failed_reason is not None and doi in listable:
                results.append(CouldNotFetch(doi, self._list_url(), failed_reason))
            else:
                results.append(self.fetch_single(doi))
        return results

    def _list_url(self) -> str:
        return f"{self.base_url}/works"

    def _params(self, extra: dict[str, str]) -> dict[str, str]:
        params = dict(extra)
        if self.mailto:
            params["mailto"] = self.mailto
        return params

    def _list_query(self, dois: list[str]) -> dict[str, CrossrefResult]:
        params = self._params({"filter": doi_filter(dois), "rows": str(len(dois))})
        answer = self.client.get(self._list_url(), kind=LIST, params=params, headers=self._headers)
        if answer.status != 200:
            self.client.fail(self._list_url())
            raise TransportFailure(
                answer.url, self._status_reason(answer.status, answer.body), answer.status
            )
        try:
            items = _json_message(answer.body, answer.content_type)["items"]
        except (KeyError, TypeError, ValueError) as exc:
            self.client.fail(self._list_url())
            raise TransportFailure(
                answer.url, f"the list answer was not Crossref JSON ({exc})"
            ) from None
        wanted = set(dois)
        results = {}
        for item in items if isinstance(items, list) else []:
            # an item that is not even an object names no DOI: its DOI is asked for singly
            doi = item_doi(item) if isinstance(item, dict) else None
            if doi in wanted:
                results[doi] = self._checked(doi, self.work_url(doi), item)
        return results

    def _checked(self, doi: str, url: str, item: dict[str, Any]) -> CrossrefResult:
        """The item read once; one that breaks Crossref's schema is this DOI's failure, not the
        batch's."""
        try:
            work = parse_work(item)
        except MalformedWork as exc:
            return CouldNotFetch(doi, url, self._redact(exc.reason))
        return Fetched(doi, url, work)

    def _redact(self, text: str) -> str:
        return redact(text, [self._token] if self._token else [])

    def _status_reason(self, status: int, body: bytes) -> str:
        return _status_reason(status, body, self._redact)

    def works_by_orcid(
        self, orcids: list[str], since: str | None = None, rows: int = 100, max_pages: int = 1000
    ) -> Iterator[list[ParsedWork | Unreadable]]:
        """Yield pages of the works that carry any of these ORCID iDs, following Crossref's cursor,
        each work read (an item that breaks the schema comes as Unreadable).

        Repeating a filter name ORs its values, so one query serves many people. Raises
        TransportFailure when a page cannot be had (the caller reports it; nothing is half-listed).
        """
        filters: dict[str, Any] = {"orcid": orcids}
        if since:
            filters["from_index_date"] = since
        cursor = "*"
        for _page in range(max_pages):
            params = self._params(
                {"filter": filter_handler(filters), "rows": str(rows), "cursor": cursor}
            )
            answer = self.client.get(
                self._list_url(), kind=LIST, params=params, headers=self._headers
            )
            if answer.status != 200:
                self.client.fail(self._list_url())
                raise TransportFailure(
                    answer.url,
                    self._status_reason(answer.status, answer.body),
                    answer.status,
                )
            try:
                message = _json_message(answer.body, answer.content_type)
                items, cursor = message["items"], message.get("next-cursor")
            except (KeyError, TypeError, ValueError) as exc:
                self.client.fail(self._list_url())
                raise TransportFailure(
                    answer.url, f"the list answer was not Crossref JSON ({exc})"
                ) from None
            if items:
                yield [read_item(item) for item in items]
            if not items or not cursor or len(items) < rows:
                return

    def work_url(self, doi: str) -> str:
        return f"{self.base_url}/works/{quote(doi, safe='/')}"

    def fetch_single(self, doi: str) -> CrossrefResult:
        """Return the result of /works/{doi}; failures are results, RunStopped propagates."""
        url = self.work_url(doi)
        try:
            answer = self.client.get(
                url, kind=SINGLE, params=self._params({}), headers=self._headers
            )
        except TransportFailure as exc:
            return CouldNotFetch(doi, url, exc.reason)
        if answer.status == 404:
            return NotFound(doi, url, "Crossref has no record of this DOI (HTTP 404)")
        if answer.status != 200:
            self.client.fail(url)
            return CouldNotFetch(doi, url, self._status_reason(answer.status, answer.body))
        try:
            message = _json_message(answer.body, answer.content_type)
        except ValueError as exc:
            self.client.fail(url)
            return CouldNotFetch(doi, url, str(exc))
        if not isinstance(message, dict) or item_doi(message) != doi:
            self.client.fail(url)
            return CouldNotFetch(
                doi, url, self._redact(f"the answer was about another DOI ({_doi_of(message)})")
            )
        return self._checked(doi, url, message)


def _json_message(body: bytes, content_type: str) -> Any:
    try:
        data = loads(body)
    except (ValueError, UnicodeDecodeError):
        kind = "an HTML page" if body.lstrip()[:1] == b"<" else "not JSON"
        raise ValueError(f"the answer was {kind} ({content_type or 'no content type'})") from None
    if not isinstance(data, dict) or "message" not in data:
        raise ValueError("the answer was JSON but not a Crossref message")
    return data["message"]


def _doi_of(message: Any) -> str:
    """The DOI an answer names, for a message: one line, hidden characters as escapes (a
    newline then `::error::` would be a workflow command in a CI log), and short."""
    if not isinstance(message, dict):
        return "no DOI"
    return visible(str(message.get("DOI"))[:200])


def _status_reason(status: int, body: bytes, redact_text: Callable[[str], str]) -> str:
    """'HTTP 400: <the server's message>', redacted before it is cut short (a secret cut in half
    would no longer be recognised)."""
    text = body[:4096].decode("utf-8", "replace").strip()
    try:
        detail = loads(body).get("message")
        if isinstance(detail, list) and detail:
            text = detail[0].get("message", text)
    except (ValueError, AttributeError, UnicodeDecodeError):
        pass
    return f"HTTP {status}: {visible(redact_text(clean(str(text))))[:160]}"
