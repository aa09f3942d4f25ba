"""Publisher XML told apart by root and namespace, on real files (tests/data/publishers)."""

from __future__ import annotations

import pytest

from credit_tracker.domain.errors import InputError
from credit_tracker.parse.elsevier import article_doi, credit_statement
from credit_tracker.parse.jats import read_article
from credit_tracker.parse.xml_format import (
    ElsevierFullText,
    JatsXml,
    NoRecord,
    OtherXml,
    recognise,
)
from tests.conftest import FIXTURES, PUBLISHERS
from tests.parse.test_jats import SILVERCHAIR

PUB2TEI = PUBLISHERS / "kermitt2+Pub2TEI/Samples/TestPubInput"
SPRINGER = (
    PUBLISHERS / "CambridgeMolecularEngineering+chemdataextractor2/tests/data/springer"
    "/spr_test1.derived.xml"
)
ELSEVIER_2017 = (
    PUBLISHERS / "CambridgeMolecularEngineering+chemdataextractor2/tests/data/elsevier"
    "/j.jnoncrysol.2017.07.006.xml"
)
ELSEVIER_CREDIT = PUBLISHERS / "derived/10.1016-j.heliyon.2024.e31208.elsevier.derived.xml"


@pytest.mark.parametrize(
    ("path", "root"),
    [
        (
            PUBLISHERS / "ropensci+fulltext/tests/files/10_1016_s0014_5793_01_02862_9.xml",
            "{http://www.wiley.com/namespaces/wiley}component",
        ),
        (
            PUBLISHERS / "inspirehep+harvesting-kit/harvestingkit/tests/data/"
            "sample_elsevier_560_document_input_1.xml",
            "{http://www.elsevier.com/xml/ja/dtd}article (its document type declares entities: "
            "not parsed)",
        ),
        (PUB2TEI / "Elsevier/els_ce_degrees.xml", "{http://www.elsevier.com/xml/ja/dtd}article"),
        (
            PUB2TEI / "Elsevier/elsevier_03.xml",
            "{http://www.elsevier.com/xml/ja/dtd}converted-article",
        ),
        (PUB2TEI / "Springer/sp_openAccess.xml", "Publisher"),
        (
            PUB2TEI / "Nature/nature_full_7.xml",
            "article (no namespace, no JATS <front>; children pubfm, fm, bdy, bm)",
        ),
    ],
    ids=[
        "wiley",
        "elsevier-native-560",
        "elsevier-native",
        "elsevier-converted",
        "springer-a++",
        "nature-npg",
    ],
)
def test_a_schema_not_read_is_named_by_its_root_and_namespace(path, root) -> None:
    assert recognise(path.read_bytes(), str(path)) == OtherXml(root)


def test_jats_is_jats_and_npg_article_is_not_though_neither_has_a_namespace() -> None:
    jats = FIXTURES / "allofplos/journal.pbio.2001413.xml"
    assert isinstance(recognise(jats.read_bytes(), "x"), JatsXml)
    npg = PUB2TEI / "Nature/nature_full_7.xml"
    assert isinstance(recognise(npg.read_bytes(), "x"), OtherXml)


def test_springer_natures_answer_wraps_jats_and_declares_dtds_it_never_uses() -> None:
    found = recognise(SPRINGER.read_bytes(), "springer")
    assert isinstance(found, JatsXml) and found.wrapper == "Springer Nature's open-access API"
    article = read_article(found.article, "springer")
    assert article.doi == "10.1186/s11671-021-03631-x" and len(article.authors) == 8


def test_only_exactly_springer_natures_declarations_are_taken_out() -> None:
    """A document type declaring anything else (an entity to expand) is still not parsed."""
    data = SPRINGER.read_bytes().replace(
        b'<!ENTITY % article SYSTEM "http://jats.nlm.nih.gov',
        b'<!ENTITY boom "boom"><!ENTITY % article SYSTEM "http://jats.nlm.nih.gov',
    )
    assert isinstance(recognise(data, "x"), OtherXml)
    with pytest.raises(InputError, match="refused unsafe XML"):
        read_article_bytes(data)


def read_article_bytes(data: bytes) -> None:
    from credit_tracker.parse.jats import parse_jats

    parse_jats(data, "x")


def test_springer_natures_answer_for_an_article_it_does_not_hold() -> None:
    empty = (
        b'<?xml version="1.0"?><response><apiMessage>This XML was provided by Springer Nature'
        b"</apiMessage><query>doi:10.1/x</query><result><total>0</total></result><records/>"
        b"</response>"
    )
    found = recognise(empty, "x")
    assert isinstance(found, NoRecord) and "total 0" in found.reason


def test_elseviers_full_text_with_and_without_a_credit_section() -> None:
    real = recognise(ELSEVIER_2017.read_bytes(), "x")
    assert isinstance(real, ElsevierFullText)
    assert article_doi(real.root) == "10.1016/j.jnoncrysol.2017.07.006"
    assert credit_statement(real.root) is None  # 2017: sections Abstract … Acknowledgments

    derived = recognise(ELSEVIER_CREDIT.read_bytes(), "x")
    assert isinstance(derived, ElsevierFullText)
    statement = credit_statement(derived.root)
    assert statement is not None
    assert statement.heading == "CRediT authorship contribution statement"
    assert statement.text.splitlines() == [
        "Jiangping Nan: Formal analysis, Data curation, Conceptualization. "
        "Qi Xiao: Formal analysis, Data curation, Conceptualization.",
        "Milad Teimourian: Formal analysis, Data curation, Conceptualization.",
    ]


def test_broken_xml_is_an_input_error() -> None:
    with pytest.raises(InputError, match="not well-formed"):
        recognise(b"<article><front>", "x")


def test_jats_in_a_namespace_of_its_own_is_recognised_as_jats() -> None:
    found = recognise(SILVERCHAIR.encode(), "ptep")
    assert isinstance(found, JatsXml) and found.article.find("front/article-meta") is not None
