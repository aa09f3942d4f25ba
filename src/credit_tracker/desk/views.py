"""What each page shows, computed from the records and the check; no markup here.

The dashboard and the findings queue reuse the HTML report's figures (`render.html.data`); the
queue sends one page of rows at a time, never the whole list.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from pydantic import BaseModel, Field

from credit_tracker.desk.memory import DeskState
from credit_tracker.domain.confirmation import provenance_text
from credit_tracker.domain.credit import ROLES
from credit_tracker.domain.findings import NAME_RULES
from credit_tracker.domain.former import WITHHELD
from credit_tracker.domain.models import role_text
from credit_tracker.domain.names import fold
from credit_tracker.render.diff import char_diff
from credit_tracker.render.formats.base import Entry, entries
from credit_tracker.render.html.data import STATES, HtmlData, context
from credit_tracker.services.records import ArticleReview, AuthorSides, SourceSide

PAGE_SIZE = 50
SORTS = ("severity", "doi", "rule", "person")


def dashboard(state: DeskState) -> dict[str, Any]:
    """The review report's summary and charts, as `report` computes them."""
    checked = state.checked()
    if checked.dashboard is None:
        survey = checked.survey
        team = checked.team  # the requests the states were judged from, already read
        data = HtmlData(
            report=survey.report,
            generated=f"checked {datetime.now():%Y-%m-%d %H:%M}",
            articles=survey.articles,
            trend=survey.trend,
            histories={r.id: r.history for r in team.corrections.values()},
        )
        figures = context(data)
        figures.pop("data_json")  # the queue pages through the findings instead
        checked.dashboard = figures
    return checked.dashboard


class QueueQuery(BaseModel):
    """The queue's filters, sorting and page, as the address gives them."""

    severity: str = Field(default="warning", pattern="^(info|warning|error)$")
    state: str = "open"
    """'open' by default: what the team has to act on; 'any' (or empty) for every state."""
    rule: str = ""
    person: str = ""
    publisher: str = ""
    q: str = Field(default="", max_length=200)
    sort: str = Field(default="severity", pattern="^(severity|doi|rule|person)$")
    page: int = Field(default=1, ge=1)


_RANK = {"info": 0, "warning": 1, "error": 2}


def queue(state: DeskState, query: QueueQuery) -> dict[str, Any]:
    """One page of the findings, errors first, filtered and sorted as asked."""
    checked = state.checked()
    publishers = {doi: info.publisher for doi, info in checked.survey.articles.items()}
    chosen = [e for e in checked.every if _fits(e, query, publishers)]
    below = 0
    if query.severity != "info":
        lower = query.model_copy(update={"severity": "info"})
        below = sum(1 for e in checked.every if _fits(e, lower, publishers)) - len(chosen)
    if query.sort != "severity":
        chosen = sorted(chosen, key=lambda e: _sort_key(e, query.sort))
    pages = max(1, -(-len(chosen) // PAGE_SIZE))
    number = min(query.page, pages)
    shown = chosen[(number - 1) * PAGE_SIZE : number * PAGE_SIZE]
    titles = {doi: info.title for doi, info in checked.survey.articles.items()}
    return {
        "query": query,
        "rows": [row(e, titles) for e in shown],
        "total": len(chosen),
        "below": below,
        "page": number,
        "pages": pages,
        "rules": sorted({e.finding.rule for e in checked.every}),
        "publishers": sorted(set(publishers.values()) - {""}),
        "states": STATES,
        "sorts": SORTS,
    }


def _fits(entry: Entry, query: QueueQuery, publishers: dict[str, str]) -> bool:
    f = entry.finding
    if query.publisher and publishers.get(f.doi, "") != query.publisher:
        return False
    if f.severity.rank < _RANK[query.severity]:
        return False
    if query.state not in ("", "any") and entry.state.value != query.state:
        return False
    if query.rule and f.rule != query.rule:
        return False
    if query.person and (f.author is None or f.author.person != query.person):
        return False
    return not query.q or fold(query.q) in fold(f"{f.doi} {f.message} {f.id}")


def _sort_key(entry: Entry, sort: str) -> tuple[str, int]:
    f = entry.finding
    value = {"doi": f.doi, "rule": f.rule, "person": f.author.name if f.author else ""}[sort]
    return (value, -f.severity.rank)


def row(entry: Entry, titles: dict[str, str]) -> dict[str, Any]:
    """One finding as the queue and the article page list it."""
    f = entry.finding
    diff = None
    if f.rule in NAME_RULES and f.author is not None and f.observed and f.observed != WITHHELD:
        diff = [(op.value, piece) for op, piece in char_diff(f.author.name, f.observed)]
    return {
        "id": f.id,
        "severity": f.severity.value,
        "state": entry.state.value,
        "note": entry.note,
        "rule": f.rule,
        "doi": f.doi,
        "title": titles.get(f.doi, ""),
        "author": f.author.name if f.author else "",
        "person": f.author.person if f.author else "",
        "sources": f.source,
        "message": f.message,
        "diff": diff,
    }


@dataclass(frozen=True)
class SourceName:
    """An author as one source prints them, against the team's spelling."""

    source: str
    printed: str
    diff: list[tuple[str, str]] | None
    roles: str


def article(review: ArticleReview) -> dict[str, Any]:
    """The team's record beside each source, names diffed, with the role grid's cells."""
    shots = [
        {"source": s.source.value, "state": s.state.value, "at": f"{s.fetched_at:%Y-%m-%d}"}
        for s in sorted(review.newest.values(), key=lambda s: s.source.value)
    ]
    return {
        "record": review.record,
        "authors": [_author_side(side) for side in review.sides],
        "roles": ROLES,
        "role_labels": {role.slug: role.label for role in ROLES},
        "shots": shots,
        "findings": [row(e, {}) for e in entries(review.report)],
        "requests": review.requests,
    }


def _author_side(side: AuthorSides) -> dict[str, Any]:
    """One byline place: the team's entry, where its roles came from, and each source's."""
    author, person = side.author, side.person
    team = author.printed.display()
    roles = author.roles
    return {
        "n": side.position,
        "name": team,
        "person": author.person,
        "member": bool(person and person.team_member),
        "orcid": person.orcid if person else None,
        "state": "not-recorded" if roles is None else ("none" if not roles else "recorded"),
        "roles": role_text(author)
        + ("" if roles is None else f" — {provenance_text(author.roles_from)}"),
        "held": {a.role: (a.degree.value if a.degree else "yes") for a in roles or []},
        "marks": {
            slug: [(src, mark.value) for src, mark in found] for slug, found in side.marks.items()
        },
        "sources": [_source_name(team, shown) for shown in side.sources],
    }


def _source_name(team: str, shown: SourceSide) -> SourceName:
    """How one source prints the author: the name diffed against the team's, and its roles."""
    diff = (
        None
        if shown.printed in (team, WITHHELD)
        else [(op.value, piece) for op, piece in char_diff(team, shown.printed)]
    )
    roles = (
        "no roles stated"
        if shown.roles is None
        else (", ".join(r.label for r in shown.roles) or "none listed")
    )
    return SourceName(shown.source, shown.printed, diff, roles)
