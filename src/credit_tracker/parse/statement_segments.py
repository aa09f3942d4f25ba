"""A contribution statement cut into sentences, and a sentence into its label and the rest; pure.

Sentences end at ';' (MDPI's "…, A.P. and J.Š.Ž.; methodology, …" goes on in small letters) and at
'.' before a capital, but not at the full stop of an initial ("Guilherme N. Corte", "Tecchio, M. A.
and …", "A.O-F. A.Lüthi") nor of a title ("Prof. Nisreen A Alwan") unless a label or "All authors …"
follows it ("Conceptualization: T.B.D. Methodology: H.M.K., …"). A sentence's label is split off at
a colon or a spaced dash, or, for the role-first form with a comma (MDPI, Cell Press), at the comma
after which only names follow. A sentence of people each with their roles in parentheses ('Jane Doe
(Conceptualization [lead], …), John Roe (…)') has no label; it is read pair by pair.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from functools import partial
from itertools import pairwise, takewhile

from credit_tracker.domain.credit import split_degree, try_resolve_role
from credit_tracker.domain.names import fold, is_title
from credit_tracker.parse.initials import initials_groups
from credit_tracker.parse.jats_roles import and_split, label_role, names_a_role
from credit_tracker.parse.statement_parts import (
    all_names,
    is_credit_term,
    looks_like_name,
    names_in,
    roles_from,
)

# a full stop glued to the next sentence's capital ends it too, after a word of small letters
# or capitals, or a parenthesis ('… writing and discussion.PM Soares and R. Trigo contributed
# …', a 2025 file's statement; '(lead).Karl Smith: …'; 'acquired the MRI.KS analysed …')
_BREAKS = re.compile(
    r";\s*|\.\s+|(?:(?<=[a-z\u00df-\u00ff]{3})|(?<=[A-Z\u00c0-\u00de]{3})|(?<=\)))"
    r"\.(?=[A-Z\u00c0-\u00de])|\s*•\s*|\s+\|\s+"
)
_ENDS_IN_INITIALS = re.compile(r"(?:^|[\s,(/])(?:[^\W\d_]{1,2}[.\-\u2010]+)+[^\W\d_]{1,2}$")
# one given name's initial, or a hyphenated given name's ('H.-P.' for Hans-Peter, AIP 2024)
_ENDS_IN_INITIAL = re.compile(r"(?:^|[\s,(/])(?:[^\W\d_]\.?[-\u2010])?[^\W\d_]$")
_LAST_WORD = re.compile(r"(?:^|[\s,(/])([^\W\d_]+)$")
_EVERYONE_WORDS = r"(?:All|Both|Todos|Todas|Ambos)\b"
_EVERYONE_AHEAD = re.compile(f"^{_EVERYONE_WORDS}")
# a word that opens a sentence and is no one's initials or name ('…, M.V.C.R. The study group
# designated as authors …', Scientific Reports 2022)
_OPENER_WORDS = r"(?:The|These|This|Those|We|Our)\s"
_AHEAD = re.compile(rf"^(?:[^\W\d_][^:;.]{{0,60}}:|{_EVERYONE_WORDS}|{_OPENER_WORDS})")
SEPARATOR = r":|\s[-\u2013\u2014]\s"
"""What parts a label from its names or roles: a colon, or a dash with spaces round it."""
_SEPARATOR = re.compile(SEPARATOR)
# a sentence of nothing but initials ('K.S', 'J.-P'), and a label of up to three capitalised words
_ONLY_INITIALS = re.compile(r"(?:[^\W\d_][.\-\u2010]+\s*)+[^\W\d_]")
_FAMILY_LABEL = re.compile(
    rf"^([^\W\d_a-z][\w'\u2019\-]+(?:\s+[^\W\d_a-z][\w'\u2019\-]+){{0,2}})\s*(?:{SEPARATOR})"
)
# an em dash glued after initials' full stop ('J.D.—conceptualization', 'Preparation—M.M.' aside)
_DASH_AFTER_A_STOP = r"(?<=[^\W\d_]\.)\u2014"
# a dash glued to the word before it ('Dhanaraj- Literature'), or an em dash glued on both sides
# ('Sheetu Singh—Data curation'); either ends the names only after a byline family name
_GLUED = re.compile(rf"(?<=[^\W\d_])(?:[-\u2013](?=\s)|\u2014)|{_DASH_AFTER_A_STOP}")
_LABEL_AHEAD = re.compile(rf"^([^:;.]{{1,60}}?)\s*(?:{SEPARATOR})")


@dataclass(frozen=True)
class Split:
    """A sentence taken apart at its label: 'Conceptualization' and 'JL, CJC' (role first), or
    'GSL, JJZ' and 'Conceptualization, Methodology' (person first)."""

    label: str
    rest: str
    role_first: bool


def sentences(text: str) -> list[str]:
    """The sentences of one block of a statement, in order, without their closing marks."""
    pieces, start = [], 0
    for match in _BREAKS.finditer(text):
        if _inside_parentheses(text, match.start()) or not _ends_sentence(text, match, start):
            continue
        pieces.append(text[start : match.start()])
        start = match.end()
    pieces.append(text[start:])
    return [piece.strip() for piece in pieces if piece.strip(" .;")]


def _inside_parentheses(text: str, position: int) -> bool:
    return text.count("(", 0, position) > text.count(")", 0, position)


def _ends_sentence(text: str, match: re.Match[str], start: int = 0) -> bool:
    """Whether a break ends a sentence; `start` is where the sentence it would end began."""
    if match.group().strip() != ".":
        return True
    after = text[match.end() :]
    before = text[: match.start()]
    if not after[:1].isupper():
        return False  # 'Tecchio, M. A. and'
    if match.group() == ".":  # glued to the next word: ends a sentence only before an entry
        return _entry_ahead(after)
    if _ENDS_IN_INITIAL.search(before) or _ends_in_title(before):
        # 'Fernanda K. Kiataqui', 'Prof. Nisreen A Alwan', unless a role's label follows
        # ('Conceptualization: Doe J, Smith J. Supervision: Lee A.')
        return _role_ahead(after)
    piece = text[start : match.start()].strip()
    only_initials = _ONLY_INITIALS.fullmatch(piece) is not None
    if only_initials and _family_label(after):
        return False  # 'K.S. Smith: Conceptualization': an entry's label, initials first
    # 'J.D. Conceptualization, Methodology, K.S. …': initials then roles, person first with no
    # separator, are no role-first entry the next label would end
    person_first = only_initials or _initials_then_roles(piece, frozenset()) is not None
    comma_label = _comma_label(after) and not person_first
    ahead = _AHEAD.match(after) or _done(after) or comma_label
    return not _ENDS_IN_INITIALS.search(before) or bool(ahead)


# MDPI's 'Role, initials' entries with a full stop between them, not a semicolon
# ('Conceptualization, Y.-J.P. Formal analysis, Q.H. Funding acquisition, Y.-J.P. …', 2018)
_COMMA_LABEL = re.compile(r"[^\W\d_][^;:.()]{0,80}")


def _comma_label(after: str) -> bool:
    """Whether the text after initials opens a role's label and a comma before initials
    ('Formal analysis, Q.H.', 'Writing, original draft preparation, D.D.'): the next entry."""
    parts = after.split(",", 3)
    for cut in (1, 2):
        if len(parts) <= cut or not parts[cut].split():
            return False
        label, first = ",".join(parts[:cut]), parts[cut].split()[0]
        if not _COMMA_LABEL.fullmatch(label):
            return False
        if names_a_role_in(label) and initials_groups(first.rstrip(",;.")) is not None:
            return True
    return False


# a role that opens a passive sentence: 'Supervision was provided by W.Z.'
_ROLE_DONE = re.compile(r"^([^\W\d_a-z][^\W\d_]+(?:\s+[^\W\d_]+){0,3}?)\s+(?:was|were)\s")


def _done(after: str) -> bool:
    """Whether the text after initials opens a sentence of a role done by someone ('…
    performed by J.D. Supervision was provided by W.Z.'), not a name ('J.D. Smith was …')."""
    role = _ROLE_DONE.match(after)
    return role is not None and names_a_role_in(role[1])


def _family_label(after: str) -> bool:
    """Whether the text opens with a label of a name's words alone ('Smith: …', 'Le Roux – …')
    that names no role: the rest of a label whose initials came before the full stop."""
    label = _FAMILY_LABEL.match(after)
    if label is None:
        return False
    # names after the separator make it a role's label: 'Study design: K.S.; A.J. Statistics: W.Z.'
    ahead = after[label.end() :].split(maxsplit=1)
    return (
        not _EVERYONE_AHEAD.match(after)
        and not re.match(_OPENER_WORDS, after)
        and not names_a_role_in(label[1])
        and not (ahead and initials_groups(ahead[0].rstrip(",;.")) is not None)
    )


def _entry_ahead(after: str) -> bool:
    """Whether the text after a full stop glued to it opens an entry: a label ('Software: …'),
    initials ('A.P: Methodology', 'AA contributed …') or a name going on in small letters ('PM
    Soares and R. Trigo contributed …'); not an abbreviation's next word ('Dept.Of Surgery',
    'incl.Figures and Tables', 'approx.Half of')."""
    if _AHEAD.match(after) or _role_ahead(after):
        return True
    words = after.split()
    if words and initials_groups(words[0].rstrip(":,")) is not None:
        return True
    lead = list(takewhile(lambda word: not word[:1].islower(), words))
    return 0 < len(lead) < len(words) and looks_like_name(" ".join(lead))


def _role_ahead(after: str) -> bool:
    """Whether the text goes on with a role's label ('Supervision: …') or 'All authors …'."""
    label = _LABEL_AHEAD.match(after)
    return bool(_EVERYONE_AHEAD.match(after)) or (label is not None and names_a_role_in(label[1]))


def _ends_in_title(before: str) -> bool:
    """A title's full stop ('Prof.', 'Dr.') ends no sentence; a capital word only ('the UK.'
    and 'for us.' end one, though 'uk' and 'us' are in the list of titles too).

    The list of titles holds trades as well ('software', as in 'Software Engineer'), and
    family names are titles too ('King'): a word that names a role ('JD: Software. JS: …') or
    follows a given name ('Anna King. Writing …') ends its sentence, since a title opens a name.
    """
    last = _LAST_WORD.search(before)
    word = last.group(1) if last else ""
    if not (word[:1].isupper() and word[1:].islower() and is_title(word)):
        return False
    ahead = _LAST_WORD.search(before[: last.start(1)].rstrip()) if last else None
    after_a_name = ahead is not None and ahead.group(1)[:1].isupper() and not is_title(ahead[1])
    return not after_a_name and not label_role(word)[0]


def split_label(text: str, families: frozenset[str] = frozenset()) -> Split | None:
    """Take a sentence apart at its label; None when it has none (prose, or a list going on).

    Role first where the text after a separator (the last such) is nothing but names; person
    first where the text before one (the first such) is; else role first with a comma. A word
    of `families` (the byline's family names, folded) counts as a name there.
    """
    marks = list(_SEPARATOR.finditer(text))
    at = partial(_at, text, families=families)
    role_first = [split for mark in reversed(marks) if (split := at(mark, True))]
    commas = [split for mark in re.finditer(",", text) if (split := at(mark, True))]
    glued = [mark for mark in _GLUED.finditer(text) if _after_family(text, mark, families)]
    person_first = [
        split
        for mark in sorted([*marks, *glued], key=lambda found: found.start())
        if (split := at(mark, False)) and not _words_before_names(split, role_first, families)
    ]
    # a label that names a role first: 'Writing – Original Draft, Z.G. and E.M.A.' is not
    # 'Writing' done by 'Original Draft'; or a clause going on after ';' in small letters, which
    # only the comma form prints ('…; access to samples and sequencing data, T.S.J. and T.Y.J.',
    # Cell Press), whatever its label
    going_on = text[:1].islower()
    named = [
        split
        for split in [*role_first, *commas]
        if names_a_role_in(split.label) or (going_on and split in commas)
    ]
    return (
        next(iter([*named, *person_first, *role_first]), None)
        or _initials_then_roles(text, families)
        or _names_comma_roles(text, families)
        or _roles_then_initials(text)
    )


def _names_comma_roles(text: str, families: frozenset[str]) -> Split | None:
    """Person first with a comma: names, then their roles after the comma before the first
    CRediT term ('Sabine Grüschow, Investigation, Methodology; …', Oxford's NAR; 'Ian Dardani,
    Margaret Dunagin, Investigation; …', eLife's PDFs; '… | Robert A. Moran, …', ASM)."""
    for mark in re.finditer(",", text):
        label, rest = text[: mark.start()].strip(), text[mark.end() :].strip(" .")
        first = re.split(r"[,;]", rest, maxsplit=1)[0].strip()
        if first and try_resolve_role(split_degree(first).label) is not None:
            named = all_names(label, families) and not any(map(try_resolve_role, label.split()))
            return Split(label, rest, role_first=False) if named else None
    return None


def _roles_then_initials(text: str) -> Split | None:
    """Role first with no separator: CRediT terms, then the initials of who did them ('funding
    acquisition and project administration HT; Conceptualization FM, HT', bioRxiv 2019). The
    initials are capitals (dotted or not) joined by commas or 'and', and the words before them
    name a role."""
    words = re.split(r"(\s+)", text.strip(" .;"))
    start = len(words)
    for at in range(len(words) - 1, -1, -2):  # the words, from the last
        word = words[at].strip(",")
        if word.casefold() in {"and", "&"} and start < len(words):
            continue
        if not _CAPITAL_INITIALS.fullmatch(word) or initials_groups(word) is None:
            break
        start = at
    label = "".join(words[:start]).strip(" ,")
    names = "".join(words[start:]).strip()
    if not names or re.search(r"(?:^|\s)(?:and|&)$", label, re.I):
        return None  # 'Conceptualization and HT': no label before the names
    if _SENTENCE_WORDS.search(label) or _OPEN_ENDED.search(label):
        # '… activities were done by L.C. and S.C.': a sentence; 'Formal analysis of NMR and
        # MS', 'Funding acquisition in the UK': capitals that end the phrase, no initials
        return None
    return Split(label, names, role_first=True) if names_a_role_in(label) else None


_SENTENCE_WORDS = re.compile(r"\b(?:by|was|were|is|are|has|have|had|did|done)\b", re.I)
_OPEN_ENDED = re.compile(r"\b(?:of|in|on|at|for|from|with|to|using|via|the|a|an|and|or|&)$", re.I)


# Initials in capitals, dotted or not, hyphenated or not: 'HT', 'F.M.', 'J.-L.W.'
_CAPITAL_INITIALS = re.compile(r"(?:[^\W\d_a-z]\.?[-\u2010\u2011]?){1,5}")


def _words_before_names(split: Split, role_first: list[Split], families: frozenset[str]) -> bool:
    """'Analyse des Données: J.L.F., P.M.', 'Statistical Analysis: W.Z.': capitalised words
    read as a name ('Jean de la Fontaine'), but the byline is known and none of its family
    names is among them, and the names after the label are initials only or byline authors'
    names: the label is the authors' own words for a role, role first."""
    words = split.label.split()
    if len(words) < 2 or not families or any(fold(word) in families for word in words):
        return False
    return any(
        other.label == split.label and all(map(partial(_names_one, families), names_in(other.rest)))
        for other in role_first
    )


def _names_one(families: frozenset[str], name: str) -> bool:
    """Initials ('J.L.F.'), or a name whose last word is a byline family name."""
    words = name.strip(" .").split()
    return initials_groups(name.strip(" .")) is not None or (
        bool(words) and fold(words[-1]) in families
    )


# a capital alone, then a space: the last of initials whose full stop is missing ('G.A.J and')
_INITIAL_WORD = re.compile(r"[^\W\d_a-z](?=\s)")
# Dotted initials, spaced or not: 'M.T.', 'C.-H. J.' (the words after them are looked at whole)
_INITIALS_LEAD = re.compile(r"(?:[^\W\d_]\.[-\u2010\u2011]?\s*)+")


def _initials_then_roles(text: str, families: frozenset[str]) -> Split | None:
    """Person first with no separator: one person's dotted initials, then their roles ('M.T.
    Conceptualization, Visualization', 'C.H.J. Review and editing'): the words right after the
    initials begin with a capital and name a role, as a CRediT term or a phrase, and are no
    byline family name ('M.O. Molina contributed in the conceptualization': a name)."""
    lead = _INITIALS_LEAD.match(text)
    if lead is None or initials_groups(lead.group().strip()) is None:
        return None
    rest = text[lead.end() :].strip(" .")
    if fold(rest.split(" ", 1)[0]) in families:
        return None
    read = roles_from(re.split(r"[,;]", rest)[0])
    if not rest[:1].isupper() or not read or read[0].role is None:
        return None  # 'N. B. and V. P. supervision' (JBC): names, then the role after them
    if _INITIAL_WORD.match(rest):
        return None  # 'G.A.J and E.K.F. wrote …': the initials go on, its last dot missing
    return Split(lead.group().strip(), rest, role_first=False)


def _at(text: str, mark: re.Match[str], role_first: bool, families: frozenset[str]) -> Split | None:
    """The split at one separator, if the side it needs is nothing but names."""
    label, rest = text[: mark.start()].strip(), text[mark.end() :].strip(" .")
    if _inside_term(text, mark):
        return None
    if role_first and ":" in rest:
        return None  # 'J.D.: Conceptualization, K.S.: Software': another entry's label follows
    if label and rest and all_names(rest if role_first else label, families):
        return Split(label, rest, role_first)
    return None


def _after_family(text: str, mark: re.Match[str], families: frozenset[str]) -> bool:
    """A dash glued to a byline family name ends the names: 'Sunaina Sridhar and Rajesh Kumar
    Dhanaraj- Literature Survey, …' (Elsevier MethodsX 2025), or an em dash glued on both sides,
    'Jane Doe—Data curation, …' (Springer's Adis 2026); glued to anything else ('Hans-
    Henning', a PDF's line break, 'writing—original draft') it is part of a word."""
    word = re.search(r"[^\W\d_]+$", text[: mark.start()])
    if mark.group() == "\u2014" and initials_groups(text[: mark.start()].strip()) is not None:
        return True  # 'A.C.R.—Pathways construction, …': initials alone before an em dash
    return word is not None and fold(word.group()) in families


def _inside_term(text: str, mark: re.Match[str]) -> bool:
    """A dash inside a CRediT term separates nothing: 'Jane Doe – Methodology, Writing – Original
    Draft.' (Elsevier MethodsX 2025) is not 'Original Draft' writing. The word before the dash
    names no role alone, and with the words after it (to the next comma) it names one."""
    if mark.group() in {":", ","}:
        return False  # ('Resource, S.J.L.' is no term 'Resource - S')
    before = re.search(r"[^\W\d_]+$", text[: mark.start()])
    after = re.match(r"[^,;:.()]+", text[mark.end() :])
    if before is None or after is None or try_resolve_role(before.group()) is not None:
        return False
    return try_resolve_role(f"{before.group()} - {after.group().strip()}") is not None


def run_together(text: str) -> list[str]:
    """A person-first sentence cut into its entries where the next one follows a comma ('HShM,
    ZAL, VB: Investigation, …, reviewing and editing, NOY, MMK, WS, IHK: Investigation, …',
    Springer Nature 2021): before the names that end at a colon; a role-first one likewise
    (_role_first_run). Else the sentence whole."""
    split = split_label(text.strip(" .;"))
    if split is None or split.role_first:
        run = _comma_role_run(text.strip(" .;")) or _role_first_run(text.strip(" .;"))
        return run or [text]
    pieces, start = [], 0
    marks = sorted(
        [*_SEPARATOR.finditer(text), *_dashes_after_initials(text)], key=lambda mark: mark.start()
    )
    for mark in marks:
        if mark.start() <= len(split.label):
            continue
        items = text[start : mark.start()].split(",")
        names = [i for i in range(1, len(items)) if all_names(",".join(items[i:]))]
        if names and _PARTED.search(text[start : mark.start()]):
            cut = start + len(",".join(items[: names[0]]))
            pieces.append(text[start:cut])
            start = cut + 1
    return [piece.strip() for piece in [*pieces, text[start:]]]


# an entry's label parted from its roles: a colon, or an em dash glued after initials ('J.D.—')
_PARTED = re.compile(rf":|{_DASH_AFTER_A_STOP}")


def _dashes_after_initials(text: str) -> list[re.Match[str]]:
    """The em dashes glued after initials ('J.D.—conceptualization, K.S.—software'): each
    ends one entry's names."""
    return [
        mark
        for mark in re.finditer(_DASH_AFTER_A_STOP, text)
        if (token := re.search(r"[^\s,;]+$", text[: mark.start()])) is not None
        and initials_groups(token.group()) is not None
    ]


def _comma_role_run(text: str) -> list[str] | None:
    """A role-first sentence in MDPI's comma form whose entries are joined by commas, or whose
    separators are missing, cut into one 'label: names' entry each: 'Conceptualization and
    Original Draft Preparation, R.D. and D.H., Software, Z.L., Review & Editing, D.H. and P.Y.',
    'investigation, I.M. and S.P. resources, I.M. data curation, A.T.' (2018-2019), 'Visualization
    K.P.S.', 'Writing—Original Draft Preparation—M.M.'. Every comma-parted item must be a label
    naming a role, names, or names and a label (or a label and names) side by side; None unless
    the sentence holds two entries or one with no separator, and none names nobody."""
    if ":" in text:
        return None  # the colon form: _role_first_run's
    groups: list[tuple[list[str], list[str]]] = []
    joined = False  # a label and its names with no separator
    for item in (part.strip() for part in text.split(",")):
        items = _comma_items(item)
        if not items:
            return None  # neither a label nor names: no such list
        for kind, words in items:
            if kind == "label":
                if not groups or groups[-1][1]:
                    groups.append(([], []))
                groups[-1][0].append(words)
            elif not groups:
                return None  # names before any label: person first
            else:
                groups[-1][1].append(words)
        joined |= len(items) == 2 and items[0][0] == "label"
    if not groups or any(not names for _labels, names in groups):
        return None
    if len(groups) < 2 and not joined:
        return None
    return [f"{', '.join(labels)}: {', '.join(names)}" for labels, names in groups]


# initials, then a role's words ('S.P. resources', 'H.L.R. methodology'), or the other way round
# with a space or an em dash between ('Visualization K.P.S.', 'Preparation—M.M.')
_NAMES_THEN_LABEL = re.compile(r"^(?P<names>.*[^\W\d_]\.)\s+(?P<label>[^\W\d_][^.]*)$")
_LABEL_THEN_NAMES = re.compile(
    r"^(?P<label>[^.]*?[^\W\d_])(?:\s+|\s*\u2014\s*)(?P<names>(?:and\s+)?(?:[^\W\d_]{1,3}[.\-\u2010]+)+.*)$"
)


_VERB = re.compile(r"\b(?:was|were|by|is|are)\b", re.I)


def _comma_items(item: str) -> list[tuple[str, str]]:
    """What one comma-parted item of a role-first run is: [('label', …)], [('names', …)],
    two of them side by side, or [] (neither: the run is no such list)."""
    bare = re.sub(r"^and\s+", "", item)
    if not bare:
        return []
    # a role's words before initials first: 'Visualization K.P.S.' reads as a name too
    sides = ((_LABEL_THEN_NAMES, ("label", "names")), (_NAMES_THEN_LABEL, ("names", "label")))
    for pattern, order in sides:
        match = pattern.match(bare)
        if match and _VERB.search(match["label"]):
            continue  # 'Formal analysis and writing were done by R.D.': a passive sentence
        if match and names_a_role_in(match["label"]) and all_names(match["names"]):
            first, second = order
            return [(first, match[first]), (second, match[second])]
    if all_names(bare):
        return [("names", bare)]
    if names_a_role_in(bare) and not re.search(r"[^\W\d_]\.\S*\s", bare + " "):
        return [("label", item)]
    return []


def _role_first_run(text: str) -> list[str] | None:
    """A role-first sentence cut into its entries where the next label follows a comma
    ('Conceptualization: ABK, NN, Formal analysis: OY, NN, Writing – original draft: ABK, OY',
    Scientific Reports 2025): at each later colon, the words before it in a label's form are
    the next label and all those before them names (cut at the last comma after a name). None
    unless every entry is a label, a colon and names only, and one label at least names a role:
    a list of other labels only is left whole, as before."""
    marks = list(re.finditer(":", text))
    if len(marks) < 2 or not _next_label(text[: marks[0].start()]):
        return None
    labels = [text[: marks[0].start()]]
    pieces, start = [], 0
    for previous, mark in pairwise(marks):
        items = text[previous.end() : mark.start()].split(",")
        cut = next(
            (
                i
                for i in reversed(range(1, len(items)))
                if all_names(",".join(items[:i])) and _next_label(",".join(items[i:]))
            ),
            None,
        )
        if cut is None:
            return None
        end = previous.end() + len(",".join(items[:cut]))
        labels.append(",".join(items[cut:]))
        pieces.append(text[start:end].strip())
        start = end + 1
    if not all_names(text[marks[-1].end() :].strip(" .")) or not any(map(names_a_role_in, labels)):
        return None
    return [*pieces, text[start:].strip()]


# A label of the authors' own words after a role-first entry's names ('…, Data: NN', 'Acquisition,
# analysis, or interpretation of data: NN'): a capital, then words, up to eight of them
_OWN_LABEL = re.compile(r"^[^\W\d_a-z][^\W\d_]*(?:[\s,&/\-\u2013\u2014]+[^\W\d_]+){0,7}$")


def _next_label(text: str) -> bool:
    """Whether the words before a later colon of a role-first run are its next label: a CRediT
    term, or words of the authors' own in a label's form (kept as written, as in an entry of
    their own); before, the whole run went to the last person."""
    label = text.strip()
    return names_a_role_in(label) or _OWN_LABEL.match(label) is not None


def names_a_role_in(label: str) -> bool:
    """Whether any of a label's parts ('Methodology, Formal analysis', 'A and B') names a role."""
    parts = [part for part in re.split(r",\s*(?:and\s+)?", label) if part.strip()]
    return any(names_a_role(piece) for part in parts for piece in and_split(part))


def repeated_initials(segments: list[str]) -> set[str]:
    """Initials that one list prints twice ('A.D., …, A.D.'): two people share them."""
    repeated: set[str] = set()
    for segment in segments:
        split = split_label(segment.strip(" .;"))
        side = segment if split is None else (split.rest if split.role_first else split.label)
        counts = Counter(name.strip(" .") for name in names_in(side))
        repeated |= {name for name, n in counts.items() if n > 1 and initials_groups(name)}
    return repeated


_PERSON_ROLES = re.compile(r"\s*(?:[,;]\s*)?(?:and\s+)?(?P<name>[^(),;]+?)\s*\((?P<roles>[^()]+)\)")


def _parenthesised(text: str) -> list[tuple[str, str]] | None:
    """The sentence as (words, what follows them in parentheses) pairs; None where it is not
    wholly in that form."""
    pairs, end = [], 0
    for match in _PERSON_ROLES.finditer(text):
        if match.start() != end:
            return None
        pairs.append((match["name"].strip(), match["roles"]))
        end = match.end()
    return pairs if pairs and not text[end:].strip(" .;,") else None


def person_roles(text: str) -> list[tuple[str, str]] | None:
    """Read 'Jane Doe (Conceptualization [lead], Writing – original draft), John Roe (…)' into
    (name, roles) pairs; None where the sentence is not wholly in that form."""
    pairs = _parenthesised(text)
    if pairs is None:
        return None
    for name, roles in pairs:
        read = roles_from(roles)
        if not looks_like_name(name) or not any(is_credit_term(r) for r in read):
            return None
    return pairs


def role_names(text: str, families: frozenset[str] = frozenset()) -> list[tuple[str, str]] | None:
    """Read 'Conceptualization (J.D., J.S.), Methodology (J.D.)' into (label, names) pairs: the
    role-first form with the names in parentheses; None where the sentence is not wholly in it."""
    pairs = _parenthesised(text)
    if pairs is None or not all(
        names_a_role_in(label) and all_names(names, families) for label, names in pairs
    ):
        return None
    return pairs
