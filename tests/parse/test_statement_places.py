"""Where real JATS files print their contributions statement, and the text built from its
structure: footnotes, notes and sections in the body, the back matter, <ack> and the abstract."""

from __future__ import annotations

from pathlib import Path
from xml.etree.ElementTree import Element, fromstring

import pytest

from credit_tracker.domain.credit import Degree, translations
from credit_tracker.parse.jats import parse_jats
from credit_tracker.parse.statement_headings import STEMS, names_statement
from credit_tracker.parse.statement_places import statement_blocks, statement_places
from tests.conftest import DATA

WILD = DATA / "wild"
BIORXIV = WILD / "elifesciences+enhanced-preprints-biorxiv-xslt"
PYEUROPEPMC = WILD / "JonasHeinickeBio+pyEuropePMC"


def _root(path: Path) -> Element:
    return fromstring(path.read_bytes())


def _places(path: Path) -> list[Element]:
    return statement_places(_root(path), set())


def _only_blocks(article: Element) -> list[str]:
    """The blocks of the one place the article prints its statement in."""
    (place,) = statement_places(article, set())
    return statement_blocks(place)


def _path_to(root: Element, target: Element) -> list[str]:
    """The tags from the root down to `target`."""
    parents = {child: parent for parent in root.iter() for child in parent}
    tags = [target.tag]
    while target in parents:
        target = parents[target]
        tags.append(target.tag)
    return tags[::-1]


def test_every_language_of_the_translations_table_has_its_heading_words() -> None:
    languages = {row.language for row in translations()}
    assert languages <= set(STEMS)


@pytest.mark.parametrize(
    "heading",
    [
        "Author contributions",
        "AUTHORS’ CONTRIBUTIONS",
        "8. AUTHOR CONTRIBUTIONS",
        "CRediT authorship contribution statement",
        "CRediT Author Contribution",
        "Credit Author Statement",
        "Contributors",
        "Contributions",
        # written here: other English wordings of the heading
        "Author roles",
        "Authors' roles",
        "CRediT roles",
        "Contributor roles",
        "Statement of authorship",
        "Individual contributions",
        # written here, one per language family: the usual wording of the heading
        "Contribuições dos autores",
        "Contribución de los autores",
        "Contributions des auteurs",
        "Autorenbeiträge",
        "Bijdragen van de auteurs",
        "Forfatterbidrag",
        "Wkład autorów",
        "Yazar katkıları",
        "Đóng góp của tác giả",
        "A szerzők hozzájárulása",
    ],
)
def test_headings_that_name_a_statement(heading: str) -> None:
    assert names_statement(heading)


@pytest.mark.parametrize(
    "heading",
    [
        "Contributor Information",  # Wiley's e-mail addresses (Dev Sci 2026)
        "Main contributions",
        "Credit risk",
        "Acknowledgments",
        "Funding",
        "Competing interests",
        "Authors' information",
        "Role of the funding source",
        "Roles",
        "These authors contributed equally to this work.",
        "These authors contributed equally",  # a lead-in: '…: Lena Varga, Tobi Okafor.'
    ],
)
def test_headings_that_name_none(heading: str) -> None:
    assert not names_statement(heading)


@pytest.mark.parametrize(
    ("path", "where"),
    [
        (WILD / "petermr+amilib/PMC11348159/fulltext.xml", ["article", "back", "ack", "sec"]),
        (
            BIORXIV / "2020.12.06.411850.xml",
            ["article", "front", "article-meta", "abstract", "sec"],
        ),
        (PYEUROPEPMC / "PMC12900525.xml", ["article", "body", "sec", "sec"]),
        (WILD / "petermr+amilib/PMC11140606/fulltext.xml", ["article", "body", "sec"]),
        (WILD / "petermr+pygetpapers/PMC8270279/fulltext.xml", ["article", "back", "notes"]),
        (WILD / "petermr+openDiagram/PMC7198556/fulltext.xml", ["article", "back", "notes"]),
        (PYEUROPEPMC / "10_3389_fimmu_2025_1688181.xml", ["article", "back", "sec"]),
        (
            WILD / "petermr+pygetpapers/PMC7890423/fulltext.xml",
            ["article", "front", "article-meta", "author-notes", "fn"],
        ),
        (
            WILD / "semanticClimate+encyclopedia/PMC12589767/fulltext.xml",
            ["article", "back", "ack", "p"],
        ),
    ],
)
def test_the_statement_is_found_wherever_the_file_puts_it(path: Path, where: list[str]) -> None:
    root = _root(path)
    (place,) = statement_places(root, set())
    assert _path_to(root, place) == where


def test_contributor_information_with_e_mail_addresses_is_no_statement() -> None:
    root = _root(PYEUROPEPMC / "PMC13185476.xml")
    info = [sec for sec in root.iter("sec") if sec.get("sec-type") == "contrib-info"]
    assert info and "Email" in "".join(info[0].itertext())
    (place,) = statement_places(root, set())
    assert place not in info and place.findtext("title") == "Author Contributions"


def test_a_paragraph_holding_a_list_gives_each_item_once_and_its_heading_none() -> None:
    # Korean J Radiol 2021: <p><bold>Author Contributions:</bold><list>…<p>…</p>…</list></p>
    (place,) = _places(WILD / "petermr+pygetpapers/PMC7909857/fulltext.xml")
    assert statement_blocks(place) == [
        "Conceptualization: Seong Ho Park.",
        "Funding acquisition: Jaesoon Choi.",
        "Writing—original draft: Seong Ho Park.",
        "Writing—review & editing: Jaesoon Choi, Jeong-Sik Byeon.",
    ]


def test_a_paragraph_per_author_without_closing_punctuation_is_one_block_each() -> None:
    (place,) = _places(WILD / "petermr+pygetpapers/PMC7704251/fulltext.xml")
    blocks = statement_blocks(place)
    assert [block.split(":")[0] for block in blocks] == ["AP", "JK", "HK"]
    assert blocks[1] == "JK: Validation, Visualization"


def test_bold_lead_ins_in_one_paragraph_start_an_entry_each() -> None:
    # bioRxiv 2023: '<bold>Conceptualization:</bold> T.B.D. <bold>Methodology:</bold> H.M.K., …'
    (place,) = _places(BIORXIV / "2023.10.16.562488.xml")
    blocks = statement_blocks(place)
    assert blocks[0] == "Conceptualization: T.B.D."
    assert [block.split(":")[0] for block in blocks] == [
        "Conceptualization",
        "Methodology",
        "Investigation",
        "Visualization",
        "Supervision",
        "Writing—original draft",
        "Writing—review and editing",
    ]
    # Dev Sci 2026: '<bold>Rana Abu‐zhaya</bold>: supervision, …. <bold>Shaun Dordoy</bold>: …'
    (place,) = _places(PYEUROPEPMC / "PMC13185476.xml")
    assert [block.split(":")[0] for block in statement_blocks(place)] == [
        "Rana Abu\u2010zhaya",
        "Shaun Dordoy",
        "Alastair Smith",
        "Anna Caunt",
    ]


def test_a_lead_in_heading_is_left_out_of_the_text() -> None:
    (place,) = _places(WILD / "petermr+openDiagram/PMC7165416/fulltext.xml")  # PNAS
    assert statement_blocks(place)[0].startswith("Y.L. designed research;")


def test_an_untyped_footnote_whose_first_words_say_contributions_is_a_place() -> None:
    # written here, not copied: bioRxiv's form (an untyped <fn> "Author Contributions: …"),
    # seen only in a file that is not openly licensed
    article = fromstring(
        "<article><front><article-meta><author-notes>"
        '<fn id="n1"><p>Author Contributions: W.B.L. conceptualized the study.</p></fn>'
        '<fn id="n2"><p>These authors contributed equally.</p></fn>'
        "</author-notes></article-meta></front></article>"
    )
    (place,) = statement_places(article, set())
    assert place.get("id") == "n1"
    assert statement_blocks(place) == ["W.B.L. conceptualized the study."]
    assert statement_places(article, {"n1"}) == []  # a contrib points to it: that author's own


def test_a_footnote_opening_with_a_bold_heading_and_no_colon_is_a_place() -> None:
    # written here, not copied: NIH author manuscripts of Nature papers print "<bold>Author
    # Contributions</bold> The project was …" in an untyped <fn> of <author-notes>
    article = fromstring(
        "<article><front><article-meta><author-notes>"
        '<fn id="n1"><p><bold>Supplementary Information</bold> is linked online.</p></fn>'
        '<fn id="n2"><p><bold>Author Contributions</bold> Conceptualization: JD. '
        "Software: JS.</p></fn>"
        "</author-notes></article-meta></front></article>"
    )
    (place,) = statement_places(article, set())
    assert place.get("id") == "n2"
    assert statement_blocks(place) == ["Conceptualization: JD. Software: JS."]
    with_notes = _article("").replace(
        "</contrib-group>",
        "</contrib-group><author-notes>"
        '<fn id="n2"><p><bold>Author Contributions</bold> Conceptualization: JD. '
        "Software: JS.</p></fn></author-notes>",
    )
    authors = parse_jats(with_notes.encode()).authors
    assert [[r.role for r in a.roles or []] for a in authors] == [
        ["conceptualization"],
        ["software"],
        [],
    ]


def test_a_footnote_naming_who_contributed_equally_is_no_statement() -> None:
    # written here, not copied, with invented names: Nature Portfolio's form in PMC (2025-2026),
    # an untyped <fn> in the back's footnotes beside the statement's own section
    article = (
        "<article><front><article-meta><contrib-group>"
        "<contrib><name><surname>Varga</surname><given-names>Lena</given-names></name></contrib>"
        "<contrib><name><surname>Okafor</surname><given-names>Tobi</given-names></name></contrib>"
        "</contrib-group></article-meta></front><back>"
        "<sec><title>Author contributions</title><p>L.V.: Conceptualization, Software; "
        "T.O.: Writing - review and editing.</p></sec>"
        '<sec sec-type="fn-group"><title>Footnotes</title><fn-group>'
        "<fn><p>These authors contributed equally: Lena Varga, Tobi Okafor.</p></fn>"
        "</fn-group></sec></back></article>"
    )
    (place,) = statement_places(fromstring(article), set())
    assert place.findtext("title") == "Author contributions"
    parsed = parse_jats(article.encode())
    assert parsed.problems == []
    assert [[r.role for r in a.roles or []] for a in parsed.authors] == [
        ["conceptualization", "software"],
        ["writing-review-editing"],
    ]


# Written here, not copied: JAMA Network's form (seen in JAMA Cardiology 2020, PMC7101506, in a
# repository with no licence), with invented names. The statement is a typed paragraph in
# <author-notes> and the untyped paragraphs after it, up to the next typed one.
JAMA_NOTES = (
    "<article><front><article-meta><author-notes><title>Article Information</title>"
    '<corresp id="c1"><bold>Corresponding Author:</bold> Olli Lund, MD.</corresp>'
    "<p><bold>Accepted for Publication:</bold> March 9, 2020.</p>"
    '<p content-type="open-access-note"><bold>Open Access:</bold> CC-BY License.</p>'
    '<p content-type="author-contributions"><bold>Author Contributions:</bold> Drs Lund and '
    "X. Berg had full access to all of the data in the study and take responsibility for the "
    "integrity of the data and the accuracy of the data analysis. Drs Aho and Sato "
    "contributed equally to this work and are co&#x2013;first authors.</p>"
    "<p><italic>Concept and design:</italic> Aho, Lund, H. Berg.</p>"
    "<p><italic>Acquisition, analysis, or interpretation of data:</italic> Aho, Sato, "
    "X. Berg.</p>"
    "<p><italic>Drafting of the manuscript:</italic> Aho, Sato.</p>"
    "<p><italic>Statistical analysis:</italic> Sato.</p>"
    "<p><italic>Obtained funding:</italic> Lund.</p>"
    "<p><italic>Supervision:</italic> Lund, H. Berg.</p>"
    '<p content-type="COI-statement"><bold>Conflict of Interest Disclosures:</bold> None '
    "reported.</p>"
    "<p><bold>Additional Information:</bold> We thank the staff.</p>"
    "</author-notes></article-meta></front></article>"
)


def test_a_typed_paragraph_and_the_untyped_ones_after_it_are_one_statement() -> None:
    (place,) = statement_places(fromstring(JAMA_NOTES), set())
    blocks = statement_blocks(place)
    assert blocks[0].startswith("Drs Lund and X. Berg had full access")
    assert [block.split(":")[0] for block in blocks[1:]] == [
        "Concept and design",
        "Acquisition, analysis, or interpretation of data",
        "Drafting of the manuscript",
        "Statistical analysis",
        "Obtained funding",
        "Supervision",
    ]  # the conflicts of interest and what follows them are no part of it


def test_a_paragraph_run_ends_where_another_part_opens() -> None:
    untyped = JAMA_NOTES.replace(' content-type="COI-statement"', "")
    (place,) = statement_places(fromstring(untyped), set())
    assert statement_blocks(place)[-1] == "Supervision: Lund, H. Berg."


def test_an_untitled_section_whose_first_words_say_contributions_is_a_place() -> None:
    # Science Advances' form: untitled <sec>s inside <ack>, each opening with a bold lead-in
    article = fromstring(
        "<article><back><ack><p>We thank the reviewers.</p>"
        "<sec><p><bold>Funding:</bold> This work was supported by grant 1.</p></sec>"
        "<sec><p><bold>Author contributions:</bold> Conceptualization: S.-W.P. and J.-S.K."
        " Methodology: H.L.</p></sec>"
        "<sec><p><bold>Competing interests:</bold> The authors declare none.</p></sec>"
        "</ack></back></article>"
    )
    assert _only_blocks(article) == ["Conceptualization: S.-W.P. and J.-S.K. Methodology: H.L."]


def test_a_paragraph_of_the_acknowledgments_opening_with_the_heading_is_a_place() -> None:
    # written here, not copied, with invented initials: AAAS Research's form (2025), each part
    # of the acknowledgments one paragraph with a bold lead-in, no <sec> around it
    article = fromstring(
        "<article><back><ack><title>Acknowledgments</title><p>We thank the reviewers.</p>"
        "<p><bold>Funding:</bold> This work was supported by grant 1.</p>"
        "<p><bold>Author contributions:</bold> B.W. and J.-W.Z. wrote the paper. W.Z. "
        "contributed to the investigation.</p>"
        '<p content-type="COI-statement"><bold>Competing interests:</bold> None.</p>'
        "</ack></back></article>"
    )
    assert _only_blocks(article) == [
        "B.W. and J.-W.Z. wrote the paper. W.Z. contributed to the investigation."
    ]


def test_a_titled_section_is_judged_by_its_title_not_its_first_words() -> None:
    article = fromstring(
        "<article><body><sec><title>Methods</title>"
        "<p><bold>Author contributions:</bold> noted in the back matter.</p></sec>"
        "</body></article>"
    )
    assert statement_places(article, set()) == []


RUN_IN_BACK_MATTER = {
    # written here, with invented initials, after the shapes seen in real files
    "springer-declarations": (
        "<sec><title>Declarations</title><p><bold>Author contributions</bold> A.B.: "
        "conceptualization; C.D.: formal analysis.</p><p><bold>Funding</bold> None.</p></sec>"
    ),
    "oxford-notes-bold-italic-full-stop": (
        "<notes><title>Notes</title><p><bold><italic>Acknowledgments.</italic></bold> We thank "
        "the nurses.</p><p><bold><italic>Author contributions.</italic></bold>&#x2003;A.B.: "
        "conceptualization; C.D.: formal analysis.</p></notes>"
    ),
    "italic-heading-colon-after-it": (
        "<ack><p>We thank X.</p><p><italic>Author contributions</italic>: A.B.: "
        "conceptualization; C.D.: formal analysis.</p></ack>"
    ),
    "bold-full-stop-in-ack": (
        "<ack><p>We thank X.</p><p><bold>Author Contributions.</bold> A.B.: conceptualization; "
        "C.D.: formal analysis.</p></ack>"
    ),
    "paragraph-of-the-back-matter": (
        "<p><bold>Author contributions:</bold> A.B.: conceptualization; C.D.: formal analysis.</p>"
    ),
}


@pytest.mark.parametrize("back", RUN_IN_BACK_MATTER.values(), ids=RUN_IN_BACK_MATTER.keys())
def test_a_paragraph_of_the_back_matter_opening_with_a_run_in_heading_is_a_place(
    back: str,
) -> None:
    article = fromstring(f"<article><back>{back}</back></article>")
    assert _only_blocks(article) == ["A.B.: conceptualization; C.D.: formal analysis."]


@pytest.mark.parametrize(
    "fn",
    [
        # BMJ Open's "Contributors:" footnote
        '<fn fn-type="participating-researchers"><p><bold>Contributors:</bold> A.B.: '
        "conceptualization; C.D.: formal analysis.</p></fn>",
        # a footnote mistyped as a disclosure, its heading a paragraph of its own
        '<fn fn-type="financial-disclosure"><p><bold>Author contributions</bold></p><p>A.B.: '
        "conceptualization; C.D.: formal analysis.</p></fn>",
    ],
)
def test_a_footnote_of_any_type_opening_with_the_heading_is_a_place(fn: str) -> None:
    article = fromstring(
        '<article><back><fn-group><fn fn-type="conflict"><p><bold>Competing interests:</bold> '
        f"None.</p></fn>{fn}</fn-group></back></article>"
    )
    assert _only_blocks(article) == ["A.B.: conceptualization; C.D.: formal analysis."]


def test_acknowledgments_titled_as_the_statement_give_their_paragraphs_before_any_section() -> None:
    # written here with invented initials: BMC's production (2015-2018) titles <ack> "Authors'
    # contributions", prints the statement first and the other declarations as sections after
    article = fromstring(
        "<article><back><ack><title>Authors&#8217; contributions</title><p>Conceptualization: "
        "A.B. Methodology: C.D. All authors read and approved the final manuscript.</p>"
        "<sec><title>Acknowledgements</title><p>We thank X.</p></sec>"
        "<sec><title>Competing interests</title><p>None.</p></sec></ack></back></article>"
    )
    assert _only_blocks(article) == [
        "Conceptualization: A.B. Methodology: C.D. All authors read and approved the final "
        "manuscript."
    ]


def test_acknowledgments_titled_otherwise_are_no_statement() -> None:
    article = fromstring(
        "<article><back><ack><title>Acknowledgements</title><p>We thank A.B. for the software."
        "</p></ack></back></article>"
    )
    assert statement_places(article, set()) == []


def test_an_acknowledgments_paragraph_opening_with_the_heading_in_plain_words_is_a_place() -> None:
    # written here with invented names: the Journal of Experimental Medicine's form (2018)
    article = fromstring(
        "<article><back><ack><p>This work was supported by grant 1.</p><p>The authors declare "
        "no competing financial interests.</p><p>Author contributions: conceptualization, "
        "A. Berg; methodology, A. Berg and C. Dunn.</p></ack></back></article>"
    )
    assert _only_blocks(article) == [
        "conceptualization, A. Berg; methodology, A. Berg and C. Dunn."
    ]


def test_a_part_of_the_back_matter_inside_the_statement_s_section_ends_it() -> None:
    # written here with invented initials: the data availability and competing interests
    # printed as paragraphs of the statement's own section
    article = fromstring(
        "<article><back><sec><title>Author contributions</title><p>Conceptualization: A.B.</p>"
        "<p>Funding acquisition: C.D.</p><p>Financial support: A.B.</p>"
        "<p><bold>Data availability:</bold> The data are available from A.B. on request.</p>"
        "<p><bold>Competing interests:</bold> C.D. consults for Software Inc.</p></sec></back>"
        "</article>"
    )
    (place,) = statement_places(article, set())
    # a role's line ('Funding acquisition', JCO's 'Financial support') is no other part
    assert statement_blocks(place) == [
        "Conceptualization: A.B.",
        "Funding acquisition: C.D.",
        "Financial support: A.B.",
    ]


def test_a_statement_run_in_inside_a_paragraph_of_other_parts_is_a_place() -> None:
    # written here with invented initials: Science Advances' form (2015-2019), every part of
    # the acknowledgments in one paragraph, each behind its bold lead-in
    paragraph = (
        "<p>We thank X. <bold>Funding:</bold> Grant 1. <bold>Author contributions:</bold> "
        "Conceptualization: A.B. <bold>Funding acquisition:</bold> C.D. "
        "<bold>Competing interests:</bold> None. <bold>Data and materials availability:</bold> "
        "All data are in the paper.</p>"
    )
    article = fromstring(f"<article><back><ack>{paragraph}</ack></back></article>")
    assert _only_blocks(article) == ["Conceptualization: A.B.", "Funding acquisition: C.D."]
    in_the_body = fromstring(
        f"<article><body><sec><title>Results</title>{paragraph}</sec></body></article>"
    )
    assert statement_places(in_the_body, set()) == []


def test_a_statement_run_in_in_plain_words_inside_a_paragraph_is_a_place() -> None:
    # written here with invented initials: EBioMedicine's acknowledgments (2018), the funding
    # and the contributions in one paragraph with no markup
    article = fromstring(
        "<article><back><ack><p>Funding: This work was supported by grant R01. Author "
        "contributions: A.B. and C.D. designed the study; C.D. wrote the paper. Competing "
        "interests: None.</p></ack></back></article>"
    )
    assert _only_blocks(article) == ["A.B. and C.D. designed the study; C.D. wrote the paper."]


REVIEWED_PARAGRAPHS = {
    # written here with invented initials: inputs a review of the run-in places read wrongly
    "thanks-then-bold-heading": (
        "<ack><p>We thank M. Twain for help. <bold>Author contributions:</bold> Conceptualization:"
        " J.D. Software: J.S. <bold>Competing interests:</bold> None.</p></ack>",
        ["Conceptualization: J.D. Software: J.S."],
    ),
    "thanks-then-worded-heading": (
        "<ack><p>We thank the nurses. Author contributions: J.D.: Conceptualization; J.S.: "
        "Software. Competing interests: None.</p></ack>",
        ["J.D.: Conceptualization; J.S.: Software."],
    ),
    "worded-heading-then-funding": (
        "<ack><p>Author contributions: Conceptualization, J.D.; Software, J.S. Funding: A.L. "
        "received funding from NIH.</p></ack>",
        ["Conceptualization, J.D.; Software, J.S."],
    ),
    "role-of-the-funding-source": (
        "<ack><p>Funding: NIH. Author contributions: Conceptualization, J.D. Role of the funding "
        "source: The funder had no role.</p></ack>",
        ["Conceptualization, J.D."],
    ),
    "funding-as-a-role-in-the-section": (
        "<sec><title>Author contributions</title><p>Conceptualization: J.D.</p><p>Funding: A.L."
        "</p><p>Data availability checks were done by A.L.</p><p>Software: J.S.</p></sec>",
        [
            "Conceptualization: J.D.",
            "Funding: A.L.",
            "Data availability checks were done by A.L.",
            "Software: J.S.",
        ],
    ),
}


@pytest.mark.parametrize(
    ("back", "blocks"), REVIEWED_PARAGRAPHS.values(), ids=REVIEWED_PARAGRAPHS.keys()
)
def test_a_run_in_statement_holds_its_own_text_and_no_other_part_s(
    back: str, blocks: list[str]
) -> None:
    assert _only_blocks(fromstring(f"<article><back>{back}</back></article>")) == blocks


@pytest.mark.parametrize(
    "back",
    [
        "<ack><p><bold>Non-author contributors:</bold> Mark Twain (data curation).</p></ack>",
        "<ack><p>The authors thank the following contributors: Mark Twain for data curation."
        "</p></ack>",
    ],
    ids=["non-author-contributors", "thanks-to-contributors"],
)
def test_people_thanked_for_their_contributions_are_no_statement(back: str) -> None:
    # ICMJE's 'Non-author contributors' (seen in a 2017 file's <ack>), and a sentence of thanks
    assert statement_places(fromstring(f"<article><back>{back}</back></article>"), set()) == []


def test_a_footnote_a_contrib_points_to_gives_no_run_in_paragraph_either() -> None:
    article = fromstring(
        '<article><front><article-meta><author-notes><fn id="n1"><p><bold>Author '
        "Contributions:</bold> Conceptualization.</p></fn></author-notes></article-meta></front>"
        "</article>"
    )
    assert len(statement_places(article, set())) == 1
    assert statement_places(article, {"n1"}) == []  # that author's own, read with the contrib


def test_the_roles_of_a_run_in_statement_in_oxford_s_notes_reach_the_authors() -> None:
    notes = (
        "<notes><title>Notes</title><p><bold><italic>Author contributions.</italic></bold>"
        "&#x2003;J. D.: Conceptualization, Writing &#x2013; original draft. J. S. and A. L.: "
        "Formal analysis.</p><p><bold><italic>Financial support.</italic></bold> None.</p></notes>"
    )
    authors = parse_jats(_article(notes).encode()).authors
    assert [[r.role for r in a.roles or []] for a in authors] == [
        ["conceptualization", "writing-original-draft"],
        ["formal-analysis"],
        ["formal-analysis"],
    ]


@pytest.mark.parametrize("part", ["body", "back/app-group/app"])
def test_a_run_in_contributions_paragraph_of_the_paper_s_own_text_is_no_place(part: str) -> None:
    # a paper's own contributions, in its introduction or an appendix, are no statement of who
    # did what
    paragraph = (
        "<sec><title>Introduction</title><p><bold>Contributions.</bold> We make three "
        "contributions: a method, a proof and a data set.</p><p>Contributions: a method.</p></sec>"
    )
    opening = "".join(f"<{tag}>" for tag in part.split("/"))
    closing = "".join(f"</{tag}>" for tag in reversed(part.split("/")))
    article = fromstring(f"<article>{opening}{paragraph}{closing}</article>")
    assert statement_places(article, set()) == []


def _article(back: str) -> str:
    """An article by Jane Doe, John Smith and Anna Lee with `back` as its back matter."""
    people = [("Doe", "Jane"), ("Smith", "John"), ("Lee", "Anna")]
    contribs = "".join(
        f'<contrib contrib-type="author"><name><surname>{family}</surname>'
        f"<given-names>{given}</given-names></name></contrib>"
        for family, given in people
    )
    return (
        f"<article><front><article-meta><contrib-group>{contribs}</contrib-group>"
        f"</article-meta></front><back>{back}</back></article>"
    )


_DOE_SMITH_CONCEIVED_LEE_SUPERVISED = {
    "Jane Doe": ["conceptualization"],
    "John Smith": ["conceptualization"],
    "Anna Lee": ["supervision"],
}
"""What the statements of several tests below give the article's three authors."""


def _read_back(back: str) -> dict[str, list[str | None]]:
    """Each author's roles, by name, in the article by Jane Doe, John Smith and Anna Lee with
    `back` as its back matter."""
    return {
        author.raw: [role.role for role in author.roles or []]
        for author in parse_jats(_article(back).encode()).authors
    }


def _table(rows: list[list[str]]) -> str:
    head, *body = rows
    cells = "".join(f"<th>{cell}</th>" for cell in head)
    lines = "".join("<tr>" + "".join(f"<td>{c}</td>" for c in row) + "</tr>" for row in body)
    return (
        f"<sec><title>Author contributions</title><table-wrap><table><thead><tr>{cells}</tr>"
        f"</thead><tbody>{lines}</tbody></table></table-wrap></sec>"
    )


@pytest.mark.parametrize(
    "rows",
    [
        [
            ["Role", "JD", "JS", "AL"],
            ["Conceptualization", "lead", "supporting", ""],
            ["Software", "–", "X", ""],
            ["Supervision", "", "", "✓"],
        ],
        [
            ["", "Conceptualization", "Software", "Supervision"],
            ["Jane Doe", "Lead", "", "-"],
            ["John Smith", "Supporting", "x", ""],
            ["Anna Lee", "", "no", "•"],
        ],
    ],
)
def test_a_table_of_roles_and_people_gives_one_entry_a_row(rows: list[list[str]]) -> None:
    # written here, not copied: a grid of roles and people (either way round), marked or with
    # degrees, as tenzing and some journals print it
    article = _article(_table(rows))
    read = {
        author.raw: [(role.role, role.degree) for role in author.roles or []]
        for author in parse_jats(article.encode()).authors
    }
    assert read == {
        "Jane Doe": [("conceptualization", Degree.LEAD)],
        "John Smith": [("conceptualization", Degree.SUPPORTING), ("software", None)],
        "Anna Lee": [("supervision", None)],
    }


TABLE_FORMS = {
    # written here, not copied. Lists after forms some journals print (a list of roles with the
    # people, CRediT's definitions between them; a list of authors as Neurology prints it):
    # none is in the real files read here. Grids whose marks a review found read as lists.
    "role-then-people": [
        ["Role", "Authors"],
        ["Conceptualization", "JD, JS"],
        ["Software", "JS"],
        ["Supervision", "AL"],
    ],
    "role-definition-people": [
        ["Contributor role", "Role definition", "Authors"],
        ["Conceptualization", "Ideas; overarching research goals.", "Jane Doe, John Smith"],
        ["Software", "Programming, software development.", "John Smith"],
        ["Supervision", "Oversight and leadership.", "Anna Lee"],
    ],
    "person-affiliation-roles": [
        ["Name", "Location", "Contribution"],
        ["Jane Doe, MD", "University of X", "Conceptualization"],
        ["John Smith, PhD", "University of Y", "Conceptualization, Software"],
        ["Anna Lee", "University of Z", "Supervision"],
    ],
    "list-with-notes": [
        ["Role", "Authors", "Notes"],
        ["Conceptualization", "Jane Doe, John Smith", ""],
        ["Software", "John Smith", "Python package"],
        ["Supervision", "Anna Lee", ""],
    ],
    "roles-on-lines-of-their-own": [
        ["Name", "Contribution"],
        ["Jane Doe", "Conceptualization"],
        ["John Smith", "Conceptualization<break/>Software"],
        ["Anna Lee", "Supervision"],
    ],
    "grid-with-footnote-marks": [
        ["Role", "JD", "JS", "AL"],
        ["Conceptualization", "X<sup>a</sup>", "X", ""],
        ["Software", "", "X", ""],
        ["Supervision", "", "", "X"],
    ],
    "grid-with-words-for-marks": [
        ["Role", "JD", "JS", "AL"],
        ["Conceptualization", "Major", "Minor", ""],
        ["Software", "", "Major", ""],
        ["Supervision", "", "", "Major"],
    ],
}


@pytest.mark.parametrize("rows", TABLE_FORMS.values(), ids=TABLE_FORMS.keys())
def test_a_table_as_a_list_or_a_grid_gives_one_entry_a_row(rows: list[list[str]]) -> None:
    # a grid is known by people (or roles) across its header, a list by its columns' names
    # there; the people of a list are in the column named so, not in a notes column
    read = {
        author.raw: [role.role for role in author.roles or []]
        for author in parse_jats(_article(_table(rows)).encode()).authors
    }
    assert read == {
        "Jane Doe": ["conceptualization"],
        "John Smith": ["conceptualization", "software"],
        "Anna Lee": ["supervision"],
    }


def test_a_line_break_inside_a_paragraph_parts_its_entries() -> None:
    # written here, not copied: one paragraph, an entry a line (<break/>, as a Word file
    # converted to JATS prints them); the lines were joined with nothing between them
    back = (
        "<sec><title>Author contributions</title><p>Jane Doe: Conceptualization<break/>"
        "John Smith: Conceptualization, Software<break/>Anna Lee: Supervision</p></sec>"
    )
    read = _read_back(back)
    assert read == {
        "Jane Doe": ["conceptualization"],
        "John Smith": ["conceptualization", "software"],
        "Anna Lee": ["supervision"],
    }


def test_a_table_in_neither_shape_is_read_row_by_row_and_reported() -> None:
    rows = [["Task", "Who"], ["Field work", "JD, JS"], ["Lab work", "AL"]]
    problems = parse_jats(_article(_table(rows)).encode()).problems
    assert problems == [
        "not understood: Task Who",
        "not understood: Field work JD, JS",
        "not understood: Lab work AL",
    ]


def test_a_run_in_heading_before_a_short_first_entry_leaves_the_entry() -> None:
    # JMIR 2026's form, written here: the heading and the first role share one paragraph
    fn = fromstring(
        "<fn><p><bold>Authors’ Contributions:</bold> Conceptualization: JD, JR</p>"
        "<p>Software: JR</p></fn>"
    )
    assert statement_blocks(fn) == ["Conceptualization: JD, JR", "Software: JR"]


@pytest.mark.parametrize(
    "group",
    [
        '<fn-group content-type="author-contributions"><title>Author Contributions</title>',
        "<fn-group><title>Author contributions</title>",
        '<fn-group content-type="author-contributions">',
    ],
    ids=["typed-and-titled", "titled", "typed"],
)
def test_a_footnote_group_typed_or_titled_as_the_statement_is_a_place(group: str) -> None:
    # PeerJ's form (10.7717/peerj.333, as a text-mining tool's test prints its back matter):
    # the group is the statement and its footnotes are untyped; written here, invented names
    back = f"{group}<fn><p>J.D. and J.S.: Conceptualization. A.L.: Supervision.</p></fn></fn-group>"
    assert _read_back(back) == _DOE_SMITH_CONCEIVED_LEE_SUPERVISED


def test_a_footnote_group_of_the_authors_own_footnotes_stays_theirs() -> None:
    # a group of per-author footnotes (PeerJ's other form) is read author by author, as before
    contribs = "".join(
        f'<contrib contrib-type="author"><name><surname>{family}</surname><given-names>{given}'
        f'</given-names></name><xref ref-type="fn" rid="c{n}"/></contrib>'
        for n, (family, given) in enumerate([("Doe", "Jane"), ("Smith", "John")])
    )
    article = (
        f"<article><front><article-meta><contrib-group>{contribs}</contrib-group></article-meta>"
        '</front><back><fn-group content-type="author-contributions"><title>Author '
        'Contributions</title><fn id="c0" fn-type="con"><p>Conceptualization</p></fn>'
        '<fn id="c1" fn-type="con"><p>Software</p></fn></fn-group></back></article>'
    )
    read = {a.raw: [r.role for r in a.roles or []] for a in parse_jats(article.encode()).authors}
    assert read == {"Jane Doe": ["conceptualization"], "John Smith": ["software"]}


@pytest.mark.parametrize(
    "back",
    [
        "<sec><title>Declarations</title><p><bold>Author contributions</bold></p><p>J.D. and J.S.: "
        "Conceptualization.</p><p>A.L.: Supervision.</p><p><bold>Funding</bold></p><p>A.L. was "
        "funded by grant 1 (Methodology: none).</p></sec>",
        "<ack><title>Acknowledgements</title><p>We thank the nurses.</p><p><italic>Author "
        "contributions:</italic></p><p>J.D. and J.S.: Conceptualization. A.L.: Supervision.</p>"
        "<p>Competing interests: J.D.: Software company shares.</p></ack>",
        "<sec><title>Declarations</title><p><bold>Author contributions</bold></p><list><list-item>"
        "<p>J.D. and J.S.: Conceptualization</p></list-item><list-item><p>A.L.: Supervision</p>"
        "</list-item></list><p><bold>Ethics approval</bold></p><p>J.D.: Software.</p></sec>",
    ],
    ids=["declarations", "acknowledgements", "list"],
)
def test_a_heading_alone_in_its_paragraph_heads_the_paragraphs_after_it(back: str) -> None:
    # written here, invented names: a titled section of the back matter that heads each of its
    # parts with a paragraph of a bold or italic heading alone gave an empty statement (the
    # heading paragraph was the place); the statement ends at the next part's heading
    assert _read_back(back) == _DOE_SMITH_CONCEIVED_LEE_SUPERVISED


def test_a_bold_credit_lead_in_before_the_entries_is_no_name() -> None:
    # written here, invented names: '<bold>CRediT</bold>: J.D.: …' gave 'CRediT: J.D.', no one
    back = (
        "<sec><title>Author contributions</title><p><bold>CRediT</bold>: J.D.: Conceptualization; "
        "J.S.: Software; A.L.: Supervision.</p></sec>"
    )
    read = _read_back(back)
    assert read == {
        "Jane Doe": ["conceptualization"],
        "John Smith": ["software"],
        "Anna Lee": ["supervision"],
    }


def test_a_heading_alone_takes_no_prose_paragraph_after_its_statement() -> None:
    # found by a review, written there (invented names): paragraphs after the statement with no
    # heading of their own ('J.S. holds shares …', thanks) were read as more entries
    back = (
        "<sec><title>Declarations</title><p><bold>Author contributions</bold></p><p>J.D. and "
        "J.S.: Conceptualization. A.L.: Supervision.</p><p>J.S. holds shares in a company that "
        "makes software.</p><p>We thank the nurses for their work.</p></sec>"
    )
    assert _read_back(back) == _DOE_SMITH_CONCEIVED_LEE_SUPERVISED
    assert parse_jats(_article(back).encode()).problems == []


def test_mdpi_s_key_contribution_notes_are_no_statement() -> None:
    # written here, invented names: MDPI Toxins's '<notes notes-type="Key Contribution">' (the
    # paper's highlights) was typed as a contribution, so its sentences were reported as a
    # statement not understood or in no CRediT term beside the real one
    back = (
        '<notes notes-type="Key Contribution"><title>Key Contribution</title><p>FB1 and DON '
        "induce oxidative stress in pigs.</p></notes><notes><title>Author Contributions</title>"
        "<p>Conceptualization, J.D. and J.S.; supervision, A.L.</p></notes>"
    )
    assert _read_back(back) == _DOE_SMITH_CONCEIVED_LEE_SUPERVISED
    assert parse_jats(_article(back).encode()).problems == []
