"""The state one article's comparison shares between its rules: inputs, severities, findings."""

from __future__ import annotations

from dataclasses import dataclass, field

from credit_tracker.domain.findings import (
    DEFAULT_SEVERITY,
    AuthorRef,
    Finding,
    Severity,
    Unverified,
    finding_id,
)
from credit_tracker.domain.models import ArticleRecord, Person, TeamAuthor
from credit_tracker.rules.matching import Pair

WITHHELD = "[a confidential former name]"


@dataclass
class ArticleCheck:
    """The outcome of comparing one article."""

    doi: str
    findings: list[Finding] = field(default_factory=list)
    unverified: list[Unverified] = field(default_factory=list)
    accepted: int = 0
    pairs: dict[str, list[Pair]] = field(default_factory=dict)


@dataclass
class CheckContext:
    """What one article's comparison reads and the findings it collects."""

    record: ArticleRecord
    people: dict[str, Person]
    severities: dict[str, Severity]
    result: ArticleCheck

    def add(
        self,
        rule: str,
        source: str,
        author: TeamAuthor | None,
        index: int | None,
        key: str,
        message: str,
        expected: str | None = None,
        observed: str | None = None,
    ) -> None:
        """Add a finding; `key` tells apart findings of one rule about one subject."""
        ref = None
        subject = "article"
        if author is not None and index is not None:
            person = self.people.get(author.person)
            ref = AuthorRef(
                name=author.printed.display(),
                person=author.person,
                orcid=person.orcid if person else None,
                position=index + 1,
            )
            subject = author.person
        self.result.findings.append(
            Finding(
                id=finding_id(self.record.doi, source, rule, subject, key),
                rule=rule,
                severity=self.severities.get(rule, DEFAULT_SEVERITY[rule]),
                doi=self.record.doi,
                source=source,
                author=ref,
                expected=expected,
                observed=observed,
                message=message,
            )
        )
