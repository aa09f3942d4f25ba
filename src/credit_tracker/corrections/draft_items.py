"""One error of a correction request in plain words: which part of the article, whose, what to fix.

Rule names and source codes are the tool's own vocabulary; a journal's editorial office reads
"the online article does not list Conceptualization among Jane Illés's contributions".
"""

from __future__ import annotations

from credit_tracker.compare.matching import source_name
from credit_tracker.compare.name_rules import show_combining
from credit_tracker.domain.credit import BY_SLUG, ROLES
from credit_tracker.domain.drafts import CONFIDENTIAL, CONTRIBUTIONS, METADATA, Change, ErrorItem
from credit_tracker.domain.findings import NAME_RULES, Finding, Rule
from credit_tracker.domain.former import WITHHELD
from credit_tracker.domain.identifiers import orcid_url
from credit_tracker.domain.models import ArticleRecord, SourceSnapshot
from credit_tracker.domain.names import PersonName
from credit_tracker.domain.scripts import script_note, scripts_of

_ROLE_RULES = {Rule.ROLE_MISSING, Rule.ROLE_EXTRA, Rule.DEGREE_MISMATCH, Rule.ROLES_NOT_DEPOSITED}
_METADATA_RULES = NAME_RULES | {
    Rule.ORCID_MISSING,
    Rule.ORCID_MISMATCH,
    Rule.AUTHOR_MISSING,
    Rule.AUTHOR_EXTRA,
    Rule.AUTHOR_ORDER,
}
_SOURCE_WORDS = {
    "crossref": "Crossref's record",
    "jats": "the online article",
    "statement": "the article's Author Contributions section",
    "orcid": "the author's ORCID record",
}


def request_kind(finding: Finding) -> str | None:
    """Return the request type a finding belongs to, or None when it needs no request."""
    if finding.rule == Rule.NAME_FORMER:
        return CONFIDENTIAL
    if finding.rule in _ROLE_RULES:
        return CONTRIBUTIONS
    if finding.rule in _METADATA_RULES:
        return METADATA
    return None


def source_words(source: str, shot: SourceSnapshot | None = None) -> str:
    """Return a source in plain words; a statement read from a PDF says so."""
    if source == "statement" and shot is not None:
        origin = f"{shot.url or ''} {shot.reconstructed or ''}".lower()
        if ".pdf" in origin or "pdf's" in origin:
            return "the PDF's Author Contributions section"
    return _SOURCE_WORDS.get(source, source)


def _quoted(text: str | None) -> str:
    return f"\u201c{text}\u201d" if text else "(none)"


def _role(text: str | None) -> tuple[str, str]:
    """Return (label, 'label (URI)') for a role as a finding gives it: 'Label <URI>' or a label."""
    text = text or ""
    role = next((r for r in ROLES if r.uri in text), None) or next(
        (r for r in ROLES if r.label.lower() == text.lower()), None
    )
    if role is None:
        return text, text
    return role.label, f"{role.label} ({role.uri})"


# The verbs a headline starts with, for several sources ("Crossref's record and the online
# article do not list ...").
_PLURAL = {
    " does not ": " do not ",
    " lists ": " list ",
    " gives ": " give ",
    " prints ": " print ",
    " shows ": " show ",
    " leaves ": " leave ",
}


def error_item(
    finding: Finding,
    kind: str,
    record: ArticleRecord,
    shots: dict[str, SourceSnapshot],
) -> ErrorItem:
    """Say one error for a journal office: a headline and the changes it asks for.

    `shots` holds the snapshots of the sources the finding comes from, by source name.
    """
    where = " and ".join(source_words(source, shots.get(source)) for source in finding.sources)
    name = finding.author.name if finding.author else "an author"
    headline, changes = _say(finding, record, shots.get(finding.sources[0]), name)
    if len(finding.sources) > 1:
        verb = next((v for v in _PLURAL if headline.startswith(v)), None)
        if verb is not None:
            headline = _PLURAL[verb] + headline.removeprefix(verb)
    return ErrorItem(
        finding=finding,
        headline=where[0].upper() + where[1:] + headline,
        kind=kind,
        changes=changes,
    )


def _say(
    finding: Finding,
    record: ArticleRecord,
    shot: SourceSnapshot | None,
    name: str,
) -> tuple[str, list[Change]]:
    """Return the headline after its subject (the source), and the changes."""
    rule = finding.rule
    if rule == Rule.ROLE_MISSING:
        label, full = _role(finding.expected)
        return f" does not list {label} among {name}'s contributions.", [
            Change(full, "not listed", "listed")
        ]
    if rule == Rule.ROLE_EXTRA:
        label, full = _role(finding.observed)
        return f" lists {label} among {name}'s contributions, a role {name} did not have.", [
            Change(full, "listed", "not listed")
        ]
    if rule == Rule.DEGREE_MISMATCH:
        label = next((r.label for r in ROLES if r.label in finding.message), "a role")
        return f" gives the wrong degree of contribution for {name}'s role {label}.", [
            Change(
                f"Degree of contribution ({label})", finding.observed or "", finding.expected or ""
            )
        ]
    if rule == Rule.ROLES_NOT_DEPOSITED:
        return f" lists no CRediT roles for {name}.", [
            Change("CRediT roles", "none listed", _team_roles(record, finding))
        ]
    if rule in NAME_RULES:
        return f" prints {name}'s name as {_quoted(finding.observed)}.", _name_changes(
            finding, record, shot
        )
    if rule == Rule.NAME_FORMER:
        return f" prints a former name of {name}.", [
            Change("Name", "a former name of this author (not repeated here)", _quoted(name))
        ]
    return _byline(finding, name)


def _byline(finding: Finding, name: str) -> tuple[str, list[Change]]:
    rule, author = finding.rule, finding.author
    if rule == Rule.ORCID_MISSING:
        return f" shows no ORCID iD for {name}.", [
            Change("ORCID iD", "not shown", orcid_url(finding.expected or ""))
        ]
    if rule == Rule.ORCID_MISMATCH:
        return f" shows an ORCID iD for {name} that is not theirs.", [
            Change("ORCID iD", orcid_url(finding.observed or ""), orcid_url(finding.expected or ""))
        ]
    if rule == Rule.AUTHOR_MISSING:
        position = author.position if author else 0
        return f" leaves {name} out of the author list.", [
            Change("Author list", f"without {name}", f"{name} as author {position}")
        ]
    if rule == Rule.AUTHOR_EXTRA:
        return (
            f" lists an author who is not an author of the article: {_quoted(finding.observed)}.",
            [Change("Author list", f"includes {_quoted(finding.observed)}", "without this name")],
        )
    if rule == Rule.AUTHOR_ORDER:
        return (
            f" prints {name} as author {finding.observed}; the correct position is "
            f"{finding.expected}.",
            [Change("Position in the author list", finding.observed or "", finding.expected or "")],
        )
    return f": {finding.message}", []


def _team_roles(record: ArticleRecord, finding: Finding) -> str:
    if finding.author is None:
        return "the roles in the team's record"
    author = record.authors[finding.author.position - 1]
    roles = [BY_SLUG[a.role].label for a in author.roles or []]
    return "; ".join(roles) or "the roles in the team's record"


def _name_changes(
    finding: Finding, record: ArticleRecord, shot: SourceSnapshot | None
) -> list[Change]:
    assert finding.author is not None, "name rules are always about an author"
    correct = record.authors[finding.author.position - 1].printed
    changes = [Change("Name as printed", _quoted(finding.observed), _quoted(correct.display()))]
    scripts = script_note(correct.display(), finding.observed or "")
    if scripts:  # look-alike letters read the same in the two quotes above: name them
        changes.append(Change("Letters", scripts, f"{scripts_of(correct.display())} letters only"))
    printed = _printed_name(finding, shot)
    if printed is None:  # a statement prints one string: its split would be a guess
        return changes
    for label, now, right in (
        ("Given names", printed.given, correct.given),
        ("Family name", printed.family, correct.family),
        ("Particle", printed.particle, correct.particle),
        ("Suffix", printed.suffix, correct.suffix),
    ):
        if now != right:
            changes.append(Change(label, _quoted(now), _quoted(right)))
    return changes


def _printed_name(finding: Finding, shot: SourceSnapshot | None) -> PersonName | None:
    if shot is None or finding.observed in (None, WITHHELD):
        return None
    for author in shot.authors:
        if author.structured and show_combining(author.raw) == finding.observed:
            return source_name(author)
    return None
