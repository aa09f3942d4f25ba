"""A JATS file's printed contributions statement, read as the byline's CRediT roles; pure.

Many publishers print the roles not in `<role>` elements but in a statement: a footnote, a
`<notes>` or a `<sec>`, wherever the file puts it (statement_places.py finds it and builds its
text from the markup's structure). The statement is read by the same reader as a statement from
a PDF or a web page (statement.py), against the byline, and then held to what a JATS file can
say for certain:
- a role is read only from a CRediT term (by name, translation, a close typo or a term cut
  short); a free phrase ('analyzed data') is kept as written, mapped to no role, as in `<role>`;
- a statement with no CRediT term at all (PNAS's "Y.L. designed research; …", Nature's "G.J.A.
  conceived the study") gives no roles: its text is kept, as a statement in no CRediT term; so
  does one written in another taxonomy that shares a term with CRediT (JAMA Network's
  "Supervision" among "Concept and design", "Obtained funding", …: fewer than half its labels are
  CRediT terms), whose other labels would each read as a role the author lacks;
- a full name resolves to the one byline author it names ('John Gaynes' is John A. Gaynes);
  initials or a name that name nobody for certain are reported as not understood, never
  assigned, and the authors they may be are left with roles unknown (None), not none ([]);
- what the statement does not explain is reported as not understood, quoted; a statement none
  of which is understood is reported so too, never dropped as if the file printed none.
Where the file also has `<role>` markup, the markup stays the file's roles, and each author for
whom the statement lists other roles is one difference between the two parts (`sources-disagree`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from xml.etree.ElementTree import Element

from credit_tracker.domain.credit import BY_SLUG
from credit_tracker.domain.models import SourceAuthor, SourceRole
from credit_tracker.domain.problems import NotCredit, PartsDiffer, Unread
from credit_tracker.parse.jats_roles import label_role
from credit_tracker.parse.statement import ParsedStatement, parse_blocks
from credit_tracker.parse.statement_names import by_full_name
from credit_tracker.parse.statement_parts import PHRASE, is_credit_term
from credit_tracker.parse.statement_places import statement_blocks, statement_places


@dataclass
class StatementReading:
    """What a file's statement says of each byline author (by index), and its problems."""

    roles: dict[int, list[SourceRole] | None] = field(default_factory=dict)
    """Roles by byline index; None where the statement may name the author but does not say
    so for certain. An author it does not name at all has no key."""
    credit: bool = False
    """Whether the statement names any CRediT term (else it is kept as text only)."""
    problems: list[str] = field(default_factory=list)

    def roles_of(self, index: int) -> list[SourceRole] | None:
        """The roles the statement gives the author: [] where it does not name them."""
        return self.roles.get(index, [])


def read_statement(article: Element, authors: list[SourceAuthor]) -> StatementReading | None:
    """Read the statement of an article (or of a translation's sub-article) against its
    byline; None where the file prints none, or one that names nobody."""
    meta = article.find("front/article-meta")
    if meta is None:
        meta = article.find("front-stub")
    contribs = meta.iter("contrib") if meta is not None else iter(())
    pointed_to = {xref.get("rid") or "" for contrib in contribs for xref in contrib.iter("xref")}
    places = statement_places(article, pointed_to)
    blocks = [block for place in places for block in statement_blocks(place)]
    if not blocks:
        return None
    parsed = parse_blocks(blocks, authors)
    if not parsed.entries and not parsed.unresolved:
        if not parsed.unread:
            return None  # 'These authors contributed equally': no one's roles
        return StatementReading(problems=list(parsed.problems))  # none of it understood
    origin = f"{_place_name(places[0])} statement"
    if not _in_credit_terms(parsed, blocks):
        return StatementReading(problems=[str(NotCredit(text=" ".join(blocks)))])
    return _credit_reading(parsed, authors, origin)


def _in_credit_terms(parsed: ParsedStatement, blocks: list[str]) -> bool:
    """Whether the statement is written in CRediT: at least half its distinct labels are CRediT
    terms (free text beside them is kept as written). Where no name could be resolved, whether
    any of its words is a CRediT term ('JD: Software; JDo: Supervision' for two J. Do… authors)."""
    if not parsed.entries:
        pieces = (piece for block in blocks for piece in _PIECES.split(block))
        return any(label_role(piece.strip())[0] is not None for piece in pieces)
    labels = {role.label: role for entry in parsed.entries for role in entry.roles}
    credit = sum(1 for role in labels.values() if is_credit_term(role))
    return credit > 0 and 2 * credit >= len(labels)


_PIECES = re.compile(r"[:;,.()\[\]]|\s(?:and|&)\s")


def _place_name(place: Element) -> str:
    kind = place.get(f"{place.tag}-type")
    return "fn-con" if place.tag == "fn" and kind == "con" else place.tag


def _credit_reading(
    parsed: ParsedStatement, authors: list[SourceAuthor], origin: str
) -> StatementReading:
    reading = StatementReading(credit=True, problems=list(parsed.problems))
    index = {id(author): n for n, author in enumerate(authors)}
    unknown = any(not item.candidates for item in parsed.unresolved)  # may be anyone
    for entry in parsed.entries:
        author = entry.author or by_full_name(entry.printed, authors)
        if author is None:
            unknown = True
            text = f"{entry.printed!r} is no byline author; not assigned"
            reading.problems.append(str(Unread(text=text)))
            continue
        roles = [_credit_only(role, origin) for role in entry.roles]
        held = reading.roles.setdefault(index[id(author)], [])
        if held is not None:
            held += roles
    unsure = {index[id(a)] for item in parsed.unresolved for a in item.candidates}
    for n in range(len(authors)):
        if n not in reading.roles and (unknown or n in unsure):
            reading.roles[n] = None  # perhaps the name not understood: roles unknown
    return reading


def _credit_only(role: SourceRole, origin: str) -> SourceRole:
    """A role as a JATS file states it: a free phrase maps to no role, kept as written."""
    slug = None if role.origin == PHRASE else role.role
    return role.model_copy(update={"role": slug, "origin": origin})


def apply_statement(reading: StatementReading, authors: list[SourceAuthor]) -> None:
    """Give a byline that states no roles in markup the statement's roles."""
    if not reading.credit:
        return
    for n, author in enumerate(authors):
        author.roles = reading.roles_of(n)


def parts_differ(reading: StatementReading, authors: list[SourceAuthor]) -> list[str]:
    """Each author for whom the `<role>` markup and the statement list other CRediT roles.

    As between an article and its translation, a role only one part lists is a difference only
    where the other part has no label that names no CRediT term (which may be that role).
    """
    if not reading.credit:
        return []
    notes = []
    for n, author in enumerate(authors):
        stated = reading.roles_of(n)
        if author.roles is None or stated is None:
            continue
        markup, printed = _mapped(author.roles), _mapped(stated)
        only_printed = set() if _has_free_text(author.roles) else printed - markup
        only_markup = set() if _has_free_text(stated) else markup - printed
        if only_printed or only_markup:
            text = (
                f"{author.raw}: the <role> markup lists {_labels(markup)}, "
                f"the contributions statement lists {_labels(printed)}"
            )
            notes.append(str(PartsDiffer(position=author.position, text=text)))
    return notes


def _mapped(roles: list[SourceRole]) -> set[str]:
    return {role.role for role in roles if role.role}


def _has_free_text(roles: list[SourceRole]) -> bool:
    return any(role.role is None for role in roles)


def _labels(slugs: set[str]) -> str:
    return "; ".join(role.label for slug, role in BY_SLUG.items() if slug in slugs) or "no roles"
