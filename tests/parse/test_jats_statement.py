"""An article-level CRediT contributions footnote in real JATS files is read as the byline's roles;
prose, free text, a translation's footnote or a footnote not read cleanly is not."""

from __future__ import annotations

import pytest

from credit_tracker.domain.credit import Degree
from credit_tracker.parse.jats import parse_jats
from tests.conftest import DATA, FIXTURES

WILD = DATA / "wild" / "scieloorg+packtools"
RAC = FIXTURES / "packtools/tests/fixtures/htmlgenerator/editor/1982-7849-rac-26-06-e190379.xml"
PAZ = WILD / "1807-0205-paz-62-e202262026.xml"
BIOTA = WILD / "document-with-supplementary-material.xml"


def _roles(path, index: int) -> list[tuple[str | None, Degree | None]]:
    author = parse_jats(path.read_bytes()).authors[index]
    assert author.roles is not None
    return [(role.role, role.degree) for role in author.roles]


def test_initials_first_footnote_gives_each_author_their_roles() -> None:
    # "GSL: Investigation; GSL, JJZ: Conceptualization, Methodology, Writing - review & editing;
    #  GSL, FC, JJZ: Formal analysis, Writing - original draft. All authors ..."
    article = parse_jats(PAZ.read_bytes())
    roles = {a.raw: sorted(r.role or "" for r in a.roles or []) for a in article.authors}
    assert roles["Fernando Carvalho"] == ["formal-analysis", "writing-original-draft"]
    assert len(roles["Gustavo Silveira da Luz"]) == 6
    assert "investigation" not in roles["Jairo José Zocche"]
    assert {r.origin for a in article.authors for r in a.roles or []} == {"fn-con statement"}
    assert article.problems == []


def test_by_position_footnote_keeps_degrees_and_ignores_the_portuguese_translation() -> None:
    first = parse_jats(RAC.read_bytes()).authors[0]
    assert first.roles is not None
    assert (first.roles[0].role, first.roles[0].degree) == ("conceptualization", Degree.LEAD)
    # the English footnote was read, not the translation's "conceituação (liderança)"
    assert first.roles[0].label == "conceptualization"
    assert ("project-administration", Degree.SUPPORTING) in _roles(RAC, 1)
    assert ("writing-original-draft", Degree.EQUAL) in _roles(RAC, 2)


def test_full_names_with_a_heading_paragraph_resolve_to_the_byline() -> None:
    # the first paragraph is '<bold>Author Contributions</bold>'; "Sérgio Eustáquio de Noronha"
    assert [slug for slug, _ in _roles(BIOTA, 1)] == ["formal-analysis", "writing-review-editing"]
    assert _roles(BIOTA, 2)[0] == ("data-curation", None)


@pytest.mark.parametrize(
    "name",
    [
        # old PLOS phrases ("Conceived and designed the experiments: GD JG")
        "wild/ropensci+pubchunks/plos_2.xml",
        "fixtures/allofplos/journal.pone.0146913.xml",
        # prose with full names (PeerJ)
        "fixtures/pubchunks/inst/examples/peerj_1.xml",
        # free text in Portuguese (Hoehnea)
        "fixtures/packtools/tests/fixtures/aplicacao-design-system/"
        "2236-8906-hoehnea-49-e1112020/2236-8906-hoehnea-49-e1112020.xml",
    ],
)
def test_a_footnote_that_is_no_clean_credit_statement_gives_no_roles(name: str) -> None:
    article = parse_jats((DATA / name).read_bytes())
    assert article.authors and all(author.roles is None for author in article.authors)


def test_inverted_names_printed_two_ways_are_one_author() -> None:
    # Bragantia 2022: "Conceptualization: Tecchio, M. A. and Teixeira, L. A. J.; Methodology:
    # Callili, D., Tecchio M. A. and ...; Supervision: Tecchio, M.A." (three spellings, one man)
    article = parse_jats((WILD / "0006-8705-brag-81-e2022.xml").read_bytes())
    tecchio = article.authors[-1]
    assert tecchio.raw == "Marco Antonio Tecchio" and tecchio.roles is not None
    assert [role.role for role in tecchio.roles] == [
        "conceptualization",
        "methodology",
        "funding-acquisition",
        "resources",
        "supervision",
    ]
    assert [r.role for r in article.authors[5].roles or []] == ["investigation"]  # Domingues Neto


def test_free_text_beside_credit_terms_is_kept_as_written_and_the_terms_are_read() -> None:
    # Ciência Rural 2022: "Data acquisition: ..." and "Design of methodology and data analysis"
    article = parse_jats((WILD / "RkTvvWFPL3PKgx6cy8PhHsH.xml").read_bytes())
    zhang, _, _, wang, huo = article.authors
    assert [(r.label, r.role) for r in wang.roles or []] == [
        ("Data acquisition", None),
        ("Writing-review and editing", "writing-review-editing"),
    ]
    assert [r.role for r in huo.roles or []][-2:] == ["supervision", "project-administration"]
    assert ("Design of methodology and data analysis", None) in [
        (r.label, r.role) for r in zhang.roles or []
    ]
    assert article.problems == []


def test_initials_outside_the_byline_are_reported_and_leave_the_unnamed_unknown() -> None:
    data = PAZ.read_bytes().replace(b"<bold>GSL, FC, JJZ:</bold>", b"<bold>GSL, XY, JJZ:</bold>")
    assert data != PAZ.read_bytes()
    luz, carvalho, zocche = parse_jats(data).authors
    assert luz.roles and zocche.roles and "formal-analysis" in [r.role for r in zocche.roles]
    assert carvalho.roles is None  # perhaps the 'XY' not understood: unknown, not none
    problems = parse_jats(data).problems
    assert problems == [
        "not understood: GSL, XY, JJZ: Formal analysis, Writing - original draft: "
        "initials 'XY' fit no author; not assigned"
    ]


def test_a_footnote_a_contrib_points_to_is_not_read_as_the_whole_article() -> None:
    data = PAZ.read_bytes().replace(b"</contrib>", b'<xref ref-type="fn" rid="fn2"/></contrib>', 1)
    assert data != PAZ.read_bytes()
    # it is the first author's own footnote now (eLife's form): the others get nothing from it
    _, second, third = parse_jats(data).authors
    assert second.roles == [] and third.roles == []


def test_only_the_translation_s_footnote_is_not_read() -> None:
    start = RAC.read_bytes().index(b'<fn fn-type="con" id="fn9">')
    end = RAC.read_bytes().index(b"</fn>", start) + len(b"</fn>")
    data = RAC.read_bytes()[:start] + RAC.read_bytes()[end:]
    assert b"1<sup>\xc2\xaa</sup> autora" in data  # the Portuguese footnote is still there
    assert all(author.roles is None for author in parse_jats(data).authors)
