"""Every real JATS file in tests/data against a team record read by hand: no false finding, and
one planted defect per file caught by the right rule for the right author.

The expected authors live in tests/data/wild/expected/ (one YAML per article, see its README).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import pytest
import yaml

from credit_tracker.compare.article import compare_article
from credit_tracker.domain.credit import BY_SLUG, Degree
from credit_tracker.domain.findings import Finding, Severity
from credit_tracker.domain.identifiers import orcid_check_digit
from credit_tracker.domain.models import (
    ArticleRecord,
    FetchState,
    Person,
    PersonName,
    RoleAssignment,
    SourceKind,
    SourceSnapshot,
    TeamAuthor,
)
from credit_tracker.domain.names import split_particle, strip_accents
from credit_tracker.parse.jats import parse_jats
from tests.conftest import DATA

EXPECTED = DATA / "wild" / "expected"
CASES = sorted(EXPECTED.glob("*.yaml"))
# A correction notice signed by an organisation: notices are tracked through the article they
# correct (compare/article.py), so it is no article to check against a team record.
NOTICES = {"journal.pone.0097541.yaml"}
FETCHED = datetime(2026, 1, 1, tzinfo=UTC)


def _load(case: Path) -> dict:
    return yaml.safe_load(case.read_text(encoding="utf-8"))


def _team(expected: dict) -> tuple[ArticleRecord, dict[str, Person]]:
    """The team's record equal to the file, as a tenzing table would hold it (no suffix column)."""
    people: dict[str, Person] = {}
    authors = []
    for n, entry in enumerate(expected["authors"]):
        surname = " ".join(filter(None, (entry["family"], entry.get("suffix"))))
        particle, family = split_particle(surname)
        name = PersonName(given=entry["given"], family=family, particle=particle)
        person = f"p{n}"
        people[person] = Person(id=person, name=name, orcid=entry["orcid"])
        roles = None
        if entry["roles"] is not None:
            degrees = entry.get("degrees") or {}
            roles = [
                RoleAssignment(role=slug, degree=Degree(degrees[slug]) if slug in degrees else None)
                for slug in entry["roles"]
            ]
        authors.append(TeamAuthor(person=person, printed=name, roles=roles))
    return ArticleRecord(doi=expected["doi"], authors=authors), people


def _snapshot(expected: dict) -> SourceSnapshot:
    parsed = parse_jats((DATA / expected["file"]).read_bytes(), expected["file"])
    return SourceSnapshot(
        doi=expected["doi"],
        source=SourceKind.JATS,
        state=FetchState.OK,
        fetched_at=FETCHED,
        authors=parsed.authors,
        problems=parsed.problems,
    )


def _above_info(findings: list[Finding]) -> list[Finding]:
    return [f for f in findings if f.severity is not Severity.INFO]


Told = tuple[str, int | None]


def _told(findings: list[Finding]) -> list[Told]:
    return [(f.rule.value, f.author.position if f.author else None) for f in findings]


def _own(expected: dict) -> list[Told]:
    """What the file itself gives above info when the team's record equals it (its `findings`:
    initials that fit two authors, markup and statement that disagree), read by hand."""
    return [(item["rule"], item.get("author")) for item in expected.get("findings") or []]


def _beyond_own(expected: dict, findings: list[Finding]) -> list[Told]:
    """The findings above info besides the file's own, which must all be there."""
    told = _told(_above_info(findings))
    for own in _own(expected):
        assert own in told, (own, told)
        told.remove(own)
    return told


@pytest.mark.parametrize("case", CASES, ids=[case.stem for case in CASES])
def test_the_parser_reads_what_was_read_by_hand(case: Path) -> None:
    expected = _load(case)
    article = parse_jats((DATA / expected["file"]).read_bytes(), expected["file"])
    assert article.doi == expected["doi"]
    assert len(article.authors) == len(expected["authors"])
    for author, entry in zip(article.authors, expected["authors"], strict=True):
        if "organisation" in entry:
            assert author.organisation
            continue
        assert (author.name.given, author.name.family_full) == (entry["given"], entry["family"])
        assert author.name.suffix == entry.get("suffix", "")
        assert author.orcid == entry["orcid"]
        if entry["roles"] is None:
            assert author.roles is None
            continue
        mapped = [role.role for role in author.roles if role.role]
        assert list(dict.fromkeys(mapped)) == entry["roles"], author.raw
        # a degree beside a label that names no role ('Writing (Lead)') is no CRediT degree
        degrees = {r.role: r.degree.value for r in author.roles if r.role and r.degree}
        assert degrees == (entry.get("degrees") or {})


@pytest.mark.parametrize(
    "case", [c for c in CASES if c.name not in NOTICES], ids=lambda case: case.stem
)
def test_a_team_record_equal_to_the_file_gives_no_finding_above_info(case: Path) -> None:
    expected = _load(case)
    record, people = _team(expected)
    result = compare_article(record, people, [_snapshot(expected)])
    assert result.unverified == []
    assert sorted(_told(_above_info(result.findings)), key=str) == sorted(_own(expected), key=str)


@dataclass(frozen=True)
class Plant:
    """One defect put into the team's record, and the rule that must report it."""

    kind: str
    rule: str
    position: int


def _plant(kind: str, record: ArticleRecord, people: dict[str, Person]) -> Plant | None:
    """Change the team's record in one way; None when this file has nothing to change so."""
    for index, author in enumerate(record.authors):
        person = people[author.person]
        roles = author.roles
        if kind == "role added" and roles is not None and len(roles) < len(BY_SLUG):
            held = {r.role for r in roles}
            extra = next(slug for slug in BY_SLUG if slug not in held)
            author.roles = [*roles, RoleAssignment(role=extra)]
            return Plant(kind, "role-missing", index + 1)
        if kind == "role dropped" and roles:
            author.roles = roles[1:]
            return Plant(kind, "role-extra", index + 1)
        if kind == "accent stripped" and strip_accents(author.printed.display()) != (
            author.printed.display()
        ):
            name = author.printed
            stripped = name.model_copy(
                update={"given": strip_accents(name.given), "family": strip_accents(name.family)}
            )
            author.printed = stripped
            people[author.person] = person.model_copy(update={"name": stripped})
            return Plant(kind, "name-diacritics", index + 1)
        if kind == "ORCID changed" and person.orcid:
            digits = person.orcid.replace("-", "")[:15]
            changed = digits[:-1] + str((int(digits[-1]) + 1) % 10)
            whole = changed + orcid_check_digit(changed)
            orcid = "-".join(whole[i : i + 4] for i in range(0, 16, 4))
            people[author.person] = person.model_copy(update={"orcid": orcid})
            return Plant(kind, "orcid-mismatch", index + 1)
    if kind == "initial added":
        author = record.authors[0]
        added = author.printed.model_copy(update={"given": f"{author.printed.given} Q."})
        author.printed = added
        people[author.person] = people[author.person].model_copy(update={"name": added})
        return Plant(kind, "name-initials", 1)
    return None


KINDS = ["role added", "role dropped", "accent stripped", "initial added", "ORCID changed"]


def plant_and_check(number: int, case: Path) -> tuple[Plant, list[Told]]:
    """Plant the file's defect (kinds in turn, the first this file allows) and check; return
    the plant and what was told above info besides the file's own findings."""
    expected = _load(case)
    record, people = _team(expected)
    for shift in range(len(KINDS)):
        plant = _plant(KINDS[(number + shift) % len(KINDS)], record, people)
        if plant is not None:
            result = compare_article(record, people, [_snapshot(expected)])
            return plant, _beyond_own(expected, result.findings)
    raise AssertionError(f"nothing to plant in {case.name}")


ARTICLES = [c for c in CASES if c.name not in NOTICES]


@pytest.mark.parametrize("number", range(len(ARTICLES)), ids=[c.stem for c in ARTICLES])
def test_one_planted_defect_per_file_fires_the_right_rule_for_the_right_author(
    number: int,
) -> None:
    plant, told = plant_and_check(number, ARTICLES[number])
    assert told == [(plant.rule, plant.position)], plant.kind


def test_the_corpus_is_every_real_jats_file_in_tests_data() -> None:
    named = {_load(case)["file"] for case in CASES}
    on_disk = {
        str(path.relative_to(DATA))
        for folder in ("fixtures", "wild")
        for path in (DATA / folder).rglob("*")
        if path.suffix in {".xml", ".nxml"} and b"<article" in path.read_bytes()[:4000]
    }
    # JATS4R's schematron tests are examples written for the rules, not published articles
    examples = {p for p in on_disk if p.startswith("fixtures/jats-schematrons/")}
    assert named == on_disk - examples


FOOTNOTE_STATEMENTS = [
    "0006-8705-brag-81-e2022",
    "1807-0205-paz-62-e202262026",
    "1982-7849-rac-26-06-e190379",
    "document-with-supplementary-material",
]


@pytest.mark.parametrize("kind", ["role added", "role dropped"])
@pytest.mark.parametrize("stem", FOOTNOTE_STATEMENTS)
def test_role_defects_are_caught_where_the_roles_are_in_an_article_footnote(
    stem: str, kind: str
) -> None:
    """Roles printed only in one fn-type="con" footnote (SciELO) are checked like <role>s."""
    expected = _load(EXPECTED / f"{stem}.yaml")
    record, people = _team(expected)
    plant = _plant(kind, record, people)
    assert plant is not None
    findings = _above_info(compare_article(record, people, [_snapshot(expected)]).findings)
    assert [(f.rule, f.author.position if f.author else None) for f in findings] == [
        (plant.rule, plant.position)
    ]


def test_the_only_translation_that_disagrees_with_its_article_is_the_one_read_by_hand() -> None:
    """Every translation in the corpus is compared with its article; one disagrees (S1984's
    Portuguese gives the first author 'recursos'), and it is told at info."""
    told: dict[str, list[str]] = {}
    for case in ARTICLES:
        expected = _load(case)
        record, people = _team(expected)
        findings = compare_article(record, people, [_snapshot(expected)]).findings
        rules = [f for f in findings if f.rule == "translation-disagrees"]
        if rules:
            told[case.stem] = [f.message for f in rules]
            assert {f.severity for f in rules} == {Severity.INFO}
    assert told == {
        "S1984-92302025000100304": [
            "jats: the pt translation lists Resources for "
            "Ariane Belcavelo Silveira Marques, which the article does not"
        ]
    }


def _every_plant(case: Path) -> list[tuple[Plant, list[Told]]]:
    """Each kind of defect this file allows, planted alone in a fresh team record."""
    expected = _load(case)
    results = []
    for kind in KINDS:
        record, people = _team(expected)
        plant = _plant(kind, record, people)
        if plant is not None:
            result = compare_article(record, people, [_snapshot(expected)])
            results.append((plant, _beyond_own(expected, result.findings)))
    return results


@pytest.mark.parametrize("case", ARTICLES, ids=lambda case: case.stem)
def test_every_kind_of_defect_a_file_allows_fires_the_right_rule(case: Path) -> None:
    results = _every_plant(case)
    assert results  # 'initial added' applies to every file
    for plant, told in results:
        assert told == [(plant.rule, plant.position)], plant.kind
