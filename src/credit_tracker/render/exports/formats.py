"""A record written back out: a tenzing table (round-trip exact), JSON that imports back, the
CRediT author statement, JATS <contrib> markup, or a Crossref <contributors> fragment."""

from __future__ import annotations

import json
from abc import ABC, abstractmethod
from collections.abc import Sequence
from dataclasses import dataclass, field

from credit_tracker.domain.drafts import SupportingFile
from credit_tracker.domain.models import ArticleRecord, Person, SourceSnapshot
from credit_tracker.parse.tenzing import export_table
from credit_tracker.render.contributions import crossref_contributors, jats_contribs, statement

People = dict[str, Person]
History = Sequence[SourceSnapshot]
"""An article's snapshots, oldest first: for what only a publisher's record says."""


@dataclass(frozen=True)
class Exported:
    """The text written, and the authors it had to leave out (roles not recorded)."""

    text: str
    left_out: list[str] = field(default_factory=list)
    unconfirmed: list[str] = field(default_factory=list)
    """Authors whose roles the deposit gives without the author's confirmation (or leaves
    out, not recorded): a publisher applies a deposit as sent."""


class ExportFormat(ABC):
    """Writes one article's record, with the people the records hold (and its snapshots, for
    what only a publisher's record says)."""

    @abstractmethod
    def render(self, record: ArticleRecord, people: People, history: History = ()) -> Exported:
        """Return the whole export."""


class TenzingExport(ExportFormat):
    """The tenzing contributors table, in the layout the record was imported from."""

    def render(self, record: ArticleRecord, people: People, history: History = ()) -> Exported:
        return Exported(export_table(record, {pid: p.orcid for pid, p in people.items()}))


class JsonExport(ExportFormat):
    """The record itself; `records import FILE.json` reads it back."""

    def render(self, record: ArticleRecord, people: People, history: History = ()) -> Exported:
        data = record.model_dump(mode="json")
        return Exported(json.dumps(data, indent=2, ensure_ascii=False) + "\n")


class StatementExport(ExportFormat):
    """The CRediT author statement, for the article's contributions section."""

    def render(self, record: ArticleRecord, people: People, history: History = ()) -> Exported:
        text, left_out = statement(record)
        return Exported(text, left_out)


class JatsExport(ExportFormat):
    """JATS <contrib> markup with JATS4R role attributes, for a publisher's XML."""

    def render(self, record: ArticleRecord, people: People, history: History = ()) -> Exported:
        return Exported(jats_contribs(record, people), unconfirmed=_unconfirmed(record))


class CrossrefExport(ExportFormat):
    """A Crossref <contributors> fragment (deposit schema 5.5.0) with CRediT roles."""

    def render(self, record: ArticleRecord, people: People, history: History = ()) -> Exported:
        text = crossref_contributors(record, people, history)
        return Exported(text, unconfirmed=_unconfirmed(record))


def _unconfirmed(record: ArticleRecord) -> list[str]:
    """The authors whose roles a deposit leaves out (not recorded), or gives without their
    confirmation: what the command says beside the export."""
    return [
        f"{author.printed.display()} ({'not recorded' if author.roles is None else 'unconfirmed'})"
        for author in record.authors
        if not author.confirmed
    ]


def supporting_files(
    record: ArticleRecord, people: dict[str, Person], history: Sequence[SourceSnapshot] = ()
) -> list[SupportingFile]:
    """The team's record as a publisher deposits it, for a correction request to carry: the
    JATS <contrib-group> and the Crossref <contributors> fragment."""
    stem = record.doi.replace("/", "_")
    return [
        SupportingFile(
            name=f"{stem}.contrib-group.xml",
            media_type="application/xml",
            what="the authors as JATS <contrib-group> markup, CRediT roles as JATS4R recommends",
            text=JatsExport().render(record, people, history).text,
        ),
        SupportingFile(
            name=f"{stem}.crossref-contributors.xml",
            media_type="application/xml",
            what="the authors as a Crossref <contributors> fragment (deposit schema 5.5.0), "
            'CRediT roles as <role vocab="credit">',
            text=CrossrefExport().render(record, people, history).text,
        ),
    ]
