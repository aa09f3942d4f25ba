"""Provenance in words, the sheet's layout against tenzing's current table, the row digest and
the coverage line."""

from __future__ import annotations

import csv

from credit_tracker.domain.confirm_sheet import KEY_COLUMNS, column_letter, header
from credit_tracker.domain.confirmation import (
    ROLE_COLUMNS,
    RoleOrigin,
    RoleProvenance,
    provenance_text,
    row_digest,
)
from credit_tracker.domain.credit import ROLES, resolve_role
from credit_tracker.domain.role_coverage import RoleCoverage
from tests.conftest import DATA


def test_the_role_columns_are_tenzings_in_its_current_table() -> None:
    """Named as tenzing's sheet names them (ASCII hyphens), in its order: the upstream example
    table of 2025-11 (tests/data/tenzing-2025, real, byte for byte)."""
    with open(DATA / "tenzing-2025" / "contributors_table_example.csv", encoding="utf-8") as f:
        columns = next(csv.reader(f))
    first = columns.index("Conceptualization")
    assert [label for _slug, label in ROLE_COLUMNS] == columns[first : first + 14]
    assert [resolve_role(label).slug for _slug, label in ROLE_COLUMNS] == [r.slug for r in ROLES]


def test_the_keys_are_the_sheets_last_columns() -> None:
    columns = header()
    assert columns[-len(KEY_COLUMNS) :] == list(KEY_COLUMNS)
    assert len(set(columns)) == len(columns)
    assert [column_letter(n) for n in (0, 25, 26, 27, 51, 52)] == ["A", "Z", "AA", "AB", "AZ", "BA"]


def test_a_changed_key_changes_the_digest() -> None:
    digest = row_digest("jane-illes", "10.5555/x", 4, "2026-12-01", "conceptualization=yes")
    assert len(digest) == 16
    for changed in (
        row_digest("jane-illes", "10.5555/y", 4, "2026-12-01", "conceptualization=yes"),
        row_digest("jane-illes", "10.5555/x", 3, "2026-12-01", "conceptualization=yes"),
        row_digest("jane-illes", "10.5555/x", 4, "2026-12-02", "conceptualization=yes"),
        row_digest("jane-illes", "10.5555/x", 4, "2026-12-01", ""),
        row_digest("john", "10.5555/x", 4, "2026-12-01", "conceptualization=yes"),
    ):
        assert changed != digest


def test_provenance_in_words() -> None:
    def said(origin: RoleOrigin, **kwargs: str) -> str:
        return provenance_text(RoleProvenance(origin=origin, on="2026-12-01", **kwargs))

    assert said(RoleOrigin.AUTHOR, file="jane.xlsx") == (
        "confirmed by the author on 2026-12-01 (jane.xlsx)"
    )
    assert said(RoleOrigin.AUTHOR) == "confirmed by the author on 2026-12-01 (at the desk)"
    assert said(RoleOrigin.WITH_AUTHOR) == "confirmed with the author by the office on 2026-12-01"
    assert said(RoleOrigin.IMPORTED, file="team.xlsx") == (
        "imported from the table team.xlsx on 2026-12-01"
    )
    assert said(RoleOrigin.OFFICE, command="records set-roles") == (
        "edited by the office with 'records set-roles' on 2026-12-01"
    )
    assert provenance_text(None) == "recorded before provenance was kept"
    assert RoleProvenance(origin=RoleOrigin.WITH_AUTHOR, on="2026-12-01").confirmed
    assert not RoleProvenance(origin=RoleOrigin.OFFICE, on="2026-12-01").confirmed


def test_the_coverage_line_adds_up() -> None:
    one = RoleCoverage(articles=1, compared=1, confirmed=2, waiting=1, never_asked=3)
    two = RoleCoverage(articles=1, no_role_source=1, never_asked=4)
    assert (one + two).line() == (
        "roles compared on 1 of 2 articles (2 authors confirmed, 1 asked and waiting, 7 never "
        "asked; 1 articles with no publisher role source)"
    )
