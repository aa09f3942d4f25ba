"""The people a contribution statement names, resolved against the byline; pure.

Initials of every form (initials.py), initials with the full name beside them ('Y.Z. (Yan Zhao)',
MDPI), Vancouver names ('Alcântara LCJ'; 'Kim YM' and 'Kim YA', told apart by their initials),
inverted ones ('Tecchio, M. A.', 'Illés, Jane') and a family name after a title ('Dr Illés')
resolve to the one byline author they name; ambiguous or unknown ones are reported as not
understood, never guessed, with the authors they may be. A title is no part of a name ('Prof.
Nisreen A Alwan' is read as 'Nisreen A Alwan'). A full name is kept as printed (the statement
source compares it with the team's record as printed); a JATS file resolves
it with `by_full_name`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import partial

from credit_tracker.domain.models import SourceAuthor, SourceRole
from credit_tracker.domain.names import (
    PersonName,
    clean,
    fold,
    given_compatible,
    is_particle,
    is_title,
    parse_display_name,
    without_title,
)
from credit_tracker.domain.problems import Unread
from credit_tracker.parse.initials import FULL_NAME, initials_groups, resolve
from credit_tracker.parse.statement_parts import SMALL_FAMILY, roles_from

# The initials a Vancouver-style name prints after the family name: 'LCJ', 'M.', and a given
# name's initials run together or hyphenated ('J.P.', 'J.-P.', 'J-P'), its last full stop cut
_TRAILING_INITIALS = re.compile(r"[A-Z]{1,4}\.?|[A-Z]\.?(?:-?[A-Z]\.?){1,3}")
# NFKC (normalise_text) turns 'ª' and 'º' into 'a' and 'o': '1ª autora' is read as '1a autora'
ORDINAL = re.compile(r"(\d+)\s*(?:st|nd|rd|th|ª|º|°|a|o)?\s+(?:author|autor[a]?)\s*:", re.I)


@dataclass
class StatementEntry:
    """One person named in a statement, with the roles stated for them."""

    printed: str
    roles: list[SourceRole] = field(default_factory=list)
    author: SourceAuthor | None = None
    """The byline author the initials or position resolve to, when they are not a full name."""


@dataclass(frozen=True)
class Unresolved:
    """Initials or a name that names no byline author for certain, and whom it may be."""

    printed: str
    candidates: list[SourceAuthor]


@dataclass
class Reading:
    """What reading one statement collects: its entries, what it could not resolve, notes."""

    byline: list[SourceAuthor]
    entries: dict[str, StatementEntry] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)
    unresolved: list[Unresolved] = field(default_factory=list)
    repeated: set[str] = field(default_factory=set)
    """Initials one list prints twice: two people, so nobody for certain."""
    families: frozenset[str] = field(init=False)
    """The byline's family names (their last words, folded), which a list may print alone."""

    def __post_init__(self) -> None:
        self.families = frozenset(word for author in self.byline for word in _family_keys(author))


def entry_for(reading: Reading, name: str, context: str) -> StatementEntry | None:
    """Return the entry for a printed name, resolving initials and Vancouver names; None (and a
    note of what was not understood) when they name no byline author for certain."""
    printed = clean(name).strip(" •,;")
    own = FULL_NAME.match(printed.strip(" ."))
    if own is not None and initials_groups(own["full"]) and not initials_groups(own["token"]):
        printed = own["token"]  # 'Jane Doe (J.D.)': a name with its own initials after it
    name = without_title(printed.strip(" ."))
    if name != printed.strip(" ."):
        printed = name  # 'Prof. Nisreen A Alwan': the title is no part of the name
    if not name:
        return None
    if name in reading.entries:
        return reading.entries[name]
    full = FULL_NAME.match(name)
    token = full["token"] if full is not None else name
    author = None
    if initials_groups(token) is not None:
        author = by_full_name(full["full"], reading.byline) if full is not None else None
        if author is None:
            author = _by_initials(reading, token, printed, context)
            if author is None:
                return None
    elif "," in name or _is_vancouver(name) or _titled_family(name) or _bare_family(reading, name):
        # 'Illés, Jane' is the one byline author of that name, else whoever has the family name
        author = by_full_name(name, reading.byline) if "," in name else None
        author = author or _by_family(reading, name, context)
        if author is None:
            return None
    same = [e for e in reading.entries.values() if author is not None and e.author is author]
    reading.entries[name] = same[0] if same else StatementEntry(printed=name, author=author)
    return reading.entries[name]


def _by_initials(reading: Reading, token: str, printed: str, context: str) -> SourceAuthor | None:
    resolved = resolve(token, reading.byline, repeated=token in reading.repeated)
    if resolved.author is not None:
        return resolved.author
    if _WITH_FAMILY.search(token) and (author := by_full_name(token, reading.byline)):
        return author  # 'K.S. Smith' is Kevin Smith: a middle initial the byline leaves out
    _unresolved(reading, token, resolved.candidates, f"{context}: {resolved.why(printed)}")
    return None


# initials then a family name of two letters or more ('K.S. Smith', 'J.-P. Martin')
_WITH_FAMILY = re.compile(r"[.\s]\s*[^\W\d_]{2,}$")


def _unresolved(reading: Reading, printed: str, candidates: list[SourceAuthor], why: str) -> None:
    """Note a name that names nobody for certain, once, as a part not understood."""
    if any(item.printed == printed for item in reading.unresolved):
        return
    reading.unresolved.append(Unresolved(printed=printed, candidates=candidates))
    reading.problems.append(str(Unread(text=f"{why}; not assigned")))


_GIVEN_WORD = re.compile(r"[^\W\d_][\w'’\-]*\.?")


def in_byline_order(text: str, byline: list[SourceAuthor]) -> str:
    """Return `text` with each byline author's name printed family name first ('Illés, Jane',
    'Alwan, Nisreen A.') turned given name first, as the rest of the reading expects.

    Only where the given names are written out and fit the byline author's: initials after a
    family name ('Tecchio, M. A.') are resolved as they are, and two capitalised words of a
    list of roles ('Investigation, Visualization') name no one on the byline.
    """
    for author in byline:
        name = author.name
        if name is None or not name.family_full or not name.given:
            continue
        words = rf"{_GIVEN_WORD.pattern}(?:\s+{_GIVEN_WORD.pattern}){{0,2}}"
        family = re.compile(rf"(?<!\w){re.escape(name.family_full)},\s+(?P<given>{words})")
        text = family.sub(partial(_given_first, name=name), text)
    return text


def _given_first(match: re.Match[str], name: PersonName) -> str:
    """'Illés, Jane' → 'Jane Illés', keeping what the match took after the given names."""
    printed = match["given"]
    ends = []
    for word in _GIVEN_WORD.finditer(printed):
        stop = word.group().endswith(".") and initials_groups(word.group()) is None
        ends.append(word.end() - 1 if stop else word.end())
        if stop:
            break  # 'Illés, Jane. Writing': the full stop ends the sentence, and the name
    if any(_capitalised(printed[:end]) and _family_follows(match, end, name) for end in ends):
        return match.group()  # 'Wei Chen, Mingyu Chen': two names given first, not 'Chen, Mingyu'
    for end in reversed(ends):
        given = printed[:end]
        words = given.split()
        fits = _capitalised(given) and initials_groups(words[0]) is None
        if fits and given_compatible(given, name.given):
            return f"{given} {name.family_full}{printed[end:]}"
    return match.group()


def _capitalised(given: str) -> bool:
    """Whether every word is capitalised, as given names are ('Chen, Mingyu and Chen, Lan': the
    'and' is no given name)."""
    return all(word[:1].isupper() for word in given.split())


def _family_follows(match: re.Match[str], end: int, name: PersonName) -> bool:
    """Whether the family name is printed again right after the given names the match took:
    then those given names begin the next person's name, already in byline order."""
    after = match.string[match.start("given") + end :]
    return re.match(rf"\s+{re.escape(name.family_full)}(?!\w)", after) is not None


def by_full_name(printed: str, byline: list[SourceAuthor]) -> SourceAuthor | None:
    """The one byline author a full name printed in a statement belongs to, else None: the
    family name alike (accents and case aside), the given names compatible ('John Gaynes' is
    John A. Gaynes)."""
    whole = [author for author in byline if _whole_name(author) == fold(clean(printed))]
    if len(whole) == 1:
        return whole[0]  # 'Weslley dos Santos Borges', whose family name is 'dos Santos Borges'
    name = parse_display_name(printed)
    if not name.given:
        return None
    hits = _given_and_family(name.given, name.family, byline)
    first, _space, rest = clean(printed).partition(" ")
    if rest and _RUN_TOGETHER.fullmatch(first):
        # 'T-P Vu Manh', 'HR de Jonge': the initials, then the family name, where that names
        # someone ('MD Rahman' may be Md Mahbubur Rahman, 'DR Jane Doe' a title)
        hits = _given_and_family(_spelt_out(first), rest, byline) or hits
    if not hits:
        hits = _family_first(printed, byline)
    if not hits:
        hits = _part_of_family(name.given, name.family_full, byline)
    return hits[0] if len(hits) == 1 else None


def _part_of_family(given: str, family: str, byline: list[SourceAuthor]) -> list[SourceAuthor]:
    """The byline authors whose family name of several words begins or ends with the printed
    one, their given names fitting: 'Álvaro Díaz' for Álvaro Díaz-González (Spanish names are
    cited by the first surname, Portuguese ones by the last)."""
    printed = _surnames(family)
    if not printed:
        return []
    hits = []
    for author in byline:
        if author.name is None or not given_compatible(given, author.name.given):
            continue
        words = _surnames(author.name.family_full)
        if len(words) > len(printed) and printed in (words[: len(printed)], words[-len(printed) :]):
            hits.append(author)
    return hits


def _surnames(family: str) -> list[str]:
    """A family name's words, folded, without its particles ('dos Santos Silva': santos, silva)."""
    return [word for word in fold(family).split() if not is_particle(word)]


def _given_and_family(given: str, family: str, byline: list[SourceAuthor]) -> list[SourceAuthor]:
    """The byline authors of that family name whose given names the given names fit."""
    key = fold(family)
    return [
        author
        for author in byline
        if author.name is not None
        and key in {fold(author.name.family), fold(author.name.family_full)}
        and given_compatible(given, author.name.given)
    ]


# given initials run together in capitals, or hyphenated: 'HLH Malaby', 'T-P Vu Manh' (Life
# Science Alliance and Rockefeller University Press print each name so)
_RUN_TOGETHER = re.compile(r"[A-Z]{2,3}|[A-Z]-[A-Z]")


def _spelt_out(given: str) -> str:
    """'HLH' as 'H. L. H.', 'T-P' as 'T. P.': initials run together, each one an initial."""
    return " ".join(f"{letter}." for letter in given if letter.isalpha())


def _whole_name(author: SourceAuthor) -> str | None:
    """The byline author's given and family names as one string, folded: a name printed in full
    is theirs whatever the split between the two ('Weslley dos Santos Borges')."""
    name = author.name
    if name is None or not name.given:
        return None
    return fold(f"{name.given} {name.family_full}")


def _family_first(printed: str, byline: list[SourceAuthor]) -> list[SourceAuthor]:
    """The byline authors a name printed family name first without a comma is, exactly ('Wang
    Xiaoming' for Xiaoming Wang): the order of Chinese, Japanese, Korean and Hungarian names."""
    words = clean(printed).split(" ")
    if len(words) < 2:
        return []
    return [
        author
        for author in byline
        if author.name is not None
        and author.name.given
        and any(
            fold(" ".join(words[:cut])) == fold(author.name.family)
            and fold(" ".join(words[cut:])) == fold(author.name.given)
            for cut in range(1, len(words))
        )
    ]


def _is_vancouver(name: str) -> bool:
    words = name.split()
    return (
        len(words) >= 2
        and bool(_TRAILING_INITIALS.fullmatch(words[-1]))
        and not all(initials_groups(w) for w in words)
    )


def _bare_family(reading: Reading, name: str) -> bool:
    """'Guo', 'Fan' in 'Concept and design: Guo, Fan, H. Wang' (JAMA Network): a byline family
    name printed alone."""
    return " " not in name and fold(name) in reading.families


def _titled_family(name: str) -> bool:
    """'Dr Illés', 'Prof. Alwan': a family name after a title."""
    words = name.split()
    return len(words) == 2 and is_title(words[0])


def _by_family(reading: Reading, name: str, context: str) -> SourceAuthor | None:
    """'Alcântara LCJ', 'Tecchio, M. A.', 'Tecchio M. A': the family name, matched on its last
    word (the initials after it dropped)."""
    family, _comma, after = name.partition(",")
    words, initials = family.split(), after.split()
    while len(words) > 1 and _TRAILING_INITIALS.fullmatch(words[-1]):
        initials.insert(0, words.pop())
    wanted = fold(" ".join(words)).split()[-1:]
    hits = [a for a in reading.byline if a.name and wanted and wanted[0] in _family_keys(a)]
    if len(hits) > 1 and initials:
        # 'Kim YM' and 'Kim YA' (Korean journals): the initials tell apart those sharing 'Kim'
        told = resolve("".join(initials).replace(".", "") + words[-1][:1], hits).author
        hits = [told] if told is not None else hits
    if len(hits) == 1:
        return hits[0]
    _unresolved(reading, name, hits, f"{context}: {name!r} fits {len(hits)} byline authors")
    return None


def _family_keys(author: SourceAuthor) -> set[str]:
    """The family name's last word, with and without a suffix ('Domingues Neto' or 'Domingues')."""
    if author.name is None:
        return set()
    family = fold(author.name.family_full).split()
    with_suffix = fold(f"{author.name.family_full} {author.name.suffix}").split()
    printed = author.name.family_full.split()
    # a family name the byline prints in small letters ('Fawad ullah') is kept marked as such:
    # a statement may print it so too, where a word in small letters is otherwise no name's
    small = [SMALL_FAMILY + family[-1]] if printed and printed[-1][:1].islower() else []
    return set(family[-1:] + with_suffix[-1:] + small)


def positions(body: str, byline: list[SourceAuthor], problems: list[str]) -> list[StatementEntry]:
    """The entries of a statement by position ('1st author: conceptualization (lead); …')."""
    entries: list[StatementEntry] = []
    marks = list(ORDINAL.finditer(body))
    for n, mark in enumerate(marks):
        end = marks[n + 1].start() if n + 1 < len(marks) else len(body)
        position = int(mark.group(1))
        text = body[mark.end() : end]
        text = re.split(r"\s(?=\d+\s*(?:ª|º|a|o)\s+autor)", text)[0]
        if position > len(byline):
            problems.append(
                f"author {position} is named by position, but the byline has {len(byline)}"
            )
            continue
        author = byline[position - 1]
        if any(e.author is author for e in entries):
            continue  # a second language version of the same statement
        entries.append(
            StatementEntry(printed=f"author {position}", roles=roles_from(text), author=author)
        )
    return entries


def to_source_authors(entries: list[StatementEntry]) -> list[SourceAuthor]:
    """Turn entries into statement-source authors: names exactly as printed, or (for initials and
    positions) the byline author's name, marked as not printed in the statement."""
    authors = []
    for position, entry in enumerate(entries, start=1):
        if (
            entry.author is not None
            and entry.author.name is not None
            and entry.printed != entry.author.raw
        ):
            authors.append(
                SourceAuthor(
                    position=position,
                    raw=entry.printed,
                    name=entry.author.name,
                    structured=True,
                    name_shown=False,
                    roles=entry.roles,
                )
            )
        else:
            authors.append(
                SourceAuthor(
                    position=position,
                    raw=entry.printed,
                    name=parse_display_name(entry.printed),
                    structured=False,
                    roles=entry.roles,
                )
            )
    return authors
