"""The records aggregate: everything in a records folder, indexed by key, as the rules see it."""

from __future__ import annotations

from pydantic import BaseModel, Field

from credit_tracker.domain.errors import NotFoundError
from credit_tracker.domain.identifiers import normalize_doi
from credit_tracker.domain.models import (
    ArticleRecord,
    CorrectionRequest,
    Person,
    Publisher,
    SourceSnapshot,
)


class Acknowledgement(BaseModel):
    """A finding the team knows about, with why."""

    finding_id: str
    doi: str
    rule: str
    note: str
    at: str


class Records(BaseModel):
    """Everything in a records folder, indexed by key for in-memory lookups."""

    articles: dict[str, ArticleRecord] = Field(default_factory=dict)
    people: dict[str, Person] = Field(default_factory=dict)
    acknowledgements: dict[str, Acknowledgement] = Field(default_factory=dict)
    publishers: dict[str, Publisher] = Field(default_factory=dict)
    corrections: dict[str, CorrectionRequest] = Field(default_factory=dict)
    snapshots: dict[str, list[SourceSnapshot]] = Field(default_factory=dict)
    """Per DOI, every snapshot ever stored, oldest first."""
    shards: set[str] | None = None
    """The shards loaded; None when all were."""


def get_article(records: Records, doi: str) -> ArticleRecord:
    """Return the article's record; NotFoundError when the team has none."""
    key = normalize_doi(doi)
    if key not in records.articles:
        raise NotFoundError(f"no record for {key}; see 'credit-tracker records list'")
    return records.articles[key]
