"""The six kinds of encoding seen in real publisher files, each on real files from tests/data/wild
(and the older fixtures), through the parser and the rules; test_wild_cli.py runs them through
the command line."""

from __future__ import annotations

from pathlib import Path
from xml.etree.ElementTree import fromstring

import pytest

from credit_tracker.compare.article import compare_article
from credit_tracker.domain.credit import Degree
from credit_tracker.domain.models import SourceAuthor
from credit_tracker.domain.problems import UNREAD
from credit_tracker.parse.jats import parse_jats
from credit_tracker.parse.jats_roles import footnote_roles, role_element
from credit_tracker.parse.statement import parse_statement
from credit_tracker.parse.statement_parts import names_in
from tests.conftest import DATA
from tests.parse.test_wild_corpus import EXPECTED, _above_info, _load, _snapshot, _team

WILD = DATA / "wild"
REVIEW, DRAFT = "writing-review-editing", "writing-original-draft"
SCIELO, PUBCHUNKS = WILD / "scieloorg+packtools", WILD / "ropensci+pubchunks"


def _article(path: Path):
    return parse_jats(path.read_bytes(), str(path))


def test_degrees_written_into_role_labels_are_read() -> None:
    first = _article(SCIELO / "S1984-92302025000100304.xml").authors[0].roles
    by_label = {role.label: (role.role, role.degree) for role in first}
    assert by_label["conceptualization (equal)"] == ("conceptualization", Degree.EQUAL)
    assert by_label["writing-original draft (lead)"] == ("writing-original-draft", Degree.LEAD)
    # 'e' for 'and': a real SciELO typo that names one role only
    assert by_label["writing-review e editing (equal)"] == (
        "writing-review-editing",
        Degree.EQUAL,
    )


def test_degrees_in_title_case_labels_are_read_and_a_label_naming_no_role_is_kept() -> None:
    roles = _article(SCIELO / "T9WnrWLnfCdrdZQVRvHw7yp.xml").authors[0].roles
    by_label = {role.label: (role.role, role.degree) for role in roles}
    assert by_label["Conceptualization (Lead)"] == ("conceptualization", Degree.LEAD)
    assert by_label["Formal Analysis (Lead)"] == ("formal-analysis", Degree.LEAD)
    assert by_label["Software (Lead)"] == ("software", Degree.LEAD)
    # 'Writing' is either writing role: kept as written, never guessed
    assert by_label["Writing (Lead)"] == (None, Degree.LEAD)
    assert len(roles) == 7


def test_portuguese_labels_without_a_uri_map_through_the_translations() -> None:
    authors = _article(SCIELO / "ext-link-type-uri.xml").authors
    first = [(r.label, r.role) for r in authors[0].roles]
    assert ("metodologia", "methodology") in first
    assert ("escrita do rascunho original", "writing-original-draft") in first
    assert ("Coordenador do projeto", None) in first  # no CRediT role: kept, unmapped
    third = {r.label: r.role for r in authors[2].roles}
    assert third["Administração do projeto"] == "project-administration"
    assert third["Aquisição de fundos"] == "funding-acquisition"
    assert third["supervisão"] == "supervision"


Read = tuple[str, str | None, Degree | None]


def _translation_roles(path: Path) -> tuple[list[list[Read]], list[str]]:
    """The roles of each author of the file's translation sub-article, read label by label."""
    problems: list[str] = []
    sub = next(fromstring(path.read_bytes()).iter("sub-article"))
    assert sub.get("article-type") == "translation"
    authors = []
    for contrib in sub.iter("contrib"):
        roles = [role_element(element, problems) for element in contrib.iter("role")]
        authors.append([(role.label, role.role, role.degree) for role in roles])
    return authors, problems


def test_portuguese_labels_with_degrees_in_a_translation_map_through_the_translations() -> None:
    # SciELO's Portuguese translations (sub-article) carry bare labels, no URI
    authors, problems = _translation_roles(SCIELO / "T9WnrWLnfCdrdZQVRvHw7yp.xml")
    lead = Degree.LEAD
    assert authors == [
        [
            ("Conceituação (Liderança)", "conceptualization", lead),
            ("Curadoria de dados (Liderança)", "data-curation", lead),
            ("Análise Formal (Liderança)", "formal-analysis", lead),
            ("Investigação (Liderança)", "investigation", lead),
            ("Metodologia (Liderança)", "methodology", lead),
            ("Software (Liderança)", "software", lead),
            ("Escrita - rascunho original (Liderança)", DRAFT, lead),
            ("Escrita - revisão e edição (Liderança)", REVIEW, lead),
        ]
    ]
    assert problems == []
    authors, problems = _translation_roles(SCIELO / "S1984-92302025000100304.xml")
    first = {label: (role, degree) for label, role, degree in authors[0]}
    assert first["concepção (igual)"] == ("conceptualization", Degree.EQUAL)
    assert first["redação – rascunho original (líder)"] == (DRAFT, lead)
    assert first["redação – revisão e edição (igual)"] == (REVIEW, Degree.EQUAL)
    assert authors[1][4] == ("investigação (apoio)", "investigation", Degree.SUPPORTING)
    # the translation gives the first author 'recursos', which the English does not, with a
    # degree that is three at once: the role is read, the degree reported and left out
    assert first["recursos (igual/ líder/apoio)"] == ("resources", None)
    assert problems == [
        "role 'recursos (igual/ líder/apoio)': degree 'igual/ líder/apoio' is unclear; ignored"
    ]


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("elife_1.xml", ["Conception and design", "Acquisition of data"]),
        ("../../fixtures/elife-tools/tests/sample-xml/elife05031.xml", ["Conception and design"]),
    ],
)
def test_footnote_phrases_with_and_stay_whole(name: str, expected: list[str]) -> None:
    labels = [r.label for r in _article(PUBCHUNKS / name).authors[0].roles]
    assert labels[: len(expected)] == expected
    assert "Analysis and interpretation of data" in labels or name.endswith("05031.xml")


def test_roles_joined_by_and_before_for_name_are_two_roles() -> None:
    # eLife 24271: Thomas Robert Jahn's footnote, about work done for Tobias M Rasse (author 10)
    article = _article(WILD / "elifesciences+bot-lax-adaptor" / "elife-24271-v1.xml")
    jahn = article.authors[7]
    assert jahn.raw == "Thomas Robert Jahn"
    assert [(r.label, r.role) for r in jahn.roles] == [
        ("Discussion of data", None),
        ("Resources", "resources"),
        ("Funding acquisition", "funding-acquisition"),
    ]
    # the name is written without Rasse's middle initial: still an author, so nothing is unread
    assert article.unread == [] and article.problems == []
    rasse = [r.label for r in article.authors[9].roles if r.role is None]
    assert rasse == ["writing - conceptualization and final paper"]


def test_a_for_name_naming_nobody_is_unread_and_prose_with_and_stays_whole() -> None:
    # written here, not copied: a name that is no author, and prose that names no roles
    unread: list[str] = []
    text = "Resources and Funding acquisition for Jane Nobody"
    assert [r.role for r in footnote_roles(text, ["Tobias M Rasse"], unread)] == [
        "resources",
        "funding-acquisition",
    ]
    assert unread and "Jane Nobody" in unread[0]
    same: list[str] = []
    footnote_roles("Resources for Tobias Rassé", ["Tobias M Rasse"], same)
    assert same == []  # accents and middle names aside, the same person
    other: list[str] = []
    footnote_roles("Resources for Tobias Meyer", ["Tobias M Rasse"], other)
    assert other  # first names alike, family names not
    kept = footnote_roles("Designed, performed and analysed the assays", [], [])
    assert [r.label for r in kept] == ["Designed, performed and analysed the assays"]


@pytest.mark.parametrize(
    "text",
    [
        "RJH: Conception and design, Acquisition of data",  # eLife 2012-2013: a colon after them
        "RJH, Conception and design, Acquisition of data",  # eLife 2014: a comma
        "Y-LC: Conception and design, Acquisition of data",  # a hyphenated given name's
    ],
)
def test_a_footnote_s_leading_initials_are_no_part_of_its_first_role(text: str) -> None:
    # written here, not copied: the labels are eLife's own (2012-2016), the initials invented
    roles = footnote_roles(text, [], [])
    assert [r.label for r in roles] == ["Conception and design", "Acquisition of data"]


def test_a_footnote_s_leading_initials_are_not_joined_to_a_phrase_in_small_letters() -> None:
    # written here, not copied: eLife 2014 'NMM, preformed calculations, Conception and design'
    roles = footnote_roles("ABK, carried out the field survey, Investigation", [], [])
    assert [(r.label, r.role) for r in roles] == [
        ("carried out the field survey", None),
        ("Investigation", "investigation"),
    ]


@pytest.mark.parametrize(
    ("text", "labels"),
    [
        ("Wrote, edited and revised the paper", ["Wrote, edited and revised the paper"]),
        ("Design: performed the experiments", ["Design: performed the experiments"]),
    ],
)
def test_a_footnote_s_first_word_is_not_taken_for_initials(text: str, labels: list[str]) -> None:
    # written here, not copied: a capitalised word before a comma or colon is the author's own
    # phrase, not their initials (which have two capitals: 'RJH', 'EvA', 'Y-LC'), and is kept
    assert [r.label for r in footnote_roles(text, [], [])] == labels


@pytest.mark.parametrize(
    ("name", "joined"),
    [
        ("elife-32991-v2.xml", "Writing—review and editing"),  # em dash, 2018
        ("elife-73240-v2.xml", "Writing - review and editing"),  # hyphen, 2021
        ("elife-86628-v1.xml", "Writing – review and editing"),  # spaced en dash, 2023
    ],
)
def test_an_and_inside_a_role_in_elife_footnotes_is_one_role(name: str, joined: str) -> None:
    authors = _article(WILD / "elifesciences+elife-bot" / name).authors
    labels = [(r.label, r.role) for author in authors for r in author.roles]
    assert (joined, REVIEW) in labels
    assert all(role for _label, role in labels)  # nothing split into pieces that name no role
    # 86628: 'These authors contributed equally to this work' is an fn-type="con" of no roles
    assert not any("equally" in label for label, _role in labels)


def _contributions(path: Path) -> str:
    text = _statement(path, "AUTHORS’ CONTRIBUTIONS")
    return text.removeprefix("AUTHORS’ CONTRIBUTIONS")


def test_roles_joined_by_and_in_a_role_first_statement_are_two_roles() -> None:
    # Ciência Rural 2022: full names, 'Supervision and project administration: Xuexi Huo'
    path = SCIELO / "RkTvvWFPL3PKgx6cy8PhHsH.xml"
    parsed = parse_statement(_contributions(path), _byline(path))
    roles = {entry.printed: [(r.label, r.role) for r in entry.roles] for entry in parsed.entries}
    first = [
        ("Conceptualization", "conceptualization"),
        ("Data acquisition", None),
        ("Design of methodology and data analysis", None),  # two activities in one phrase: kept
        ("Writing-original draft preparation", DRAFT),
        ("Writing-review and editing", REVIEW),
    ]
    assert roles == {
        "Qiangqiang Zhang": first,
        "Xixi Wu": first,
        "Xuexi Huo": [
            ("Conceptualization", "conceptualization"),
            ("Writing-review and editing", REVIEW),
            ("Supervision", "supervision"),
            ("project administration", "project-administration"),
        ],
        "Yue Wang": [("Data acquisition", None), ("Writing-review and editing", REVIEW)],
        "Nazir Muhammad Abdullahi": [
            ("Writing-original draft preparation", DRAFT),
            ("Writing-review and editing", REVIEW),
        ],
    }
    assert parsed.unread == [] and parsed.problems == []


def test_short_full_names_in_a_list_are_not_initials() -> None:
    # written here, not copied: 'Xixi Wu' is a name; 'GJP DSA JKH' and 'ChL BPD-J' are initials
    assert names_in("Qiangqiang Zhang, Xixi Wu and Xuexi Huo") == [
        "Qiangqiang Zhang",
        "Xixi Wu",
        "Xuexi Huo",
    ]
    assert names_in("GJP DSA JKH") == ["GJP", "DSA", "JKH"]
    assert names_in("ChL BPD-J") == ["ChL", "BPD-J"]


@pytest.mark.parametrize(
    ("name", "index", "orcid"),
    [
        ("f1000research_2.xml", 1, "0000-0002-9490-8882"),  # <uri content-type="orcid">
        ("f1000research_3.xml", 4, None),
        ("hindawi_1.xml", 8, "0000-0003-2195-3567"),  # contrib-id with an http:// URL
    ],
)
def test_orcid_ids_in_other_places(name: str, index: int, orcid: str | None) -> None:
    expected = _load(EXPECTED / name.replace(".xml", ".yaml"))["authors"][index]["orcid"]
    assert _article(PUBCHUNKS / name).authors[index].orcid == expected
    if orcid:
        assert expected == orcid


@pytest.mark.parametrize(
    ("case", "author"),
    [
        ("S0034-89102025000100200", 1),  # Ramos + <suffix>Júnior</suffix>
        ("what", 5),  # Vedovello + Filho
        ("hindawi_1", 5),  # Patrick + Jr.
        ("summary", 5),  # Cendoroglo + Neto
    ],
)
def test_suffix_names_equal_initials_and_suffix_differences(case: str, author: int) -> None:
    expected = _load(EXPECTED / f"{case}.yaml")
    record, people = _team(expected)
    shot = _snapshot(expected)
    assert record.authors[author].printed.family.endswith(expected["authors"][author]["suffix"])
    assert _above_info(compare_article(record, people, [shot]).findings) == []
    name = record.authors[author].printed
    record.authors[author].printed = name.model_copy(update={"given": f"{name.given} Q."})
    rules = [f.rule for f in _above_info(compare_article(record, people, [shot]).findings)]
    assert rules == ["name-initials"]
    without = name.model_copy(update={"family": name.family.rsplit(" ", 1)[0]})
    record.authors[author].printed = without
    people[record.authors[author].person] = people[record.authors[author].person].model_copy(
        update={"name": without}
    )
    rules = [f.rule for f in _above_info(compare_article(record, people, [shot]).findings)]
    assert rules == ["name-suffix"]


def _statement(path: Path, heading: str) -> str:
    root = fromstring(path.read_bytes())
    for fn in root.iter("fn"):
        text = " ".join("".join(fn.itertext()).split())
        if fn.get("fn-type") == "con" and text.startswith(heading):
            return text
    raise AssertionError(heading)


def _byline(path: Path) -> list[SourceAuthor]:
    return _article(path).authors


def test_a_statement_mixing_forms_is_read_whole_and_reports_what_it_cannot() -> None:
    path = SCIELO / "1807-0205-paz-62-e202262026.xml"
    text = _statement(path, "AUTHORS’ CONTRIBUTIONS:").removeprefix("AUTHORS’ CONTRIBUTIONS:")
    parsed = parse_statement(text, _byline(path))
    roles = {entry.printed: [r.role for r in entry.roles] for entry in parsed.entries}
    assert roles["GSL"][:2] == ["investigation", "conceptualization"]
    assert roles["JJZ"] == ["conceptualization", "methodology", REVIEW, "formal-analysis", DRAFT]
    assert roles["FC"] == ["formal-analysis", DRAFT]
    assert parsed.unread == []


def test_a_sentence_in_no_known_form_is_reported_not_dropped() -> None:
    path = SCIELO / "1807-0205-paz-62-e202262026.xml"
    text = _statement(path, "AUTHORS’ CONTRIBUTIONS:").removeprefix("AUTHORS’ CONTRIBUTIONS:")
    mixed = parse_statement(f"{text} Nobody knows who did the rest.", _byline(path))
    assert mixed.unread == ["Nobody knows who did the rest."]
    assert UNREAD + "Nobody knows who did the rest." in mixed.problems


def test_plos_2012_other_label_is_read() -> None:
    path = PUBCHUNKS / "plos_2.xml"
    parsed = parse_statement(_statement(path, "Conceived"), _byline(path))
    gd = next(e for e in parsed.entries if e.printed == "GD")
    labels = [(r.label, r.role) for r in gd.roles]
    assert labels[0] == ("Conceived and designed the experiments", "conceptualization")
    assert ("Provided critical feedback on design and analysis", None) in labels
    assert parsed.unread == []
