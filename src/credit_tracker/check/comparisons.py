"""Articles compared and not yet judged: the expensive half of a check, and what it depends on.

A comparison reads an article's record, its snapshot history, the people its byline names (by
id) and the publishers (for the article's label); nothing else of team.json. The states
(acknowledged, pending, regressed, resolved) come afterwards, from the team's small tables,
in `check.run.judge`: so a cache of comparisons per shard stays right across acknowledgements
and correction requests, and only a changed shard, person or publisher needs comparing again.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

from credit_tracker.check.coverage import Entry, coverage_entry
from credit_tracker.check.role_coverage import article_coverage
from credit_tracker.check.survey import article_info
from credit_tracker.compare.history import (
    Moment,
    changed,
    checked_article,
    moments,
    single_moment,
    timeline_steps,
)
from credit_tracker.domain.findings import Finding, Rule, Severity, Unverified
from credit_tracker.domain.models import ArticleRecord, Person, Publisher, SourceSnapshot
from credit_tracker.domain.role_coverage import RoleCoverage
from credit_tracker.domain.survey import ArticleInfo


@dataclass
class Compared:
    """What comparing some of the articles found, not yet judged (merged across workers)."""

    findings: list[Finding] = field(default_factory=list)
    unverified: list[Unverified] = field(default_factory=list)
    accepted: int = 0
    checked: set[str] = field(default_factory=set)
    moments: dict[str, list[Moment]] = field(default_factory=dict)
    """The tracked articles' findings over time (for regressions and requests' fixes)."""
    articles: dict[str, ArticleInfo] = field(default_factory=dict)
    steps: dict[str, list[int]] = field(default_factory=dict)
    aliases: dict[str, str] = field(default_factory=dict)
    """The per-source id each current finding had → its id (for stored acks and requests)."""
    coverage: Counter[Entry] = field(default_factory=Counter)
    """Each compared article's publisher and role-source status, counted."""
    roles_compared: RoleCoverage = field(default_factory=RoleCoverage)
    """How far the role check reached over these articles (the coverage line)."""

    def merge(self, other: Compared) -> None:
        self.findings += other.findings
        self.roles_compared += other.roles_compared
        self.unverified += other.unverified
        self.accepted += other.accepted
        self.checked |= other.checked
        self.aliases |= other.aliases
        self.moments.update(other.moments)
        self.articles.update(other.articles)
        self.coverage.update(other.coverage)
        for day, change in other.steps.items():
            self.add_step(day, change)

    def add_step(self, day: str, change: Iterable[int]) -> None:
        totals = self.steps.setdefault(day, [0, 0, 0])
        for n, value in enumerate(change):
            totals[n] += value


def compare_items(
    people: dict[str, Person],
    publishers: dict[str, Publisher],
    items: Iterable[tuple[ArticleRecord, list[SourceSnapshot]]],
    severities: dict[Rule, Severity],
    *,
    survey: bool,
    tracked: set[str] | None,
) -> Compared:
    """Compare the articles; keep the history and labels of the `tracked` ones (None: of all,
    for a cache that later acknowledgements and requests may need). `survey` also gathers
    what the HTML report shows: every article's findings over time and the labels."""
    partial = Compared()
    for record, history in items:
        result = checked_article(record, people, history, severities)
        partial.findings += result.findings
        partial.unverified += result.unverified
        partial.accepted += result.accepted
        partial.checked.add(record.doi)
        partial.coverage[coverage_entry(record, history, publishers)] += 1
        partial.roles_compared += article_coverage(record, history)
        present = {finding.id for finding in result.findings}
        partial.aliases |= {old: new for old, new in result.aliases.items() if new in present}
        kept = tracked is None or record.doi in tracked
        if not kept and not survey:
            continue
        # only an article whose snapshots changed is compared again, once per change
        if changed(history):
            found = moments(record, people, history, severities, result)
        else:
            found = single_moment(result, history)
        if kept:
            partial.moments[record.doi] = found
        if survey:
            for day, change in timeline_steps(found):
                partial.add_step(day, change)
            if result.findings or kept:
                partial.articles[record.doi] = article_info(record, history, publishers)
    return partial


@dataclass(frozen=True)
class ShardCheck:
    """One shard's articles compared in survey mode, with every article's history and labels
    kept (any of them may be acknowledged later): what a cache keeps per shard."""

    compared: Compared
    people: frozenset[str]
    """The ids of the people on its bylines: the only people the comparison looked up."""


def compare_shard(
    people: dict[str, Person],
    publishers: dict[str, Publisher],
    articles: dict[str, ArticleRecord],
    snapshots: dict[str, list[SourceSnapshot]],
    severities: dict[Rule, Severity],
) -> ShardCheck:
    """Compare one shard's articles with their histories, keeping everything `judge` may use."""
    items = ((record, snapshots.get(doi, [])) for doi, record in articles.items())
    named = frozenset(a.person for record in articles.values() for a in record.authors)
    compared = compare_items(people, publishers, items, severities, survey=True, tracked=None)
    return ShardCheck(compared=compared, people=named)


def person_inputs(person: Person) -> tuple[object, ...]:
    """What the comparison reads of a person: a change here changes their articles' findings.

    The name, ORCID iD, accepted spellings and former names (compare.matching, name_rules,
    agreement, role_rules, context). Team membership is left out: no comparison rule reads it.
    The name's fields as a plain dict, so that comparing 26,666 people is one C-level compare
    each, not a model's `__eq__`.
    """
    return (person.name.__dict__, person.orcid, person.accepted_spellings, person.former_names)


def merged(checks: Iterable[ShardCheck]) -> Compared:
    """Return the shards' comparisons as one, ready for `check.run.judge`."""
    total = Compared()
    for check in checks:
        total.merge(check.compared)
    return total
