"""The lines the commands print and the desk shows for what a run or an edit did.

One wording for both faces: the fetch's summary and failures, an acknowledgement, a spelling;
and the line a conflict in a merge of the records prints.
"""

from __future__ import annotations

import json

from credit_tracker.domain.coverage import (
    CHANNEL_LABELS,
    LACK_LABELS,
    Coverage,
    PublisherCoverage,
)
from credit_tracker.domain.merging import ABSENT, Conflict
from credit_tracker.domain.runs import FetchSummary
from credit_tracker.domain.text import json_visible, visible


def fetch_line(
    summary: FetchSummary, *, refreshed: int | None = None, requests: bool = True
) -> str:
    """'fetch: 3 fetched, 1 changed, …': what was read, what changed, what failed.

    `refreshed`: the nightly job's count of articles whose XML is read every night; `requests`
    False leaves out the requests sent (the desk's job page).
    """
    xml = f"{summary.xml_failed} failed"
    if refreshed is not None:
        xml += f"; {refreshed} article(s) with open findings or requests read every night"
    line = (
        f"fetch: {summary.fetched} fetched, {summary.changed} changed, "
        f"{summary.not_found} not found, {summary.failed} failed, "
        f"{summary.xml_downloads} XML download(s) ({xml})"
    )
    return f"{line}, {summary.requests} request(s)" if requests else line


def failure_lines(summary: FetchSummary) -> list[str]:
    """One line per DOI the run could not fetch, with why, by DOI; a reason quoting a server
    shows its hidden characters as escapes, so each stays one line."""
    return [
        f"could not fetch {doi}: {visible(reason)}"
        for doi, reason in sorted(summary.failures.items())
    ]


def skipped_lines(malformed: list[str]) -> list[str]:
    """The warnings for works the harvest skipped (a field that breaks Crossref's schema, a DOI
    that is none), each one line with hidden characters as escapes."""
    return [f"credit-tracker: warning: harvest skipped {visible(problem)}" for problem in malformed]


def acknowledged_line(finding_id: str, rule: str, doi: str) -> str:
    """The line an acknowledgement prints, at the command and at the desk."""
    return f"acknowledged {finding_id} ({rule}, {doi})"


def spelling_line(person_id: str, spelling: str, added: bool) -> str:
    """The line accepting a spelling prints, at the command and at the desk."""
    return f"{person_id}: {'accepted' if added else 'already accepted'}: {spelling}"


def coverage_lines(coverage: Coverage) -> list[str]:
    """One line per publisher (Crossref's name for it), most articles first, then the totals:
    where their roles could be read, and why not."""
    lines = [publisher_coverage_line(entry) for entry in coverage.publishers]
    if len(coverage.publishers) != 1:
        lines.append(publisher_coverage_line(coverage.total))
    return lines


def coverage_total_line(coverage: Coverage) -> str:
    """'role sources: read for 812 of 1000 article(s) (…); none for 188 (…)', for the check,
    the report, the desk and the nightly summary."""
    return f"role sources: {_coverage_text(coverage.total)}"


def publisher_coverage_line(entry: PublisherCoverage) -> str:
    """'Wiley: 12 article(s): a role source read for 5 (…); none for 7 (4 no link, …)'."""
    name = "all publishers" if entry.publisher == "all" else entry.publisher
    return f"{name}: {_coverage_text(entry)}"


def _coverage_text(entry: PublisherCoverage) -> str:
    read = _counted({CHANNEL_LABELS[c]: n for c, n in entry.read.items()})
    text = f"{entry.articles} article(s): a role source read for {entry.with_source}"
    if entry.with_source:
        text += f" ({read}; stating roles: {entry.roles_stated})"
    if entry.without_source:
        lacks = _counted({LACK_LABELS[lack]: n for lack, n in entry.missing.items()})
        text += f"; none for {entry.without_source} ({lacks})"
    if entry.not_asked:
        text += f"; {entry.not_asked} not fetched from the publisher yet"
    return text


def _counted(counts: dict[str, int]) -> str:
    ordered = sorted(counts.items(), key=lambda item: (-item[1], item[0]))
    return ", ".join(f"{n} {label}" for label, n in ordered)


SHOWN_VALUE = 120
"""Characters of a conflicting value shown; the whole value is in the other side's commit."""


def conflict_line(name: str, conflict: Conflict) -> str:
    """The one line a merge conflict prints: the file, the record, the field, the value kept and
    the other side's."""
    kept, other = _shown(conflict.kept), _shown(conflict.other)
    if conflict.field is None:
        return (
            f"{name}: {conflict.record}: removed on one side and changed on the other; kept "
            f"{kept}, the other side has {other}"
        )
    return (
        f"{name}: {conflict.record}: field {conflict.field} changed on both sides; kept "
        f"{kept}, the other side has {other}"
    )


def _shown(value: object) -> str:
    if value is ABSENT:
        return "nothing (removed)"
    text = json_visible(json.dumps(value, ensure_ascii=False, sort_keys=True))
    return text if len(text) <= SHOWN_VALUE else text[: SHOWN_VALUE - 1] + "…"
