"""The state one article's comparison shares between its rules: inputs, severities, findings."""

from __future__ import annotations

from dataclasses import dataclass, field

from credit_tracker.compare.matching import Pair
from credit_tracker.domain.findings import (
    DEFAULT_SEVERITY,
    AuthorRef,
    Finding,
    Rule,
    Severity,
    Unverified,
    finding_id,
    ordered_sources,
    source_finding_id,
)
from credit_tracker.domain.former import FormerNames
from credit_tracker.domain.models import ArticleRecord, Person, TeamAuthor

SOURCE = "{source}"
"""Where a rule's message names its source: replaced by every source that shows the finding."""


@dataclass
class ArticleCheck:
    """The outcome of comparing one article."""

    doi: str
    findings: list[Finding] = field(default_factory=list)
    unverified: list[Unverified] = field(default_factory=list)
    accepted: int = 0
    pairs: dict[str, list[Pair]] = field(default_factory=dict)
    aliases: dict[str, str] = field(default_factory=dict)
    """The id each finding had while findings were told per source → its id now."""


NAME_RULES = frozenset(
    {
        Rule.NAME_DIACRITICS,
        Rule.NAME_INITIALS,
        Rule.NAME_SPLIT,
        Rule.NAME_SPELLING,
        Rule.NAME_FORMER,
        Rule.NAME_SUFFIX,
    }
)
"""The rules about how a source prints a team member's name."""


@dataclass
class _Seen:
    """One difference as the sources so far show it, before it becomes a finding."""

    rule: Rule
    ref: AuthorRef | None
    id: str
    message: str
    expected: str | None
    observed: str | None
    sources: list[str] = field(default_factory=list)
    old_ids: list[str] = field(default_factory=list)


@dataclass
class CheckContext:
    """What one article's comparison reads and the differences it collects, one per problem."""

    record: ArticleRecord
    people: dict[str, Person]
    severities: dict[Rule, Severity]
    result: ArticleCheck
    seen: dict[tuple[object, ...], _Seen] = field(default_factory=dict)
    _guards: dict[str | None, FormerNames] = field(default_factory=dict)

    def former(self, author: TeamAuthor | None) -> FormerNames:
        """The guard of a name a source printed for `author` (None: for no author of the
        team's record, so for any of them): see domain/former.py. Made once per author."""
        key = None if author is None else author.person
        guard = self._guards.get(key)
        if guard is None:
            everyone = [self.people.get(a.person) for a in self.record.authors]
            own = everyone if author is None else [self.people.get(author.person)]
            guard = self._guards[key] = FormerNames.of(own, everyone)
        return guard

    def add(
        self,
        rule: Rule,
        *,
        source: str,
        author: TeamAuthor | None,
        index: int | None,
        key: str,
        message: str,
        expected: str | None = None,
        observed: str | None = None,
    ) -> None:
        """Note a difference one source shows; `key` tells apart those of one rule about one
        subject. The same difference from another source joins it (`finish` makes findings).

        `source` is one source, or for `sources-disagree` the two ('jats+statement'); `SOURCE`
        in `message` stands for the sources.
        """
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
        # a disagreement is about its two sources: they are part of what it is
        identity = f"{key}|{source}" if rule is Rule.SOURCES_DISAGREE else key
        merge = (rule, subject, identity, expected, observed)
        entry = self.seen.get(merge)
        if entry is None:
            new_id = finding_id(self.record.doi, rule, subject, identity, observed)
            entry = _Seen(rule, ref, new_id, message, expected, observed)
            self.seen[merge] = entry
        entry.sources += [name for name in source.split("+") if name not in entry.sources]
        entry.old_ids.append(source_finding_id(self.record.doi, source, rule, subject, key))

    def names_differ(self, person: str) -> bool:
        """Whether a name rule has noted how some source prints this person: that finding
        already says what each source prints."""
        return any(
            entry.rule in NAME_RULES and subject == person
            for (_rule, subject, *_rest), entry in self.seen.items()
        )

    def about(
        self, source: str, author: TeamAuthor | None = None, index: int | None = None
    ) -> Note:
        """`add` for one source and one author (or the article): what a rule's checks share."""
        return Note(self, source, author, index)

    def finish(self) -> None:
        """Turn the differences noted into findings, one per problem, in the order first seen."""
        for entry in self.seen.values():
            sources = ordered_sources(entry.sources)
            self.result.findings.append(
                Finding(
                    id=entry.id,
                    rule=entry.rule,
                    severity=self.severities.get(entry.rule, DEFAULT_SEVERITY[entry.rule]),
                    doi=self.record.doi,
                    sources=sources,
                    author=entry.ref,
                    expected=entry.expected,
                    observed=entry.observed,
                    message=entry.message.replace(SOURCE, " + ".join(sources), 1),
                )
            )
            self.result.aliases |= {old: entry.id for old in entry.old_ids}
        self.seen.clear()


@dataclass(frozen=True)
class Note:
    """Notes differences one source shows about one author (or the article) in a context."""

    context: CheckContext
    source: str
    author: TeamAuthor | None = None
    index: int | None = None

    def __call__(
        self,
        rule: Rule,
        message: str,
        *,
        key: str = "",
        expected: str | None = None,
        observed: str | None = None,
    ) -> None:
        """`CheckContext.add` with this source and author; `key` tells apart the differences
        of one rule about one subject ('' when there is one)."""
        self.context.add(
            rule,
            source=self.source,
            author=self.author,
            index=self.index,
            key=key,
            message=message,
            expected=expected,
            observed=observed,
        )
