"""The lines the commands print and the desk shows for what a run or an edit did.

One wording for both faces: the fetch's summary and failures (a service down in one line), an
acknowledgement, a spelling; the first night's baseline; and the line a conflict in a merge of
the records prints.
"""

from __future__ import annotations

import json

from credit_tracker.domain.baseline import BaselineExisted, Bootstrap
from credit_tracker.domain.coverage import (
    CHANNEL_LABELS,
    LACK_LABELS,
    Coverage,
    PublisherCoverage,
)
from credit_tracker.domain.findings import CheckReport, Outage
from credit_tracker.domain.merging import ABSENT, Conflict
from credit_tracker.domain.models import SourceKind
from credit_tracker.domain.runs import FetchSummary
from credit_tracker.domain.text import json_visible, visible

_READING = {SourceKind.CROSSREF: "Crossref record", SourceKind.JATS: "publisher XML"}


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
        f"fetch: {summary.fetched} fetched, {_changed(summary)}, "
        f"{summary.not_found} not found, {summary.failed} failed, "
        f"{summary.xml_downloads} XML download(s) ({xml})"
    )
    return f"{line}, {summary.requests} request(s)" if requests else line


def _changed(summary: FetchSummary) -> str:
    """'2 changed', and which of them went back to an earlier copy: '1 changed (publisher XML
    back to the 2026-12-08 copy)'; '5 changed (2 back to an earlier copy)'."""
    text = f"{summary.changed} changed"
    if len(summary.reverted) == 1:
        (back,) = summary.reverted
        which = "" if summary.changed == 1 else f"{back.doi}: "
        reading = _READING.get(back.source, back.source.value)
        return f"{text} ({which}{reading} back to the {back.copy_of.isoformat()} copy)"
    if summary.reverted:
        return f"{text} ({len(summary.reverted)} back to an earlier copy)"
    return text


def outage_line(outage: Outage, when: str = "tonight") -> str:
    """'Crossref unreachable: 29 article(s) not verified tonight (connection refused, after 5
    tries); last good reading kept': a service that answered nothing, in one line."""
    n = len(outage.dois)
    if outage.kept == n:
        kept = "last good reading kept"
    elif outage.kept:
        kept = f"last good reading kept for {outage.kept} of them, the others never read"
    else:
        kept = "no earlier reading to keep"
    return (
        f"{outage.service} unreachable: {n} article(s) not verified {when} "
        f"({visible(outage.reason)}); {kept}"
    )


def failure_lines(summary: FetchSummary, when: str = "in this run") -> list[str]:
    """One line per service that answered nothing, then one per other DOI the run could not
    fetch (a DOI whose every failure an outage explains is in the outage's line), by DOI; a
    reason quoting a server shows its hidden characters as escapes, so each stays one line."""
    lines = [outage_line(outage, when) for outage in summary.outages]
    for doi, reason in sorted(summary.failures.items()):
        if not _explained(summary, doi):
            lines.append(f"could not fetch {doi}: {visible(reason)}")
    return lines


def _explained(summary: FetchSummary, doi: str) -> bool:
    """Whether every source that failed for `doi` failed in an outage."""
    failed = [source for source, dois in summary.unread.items() if doi in dois]
    return bool(failed) and all(
        any(o.source == source.value and doi in o.dois for o in summary.outages)
        for source in failed
    )


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


def report_coverage_lines(report: CheckReport) -> list[str]:
    """The check's two coverage lines: roles compared, then the role sources read (when the
    publisher's side was asked), as the text report ends and `check` and `report` print."""
    lines = [report.roles_compared.line()]
    if report.coverage is not None:
        lines.append(coverage_total_line(report.coverage))
    return lines


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


def bootstrap_line(bootstrap: Bootstrap) -> str:
    """What `nightly --bootstrap-baseline` did: wrote the first baseline, or found one."""
    if isinstance(bootstrap, BaselineExisted):
        return f"--bootstrap-baseline: {bootstrap.path} exists: an ordinary night, nothing written"
    line = (
        f"first night: no baseline yet, so {bootstrap.path} was written from tonight's "
        f"findings ({bootstrap.known} known); they do not fail this night or later ones, "
        "new findings will"
    )
    if bootstrap.unverified:
        line += (
            f"; {bootstrap.unverified} article(s) could not be read tonight: what was not read "
            "is not in it"
        )
    return line


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
