"""A contributions statement printed as a table, turned into the statement's own words; pure.

Some statements are a grid: one row a role and one column a person (or the other way round),
each cell marked ("X", "✓", "•") or holding a degree ("lead", "equal", "supporting"). Each row
becomes one block in the words a statement would print: "Conceptualization: JD (lead), JS" or
"Jane Doe: Conceptualization, Software (supporting)", which statement.py then reads like any other.
Others are a list: a row a role with the people in its last column ("Conceptualization | A.B.,
C.D.", the CRediT definition sometimes between them), or a row a person with their roles in its
last column ("Jane Doe | Conceptualization, Software", an affiliation sometimes between them);
each row becomes "first cell: last cell". A table in none of these shapes gives one block a row,
its cells joined, to be reported as not understood.
"""

from __future__ import annotations

import re
from xml.etree.ElementTree import Element

from credit_tracker.domain.credit import DEGREE_WORDS
from credit_tracker.domain.names import clean
from credit_tracker.parse.jats_roles import label_role

_CELLS = {"td", "th"}
# a cell that says no: empty, a dash, 'no', '0'
_NO = re.compile(r"^(?:|[-\u2010-\u2015\u2212]|no|n|0|none)$", re.I)


def table_blocks(table: Element) -> list[str]:
    """The table's rows as statement blocks: a list (its header names its columns, or its first
    row is already data) gives "first cell: the people's or the roles' cell"; a grid, role first
    where its first column names roles, person first where its first row does; else each row's
    cells joined."""
    rows = [row for row in _rows(table) if any(row)]
    if len(rows) < 2 or len(rows[0]) < 2:
        return [" ".join(cell for cell in row if cell) for row in rows]
    head, body = rows[0], rows[1:]
    roles_first = _mostly_roles([row[0] for row in body])
    if _is_list(head, body):
        column = _listed_column(head, people=roles_first)
        values = [row[column] for row in body if len(row) > column]
        if roles_first or _mostly_role_lists(values):
            listed = rows if _is_entry(head) else body  # a first row of data, no header above it
            return [
                f"{row[0]}: {row[column]}"
                for row in listed
                if len(row) > column and row[0] and row[column]
            ]
    if roles_first or _mostly_roles(head[1:]):
        return [block for row in body if (block := _entry(row[0], head[1:], row[1:]))]
    return [" ".join(cell for cell in row if cell) for row in rows]


def _is_list(head: list[str], body: list[list[str]]) -> bool:
    """A list rather than a grid: its header names its columns ('Role | Authors', 'Name |
    Location | Contribution'), or it has no header and holds more than marks."""
    if any(_COLUMN.search(cell) for cell in head[1:]):
        return True
    return _is_entry(head) and not all(_is_mark(cell) for row in body for cell in row[1:])


def _listed_column(head: list[str], people: bool) -> int:
    """The column that holds the people (a list of roles) or the roles (a list of people), by
    its header; else the last."""
    wanted = _PEOPLE if people else _ROLES
    return next((n for n, cell in enumerate(head) if n and wanted.search(cell)), len(head) - 1)


# a list's column headings, in the header row where a grid puts people or roles
_COLUMN = re.compile(
    r"\b(?:authors?|names?|contributors?|contributions?|roles?|definitions?|descriptions?"
    r"|affiliations?|locations?|people|persons?|notes?)\b",
    re.I,
)
_PEOPLE = re.compile(r"\b(?:authors?|names?|contributors?|people|persons?)\b", re.I)
_ROLES = re.compile(r"\b(?:contributions?|roles?)\b", re.I)


def _is_mark(cell: str) -> bool:
    """A grid's cell: empty, a sign ('X', '✓', '•', '–', 'no', 'yes') or a degree ('lead');
    not initials ('AB' in a list of people)."""
    words = re.findall(r"[^\W\d_]+", cell.casefold())
    if _NO.match(cell.strip()) or not words:
        return True
    return all(word in DEGREE_WORDS or word in _YES for word in words)


_YES = {"x", "yes", "y"}


def _is_entry(row: list[str]) -> bool:
    """A list's row of data rather than its header ('Role | Authors')."""
    return label_role(row[0])[0] is not None or _mostly_role_lists([row[-1]])


def _mostly_role_lists(cells: list[str]) -> bool:
    """Whether at least half the cells (and at least one) are lists of CRediT roles, each of
    them mostly roles ('Conceptualization, Methodology')."""
    lists = sum(1 for cell in cells if cell and _mostly_roles(_ROLE_LIST.split(cell)))
    return lists > 0 and 2 * lists >= len([cell for cell in cells if cell])


_ROLE_LIST = re.compile(r"\s*(?:[,;]|\band\b)\s*")


def _rows(table: Element) -> list[list[str]]:
    return [
        [clean(text_of(cell, line_break="; ")) for cell in row if cell.tag in _CELLS]
        for row in table.iter("tr")
    ]


def text_of(element: Element, line_break: str) -> str:
    """The element's text with each <break/> read as `line_break`: itertext joins the lines
    round a break with nothing between them ('Conceptualization<break/>Software')."""
    parts = [element.text or ""]
    for child in element:
        parts.append(line_break if child.tag == "break" else text_of(child, line_break))
        parts.append(child.tail or "")
    return "".join(parts)


def _mostly_roles(cells: list[str]) -> bool:
    """Whether at least half the cells (and at least one) name a CRediT role."""
    named = sum(1 for cell in cells if cell and label_role(cell)[0] is not None)
    return named > 0 and 2 * named >= len([cell for cell in cells if cell])


def _entry(label: str, heads: list[str], cells: list[str]) -> str | None:
    """'Label: Head (degree), Head' for the row's marked cells; None where none is marked."""
    marked = [
        head + _degree(cell)
        for head, cell in zip(heads, cells, strict=False)
        if head and not _NO.match(cell.strip())
    ]
    return f"{label}: {', '.join(marked)}" if label and marked else None


def _degree(cell: str) -> str:
    words = [word for word in re.findall(r"[^\W\d_]+", cell.casefold()) if word in DEGREE_WORDS]
    return f" ({DEGREE_WORDS[words[0]].value})" if len(set(words)) == 1 else ""
