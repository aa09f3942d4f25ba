"""Correction requests: drafted from open findings by pure code, tracked through their life.

Each kind of error takes a different path at publishers: a metadata or typo fix (names, ORCID iDs,
the byline); a change to the contributions (roles: every author must confirm); a confidential name
change (the former name is never printed and no notice is asked for).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from credit_tracker.domain.credit import BY_SLUG
from credit_tracker.domain.errors import InputError, NotFoundError
from credit_tracker.domain.findings import Finding
from credit_tracker.domain.models import (
    ArticleRecord,
    CorrectionRequest,
    Person,
    Publisher,
    RequestState,
    SourceKind,
    SourceSnapshot,
    StateChange,
)
from credit_tracker.domain.names import PersonName
from credit_tracker.rules.compare import WITHHELD, latest_by_source, visible
from credit_tracker.rules.matching import source_name

METADATA, CONTRIBUTIONS, CONFIDENTIAL = "metadata", "contributions", "confidential-name-change"
KIND_TITLES = {
    METADATA: "Metadata or typo correction",
    CONTRIBUTIONS: "Change to the author contributions (CRediT roles)",
    CONFIDENTIAL: "Confidential name change",
}
_NAME_RULES = {"name-diacritics", "name-initials", "name-split", "name-spelling"}
_ROLE_RULES = {"role-missing", "role-extra", "degree-mismatch", "roles-not-deposited"}
_METADATA_RULES = _NAME_RULES | {
    "orcid-missing",
    "orcid-mismatch",
    "author-missing",
    "author-extra",
    "author-order",
}
SOURCE_WORDS = {
    "crossref": "the Crossref record",
    "jats": "the online article",
    "statement": "the Author Contributions statement",
    "orcid": "the author's ORCID record",
}
STALE_AFTER_DAYS = 60

# PLOS's corrections route, the worked example (policy page:
# https://journals.plos.org/plosone/s/corrections-expressions-of-concern-and-retractions).
PLOS = Publisher(
    id="plos",
    name="PLOS",
    doi_prefixes=["10.1371"],
    email="plosone@plos.org",
    route=(
        "Email the journal directly with the article citation and DOI, a description of the "
        "error, the proposed correction text and supporting files (PLOS corrections policy)."
    ),
    journals={"PLOS ONE": "plosone@plos.org", "PLOS Biology": "plosbiology@plos.org"},
)


@dataclass
class ErrorItem:
    """One error in a draft: what was published against what is correct, field by field."""

    finding: Finding
    headline: str
    kind: str
    rows: list[tuple[str, str, str]]
    """(field, published, correct)."""
    evidence: str


@dataclass
class Draft:
    """A correction request ready to be rendered as text, Markdown or e-mail."""

    doi: str
    title: str
    journal: str
    to: str | None
    route: str
    kinds: list[str]
    items: list[ErrorItem]
    authors_to_confirm: list[str] = field(default_factory=list)
    team_record: str = ""

    @property
    def subject(self) -> str:
        return f"Correction request: {self.title} (doi:{self.doi})"


def request_kind(finding: Finding) -> str | None:
    """Return the request type a finding belongs to, or None when it needs no request."""
    if finding.rule == "name-former":
        return CONFIDENTIAL
    if finding.rule in _ROLE_RULES:
        return CONTRIBUTIONS
    if finding.rule in _METADATA_RULES:
        return METADATA
    return None


def publisher_for(record: ArticleRecord, publishers: dict[str, Publisher]) -> Publisher | None:
    """Return the configured publisher by the DOI's prefix, else by the journal's name."""
    prefix = record.doi.split("/", 1)[0]
    by_prefix = next((p for p in publishers.values() if prefix in p.doi_prefixes), None)
    return by_prefix or next(
        (p for p in publishers.values() if record.journal and record.journal in p.journals), None
    )


def build_draft(
    record: ArticleRecord,
    people: dict[str, Person],
    findings: list[Finding],
    history: list[SourceSnapshot],
    publisher: Publisher | None,
    person: str | None = None,
) -> Draft:
    """Build the request for one article from its open findings (those about `person` if given)."""
    chosen = [
        f
        for f in findings
        if request_kind(f) and (person is None or (f.author and f.author.person == person))
    ]
    if not chosen:
        whom = f" about {person}" if person else ""
        raise NotFoundError(
            f"{record.doi} has no open finding{whom} that a correction could fix; run "
            "'credit-tracker check'"
        )
    newest = latest_by_source(history)
    items = [_item(f, record, people, newest) for f in chosen]
    kinds = sorted({item.kind for item in items}, key=list(KIND_TITLES).index)
    journal = record.journal or next((s.journal for s in newest.values() if s.journal), "") or ""
    to = (publisher.journals.get(journal) or publisher.email) if publisher else None
    draft = Draft(
        doi=record.doi,
        title=record.title or next((s.title for s in newest.values() if s.title), "") or record.doi,
        journal=journal,
        to=to,
        route=publisher.route if publisher else "",
        kinds=kinds,
        items=items,
        team_record=_team_record_line(record),
    )
    if CONTRIBUTIONS in kinds:
        draft.authors_to_confirm = [a.printed.display() for a in record.authors]
    return draft


def _team_record_line(record: ArticleRecord) -> str:
    return f"the team's record of {record.doi} ({len(record.authors)} authors, credit-tracker)"


def _item(
    finding: Finding,
    record: ArticleRecord,
    people: dict[str, Person],
    newest: dict[SourceKind, SourceSnapshot],
) -> ErrorItem:
    kind = request_kind(finding) or METADATA
    source = (
        newest.get(SourceKind(finding.source))
        if finding.source in {k.value for k in SourceKind}
        else None
    )
    evidence = _evidence(finding, source)
    if kind == CONFIDENTIAL:
        rows = [
            ("name", "a former name of this author (not repeated here)", finding.expected or "")
        ]
    elif kind == CONTRIBUTIONS:
        rows = _role_rows(finding)
    elif finding.rule in _NAME_RULES and finding.author is not None:
        rows = _name_rows(finding, record, source)
    else:
        rows = [
            (
                finding.rule.replace("-", " "),
                finding.observed or "(not shown)",
                finding.expected or "(not listed)",
            )
        ]
    return ErrorItem(
        finding=finding, headline=_headline(finding), kind=kind, rows=rows, evidence=evidence
    )


def _headline(finding: Finding) -> str:
    """Say the error in words a journal office reads: which part of the article, whose, what."""
    where = SOURCE_WORDS.get(finding.source, finding.source)
    where = where[0].upper() + where[1:]
    name = finding.author.name if finding.author else "an author"
    if finding.rule == "role-missing":
        return f"{where} does not list {name}'s role {(finding.expected or '').split(' <')[0]}."
    if finding.rule == "role-extra":
        return (
            f"{where} lists {(finding.observed or '').split(' <')[0]} for {name}, who did not "
            "have that role."
        )
    if finding.rule in _NAME_RULES:
        return f"{where} prints {name}'s name as \u201c{finding.observed}\u201d."
    if finding.rule == "name-former":
        return f"{where} prints a former name of {name}."
    return finding.message


def _evidence(finding: Finding, source: SourceSnapshot | None) -> str:
    where = SOURCE_WORDS.get(finding.source, finding.source)
    if source is None:
        return f"{where}"
    seen = source.fetched_at.date().isoformat()
    url = f" at {source.url}" if source.url else ""
    how = f" (reconstructed from reports: {source.reconstructed})" if source.reconstructed else ""
    return f"{where}{url}, as seen on {seen}{how}"


def _role_rows(finding: Finding) -> list[tuple[str, str, str]]:
    slug = next(
        (
            slug
            for slug, role in BY_SLUG.items()
            if finding.expected and role.uri in finding.expected
        ),
        None,
    )
    if finding.rule == "role-missing" and slug:
        role = BY_SLUG[slug]
        return [(f"{role.label} ({role.uri})", "not listed", "listed")]
    if finding.rule == "role-extra" and finding.observed:
        return [(finding.observed, "listed", "not listed")]
    if finding.rule == "degree-mismatch":
        return [("degree of contribution", finding.observed or "", finding.expected or "")]
    return [("CRediT roles", "none listed", finding.expected or "the roles in the team's record")]


def _name_rows(
    finding: Finding, record: ArticleRecord, source: SourceSnapshot | None
) -> list[tuple[str, str, str]]:
    assert finding.author is not None, "name rules are always about an author"
    author = record.authors[finding.author.position - 1]
    correct = author.printed
    printed = _printed_name(finding, source)
    rows = [("name as printed", finding.observed or "", correct.display())]
    if printed is not None:
        for label, published, right in (
            ("given names", printed.given, correct.given),
            ("family name", printed.family, correct.family),
            ("particle", printed.particle, correct.particle),
        ):
            rows.append((label, published or "(none)", right or "(none)"))
    return rows


def _printed_name(finding: Finding, source: SourceSnapshot | None) -> PersonName | None:
    if source is None or finding.observed in (None, WITHHELD):
        return None
    for author in source.authors:
        if visible(author.raw) == finding.observed:
            return source_name(author)
    return None


# ---- tracking ---------------------------------------------------------------------------------


def request_id(doi: str, person: str | None) -> str:
    return f"{doi}#{person}" if person else doi


def record_draft(
    corrections: dict[str, CorrectionRequest], draft: Draft, person: str | None, today: date
) -> CorrectionRequest:
    """Record (or refresh) the drafted request; a request already sent keeps its state."""
    key = request_id(draft.doi, person)
    ids = [item.finding.id for item in draft.items]
    existing = corrections.get(key)
    if existing is not None and existing.state is not RequestState.DRAFTED:
        return existing
    request = CorrectionRequest(
        id=key,
        doi=draft.doi,
        person=person,
        finding_ids=ids,
        kinds=draft.kinds,
        history=[StateChange(state=RequestState.DRAFTED, date=today.isoformat())],
    )
    corrections[key] = request
    return request


def mark(
    corrections: dict[str, CorrectionRequest],
    doi: str,
    person: str | None,
    state: RequestState,
    on: date,
    note: str,
) -> CorrectionRequest:
    """Move a request to a new state; InputError for a request never drafted."""
    key = request_id(doi, person)
    request = corrections.get(key)
    if request is None:
        raise InputError(
            f"no correction request for {key}; draft one first with 'credit-tracker correction "
            "draft'"
        )
    request.history.append(StateChange(state=state, date=on.isoformat(), note=note))
    return request


@dataclass(frozen=True)
class RequestStatus:
    """A request's state as the latest snapshots show it."""

    request: CorrectionRequest
    state: str
    """The recorded state, or 'resolved (fix seen)' / 'stale' as the snapshots show."""
    detail: str


def request_status(
    request: CorrectionRequest,
    open_ids: set[str],
    verified: bool,
    history: list[SourceSnapshot],
    today: date,
    stale_after: int = STALE_AFTER_DAYS,
) -> RequestStatus:
    """Say whether the publisher fixed what was asked, or nothing changed for too long."""
    state = request.state
    if state in (RequestState.RESOLVED, RequestState.WONT_FIX):
        return RequestStatus(request, state.value, request.history[-1].note)
    still_open = [i for i in request.finding_ids if i in open_ids]
    if verified and not still_open:
        seen = max(
            (s.first_seen or s.fetched_at for s in latest_by_source(history).values()), default=None
        )
        when = seen.date().isoformat() if seen else "unknown"
        return RequestStatus(
            request,
            "resolved (fix seen)",
            f"the publisher's record no longer shows these errors; fix first seen {when}",
        )
    sent = request.date_of(RequestState.SENT)
    if (
        sent
        and (today - date.fromisoformat(sent)).days > stale_after
        and len(still_open) == len(request.finding_ids)
    ):
        return RequestStatus(
            request,
            "stale",
            f"sent {sent}, {(today - date.fromisoformat(sent)).days} days ago, and nothing has "
            "changed",
        )
    return RequestStatus(
        request, state.value, f"{len(still_open)} of {len(request.finding_ids)} errors still open"
    )
