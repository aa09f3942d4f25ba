"""Snapshots: what each source said about a DOI, built from answers and files, kept as a history."""

from __future__ import annotations

import hashlib
import json
from datetime import UTC, datetime

from credit_tracker.domain.errors import InputError
from credit_tracker.domain.models import (
    FetchState,
    Notice,
    SourceAuthor,
    SourceKind,
    SourceSnapshot,
)
from credit_tracker.domain.records import Records
from credit_tracker.domain.text import visible
from credit_tracker.parse.jats import ParsedArticle, parse_jats
from credit_tracker.sources.article_xml import XmlResult
from credit_tracker.sources.crossref import CrossrefResult
from credit_tracker.sources.orcid import OrcidClient
from credit_tracker.sources.results import Fetched, state_of


def now_utc() -> datetime:
    return datetime.now(UTC).replace(microsecond=0)


def latest(
    history: list[SourceSnapshot], source: SourceKind, usable_only: bool = False
) -> SourceSnapshot | None:
    """Return the newest snapshot of a source, optionally only among usable ones."""
    for snapshot in reversed(history):
        if snapshot.source is source and (snapshot.usable or not usable_only):
            return snapshot
    return None


def earlier_copy(history: list[SourceSnapshot], snapshot: SourceSnapshot) -> SourceSnapshot | None:
    """Return the older usable snapshot whose bytes this one repeats, when the last usable one
    differs (a publisher putting an earlier file back); else None."""
    older = [s for s in history if s.source is snapshot.source and s.usable]
    if not snapshot.usable or not older or older[-1].content_hash == snapshot.content_hash:
        return None
    return next((s for s in reversed(older) if s.content_hash == snapshot.content_hash), None)


def record_snapshot(records: Records, snapshot: SourceSnapshot) -> bool:
    """Add a snapshot to the history; return True when it differs from the last usable one.

    An unchanged answer only moves the last snapshot's date forward, and takes the new reading of
    the same bytes (a newer credit-tracker reads more of a file: a footnote statement, a
    translation); a repeated failure replaces the previous failure, so nightly runs do not grow
    the store with copies.
    """
    history = records.snapshots.setdefault(snapshot.doi, [])
    previous = latest(history, snapshot.source)
    good = latest(history, snapshot.source, usable_only=True)
    if (
        snapshot.usable
        and previous is good
        and good is not None
        and good.content_hash == snapshot.content_hash
    ):
        reading = {"authors": snapshot.authors, "problems": snapshot.problems}
        update = {"fetched_at": snapshot.fetched_at, **reading}
        history[history.index(good)] = good.model_copy(update=update)
        return False
    if previous is not None and not previous.usable and not snapshot.usable:
        history[history.index(previous)] = snapshot
        return False
    history.append(
        snapshot.model_copy(update={"first_seen": snapshot.first_seen or snapshot.fetched_at})
    )
    return snapshot.usable and (good is None or good.content_hash != snapshot.content_hash)


def crossref_snapshot(result: CrossrefResult, fetched_at: datetime) -> SourceSnapshot:
    """Turn a Crossref result into a snapshot (ok, not-found or failed)."""
    base = {
        "doi": result.doi,
        "source": SourceKind.CROSSREF,
        "fetched_at": fetched_at,
        "url": result.url,
    }
    if not isinstance(result, Fetched):
        return SourceSnapshot(**base, state=state_of(result), reason=result.reason)
    work = result.content
    return SourceSnapshot(
        **base,
        state=FetchState.OK,
        title=work.title,
        journal=work.journal,
        year=work.year,
        authors=work.authors,
        deposited=work.deposited,
        indexed=work.indexed,
        notices=list(work.notices),
        content_hash=work.content_hash,
        problems=work.problems,
        notice_for=work.notice_for,
        publisher=work.publisher,
        member=work.member,
        preprints=work.preprints,
    )


def jats_snapshot(doi: str, result: XmlResult, fetched_at: datetime) -> SourceSnapshot:
    """Turn an XML result into a snapshot; XML that is not JATS (or unsafe) is a failure."""
    base = {"doi": doi, "source": SourceKind.JATS, "fetched_at": fetched_at, "url": result.url}
    if not isinstance(result, Fetched):
        return SourceSnapshot(**base, state=state_of(result), reason=result.reason)
    try:
        parsed = parse_jats(result.content, origin=result.url or doi)
    except InputError as exc:
        return SourceSnapshot(**base, state=FetchState.FAILED, reason=exc.render())
    return article_snapshot(doi, parsed, result.content, base)


def article_snapshot(doi: str, parsed: ParsedArticle, body: bytes, base: dict) -> SourceSnapshot:
    """Build a JATS snapshot from a parsed article, refusing one about another DOI."""
    if parsed.doi and parsed.doi != doi:
        return SourceSnapshot(
            **base,
            state=FetchState.FAILED,
            reason=f"the XML is about another DOI ({visible(parsed.doi[:200])})",
        )
    return SourceSnapshot(
        **base,
        state=FetchState.OK,
        title=parsed.title,
        journal=parsed.journal,
        authors=parsed.authors,
        content_hash=hashlib.sha256(body).hexdigest(),
        problems=parsed.problems,
    )


def attach_notice(records: Records, notice: SourceSnapshot) -> None:
    """Record a notice DOI (a 'Correction:' with no link, say) on the article it is about."""
    target = latest(
        records.snapshots.get(notice.notice_for or "", []), SourceKind.CROSSREF, usable_only=True
    )
    if target is None or any(n.doi == notice.doi for n in target.notices):
        return
    title = notice.title or ""
    kind = "retraction" if title.casefold().startswith("retraction") else "correction"
    added = Notice(doi=notice.doi, kind=kind, label=title or None, how="title")
    history = records.snapshots[target.doi]
    history[history.index(target)] = target.model_copy(update={"notices": [*target.notices, added]})


def statement_snapshot(
    doi: str,
    path: str,
    kind: str,
    text: str,
    history: list[SourceSnapshot],
    fallback: list,
    fetched_at: datetime,
) -> SourceSnapshot:
    """Build the statement source from a document's text; InputError when it has no statement.

    Initials and positions are resolved against the byline of the newest usable JATS or Crossref
    snapshot (else the team's record), because the statement itself prints no byline.
    """
    from credit_tracker.parse.statement import find_section

    section = find_section(text)
    if section is None:
        if kind != "text":
            raise InputError(
                "no Author Contributions section found (looked for 'Author contributions', "
                "'CRediT authorship contribution statement', 'Contributions' and similar)",
                path=path,
            )
        section = text  # a statement pasted into a text file
    byline = next(
        (
            s.authors
            for k in (SourceKind.JATS, SourceKind.CROSSREF)
            if (s := latest(history, k, usable_only=True))
        ),
        fallback,
    )
    shot = read_statement(doi, f"file:{path}", section, byline, fetched_at)
    if not shot.authors:
        raise InputError("the contributions section names no author that could be read", path=path)
    return shot


def read_statement(
    doi: str, url: str, section: str, byline: list[SourceAuthor], fetched_at: datetime
) -> SourceSnapshot:
    """The `statement` source read from a section's text by the one statement reader: names
    and initials resolved against `byline`, what no form explains kept as unread problems."""
    from credit_tracker.parse.statement import parse_statement
    from credit_tracker.parse.statement_names import to_source_authors

    parsed = parse_statement(section, byline)
    return SourceSnapshot(
        doi=doi,
        source=SourceKind.STATEMENT,
        state=FetchState.OK,
        fetched_at=fetched_at,
        url=url,
        authors=to_source_authors(parsed.entries),
        complete=False,
        content_hash=hashlib.sha256(section.encode()).hexdigest(),
        problems=[f"read as a {parsed.form} statement", *parsed.problems],
    )


def orcid_snapshots(
    orcid: OrcidClient, records: Records, dois: set[str], fetched_at: datetime
) -> list[SourceSnapshot]:
    """The `orcid` source for the DOIs that team members list in their ORCID records.

    Self-asserted evidence: the contributors and CRediT roles as the member's ORCID record gives
    them. For a DOI in several members' records the first member (by id) is used.
    """
    shots: dict[str, SourceSnapshot] = {}
    for person in sorted(records.people.values(), key=lambda p: p.id):
        if not person.orcid or not person.team_member:
            continue
        for work in orcid.works(person.orcid):
            if work.doi not in dois or work.doi in shots:
                continue
            # of the versions (one per source that deposited the work), prefer one that states roles
            versions = [
                found
                for code in work.put_codes
                if (found := orcid.contributors(person.orcid, code))
            ]
            if not versions:
                continue
            url, authors = next(
                (v for v in versions if any(a.roles is not None for a in v[1])), versions[0]
            )
            body = json.dumps([a.model_dump(mode="json") for a in authors], sort_keys=True).encode()
            shots[work.doi] = SourceSnapshot(
                doi=work.doi,
                source=SourceKind.ORCID,
                state=FetchState.OK,
                fetched_at=fetched_at,
                url=url,
                authors=authors,
                complete=False,
                content_hash=hashlib.sha256(body).hexdigest(),
            )
    return list(shots.values())


def local_jats_snapshot(doi: str, path: str, data: bytes, fetched_at: datetime) -> SourceSnapshot:
    """Build a JATS snapshot from a local file (`fetch DOI --jats FILE`); InputError if bad."""
    parsed = parse_jats(data, origin=path)
    base = {"doi": doi, "source": SourceKind.JATS, "fetched_at": fetched_at, "url": f"file:{path}"}
    shot = article_snapshot(doi, parsed, data, base)
    if not shot.usable:
        raise InputError(shot.reason or "unusable XML", path=path)
    return shot
