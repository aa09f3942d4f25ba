"""The columns of a tenzing contributors table: names, roles with degrees, others kept or refused.

tenzing's template (github.com/marton-balazs-kovacs/tenzing: R/contributors_table_template.R
and inst/config/column_validation.yaml) names the columns below; a column that is none of them is
refused with its name, never kept silently, so that a renamed role column cannot lose a role.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field

from credit_tracker.domain.credit import ROLES, Degree, split_degree, try_resolve_role
from credit_tracker.domain.errors import InputError
from credit_tracker.domain.models import RoleAssignment
from credit_tracker.domain.names import clean

ORDER, FIRST, MIDDLE, SURNAME = "Order in publication", "Firstname", "Middle name", "Surname"
ORCID, CORRESPONDING = "ORCID iD", "Corresponding author?"
BYLINE = "Author/Acknowledgee"
"""tenzing (2025): 'Author', 'Acknowledgment only' or "Don't agree to be named"."""
DOI = "DOI"
"""Not tenzing's: the column that makes one table hold many articles."""
NAME_COLUMNS = (ORDER, FIRST, MIDDLE, SURNAME)
MISSING = "NA"
# Columns tenzing knows that credit-tracker keeps as they are, for the export.
KEPT_COLUMNS = frozenset(
    {
        "Email address",
        "Funding",
        "Conflict of interest",
        "Declares",
        "Note",
        "Notes",
        "Primary affiliation",
        "Secondary affiliation",
    }
)
_AFFILIATION = re.compile(r"^Affiliation \d+$")


def tenzing_label(label: str) -> str:
    """tenzing writes role columns with a plain hyphen: 'Writing - review & editing'."""
    return label.replace("\u2013", "-")


DEFAULT_COLUMNS = [
    *NAME_COLUMNS,
    *(tenzing_label(role.label) for role in ROLES),
    "Affiliation 1",
    "Affiliation 2",
    "Affiliation 3",
    "Funding",
    ORCID,
    "Email address",
    CORRESPONDING,
    "Conflict of interest",
]


@dataclass(frozen=True)
class RoleColumn:
    """A column that marks one CRediT role, optionally at one degree ('Methodology (lead)')."""

    slug: str
    degree: Degree | None = None


@dataclass
class Header:
    """A table's header understood: where each known column is, which columns are roles."""

    columns: list[str]
    """As in the file (a DOI column included)."""
    index: dict[str, int] = field(default_factory=dict)
    """Each named column (ORDER, SURNAME, ORCID, DOI, ...) by its position."""
    roles: dict[int, RoleColumn] = field(default_factory=dict)
    """Role columns by position."""
    roles_read: dict[tuple[str, ...], tuple[RoleAssignment, ...] | None] = field(
        default_factory=dict, repr=False, compare=False
    )
    """A row's role cells already read under this header (tenzing.parse_rows), by their text: a
    team's table repeats a few patterns of TRUE and FALSE over thousands of rows."""

    def has(self, name: str) -> bool:
        return name in self.index

    @property
    def table_columns(self) -> list[str]:
        """The columns of one article's tenzing table: the header without the DOI column."""
        doi = self.index.get(DOI)
        return [column for n, column in enumerate(self.columns) if n != doi]


def role_column(column: str) -> RoleColumn | None:
    """Return the role (and degree) a column marks, or None for a column that is not a role."""
    text = clean(column)
    if text in NAME_COLUMNS or text in KEPT_COLUMNS or text in (ORCID, CORRESPONDING, BYLINE):
        return None
    role = try_resolve_role(text)
    if role is not None:
        return RoleColumn(role.slug)
    split = split_degree(text)
    role = try_resolve_role(split.label) if split.degree is not None else None
    return RoleColumn(role.slug, split.degree) if role is not None else None


def read_header(columns: list[str], path: str) -> Header:
    """Return the header understood. Raises InputError naming the first column that is wrong.

    Missing columns are named first (with the column that is probably meant), then duplicated
    ones, then columns that are not tenzing's.
    """
    header = Header(columns=columns)
    unplaced: list[str] = []
    for position, column in enumerate(columns):
        text = clean(column)
        role = role_column(column)
        if role is not None:
            header.roles[position] = role
        elif text.casefold() == DOI.casefold():
            _place(header, DOI, position, path)
        elif text in (*NAME_COLUMNS, ORCID, CORRESPONDING, BYLINE):
            _place(header, text, position, path)
        elif not (text in KEPT_COLUMNS or _AFFILIATION.match(text)):
            unplaced.append(column)
    _require_columns(header, unplaced, path)
    seen: set[str] = set()
    for column in columns:
        if clean(column) in seen:
            raise InputError(
                f"the column {column!r} appears twice", path=path, line=1, field=column
            )
        seen.add(clean(column))
    _refuse_duplicate_roles(header, path)
    if unplaced:
        column = unplaced[0]
        known = [*DEFAULT_COLUMNS, *KEPT_COLUMNS, BYLINE]
        close = difflib.get_close_matches(clean(column), known, n=1, cutoff=0.6)
        hint = f" (is it {close[0]!r}?)" if close else ""
        raise InputError(
            f"{column!r} is not a tenzing column{hint}; rename or remove it",
            path=path,
            line=1,
            field=column,
        )
    return header


def _place(header: Header, name: str, position: int, path: str) -> None:
    if name in header.index:
        raise InputError(f"the column {name!r} appears twice", path=path, line=1, field=name)
    header.index[name] = position


def _require_columns(header: Header, unplaced: list[str], path: str) -> None:
    missing = [name for name in NAME_COLUMNS if name not in header.index]
    present = {role.slug for role in header.roles.values()}
    missing += [tenzing_label(role.label) for role in ROLES if role.slug not in present]
    for name in missing:
        close = difflib.get_close_matches(name, unplaced, n=1, cutoff=0.4)
        hint = f" (is {close[0]!r} meant to be it?)" if close else ""
        raise InputError(f"missing column {name!r}{hint}", path=path, line=1, field=name)


def _refuse_duplicate_roles(header: Header, path: str) -> None:
    seen: dict[RoleColumn, str] = {}
    for position, role in header.roles.items():
        column = header.columns[position]
        if role in seen:
            raise InputError(
                f"the columns {seen[role]!r} and {column!r} mark the same role",
                path=path,
                line=1,
                field=column,
            )
        seen[role] = column


def order_number(label: str | None) -> float:
    """The 'Order in publication' as a number to sort by; rows without one go last."""
    try:
        return float(label or "inf")
    except ValueError:
        return float("inf")
