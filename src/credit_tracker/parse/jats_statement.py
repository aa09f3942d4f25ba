"""An article-level contributions footnote in JATS, read as the byline's CRediT roles; pure.

SciELO and others print the roles not in `<role>` elements but in one `fn-type="con"` footnote
that no contrib points to: "GSL: Investigation; GSL, JJZ: Conceptualization, …" (Papéis Avulsos
de Zoologia 2022), "1st author: conceptualization (lead); …" (RAC 2022), "Fernanda K. Kiataqui:
Conceptualization, …" (Biota Neotropica 2022). Without reading it, a JATS file with such a
footnote says nothing about roles, and a role the team's record adds or drops goes unseen.

The footnote is taken only when it is a CRediT statement read cleanly: every person it names is
one byline author, every phrase is a CRediT term (by name, translation or a close typo), and no
part of it is left unread. Old-style prose ("Conceived and designed the experiments: GD JG") and
free text ("Contribuição substancial em todas as etapas") name no CRediT term for certain, so
such a footnote is left as it was: the file states no roles. A translation's footnote (inside a
`sub-article`) is read only for that translation (jats_translation.py).
"""

from __future__ import annotations

import re
from xml.etree.ElementTree import Element

from credit_tracker.domain.models import SourceAuthor, SourceRole
from credit_tracker.domain.names import clean, fold, given_compatible, parse_display_name
from credit_tracker.parse.jats_roles import label_role
from credit_tracker.parse.statement import HEADINGS, parse_statement

_MAIN_PARTS = ("front", "front-stub", "body", "back")  # front-stub: a sub-article's
_FOOTNOTE_HEADINGS = re.compile(
    r"^\s*(?:Contribui[cç](?:ão|ões)\s+d[oa]s\s+autor(?:es|as)|Contribuci[oó]n(?:es)?\s+de\s+"
    r"(?:los\s+)?autores)\s*:?\s*$",
    re.I,
)


def statement_roles(root: Element, meta: Element, authors: list[SourceAuthor]) -> bool:
    """Give the byline its roles from an article-level CRediT footnote; return whether it did.

    Called only where no contrib states a role. Changes `authors` only when a footnote is read
    whole (see the module docstring); otherwise leaves them untouched.
    """
    pointed_to = {
        xref.get("rid") for contrib in meta.iter("contrib") for xref in contrib.iter("xref")
    }
    for footnote in _article_footnotes(root):
        if footnote.get("id") is not None and footnote.get("id") in pointed_to:
            continue  # a per-author footnote (eLife), read with its contrib
        text = _footnote_text(footnote)
        assigned = _read_cleanly(text, authors) if text else None
        if assigned is not None:
            for author, roles in assigned:
                author.roles = roles
            return True
    return False


def _article_footnotes(root: Element) -> list[Element]:
    parts = [part for name in _MAIN_PARTS if (part := root.find(name)) is not None]
    return [fn for part in parts for fn in _own_footnotes(part) if fn.get("fn-type") == "con"]


def _own_footnotes(element: Element) -> list[Element]:
    """The footnotes under `element`, leaving out any sub-article's (a translation's own)."""
    found = []
    for child in element:
        if child.tag == "sub-article":
            continue
        if child.tag == "fn":
            found.append(child)
        found += _own_footnotes(child)
    return found


def _footnote_text(footnote: Element) -> str:
    """The footnote's paragraphs, one per line, without its label or a heading paragraph."""
    lines = []
    for paragraph in footnote.iter("p"):
        line = clean("".join(paragraph.itertext()))
        if line and not HEADINGS.fullmatch(line) and not _FOOTNOTE_HEADINGS.fullmatch(line):
            lines.append(line)
    return "\n".join(lines)


def _read_cleanly(
    text: str, byline: list[SourceAuthor]
) -> list[tuple[SourceAuthor, list[SourceRole]]] | None:
    parsed = parse_statement(text, byline)
    if parsed.problems or not parsed.entries:
        return None
    assigned: dict[int, tuple[SourceAuthor, list[SourceRole]]] = {}
    for entry in parsed.entries:
        author = entry.author or _by_full_name(entry.printed, byline)
        if author is None or not entry.roles:
            return None
        if not all(role.role and label_role(role.label)[0] for role in entry.roles):
            return None  # a phrase that is no CRediT term: not a CRediT statement
        if id(author) in assigned:
            return None  # two entries for one author: the statement was not read whole
        roles = [role.model_copy(update={"origin": "fn-con statement"}) for role in entry.roles]
        assigned[id(author)] = (author, roles)
    return list(assigned.values())


def _by_full_name(printed: str, byline: list[SourceAuthor]) -> SourceAuthor | None:
    """The one byline author a full name printed in the statement belongs to, else None."""
    name = parse_display_name(printed)
    if not name.given:
        return None
    family = fold(name.family)
    hits = [
        author
        for author in byline
        if author.name is not None
        and family in {fold(author.name.family), fold(author.name.family_full)}
        and given_compatible(name.given, author.name.given)
    ]
    return hits[0] if len(hits) == 1 else None
