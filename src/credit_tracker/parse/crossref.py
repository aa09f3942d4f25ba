"""A Crossref work record read once: validated into `Work`, then turned into what is compared.

`Work` is what Crossref promises about a work, as a model: only the fields credit-tracker reads,
each with the type the REST API's schema gives (https://api.crossref.org/swagger-ui/index.html,
"Work"); everything else is ignored. A record whose `author` is a string or whose `given` is a
number is not a record to compare against: `parse_work` refuses it with the field named
(MalformedWork), and the DOI becomes could-not-fetch while the rest of its batch goes on.
From the validated model come the byline (names, ORCID iDs, schema 5.5 CRediT roles), the
notices, the year, whether the record is itself a notice, and the content hash: the snapshot,
`records add` and the harvest read the `ParsedWork`, never the JSON again. Pure.
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass, field
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, StrictBool, StrictInt, StrictStr, ValidationError

from credit_tracker.domain.credit import try_resolve_role
from credit_tracker.domain.errors import InputError
from credit_tracker.domain.fulltext import FullTextLink
from credit_tracker.domain.identifiers import normalize_doi, normalize_orcid
from credit_tracker.domain.models import Notice, SourceAuthor, SourceRole, WorkMetadata
from credit_tracker.domain.names import clean
from credit_tracker.domain.titles import plain_title

NOTICE_TYPES = {
    "correction",
    "retraction",
    "new_version",
    "erratum",
    "expression_of_concern",
    "withdrawal",
    "removal",
}
# Crossref's dates, earliest meaning first: 'issued' is the earlier of print and online.
_DATE_FIELDS = ("issued", "published", "published_print", "published_online", "created")


class _Model(BaseModel):
    # Crossref adds fields over time; unknown ones are not errors. Strict types: a number is not
    # silently turned into a name.
    model_config = ConfigDict(extra="ignore", strict=True, populate_by_name=True)


class DateParts(_Model):
    date_parts: list[list[StrictInt | None]] = Field(alias="date-parts")


class DateTime(_Model):
    date_time: StrictStr | None = Field(default=None, alias="date-time")


class Contributor(_Model):
    given: StrictStr = ""
    family: StrictStr = ""
    name: StrictStr = ""
    suffix: StrictStr = ""
    ORCID: StrictStr | None = None
    authenticated_orcid: StrictBool | None = Field(default=None, alias="authenticated-orcid")
    role: list[dict[str, Any]] | None = None


class Relation(_Model):
    DOI: StrictStr = ""
    type: StrictStr = ""
    label: StrictStr | None = None
    updated: DateParts | None = None


class Link(_Model):
    URL: StrictStr
    content_type: StrictStr = Field(default="unspecified", alias="content-type")
    content_version: StrictStr = Field(default="", alias="content-version")
    intended_application: StrictStr = Field(default="", alias="intended-application")


class Work(_Model):
    DOI: StrictStr
    publisher: StrictStr | None = None
    # Read leniently: a link or member id of an odd shape costs that link, not the byline.
    member: Any = None
    link: Any = None
    title: list[StrictStr] | None = None
    container_title: list[StrictStr] | None = Field(default=None, alias="container-title")
    author: list[Contributor] | None = None
    deposited: DateTime | None = None
    indexed: DateTime | None = None
    updated_by: list[Relation] | None = Field(default=None, alias="updated-by")
    update_to: list[Relation] | None = Field(default=None, alias="update-to")
    # Read leniently (any shape): a date that is not date-parts gives no year; it does not make
    # the record malformed.
    issued: Any = None
    published: Any = None
    published_print: Any = Field(default=None, alias="published-print")
    published_online: Any = Field(default=None, alias="published-online")
    created: Any = None
    # Read leniently too: a work's type and its links to other works (a preprint and its
    # article) sort the harvest; a strange shape there is no reason to refuse the byline.
    type: Any = None
    relation: Any = None


class MalformedWork(ValueError):
    """A record that breaks Crossref's schema, with the first bad field named."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


@dataclass
class ParsedWork:
    """A Crossref work as credit-tracker compares it."""

    doi: str | None
    """The DOI normalised; None when what Crossref registers is not a DOI."""
    registered_doi: str
    """The DOI exactly as Crossref gives it."""
    title: str | None
    journal: str | None
    year: int | None
    authors: list[SourceAuthor]
    notices: list[Notice]
    deposited: str | None
    indexed: str | None
    is_notice: bool
    """The record is a correction, retraction or new-version notice, not an article."""
    notice_for: str | None
    """For a notice: the DOI it is about, or '' when it names none; None for an article."""
    problems: list[str]
    content_hash: str
    publisher: str | None = None
    """The publisher's name as Crossref registers it (the member's name)."""
    member: str | None = None
    """The Crossref member id ('311' is Wiley's)."""
    links: list[FullTextLink] = field(default_factory=list)
    """The record's full-text links, as deposited (domain/fulltext.py orders them)."""
    type: str = ""
    """Crossref's type: 'journal-article', 'posted-content' (a preprint), 'dataset', ..."""
    preprint_of: list[str] = field(default_factory=list)
    """DOIs this record says it is a preprint of (`relation.is-preprint-of`)."""
    preprints: list[str] = field(default_factory=list)
    """DOIs of the preprints this record names (`relation.has-preprint`)."""

    @property
    def metadata(self) -> WorkMetadata:
        """What a record keeps from Crossref about the article itself."""
        return WorkMetadata(title=self.title, journal=self.journal, year=self.year)


def parse_work(item: Any) -> ParsedWork:
    """Validate one Crossref work item and read it; MalformedWork naming the first bad field."""
    work = _validated(item)
    problems: list[str] = []
    authors = [
        _author(entry, position, problems)
        for position, entry in enumerate(work.author or [], start=1)
    ]
    _settle_roles(authors)
    notice = _is_notice(work)
    return ParsedWork(
        doi=_doi(work.DOI),
        registered_doi=work.DOI,
        # decoded here, once: Crossref deposits titles with markup and references ('<scp>R</scp>',
        # 'Big Data &amp; Society'), and every face shows what this reads
        title=clean(plain_title(" ".join(work.title or []))) or None,
        journal=clean(plain_title(" ".join(work.container_title or []))) or None,
        year=_year(work),
        authors=authors,
        notices=_notices(work),
        deposited=work.deposited.date_time if work.deposited else None,
        indexed=work.indexed.date_time if work.indexed else None,
        is_notice=notice,
        notice_for=_notice_target(work) if notice else None,
        problems=problems,
        content_hash=content_hash(item),
        publisher=clean(work.publisher or "") or None,
        member=str(work.member) if isinstance(work.member, (str, int)) else None,
        links=_links(work.link),
        type=work.type if isinstance(work.type, str) else "",
        preprint_of=_related(work, "is-preprint-of"),
        preprints=_related(work, "has-preprint"),
    )


def _related(work: Work, kind: str) -> list[str]:
    """The DOIs of one kind of `relation`, normalised; entries of another shape are passed by."""
    entries = work.relation.get(kind) if isinstance(work.relation, dict) else None
    dois = []
    for entry in entries if isinstance(entries, list) else []:
        if isinstance(entry, dict) and entry.get("id-type") == "doi":
            doi = _doi(str(entry.get("id", "")))
            if doi:
                dois.append(doi)
    return dois


@dataclass(frozen=True)
class Unreadable:
    """An item of a list answer that breaks Crossref's schema: listed, never guessed at."""

    label: str
    """The DOI the item gives, or 'an item'."""
    reason: str


def read_item(item: Any) -> ParsedWork | Unreadable:
    """One item of a list answer, read (`parse_work`), or why it cannot be."""
    try:
        return parse_work(item)
    except MalformedWork as exc:
        label = item.get("DOI") if isinstance(item, dict) else None
        return Unreadable(label if isinstance(label, str) else "an item", exc.reason)


def malformed(item: Any) -> str | None:
    """Return why a work item breaks Crossref's schema (the first bad field named), or None."""
    try:
        _validated(item)
    except MalformedWork as exc:
        return exc.reason
    return None


def metadata_of(item: Any, work: ParsedWork | None = None) -> WorkMetadata:
    """Return the title, journal and year of a Crossref item; `work` is the item as already
    read, so that it is not read twice."""
    return (work or parse_work(item)).metadata


def is_notice(item: Any) -> bool:
    """Return True for a correction, retraction or new-version notice rather than an article."""
    return _is_notice(_validated(item))


def notice_target(item: Any) -> str:
    """Return the DOI a notice is about: its update-to link, or a '<article>/correction-1' stem."""
    return _notice_target(_validated(item))


def item_doi(item: dict[str, Any]) -> str | None:
    """The normalised DOI of an item not yet validated (to pair list answers with the DOIs
    asked for), or None."""
    return _doi(str(item.get("DOI", "")))


def content_hash(item: dict[str, Any]) -> str:
    """Return a hash of a record that ignores Crossref's bookkeeping (indexed, score).

    Taken over the whole record Crossref sent, not only the modelled fields, so that any change
    Crossref makes is seen as one (and hashes stored by earlier versions still compare).
    """
    stable = {
        key: value
        for key, value in item.items()
        if key not in {"indexed", "score", "is-referenced-by-count"}
    }
    text = json.dumps(stable, sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _validated(item: Any) -> Work:
    try:
        return Work.model_validate(item)
    except ValidationError as exc:
        error = exc.errors(include_url=False)[0]
        where = _path(error["loc"]) or "the record"
        raise MalformedWork(f"Crossref's record is malformed: {where}: {error['msg']}") from None


def _path(loc: tuple[int | str, ...]) -> str:
    """('author', 2, 'given') -> 'author[2].given', as in the JSON."""
    text = ""
    for part in loc:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text


def _doi(text: str) -> str | None:
    try:
        return normalize_doi(text)
    except InputError:
        return None


def _author(entry: Contributor, position: int, problems: list[str]) -> SourceAuthor:
    orcid = None
    if entry.ORCID:
        try:
            orcid = normalize_orcid(entry.ORCID)
        except InputError as exc:
            problems.append(f"author {position}: ORCID ignored: {exc.reason}")
    authenticated = entry.authenticated_orcid if orcid else None
    roles = _roles(entry)
    if "family" not in entry.model_fields_set and entry.name:
        return SourceAuthor(position=position, raw=entry.name, organisation=True, roles=roles)
    name = (entry.given, entry.family, entry.suffix)
    return SourceAuthor.printed(position, name, orcid, authenticated, roles)


def _links(value: Any) -> list[FullTextLink]:
    """The record's `link` entries that are links; an entry of another shape is left out."""
    links = []
    for entry in value if isinstance(value, list) else []:
        try:
            link = Link.model_validate(entry)
        except ValidationError:
            continue
        links.append(
            FullTextLink(
                url=link.URL,
                content_type=link.content_type,
                version=link.content_version,
                application=link.intended_application,
            )
        )
    return links


def _roles(entry: Contributor) -> list[SourceRole]:
    """Schema 5.5 `role` entries with vocabulary 'credit' (vocabulary 'crossref' is 'author')."""
    roles = []
    for item in entry.role or []:
        if str(item.get("vocabulary", "")).lower() != "credit":
            continue
        text = str(item.get("role", ""))
        role = try_resolve_role(text)
        roles.append(
            SourceRole(role=role.slug if role else None, label=text, origin="crossref role")
        )
    return roles


def _settle_roles(authors: list[SourceAuthor]) -> None:
    has_any = any(author.roles for author in authors)
    for author in authors:
        author.roles = (author.roles or []) if has_any else None


def _notices(work: Work) -> list[Notice]:
    own = _doi(work.DOI)
    notices = []
    for entry in work.updated_by or []:
        doi = _doi(entry.DOI)
        if doi is not None and entry.type in NOTICE_TYPES and doi != own:
            notices.append(
                Notice(
                    doi=doi,
                    kind=entry.type,
                    label=entry.label,
                    date=_date(entry.updated),
                    how="updated-by",
                )
            )
    return notices


def _date(value: DateParts | None) -> str | None:
    if value is None or not value.date_parts:
        return None
    return "-".join(f"{part:02d}" for part in value.date_parts[0] if part is not None) or None


def _year(work: Work) -> int | None:
    """The year of publication from the first of Crossref's dates that has one."""
    for name in _DATE_FIELDS:
        value = getattr(work, name)
        parts = value.get("date-parts") if isinstance(value, dict) else None
        first = parts[0] if isinstance(parts, list) and parts else None
        year = first[0] if isinstance(first, list) and first else None
        if isinstance(year, int) and not isinstance(year, bool) and 1000 <= year <= 2999:
            return year
    return None


def _is_notice(work: Work) -> bool:
    """Most notices say so in `update-to`; some (the real PeerJ correction-1) only in the title."""
    own = _doi(work.DOI)
    for update in work.update_to or []:
        # PLOS records carry a 'new_version' update-to pointing at themselves: not a notice
        if update.type in NOTICE_TYPES and _doi(update.DOI) != own:
            return True
    title = clean(" ".join(work.title or [])).casefold()
    return title.startswith(
        ("correction:", "correction to", "erratum", "retraction:", "retraction note", "corrigendum")
    )


_NOTICE_SUFFIX = re.compile(
    r"^(?P<article>.+)/(?:correction|retraction|erratum|expression-of-concern)-\d+$"
)


def _notice_target(work: Work) -> str:
    own = _doi(work.DOI)
    for update in work.update_to or []:
        target = _doi(update.DOI)
        if target and target != own:
            return target
    match = _NOTICE_SUFFIX.match(own or "")
    return match.group("article") if match else ""
