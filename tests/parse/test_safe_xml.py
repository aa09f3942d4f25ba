"""Character entities a JATS file's DTD declares, read without loading the DTD. The XML here is
written here, not copied; the names are invented. (SciELO's JATS test files use `&mdash;` and
`&rsquo;` under a `<!DOCTYPE article SYSTEM …>`, see tests/data/wild/SOURCES.md.)"""

from __future__ import annotations

import pytest

from credit_tracker.domain.errors import InputError
from credit_tracker.parse.jats import parse_jats
from credit_tracker.parse.safe_xml import parse_safely

DOCTYPE = (
    '<!DOCTYPE article PUBLIC "-//NLM//DTD JATS (Z39.96) Journal Archiving and Interchange DTD'
    ' v1.3 20210610//EN" "JATS-archivearticle1-3.dtd">'
)
ARTICLE = """<article><front><article-meta><article-id pub-id-type="doi">10.5555/ent</article-id>
<title-group><article-title>Caf&eacute; &amp; r&eacute;sum&eacute;s &ndash; a study</article-title>
</title-group><contrib-group>
<contrib contrib-type="author"><name><surname>N&uacute;&ntilde;ez</surname>
<given-names>In&eacute;s</given-names></name>
<role vocab="credit">Writing &ndash; original draft</role></contrib>
<contrib contrib-type="author"><name><surname>O&rsquo;Hara</surname><given-names>Liam</given-names>
</name><role vocab="credit">Writing &mdash; review &amp; editing</role></contrib>
</contrib-group></article-meta></front></article>"""


def test_the_character_entities_of_the_jats_dtd_are_read_as_their_characters() -> None:
    article = parse_jats((DOCTYPE + ARTICLE).encode(), "scielo.xml")
    assert article.title == "Café & résumés – a study"
    names = [(a.name.given, a.name.family_full) for a in article.authors]
    assert names == [("Inés", "Núñez"), ("Liam", "O’Hara")]
    roles = [[r.role for r in a.roles or []] for a in article.authors]
    assert roles == [["writing-original-draft"], ["writing-review-editing"]]


def test_without_a_document_type_an_entity_is_still_an_error_with_its_line() -> None:
    with pytest.raises(InputError, match="undefined entity") as caught:
        parse_jats(ARTICLE.encode(), "plain.xml")
    assert caught.value.line == 2


def test_a_name_no_character_set_has_is_still_an_error() -> None:
    xml = (DOCTYPE + ARTICLE.replace("&ndash; a study", "&notacharacter; a study")).encode()
    with pytest.raises(InputError, match="undefined entity &notacharacter;"):
        parse_jats(xml, "odd.xml")


def test_a_declared_entity_is_still_refused_however_it_is_named() -> None:
    xml = b'<!DOCTYPE article [<!ENTITY mdash "boom">]><article>&mdash;</article>'
    with pytest.raises(InputError, match="refused unsafe XML"):
        parse_jats(xml, "evil.xml")


def test_iso_greek_letters_are_read_as_their_characters() -> None:
    # AAS's and IOP's titles ('the December &rgr;-Virginids'), invented here
    xml = DOCTYPE + ARTICLE.replace("Caf&eacute;", "The &rgr;- and &Ggr;-Virginids:")
    article = parse_jats(xml.encode(), "aas.xml")
    assert article.title == "The \u03c1- and \u0393-Virginids: & r\u00e9sum\u00e9s \u2013 a study"


PLAIN = (
    b'<?xml version="1.0" encoding="UTF-8"?><article><front><article-meta><contrib-group>'
    b'<contrib contrib-type="author"><name><surname>Okafor</surname><given-names>Ada'
    b"</given-names></name></contrib></contrib-group></article-meta></front></article>"
)


@pytest.mark.parametrize(
    "start", [b"\n", b"  \r\n", b"\xef\xbb\xbf\n\n"], ids=["newline", "spaces", "bom-then-lines"]
)
def test_blank_lines_before_the_xml_declaration_are_no_error(start: bytes) -> None:
    # a file saved from a web answer that starts with a newline: XML allows nothing before the
    # declaration, and expat refused the whole file
    article = parse_jats(start + PLAIN, "saved.xml")
    assert [a.name.family_full for a in article.authors] == ["Okafor"]


def test_an_error_after_blank_lines_names_its_line_in_the_file() -> None:
    xml = b"\n\n" + PLAIN.replace(b"</front>", b"</frontx>")
    with pytest.raises(InputError) as caught:
        parse_jats(xml, "saved.xml")
    assert caught.value.line == 3
    assert "line 3, column" in caught.value.render()


def test_an_entity_in_an_attribute_alone_is_read_and_cdata_is_kept_as_written() -> None:
    # expat drops an undefined entity in an attribute without a word when the DTD is external;
    # a CDATA section's text is literal, '&rsquo;' in it is no entity
    xml = (
        DOCTYPE + '<article><p title="a&mdash;b">c</p><p>&eacute;<![CDATA[x &rsquo; y]]></p>'
        "</article>"
    ).encode()
    root = parse_safely(xml, "attr.xml")
    assert root[0].get("title") == "a\u2014b"
    assert root[1].text == "\u00e9x &rsquo; y"
