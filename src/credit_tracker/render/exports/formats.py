"""A record written back out: a tenzing table (round-trip exact), JSON that imports back, the
CRediT author statement, or JATS <contrib> markup."""

from __future__ import annotations

import json
from abc import ABC, abstractmethod
from dataclasses import dataclass, field

from credit_tracker.domain.models import ArticleRecord, Person
from credit_tracker.parse.tenzing import export_table
from credit_tracker.render.contributions import jats_contribs, statement


@dataclass(frozen=True)
class Exported:
    """The text written, and the authors it had to leave out (roles not recorded)."""

    text: str
    left_out: list[str] = field(default_factory=list)


class ExportFormat(ABC):
    """Writes one article's record, with the people the records hold."""

    @abstractmethod
    def render(self, record: ArticleRecord, people: dict[str, Person]) -> Exported:
        """Return the whole export."""


class TenzingExport(ExportFormat):
    """The tenzing contributors table, in the layout the record was imported from."""

    def render(self, record: ArticleRecord, people: dict[str, Person]) -> Exported:
        return Exported(export_table(record, {pid: p.orcid for pid, p in people.items()}))


class JsonExport(ExportFormat):
    """The record itself; `records import FILE.json` reads it back."""

    def render(self, record: ArticleRecord, people: dict[str, Person]) -> Exported:
        data = record.model_dump(mode="json")
        return Exported(json.dumps(data, indent=2, ensure_ascii=False) + "\n")


class StatementExport(ExportFormat):
    """The CRediT author statement, for the article's contributions section."""

    def render(self, record: ArticleRecord, people: dict[str, Person]) -> Exported:
        text, left_out = statement(record)
        return Exported(text, left_out)


class JatsExport(ExportFormat):
    """JATS <contrib> markup with JATS4R role attributes, for a publisher's XML."""

    def render(self, record: ArticleRecord, people: dict[str, Person]) -> Exported:
        return Exported(jats_contribs(record, people))
