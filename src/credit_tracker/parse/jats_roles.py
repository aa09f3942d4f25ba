"""CRediT roles as JATS writes them: <role> elements and per-author footnotes.

A label maps to a role through its URI, its JATS4R vocab attributes, the label itself (English,
an official translation or a publisher's label in another language, accents and case ignored) or,
for an unambiguous typo or a label cut short ('Writing - original'), the one role it is closest
to. A degree written into the label ('(lead)', '— supporting', '(apoio)') is read like
`degree-contribution`. What maps to no role is kept as written (role=None).
"""

from __future__ import annotations

import re
from xml.etree.ElementTree import Element

from credit_tracker.domain.credit import (
    CreditRole,
    Degree,
    parse_degree,
    resolve_cut,
    resolve_typo,
    split_degree,
    try_resolve_role,
)
from credit_tracker.domain.errors import UnknownRoleError
from credit_tracker.domain.models import SourceRole
from credit_tracker.domain.names import clean, fold

# eLife's footnotes may end with whom the work was done for: '..., Resources and Funding
# acquisition for Tobias Rasse' (eLife 24271, Thomas Robert Jahn's footnote; Rasse is an author).
# A name there is two to five capitalised words.
_FOR_NAME = re.compile(r"\s+for\s+(?P<name>(?:[A-Z][\w'’.-]*\s+){1,4}[A-Z][\w'’.-]*)\s*$")


def raw_text(element: Element | None) -> str:
    """Return an element's text content, stripped."""
    return "" if element is None else "".join(element.itertext()).strip()


def label_role(label: str) -> tuple[CreditRole | None, str]:
    """Return the role a label names and how: by name or translation, as a close typo, or as
    a label cut short ('Writing - original')."""
    role = try_resolve_role(label)
    if role is not None:
        return role, "label"
    typo = resolve_typo(label)
    if typo is not None:
        return typo, "label typo"
    cut = resolve_cut(label)
    return (cut, "label cut") if cut is not None else (_qualified(label), "label qualified")


def _qualified(label: str) -> CreditRole | None:
    """The role a term names where a note in brackets follows it ('validation (ECG data)',
    'software (coding of a script …)'), or the note ends it ('Writing (original draft)')."""
    match = _QUALIFIER.fullmatch(label.strip())
    if match is None or not _balanced(match.group("note")):
        return None
    term, note = match.group("term"), match.group("note")
    if fold(note) in _DENIED:
        return None  # 'Software (not applicable)': the term is denied, not stated
    return try_resolve_role(term) or try_resolve_role(f"{term} – {note}")


_QUALIFIER = re.compile(r"(?P<term>[^()\[\]]*[^\W\d_][^()\[\]]*?)\s*[(\[](?P<note>.+)[)\]]")


def _balanced(text: str) -> bool:
    """Whether every bracket in `text` is closed after it opens."""
    depth = 0
    for char in text:
        depth += (char in "([") - (char in ")]")
        if depth < 0:
            return False
    return depth == 0


_SEMICOLON, _COMMA = re.compile(r"\s*;\s*"), re.compile(",")


def with_terms_spelt_out(text: str) -> str:
    """`text` with a term's parts listed in brackets spelt out, where each names a role:
    'Writing (original draft, review and editing)' → 'Writing – original draft, Writing – review
    and editing'; any other brackets stay as written (a note, a degree, names)."""

    def spelt_out(match: re.Match[str]) -> str:
        term = match.group("term").strip()
        parts = [part.strip() for part in re.split(r"[,;]", match.group("parts")) if part.strip()]
        named = [f"{term} – {part}" for part in parts]
        if len(parts) < 2 or try_resolve_role(term) or not all(map(try_resolve_role, named)):
            return match.group()
        return ", ".join(named)

    return _TERM_PARTS.sub(spelt_out, text)


_TERM_PARTS = re.compile(r"(?P<term>[^\W\d_][^(),;:]*?)\s*\((?P<parts>[^()]+)\)")


def cut_outside_brackets(text: str, separator: re.Pattern[str]) -> list[str]:
    """`text` cut at each `separator` that stands outside every bracket."""
    outside = outside_brackets(text)
    pieces, start = [], 0
    for match in separator.finditer(text):
        if outside[match.start()]:
            pieces.append(text[start : match.start()])
            start = match.end()
    return [*pieces, text[start:]]


def outside_brackets(text: str) -> list[bool]:
    """For each character of `text`, whether it stands outside every bracket: a list's commas
    inside one are its note's ('software (coding a script, and assistance with graphics)'). A
    bracket never closed is no bracket ('… microscopy assay (Fig 1C-D; performed …')."""
    outside = [True] * len(text)
    opened: list[int] = []
    for at, char in enumerate(text):
        if char in "([":
            opened.append(at)
        elif char in ")]" and opened:
            start = opened.pop()
            outside[start + 1 : at] = [False] * (at - start - 1)
    return outside


def role_elements(element: Element, problems: list[str]) -> list[SourceRole]:
    """Read one <role>: one role, or each of the CRediT terms one label lists when it lists
    nothing else ('<role>Conceptualization, Methodology</role>')."""
    read = role_element(element, problems)
    if read.role is not None or read.origin != "unmapped":
        return [read]
    pieces = credit_terms(read.label)
    if len(pieces) > 1:
        return [_listed_role(piece) for piece in pieces]
    return [] if read.degree is None and states_no_contribution(read.label) else [read]


def states_no_contribution(label: str) -> bool:
    """Whether a <role> label is a job title or a placeholder, not a contribution.

    JATS's <role> was first the contributor's title, and some still write it so ('professor of
    general practice', 'assistant professor': The BMJ; 'Senior Editor': eLife); SciELO's older
    markup writes 'ND' (not declared) where no role was given. Read as contributions, they made
    every role of the team's record look left out. A title is the label's head: its words up to
    'of', 'in' or 'at' end in a post's name; a label with a CRediT term, a note in brackets or
    'by' in it is a contribution ('Pathologist review of slides', 'Data collection (nurse)').
    """
    folded = fold(label)
    if folded in _PLACEHOLDERS:
        return True
    if re.search(r"[(\[]", label) or re.search(r"\bby\b", folded) or any_term(label):
        return False
    head = re.split(r"\s(?:of|in|at)\s", folded, maxsplit=1)[0]
    return _JOB_TITLE.search(head) is not None


def any_term(label: str) -> bool:
    """Whether any part of a label is a CRediT term by name."""
    return any(try_resolve_role(part.strip()) for part in re.split(r"[,;/]|\band\b", label))


_PLACEHOLDERS = frozenset({"nd", "n d", "na", "n a", "none", "not declared", "nao declarado"})
_DENIED = _PLACEHOLDERS | {"not applicable"}
"""A note in brackets that takes the term before it back ('Software (not applicable)')."""
_JOB_TITLE = re.compile(
    r"\b(?:professor|lecturer|fellow|scholar|student|postdoc|postdoctoral|candidate|trainee"
    r"|resident|registrar|consultant|physician|surgeon|clinician|practitioner|nurse|midwife"
    r"|pharmacist|dentist|therapist|[a-z]+ologist|[a-z]+iatrist|[a-z]+iatrician|scientist"
    r"|engineer|assistant|associate|director|dean|emeritus|chair|chairman|chairwoman|president"
    r"|head|chief|editor)$"
)


def _listed_role(piece: str) -> SourceRole:
    written = split_degree(piece)
    role = label_role(written.label)[0]
    slug = role.slug if role is not None else None
    return SourceRole(role=slug, label=piece, degree=written.degree, origin="label list")


def names_a_role(label: str) -> bool:
    """Whether a label names one role, a degree written after it or not ('Conceptualization
    (lead)')."""
    return label_role(split_degree(label).label)[0] is not None


def credit_terms(text: str) -> list[str]:
    """The CRediT terms a label lists ('Conceptualization, Methodology; Writing – review &
    editing'), each with any degree after it; [] unless it lists nothing else."""
    pieces = [piece for part in _phrases(text) for piece in and_split(part)]
    return pieces if pieces and all(names_a_role(piece) for piece in pieces) else []


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
    body = _LEAD_LABEL.sub("", clean(text).rstrip(". "), count=1)
    about = _FOR_NAME.search(body)
    if about is not None:
        body = body[: about.start()]
        if not any(_same_person(about.group("name"), name) for name in byline):
            unread.append(f"footnote {text!r}: 'for {about.group('name')}' names no author")
    # the authors' own initials, no role of theirs: one author's, or those of each author a
    # shared footnote is for ('KH, MS, Conception and design', 'KH and MS, …', eLife 2015)
    first = True
    while (lead := _INITIALS_FIRST.match(body)) is not None:
        tokens = [token for token in lead.group("initials", "second") if token]
        # the first initials are taken off on their shape, as before; more of them only where
        # they are an author's ('KH, MS, …'), not a technique's ('PCR, ELISA, Western blot')
        if not all(map(_own_initials, tokens)) or (
            (not first or len(tokens) > 1) and not all(_an_authors(t, byline) for t in tokens)
        ):
            break
        body, first = body[lead.end() :], False
    roles = []
    for part in _phrases(body):
        for piece in and_split(part):
            written = split_degree(piece)
            role, how = label_role(written.label)
            origin = "fn-con" if how == "label" else f"fn-con {how}"
            slug = role.slug if role else None
            roles.append(SourceRole(role=slug, label=piece, degree=written.degree, origin=origin))
    return roles


# A footnote opening with its author's initials, then a comma ('EvA, Conception and design',
# eLife 2014) or a colon ('RJH: Conception and design', eLife 2012-2013); or with two authors'
# joined by 'and' ('KH and MS, …').
_INITIALS_FIRST = re.compile(
    r"^(?P<initials>[A-Z][A-Za-z-]{0,5})(?:\s+and\s+(?P<second>[A-Z][A-Za-z-]{0,5}))?\s*[,:]\s*"
)


def _an_authors(token: str, byline: list[str]) -> bool:
    """Whether initials' capitals are the first letters of words of a byline name, in order
    ('MS' for Michèle Studer, 'CB' for Reproducibility Project: Cancer Biology)."""
    capitals = [char for char in token if char.isupper()]
    for name in byline:
        firsts = iter(word[0].upper() for word in re.split(r"[\s\-\u2010.:]+", name) if word)
        if capitals and all(capital in firsts for capital in capitals):
            return True
    return False


def _own_initials(token: str) -> bool:
    """Whether a footnote's first word is its author's initials: two capitals at least ('RJH',
    'EvA', 'Y-LC') or one alone, and no role. A capitalised word ('Wrote, edited and revised',
    'Design: performed …') is the author's own phrase, and is kept."""
    capitals = sum(char.isupper() for char in token)
    return (capitals >= 2 or len(token) == 1) and label_role(token)[0] is None


# A footnote's own label before its roles: 'Contribution: Conceptualization, …', 'Author
# contributions: …', 'CRediT roles: …'.
_LEAD_LABEL = re.compile(
    r"^(?:(?:Author(?:'s|s'?)?\s+)?contributions?|(?:CRediT\s+)?roles?|CRediT(?:\s+\w+)?)\s*:\s*",
    re.I,
)


def lists_only_roles(text: str) -> bool:
    """Whether a note is nothing but CRediT terms, its own label aside ('Contribution:
    Conceptualization, Software'): an untyped footnote of one author's roles."""
    return bool(credit_terms(_LEAD_LABEL.sub("", clean(text).rstrip(". "), count=1)))


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
    for clause in cut_outside_brackets(with_terms_spelt_out(body), _SEMICOLON):
        for chunk in cut_outside_brackets(clause, _COMMA):
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


def _joined_where_a_role(tokens: list[str]) -> list[str]:
    """The pieces between the 'and's (`tokens`: pieces and the 'and's between them), two joined
    again where together they name one role: 'conceptualization and writing – review and
    editing' is 'conceptualization' and 'writing – review and editing', not 'editing' apart."""
    pieces: list[str] = []
    current = tokens[0]
    for joint, piece in zip(tokens[1::2], tokens[2::2], strict=True):
        if names_a_role(f"{current}{joint}{piece}".strip()):
            current = f"{current}{joint}{piece}"
        else:
            pieces.append(current)
            current = piece
    pieces.append(current)
    return [piece.strip() for piece in pieces if piece.strip()]


def and_split(part: str) -> list[str]:
    """Split 'Resources and Funding acquisition' into its roles; anything else stays whole.

    A role with 'and' inside ('Writing - review and editing') and phrases that name no role
    ('Conception and design') stay whole; where a side names a role, each side is one phrase
    ('Writing - Original Draft and Presentation': a role, and free text kept as written).
    """
    if names_a_role(part):
        return [part]
    pieces = _joined_where_a_role(re.split(r"(\s+(?:and|&)\s+)", part))
    if len(pieces) > 1 and any(names_a_role(p) for p in pieces):
        return pieces
    # 'Conceptualization/Methodology': a slash joins roles, and, as 'and' does, a role and free
    # text ('Investigation/Methodology/Sample collection', Scientific Reports 2022: two roles and
    # text kept as written); 'Writing – review/editing' is one role and stayed whole above
    # a slash inside parentheses is the role's own note ('Methodology (analysis/software)')
    pieces = [p.strip() for p in re.split(r"\s*/\s*(?![^()]*\))", part) if p.strip()]
    if len(pieces) > 1 and any(names_a_role(p) for p in pieces):
        return pieces
    return [part]
