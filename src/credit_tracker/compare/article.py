"""Compare the team's record of an article with its publisher snapshots: pure, findings out.

Matching is tolerant (matching.py); reporting is strict: every difference that a correction
could fix is a finding, and only equivalent forms (NFC against NFD, a full stop after an
initial, role label against role URI) and the person's accepted spellings are not. The rules
live beside this module: name_rules.py (names), role_rules.py (ORCID iDs and roles).
"""

from __future__ import annotations

from credit_tracker.compare.agreement import check_agreement
from credit_tracker.compare.context import SOURCE, ArticleCheck, CheckContext
from credit_tracker.compare.matching import Pair, match_authors, team_keys
from credit_tracker.compare.name_rules import check_name
from credit_tracker.compare.role_rules import check_orcid, check_roles
from credit_tracker.domain.findings import Rule, Severity, Unverified
from credit_tracker.domain.models import (
    ArticleRecord,
    FetchState,
    Person,
    SourceAuthor,
    SourceKind,
    SourceSnapshot,
)
from credit_tracker.domain.names import fold
from credit_tracker.domain.problems import NotCredit, PartsDiffer, TranslationDiffers, Unread

__all__ = [
    "ArticleCheck",
    "compare_article",
    "latest_by_source",
    "latest_read",
]


def latest_by_source(history: list[SourceSnapshot]) -> dict[SourceKind, SourceSnapshot]:
    """Return the newest snapshot of each source, whatever its state."""
    newest: dict[SourceKind, SourceSnapshot] = {}
    for snapshot in history:
        current = newest.get(snapshot.source)
        if current is None or snapshot.fetched_at >= current.fetched_at:
            newest[snapshot.source] = snapshot
    return newest


def latest_read(history: list[SourceSnapshot]) -> dict[SourceKind, SourceSnapshot]:
    """Return the newest snapshot of each source that was read (a 404 or a failure later on
    does not undo what an earlier reading showed)."""
    return latest_by_source([s for s in history if s.state is FetchState.OK])


def compare_article(
    record: ArticleRecord,
    people: dict[str, Person],
    history: list[SourceSnapshot],
    severities: dict[Rule, Severity] | None = None,
) -> ArticleCheck:
    """Compare one article's record with the newest reading of each source.

    A source whose newest snapshot was not read (not found, failed) after an earlier reading is
    compared as that reading showed it, and the article is unverified for that source.
    """
    context = CheckContext(record, people, severities or {}, ArticleCheck(doi=record.doi))
    usable = latest_read(history)
    notice = _notice_reason(usable.get(SourceKind.CROSSREF))
    if notice is not None:
        context.result.unverified.append(
            Unverified(doi=record.doi, source="crossref", reason=notice)
        )
        return context.result
    newest = latest_by_source(history)
    _note_unread_sources(context.result, newest, usable)
    if not usable:
        if not context.result.unverified:
            reason = (
                "no usable snapshot: the DOI was not found"
                if newest
                else "no snapshot yet; run 'credit-tracker fetch'"
            )
            context.result.unverified.append(Unverified(doi=record.doi, reason=reason))
        return context.result
    paired = _pair_sources(context, usable)
    with_roles = {
        index
        for by_team in paired.values()
        for index, other in by_team.items()
        if other.roles is not None
    }
    for kind, shot in usable.items():
        _check_source(context, shot, context.result.pairs[kind.value], with_roles)
    check_agreement(context, paired)
    if record.draft:
        _note_draft_roles(context)
    context.finish()
    return context.result


def _notice_reason(crossref: SourceSnapshot | None) -> str | None:
    """Why the DOI cannot be checked when Crossref says it is a correction or retraction notice."""
    if crossref is None or crossref.notice_for is None:
        return None
    about = f" about {crossref.notice_for}" if crossref.notice_for else ""
    return (
        f"this DOI is a correction or retraction notice{about}, not an article;"
        " track the article instead"
    )


def _note_unread_sources(
    result: ArticleCheck,
    newest: dict[SourceKind, SourceSnapshot],
    usable: dict[SourceKind, SourceSnapshot],
) -> None:
    """Mark the article unverified for each source whose newest snapshot could not be read."""
    for kind, shot in newest.items():
        lost = _unread_reason(usable.get(kind), shot)
        if lost is not None:
            result.unverified.append(Unverified(doi=result.doi, source=kind.value, reason=lost))


def _pair_sources(
    context: CheckContext, usable: dict[SourceKind, SourceSnapshot]
) -> dict[SourceKind, dict[int, SourceAuthor]]:
    """Pair the team's byline with each source's; record the pairs; return, per source, the
    source author paired with each team byline place."""
    record = context.record
    keys = team_keys(record.authors)
    paired: dict[SourceKind, dict[int, SourceAuthor]] = {}
    for kind, shot in usable.items():
        pairs = match_authors(record.authors, context.people, shot.authors, keys)
        context.result.pairs[kind.value] = pairs
        paired[kind] = {pair.team: shot.authors[pair.source] for pair in pairs}
    return paired


def _note_draft_roles(context: CheckContext) -> None:
    """A draft record's authors whose roles are not recorded yet, each a finding."""
    for index, author in enumerate(context.record.authors):
        if author.roles is None:
            draft = f"{author.printed.display()}: roles not recorded yet (draft record)"
            context.about("team", author, index)(Rule.ROLES_NOT_RECORDED, draft)


def _unread_reason(read: SourceSnapshot | None, newest: SourceSnapshot) -> str | None:
    """Why a source whose newest snapshot was not read leaves the article unverified, if it does.

    Not found with no earlier reading is no failure: the source simply has nothing.
    """
    if newest.state is FetchState.OK:
        return None
    failed = newest.reason or "could not fetch"
    if read is None:
        return failed if newest.state is FetchState.FAILED else None
    on = newest.fetched_at.date().isoformat()
    what = (
        f"not found on {on}"
        if newest.state is FetchState.NOT_FOUND
        else f"could not be read on {on} ({failed})"
    )
    return (
        f"found on {read.fetched_at.date().isoformat()}, {what};"
        " the findings of the last reading are still reported"
    )


def _check_source(
    context: CheckContext, shot: SourceSnapshot, pairs: list[Pair], with_roles: set[int]
) -> None:
    source = shot.source.value
    authors = context.record.authors
    if shot.complete:
        _check_byline(context, shot, pairs)
    for pair in pairs:
        author, other = authors[pair.team], shot.authors[pair.source]
        person = context.people.get(author.person)
        check_name(context, source, pair, author, person, other)
        if shot.source is not SourceKind.STATEMENT:
            check_orcid(context, source, pair.team, author, person, other)
        # a source without roles is only news when no other source lists this author's roles
        if other.roles is not None or pair.team not in with_roles:
            check_roles(context, source, pair.team, author, other, shot.complete)
    _check_unread(context, shot, {pair.source: pair.team for pair in pairs})
    for notice in shot.notices:
        label = notice.label or notice.kind
        dated = f", {notice.date}" if notice.date else ""
        exists = f"a {notice.kind} notice exists: {notice.doi} ({label}{dated})"
        context.about(source)(
            Rule.CORRECTION_PUBLISHED, exists, key=notice.doi, observed=notice.doi
        )


def _check_unread(context: CheckContext, shot: SourceSnapshot, paired: dict[int, int]) -> None:
    """Each part of a statement or footnote the parser did not understand, with its text; each
    difference between an article and its translation, or between a file's `<role>` markup and
    its statement, about the team's author it names; a statement in no CRediT term."""
    source = shot.source.value
    for problem in shot.problems:
        # the source's own words: they may name an author by a former name (a sentence the
        # reader could not read is quoted whole), so the check's guard is asked of them too
        text = context.former(None).quoted(problem.text)
        key = fold(problem.text)  # two passages withheld stay two findings
        if isinstance(problem, TranslationDiffers | PartsDiffer):
            position = problem.position
            team = paired.get(position - 1) if position is not None else None
            author = context.record.authors[team] if team is not None else None
            about = context.about(source, author, team)
            rule = (
                Rule.TRANSLATION_DISAGREES
                if isinstance(problem, TranslationDiffers)
                else Rule.SOURCES_DISAGREE
            )
            about(rule, f"{SOURCE}: {text}", key=key, observed=text)
        elif isinstance(problem, Unread):
            unread = f"{SOURCE}: a part of the contributions was not understood: {text!r}"
            context.about(source)(Rule.STATEMENT_UNREAD, unread, key=key, observed=text)
        elif isinstance(problem, NotCredit):
            said = f"{SOURCE} states the contributions in no CRediT term: {text!r}"
            context.about(source)(Rule.ROLE_UNMAPPED, said, key=key, observed=text)


def _check_byline(context: CheckContext, shot: SourceSnapshot, pairs: list[Pair]) -> None:
    if len(pairs) == len(context.record.authors) == len(shot.authors) and all(
        p.team == p.source for p in pairs
    ):
        return  # everyone paired, in order
    source = shot.source.value
    team_taken = {pair.team for pair in pairs}
    source_taken = {pair.source for pair in pairs}
    for index, author in enumerate(context.record.authors):
        if index not in team_taken:
            name = author.printed.display()
            missing = f"{name} is not among the authors {SOURCE} shows"
            context.about(source, author, index)(Rule.AUTHOR_MISSING, missing, expected=name)
    guard = context.former(None)  # an author no one is paired with may be anyone
    for index, other in enumerate(shot.authors):
        if index not in source_taken:
            shown = guard.shown(other.raw)
            extra = (
                f"{SOURCE} shows an author the team's record does not have: {shown}"
                f" (position {other.position})"
            )
            key = f"{index}:{fold(other.raw)}"
            context.about(source)(Rule.AUTHOR_EXTRA, extra, key=key, observed=shown)
    for pair in out_of_order(pairs):
        author = context.record.authors[pair.team]
        team, theirs = str(pair.team + 1), str(shot.authors[pair.source].position)
        moved = f"{author.printed.display()} is author {team} in the team's record but {theirs}"
        context.about(source, author, pair.team)(
            Rule.AUTHOR_ORDER, f"{moved} in {SOURCE}", expected=team, observed=theirs
        )


def out_of_order(pairs: list[Pair]) -> list[Pair]:
    """Return the pairs not on the longest run that keeps the team's order (the moved authors)."""
    ordered = sorted(pairs, key=lambda pair: pair.team)
    positions = [pair.source for pair in ordered]
    keep = _longest_increasing(positions)
    return [pair for k, pair in enumerate(ordered) if k not in keep]


def _longest_increasing(values: list[int]) -> set[int]:
    best_len = [1] * len(values)
    previous = [-1] * len(values)
    for i in range(len(values)):
        for j in range(i):
            if values[j] < values[i] and best_len[j] + 1 > best_len[i]:
                best_len[i], previous[i] = best_len[j] + 1, j
    if not values:
        return set()
    index = max(range(len(values)), key=lambda k: best_len[k])
    keep = set()
    while index != -1:
        keep.add(index)
        index = previous[index]
    return keep
