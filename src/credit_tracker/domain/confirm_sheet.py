"""A confirmation sheet: what one person is asked to confirm, and what they answered.

Built by confirm/questions.py, written by render/confirm/ (.xlsx, CSV, a letter carrying the
sheet), read back by parse/answer_sheet.py and applied by confirm/answers.py. The layout (the
columns and their order) lives here, once, for both directions.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from credit_tracker.domain.confirmation import HELD, ROLE_COLUMNS, Answer, row_digest
from credit_tracker.domain.credit import Degree
from credit_tracker.domain.models import RoleAssignment

# What one publisher source says about one role of the author.
STATED, NOT_STATED, NO_SOURCE = "stated", "not stated", "no source"
SHEET_SOURCES: tuple[tuple[str, str], ...] = (
    ("jats", "JATS"),
    ("statement", "printed statement"),
    ("crossref", "Crossref"),
    ("orcid", "ORCID"),
)
"""(source, its name on the sheet), in the order each role's note names them."""

INFO_COLUMNS = ("DOI", "Title", "Journal", "Year", "Author position", "Name on the paper")
ANSWER_COLUMN = "Your answer"
STATES_COLUMN = "What the publishers state"
RECORD_COLUMN = "The team's record now"
KEY_PERSON, KEY_DOI, KEY_POSITION, KEY_ISSUED, KEY_PREFILL, KEY_DIGEST = (
    "key: person",
    "key: DOI",
    "key: position",
    "key: issued",
    "key: pre-filled",
    "key: digest",
)
KEY_COLUMNS = (KEY_PERSON, KEY_DOI, KEY_POSITION, KEY_ISSUED, KEY_PREFILL, KEY_DIGEST)
"""The hidden keys: who, which paper, which byline place, when asked, what was pre-filled, and
the digest over them all. Never to be edited."""
ROLES_SHEET, INSTRUCTIONS_SHEET = "Roles", "Instructions"
ROLE_CHOICES = (HELD, "no", *(degree.value for degree in Degree))
"""What a role cell may hold: yes (held), no, or held with a degree (lead, equal, supporting)."""


def header() -> list[str]:
    """The sheet's columns, in order: the paper, the answer, the 14 roles, the notes, the keys."""
    return [
        *INFO_COLUMNS,
        ANSWER_COLUMN,
        *(label for _slug, label in ROLE_COLUMNS),
        STATES_COLUMN,
        RECORD_COLUMN,
        *KEY_COLUMNS,
    ]


@dataclass(frozen=True)
class RoleCell:
    """One role of one paper: what the sheet pre-fills, and what each source states."""

    slug: str
    prefill: str
    """'' (not held), 'yes', or a degree: what the publishers state, never the team's record."""
    sources: tuple[tuple[str, str], ...]
    """(source, 'stated', 'stated (lead)', 'not stated' or 'no source'), in SHEET_SOURCES order."""

    def note(self) -> str:
        """The cell's note: 'JATS: stated; printed statement: not stated; …'."""
        names = dict(SHEET_SOURCES)
        said = "; ".join(f"{names[source]}: {state}" for source, state in self.sources)
        return f"What the publishers state: {said}."


@dataclass(frozen=True)
class PaperRow:
    """One paper the person is asked about: a row of the sheet."""

    person: str
    doi: str
    title: str
    journal: str
    year: int | None
    position: int
    """1 for the first author."""
    printed: str
    """The person's name as the team's record says the paper prints it."""
    issued: str
    """The day the sheet was written (YYYY-MM-DD)."""
    cells: tuple[RoleCell, ...]
    record: str
    """The team's record now, in words: roles and where they came from."""

    @property
    def prefill(self) -> str:
        """The pre-filled cells as one text: 'conceptualization=yes;methodology=lead'."""
        return prefill_code({cell.slug: cell.prefill for cell in self.cells})

    @property
    def digest(self) -> str:
        return row_digest(self.person, self.doi, self.position, self.issued, self.prefill)

    def states(self) -> str:
        """Every role's sources in one cell, for readers without notes (CSV, letters)."""
        stated = [
            f"{label}: "
            + ", ".join(f"{dict(SHEET_SOURCES)[s]} {state}" for s, state in cell.sources)
            for cell, (_slug, label) in zip(self.cells, ROLE_COLUMNS, strict=True)
            if any(state.startswith(STATED) for _s, state in cell.sources)
        ]
        return " | ".join(stated) or "no publisher source states any role for you"


def prefill_code(cells: dict[str, str]) -> str:
    """The cells that hold a role, in CRediT's order, as 'slug=value;…'."""
    return ";".join(f"{slug}={cells[slug]}" for slug, _label in ROLE_COLUMNS if cells.get(slug))


@dataclass(frozen=True)
class ConfirmationSheet:
    """Everything one person is asked to confirm, in one file."""

    person: str
    name: str
    orcid: str | None
    issued: str
    papers: tuple[PaperRow, ...]
    reminder: bool = False
    """A reminder of an earlier request: the letter says so."""
    signature: tuple[str, ...] = ()
    """Who signs the letter (the office's setting), line by line."""


@dataclass(frozen=True)
class AnswerRow:
    """One answered row of a sheet, its keys checked against their digest."""

    file: str
    sheet: str
    row: int
    """The row's number in the sheet (the header is row 1)."""
    person: str
    doi: str
    position: int
    issued: str
    answer: Answer | None
    """What the author chose; None when they left it blank."""
    roles: tuple[RoleAssignment, ...]
    """The roles ticked, in CRediT's order."""
    changed: bool
    """The role cells differ from what the sheet pre-filled: the author answered by editing."""

    @property
    def answered(self) -> bool:
        """An answer chosen, or the pre-filled cells edited; a row left as sent is no answer."""
        return self.answer is not None or self.changed

    def where(self) -> str:
        return f"sheet {self.sheet}, row {self.row}"


@dataclass(frozen=True)
class AnswerSheet:
    """A returned sheet: its file name and its rows."""

    file: str
    rows: tuple[AnswerRow, ...]


@dataclass
class AnswerOutcome:
    """What importing answered sheets did, line by line, for the office to read."""

    applied: list[str] = field(default_factory=list)
    """Roles recorded as the author's confirmation (changed or confirmed as they were)."""
    disputes: list[str] = field(default_factory=list)
    """'Not my paper' and 'I am not this author': reported, nothing changed."""
    conflicts: list[str] = field(default_factory=list)
    """Answers not applied: they contradict a later edit or another answer."""
    unanswered: list[str] = field(default_factory=list)
    """Rows left as they were sent: still waiting."""
    rows: int = 0


def column_letter(index: int) -> str:
    """The spreadsheet letter of a 0-based column: 0 → A, 26 → AA."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters


def cell_place(sheet: str, row: int, column: str) -> str:
    """'sheet Roles, row 3, column K (Methodology)': a cell of the sheet's layout, by header."""
    columns = header()
    letter = column_letter(columns.index(column)) if column in columns else "?"
    return f"sheet {sheet}, row {row}, column {letter} ({column})"
