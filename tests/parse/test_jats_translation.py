"""SciELO translations (sub-article article-type="translation") read with their bare labels in
Portuguese or English and compared with the article itself, on real files."""

from __future__ import annotations

from pathlib import Path

import pytest

from credit_tracker.compare.article import compare_article
from credit_tracker.domain.findings import Severity
from credit_tracker.domain.models import FetchState, SourceKind, SourceSnapshot
from credit_tracker.domain.problems import TRANSLATION_DIFFERS
from credit_tracker.parse.jats import parse_jats
from tests.conftest import DATA, FIXTURES
from tests.parse.test_wild_corpus import _load, _team

WILD = DATA / "wild" / "scieloorg+packtools"
RAC = FIXTURES / "packtools/tests/fixtures/htmlgenerator/editor/1982-7849-rac-26-06-e190379.xml"
S1984 = WILD / "S1984-92302025000100304.xml"


def _differences(data: bytes) -> list[str]:
    problems = parse_jats(data).problems
    return [
        p.removeprefix(TRANSLATION_DIFFERS) for p in problems if p.startswith(TRANSLATION_DIFFERS)
    ]


@pytest.mark.parametrize(
    "path",
    [
        RAC,  # Portuguese footnote by position: '1ª autora: conceituação (liderança); …'
        FIXTURES / "packtools/skq7h8xjdNPvWzykLBVLJwz.xml",  # English translation, with URIs
        FIXTURES / "packtools/tests/fixtures/htmlgenerator/abstracts/FngWzPqXpsVJGyxLD5PSHPg.xml",
        # English translation with labels that name no CRediT term ('original draft writing'):
        # a role only the article names may be one of them, so none is reported
        WILD / "ext-link-type-uri.xml",
        # the article's 'Writing (Lead)' names neither writing role the translation names
        WILD / "T9WnrWLnfCdrdZQVRvHw7yp.xml",
    ],
    ids=lambda path: path.stem,
)
def test_translations_that_agree_with_the_article_give_no_difference(path: Path) -> None:
    assert _differences(path.read_bytes()) == []


def test_every_portuguese_label_of_the_footnote_is_read_and_compared() -> None:
    # one degree changed, one role taken out, in the Portuguese footnote only
    data = RAC.read_bytes()
    changed = data.replace(
        "2<sup>º</sup> autor: conceituação (suporte)".encode(),
        "2<sup>º</sup> autor: conceituação (igual)".encode(),
    ).replace(b" recursos (igual);", b"", 1)
    assert changed.count(b"recursos") == data.count(b"recursos") - 1
    assert _differences(changed) == [
        "[author 1] the pt translation does not list Resources for Maria Clara F. Dalla Costa "
        "Ames, which the article does",
        "[author 2] the pt translation gives Mauricio C. Serafim Conceptualization (equal), "
        "the article (supporting)",
    ]


def test_a_real_disagreement_is_one_info_finding_and_nothing_above() -> None:
    # read by hand: the Portuguese gives the first author 'recursos (igual/ líder/apoio)', the
    # English byline gives her no Resources
    assert _differences(S1984.read_bytes()) == [
        "[author 1] the pt translation lists Resources for Ariane Belcavelo Silveira Marques, "
        "which the article does not"
    ]
    expected = _load(DATA / "wild/expected/S1984-92302025000100304.yaml")
    record, people = _team(expected)
    parsed = parse_jats(S1984.read_bytes())
    shot = SourceSnapshot(
        doi=expected["doi"],
        source=SourceKind.JATS,
        state=FetchState.OK,
        fetched_at="2026-01-01T00:00:00Z",
        authors=parsed.authors,
        problems=parsed.problems,
    )
    findings = compare_article(record, people, [shot]).findings
    told = [(f.rule, f.severity) for f in findings if f.severity is not Severity.INFO]
    assert told == []
    (told,) = [f for f in findings if f.rule == "translation-disagrees"]
    assert told.author is not None and told.author.position == 1  # about her, in the author view
    assert told.message.startswith("jats: the pt translation lists Resources")


def test_a_translation_with_another_byline_is_one_note() -> None:
    data = S1984.read_bytes()
    sub = data.index(b"<sub-article")
    start = data.index(b"<contrib ", sub)
    end = data.index(b"</contrib>", start) + len(b"</contrib>")
    shorter = data[:start] + data[end:]
    assert _differences(shorter) == [
        "the pt translation lists 2 author(s), the article 3; their roles were not compared"
    ]
