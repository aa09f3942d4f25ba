"""Crossref: batched list queries for many DOIs, single lookups for the rest, parsed into sources.

habanero composes the query (its filter syntax), but does not send it: habanero 2.x sends through
a module-level httpx2.get that exposes no response headers (so the announced rate limits and
Retry-After cannot be read), retries nothing, and `works(ids=[...])` sends one request per DOI
and aborts on the first error. The requests are sent by transport.PoliteClient instead.
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote

from collections.abc import Iterator

import habanero
from habanero.filterhandler import filter_handler

from credit_tracker.credit import try_resolve_role
from credit_tracker.errors import InputError
from credit_tracker.identifiers import normalize_doi, normalize_orcid
from credit_tracker.models import Notice, SourceAuthor, SourceRole
from credit_tracker.names import PersonName, clean, split_particle
from credit_tracker.transport import PoliteClient, RunStopped, TransportFailure

DEFAULT_URL = "https://api.crossref.org"
BATCH_SIZE = 50
NOTICE_TYPES = {"correction", "retraction", "new_version", "erratum", "expression_of_concern", "withdrawal", "removal"}


@dataclass(frozen=True)
class WorkResult:
    """What Crossref said about one DOI: a record, 'not found', or a failure with its reason."""

    doi: str
    state: str  # "ok" | "not-found" | "failed"
    url: str
    message: dict[str, Any] | None = None
    reason: str | None = None


def habanero_version() -> str:
    return habanero.__version__


def doi_filter(dois: list[str]) -> str:
    """Return the list-query filter for these DOIs, in habanero's syntax."""
    return filter_handler({"doi": dois})


class CrossrefClient:
    """Fetches works from the Crossref REST API (or a stand-in at another base URL)."""

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
        self._headers = {"Crossref-Plus-API-Token": f"Bearer {token}"} if token else None
        self.batch_size = batch_size

    def fetch_batch(self, dois: list[str]) -> list[WorkResult]:
        """Return a result for every DOI of one batch; RunStopped propagates."""
        listable = [doi for doi in dois if "," not in doi]  # a comma would split the filter
        found: dict[str, WorkResult] = {}
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
                results.append(WorkResult(doi, "failed", self._list_url(), reason=failed_reason))
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

    def _list_query(self, dois: list[str]) -> dict[str, WorkResult]:
        params = self._params({"filter": doi_filter(dois), "rows": str(len(dois))})
        answer = self.client.get(self._list_url(), kind="list", params=params, headers=self._headers)
        if answer.status != 200:
            self.client.fail()
            raise TransportFailure(answer.url, _status_reason(answer.status, answer.body), answer.status)
        try:
            items = _json_message(answer.body, answer.content_type)["items"]
        except (KeyError, TypeError, ValueError) as exc:
            self.client.fail()
            raise TransportFailure(answer.url, f"the list answer was not Crossref JSON ({exc})") from None
        wanted = set(dois)
        results = {}
        for item in items:
            doi = _item_doi(item)
            if doi in wanted:
                results[doi] = WorkResult(doi, "ok", self.work_url(doi), message=item)
        return results

    def works_by_orcid(self, orcids: list[str], since: str | None = None, rows: int = 100, max_pages: int = 1000) -> Iterator[list[dict[str, Any]]]:
        """Yield pages of the works that carry any of these ORCID iDs, following Crossref's cursor.

        Repeating a filter name ORs its values, so one query serves many people. Raises
        TransportFailure when a page cannot be had (the caller reports it; nothing is half-listed).
        """
        filters: dict[str, Any] = {"orcid": orcids}
        if since:
            filters["from_index_date"] = since
        cursor = "*"
        for _page in range(max_pages):
            params = self._params({"filter": filter_handler(filters), "rows": str(rows), "cursor": cursor})
            answer = self.client.get(self._list_url(), kind="list", params=params, headers=self._headers)
            if answer.status != 200:
                self.client.fail()
                raise TransportFailure(answer.url, _status_reason(answer.status, answer.body), answer.status)
            try:
                message = _json_message(answer.body, answer.content_type)
                items, cursor = message["items"], message.get("next-cursor")
            except (KeyError, TypeError, ValueError) as exc:
                self.client.fail()
                raise TransportFailure(answer.url, f"the list answer was not Crossref JSON ({exc})") from None
            if items:
                yield items
            if not items or not cursor or len(items) < rows:
                return

    def work_url(self, doi: str) -> str:
        return f"{self.base_url}/works/{quote(doi, safe='/')}"

    def fetch_single(self, doi: str) -> WorkResult:
        """Return the result of /works/{doi}; failures are results, RunStopped propagates."""
        url = self.work_url(doi)
        try:
            answer = self.client.get(url, kind="single", params=self._params({}), headers=self._headers)
        except TransportFailure as exc:
            return WorkResult(doi, "failed", url, reason=exc.reason)
        if answer.status == 404:
            return WorkResult(doi, "not-found", url, reason="Crossref has no record of this DOI (HTTP 404)")
        if answer.status != 200:
            self.client.fail()
            return WorkResult(doi, "failed", url, reason=_status_reason(answer.status, answer.body))
        try:
            message = _json_message(answer.body, answer.content_type)
        except ValueError as exc:
            self.client.fail()
            return WorkResult(doi, "failed", url, reason=str(exc))
        if _item_doi(message) != doi:
            self.client.fail()
            return WorkResult(doi, "failed", url, reason=f"the answer was about another DOI ({message.get('DOI')})")
        return WorkResult(doi, "ok", url, message=message)


def _json_message(body: bytes, content_type: str) -> Any:
    try:
        data = json.loads(body)
    except (ValueError, UnicodeDecodeError):
        kind = "an HTML page" if body.lstrip()[:1] == b"<" else "not JSON"
        raise ValueError(f"the answer was {kind} ({content_type or 'no content type'})") from None
    if not isinstance(data, dict) or "message" not in data:
        raise ValueError("the answer was JSON but not a Crossref message")
    return data["message"]


def _status_reason(status: int, body: bytes) -> str:
    text = body[:200].decode("utf-8", "replace").strip()
    try:
        detail = json.loads(body).get("message")
        if isinstance(detail, list) and detail:
            text = detail[0].get("message", text)
    except (ValueError, AttributeError):
        pass
    return f"HTTP {status}: {clean(str(text))[:160]}"


def _item_doi(item: dict[str, Any]) -> str | None:
    try:
        return normalize_doi(str(item.get("DOI", "")))
    except InputError:
        return None


# ---- parsing (pure) -------------------------------------------------------------------------


@dataclass
class ParsedWork:
    """The parts of a Crossref work that credit-tracker compares."""

    title: str | None
    journal: str | None
    authors: list[SourceAuthor]
    notices: list[Notice]
    deposited: str | None
    indexed: str | None
    is_notice: bool
    problems: list[str]


def content_hash(message: dict[str, Any]) -> str:
    """Return a hash of a record that ignores Crossref's bookkeeping (indexed, score)."""
    stable = {key: value for key, value in message.items() if key not in {"indexed", "score", "is-referenced-by-count"}}
    text = json.dumps(stable, sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def parse_work(message: dict[str, Any]) -> ParsedWork:
    """Parse one Crossref work message."""
    problems: list[str] = []
    authors = [_author(entry, position, problems) for position, entry in enumerate(message.get("author", []), start=1)]
    _settle_roles(authors)
    title = clean(" ".join(message.get("title") or [])) or None
    journal = clean(" ".join(message.get("container-title") or [])) or None
    return ParsedWork(
        title=title,
        journal=journal,
        authors=authors,
        notices=_notices(message),
        deposited=(message.get("deposited") or {}).get("date-time"),
        indexed=(message.get("indexed") or {}).get("date-time"),
        is_notice=is_notice(message),
        problems=problems,
    )


def _author(entry: dict[str, Any], position: int, problems: list[str]) -> SourceAuthor:
    orcid = None
    if entry.get("ORCID"):
        try:
            orcid = normalize_orcid(entry["ORCID"])
        except InputError as exc:
            problems.append(f"author {position}: ORCID ignored: {exc.reason}")
    authenticated = entry.get("authenticated-orcid") if orcid else None
    roles = _roles(entry)
    if "family" not in entry and entry.get("name"):
        return SourceAuthor(position=position, raw=entry["name"], organisation=True, roles=roles)
    given, family = entry.get("given", ""), entry.get("family", "")
    particle, core = split_particle(family)
    name = PersonName(given=clean(given), family=core, particle=particle, suffix=clean(entry.get("suffix", "")))
    raw = " ".join(part for part in (given, family, entry.get("suffix", "")) if part)
    return SourceAuthor(
        position=position, raw=raw, name=name, orcid=orcid,
        orcid_authenticated=authenticated, roles=roles,
    )  # fmt: skip


def _roles(entry: dict[str, Any]) -> list[SourceRole]:
    """Schema 5.5 `role` entries with vocabulary 'credit' (vocabulary 'crossref' is 'author')."""
    roles = []
    for item in entry.get("role") or []:
        if not isinstance(item, dict) or str(item.get("vocabulary", "")).lower() != "credit":
            continue
        text = str(item.get("role", ""))
        role = try_resolve_role(text)
        roles.append(SourceRole(role=role.slug if role else None, label=text, origin="crossref role"))
    return roles


def _settle_roles(authors: list[SourceAuthor]) -> None:
    has_any = any(author.roles for author in authors)
    for author in authors:
        author.roles = (author.roles or []) if has_any else None


def _notices(message: dict[str, Any]) -> list[Notice]:
    notices = []
    for entry in message.get("updated-by") or []:
        kind = str(entry.get("type", ""))
        try:
            doi = normalize_doi(str(entry.get("DOI", "")))
        except InputError:
            continue
        if kind in NOTICE_TYPES and doi != _item_doi(message):
            notices.append(Notice(doi=doi, kind=kind, label=entry.get("label"), date=_date(entry.get("updated")), how="updated-by"))
    return notices


def _date(value: Any) -> str | None:
    if isinstance(value, dict) and value.get("date-parts"):
        parts = value["date-parts"][0]
        return "-".join(f"{int(part):02d}" for part in parts if part is not None) or None
    return None


def is_notice(message: dict[str, Any]) -> bool:
    """Return True for a correction, retraction or new-version notice rather than an article.

    Most notices say so in `update-to`; some (the real PeerJ correction-1) only in the title.
    """
    own = _item_doi(message)
    for update in message.get("update-to") or []:
        # PLOS records carry a 'new_version' update-to pointing at themselves: not a notice
        if str(update.get("type", "")) in NOTICE_TYPES and _item_doi(update) != own:
            return True
    title = clean(" ".join(message.get("title") or [])).casefold()
    return title.startswith(("correction:", "correction to", "erratum", "retraction:", "retraction note", "corrigendum"))


_NOTICE_SUFFIX = re.compile(r"^(?P<article>.+)/(?:correction|retraction|erratum|expression-of-concern)-\d+$")


def notice_target(message: dict[str, Any]) -> str:
    """Return the DOI a notice is about: its update-to link, else a '<article>/correction-1' DOI's stem."""
    own = _item_doi(message)
    for update in message.get("update-to") or []:
        target = _item_doi(update)
        if target and target != own:
            return target
    match = _NOTICE_SUFFIX.match(own or "")
    return match.group("article") if match else ""


__all__ = ["CrossrefClient", "RunStopped", "WorkResult", "content_hash", "doi_filter", "notice_target", "parse_work"]
