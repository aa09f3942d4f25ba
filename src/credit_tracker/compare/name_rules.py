"""Name rules: how a printed name differs (accents, initials, split, suffix, spelling).

Equivalent forms are no finding: NFC against NFD, a full stop after an initial, a suffix written
into the family name against a structured <suffix>, and the person's accepted spellings.
"""

from __future__ import annotations

import difflib
import unicodedata

from credit_tracker.compare.context import SOURCE, CheckContext
from credit_tracker.compare.matching import Pair, source_name
from credit_tracker.domain.findings import Rule
from credit_tracker.domain.former import WITHHELD
from credit_tracker.domain.models import Person, SourceAuthor, TeamAuthor
from credit_tracker.domain.names import (
    PersonName,
    clean,
    fold,
    given_compatible,
    given_tokens,
    strip_accents,
    typographic_key,
    without_suffix,
)
from credit_tracker.domain.scripts import script_note


def check_name(
    context: CheckContext,
    source: str,
    pair: Pair,
    author: TeamAuthor,
    person: Person | None,
    other: SourceAuthor,
) -> None:
    if other.organisation or not other.name_shown:
        return  # an organisation, or a statement that names the author by initials or position
    note = context.about(source, author, pair.team)
    mine = author.printed
    expected = mine.display()
    if pair.method == "exact" or typographic_key(other.raw) == typographic_key(expected):
        theirs = source_name(other)
        if (
            theirs is None
            or not other.structured
            or (theirs.given, theirs.family) == (mine.given, mine.family)
        ):
            return
        if _split_differs(mine, theirs):
            split = (
                f"{expected}: printed alike, but deposited with given {theirs.given!r}"
                f" and family {theirs.family_full!r}"
            )
            note(Rule.NAME_SPLIT, split, expected=expected, observed=other.raw)
        return
    if person is not None and typographic_key(other.raw) in {
        typographic_key(s) for s in person.accepted_spellings
    }:
        context.result.accepted += 1
        return
    if context.former(author).reveals(other.raw):
        former = f"{expected}: {SOURCE} prints a confidential former name (not shown here)"
        note(Rule.NAME_FORMER, former, expected=expected, observed=WITHHELD)
        return
    shown = show_combining(other.raw)
    # letters of another script read the same on screen: name them, or the message reads as none
    scripts = script_note(expected, clean(other.raw))
    for rule, message in classify_name(author.printed, other):
        told = f"{message} ({scripts})" if scripts else message
        note(rule, f"{expected}: {told}", expected=expected, observed=shown)


def classify_name(mine: PersonName, other: SourceAuthor) -> list[tuple[Rule, str]]:
    """Return (rule, message) for each way the printed name differs from the team's."""
    theirs = source_name(other)
    shown, expected = clean(other.raw), mine.display()
    if theirs is None:
        return []
    same_letters = strip_accents(shown).replace(".", "") == strip_accents(expected).replace(".", "")
    if same_letters:
        return [
            (
                Rule.NAME_DIACRITICS,
                f"printed {show_combining(shown)!r}: {_accent_edit(expected, shown)}",
            )
        ]
    # A suffix is compared on its own: 'Ramos Júnior' as the family name (tenzing has no suffix
    # column) is the same name as <surname>Ramos</surname><suffix>Júnior</suffix>.
    mine_core, mine_suffix = without_suffix(mine)
    their_core, their_suffix = without_suffix(theirs)
    verdicts: list[tuple[Rule, str]] = []
    if typographic_key(fold(mine_suffix)) != typographic_key(fold(their_suffix)):
        verdicts.append(
            (
                Rule.NAME_SUFFIX,
                f"printed {shown!r}: suffix {their_suffix or 'none'!r},"
                f" the team's record has {mine_suffix or 'none'!r}",
            )
        )
        if (fold(mine_core.given), fold(mine_core.family_full)) == (
            fold(their_core.given),
            fold(their_core.family_full),
        ):
            return verdicts
    return verdicts + _classify_core(mine_core, their_core, other.structured, shown)


def _classify_core(
    mine: PersonName, theirs: PersonName, structured: bool, shown: str
) -> list[tuple[Rule, str]]:
    """The name without its suffix: split, initials and accents, or spelling."""
    if structured and _split_differs(mine, theirs):
        return [
            (
                Rule.NAME_SPLIT,
                f"printed with given {theirs.given!r} and family {theirs.family_full!r};"
                f" expected given {mine.given!r} and family {mine.family_full!r}",
            )
        ]
    verdicts: list[tuple[Rule, str]] = []
    family_same = fold(theirs.family_full) == fold(mine.family_full)
    if (
        family_same
        and given_compatible(mine.given, theirs.given)
        and given_tokens(mine.given) != given_tokens(theirs.given)
    ):
        verdicts.append(
            (Rule.NAME_INITIALS, f"printed {shown!r}: {_initials_edit(mine.given, theirs.given)}")
        )
        mine_letters = strip_accents(mine.family_full)
        if (
            mine_letters == strip_accents(theirs.family_full)
            and mine.family_full != theirs.family_full
        ):
            edit = _accent_edit(mine.family_full, theirs.family_full)
            verdicts.append(
                (
                    Rule.NAME_DIACRITICS,
                    f"family name printed {show_combining(theirs.family_full)!r}: {edit}",
                )
            )
        return verdicts
    return [(Rule.NAME_SPELLING, f"printed {shown!r}: {edit_text(mine.display(), shown)}")]


def _split_differs(mine: PersonName, theirs: PersonName) -> bool:
    """True when the same words are split differently between given and family (or swapped)."""
    mine, theirs = without_suffix(mine)[0], without_suffix(theirs)[0]
    mine_parts = (fold(mine.given), fold(mine.family_full))
    their_parts = (fold(theirs.given), fold(theirs.family_full))
    if mine_parts == their_parts:
        return False
    same_words = sorted(" ".join(mine_parts).split()) == sorted(" ".join(their_parts).split())
    lost_particle = (
        bool(mine.particle)
        and fold(theirs.family_full) == fold(mine.family)
        and fold(theirs.given) == fold(mine.given)
    )
    return same_words or lost_particle


def _initials_edit(mine: str, theirs: str) -> str:
    mine_tokens, their_tokens = given_tokens(mine), given_tokens(theirs)
    if len(their_tokens) > len(mine_tokens):
        return f"given name {theirs!r} has an initial or name the team's record ({mine!r}) does not"
    if len(their_tokens) < len(mine_tokens):
        return f"given name {theirs!r} lacks part of {mine!r}"
    return f"given name {mine!r} printed as initials {theirs!r}"


def show_combining(text: str) -> str:
    """Show decomposed characters as such: 'Ille\u0301s' becomes 'Ille+U+0301s'."""
    if unicodedata.is_normalized("NFC", text):
        return text
    return "".join(f"+U+{ord(ch):04X}" if unicodedata.combining(ch) else ch for ch in text)


def _accent_edit(expected: str, shown: str) -> str:
    pairs = []
    nfc_expected, nfc_shown = (
        unicodedata.normalize("NFC", expected),
        unicodedata.normalize("NFC", shown),
    )
    for a, b in zip(nfc_expected, nfc_shown, strict=False):
        if a != b:
            pairs.append(f"{a!r} printed as {show_combining(b)!r}")
    return "; ".join(pairs) or "accents differ"


def edit_text(expected: str, shown: str) -> str:
    """Return the word-level edits that turn the expected spelling into the printed one."""
    mine, theirs = expected.split(), shown.split()
    edits = []
    for op, a1, a2, b1, b2 in difflib.SequenceMatcher(
        None, mine, theirs, autojunk=False
    ).get_opcodes():
        before, after = " ".join(mine[a1:a2]), " ".join(theirs[b1:b2])
        if op == "replace":
            edits.append(f"{before!r}→{after!r}")
        elif op == "delete":
            edits.append(f"missing {before!r}")
        elif op == "insert":
            edits.append(f"extra {after!r}")
    return ", ".join(edits) or "differs"
