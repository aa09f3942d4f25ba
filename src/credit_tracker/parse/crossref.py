"""Crossref REST work messages to sources: authors, ORCID iDs, schema 5.5 roles, notices. Pure."""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass
from typing import Any

from credit_tracker.domain.credit import try_resolve_role
from credit_tracker.domain.errors import InputError
from credit_tracker.domain.identifiers import normalize_doi, normalize_orcid
from credit_tracker.domain.models import Notice, SourceAuthor, SourceRole
from credit_tracker.domain.names import PersonName, clean, split_particle

NOTICE_TYPES = {
    "correction",
    "retraction",
    "new_version",
    "erratum",
    "expression_of_concern",
    "withdrawal",
    "removal",
}


def item_doi(item: dict[str, Any]) -> str | None:
    try:
        return normalize_doi(str(item.get("DOI", "")))
    except InputError:
        return None


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
    stable = {
        key: value
        for key, value in message.items()
        if key not in {"indexed", "score", "is-referenced-by-count"}
    }
    text = json.dumps(stable, sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def parse_work(message: dict[str, Any]) -> ParsedWork:
    """Parse one Crossref work message."""
    problems: list[str] = []
    authors = [
        _author(entry, position, problems)
        for position, entry in enumerate(message.get("author") or [], start=1)
    ]
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
    name = PersonName(
        given=clean(given), family=core, particle=particle, suffix=clean(entry.get("suffix", ""))
    )
    raw = " ".join(part for part in (given, family, entry.get("suffix", "")) if part)
    return SourceAuthor(
        position=position,
        raw=raw,
        name=name,
        orcid=orcid,
        orcid_authenticated=authenticated,
        roles=roles,
    )


def _roles(entry: dict[str, Any]) -> list[SourceRole]:
    """Schema 5.5 `role` entries with vocabulary 'credit' (vocabulary 'crossref' is 'author')."""
    roles = []
    for item in entry.get("role") or []:
        if not isinstance(item, dict) or str(item.get("vocabulary", "")).lower() != "credit":
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


def _notices(message: dict[str, Any]) -> list[Notice]:
    notices = []
    for entry in message.get("updated-by") or []:
        kind = str(entry.get("type", ""))
        try:
            doi = normalize_doi(str(entry.get("DOI", "")))
        except InputError:
            continue
        if kind in NOTICE_TYPES and doi != item_doi(message):
            notices.append(
                Notice(
                    doi=doi,
                    kind=kind,
                    label=entry.get("label"),
                    date=_date(entry.get("updated")),
                    how="updated-by",
                )
            )
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
    own = item_doi(message)
    for update in message.get("update-to") or []:
        # PLOS records carry a 'new_version' update-to pointing at themselves: not a notice
        if str(update.get("type", "")) in NOTICE_TYPES and item_doi(update) != own:
            return True
    title = clean(" ".join(message.get("title") or [])).casefold()
    return title.startswith(
        ("correction:", "correction to", "erratum", "retraction:", "retraction note", "corrigendum")
    )


_NOTICE_SUFFIX = re.compile(
    r"^(?P<article>.+)/(?:correction|retraction|erratum|expression-of-concern)-\d+$"
)


def notice_target(message: dict[str, Any]) -> str:
    """Return the DOI a notice is about: its update-to link, or a '<article>/correction-1' stem."""
    own = item_doi(message)
    for update in message.get("update-to") or []:
        target = item_doi(update)
        if target and target != own:
            return target
    match = _NOTICE_SUFFIX.match(own or "")
    return match.group("article") if match else ""
