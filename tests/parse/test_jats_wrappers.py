"""Articles saved from PMC's services: inside `<pmc-articleset>` (E-utilities), inside an OAI-PMH
answer, or with the JATS namespace on every element. The XML here is written here, not copied
(the real files of each form are in tests/data/wild, see SOURCES.md); the names are invented."""

from __future__ import annotations

import pytest

from credit_tracker.domain.errors import InputError
from credit_tracker.parse.jats import parse_jats
from credit_tracker.parse.xml_format import JatsXml, recognise

ARTICLE = """<article{ns} article-type="research-article"><front><article-meta>
<article-id pub-id-type="doi">10.5555/wrapped.{n}</article-id>
<contrib-group><contrib contrib-type="author"><name><surname>Okafor</surname>
<given-names>Ada</given-names></name>
<role vocab="credit" vocab-term="Conceptualization">Conceptualization</role></contrib>
<contrib contrib-type="author"><name><surname>Lindqvist</surname><given-names>Per</given-names>
</name><role vocab="credit" vocab-term="Software">Software</role></contrib></contrib-group>
</article-meta></front></article>"""
JATS_NS = ' xmlns="https://jats.nlm.nih.gov/ns/archiving/1.3/"'
OAI = (
    '<OAI-PMH xmlns="http://www.openarchives.org/OAI/2.0/"><GetRecord><record><header>'
    "<identifier>oai:pubmedcentral.nih.gov:1</identifier></header><metadata>{article}"
    "</metadata></record></GetRecord></OAI-PMH>"
)


def _article(n: int = 1, ns: str = "") -> str:
    return ARTICLE.replace("{ns}", ns).replace("{n}", str(n))


def _read(xml: str) -> list[tuple[str, list[str | None]]]:
    article = parse_jats(xml.encode("utf-8"), "saved.xml")
    return [(a.name.family_full, [r.role for r in a.roles or []]) for a in article.authors]


BYLINE = [("Okafor", ["conceptualization"]), ("Lindqvist", ["software"])]


@pytest.mark.parametrize(
    "xml",
    [
        f"<pmc-articleset>{_article()}</pmc-articleset>",
        f"<pmc-articleset>{_article(ns=JATS_NS)}</pmc-articleset>",
        f"<articles>{_article()}</articles>",
        _article(ns=JATS_NS),
        OAI.format(article=_article(ns=JATS_NS)),
        # a saved answer whose envelope declares no namespace (as rtransparent's example)
        OAI.replace(' xmlns="http://www.openarchives.org/OAI/2.0/"', "").format(article=_article()),
        _article(ns=' xmlns="http://dtd.nlm.nih.gov/2.0/xsd/archivearticle"'),
    ],
    ids=[
        "articleset",
        "articleset-namespaced",
        "europe-pmc-bulk",
        "namespaced",
        "oai-pmh",
        "oai-pmh-plain",
        "nlm",
    ],
)
def test_an_article_in_a_pmc_wrapper_or_namespace_reads_as_the_bare_article(xml: str) -> None:
    assert _read(xml) == BYLINE
    assert parse_jats(xml.encode(), "saved.xml").doi == "10.5555/wrapped.1"


def test_a_set_of_several_articles_is_refused_whole() -> None:
    xml = f"<pmc-articleset>{_article(1)}{_article(2)}</pmc-articleset>"
    with pytest.raises(InputError) as caught:
        parse_jats(xml.encode(), "set.xml")
    message = caught.value.render()
    assert "set.xml" in message and "2 articles" in message and "a file of its own" in message


def test_an_oai_pmh_answer_with_no_article_says_so() -> None:
    xml = (
        '<OAI-PMH xmlns="http://www.openarchives.org/OAI/2.0/">'
        '<error code="idDoesNotExist">unknown</error></OAI-PMH>'
    )
    with pytest.raises(InputError, match="OAI-PMH answer holds no article"):
        parse_jats(xml.encode(), "answer.xml")


def test_another_namespace_is_not_taken_for_jats() -> None:
    xml = _article(ns=' xmlns="http://www.elsevier.com/xml/ja/dtd"')
    with pytest.raises(InputError, match="not a JATS article"):
        parse_jats(xml.encode(), "other.xml")


def test_a_fetched_full_text_in_a_wrapper_is_recognised_as_jats() -> None:
    document = recognise(f"<pmc-articleset>{_article()}</pmc-articleset>".encode(), "url")
    assert isinstance(document, JatsXml)
    assert document.wrapper == "PMC's article set (E-utilities)"
    assert document.article.find("front/article-meta") is not None
