"""The fix, ready to deposit: `records export --format crossref` and `--format jats` are valid
against the published schemas (Crossref 5.5.0, NISO JATS 1.4; vendored in tests/data/schemas),
carry the CRediT roles the way each defines them, and the validation is shown able to fail."""

from __future__ import annotations

import re
from pathlib import Path
from xml.etree import ElementTree as ET

import pytest
from click.testing import CliRunner

from credit_tracker.cli import cli
from credit_tracker.domain.confirmation import RoleOrigin, RoleProvenance
from credit_tracker.domain.credit import BY_SLUG, ROLES, VOCAB_IDENTIFIER, Degree
from credit_tracker.domain.models import RoleAssignment
from credit_tracker.store.folder import Store
from tests import schemas
from tests.schemas import CROSSREF

CR = "{http://www.crossref.org/schema/5.5.0}"
AIMMS = "10.5555/aimms-mentoring-2025"


@pytest.fixture(scope="session")
def crossref_schema():
    return schemas.crossref_schema()


@pytest.fixture(scope="session")
def jats_schema():
    return schemas.jats_schema()


def _full_record(records: Path) -> None:
    """The shipped record with what a deposit must handle: an ORCID iD, a suffix, a particle,
    degrees, every role, an author with none and authors not recorded."""
    with Store(records).transaction() as team:
        team.people["jane-illes"].orcid = "0000-0002-1825-0097"
        record = team.articles[AIMMS]
        confirmed = RoleProvenance(origin=RoleOrigin.AUTHOR, on="2026-12-01", file="jane.xlsx")
        record.authors[3] = record.authors[3].model_copy(
            update={
                "roles": [
                    RoleAssignment(role="conceptualization", degree=Degree.LEAD),
                    RoleAssignment(role="writing-review-editing", degree=Degree.SUPPORTING),
                ],
                "roles_from": confirmed,
            }
        )
        first = record.authors[0]
        record.authors[0] = first.model_copy(
            update={
                "printed": first.printed.model_copy(update={"particle": "van der", "suffix": "Jr"}),
                "roles": [RoleAssignment(role=role.slug) for role in ROLES],
                "roles_from": confirmed,
            }
        )
        record.authors[1] = record.authors[1].model_copy(update={"roles": []})


def _export(runner: CliRunner, fmt: str):
    result = runner.invoke(cli, ["records", "export", AIMMS, "--format", fmt])
    assert result.exit_code == 0, result.output
    return result


def test_the_crossref_fragment_is_valid_against_schema_5_5_0(
    runner: CliRunner, example_records: Path, crossref_schema
) -> None:
    _full_record(example_records)
    result = _export(runner, "crossref")
    fragment = ET.fromstring(result.stdout)
    crossref_schema.validate(fragment)
    people = fragment.findall(f"{CR}person_name")
    assert len(people) == 15
    assert [p.get("sequence") for p in people[:2]] == ["first", "additional"]
    assert all(p.get("contributor_role") == "author" for p in people)
    first = people[0]
    assert [child.tag.removeprefix(CR) for child in first][:4] == [
        "given_name",
        "surname",
        "suffix",
        "role",
    ]
    assert first.find(f"{CR}surname").text == "van der Woodrow"
    assert [r.get("type") for r in first.findall(f"{CR}role")] == [r.slug for r in ROLES]
    jane = people[3]
    assert [(r.get("vocab"), r.get("type")) for r in jane.findall(f"{CR}role")] == [
        ("credit", "conceptualization"),
        ("credit", "writing-review-editing"),
    ]
    orcid = jane.find(f"{CR}ORCID")
    # no Crossref snapshot says how the iD was deposited: the attribute is left out
    assert (
        orcid.text == "https://orcid.org/0000-0002-1825-0097" and orcid.get("authenticated") is None
    )
    assert "roles not confirmed by the author: Elizabeth Benedikz (unconfirmed)" in result.stderr


def test_the_authenticated_attribute_comes_from_crossrefs_own_record(
    runner: CliRunner, example_records: Path, crossref_schema
) -> None:
    from credit_tracker.domain.models import SourceKind

    _full_record(example_records)
    with Store(example_records).transaction() as team:
        jats = team.snapshots[AIMMS][0]
        authors = list(jats.authors)
        authors[3] = authors[3].model_copy(
            update={"orcid": "0000-0002-1825-0097", "orcid_authenticated": True}
        )
        crossref = jats.model_copy(update={"source": SourceKind.CROSSREF, "authors": authors})
        team.snapshots[AIMMS].append(crossref)
    fragment = ET.fromstring(_export(runner, "crossref").stdout)
    crossref_schema.validate(fragment)
    (orcid,) = fragment.iter(f"{CR}ORCID")
    assert orcid.get("authenticated") == "true"


def test_the_crossref_schema_refuses_what_it_has_no_place_for(crossref_schema) -> None:
    """The validation can fail: a degree, a role after the ORCID iD, a term that is no CRediT
    slug are each refused (so the exports' passing means something)."""
    good = (
        f'<contributors xmlns="{CR[1:-1]}"><person_name sequence="first" '
        'contributor_role="author"><surname>Illés</surname><role vocab="credit" '
        'type="conceptualization"/><ORCID>https://orcid.org/0000-0002-1825-0097</ORCID>'
        "</person_name></contributors>"
    )
    assert crossref_schema.is_valid(ET.fromstring(good))
    bad = [
        good.replace('type="conceptualization"/>', 'type="conceptualization" degree="lead"/>'),
        good.replace('type="conceptualization"', 'type="conceptualisation"'),
        good.replace(
            '<role vocab="credit" type="conceptualization"/><ORCID>https://orcid.org/'
            "0000-0002-1825-0097</ORCID>",
            '<ORCID>https://orcid.org/0000-0002-1825-0097</ORCID><role vocab="credit" '
            'type="conceptualization"/>',
        ),
        good.replace('vocab="credit" type="conceptualization"', 'vocab="credit" type="author"'),
    ]
    for text in bad:
        assert not crossref_schema.is_valid(ET.fromstring(text)), text


def test_the_schemas_credit_terms_are_the_niso_slugs() -> None:
    """The 14 terms Crossref's schema allows for vocab="credit" are credit.py's slugs, in order."""
    text = (CROSSREF / "crossref5.5.0.xsd").read_text(encoding="utf-8")
    assertion = re.search(r"not\(@vocab='credit'\) or\s+@type = \((.*?)\)", text, re.S)
    assert assertion is not None
    assert re.findall(r"'([a-z-]+)'", assertion.group(1)) == [role.slug for role in ROLES]


def test_the_jats_contrib_group_is_valid_against_jats_1_4_with_jats4r_credit_terms(
    runner: CliRunner, example_records: Path, jats_schema
) -> None:
    _full_record(example_records)
    group = ET.fromstring(_export(runner, "jats").stdout)
    jats_schema.validate(group)
    roles = list(group.iter("role"))
    assert len(roles) == 16
    for role in roles:
        # JATS4R's CRediT recommendation (its schematron's rules): the vocabulary, the term as
        # NISO names it, the term's URI, the text the term
        slug = (
            role.get("vocab-term-identifier")
            .removeprefix("https://credit.niso.org/contributor-roles/")
            .rstrip("/")
        )
        assert role.get("vocab") == "credit"
        assert role.get("vocab-identifier") == VOCAB_IDENTIFIER
        assert role.get("vocab-term") == BY_SLUG[slug].label == role.text
    degrees = [r.get("degree-contribution") for r in roles if r.get("degree-contribution")]
    assert degrees == ["lead", "supporting"]


def test_the_jats_schema_refuses_what_jats_has_no_place_for(jats_schema) -> None:
    good = (
        '<contrib-group><contrib contrib-type="author"><name><surname>Illés</surname></name>'
        '<role vocab="credit">Conceptualization</role></contrib></contrib-group>'
    )
    assert jats_schema.is_valid(ET.fromstring(good))
    assert not jats_schema.is_valid(ET.fromstring(good.replace('vocab="credit"', 'degree="lead"')))
