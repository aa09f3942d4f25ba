"""Table-driven: every rule and every equivalent form, with real names from the fixtures."""

from __future__ import annotations

import pytest

from credit_tracker.compare.article import compare_article
from credit_tracker.compare.matching import match_authors, maximum_assignment
from credit_tracker.domain.credit import Degree
from credit_tracker.domain.former import WITHHELD
from credit_tracker.domain.models import (
    FetchState,
    Notice,
    RoleAssignment,
    SourceKind,
    SourceSnapshot,
    TeamAuthor,
)
from credit_tracker.domain.problems import NotCredit, PartsDiffer, TranslationDiffers, Unread
from credit_tracker.parse.jats import parse_jats
from tests.builders import WHEN, member, printed, record, snapshot
from tests.conftest import FIXTURES

J, C, S = SourceKind.JATS, SourceKind.CROSSREF, SourceKind.STATEMENT
CONC, WRE = "conceptualization", "writing-review-editing"
ILLES = ("jane-illes", "Jane", "Illés")


def rules(result) -> list[tuple[str, str, str | None]]:
    return [(f.rule, f.source, f.author.person if f.author else None) for f in result.findings]


def run(members, *shots, draft=False):
    rec, people = record(*members, draft=draft)
    return compare_article(rec, people, list(shots))


# ---- each rule -----------------------------------------------------------------------------

CASES = {
    "role-missing": (
        [member(*ILLES, roles=[CONC, WRE])],
        [snapshot(J, printed("Jane", "Illés", roles=[]))],
        [("role-missing", "jats", "jane-illes"), ("role-missing", "jats", "jane-illes")],
    ),
    "role-extra": (
        [member("nidia", "Nídia", "de Sousa", roles=["methodology"])],
        [snapshot(J, printed("Nídia", "de Sousa", roles=["methodology", "software"]))],
        [("role-extra", "jats", "nidia")],
    ),
    "roles-not-deposited": (
        [member(*ILLES, roles=[CONC])],
        [snapshot(C, printed("Jane", "Illés", roles=None))],
        [("roles-not-deposited", "crossref", "jane-illes")],
    ),
    "degree-mismatch": (
        [member("felipe", "Felipe Flôres", "Martins", roles=[CONC], degrees={CONC: Degree.LEAD})],
        [
            snapshot(
                J,
                printed(
                    "Felipe Flôres", "Martins", roles=[CONC], degrees={CONC: Degree.SUPPORTING}
                ),
            )
        ],
        [("degree-mismatch", "jats", "felipe")],
    ),
    "name-diacritics": (
        [member("nidia", "Nídia", "de Sousa")],
        [snapshot(J, printed("Nidia", "de Sousa"))],
        [("name-diacritics", "jats", "nidia")],
    ),
    "name-initials (middle initial added, AIMMS)": (
        [member(*ILLES)],
        [snapshot(S, printed("Jane P.", "Illés", raw="Jane P. Illés"), complete=False)],
        [("name-initials", "statement", "jane-illes")],
    ),
    "name-initials (given name cut to initials, wombat pone.0219838)": (
        [member("carlsson", "Anja Maria", "Carlsson")],
        [snapshot(J, printed("A. M.", "Carlsson"))],
        [("name-initials", "jats", "carlsson")],
    ),
    "name-split (Vietnamese order, wombat pone.0190755)": (
        [member("hoa", "Phuong Hoa", "Nguyen")],
        [snapshot(J, printed("Nguyen", "Phuong Hoa"))],
        [("name-split", "jats", "hoa")],
    ),
    "name-split (particle lost, allofplos pone.0185809)": (
        [member("kroon", "Hans", "de Kroon")],
        [snapshot(J, printed("Hans", "Kroon"))],
        [("name-split", "jats", "kroon")],
    ),
    "name-split (particle moved into the given names)": (
        [member("kroon", "Hans", "de Kroon")],
        [snapshot(J, {**printed("Hans de", "Kroon"), "raw": "Hans de Kroon"})],
        [("name-split", "jats", "kroon")],
    ),
    "name-spelling (PeerJ statement 'Coelman')": (
        [member("coleman", "Ross A.", "Coleman")],
        [snapshot(S, printed("Ross A.", "Coelman"), complete=False)],
        [("name-spelling", "statement", "coleman")],
    ),
    "name-former": (
        [member("alwan", "Nisreen A", "Alwan", former_names=["Nisreen A Haddad"])],
        [snapshot(J, printed("Nisreen A", "Haddad"))],
        [("name-former", "jats", "alwan")],
    ),
    "orcid-missing": (
        [member("parker", "Glendon J.", "Parker", orcid="0000-0003-2937-5853")],
        [snapshot(J, printed("Glendon J.", "Parker"))],
        [("orcid-missing", "jats", "parker")],
    ),
    "orcid-mismatch": (
        [member("parker", "Glendon J.", "Parker", orcid="0000-0003-2937-5853")],
        [snapshot(C, printed("Glendon J.", "Parker", orcid="0000-0002-1825-0097"))],
        [("orcid-mismatch", "crossref", "parker")],
    ),
    "orcid-unauthenticated (rcrossref s11192)": (
        [member("jahn", "Najko", "Jahn", orcid="0000-0001-5105-1463")],
        [snapshot(C, printed("Najko", "Jahn", orcid="0000-0001-5105-1463", authenticated=False))],
        [("orcid-unauthenticated", "crossref", "jahn")],
    ),
    "author-missing": (
        [member("tami", "Tami", "Leppert"), member("mark", "Mark", "Leppert")],
        [snapshot(J, printed("Mark", "Leppert"))],
        [("author-missing", "jats", "tami")],
    ),
    "author-extra": (
        [member("mark", "Mark", "Leppert")],
        [snapshot(J, printed("Tami", "Leppert"), printed("Mark", "Leppert"))],
        [("author-extra", "jats", None), ("author-order", "jats", "mark")][:1],
    ),
    "author-order": (
        [
            member("tami", "Tami", "Leppert"),
            member("nori", "Nori", "Matsunami"),
            member("mark", "Mark", "Leppert"),
        ],
        [
            snapshot(
                J,
                printed("Nori", "Matsunami"),
                printed("Tami", "Leppert"),
                printed("Mark", "Leppert"),
            )
        ],
        [("author-order", "jats", "nori")],
    ),
    # one misspelt name is one finding: the name rule's says what the source prints
    "sources-disagree (names): told by the name finding": (
        [member("reiss", "Günter", "Reiss")],
        [snapshot(C, printed("Günter", "Reiss")), snapshot(J, printed("Günter", "Reiß"))],
        [("name-spelling", "jats", "reiss")],
    ),
    "sources-disagree (names): two accepted spellings": (
        [member("reiss", "Günter", "Reiss", accepted_spellings=["Günter Reiß"])],
        [snapshot(C, printed("Günter", "Reiss")), snapshot(J, printed("Günter", "Reiß"))],
        [("sources-disagree", "crossref + jats", "reiss")],
    ),
    "sources-disagree (roles)": (
        [member("adell", "Teresa", "Adell")],  # roles not recorded: only the sources are compared
        [
            snapshot(C, printed("Teresa", "Adell", roles=[CONC])),
            snapshot(J, printed("Teresa", "Adell", roles=[CONC, WRE])),
        ],
        [("sources-disagree", "crossref + jats", "adell")],
    ),
    "correction-published (pone.0033693)": (
        [member("sadasivan", "Shankar", "Sadasivan")],
        [
            snapshot(
                C,
                printed("Shankar", "Sadasivan"),
                notices=[
                    Notice(
                        doi="10.1371/annotation/c76da2c1-ccb8-4797-94c1-359d3ceceeda",
                        kind="correction",
                        date="2012-05-08",
                    )
                ],
            )
        ],
        [("correction-published", "crossref", None)],
    ),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_each_rule(case: str) -> None:
    members, shots, expected = CASES[case]
    assert rules(run(members, *shots)) == expected


def test_roles_not_recorded_for_draft_records() -> None:
    result = run(
        [member("x", "Jan", "de Wit", roles=None)],
        snapshot(C, printed("Jan", "de Wit")),
        draft=True,
    )
    assert rules(result) == [("roles-not-recorded", "team", "x")]
    assert result.findings[0].severity.value == "info"


# ---- what is never a finding ---------------------------------------------------------------

EQUIVALENT = {
    "NFC against NFD": ([member(*ILLES)], printed("Jane", "Ille\u0301s")),
    "full stop after an initial (EBSCO drops them)": (
        [member("bryant", "Louise D", "Bryant")],
        printed("Louise D.", "Bryant"),
    ),
    "non-breaking space": (
        [member(*ILLES)],
        {**printed("Jane", "Illés"), "raw": "Jane\u00a0Illés"},
    ),
    "an accepted spelling": (
        [member(*ILLES, accepted_spellings=["J. Illés"])],
        printed("J.", "Illés"),
    ),
    "the same roles": (
        [member(*ILLES, roles=[WRE, CONC])],
        printed("Jane", "Illés", roles=[CONC, WRE]),
    ),
    "roles recorded without degree": (
        [member(*ILLES, roles=[CONC])],
        printed("Jane", "Illés", roles=[CONC], degrees={CONC: Degree.LEAD}),
    ),
    "roles not recorded by the team": (
        [member(*ILLES, roles=None)],
        printed("Jane", "Illés", roles=["software"]),
    ),
}


@pytest.mark.parametrize("case", sorted(EQUIVALENT))
def test_equivalent_forms_are_never_findings(case: str) -> None:
    members, shown = EQUIVALENT[case]
    result = run(members, snapshot(J, shown))
    assert result.findings == []
    if case == "an accepted spelling":
        assert result.accepted == 1


def test_role_label_against_uri_and_and_against_ampersand() -> None:
    """The JATS parser turns every encoding into a slug; the same roles recorded are clean."""
    article = parse_jats(
        (FIXTURES / "allofplos/journal.pbio.2001413.xml").read_bytes()
    )  # 'review and editing'
    gerber = article.authors[0]
    team_roles = [RoleAssignment(role=r.role) for r in gerber.roles]
    rec, people = record(member("gerber", "Lukas C.", "Gerber"))
    rec.authors[0] = rec.authors[0].model_copy(update={"roles": team_roles})
    shot = SourceSnapshot(
        doi=rec.doi, source=J, state=FetchState.OK, fetched_at=WHEN, authors=[gerber]
    )
    assert compare_article(rec, people, [shot]).findings == []


def test_decomposed_characters_are_shown_as_such() -> None:
    result = run(
        [member(*ILLES)], snapshot(J, {**printed("Jane", "Illès"), "raw": "Jane Ille\u0300s"})
    )
    (finding,) = result.findings
    assert finding.rule == "name-diacritics"
    assert finding.observed == "Jane Ille+U+0300s"
    assert "'é' printed as 'è'" in finding.message


def test_spelling_edit_is_shown() -> None:
    (finding,) = run(
        [member("coleman", "Ross A.", "Coleman")], snapshot(J, printed("Ross A.", "Coelman"))
    ).findings
    assert finding.message == "Ross A. Coleman: printed 'Ross A. Coelman': 'Coleman'→'Coelman'"


def test_former_name_is_never_printed() -> None:
    former = "Nisreen A Haddad"
    result = run(
        [member("alwan", "Nisreen A", "Alwan", former_names=[former])],
        snapshot(J, printed("Nisreen A", "Haddad")),
        snapshot(C, printed("Nisreen A", "Alwan")),
    )
    assert {f.rule for f in result.findings} == {"name-former"}
    assert all("Haddad" not in f.model_dump_json() for f in result.findings)


# ---- matching ------------------------------------------------------------------------------


def test_maximum_assignment_is_not_greedy() -> None:
    assert sorted(maximum_assignment([[0.9, 0.8], [0.85, 0.0]])) == [(0, 1), (1, 0)]
    assert sorted(maximum_assignment([[0.5], [0.9], [0.1]])) == [(1, 0)]


def test_reza_as_family_and_given_name_aimms() -> None:
    reza, zamani = member("reza", "Musarrat Maisha", "Reza"), member("zamani", "Reza", "Zamani")
    rec, people = record(reza, zamani)
    # the source prints Zamani with given and family swapped, and in the other order
    shot = snapshot(J, printed("Zamani", "Reza"), printed("Musarrat Maisha", "Reza"))
    pairs = {(p.team, p.source, p.method) for p in match_authors(rec.authors, people, shot.authors)}
    assert pairs == {(0, 1, "exact"), (1, 0, "tolerant")}


def test_the_two_lepperts_of_pone_0160653_with_the_real_file() -> None:
    article = parse_jats((FIXTURES / "allofplos/journal.pone.0160653.xml").read_bytes())
    members = [
        member(f"a{n}", a.name.given, a.name.family_full, roles=[r.role for r in a.roles])
        for n, a in enumerate(article.authors)
    ]
    rec, people = record(*members)
    shot = SourceSnapshot(
        doi=rec.doi, source=J, state=FetchState.OK, fetched_at=WHEN, authors=article.authors
    )
    result = compare_article(rec, people, [shot])
    assert result.findings == []
    tami = next(n for n, a in enumerate(rec.authors) if a.printed.given == "Tami")
    rec.authors[tami] = rec.authors[tami].model_copy(
        update={"roles": [RoleAssignment(role="software")]}
    )
    found = {
        (f.rule, f.author.name, f.expected or f.observed)
        for f in compare_article(rec, people, [shot]).findings
    }
    assert found == {
        (
            "role-extra",
            "Tami Leppert",
            "Data curation <https://credit.niso.org/contributor-roles/data-curation/>",
        ),
        (
            "role-extra",
            "Tami Leppert",
            "Formal analysis <https://credit.niso.org/contributor-roles/formal-analysis/>",
        ),
        (
            "role-extra",
            "Tami Leppert",
            "Writing – original draft <https://credit.niso.org/contributor-roles/writing-original-draft/>",
        ),
    }


def test_vietnamese_names_with_the_real_file() -> None:
    article = parse_jats((FIXTURES / "wombat/journal.pone.0190755.xml").read_bytes())
    rec, people = record(member("hong", "Thi Hong", "Tran"), member("hoa", "Nguyen", "Phuong Hoa"))
    shot = SourceSnapshot(
        doi=rec.doi,
        source=J,
        state=FetchState.OK,
        fetched_at=WHEN,
        authors=article.authors,
        complete=False,
    )
    result = compare_article(rec, people, [shot])
    assert [(f.rule, f.author.person) for f in result.findings] == [("name-split", "hong")]
    assert [p.method for p in result.pairs["jats"]] == ["tolerant", "exact"]


def test_orcid_pairs_before_names() -> None:
    rec, people = record(member("jahn", "Najko", "Jahn", orcid="0000-0001-5105-1463"))
    shot = snapshot(
        C, printed("N.", "Jahn-Somebody", orcid="0000-0001-5105-1463", authenticated=True)
    )
    (pair,) = match_authors(rec.authors, people, shot.authors)
    assert (pair.method, pair.confidence) == ("orcid", 1.0)


def test_order_pairs_what_names_cannot() -> None:
    rec, people = record(member("a", "Ana", "Costa"), member("b", "Bo", "Berg"))
    shot = snapshot(J, printed("Ana", "Costa"), printed("Xiu", "Wang"))
    pairs = match_authors(rec.authors, people, shot.authors)
    assert [(p.team, p.source, p.method) for p in pairs] == [(0, 0, "exact"), (1, 1, "order")]


# ---- verification --------------------------------------------------------------------------


def test_failed_or_missing_snapshots_are_unverified_never_clean() -> None:
    rec, people = record(member(*ILLES))
    assert [u.reason for u in compare_article(rec, people, []).unverified] == [
        "no snapshot yet; run 'credit-tracker fetch'"
    ]
    failed = snapshot(C, state=FetchState.FAILED, reason="HTTP 503 (after 5 tries)")
    result = compare_article(rec, people, [failed])
    assert [(u.source, u.reason) for u in result.unverified] == [
        ("crossref", "HTTP 503 (after 5 tries)")
    ]
    assert result.findings == []


def test_a_newer_failure_keeps_the_last_reading_and_leaves_the_article_unverified() -> None:
    from datetime import timedelta

    rec, people = record(member(*ILLES))
    good = snapshot(C, printed("Jane", "Illes"))
    failed = snapshot(
        C, state=FetchState.FAILED, reason="connection reset", when=WHEN + timedelta(days=1)
    )
    result = compare_article(rec, people, [good, failed])
    assert rules(result) == [("name-diacritics", "crossref", "jane-illes")]
    assert [(u.source, u.reason) for u in result.unverified] == [
        (
            "crossref",
            "found on 2026-11-01, could not be read on 2026-11-02 (connection reset);"
            " the findings of the last reading are still reported",
        )
    ]


def test_not_found_after_found_keeps_the_last_reading_and_is_reported() -> None:
    from datetime import timedelta

    rec, people = record(member(*ILLES))
    good = snapshot(J, printed("Jane", "Illes"))
    gone = snapshot(J, state=FetchState.NOT_FOUND, when=WHEN + timedelta(days=33))
    result = compare_article(rec, people, [good, gone])
    assert rules(result) == [("name-diacritics", "jats", "jane-illes")]
    assert [(u.source, u.reason) for u in result.unverified] == [
        (
            "jats",
            "found on 2026-11-01, not found on 2026-12-04;"
            " the findings of the last reading are still reported",
        )
    ]


def test_not_found_with_no_earlier_reading_is_no_failure() -> None:
    rec, people = record(member(*ILLES))
    result = compare_article(
        rec,
        people,
        [snapshot(C, printed("Jane", "Illés")), snapshot(J, state=FetchState.NOT_FOUND)],
    )
    assert result.findings == [] and result.unverified == []


def test_finding_ids_are_stable() -> None:
    first = run([member(*ILLES, roles=[CONC])], snapshot(J, printed("Jane", "Illés", roles=[])))
    second = run([member(*ILLES, roles=[CONC])], snapshot(J, printed("Jane", "Illés", roles=[])))
    assert [f.id for f in first.findings] == [f.id for f in second.findings]
    assert first.findings[0].id.startswith("ct-")


def test_team_author_type_is_what_the_builders_make() -> None:
    assert isinstance(member(*ILLES)[0], TeamAuthor)


@pytest.mark.parametrize(
    "problem",
    [
        Unread(text="N.A. Haddad analysed the samples."),
        NotCredit(text="Nisreen A Haddad did the fieldwork."),
        PartsDiffer(text="Haddad N: the markup gives Supervision", position=1),
        TranslationDiffers(text="N. Haddad: Supervisão", position=1),
    ],
    ids=["unread", "not-credit", "parts", "translation"],
)
def test_a_passage_the_source_printed_is_withheld_when_it_holds_a_former_name(problem) -> None:
    """A sentence the reader could not read is quoted in its finding; one that names an author
    by a former family name (here with initials the name check never sees) is not quoted."""
    shot = snapshot(J, printed("Nisreen A", "Alwan"))
    shot.problems = [problem]
    (finding,) = run(
        [member("alwan", "Nisreen A", "Alwan", former_names=["Nisreen A Haddad"])], shot
    ).findings
    assert "Haddad" not in finding.model_dump_json()
    assert WITHHELD in finding.message and finding.observed == WITHHELD
    # without the former name the passage is quoted as printed
    (finding,) = run([member("alwan", "Nisreen A", "Alwan")], shot).findings
    assert problem.text in finding.message
