"""A publisher's full text read into a snapshot: JATS by the JATS parser, Elsevier's XML and
PDFs and plain text by the one statement reader; any other XML named by its root, never read.

Each outcome is typed: a snapshot carrying `RoleSourceRead`, or a `RoleSourceMissing` saying why
nothing was read ("format not read yet: {…}component", "no contributions section").
"""

from __future__ import annotations

from datetime import datetime

from credit_tracker.domain.coverage import Channel, Lack, RoleSourceMissing, RoleSourceRead
from credit_tracker.domain.errors import InputError
from credit_tracker.domain.fulltext import LinkFormat
from credit_tracker.domain.models import FetchState, SourceAuthor, SourceKind, SourceSnapshot
from credit_tracker.domain.role_sources import states_roles
from credit_tracker.parse.documents import document_text
from credit_tracker.parse.elsevier import article_doi, credit_statement
from credit_tracker.parse.jats import read_article
from credit_tracker.parse.statement import find_section
from credit_tracker.parse.xml_format import ElsevierFullText, JatsXml, NoRecord, OtherXml, recognise
from credit_tracker.services.snapshots import article_snapshot, read_statement
from credit_tracker.sources.fulltext import FullText

Outcome = SourceSnapshot | RoleSourceMissing


def read_fulltext(
    doi: str, text: FullText, byline: list[SourceAuthor], fetched_at: datetime
) -> Outcome:
    """Read what a full text says of the authors' roles, or why nothing can be read."""
    candidate = text.candidate
    base = {"doi": doi, "fetched_at": fetched_at, "url": candidate.url}
    try:
        if text.body.startswith(b"%PDF"):
            return _document(base, text, byline, Channel.LINK_PDF, "the PDF")
        if text.body.lstrip()[:1] == b"<":
            return _xml(base, text, byline)
        if candidate.format in (LinkFormat.TEXT, LinkFormat.UNSPECIFIED):
            return _document(base, text, byline, Channel.LINK_TEXT, "the text")
    except InputError as exc:  # a broken PDF or XML: this DOI's failure, never the run's
        return RoleSourceMissing(lack=Lack.FAILED, detail=exc.render())
    kind = text.content_type or "no type"
    return RoleSourceMissing(
        lack=Lack.FORMAT_NOT_READ, detail=f"format not read yet: {kind} at {candidate.host}"
    )


def _channel(text: FullText, default: Channel) -> Channel:
    """The keyed API's channel where the key was sent, else what the file was."""
    channel = text.candidate.channel
    return channel if channel not in (Channel.LINK_XML, Channel.LINK_PDF) else default


def _document(
    base: dict, text: FullText, byline: list[SourceAuthor], channel: Channel, what: str
) -> Outcome:
    _, words = document_text(text.body, text.candidate.url)
    section = find_section(words)
    if section is None:
        return RoleSourceMissing(
            lack=Lack.NO_STATEMENT,
            detail=f"{what} at {text.candidate.host} prints no contributions section",
        )
    return _statement(base, section, byline, _channel(text, channel))


def _statement(base: dict, section: str, byline: list[SourceAuthor], channel: Channel) -> Outcome:
    shot = read_statement(base["doi"], base["url"], section, byline, base["fetched_at"])
    read = RoleSourceRead(channel=channel, roles_stated=states_roles(shot))
    return shot.model_copy(update={"role_source": read})


def _xml(base: dict, text: FullText, byline: list[SourceAuthor]) -> Outcome:
    document = recognise(text.body, text.candidate.url)
    if isinstance(document, JatsXml):
        parsed = read_article(document.article, text.candidate.url)
        shot = article_snapshot(base["doi"], parsed, text.body, {**base, "source": SourceKind.JATS})
        if not shot.usable:  # about another DOI
            return RoleSourceMissing(lack=Lack.FAILED, detail=shot.reason or "")
        read = RoleSourceRead(
            channel=_channel(text, Channel.LINK_XML), roles_stated=states_roles(shot)
        )
        return shot.model_copy(update={"role_source": read})
    if isinstance(document, NoRecord):
        return RoleSourceMissing(lack=Lack.NO_ACCESS, detail=document.reason)
    if isinstance(document, ElsevierFullText):
        return _elsevier(base, document, byline, text)
    assert isinstance(document, OtherXml)
    return RoleSourceMissing(
        lack=Lack.FORMAT_NOT_READ,
        detail=f"format not read yet: {document.root} at {text.candidate.host}",
    )


def _elsevier(
    base: dict, document: ElsevierFullText, byline: list[SourceAuthor], text: FullText
) -> Outcome:
    about = article_doi(document.root)
    if about and about.casefold() != base["doi"]:
        return RoleSourceMissing(lack=Lack.FAILED, detail=f"the XML is about another DOI ({about})")
    statement = credit_statement(document.root)
    if statement is None:
        return RoleSourceMissing(
            lack=Lack.NO_STATEMENT,
            detail="Elsevier's full text has no CRediT authorship contribution statement",
        )
    return _statement(base, statement.text, byline, _channel(text, Channel.ELSEVIER_API))


def missing_snapshot(
    doi: str, missing: RoleSourceMissing, fetched_at: datetime, url: str | None = None
) -> SourceSnapshot:
    """The snapshot recording that no role source was read, and why: not found (nothing to
    read, which fails nothing), or failed where the outcome is unknown."""
    return SourceSnapshot(
        doi=doi,
        source=SourceKind.JATS,
        state=FetchState.FAILED if missing.lack is Lack.FAILED else FetchState.NOT_FOUND,
        fetched_at=fetched_at,
        url=url,
        reason=missing.detail or None,
        role_source=missing,
    )
