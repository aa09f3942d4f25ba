"""A CRediT contributions statement in real JATS files (an article-level footnote, a section, a
note) is read as the byline's roles; prose, a translation's footnote, a name nobody can be sure
of is not; a statement beside <role> markup is compared with it."""

from __future__ import annotations

from xml.etree.ElementTree import fromstring

import pytest

from credit_tracker.compare.article import compare_article
from credit_tracker.domain.credit import Degree
from credit_tracker.domain.findings import Severity
from credit_tracker.parse.jats import parse_jats
from credit_tracker.parse.statement import parse_statement
from credit_tracker.parse.statement_places import statement_blocks, statement_places
from tests.conftest import DATA, FIXTURES
from tests.parse.test_statement_places import JAMA_NOTES
from tests.parse.test_wild_corpus import EXPECTED, _load, _snapshot, _team

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


# ---- statements in sections, notes and footnotes of every shape (real files) ----------------

AMILIB = DATA / "wild" / "petermr+amilib"
OPENDIAGRAM = DATA / "wild" / "petermr+openDiagram"
BIORXIV = DATA / "wild" / "elifesciences+enhanced-preprints-biorxiv-xslt"
PYEUROPEPMC = DATA / "wild" / "JonasHeinickeBio+pyEuropePMC"


def _check(stem: str) -> list:
    expected = _load(EXPECTED / f"{stem}.yaml")
    record, people = _team(expected)
    return compare_article(record, people, [_snapshot(expected)]).findings


def test_markup_and_a_statement_that_disagree_keep_the_markup_and_tell_each_author() -> None:
    # MDPI Animals 2025: <role> markup, and 'M.S.T.: Conceptualization, …; Methodology; …'
    article = parse_jats((AMILIB / "PMC12108416/fulltext.xml").read_bytes())
    assert {r.origin for a in article.authors for r in a.roles or []} == {"vocab-term-identifier"}
    differ = [p for p in article.problems if p.startswith("parts differ: ")]
    assert len(differ) == 4
    told = [f for f in _check("PMC12108416") if f.rule == "sources-disagree"]
    assert [(f.author.position, f.severity, f.sources) for f in told] == [
        (n, Severity.WARNING, ["jats"]) for n in (1, 2, 3, 4)
    ]
    assert told[1].message == (
        "jats: Prakash Chandra Aryal: the <role> markup lists Formal analysis; Investigation; "
        "Methodology; Software; Writing – review & editing, the contributions statement lists "
        "Supervision; Writing – review & editing"
    )


@pytest.mark.parametrize(
    "path",
    [
        AMILIB / "PMC10146683/fulltext.xml",  # MDPI Materials 2023, hyphenated initials
        PYEUROPEPMC / "10_3389_fimmu_2025_1688181.xml",  # Frontiers 2025, empty <role> + URI
    ],
)
def test_markup_and_a_statement_that_agree_tell_nothing(path) -> None:
    article = parse_jats(path.read_bytes())
    assert all(author.roles for author in article.authors)
    assert article.problems == []


@pytest.mark.parametrize(
    ("stem", "path"),
    [
        ("PMC7165416", OPENDIAGRAM / "PMC7165416/fulltext.xml"),  # PNAS 'designed research'
        ("PMC7538439", OPENDIAGRAM / "PMC7538439/fulltext.xml"),  # Nature 'conceived the study'
        ("PMC11348159", AMILIB / "PMC11348159/fulltext.xml"),  # PNAS, inside <ack>
        ("10_7150_ijms_120868", PYEUROPEPMC / "10_7150_ijms_120868.xml"),  # YZ fits two
    ],
)
def test_a_statement_in_no_credit_term_gives_no_roles_and_is_kept_as_text(stem, path) -> None:
    article = parse_jats(path.read_bytes())
    assert all(author.roles is None for author in article.authors)
    (kept,) = [f for f in _check(stem) if f.rule == "role-unmapped"]
    assert kept.severity is Severity.INFO and kept.author is None
    assert kept.message.startswith("jats states the contributions in no CRediT term: ")


def test_initials_that_fit_two_authors_are_told_and_leave_both_unknown() -> None:
    article = parse_jats((BIORXIV / "2023.10.16.562488.xml").read_bytes())
    unknown = [a.raw for a in article.authors if a.roles is None]
    assert unknown == [
        "Alessandro Daducci",
        "Marco Pizzolato",
        "Anders Bjorholm Dahl",
        "Maurice Ptito",
    ]
    told = [f for f in _check("2023.10.16.562488") if f.rule == "statement-unread"]
    assert len(told) == 2 and all(f.severity is Severity.WARNING for f in told)
    assert "'A.D' fit more than one author (Alessandro Daducci, Anders Bjorholm Dahl)" in (
        told[0].message
    )


def test_a_term_cut_short_and_a_term_elided_are_their_roles() -> None:
    # bioRxiv 2020: 'Luisa Fassi: …; Writing - original' (no closing punctuation, cut short)
    fassi = parse_jats((BIORXIV / "2020.12.06.411850.xml").read_bytes()).authors[0]
    assert (fassi.roles[-1].label, fassi.roles[-1].role) == (
        "Writing - original",
        "writing-original-draft",
    )
    # Portland Press 2025: 'K.J.E.: writing – original draft, review & editing;'
    first = parse_jats((PYEUROPEPMC / "10_1042_bst20253065.xml").read_bytes()).authors[0]
    assert [(r.label, r.role) for r in first.roles] == [
        ("writing – original draft", "writing-original-draft"),
        ("review & editing", "writing-review-editing"),
    ]


@pytest.mark.parametrize(
    "path",
    [
        DATA / "wild/petermr+pygetpapers/PMC8270279/fulltext.xml",  # MDPI, role first, commas
        BIORXIV / "2021.08.16.455933.xml",  # Cell Press form, 'M.S.D,, and', 'E.M.A. J.G.L'
        OPENDIAGRAM / "PMC7198556/fulltext.xml",  # 'P.P. lead, V.J. supporting'
        AMILIB / "PMC11348766/fulltext.xml",  # 'D.-H. W. and W. X.: …'
        DATA / "wild/petermr+pygetpapers/PMC7889024/fulltext.xml",  # 'Supervision and Validation'
        PYEUROPEPMC / "PMC12900525.xml",  # 'JESF/BAA/ FAG/EDGF'
    ],
)
def test_the_statement_reader_reads_the_same_text_the_same_from_a_document(path) -> None:
    """One reader: the statement's text, as `fetch --statement` would get it from a PDF or a
    page, gives every author the roles the JATS file gives them."""
    article = parse_jats(path.read_bytes())
    root = fromstring(path.read_bytes())
    (place,) = statement_places(root, set())
    parsed = parse_statement(" ".join(statement_blocks(place)), article.authors)
    from_text = {id(e.author): [r.role for r in e.roles if r.role] for e in parsed.entries}
    for author in article.authors:
        assert [r.role for r in author.roles if r.role] == from_text[id(author)], author.raw


def _markup_and_statement(markup: str, statement: str) -> list[str]:
    """Written here, not copied: one author with <role> markup and a statement."""
    data = (
        '<article><front><article-meta><contrib-group><contrib contrib-type="author">'
        f"<name><surname>Choi</surname><given-names>Jaesoon</given-names></name>{markup}"
        "</contrib></contrib-group></article-meta></front><back><notes>"
        f"<title>Author contributions</title><p>{statement}</p></notes></back></article>"
    ).encode()
    return parse_jats(data).problems


def test_a_label_naming_no_credit_term_may_be_the_role_the_other_part_lists() -> None:
    assert _markup_and_statement("<role>Supervision</role>", "J.C.: Supervision, Validation.") == [
        "parts differ: [author 1] Jaesoon Choi: the <role> markup lists Supervision, "
        "the contributions statement lists Supervision; Validation"
    ]
    # 'Checked the results' names no CRediT term, and may be what the statement calls Validation
    both = "<role>Supervision</role><role>Checked the results</role>"
    assert _markup_and_statement(both, "J.C.: Supervision, Validation.") == []


JAMA_BYLINE = "".join(
    f'<contrib contrib-type="author"><name><surname>{family}</surname>'
    f"<given-names>{given}</given-names></name><degrees>MD</degrees></contrib>"
    for given, family in [
        ("Anna", "Aho"),
        ("Hanna", "Berg"),
        ("Mia", "Sato"),
        ("Xavier", "Berg"),
        ("Olli", "Lund"),
    ]
)


def _jama(notes: str) -> bytes:
    """JAMA Network's form with invented names: the byline, then the role-first statement in
    <author-notes> (tests/parse/test_statement_places.py), family names only."""
    contribs = f"<contrib-group>{JAMA_BYLINE}</contrib-group>"
    return notes.replace("<author-notes>", contribs + "<author-notes>").encode("utf-8")


# The same place and names with CRediT terms as the labels, as a journal that adopted CRediT
# would print them.
CREDIT_LABELS = {
    "Concept and design": "Conceptualization",
    "Acquisition, analysis, or interpretation of data": "Investigation",
    "Drafting of the manuscript": "Writing \u2013 original draft",
    "Statistical analysis": "Formal analysis",
    "Obtained funding": "Funding acquisition",
}


def _in_credit_terms(notes: str) -> str:
    for label, term in CREDIT_LABELS.items():
        notes = notes.replace(f"<italic>{label}:</italic>", f"<italic>{term}:</italic>")
    return notes


def test_a_statement_in_another_taxonomy_sharing_one_term_is_kept_as_text() -> None:
    """JAMA Network's own labels ('Concept and design', 'Obtained funding', …) and one CRediT
    term (Supervision): read as roles, each other label would be a role every author lacks."""
    article = parse_jats(_jama(JAMA_NOTES))
    assert all(author.roles is None for author in article.authors)
    (problem,) = article.problems
    assert problem.startswith("no CRediT term: Drs Lund and X. Berg had full access")
    assert "Supervision: Lund, H. Berg." in problem


def test_family_names_alone_resolve_to_the_byline_and_responsibility_is_no_role() -> None:
    article = parse_jats(_jama(_in_credit_terms(JAMA_NOTES)))
    roles = {a.raw: [r.role for r in a.roles or []] for a in article.authors}
    assert roles == {
        "Anna Aho": ["conceptualization", "investigation", "writing-original-draft"],
        "Hanna Berg": ["conceptualization", "supervision"],
        "Mia Sato": ["investigation", "writing-original-draft", "formal-analysis"],
        "Xavier Berg": ["investigation"],
        "Olli Lund": ["conceptualization", "funding-acquisition", "supervision"],
    }  # nothing from 'had full access …' or 'contributed equally … co-first authors'
    assert {r.origin for a in article.authors for r in a.roles or []} == {"author-notes statement"}
    assert article.problems == []


def test_a_family_name_two_byline_authors_share_is_told_and_given_to_neither() -> None:
    notes = _in_credit_terms(JAMA_NOTES).replace("Lund, H. Berg.</p>", "Lund, Berg.</p>")
    article = parse_jats(_jama(notes))
    supervised = [
        a.raw for a in article.authors if "supervision" in {r.role for r in a.roles or []}
    ]
    assert supervised == ["Olli Lund"]
    assert any("'Berg' fits 2 byline authors" in problem for problem in article.problems)


def test_a_statement_none_of_which_is_understood_is_reported_not_dropped() -> None:
    # written here, not copied: a section in a shape the reader does not know (nothing in it
    # states no one's roles, as 'These authors contributed equally' would)
    xml = (
        "<article><front><article-meta><contrib-group>"
        '<contrib contrib-type="author"><name><surname>Doe</surname>'
        "<given-names>Jane</given-names></name></contrib>"
        "</contrib-group></article-meta></front><back>"
        '<sec sec-type="author-contributions"><title>Author contributions</title>'
        "<p>Study design (J.D.), Stuff (J.D.).</p></sec></back></article>"
    )
    article = parse_jats(xml.encode())
    assert article.authors[0].roles is None  # nothing stated that could be read
    assert article.problems == ["not understood: Study design (J.D.), Stuff (J.D.)."]


def test_a_note_on_where_the_list_of_authors_appears_states_no_ones_roles() -> None:
    # written here, not copied: Springer Nature's own JATS types the front matter's notes on
    # the authors 'AuthorContribution'; for a group author the note says where its members are
    # listed, which names no one (the initial 'A' was looked for in the byline)
    xml = (
        "<article><front><article-meta><contrib-group>"
        '<contrib contrib-type="author"><name><surname>Doe</surname>'
        "<given-names>Jane</given-names></name></contrib>"
        '<contrib contrib-type="author"><collab>Harbour Study Group</collab></contrib>'
        '</contrib-group></article-meta><notes notes-type="AuthorContribution"><p>A list of '
        "authors and their affiliations appears at the end of the paper.</p></notes></front>"
        '<back><sec sec-type="author-contribution"><title>Author contributions</title>'
        "<p>Conceptualization: J.D.</p></sec></back></article>"
    )
    article = parse_jats(xml.encode())
    assert [[r.role for r in a.roles or []] for a in article.authors] == [["conceptualization"], []]
    assert article.problems == []


def test_a_sentence_after_the_last_list_of_initials_does_not_swallow_it() -> None:
    # written here, not copied: Scientific Reports 2022, role first with dotted initials, then a
    # sentence about the study group; the last label's people were reported unread with it
    people = [("Moreno", "Clara B."), ("Rossi", "Paola S."), ("Prado", "Lucia V. C.")]
    statement = (
        "Conceptualization: L.V.C.P. and P.S.R. Writing-review &amp; editing: C.B.M., P.S.R., "
        "L.V.C.P. The Harbour Study Group designated as authors qualify for authorship as a "
        "fundamental part of this study."
    )
    article = parse_jats(_statement_article(people, statement))
    assert [[r.role for r in a.roles or []] for a in article.authors] == [
        ["writing-review-editing"],
        ["conceptualization", "writing-review-editing"],
        ["conceptualization", "writing-review-editing"],
    ]
    assert article.problems == [
        "not understood: 'The Harbour Study Group' is no byline author; not assigned"
    ]


def _statement_article(people: list[tuple[str, str]], statement: str) -> bytes:
    contribs = "".join(
        f'<contrib contrib-type="author"><name><surname>{family}</surname>'
        f"<given-names>{given}</given-names></name></contrib>"
        for family, given in people
    )
    return (
        f"<article><front><article-meta><contrib-group>{contribs}</contrib-group></article-meta>"
        '</front><back><sec sec-type="author-contributions"><title>Author contributions</title>'
        f"<p>{statement}</p></sec></back></article>"
    ).encode()


def test_a_full_name_printed_family_name_first_is_the_byline_author() -> None:
    # written here, not copied: the order of Chinese, Japanese, Korean and Hungarian names
    people = [("Wang", "Xiaoming"), ("Li", "Hua"), ("Kovács", "Anna Mária")]
    statement = (
        "Wang Xiaoming: Conceptualization. Li Hua: Software. Kovács Anna Mária: Supervision."
    )
    article = parse_jats(_statement_article(people, statement))
    assert [[r.role for r in a.roles or []] for a in article.authors] == [
        ["conceptualization"],
        ["software"],
        ["supervision"],
    ]
    assert article.problems == []


def test_a_statement_whose_names_all_fit_two_authors_is_in_credit_terms_and_told() -> None:
    # written here, not copied: 'JD' and 'JDo' fit both Jane Doe and John Dole
    article = parse_jats(
        _statement_article([("Doe", "Jane"), ("Dole", "John")], "JD: Software; JDo: Supervision.")
    )
    assert [a.roles for a in article.authors] == [None, None]  # may be either: unknown
    assert len(article.problems) == 2
    assert all("fit more than one author" in problem for problem in article.problems)


def test_vancouver_names_sharing_a_family_name_are_told_apart_by_their_initials() -> None:
    # written here, not copied: 'Park SH' and 'Park JW' (Korean journals' form); 'Park S' would
    # fit Park So-Hee and Park Sung-Jin alike, so it is told and given to neither
    people = [("Park", "So-Hee"), ("Park", "Ji Won"), ("Lee", "Min-Jun"), ("Park", "Sung-Jin")]
    statement = (
        "Conceptualization: Park SH. Writing - original draft: Park JW, Lee MJ. "
        "Supervision: Park S."
    )
    article = parse_jats(_statement_article(people, statement))
    assert [[r.role for r in a.roles or []] for a in article.authors] == [
        ["conceptualization"],
        ["writing-original-draft"],
        ["writing-original-draft"],
        [],
    ]
    assert len(article.problems) == 1
    assert "'Park S' fits 3 byline authors" in article.problems[0]


# Written here, not copied, with invented names: statement shapes found by scanning real files,
# each read whole (every author's roles, nothing reported).
_READ_WHOLE = {
    # the byline's family name opens with a particle ('dos Reis Prado'), which no reading of
    # the printed name alone would give (Brazilian names, Wiley 2026)
    "family-name-with-particle": (
        [("dos Reis Prado", "Lucas"), ("Moura", "Beatriz")],
        "Lucas dos Reis Prado: investigation, data curation. Beatriz Moura: supervision.",
        [["investigation", "data-curation"], ["supervision"]],
    ),
    # seven words before the colon, ending in a byline family name
    "long-full-name": (
        [("de Almeida Castro", "Helena Cristina Ferreira Lima"), ("Teles", "Rui Augusto")],
        "Rui Augusto Teles: conceptualization. "
        "Helena Cristina Ferreira Lima de Almeida Castro: formal analysis, software.",
        [["formal-analysis", "software"], ["conceptualization"]],
    ),
    # PLOS 2016-2018: initials with spaces, two authors with the same initials told apart by an
    # initial and family name ('F. Lemos', 'F. Leite')
    "initials-with-short-names": (
        [("Lemos", "Fabio"), ("Costa", "Ana Beatriz"), ("Leite", "Flavia"), ("Nunes", "Rui")],
        "Conceptualization: F. Lemos ABC F. Leite. Supervision: RN F. Leite.",
        [
            ["conceptualization"],
            ["conceptualization"],
            ["conceptualization", "supervision"],
            ["supervision"],
        ],
    ),
    # Springer Nature 2025: no colon or dash between a person's initials and their roles
    "initials-then-roles": (
        [("Okafor", "Chinedu"), ("Lindqvist", "Maja-Sofia"), ("Ruiz", "Pablo")],
        "C.O. Conceptualization, Software, Writing - Original Draft. "
        "M.-S.L. Supervision, Funding acquisition. P.R. Investigation.",
        [
            ["conceptualization", "software", "writing-original-draft"],
            ["supervision", "funding-acquisition"],
            ["investigation"],
        ],
    ),
    # JBC 2019: spaced initials, then the role they did; 'J. H. A.' is one person, and 'S. M.
    # and V. P. funding acquisition' names no role after 'S.'
    "spaced-initials-then-role": (
        [("Aalto", "Jonna Helmi"), ("Mäkelä", "Sanni"), ("Pekkala", "Veikko")],
        "J. H. A. and V. P. data curation; S. M. and V. P. funding acquisition; "
        "V. P. conceptualization.",
        [
            ["data-curation"],
            ["funding-acquisition"],
            ["data-curation", "funding-acquisition", "conceptualization"],
        ],
    ),
    # JBC 2019 again, a longer list: six or seven people's spaced initials before the role run
    # past the words a subject was looked for in, and the last ones were lost without a word
    "long-spaced-initials-then-role": (
        [
            ("Berg", "Anna-Kaisa"),
            ("Gurt", "Ida"),
            ("Lahti", "Tuula Helena"),
            ("Koski", "Mika"),
            ("Bauer", "Nina"),
            ("Rinne", "Sanni"),
            ("Virtanen", "Paavo"),
        ],
        "A.-K. B., I. G., T. H. L., N. B., and P. V. data curation; A.-K. B., I. G., T. H. L., "
        "M. K., N. B., S. R., and P. V. formal analysis; I. G., T. H. L., M. K., N. B., S. R., "
        "and P. V. investigation.",
        [
            ["data-curation", "formal-analysis"],
            ["data-curation", "formal-analysis", "investigation"],
            ["data-curation", "formal-analysis", "investigation"],
            ["formal-analysis", "investigation"],
            ["data-curation", "formal-analysis", "investigation"],
            ["formal-analysis", "investigation"],
            ["data-curation", "formal-analysis", "investigation"],
        ],
    ),
    # AIP 2024: person first, a hyphenated given name's initials ('H.-P.') before the family
    # name; the full stop after them ended no sentence for a single initial, but did here
    "hyphenated-initials-then-family-name": (
        [("Morin", "Julie"), ("Brandt", "Hans-Peter"), ("Lenoir", "Denis")],
        "J. Morin: Investigation (equal). H.-P. Brandt: Conceptualization (equal); "
        "Methodology (equal). D. Lenoir: Validation (supporting).",
        [["investigation"], ["conceptualization", "methodology"], ["validation"]],
    ),
    # MDPI 2022: role first with a comma after the label, and one label given to all authors
    "role-first-comma-to-all-authors": (
        [("Sandor", "Milan"), ("Arpad", "Vera"), ("Lund", "Greta")],
        "Conceptualization, all authors; Methodology, M.S.; Validation, V.A. and G.L.; "
        "Writing\u2014Original Draft Preparation, M.S.",
        [
            ["conceptualization", "methodology", "writing-original-draft"],
            ["conceptualization", "validation"],
            ["conceptualization", "validation"],
        ],
    ),
    # Taylor & Francis 2023 (written here, not copied): two full names sharing a family name in
    # one person-first entry; 'Chen, Mingyu' was taken for an inverted name and Mingyu Chen lost
    "full-names-sharing-a-family-name": (
        [("Chen", "Wei"), ("Chen", "Mingyu"), ("Zhao", "Lan")],
        "Wei Chen, Mingyu Chen: Formal analysis. Lan Zhao: Software.",
        [["formal-analysis"], ["formal-analysis"], ["software"]],
    ),
    # MDPI 2023 (written here, not copied): initials after a name told apart by its full name in
    # parentheses; 'P.A.' after it was taken for a post-nominal of that name and dropped
    "initials-after-a-parenthesised-name": (
        [("Andria", "Gianni"), ("Serra", "Marta"), ("Serra", "Matteo"), ("Arena", "Paola")],
        "Conceptualization, M.S. (Marta Serra), M.S. (Matteo Serra), P.A. and G.A.; "
        "Software, M.S. (Marta Serra) and P.A.",
        [
            ["conceptualization"],
            ["conceptualization", "software"],
            ["conceptualization"],
            ["conceptualization", "software"],
        ],
    ),
    # MDPI 2023 (written here, not copied): the 'and' left out after a name told apart by its
    # full name in parentheses; the whole list was reported as not understood
    "initials-right-after-a-parenthesised-name": (
        [("Serra", "Marta"), ("Serra", "Matteo"), ("Gianni", "Nora")],
        "Supervision, M.S. (Matteo Serra) N.G.; Software, M.S. (Marta Serra).",
        [["software"], ["supervision"], ["supervision"]],
    ),
    # Cell Press 2019 (written here, not copied): a given name printed with run-together dotted
    # initials ('Ruth A.M.'); the statement's 'R.A.M.K.' was reported as fitting no author
    "dotted-initials-run-together-in-the-given-names": (
        [("Knowles", "Ruth A.M."), ("Okoro", "Daniel")],
        "Software, R.A.M.K. and D.O.; Investigation, D.O.",
        [["software"], ["software", "investigation"]],
    ),
    # BMC 2019 (written here, not copied): 'writing, review, and editing' cut by its commas into
    # free phrases beside the one CRediT term it spells out
    "writing-review-and-editing-listed-with-commas": (
        [("Balogun", "Ada"), ("Ferreira", "Tiago"), ("Lind", "Maja")],
        "AB and TF contributed to the writing, review, and editing; ML contributed to the "
        "writing, review and editing; TF contributed to the funding acquisition.",
        [
            ["writing-review-editing"],
            ["writing-review-editing", "funding-acquisition"],
            ["writing-review-editing"],
        ],
    ),
    # Scientific Reports 2025 (written here, not copied): role-first entries run together with
    # commas, each label ending at a colon; the later labels were taken for names, so two
    # authors got free phrases 'NN' and the third lost two roles, without a word
    "role-first-entries-joined-by-commas": (
        [("Kowalski", "Anna Beata"), ("Novak", "Nina"), ("Yusuf", "Omar")],
        "Conceptualization: ABK, NN, Formal analysis: OY, NN, Writing – original draft: ABK, "
        "OY. Supervision: NN.",
        [
            ["conceptualization", "writing-original-draft"],
            ["conceptualization", "formal-analysis", "supervision"],
            ["formal-analysis", "writing-original-draft"],
        ],
    ),
}


@pytest.mark.parametrize(("people", "statement", "roles"), _READ_WHOLE.values(), ids=_READ_WHOLE)
def test_a_statement_shape_found_in_real_files_gives_each_author_their_roles(
    people: list[tuple[str, str]], statement: str, roles: list[list[str]]
) -> None:
    article = parse_jats(_statement_article(people, statement))
    assert [[r.role for r in a.roles or []] for a in article.authors] == roles
    assert article.problems == []
