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
    """The table's rows as statement blocks: role first where its first column names roles,
    person first where its first row does; else each row's cells joined."""
    rows = [row for row in _rows(table) if any(row)]
    if len(rows) < 2 or len(rows[0]) < 2:
        return [" ".join(cell for cell in row if cell) for row in rows]
    head, body = rows[0], rows[1:]
    if all(_is_mark(cell) for row in body for cell in row[1:]):
        if _mostly_roles([row[0] for row in body]) or _mostly_roles(head[1:]):
            return [block for row in body if (block := _entry(row[0], head[1:], row[1:]))]
    elif _mostly_roles([row[0] for row in body]) or _mostly_role_lists([row[-1] for row in body]):
        listed = rows if _is_entry(head) else body  # a first row of data, no header above it
        return [f"{row[0]}: {row[-1]}" for row in listed if row[0] and row[-1]]
    return [" ".join(cell for cell in row if cell) for row in rows]


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
        [clean("".join(cell.itertext())) for cell in row if cell.tag in _CELLS]
        for row in table.iter("tr")
    ]


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
