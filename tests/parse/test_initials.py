"""Initials as real statements print them, resolved against real bylines or left unread."""

from __future__ import annotations

from pathlib import Path

import pytest

from credit_tracker.domain.models import SourceAuthor
from credit_tracker.domain.names import PersonName
from credit_tracker.parse.initials import initials_groups, resolve
from credit_tracker.parse.jats import parse_jats
from credit_tracker.parse.statement import parse_statement
from tests.conftest import DATA

WILD = DATA / "wild"
BIORXIV = WILD / "elifesciences+enhanced-preprints-biorxiv-xslt"


def _byline(path: Path) -> list[SourceAuthor]:
    return parse_jats(path.read_bytes()).authors


@pytest.mark.parametrize(
    ("token", "groups"),
    [
        ("T.B.D.", ["T", "B", "D"]),
        ("Z. G.", ["Z", "G"]),
        ("S.J", ["S", "J"]),  # a dot left out
        ("BPD-J", ["B", "P", "D", "J"]),
        ("Y.-S.S.", ["Y", "S", "S"]),
        ("D.-H. W.", ["D", "H", "W"]),
        ("A.J-M.", ["A", "J", "M"]),
        ("F.Ú.", ["F", "Ú"]),
        ("J.Š.Ž.", ["J", "Š", "Ž"]),
        ("ÉMR", ["É", "M", "R"]),
        ("M.d.N.N.", ["M", "d", "N", "N"]),
        ("STa", ["S", "Ta"]),
        ("A.Lüthi", ["A", "Lüthi"]),
        ("JvdB", ["Jvd", "B"]),  # undotted, the particles' small letters between the capitals
        ("MdlC", ["Mdl", "C"]),
    ],
)
def test_initials_of_every_printed_form_read_into_groups(token: str, groups: list[str]) -> None:
    readings = initials_groups(token)
    assert readings is not None and readings[0] == groups


@pytest.mark.parametrize(
    "text", ["Jane", "Xixi", "Yi He", "Sean M. Sultaire", "Tecchio M. A", "Li", "Ted", "Al"]
)
def test_names_are_no_initials(text: str) -> None:
    assert initials_groups(text) is None


@pytest.mark.parametrize(
    ("path", "token", "name"),
    [
        # extra letters tell two S.T. apart (PLOS NTD 2016)
        (WILD / "petermr+openDiagram/PMC5125571/fulltext.xml", "STa", "Sirikachorn Tangkawattana"),
        (WILD / "petermr+openDiagram/PMC5125571/fulltext.xml", "STe", "Smarn Tesana"),
        # the family name written out tells two A.L. apart (bioRxiv 2023)
        (BIORXIV / "2023.08.22.554341.xml", "A.Lin", "Alex Lin"),
        (BIORXIV / "2023.08.22.554341.xml", "A.Lüthi", "Anita Lüthi"),
        (BIORXIV / "2023.08.22.554341.xml", "A.O-F.", "Alejandro Osorio-Forero"),
        # accented initials, one of them a prefix of the other (MDPI Molecules 2021)
        (WILD / "petermr+pygetpapers/PMC8270279/fulltext.xml", "J.Š.", "Jona Šurić"),
        (WILD / "petermr+pygetpapers/PMC8270279/fulltext.xml", "J.Š.Ž.", "Jana Šic Žlabur"),
        (WILD / "petermr+amilib/PMC10146683/fulltext.xml", "Y.-S.S.", "Yoon-Sik So"),
        (WILD / "petermr+amilib/PMC11348766/fulltext.xml", "D.-H. W.", "Da-Hu Wang"),
        (
            WILD / "petermr+amilib/PMC11348159/fulltext.xml",
            "M.d.N.N.",
            "Majoi de Novaes Nascimento",
        ),
        (WILD / "petermr+openDiagram/PMC5132230/fulltext.xml", "ÉMR", "Érica de Menezes Rabelo"),
        # a middle initial left out (microPublication 2021), a leading one (bioRxiv 2023)
        (WILD / "petermr+pygetpapers/PMC7890423/fulltext.xml", "CR", "Chinmay P. Rele"),
        (BIORXIV / "2023.03.13.532331.xml", "EEB", "A. Elif Erson-Bensan"),
        # the family name left out (bioRxiv 2023)
        (BIORXIV / "2023.10.16.562488.xml", "M.L.", "Maria Louise Elkjær"),
    ],
)
def test_initials_resolve_to_the_one_byline_author(path: Path, token: str, name: str) -> None:
    assert resolve(token, _byline(path)).author is not None
    assert resolve(token, _byline(path)).author.raw == name


def test_initials_that_one_list_prints_twice_name_nobody_for_certain() -> None:
    # bioRxiv 2023: 'Methodology: …, A.D., M.P., …, A.D., …, M.P., …': Alessandro Daducci and
    # Anders Bjorholm Dahl are both A.D.; A.D. alone would be Daducci's initials only
    byline = _byline(BIORXIV / "2023.10.16.562488.xml")
    assert resolve("A.D.", byline).author.raw == "Alessandro Daducci"
    twice = resolve("A.D.", byline, repeated=True)
    assert twice.author is None
    assert [a.raw for a in twice.candidates] == ["Alessandro Daducci", "Anders Bjorholm Dahl"]


@pytest.mark.parametrize(
    "names",
    [
        # written here, not copied: accented and hyphenated initials, and two authors whose
        # initials are both Z.Y.
        ["Fernando Úbeda", "Ana Jiménez-Martín", "Yun-Seok Shin", "Zhang Yi", "Zhou Yan"],
    ],
)
def test_accented_and_hyphenated_initials_resolve_and_shared_ones_stay_unread(
    names: list[str],
) -> None:
    byline = [
        SourceAuthor.printed(n, (name.split()[0], name.split()[1], ""), None, None, None)
        for n, name in enumerate(names, start=1)
    ]
    text = "F.Ú., A.J-M. and Y.-S.S.: Conceptualization. Z.Y.: Methodology."
    parsed = parse_statement(text, byline)
    read = {entry.author.raw: [r.role for r in entry.roles] for entry in parsed.entries}
    assert read == {
        "Fernando Úbeda": ["conceptualization"],
        "Ana Jiménez-Martín": ["conceptualization"],
        "Yun-Seok Shin": ["conceptualization"],
    }
    assert parsed.problems == [
        "not understood: Z.Y.: Methodology: initials 'Z.Y' fit more than one author "
        "(Zhang Yi, Zhou Yan); not assigned"
    ]
    assert [a.raw for a in parsed.unresolved[0].candidates] == ["Zhang Yi", "Zhou Yan"]


@pytest.mark.parametrize(
    ("token", "name"),
    [("JvdB", "Jan van der Berg"), ("MdlC", "María de la Cruz"), ("TdV", "Tom de Vries")],
)
def test_undotted_initials_with_the_particles_small_letters_resolve(token: str, name: str) -> None:
    # written here, not copied: Dutch and Spanish particles printed as small letters
    byline = [
        SourceAuthor(position=n, raw=raw, name=PersonName(given=given, family=family))
        for n, (raw, given, family) in enumerate(
            [
                ("Jan van der Berg", "Jan", "van der Berg"),
                ("María de la Cruz", "María", "de la Cruz"),
                ("Tom de Vries", "Tom", "de Vries"),
            ],
            start=1,
        )
    ]
    resolved = resolve(token, byline).author
    assert resolved is not None and resolved.raw == name


def test_a_small_letter_fits_a_lower_case_name_word_not_listed_as_a_particle() -> None:
    # written here, not copied: 'do' (Portuguese) is no listed particle, since 'Do' is also a
    # family name; printed in small letters inside the given names it is one ('D.d.S.B.B.')
    byline = [
        SourceAuthor(position=1, raw=raw, name=PersonName(given=given, family=family))
        for raw, given, family in [
            ("Paulo do Carmo Lima Neves", "Paulo do Carmo Lima", "Neves"),
            ("Paula Duarte Soares Lima Neves", "Paula Duarte Soares Lima", "Neves"),
        ]
    ]
    resolved = resolve("P.d.C.L.N.", byline).author
    assert resolved is not None and resolved.raw == "Paulo do Carmo Lima Neves"
    assert resolve("P.D.S.L.N.", byline).author is byline[1]


def test_a_hyphen_in_the_initials_picks_the_one_author_whose_name_has_one() -> None:
    # written here, not copied: two authors fit 'S.-K.M.' letter for letter (Science Advances
    # prints such a pair); plain 'S.M.' or 'SKM' still fit both, and are reported
    byline = [
        SourceAuthor(
            position=1, raw="Seung-Ki Min", name=PersonName(given="Seung-Ki", family="Min")
        ),
        SourceAuthor(
            position=2,
            raw="Sanjit Kumar Mondal",
            name=PersonName(given="Sanjit Kumar", family="Mondal"),
        ),
    ]
    for token in ("S.-K.M.", "S-KM"):
        resolved = resolve(token, byline).author
        assert resolved is not None and resolved.raw == "Seung-Ki Min"
    for token in ("S.M.", "SKM"):
        assert resolve(token, byline).author is None
        assert len(resolve(token, byline).candidates) == 2


def _authors(*names: tuple[str, str]) -> list[SourceAuthor]:
    return [
        SourceAuthor(
            position=n, raw=f"{given} {family}", name=PersonName(given=given, family=family)
        )
        for n, (given, family) in enumerate(names, start=1)
    ]


def test_initials_of_each_syllable_of_a_chinese_given_name_resolve() -> None:
    # written here, not copied: PLOS prints one initial per pinyin syllable of a given name
    # written as one word ('Conceptualization: WLC QHM'); names of other languages are not cut
    byline = _authors(("Wenlan", "Chu"), ("Qinghao", "Mei"), ("Anders", "Dahl"))
    assert resolve("WLC", byline).author is byline[0]
    assert resolve("QHM", byline).author is byline[1]
    assert resolve("ADD", byline).author is None  # 'Anders' is no run of pinyin syllables
    assert resolve("WC", byline).author is byline[0]  # the usual form still fits


def test_syllable_initials_are_read_only_for_a_chinese_family_name() -> None:
    # written here, not copied: 'Peter' and 'Maria' cut into pinyin syllables too (pe-ter,
    # ma-ria), but Smith and Rossi are no syllable: 'PTS' and 'MRR' fit nobody, as before
    byline = _authors(("Peter", "Smith"), ("Maria", "Rossi"), ("Peter", "Zhang"))
    assert resolve("PTS", byline).author is None
    assert resolve("MRR", byline).author is None
    assert resolve("PTZ", byline).author is byline[2]


def test_syllable_initials_fitting_two_authors_are_reported_not_assigned() -> None:
    # written here, not copied: two people whose syllables give the same letters
    byline = _authors(("Xiaohong", "Ma"), ("Xinhui", "Mo"))
    resolved = resolve("XHM", byline)
    assert resolved.author is None and len(resolved.candidates) == 2


def test_an_elided_prefix_of_a_family_name_may_be_an_initial_of_its_own() -> None:
    # written here, not copied: 'VDE' for an Italian D'... family name and 'AOG' for an Irish
    # O'... one (PLOS), while 'S.D.' still reads the same family name as one word
    byline = _authors(("Valentina", "D’Ercole"), ("Aoife", "O'Grady"), ("Sara", "D'Amato"))
    assert resolve("VDE", byline).author is byline[0]
    assert resolve("AOG", byline).author is byline[1]
    assert resolve("S.D.", byline).author is byline[2]
    assert resolve("SDA", byline).author is byline[2]


def test_an_underscore_in_a_name_parts_its_words_as_a_space_would() -> None:
    # written here, not copied: a production database's 'Abd_Allah' for Abd-Allah (BMC 2018),
    # printed 'EFAA' in the statement
    byline = _authors(("Elsayed Fathi", "Abd_Allah"), ("Abeer", "Hashem"))
    assert resolve("EFAA", byline).author is byline[0]
    assert resolve("E.F.A.", byline).author is byline[0]  # the family name as one word, too


def test_a_name_with_a_middle_initial_and_a_capital_inside_its_family_name_resolves() -> None:
    # written here, not copied: 'Amy L. McKenzie' in a statement (Diabetes Therapy 2018) was
    # read as initials whose family name was cut at its inner capital ('Mc', 'Kenzie'), so it
    # fit nobody and the author's roles were lost
    byline = _authors(("Amy L.", "McKenzie"), ("Paul T.", "DeSouza"), ("Anna", "Lin"))
    assert resolve("Amy L. McKenzie", byline).author is byline[0]
    assert resolve("A.L. McKenzie", byline).author is byline[0]
    assert resolve("P. DeSouza", byline).author is byline[1]
    assert resolve("A.Lin", byline).author is byline[2]  # a name written out after a dot, as before
    # cut at its capital, the written-out name still fits a byline that spells it as two words
    two_words = _authors(("Paul", "De Souza"), ("João", "da Silva"))
    assert resolve("P. DeSouza", two_words).author is two_words[0]
    assert resolve("J. DaSilva", two_words).author is two_words[1]


def test_a_small_letter_alone_after_a_hyphen_is_a_syllable_not_a_particle() -> None:
    # written here, not copied: MDPI prints 'Y.-q.H.' for Yuqing He (Yu-qing) beside 'X.-b.Z.'
    # for Xiao-bo Zhang (Plants 2019); the small 'q' was read as a particle's letter, which no
    # word of 'Yuqing He' is, so the initials fit nobody
    byline = _authors(("Yuqing", "He"), ("Xiao-bo", "Zhang"), ("Maria", "van Dijk"))
    assert resolve("Y.-q.H.", byline).author is byline[0]
    assert resolve("X.-b.Z.", byline).author is byline[1]  # a hyphenated name, as before
    assert resolve("M.v.D.", byline).author is byline[2]  # a particle's small letter, as before


def test_a_generational_suffix_may_be_printed_as_the_last_initial() -> None:
    # written here, not copied: MDPI prints 'W.A.V.J.' for Waldiceu A. Verri Jr. (Toxins 2019),
    # where JATS keeps 'Jr.' in <suffix>; a numeral is never printed so
    junior = SourceAuthor(
        position=1, raw="W", name=PersonName(given="Ana B.", family="Costa", suffix="Jr.")
    )
    third = SourceAuthor(
        position=2, raw="T", name=PersonName(given="Rui", family="Lopes", suffix="III")
    )
    byline = [junior, third]
    assert resolve("A.B.C.J.", byline).author is junior
    assert resolve("A.B.C.", byline).author is junior  # without it, as before
    assert resolve("R.L.", byline).author is third
    assert resolve("R.L.I.", byline).author is None


def test_a_suffix_s_initial_is_tried_only_where_nobody_fits_without_it() -> None:
    # found by a review: 'R.J.J.' fit Robert J. Jones, and, with the suffix, Robert Jones Jr.
    jones = SourceAuthor(position=1, raw="R", name=PersonName(given="Robert J.", family="Jones"))
    junior = SourceAuthor(
        position=2, raw="J", name=PersonName(given="Robert", family="Jones", suffix="Jr.")
    )
    assert resolve("R.J.J.", [jones, junior]).author is jones


def test_a_mc_prefix_and_capital_initials_among_the_given_names_are_initials_of_their_own() -> None:
    # written here, not copied: 'HME' for Hoyt McElroy (G3 2024) and 'SYWH' for Simon YW Ho
    # (BMC Evolutionary Biology 2014, the byline printing his middle names as capitals)
    byline = _authors(("Hoyt", "McElroy"), ("Simon YW", "Ho"), ("Ann", "MacLeod"), ("Wei", "LI"))
    assert resolve("HME", byline).author is byline[0]
    assert resolve("HM", byline).author is byline[0]  # as before
    assert resolve("SYWH", byline).author is byline[1]
    assert resolve("AML", byline).author is byline[2]
    assert resolve("WL", byline).author is byline[3]
    assert resolve("WLI", byline).author is None  # a family name in capitals is no initials
