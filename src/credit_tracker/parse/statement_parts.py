"""The parts of a contribution statement: names as printed, and role phrases mapped to CRediT.

Names: full names, initials ('GJP', 'BPD-J'), Vancouver names ('Alcântara LCJ') and inverted
ones ('Tecchio, M. A.'), resolved against the byline; ambiguous or unknown initials are reported,
never guessed. Phrases map to a CRediT role only where the mapping is unambiguous.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from credit_tracker.domain.credit import split_degree
from credit_tracker.domain.models import SourceAuthor, SourceRole
from credit_tracker.domain.names import clean, fold
from credit_tracker.parse.jats_roles import label_role, resolve_initials

# Phrases of prose statements that name exactly one CRediT role. Anything else is kept as written.
PHRASES = [
    (r"conceiv|concep(?:tion|tuali[sz])", "conceptualization"),
    (r"curat", "data-curation"),
    (
        r"analy[sz]ed the data|data analysis|statistical analys|formal analys|analy[sz]ed",
        "formal-analysis",
    ),
    (
        r"acquired funding|obtained funding|funding acquisition|secured funding",
        "funding-acquisition",
    ),
    (
        r"performed the experiments|collected (?:the )?data|data collection|investigation"
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
        r"wrote the (?:first )?draft|draft(?:ed|ing)|wrote the paper|manuscript writing"
        r"|writing[ –-]+original",
        "writing-original-draft",
    ),
    (r"reviewed|revised|edited|editing|review", "writing-review-editing"),
]
INITIALS = re.compile(r"^[A-Z][A-Za-z]{0,4}(?:-[A-Z][a-z]?)?$")
_DOTTED = re.compile(r"^(?:[A-Z]\.?\s*){1,4}$")  # 'M. A.', 'L. A. J', 'F. J'
# Initials with full stops, once the stops are taken out: 'MAB', 'GCS', 'LKF-L', 'DRS-P'.
_DOTTED_INITIALS = re.compile(r"[A-Z]{1,5}(?:-[A-Z]{1,2})?")
# Given initials and the family name's first letters: 'MWu', 'MWawer' (Cell Press), 'YZha'.
_INITIALS_AND_FAMILY = re.compile(r"[A-Z]{1,4}[A-Z][a-z]{1,20}")
_TRAILING_INITIALS = re.compile(r"[A-Z]{1,4}\.?|(?:[A-Z]\.)+")
_PARTICLES = {"de", "van", "der", "da", "dos", "das", "do", "von", "e"}


@dataclass
class StatementEntry:
    """One person named in a statement, with the roles stated for them."""

    printed: str
    roles: list[SourceRole] = field(default_factory=list)
    author: SourceAuthor | None = None
    """The byline author the initials or position resolve to, when they are not a full name."""


def compact_initials(text: str) -> str | None:
    """Return initials as one token ('M.A.B.' → 'MAB', 'L.K.F.-L.' → 'LKF-L', 'M.Wu' → 'MWu',
    'GJP', 'YZha'), or None for text that is not initials."""
    token = text.strip()
    if not token or " " in token:
        return None
    bare = token.replace(".", "")
    if "." in token and _DOTTED_INITIALS.fullmatch(bare):
        return bare
    if _INITIALS_AND_FAMILY.fullmatch(bare) and ("." in token or len(bare) <= 5):
        return bare
    return token if INITIALS.match(token) else None


def looks_like_name(text: str) -> bool:
    """Return True for initials or two to six capitalised words (particles allowed)."""
    if compact_initials(text) is not None:
        return True
    words = text.split()
    return 1 < len(words) <= 6 and all(w[:1].isupper() or w.casefold() in _PARTICLES for w in words)


def names_in(text: str) -> list[str]:
    """Split 'A, B and C' (also 'e', '&', and 'GJP DSA JKH') into the names printed."""
    parts = [
        p.strip() for p in re.split(r",\s*(?:and\s+)?|\s+and\s+|\s*&\s*|\s+e\s+", text.strip(" ."))
    ]
    names: list[str] = []
    for part in parts:
        words = part.split()
        if (
            names
            and _DOTTED.match(part)
            and not _DOTTED.match(names[-1])
            and not _plain_initials(names[-1])
        ):
            names[-1] = f"{names[-1]}, {part}"  # 'Tecchio, M. A.': family name, then initials
        elif len(words) > 1 and all(_listed_initials(w) for w in words):
            names += words  # "GJP DSA JKH"
        elif part:
            names.append(part)
    return names


def _plain_initials(word: str) -> bool:
    """Initials that cannot be a family name: 'L.K.F.-L.', 'GJP', 'YZha' (not 'Silva')."""
    bare = word.replace(".", "")
    return (
        ("." in word and bool(_DOTTED_INITIALS.fullmatch(bare)))
        or _listed_initials(word)
        or (len(bare) <= 5 and bool(_INITIALS_AND_FAMILY.fullmatch(bare)))
    )


def _listed_initials(word: str) -> bool:
    """Initials in a list ('GJP', 'ChL', 'BPD-J'): more capitals than small letters, so that a
    short full name ('Xixi Wu', Ciência Rural 2022) is not read as two sets of initials."""
    upper = sum(ch.isupper() for ch in word)
    return bool(INITIALS.match(word)) and upper > sum(ch.islower() for ch in word)


def all_names(text: str) -> bool:
    """Return True when `text` is nothing but a list of names."""
    names = names_in(text)
    return bool(names) and all(looks_like_name(name.replace(",", "")) for name in names)


def roles_from(text: str) -> list[SourceRole]:
    """Return the roles of a list of phrases: 'Conceptualization (lead); wrote the paper'."""
    roles = []
    for part in re.split(r",\s*(?:and\s+)?|;\s*|\s+and\s+(?=[a-z]+ed\b)", text.strip(" .")):
        part = part.strip(" .")
        if not part:
            continue
        written = split_degree(part)
        role = label_role(written.label)[0]
        slug = role.slug if role else from_phrase(written.label)
        roles.append(
            SourceRole(role=slug, label=written.label, degree=written.degree, origin="statement")
        )
    return roles


def from_phrase(text: str) -> str | None:
    """Return the one role a free phrase names ('conceived the study'), else None."""
    hits = {slug for pattern, slug in PHRASES if re.search(pattern, text, re.I)}
    if len(hits) == 2 and "writing-review-editing" in hits and "writing-original-draft" in hits:
        return None  # "wrote and revised": two roles in one phrase, kept as written
    return hits.pop() if len(hits) == 1 else None


def entry_for(
    entries: dict[str, StatementEntry],
    name: str,
    byline: list[SourceAuthor],
    problems: list[str],
    context: str,
) -> StatementEntry | None:
    """Return the entry for a printed name, resolving initials and Vancouver names; None if not."""
    name = clean(name).strip(" .•")
    if not name:
        return None
    if name in entries:
        return entries[name]
    author = None
    initials = compact_initials(name)
    if initials is not None:
        author = resolve_initials(initials, byline, problems, context)
        if author is None:
            return None
    elif "," in name or _is_vancouver(name):
        author = _by_family(name, byline, problems)
    same = [e for e in entries.values() if author is not None and e.author is author]
    entries[name] = same[0] if same else StatementEntry(printed=name, author=author)
    return entries[name]


def _is_vancouver(name: str) -> bool:
    words = name.split()
    return (
        len(words) >= 2
        and bool(re.fullmatch(r"[A-Z]{1,4}", words[-1]))
        and not all(INITIALS.match(w) for w in words)
    )


def _by_family(name: str, byline: list[SourceAuthor], problems: list[str]) -> SourceAuthor | None:
    """'Alcântara LCJ', 'Tecchio, M. A.', 'Tecchio M. A': the family name, matched on its last
    word (the initials after it dropped)."""
    words = name.split(",")[0].split()
    while len(words) > 1 and _TRAILING_INITIALS.fullmatch(words[-1]):
        words.pop()
    family = " ".join(words)
    wanted = fold(family).split()[-1:]
    hits = [a for a in byline if a.name and wanted and wanted[0] in _family_keys(a)]
    if len(hits) == 1:
        return hits[0]
    problems.append(f"{name!r} fits {len(hits)} byline authors; not assigned")
    return None


def _family_keys(author: SourceAuthor) -> set[str]:
    """The family name's last word, with and without a suffix ('Domingues Neto' or 'Domingues')."""
    if author.name is None:
        return set()
    family = fold(author.name.family_full).split()
    with_suffix = fold(f"{author.name.family_full} {author.name.suffix}").split()
    return set(family[-1:] + with_suffix[-1:])
