"""Correction requests drafted from open findings, by pure code, in words a journal office reads.

Each kind of error takes a different path at publishers: a metadata or typo fix (names, ORCID iDs,
the byline); a change to the contributions (roles: every author must confirm); a confidential name
change (the former name is never printed and no notice is asked for). Nothing here sends anything.
"""

from __future__ import annotations

from credit_tracker.compare.article import latest_read
from credit_tracker.corrections.draft_items import error_item, request_kind, source_words
from credit_tracker.corrections.publishers import crossref_publisher
from credit_tracker.domain.confirmation import provenance_text
from credit_tracker.domain.drafts import (
    CONTRIBUTIONS,
    KIND_TITLES,
    METADATA,
    Draft,
    Evidence,
    Sender,
)
from credit_tracker.domain.errors import NotFoundError
from credit_tracker.domain.findings import Finding
from credit_tracker.domain.models import (
    ArticleRecord,
    Publisher,
    SourceKind,
    SourceSnapshot,
    role_text,
)


def build_draft(
    record: ArticleRecord,
    findings: list[Finding],
    history: list[SourceSnapshot],
    publisher: Publisher | None,
    person: str | None = None,
    sender: Sender | None = None,
) -> Draft:
    """Build the request for one article from its open findings (those about `person` if given).

    Raises NotFoundError when no finding is one a correction could fix.
    """
    chosen = sorted(  # errors first; each source's order kept within a severity
        (
            f
            for f in findings
            if request_kind(f) and (person is None or (f.author and f.author.person == person))
        ),
        key=lambda f: -f.severity.rank,
    )
    if not chosen:
        whom = f" about {person}" if person else ""
        raise NotFoundError(
            f"{record.doi} has no open finding{whom} that a correction could fix; run "
            "'credit-tracker check'"
        )
    newest = latest_read(history)  # what the findings come from: the last reading of each
    items = [
        error_item(f, request_kind(f) or METADATA, record, _snapshots(f, newest)) for f in chosen
    ]
    kinds = sorted({item.kind for item in items}, key=list(KIND_TITLES).index)
    journal = record.journal or next((s.journal for s in newest.values() if s.journal), "") or ""
    draft = Draft(
        doi=record.doi,
        title=record.title or next((s.title for s in newest.values() if s.title), "") or record.doi,
        journal=journal,
        to=(publisher.journals.get(journal) or publisher.email) if publisher else None,
        route=publisher.route if publisher else "",
        publisher=crossref_publisher(history) or (publisher.name if publisher else ""),
        kinds=kinds,
        items=items,
        evidence=_evidence(record, [item.finding for item in items], newest),
        author_count=len(record.authors),
        sender=sender,
    )
    if CONTRIBUTIONS in kinds:
        draft.authors_to_confirm = [a.printed.display() for a in record.authors]
        draft.basis = _basis(record, [item.finding for item in items if item.kind == CONTRIBUTIONS])
    return draft


def _basis(record: ArticleRecord, findings: list[Finding]) -> list[str]:
    """For each author the contributions' errors are about, their roles in the team's record
    and where those came from: what 'the correct details' rest on."""
    positions = sorted({f.author.position for f in findings if f.author is not None})
    lines = []
    for position in positions:
        author = record.authors[position - 1]
        lines.append(
            f"{author.printed.display()}: {role_text(author)} — "
            f"{provenance_text(author.roles_from)}"
        )
    return lines


def _snapshots(
    finding: Finding, newest: dict[SourceKind, SourceSnapshot]
) -> dict[str, SourceSnapshot]:
    """The snapshots of the sources a finding comes from, by source name."""
    return {kind.value: shot for kind, shot in newest.items() if kind.value in finding.sources}


def _evidence(
    record: ArticleRecord, findings: list[Finding], newest: dict[SourceKind, SourceSnapshot]
) -> list[Evidence]:
    """Each source the chosen errors come from, once, in the order they are first cited."""
    found: dict[str, Evidence] = {}
    for finding in findings:
        shots = _snapshots(finding, newest)
        for source in finding.sources:
            shot = shots.get(source)
            if shot is None or source in found:
                continue
            machine = shot.url if shot.url and not shot.url.startswith("file:") else None
            found[source] = Evidence(
                source=source,
                where=source_words(source, shot),
                seen=shot.fetched_at.date().isoformat(),
                page=page_url(record.doi, shot),
                machine=machine,
                note=_reconstructed(shot.reconstructed),
            )
    return list(found.values())


def _reconstructed(note: str | None) -> str | None:
    """Say once that a snapshot was built from reports; its own note often says so already."""
    if not note:
        return None
    if note.lower().startswith("reconstructed"):
        return note
    return f"Reconstructed from public reports, not fetched: {note}"


def page_url(doi: str, shot: SourceSnapshot) -> str:
    """Return the article's page for a person: PLOS's and Europe PMC's own, else the DOI link."""
    url = shot.url or ""
    if "/article/file?id=" in url:  # PLOS: the manuscript XML sits beside the article page
        base, _, rest = url.partition("/article/file?id=")
        return f"{base}/article?id={rest.split('&', 1)[0]}"
    marker = "/webservices/rest/"
    if marker in url and url.endswith("/fullTextXML"):  # Europe PMC's full text of a PMCID
        pmcid = url.split(marker, 1)[1].split("/", 1)[0]
        return f"https://europepmc.org/article/PMC/{pmcid}"
    return f"https://doi.org/{doi}"
