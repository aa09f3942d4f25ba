"""ORCID JSON to sources: a person's names, and a work's contributors with their roles.

Names are offered as spellings to accept (never accepted silently); a work's contributor roles
(CRediT URIs since 2021) are stored as self-asserted evidence, the `orcid` source.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from credit_tracker.domain.credit import try_resolve_role
from credit_tracker.domain.errors import InputError
from credit_tracker.domain.identifiers import normalize_doi, normalize_orcid
from credit_tracker.domain.models import SourceAuthor, SourceRole
from credit_tracker.domain.names import clean, parse_display_name


@dataclass(frozen=True)
class OrcidNames:
    """The names a person gives in their ORCID record."""

    given: str
    family: str
    credit_name: str | None
    other_names: tuple[str, ...]


@dataclass
class OrcidWork:
    """A work in a person's ORCID record: its DOI and its versions' put-codes (one per source)."""

    doi: str
    put_codes: list[int]

    @property
    def put_code(self) -> int:
        return self.put_codes[0]


def _value(node: Any) -> str | None:
    if isinstance(node, dict):
        value = node.get("value") if "value" in node else node.get("content")
        return clean(str(value)) if value else None
    return None


def parse_person(data: dict[str, Any]) -> OrcidNames:
    """Parse /{orcid}/person (or the person part of a record)."""
    name = data.get("name") or {}
    others = [(_value(o) or "") for o in ((data.get("other-names") or {}).get("other-name") or [])]
    return OrcidNames(
        given=_value(name.get("given-names")) or "",
        family=_value(name.get("family-name")) or "",
        credit_name=_value(name.get("credit-name")),
        other_names=tuple(o for o in others if re.search(r"[^\W\d_]", o)),  # "{}" is no name
    )


def parse_works(data: dict[str, Any]) -> list[OrcidWork]:
    """Parse /{orcid}/works: one entry per DOI with the put-codes of its summaries."""
    works = []
    for group in data.get("group") or []:
        summaries = group.get("work-summary") or []
        ids = (group.get("external-ids") or {}).get("external-id") or []
        doi = next(
            (
                i.get("external-id-value")
                for i in ids
                if i.get("external-id-type") == "doi"
                and i.get("external-id-relationship", "self") == "self"
            ),
            None,
        )
        if doi and summaries:
            try:
                works.append(
                    OrcidWork(
                        doi=normalize_doi(doi),
                        put_codes=[int(summary["put-code"]) for summary in summaries],
                    )
                )
            except (InputError, KeyError, TypeError, ValueError):
                continue
    return works


def parse_contributors(data: dict[str, Any]) -> list[SourceAuthor]:
    """Parse a full work's contributors; CRediT roles only (ORCID's own 'author', 'editor',
    'co-investigator' are not CRediT and are left out). None for roles when nobody has any."""
    authors = []
    for position, entry in enumerate(
        (data.get("contributors") or {}).get("contributor") or [], start=1
    ):
        raw = _value(entry.get("credit-name")) or ""
        orcid_path = (entry.get("contributor-orcid") or {}).get("path")
        try:
            orcid = normalize_orcid(orcid_path) if orcid_path else None
        except InputError:
            orcid = None
        role_text = str((entry.get("contributor-attributes") or {}).get("contributor-role") or "")
        role = try_resolve_role(role_text) if "credit.niso.org" in role_text else None
        roles = (
            [SourceRole(role=role.slug, label=role_text, origin="orcid contributor-role")]
            if role
            else []
        )
        # name_shown False: a credit name is the person's own choice, offered by 'person suggest',
        # not a printed byline to correct
        authors.append(
            SourceAuthor(
                position=position,
                raw=raw,
                name=parse_display_name(raw) if raw else None,
                structured=False,
                name_shown=False,
                orcid=orcid,
                roles=roles,
            )
        )
    if not any(a.roles for a in authors):
        for author in authors:
            author.roles = None
    return _merge_repeated(authors)


def _merge_repeated(authors: list[SourceAuthor]) -> list[SourceAuthor]:
    """ORCID repeats a contributor once per role: one author with all their roles."""
    merged: dict[tuple, SourceAuthor] = {}
    for author in authors:
        key = (author.orcid or "", author.raw)
        if key in merged and author.roles is not None:
            merged[key].roles = [*(merged[key].roles or []), *author.roles]
        elif key not in merged:
            merged[key] = author.model_copy(update={"position": len(merged) + 1})
    return list(merged.values())
