"""What the snapshots showed over time: an article's findings at each change, regressions, trends.

A source's snapshot history keeps one entry per distinct content (an unchanged answer only moves
`fetched_at` forward), so comparing the record with the history as it stood at each entry's
`first_seen` gives the findings a reader of the publisher's record saw on each day.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime

from credit_tracker.compare.article import ArticleCheck, compare_article, latest_by_source
from credit_tracker.domain.findings import Finding, Rule, Severity, finding_id, source_finding_id
from credit_tracker.domain.models import ArticleRecord, FetchState, Person, SourceSnapshot


def checked_article(
    record: ArticleRecord,
    people: dict[str, Person],
    history: list[SourceSnapshot],
    severities: dict[Rule, Severity] | None = None,
) -> ArticleCheck:
    """Compare one article, with `roles-not-recorded` told once for the article, not per author."""
    result = compare_article(record, people, history, severities)
    before = {f.id for f in result.findings}
    result.findings = one_per_article(record, result.findings)
    folded = {f.id for f in result.findings} - before
    if folded:
        old = source_finding_id(record.doi, "team", Rule.ROLES_NOT_RECORDED, "article")
        result.aliases[old] = next(iter(folded))
    return result


def one_per_article(record: ArticleRecord, findings: list[Finding]) -> list[Finding]:
    """Fold the per-author `roles-not-recorded` findings into one about the article.

    A draft record's roles are missing for most of its authors at once: one line, and one
    acknowledgement, say so.
    """
    folded = [f for f in findings if f.rule == Rule.ROLES_NOT_RECORDED]
    if len(folded) <= 1 and all(f.author is None for f in folded):
        return findings
    names = [f.author.name for f in folded if f.author]
    shown = ", ".join(names[:3]) + (f" and {len(names) - 3} more" if len(names) > 3 else "")
    merged = Finding(
        id=finding_id(record.doi, Rule.ROLES_NOT_RECORDED, "article"),
        rule=Rule.ROLES_NOT_RECORDED,
        severity=folded[0].severity,
        doi=record.doi,
        sources=["team"],
        message=(
            f"roles not recorded yet for {len(names)} of {len(record.authors)} authors "
            f"(draft record): {shown}"
        ),
    )
    kept = [f for f in findings if f.rule != Rule.ROLES_NOT_RECORDED]
    return [*kept, merged]


@dataclass(frozen=True)
class Moment:
    """The article's findings as the snapshots stood at one time."""

    at: datetime
    ids: frozenset[str]
    """The ids of the findings shown then, and the per-source ids they had (see `known_ids`)."""
    usable: frozenset[str]
    """The sources with a usable snapshot then."""
    verified: bool
    """Whether every source fetched by then could be read (a failure proves nothing fixed)."""
    counts: tuple[int, int, int]
    """Findings by severity then: info, warning, error."""


def _seen(snapshot: SourceSnapshot) -> datetime:
    return snapshot.first_seen or snapshot.fetched_at


def moments(
    record: ArticleRecord,
    people: dict[str, Person],
    history: list[SourceSnapshot],
    severities: dict[Rule, Severity] | None,
    current: ArticleCheck,
) -> list[Moment]:
    """Return the article's findings at each time a snapshot's content changed, oldest first.

    `current` is the comparison with the whole history (the last moment), not computed again.
    """
    times = sorted({_seen(s) for s in history})
    found = []
    for n, when in enumerate(times):
        upto = [s for s in history if _seen(s) <= when]
        result = (
            current if n == len(times) - 1 else checked_article(record, people, upto, severities)
        )
        newest = latest_by_source(upto)
        found.append(
            Moment(
                at=when,
                ids=known_ids(result),
                usable=frozenset(k.value for k, s in newest.items() if s.state is FetchState.OK),
                verified=not result.unverified,
                counts=_counts(result.findings),
            )
        )
    return found


def known_ids(result: ArticleCheck) -> frozenset[str]:
    """The ids of a comparison's findings with the per-source ids they had, so that a request
    or acknowledgement stored with an old id finds its finding in the history."""
    ids = {f.id for f in result.findings}
    return frozenset(ids | {old for old, new in result.aliases.items() if new in ids})


def _counts(findings: Iterable[Finding]) -> tuple[int, int, int]:
    counts = [0, 0, 0]
    for finding in findings:
        counts[finding.severity.rank] += 1
    return counts[0], counts[1], counts[2]


@dataclass(frozen=True)
class Regression:
    """A finding that was gone from the snapshots for a while and came back."""

    fixed: date
    undone: date


def regressions(findings: list[Finding], history: list[Moment]) -> dict[str, Regression]:
    """Return, by finding id, the findings shown now that a verified snapshot once showed fixed.

    A finding counts as fixed only at a moment where every source it comes from was read (a
    source fetched later, or a failed fetch, proves nothing); the latest such cycle is reported.
    """
    found = {}
    for finding in findings:
        sources = set(finding.sources)
        seen = False
        fixed: datetime | None = None
        cycle: Regression | None = None
        for moment in history:
            if finding.id in moment.ids:
                if fixed is not None:
                    cycle = Regression(fixed=fixed.date(), undone=moment.at.date())
                seen, fixed = True, None
            elif seen and fixed is None and moment.verified and sources <= moment.usable:
                fixed = moment.at
        if cycle is not None and fixed is None:
            found[finding.id] = cycle
    return found


def fix_first_seen(ids: Iterable[str], history: list[Moment]) -> date | None:
    """Return when the snapshots first showed all of `ids` gone for good (none came back since)."""
    wanted = set(ids)
    since: datetime | None = None
    for moment in history:
        if wanted & moment.ids or not moment.verified:
            since = None
        elif since is None:
            since = moment.at
    return since.date() if since else None


def timeline_steps(history: list[Moment]) -> list[tuple[str, tuple[int, int, int]]]:
    """Return (ISO date, change in findings by severity) at each moment, to sum over articles."""
    steps = []
    previous = (0, 0, 0)
    for moment in history:
        delta = (
            moment.counts[0] - previous[0],
            moment.counts[1] - previous[1],
            moment.counts[2] - previous[2],
        )
        if any(delta):
            steps.append((moment.at.date().isoformat(), delta))
        previous = moment.counts
    return steps


def single_moment(current: ArticleCheck, history: list[SourceSnapshot]) -> list[Moment]:
    """The one moment of an article whose snapshots never changed: no comparison repeated."""
    if not history:
        return []
    newest = latest_by_source(history)
    return [
        Moment(
            at=max(_seen(s) for s in history),
            ids=known_ids(current),
            usable=frozenset(k.value for k, s in newest.items() if s.state is FetchState.OK),
            verified=not current.unverified,
            counts=_counts(current.findings),
        )
    ]


def changed(history: list[SourceSnapshot]) -> bool:
    """Whether the history holds more than one moment (some source's content changed)."""
    first = None
    for snapshot in history:
        seen = _seen(snapshot)
        if first is None:
            first = seen
        elif seen != first:
            return True
    return False
