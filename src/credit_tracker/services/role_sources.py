"""The publisher's side of a fetch: for each DOI, the first role source that can be read.

The order (README, "Where the publisher's roles are read"):
1. the open archives: PLOS's article file for PLOS DOIs, else Europe PMC's open full text (one
   search for 25 DOIs);
2. Springer Nature's open-access JATS API, for Springer Nature's articles, with the office's key;
3. the Crossref record's full-text links, in `domain.fulltext.ranked`'s order (the version of
   record first; XML, then PDF, then text), a keyed host's with the office's key.

A DOI stops at the first full text that is read, whatever it says (another copy of the same
article would say the same); a refusal, a dead link, a page instead of a file or a format not
read yet moves on to the next. Each DOI ends in exactly one snapshot carrying its typed status:
the source read, or the most telling reason none was (`domain.coverage.first_lack`).

The DOIs are grouped by the host of their first full text and the groups fetched side by side,
so that a slow host never holds back the others; each host keeps its own limits (transport).
"""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import datetime

from credit_tracker.domain.coverage import (
    Channel,
    Lack,
    RoleSourceMissing,
    RoleSourceRead,
    first_lack,
)
from credit_tracker.domain.models import SourceSnapshot
from credit_tracker.domain.role_sources import states_roles
from credit_tracker.parse.crossref import ParsedWork
from credit_tracker.services.fulltext_snapshots import missing_snapshot, read_fulltext
from credit_tracker.services.snapshots import jats_snapshot
from credit_tracker.sources.article_xml import PublisherClient, XmlResult, plos_journal
from credit_tracker.sources.fulltext import Candidate, FullTextClient, NoKey
from credit_tracker.sources.results import CouldNotFetch, Fetched, NoAccess, NotFound

MAX_HOSTS_AT_ONCE = 8


@dataclass(frozen=True)
class _Job:
    """One DOI's turn at the publishers: its work, the archives' answer, what may be asked."""

    doi: str
    work: ParsedWork
    archived: XmlResult
    candidates: list[Candidate]
    no_keys: list[NoKey]


@dataclass
class RoleSourceFinder:
    """Finds each DOI's role source: the open archives, then the publishers' full texts."""

    archives: PublisherClient
    fulltext: FullTextClient | None = None
    """None: the open archives only."""

    def find(self, works: dict[str, ParsedWork], now: datetime) -> list[SourceSnapshot]:
        """One snapshot per DOI (keyed by its Crossref work, just read)."""
        shots: list[SourceSnapshot] = []
        rest: dict[str, XmlResult] = {}
        for doi, result in self.archives.fetch_many(list(works)).items():
            if isinstance(result, Fetched) or self.fulltext is None:
                shots.append(archive_snapshot(doi, result, now))
            else:
                rest[doi] = result
        return shots + (self._from_publishers(rest, works, now) if rest else [])

    def _from_publishers(
        self, archived: dict[str, XmlResult], works: dict[str, ParsedWork], now: datetime
    ) -> list[SourceSnapshot]:
        assert self.fulltext is not None
        fulltext = self.fulltext
        groups: dict[str, list[_Job]] = {}
        for doi, result in archived.items():
            work = works[doi]
            candidates, no_keys = fulltext.candidates(doi, work.member, work.links)
            host = candidates[0].host if candidates else ""
            groups.setdefault(host, []).append(_Job(doi, work, result, candidates, no_keys))

        def run(jobs: list[_Job]) -> list[SourceSnapshot]:
            return [self._one(job, now) for job in jobs]

        with ThreadPoolExecutor(max_workers=min(MAX_HOSTS_AT_ONCE, len(groups))) as pool:
            return [shot for group in pool.map(run, groups.values()) for shot in group]

    def _one(self, job: _Job, now: datetime) -> SourceSnapshot:
        assert self.fulltext is not None
        doi, work, archived, candidates = job.doi, job.work, job.archived, job.candidates
        missing = [_no_key(entry) for entry in job.no_keys]
        if isinstance(archived, CouldNotFetch):
            missing.append(RoleSourceMissing(lack=Lack.FAILED, detail=archived.reason))
        for candidate in candidates:
            result = self.fulltext.fetch(doi, candidate)
            if not isinstance(result, Fetched):
                missing.append(_missing(result))
                continue
            outcome = read_fulltext(doi, result.content, work.authors, now)
            if isinstance(outcome, SourceSnapshot):
                return outcome
            missing.append(outcome)
            if outcome.lack is Lack.NO_STATEMENT:
                break  # the article was read; another copy of it would say the same
        if not candidates and not job.no_keys:
            missing.append(_no_link(archived, work))
        best = first_lack(missing)
        assert best is not None
        return missing_snapshot(doi, best, now, candidates[0].url if candidates else None)


def archive_snapshot(doi: str, result: XmlResult, now: datetime) -> SourceSnapshot:
    """The open archive's answer as a snapshot with its status."""
    shot = jats_snapshot(doi, result, now)
    if shot.usable:
        channel = Channel.PLOS if plos_journal(doi) else Channel.EUROPE_PMC
        status: RoleSourceRead | RoleSourceMissing = RoleSourceRead(
            channel=channel, roles_stated=states_roles(shot)
        )
    else:
        lack = Lack.NO_LINK if isinstance(result, NotFound) else Lack.FAILED
        status = RoleSourceMissing(lack=lack, detail=shot.reason or "")
    return shot.model_copy(update={"role_source": status})


def _no_key(entry: NoKey) -> RoleSourceMissing:
    return RoleSourceMissing(
        lack=Lack.NO_KEY, detail=f"{entry.api.name} needs a key: set {entry.api.setting}"
    )


def _missing(result: NotFound | NoAccess | CouldNotFetch) -> RoleSourceMissing:
    lack = {NoAccess: Lack.NO_ACCESS, NotFound: Lack.NO_LINK}.get(type(result), Lack.FAILED)
    return RoleSourceMissing(lack=lack, detail=result.reason)


def _no_link(archived: XmlResult, work: ParsedWork) -> RoleSourceMissing:
    pages = " (only pages, which are not read)" if work.links else ""
    where = "no open full text in the archives" if isinstance(archived, NotFound) else ""
    detail = "; ".join(p for p in (where, f"Crossref's record links no full text{pages}") if p)
    return RoleSourceMissing(lack=Lack.NO_LINK, detail=detail)
