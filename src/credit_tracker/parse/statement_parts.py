"""The parts of a contribution statement: lists of names as printed, and role phrases mapped to
CRediT (statement_names.py resolves the names).

Lists are split at commas, 'and', '&', Portuguese 'e', Spanish 'y', French 'et' and '/'
('JESF/BAA/ FAG/EDGF'; not at an 'e' or 'y' inside a family name: 'Santos e Silva', 'Ramón y
Cajal'), and at spaces between
initials that a comma was left out of ('E.M.A. J.G.L') or that follow a full name in
parentheses ('M.S. (Maria Rossi) N.G.'); a degree written after a name is kept
('P.P. lead'). Phrases map to a CRediT role only where the mapping is unambiguous.
"""

from __future__ import annotations

import re

from credit_tracker.domain.credit import Degree, split_degree, try_resolve_role
from credit_tracker.domain.models import SourceRole
from credit_tracker.domain.names import PARTICLES, SMALL_PARTICLES, fold, is_post_nominal
from credit_tracker.parse.initials import FULL_NAME, initials_groups
from credit_tracker.parse.jats_roles import (
    and_split,
    label_role,
    names_a_role,
    outside_brackets,
    with_terms_spelt_out,
)

# Phrases of prose statements that name exactly one CRediT role. Anything else is kept as written.
PHRASES = [
    (r"conceiv|concep(?:tion|tuali[sz])", "conceptualization"),
    (r"curat", "data-curation"),
    (
        r"analy[sz]ed the data|data analysis|statistical analys|formal analys|analy[sz]ed",
        "formal-analysis",
    ),
    (
        r"(?:acquired|obtained|secured) (?:the )?funding|funding acquisition",
        "funding-acquisition",
    ),
    (
        r"performed (?:the |all (?:the )?)?experiments|collected (?:the )?data|data collection"
        r"|investigation"
        r"|carried out the (?:study|experiments)",
        "investigation",
    ),
    (r"methodolog|developed the method", "methodology"),
    (r"administ(?:ered|ration)|coordinated the (?:study|project)", "project-administration"),
    (r"reagents|materials|resources", "resources"),
    (r"software|wrote the code|programm|performed the computation", "software"),
    (r"supervis", "supervision"),
    (r"validat", "validation"),
    (r"visuali[sz]|prepared figures|figures and/or tables", "visualization"),
    (
        r"wrote (?:the |an? )?(?:first |original |initial )?(?:draft|paper|manuscript)"
        r"|draft(?:ed|ing)|manuscript writing"
        r"|writing[ –-]+original",
        "writing-original-draft",
    ),
    # reviewing the manuscript, not the literature ('review of the literature', 'systematic
    # review': a study of its own, no role)
    (
        r"reviewed(?!\s+(?:the\s+)?literature)|revised|edited|editing"
        r"|(?<!literature\s)(?<!systematic\s)(?<!scoping\s)\breview\b"
        r"(?!\s+of\s+(?:the\s+)?(?:literature|studies|evidence))",
        "writing-review-editing",
    ),
]
PHRASE = "statement phrase"
"""The origin of a role read from a free phrase ('conceived the study'), not from a CRediT term."""
_DOTTED = re.compile(r"^(?:[A-Z]\.?\s*){1,4}$")  # 'M. A.', 'L. A. J', 'F. J'
_NAME_PARTICLES = PARTICLES | SMALL_PARTICLES | {"e", "y"}
# a space after a closing parenthesis, before dotted initials, parts two people too: MDPI leaves
# the 'and' out after a name told apart by its full name ('M.S. (Maria Rossi) N.G.', 2023)
# a family name joined by 'e' or 'y' (Portuguese 'Santos e Silva', Spanish 'Ramón y Cajal'): one
# capitalised word that ends the name, where another person would be given a name of two words
# or initials
_LAST_FAMILY = r"[^\W\d_a-z][^\W\d_A-Z]+\s*(?:$|[,;.)]|[ey]\s)"
_SEPARATORS = re.compile(
    rf",\s*(?:and\s+|&\s*)?|\s+and\s+|\s*&\s*|\s+[ey]\s+(?!{_LAST_FAMILY})|\s+et\s+|\s*/\s*"
    r"|(?<=\))\s+(?=[^\W\d_]{1,2}\.)"
)
_LONG_NAME = 12
_DEGREE_AFTER = re.compile(r"^(?P<name>.*?\S)\s+\(?(?P<degree>lead|equal|supporting)\)?$", re.I)


def is_credit_term(role: SourceRole) -> bool:
    """Whether a role was read from a CRediT term, not mapped from a free phrase."""
    return role.role is not None and role.origin != PHRASE


SMALL_FAMILY = "~"
"""Marks, among a reading's family names, one the byline prints in small letters ('~ullah')."""


def looks_like_name(text: str, families: frozenset[str] = frozenset()) -> bool:
    """Return True for initials or two to six capitalised words (particles allowed; up to twelve
    where the last is one of `families`) that are no CRediT term ('Formal Analysis' is a role,
    not a person), or one word of `families` (the byline's family names, folded: 'Guo, Fan,
    H. Wang', JAMA Network)."""
    full = FULL_NAME.match(text)
    if full is not None:
        text = full["token"]
    if initials_groups(text) is not None:
        return True
    words = text.split()
    if len(words) == 1 and words[0][:1].isupper() and fold(words[0]) in families:
        return True
    # a family name the byline itself prints in small letters is one ('Fawad ullah')
    capitalised = all(w[:1].isupper() or w.casefold() in _NAME_PARTICLES for w in words[:-1]) and (
        words[-1][:1].isupper()
        or words[-1].casefold() in _NAME_PARTICLES
        or SMALL_FAMILY + fold(words[-1]) in families
    )
    # a long name ('Ana Maria Rita Pedroso Vilela Torres de Carvalho Engel', Brazilian) counts
    # where it ends in a byline family name
    size = 1 < len(words) <= (_LONG_NAME if fold(words[-1]) in families else 6)
    return size and capitalised and label_role(text)[0] is None


def names_with_degrees(text: str) -> list[tuple[str, Degree | None]]:
    """Split 'A, B and C' (also 'e', '&', '/', 'GJP DSA JKH', 'MK T. Kojima KN') into the names,
    each with a degree written after it ('P.P. lead, V.J. supporting', Scientific Reports)."""
    names: list[tuple[str, Degree | None]] = []
    for part in _outside_parentheses(text.strip(" .")):
        degree = None
        written = _DEGREE_AFTER.match(part)
        if written is not None and looks_like_name(written["name"]):
            part, degree = written["name"], Degree(written["degree"].casefold())
        words = part.split()
        previous = names[-1][0] if names else ""
        family = (
            bool(previous) and not re.search(r"[.()]", previous) and not initials_groups(previous)
        )
        if family and _DOTTED.match(part):
            names[-1] = (f"{previous}, {part}", degree)  # 'Tecchio, M. A.': family, then initials
        elif " " in previous and is_post_nominal(part) and not _initials(previous):
            continue  # 'Jane Doe, MD, PhD': her degrees, not two more people
        elif len(words) > 1 and _several_initials(words):
            names += [(word, degree) for word in words]  # 'GJP DSA JKH', 'E.M.A. J.G.L'
        elif len(words) > 2 and (spaced := _initials_and_short_names(words)):
            names += [(name, degree) for name in spaced]  # 'MK T. Kojima KN', PLOS
        elif part:
            names.append((part, degree))
    return names


def _initials(name: str) -> bool:
    """Whether a printed name is initials, also with the full name beside them ('M.S. (Marta
    Serra)', MDPI): 'P.A.' after them is the next person, not a post-nominal."""
    own = FULL_NAME.match(name)
    return initials_groups(own["token"] if own is not None else name) is not None


def names_in(text: str) -> list[str]:
    """The names printed in a list, degrees written after them left out."""
    return [name for name, _degree in names_with_degrees(text)]


def _outside_parentheses(text: str) -> list[str]:
    """The parts of a list between separators, a separator inside parentheses kept."""
    parts, start, depth = [], 0, 0
    for match in re.finditer(r"[()]|" + _SEPARATORS.pattern, text):
        mark = match.group()
        depth += {"(": 1, ")": -1}.get(mark, 0)
        if mark not in "()" and depth == 0:
            parts.append(text[start : match.start()])
            start = match.end()
    parts.append(text[start:])
    return [part.strip(" .") for part in parts]


def _several_initials(words: list[str]) -> bool:
    """Words that are each someone's initials: undotted ones ('GJP DSA'), or dotted ones of two
    letters or more ('E.M.A. J.G.L'); 'D.-H. W.' and 'Z. G.' are one person's, spaced."""
    readings = [initials_groups(word) for word in words]
    if not all(readings):
        return False
    if not any("." in word for word in words):
        return all(sum(ch.isupper() for ch in w) > sum(ch.islower() for ch in w) for w in words)
    return all(len(reading[0]) > 1 for reading in readings if reading)


def _initials_and_short_names(words: list[str]) -> list[str] | None:
    """Undotted initials with, among them, an initial and a family name that tell two authors
    apart ('NH CT F. Bozza F. Bloss JM', PLOS 2016–2018): each, else None."""
    names: list[str] = []
    for word in words:
        family = word[:1].isupper() and word[1:].islower()
        if names and re.fullmatch(r"[^\W\d_a-z]\.", names[-1]) and family:
            names[-1] = f"{names[-1]} {word}"  # 'F.' and 'Bozza'
        elif re.fullmatch(r"[^\W\d_a-z]\.", word) or _several_initials([word]):
            names.append(word)
        else:
            return None
    dotted = [name for name in names if " " in name]
    return names if dotted and all(" " in n or "." not in n for n in names) else None


def all_names(text: str, families: frozenset[str] = frozenset()) -> bool:
    """Return True when `text` is nothing but a list of names (family names alone among them
    where `families` holds them)."""
    names = names_in(text)
    return bool(names) and all(looks_like_name(name.replace(",", ""), families) for name in names)


def roles_from(text: str) -> list[SourceRole]:
    """Return the roles of a list of phrases: 'Conceptualization (lead); wrote the paper'.

    A phrase that names a role only with the previous phrase's first word is that role
    ('writing – original draft, review & editing', Portland Press).
    """
    roles: list[SourceRole] = []
    previous = ""
    phrases = _phrases(text.strip(" ."))
    for part, read in zip(phrases, _sharing_objects(phrases), strict=True):
        part, read = part.strip(" ."), read.strip(" .")
        if not part:
            continue
        if read != part:  # a verb alone, read with the next phrase's object, kept as written
            roles.append(_phrase_role(read, previous).model_copy(update={"label": part}))
        else:
            roles += [_phrase_role(piece, previous) for piece in and_split(part)]
        previous = part
    return roles


def _sharing_objects(phrases: list[str]) -> list[str]:
    """Phrases where a verb alone shares the next phrase's object: 'wrote and revised the
    manuscript' reads as 'wrote the manuscript' and 'revised the manuscript'."""
    shared = list(phrases)
    for n in range(len(shared) - 2, -1, -1):
        verb, after = shared[n].strip(), shared[n + 1].strip().split(" ", 1)
        if _PAST_VERB.fullmatch(verb) and len(after) == 2 and _PAST_VERB.fullmatch(after[0]):
            shared[n] = f"{verb} {after[1]}"
    return shared


_PAST_VERB = re.compile(r"[a-z]+ed|wrote|made|did|gave|took|ran|built|led|drew|undertook|oversaw")
# 'and' before a verb in the past ('designed the study and wrote the paper') parts two phrases
_PHRASE_BREAKS = re.compile(rf",\s*(?:and\s+)?|;\s*|\s+and\s+(?=(?:{_PAST_VERB.pattern})\b)")


def _phrases(text: str) -> list[str]:
    """The phrases of a list, cut at its commas, semicolons and 'and' before a verb, none inside
    brackets (a phrase's own note); a CRediT term printed as a list of its words ('writing,
    review, and editing', BMC 2019) one phrase: a phrase naming no role that, with the next one
    or two phrases of its clause, names one."""
    text = with_terms_spelt_out(text)
    outside = outside_brackets(text)
    breaks = [m for m in _PHRASE_BREAKS.finditer(text) if outside[m.start()]]
    cuts = [0, *(i for m in breaks for i in (m.start(), m.end())), len(text)]
    spans = list(zip(cuts[::2], cuts[1::2], strict=True))
    phrases, at = [], 0
    while at < len(spans):
        last = next((n for n in (at + 2, at + 1) if _one_term(text, spans, at, n)), at)
        phrases.append(text[spans[at][0] : spans[last][1]])
        at = last + 1
    return phrases


def _one_term(text: str, spans: list[tuple[int, int]], first: int, last: int) -> bool:
    """Whether phrases first to last name one CRediT term together: phrases naming no role
    alone, or a term and the words a comma cut off it that name none ('writing review,
    editing': not the term and the phrase 'editing')."""
    if last >= len(spans):
        return False
    joined = text[spans[first][0] : spans[last][1]]
    together = try_resolve_role(split_degree(joined).label)
    if ";" in joined or together is None:
        return False
    alone = label_role(text[slice(*spans[first])])[0]
    rest = (label_role(text[slice(*spans[n])])[0] for n in range(first + 1, last + 1))
    return alone is None or (alone.slug == together.slug and all(r is None for r in rest))


def _phrase_role(piece: str, previous: str) -> SourceRole:
    written = split_degree(piece)
    role = label_role(written.label)[0]
    head = re.match(r"[^\W\d_]+", previous)
    if role is None and head is not None and label_role(head.group())[0] is None:
        role = label_role(f"{head.group()} {written.label}")[0]
    slug, origin = (role.slug, "statement") if role else (from_phrase(written.label), PHRASE)
    return SourceRole(role=slug, label=written.label, degree=written.degree, origin=origin)


def from_phrase(text: str) -> str | None:
    """Return the one role a free phrase names ('conceived the study'), else None."""
    hits = {slug for pattern, slug in PHRASES if re.search(pattern, text, re.I)}
    if len(hits) == 2 and "writing-review-editing" in hits and "writing-original-draft" in hits:
        return None  # "wrote and revised": two roles in one phrase, kept as written
    return hits.pop() if len(hits) == 1 else None


def label_roles(label: str) -> list[SourceRole]:
    """The roles of a role-first label: one, or roles joined by 'and' or commas ('Supervision
    and project administration', Ciência Rural 2022; 'Supervision, Project Administration, and
    Funding Acquisition', Scientific Reports), never split inside one ('Writing-review and
    editing')."""
    text = re.sub(r"^(?:Other|Outros?)\s*:\s*", "", label)  # PLOS 2012: 'Other: Provided ...'
    if names_a_role(text):
        return [_label_role(text)]
    parts = [p.strip() for p in re.split(r",\s*(?:and\s+)?", text) if p.strip()]
    pieces = [piece for part in parts for piece in and_split(part)]
    if len(parts) > 1 and not any(names_a_role(piece) for piece in pieces):
        pieces = and_split(text)  # commas inside one free phrase: kept whole
    return [_label_role(piece) for piece in pieces]


def _label_role(text: str) -> SourceRole:
    written = split_degree(text)
    role = label_role(written.label)[0]
    if role is not None:
        return SourceRole(
            role=role.slug, label=written.label, degree=written.degree, origin="statement"
        )
    return SourceRole(role=from_phrase(text), label=text, origin=PHRASE)
