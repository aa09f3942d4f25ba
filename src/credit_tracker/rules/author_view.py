"""One person across the team's articles: roles recorded against each source, names as printed."""

from __future__ import annotations

from dataclasses import dataclass, field

from credit_tracker.domain.credit import BY_SLUG
from credit_tracker.domain.findings import CheckReport, CorrectionStatus, Finding
from credit_tracker.domain.models import Person, SourceKind
from credit_tracker.domain.names import fold
from credit_tracker.domain.records import Records
from credit_tracker.rules.compare import WITHHELD, ArticleCheck, compare_article, latest_by_source


@dataclass(frozen=True)
class SourceView:
    """How one source shows this person on one article."""

    source: str
    printed: str
    roles: list[str] | None
    orcid: str | None
    matched: str = ""
    """How the source's author was paired with the person, and how sure: 'exact 0.97'."""


@dataclass
class ArticleView:
    """One of the person's articles."""

    doi: str
    title: str
    position: int
    printed: str
    roles: list[str] | None
    sources: list[SourceView] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    requests: list[CorrectionStatus] = field(default_factory=list)


@dataclass
class AuthorView:
    """Everything about one person."""

    person: Person
    articles: list[ArticleView]


def author_view(
    records: Records,
    person: Person,
    report: CheckReport,
    compared: dict[str, ArticleCheck] | None = None,
) -> AuthorView:
    """Build the view from the records and a check report over the person's articles.

    `compared` keeps each article's comparison, so a view of many people compares each once.
    """
    compared = {} if compared is None else compared
    articles = []
    for doi in sorted(records.articles):
        record = records.articles[doi]
        index = next((n for n, a in enumerate(record.authors) if a.person == person.id), None)
        if index is None:
            continue
        author = record.authors[index]
        view = ArticleView(
            doi=doi,
            title=record.title or "",
            position=index + 1,
            printed=author.printed.display(),
            roles=None
            if author.roles is None
            else [a.label + (f" ({a.degree})" if a.degree else "") for a in author.roles],
        )
        if doi not in compared:
            compared[doi] = compare_article(record, records.people, records.snapshots.get(doi, []))
        view.sources = _sources(records, doi, index, person, compared[doi])
        view.findings = [
            f for f in report.findings if f.doi == doi and f.author and f.author.person == person.id
        ]
        view.requests = [status for status in report.corrections if status.doi == doi]
        articles.append(view)
    return AuthorView(person=person, articles=articles)


def _sources(
    records: Records, doi: str, index: int, person: Person, result: ArticleCheck
) -> list[SourceView]:
    newest = latest_by_source(records.snapshots.get(doi, []))
    views = []
    for source, pairs in sorted(result.pairs.items()):
        pair = next((p for p in pairs if p.team == index), None)
        if pair is None:
            views.append(
                SourceView(
                    source=source,
                    printed="(not found)",
                    roles=None,
                    orcid=None,
                    matched="not paired",
                )
            )
            continue
        shown = newest[SourceKind(source)].authors[pair.source]
        printed = (
            WITHHELD if any(fold(shown.raw) == fold(n) for n in person.former_names) else shown.raw
        )
        roles = (
            None
            if shown.roles is None
            else [r.label if r.role is None else BY_SLUG[r.role].label for r in shown.roles]
        )
        views.append(
            SourceView(
                source=source,
                printed=printed,
                roles=roles,
                orcid=shown.orcid,
                matched=f"{pair.method} {pair.confidence:g}",
            )
        )
    return views
