"""A contributions statement printed as a table, turned into the statement's own words; pure.

Some statements are a grid: one row a role and one column a person (or the other way round),
each cell marked ("X", "✓", "•") or holding a degree ("lead", "equal", "supporting"). Each row
becomes one block in the words a statement would print: "Conceptualization: JD (lead), JS" or
"Jane Doe: Conceptualization, Software (supporting)", which statement.py then reads like any other.
A table in neither shape gives one block a row, its cells joined, to be reported as not understood.
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
    if _mostly_roles([row[0] for row in body]) or _mostly_roles(head[1:]):
        return [block for row in body if (block := _entry(row[0], head[1:], row[1:]))]
    return [" ".join(cell for cell in row if cell) for row in rows]


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
