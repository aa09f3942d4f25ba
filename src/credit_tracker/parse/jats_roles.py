"""CRediT roles as JATS writes them: <role> elements, per-author footnotes, PLOS initials lists.

A label maps to a role through its URI, its JATS4R vocab attributes, the label itself (English,
an official translation or a publisher's label in another language, accents and case ignored) or,
for an unambiguous typo, the one role it is closest to. A degree written into the label ('(lead)',
'— supporting', '(apoio)') is read like `degree-contribution`. What maps to no role is kept as
written (role=None).
"""

from __future__ import annotations

import re
from xml.etree.ElementTree import Element

from credit_tracker.domain.credit import (
    CreditRole,
    Degree,
    parse_degree,
    resolve_typo,
    split_degree,
    try_resolve_role,
)
from credit_tracker.domain.errors import UnknownRoleError
from credit_tracker.domain.models import SourceAuthor, SourceRole
from credit_tracker.domain.names import PARTICLES, clean, fold, initials_of

_INITIALS = re.compile(r"[A-Z][A-Za-z]{0,4}(-[A-Z][a-z]?)?")
# eLife's footnotes may end with whom the work was done for: '..., Resources and Funding
# acquisition for Tobias Rasse' (eLife 24271, Thomas Robert Jahn's footnote; Rasse is an author).
# A name there is two to five capitalised words.
_FOR_NAME = re.compile(r"\s+for\s+(?P<name>(?:[A-Z][\w'’.-]*\s+){1,4}[A-Z][\w'’.-]*)\s*$")


def raw_text(element: Element | None) -> str:
    """Return an element's text content, stripped."""
    return "" if element is None else "".join(element.itertext()).strip()


def label_role(label: str) -> tuple[CreditRole | None, str]:
    """Return the role a label names and how: by name or translation, or as a close typo."""
    role = try_resolve_role(label)
    if role is not None:
        return role, "label"
    typo = resolve_typo(label)
    return typo, "label typo"


def role_element(element: Element, problems: list[str]) -> SourceRole:
    """Read one <role>: its URI or vocab attributes first, then its label."""
    label = raw_text(element)
    written = split_degree(label)
    degree = _degree(element.get("degree-contribution"), problems)
    if written.unclear:
        problems.append(f"role {label!r}: degree {written.unclear!r} is unclear; ignored")
    elif written.degree is not None:
        if degree is not None and degree is not written.degree:
            problems.append(
                f"role {label!r}: degree-contribution {degree.value!r} disagrees with the label;"
                " the attribute was used"
            )
        degree = degree or written.degree
    term_uri, term = element.get("vocab-term-identifier"), element.get("vocab-term")
    content_type = element.get("content-type") or ""
    for value, origin in (
        (term_uri, "vocab-term-identifier"),
        (term, "vocab-term"),
        (content_type if content_type.startswith("http") else None, "content-type uri"),
    ):
        role = try_resolve_role(value) if value else None
        if role is not None:
            _check_term(role, term, origin, label, term_uri, problems)
            return SourceRole(role=role.slug, label=label, degree=degree, origin=origin)
    role, how = label_role(written.label)
    if role is None:
        return SourceRole(role=None, label=label, degree=degree, origin="unmapped")
    origin = "casrai label" if "casrai" in content_type and how == "label" else how
    return SourceRole(role=role.slug, label=label, degree=degree, origin=origin)


def _check_term(
    role: CreditRole,
    term: str | None,
    origin: str,
    label: str,
    term_uri: str | None,
    problems: list[str],
) -> None:
    if term and origin == "vocab-term-identifier":
        by_term = try_resolve_role(term)
        if by_term is not None and by_term != role:
            problems.append(
                f"role {label!r}: vocab-term {term!r} disagrees with {term_uri}; the URI was used"
            )


def _degree(text: str | None, problems: list[str]) -> Degree | None:
    try:
        return parse_degree(text)
    except UnknownRoleError:
        problems.append(f"degree {text!r} is not lead, equal or supporting; ignored")
        return None


def footnote_roles(text: str, byline: list[str], unread: list[str]) -> list[SourceRole]:
    """Roles from a per-author footnote: 'EvA, Conception and design, ...' or CRediT terms.

    Phrases are split at ';' and at ',' (but not at a comma inside a free-text phrase, such as
    'Designed, performed and analysed the assays'); roles joined by 'and' are two roles only when
    both sides are roles ('Resources and Funding acquisition', not 'Conception and design').
    A closing 'for NAME' naming a byline author is not a role; one naming nobody is unread.
    """
    body = clean(text).rstrip(". ")
    about = _FOR_NAME.search(body)
    if about is not None:
        body = body[: about.start()]
        if not any(_same_person(about.group("name"), name) for name in byline):
            unread.append(f"footnote {text!r}: 'for {about.group('name')}' names no author")
    parts = _phrases(body)
    if parts and re.fullmatch(r"[A-Z][A-Za-z-]{0,5}", parts[0]) and label_role(parts[0])[0] is None:
        parts = parts[1:]  # eLife 2014: the footnote opens with the author's initials
    roles = []
    for part in parts:
        for piece in and_split(part):
            written = split_degree(piece)
            role, how = label_role(written.label)
            origin = "fn-con" if how == "label" else f"fn-con {how}"
            slug = role.slug if role else None
            roles.append(SourceRole(role=slug, label=piece, degree=written.degree, origin=origin))
    return roles


def _same_person(written: str, byline: str) -> bool:
    """True when a footnote's name is a byline name, perhaps without its middle names.

    eLife 24271 writes 'for Tobias Rasse' of the byline's Tobias M Rasse: the first and last
    words must agree, and every word written must be in the byline name, in order.
    """
    words, full = fold(written).split(), fold(byline).split()
    if not words or not full or (words[0], words[-1]) != (full[0], full[-1]):
        return False
    rest = iter(full)
    return all(word in rest for word in words)


def _phrases(body: str) -> list[str]:
    phrases: list[str] = []
    for clause in re.split(r"\s*;\s*", body):
        for chunk in clause.split(","):
            piece = re.sub(r"^\s*and\s+", "", chunk).strip()
            if not piece:
                continue
            joins = (
                phrases
                and piece[:1].islower()
                and label_role(piece)[0] is None
                and label_role(phrases[-1])[0] is None
            )
            if joins:
                phrases[-1] = f"{phrases[-1]},{chunk}"
            else:
                phrases.append(piece)
    return [clean(phrase) for phrase in phrases if clean(phrase)]


def and_split(part: str) -> list[str]:
    """Split 'Resources and Funding acquisition' into its roles; anything else stays whole.

    Only where every side is a role: 'Conception and design' and 'Writing - review and editing'
    are one phrase each.
    """
    pieces = [p.strip() for p in re.split(r"\s+(?:and|&)\s+", part) if p.strip()]
    if len(pieces) > 1 and all(label_role(split_degree(p).label)[0] for p in pieces):
        return pieces
    return [part]


def apply_initials_footnote(
    meta: Element, authors: list[SourceAuthor], problems: list[str]
) -> None:
    """Read the 2016 PLOS footnote '<bold>Role:</bold> GJP TL.' into the authors' roles."""
    for fn in meta.iter("fn"):
        if fn.get("fn-type") != "con":
            continue
        for paragraph in fn.iter("p"):
            bold = paragraph.find("bold")
            if bold is None or not (bold.text or "").strip().endswith(":"):
                continue
            label = clean(bold.text or "").rstrip(":")
            written = split_degree(label)
            role = label_role(written.label)[0]
            tokens = re.findall(r"[A-Za-z][A-Za-z-]*", bold.tail or "")
            if not tokens or not all(_INITIALS.fullmatch(token) for token in tokens):
                continue  # 'Name: prose' (SciELO) is a statement, not a list of initials
            for token in tokens:
                author = resolve_initials(token, authors, problems, context=label)
                if author is not None:
                    assigned = SourceRole(
                        role=role.slug if role else None,
                        label=label,
                        degree=written.degree,
                        origin="fn-con initials",
                    )
                    author.roles = [*(author.roles or []), assigned]


def initials_forms(author: SourceAuthor) -> tuple[set[str], set[str]]:
    """Return (primary, secondary) initials an author may be cited by.

    Primary: every given initial and the family name's ('BPD-J', 'TL'). Secondary: looser forms
    seen in real statements ('MM' for Marylee J van der Meulen, 'EvA' for Eelco van Anken).
    """
    if author.name is None:
        return set(), set()
    given = initials_of(author.name.given)
    family_parts = [p for p in re.split(r"-", author.name.family) if p]
    family = "-".join(p[0].upper() for p in family_parts)
    particle = "".join(word[0].lower() for word in author.name.particle.split())
    primary = {given + family, given + particle.upper() + family}
    # SciELO puts a particle at the end of the given names ('Gustavo Silveira da' Luz = GSL)
    bare = initials_of(
        " ".join(w for w in author.name.given.split() if w.casefold() not in PARTICLES)
    )
    secondary = {
        bare + family,
        given + family.replace("-", ""),
        given[:1] + family,
        given[:1] + particle + family,
        given + particle + family,
    }
    return {form.casefold() for form in primary}, {form.casefold() for form in secondary} - {
        form.casefold() for form in primary
    }


_GIVEN_AND_FAMILY_START = re.compile(r"([A-Z]{1,4})([A-Z][a-z]{1,20})")


def _family_start(token: str, author: SourceAuthor) -> bool:
    """Initials of the given names and the first letters of the family name, as statements
    write two authors with the same initials apart ('M.Wu' and 'M.Wawer', Cell Reports 2021)."""
    match = _GIVEN_AND_FAMILY_START.fullmatch(token)
    if match is None or author.name is None:
        return False
    given, start = match.groups()
    family = fold(author.name.family).replace(" ", "")
    return initials_of(author.name.given) == given and family.startswith(fold(start))


def resolve_initials(
    token: str, authors: list[SourceAuthor], problems: list[str], context: str
) -> SourceAuthor | None:
    """Return the one author `token` names; report (never guess) ambiguous or unknown initials."""
    key = token.casefold()
    forms = [(author, *initials_forms(author)) for author in authors]
    for level in (1, 2, 3):
        if level == 3:  # 'MWu' and 'MWawer' (M.W. twice), 'YZha' and 'YZho' (Y.Z. twice)
            hits = [author for author in authors if _family_start(token, author)]
        else:
            hits = [entry[0] for entry in forms if key in entry[level]]
        if len(hits) == 1:
            return hits[0]
        if len(hits) > 1:
            names = ", ".join(author.raw for author in hits)
            problems.append(
                f"{context}: initials {token!r} fit more than one author ({names}); not assigned"
            )
            return None
    problems.append(f"{context}: initials {token!r} fit no author; not assigned")
    return None
