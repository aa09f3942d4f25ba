"""The CRediT vocabulary and the resolver, against every role spelling found in real files."""

from __future__ import annotations

import csv

import pytest

from credit_tracker.domain.credit import (
    BY_SLUG,
    ROLES,
    Degree,
    parse_degree,
    resolve_role,
    resolve_typo,
    split_degree,
    translations,
    try_resolve_role,
)
from credit_tracker.domain.errors import UnknownRoleError
from tests.conftest import FIXTURES


def test_the_14_roles_match_the_official_niso_list() -> None:
    with open(FIXTURES / "obo-db-ingest" / "credit.tsv", encoding="utf-8", newline="") as handle:
        official = [
            (row["identifier"], row["name"]) for row in csv.DictReader(handle, delimiter="\t")
        ]
    assert [(role.slug, role.label) for role in ROLES] == official
    assert (
        BY_SLUG["writing-review-editing"].uri
        == "https://credit.niso.org/contributor-roles/writing-review-editing/"
    )


# Every spelling below was read in a fixture file (named beside it) or is a documented form.
SPELLINGS = [
    (
        "Writing \u2013 review & editing",
        "writing-review-editing",
    ),  # allofplos pone.0185809, en dash
    ("Writing \u2013 review and editing", "writing-review-editing"),  # allofplos pbio.2001413
    ("Writing - review & editing", "writing-review-editing"),  # tenzing column, packtools
    ("Writing: review & editing", "writing-review-editing"),  # colon form
    ("WRITING – REVIEW & EDITING", "writing-review-editing"),
    (
        "Writing \u2013 Review & Editing",
        "writing-review-editing",
    ),  # F1000 (pubchunks f1000research_1)
    (
        "Writing \u2013 Reviewing & Editing",
        "writing-review-editing",
    ),  # St Andrews news item wording
    ("Writing \u2013 Original Draft Preparation", "writing-original-draft"),  # F1000
    ("Writing \u2013 Original draft", "writing-original-draft"),  # JATS4R credit-test1
    ("Writing - original draft", "writing-original-draft"),  # tenzing column
    ("Conceptualisation", "conceptualization"),  # British, St Andrews news item
    ("Visualisation", "visualization"),
    ("Formal Analysis", "formal-analysis"),  # JATS4R credit-roles.xml capitalisation
    ("Funding Acquisition", "funding-acquisition"),  # F1000
    ("Project Administration", "project-administration"),  # packtools
    (
        "http://credit.niso.org/contributor-roles/writing-review-editing/",
        "writing-review-editing",
    ),  # SciELO
    (
        "https://credit.niso.org/contributor-roles/data-curation/",
        "data-curation",
    ),  # JATS4R credit-test1
    ("https://credit.niso.org/contributor-roles/methodology", "methodology"),  # no trailing slash
    ("HTTPS://CREDIT.NISO.ORG/contributor-roles/software/", "software"),
    (
        "http://dictionary.casrai.org/Contributor_Roles/Conceptualization",
        "conceptualization",
    ),  # old casrai
    (
        "https://dictionary.casrai.org/Contributor_Roles/Writing_%E2%80%93_review_%26_editing",
        "writing-review-editing",
    ),
    ("http://dictionary.casrai.org/Contributor_Roles/Data_curation/", "data-curation"),
    ("writing-review-editing", "writing-review-editing"),  # Crossref / NISO slug token
    ("writing_original_draft", "writing-original-draft"),
    ("formalanalysis", "formal-analysis"),  # JATS4R normalized-term
    ("writingOriginalDraft", "writing-original-draft"),  # camelCase token
    ("  Investigation ", "investigation"),
]


@pytest.mark.parametrize(("text", "slug"), SPELLINGS)
def test_real_world_spellings_resolve(text: str, slug: str) -> None:
    assert resolve_role(text).slug == slug


@pytest.mark.parametrize(
    ("text", "closest"),
    [
        ("Writing", "Writing – original draft"),  # JATS4R credit-test1 deliberately broken label
        ("Conceptualisaton", "Conceptualization"),
        ("Data Collection", "Data curation"),  # JATS4R: a free label, not a CRediT term
        ("Supervison", "Supervision"),
    ],
)
def test_unknown_role_names_the_closest(text: str, closest: str) -> None:
    with pytest.raises(UnknownRoleError) as caught:
        resolve_role(text)
    assert closest in str(caught.value)
    assert "not a CRediT role" in str(caught.value)


@pytest.mark.parametrize(
    "text", ["https://credit.niso.org/contributor-roles/", "Editor", "Referee", "Coleta de dados"]
)
def test_non_credit_texts_do_not_resolve(text: str) -> None:
    with pytest.raises(UnknownRoleError):
        resolve_role(text)


@pytest.mark.parametrize(
    ("text", "degree"),
    [
        ("lead", Degree.LEAD),
        ("Equal", Degree.EQUAL),
        (" supporting ", Degree.SUPPORTING),
        ("", None),
        (None, None),
    ],
)
def test_degree(text: str | None, degree: Degree | None) -> None:
    assert parse_degree(text) == degree


def test_unknown_degree_is_an_error() -> None:
    with pytest.raises(UnknownRoleError, match="lead, equal or supporting"):
        parse_degree("major")


@pytest.mark.parametrize(
    ("text", "slug"),
    [
        ("Conceitualização", "conceptualization"),  # credit-translation pt, SciELO skq7h8
        ("SUPERVISAO", "supervision"),  # case and accents ignored
        ("Escrita do rascunho original", "writing-original-draft"),  # SciELO ext-link-type-uri
        ("Aquisição de fundos", "funding-acquisition"),
        ("Redacción - revisión y edición", "writing-review-editing"),  # credit-translation es
        ("Méthodologie", "methodology"),  # credit-translation fr
        ("Datenpflege", "data-curation"),  # credit-translation de
        ("writing-review e editing", "writing-review-editing"),  # SciELO S1984 typo
        ("Contributor Roles/Data curation", "data-curation"),  # SciELO markup guide
        ("https://casrai.org/term/contributor-roles-formal-analysis/", "formal-analysis"),
        # Science Advances 2024 (tests/data/wild/petermr+amilib/PMC11818019): NISO's term page
        # and the archived NISO dictionary page
        ("https://credit.niso.org/term/contributor-roles-data-curation/", "data-curation"),
        (
            "https://web.archive.org/web/20180313224017/http://dictionary.credit.niso.org/"
            "Contributor_Roles/Visualization",
            "visualization",
        ),
        # the writing roles with 'Writing' left out (Signal Transduction and Targeted Therapy
        # 2025 prints 'Original Drafting' and 'Review and editing')
        ("Original Drafting", "writing-original-draft"),
        ("Original draft preparation", "writing-original-draft"),
        ("Review & editing", "writing-review-editing"),
    ],
)
def test_translations_and_publisher_labels_resolve(text: str, slug: str) -> None:
    assert resolve_role(text).slug == slug


@pytest.mark.parametrize("text", ["Review", "Editing", "Draft", "Writing", "Original data"])
def test_a_word_of_a_writing_role_alone_names_no_role(text: str) -> None:
    assert try_resolve_role(text) is None


def test_every_translation_row_names_a_role_and_a_source() -> None:
    rows = translations()
    assert len(rows) > 300 and all(row.slug in BY_SLUG and row.source for row in rows)
    assert {row.language for row in rows} >= {"pt", "es", "fr", "de", "it"}


def test_typos_map_only_when_one_role_is_close() -> None:
    assert resolve_typo("Writting - original draft").slug == "writing-original-draft"
    assert resolve_typo("Coordenador do projeto") is None
    assert resolve_typo("Software") is not None and resolve_typo("Sofware") is None  # too short


@pytest.mark.parametrize(
    ("text", "label", "degree", "unclear"),
    [
        ("conceptualization (equal)", "conceptualization", Degree.EQUAL, None),
        ("Writing – review & editing (lead)", "Writing – review & editing", Degree.LEAD, None),
        ("Methodology — supporting", "Methodology", Degree.SUPPORTING, None),
        ("metodologia (apoio)", "metodologia", Degree.SUPPORTING, None),
        ("conceituação (liderança)", "conceituação", Degree.LEAD, None),
        ("recursos (igual/ líder/apoio)", "recursos", None, "igual/ líder/apoio"),
        ("Writing - review & editing", "Writing - review & editing", None, None),
        ("Formal analysis (statistics)", "Formal analysis (statistics)", None, None),
    ],
)
def test_degree_written_into_a_label(
    text: str, label: str, degree: Degree | None, unclear: str | None
) -> None:
    written = split_degree(text)
    assert (written.label, written.degree, written.unclear) == (label, degree, unclear)
