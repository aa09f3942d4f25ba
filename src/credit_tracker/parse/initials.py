"""Initials as contribution statements print them, resolved against the byline; pure.

Every form seen in real statements is read into groups of letters, one per name word: 'GJP',
'T.B.D.', 'Z. G.', 'S.J' (a dot missing), hyphenated ones ('BPD-J', 'Y.-S.S.', 'A.J-M.',
'D.-H. W.'), accented ones ('F.Ú.', 'J.Š.Ž.', 'ÉMR'), a particle's small letter ('EvA' for
Eelco van Anken, 'M.d.N.N.', 'JvdB' for Jan van der Berg, 'D.d.S.B.B.' for a name word printed in
small letters though no listed particle, 'do'), extra letters that tell two authors
apart ('STa' / 'STe' for S. Tangkawattana and S. Tesana, 'ChL', 'YZha' / 'YZho' for Yangqiang
Zhao and Yangyang Zhou) and a family name written out ('A.Lin' / 'A.Lüthi', 'M.Wu' / 'M.Wawer').

The groups are matched to the byline's name words (given names, particle and family name, split
at spaces, hyphens, full stops and underscores: 'James D.R.' is three words, a production
database's 'Abd_Allah' two), by prefix, accents and case
aside, in three steps, the first that finds anyone deciding:
1. every word, in order (particles may be left out): 'GJP', 'K.J.E.', 'GSL' for Gustavo Silveira
   da Luz;
2. the first and the last word, middle names skipped: 'CR' for Chinmay P. Rele, 'HK' for
   Hans-Henning Kunz, 'MM' for Marylee J van der Meulen;
3. the first word and later ones, the family name skipped: 'M.L.' for Maria Louise Elkjær;
4. a one-word Chinese given name by its pinyin syllables, then every other word: 'QHM' for
   Qinghao Mei (PLOS prints such initials).
An elided prefix may be a word of its own: 'VDE' for Valentina D'Ercole, 'AOG' for Aoife O'Grady.
A word suffix may be the last initial ('W.A.V.J.' for Waldiceu A. Verri Jr.), and a small letter
alone after a hyphen is a syllable's, not a particle's ('Y.-q.H.' for Yuqing He).
Where initials with a hyphen ('S.-K.M.') fit several authors at the deciding step and only one
of them has a hyphenated name (Seung-Ki Min, not Sanjit Kumar Mondal), they are that author's.
Initials that fit several authors at the deciding step, or that one list prints twice (two people
with the same initials, as 'A.D., …, A.D.' in a statement naming Alessandro Daducci and Anders
Bjorholm Dahl), name nobody for certain: they are reported, never assigned.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from credit_tracker.domain.models import SourceAuthor
from credit_tracker.domain.names import PARTICLES, fold
from credit_tracker.parse.pinyin import is_syllable, syllable_initials

FULL_NAME = re.compile(r"^(?P<token>.+?)\s*\((?P<full>[^()]+)\)$")
"""Initials with the full name beside them: 'Y.Z. (Yan Zhao)' (MDPI)."""
_PIECES = re.compile(r"[^\W\d_]+|[.\-\u2010\u2011\s]+")
# a full stop ends a word too: a given name printed 'James D.R.' is three words, as 'James D. R.'
_SPLIT_WORDS = re.compile(r"[\s._\-\u2010\u2011]+")
# Given initials, then the family name's first letters: 'YZha' and 'YZho' for Yangqiang Zhao and
# Yangyang Zhou (Frontiers 2020), where counting capitals against small letters says "a word".
# A small letter alone after a hyphen is a given name's second part, not a particle: 'Y.-q.H.'
# for Yuqing He (Yu-qing) and 'J.-l.W.' for Jian-li Wu, as MDPI prints Chinese names.
_SMALL_AFTER_HYPHEN = re.compile(r"(?<=[-\u2010\u2011])[^\W\d_](?![^\W\d_])")
_FAMILY_START = re.compile(r"[^\W\d_a-z]{2,3}[a-z]{2,3}")
# Capitals with the small letters of particles between them: 'JvdB' for Jan van der Berg,
# 'MdlC' for María de la Cruz (two capitals at least: 'Li' is a name).
_PARTICLE_LETTERS = re.compile(r"[^\W\d_a-z][vdlt]{0,3}(?:[^\W\d_a-z][vdlt]{0,3})+")


@dataclass(frozen=True)
class Resolved:
    """Whom printed initials name: one author, or the authors they may be (none, or several)."""

    author: SourceAuthor | None
    candidates: list[SourceAuthor] = field(default_factory=list)

    def why(self, token: str) -> str:
        """The reason the initials name nobody, in words."""
        if not self.candidates:
            return f"initials {token!r} fit no author"
        names = ", ".join(author.raw for author in self.candidates)
        return f"initials {token!r} fit more than one author ({names})"


def initials_groups(token: str) -> list[list[str]] | None:
    """The ways a token reads as initials, each a list of groups ('STa' → [S, Ta] or [S, T, a];
    'A.Lüthi' → [A, Lüthi]); None when the token is no initials ('Jane', 'Sean M. Sultaire')."""
    text = _SMALL_AFTER_HYPHEN.sub(lambda match: match.group().upper(), token.strip().rstrip("."))
    pieces = _PIECES.findall(text)
    if not text or "".join(pieces) != text:
        return None
    dotted = "." in text
    if not dotted and re.search(r"\s", text):
        return None  # words without dots are a name ('Yi He'), not initials
    if (
        not dotted
        and sum(ch.isupper() for ch in text) <= sum(ch.islower() for ch in text)
        and not _FAMILY_START.fullmatch(text)
        and not _PARTICLE_LETTERS.fullmatch(text)
    ):
        return None  # 'Xixi', 'Jane': more small letters than capitals is a word
    words = [piece for piece in pieces if piece[0].isalpha()]
    groups = [group for word in words for group in _groups(word)]
    if not groups or not _initials_or_written_out(groups, dotted):
        return None
    apart = [letter for group in groups for letter in (group if len(group) <= 3 else [group])]
    readings = [groups] if apart == groups else [groups, apart]
    whole = _written_out(words, dotted)
    return readings if whole is None or whole in readings else [*readings, whole]


def _initials_or_written_out(groups: list[str], dotted: bool) -> bool:
    """Whether the groups read as initials: none a word in small letters, none longer than three
    letters but a family name written out after dotted ones ('A.Lin', 'A.Lüthi')."""
    for index, group in enumerate(groups):
        written_out = dotted and index == len(groups) - 1 and index > 0
        if (group[0].islower() and len(group) > 1) or (len(group) > 3 and not written_out):
            return False
    return True


def _written_out(words: list[str], dotted: bool) -> list[str] | None:
    """A family name written out after dotted initials, as one group with its capitals inside it
    ('A.L. McKenzie' for Amy L. McKenzie; cut at its capitals, it also reads 'P. DeSouza' for
    Paul De Souza); None where the token has no such name."""
    last = words[-1]
    if not dotted or len(words) < 2 or sum(ch.islower() for ch in last) < 2:
        return None
    given = [group for word in words[:-1] for group in _groups(word)]
    if not _initials_or_written_out([*given, last], dotted):
        return None
    return [*given, last]


def _groups(run: str) -> list[str]:
    """A run of letters cut before each capital: 'ChL' → Ch, L; 'EvA' → Ev, A."""
    groups: list[str] = []
    for letter in run:
        if letter.isupper() or not groups:
            groups.append(letter)
        else:
            groups[-1] += letter
    return groups


Words = list[tuple[str, bool]]


def name_words(author: SourceAuthor) -> list[Words]:
    """The author's name words, folded, each with whether it is a particle; a second list
    without a leading initial, which statements leave out ('EEB' for A. Elif Erson-Bensan)."""
    if author.name is None:
        return []
    name = author.name
    text = " ".join(part for part in (name.given, name.particle, name.family) if part)
    words = [word for word in _SPLIT_WORDS.split(text) if word]
    folded = _words_of(text)
    lead = 0
    while lead < len(folded) - 2 and len(folded[lead][0]) == 1:
        lead += 1
    readings = [folded, folded[lead:]] if lead else [folded]
    # an elided prefix is an initial of its own to some ('VDE' for Valentina D'Ercole, 'AOG' for
    # Aoife O'Grady) and to others none ('S.D.' for Sara D'Amato): both readings are tried
    last = len(words) - 1
    elided = [
        _word(piece) for n, word in enumerate(words) for piece in _elided_pieces(word, n < last)
    ]
    if len(elided) > len(folded):
        readings.append(elided)
    return readings


def suffix_readings(author: SourceAuthor) -> list[Words]:
    """The author's name words with their suffix's initial last: some print it ('W.A.V.J.' for
    Waldiceu A. Verri Jr.), most do not, so these are tried only where nobody else fits."""
    suffix = None if author.name is None else _suffix_word(author.name.suffix)
    return [[*reading, suffix] for reading in name_words(author)] if suffix else []


def _suffix_word(suffix: str) -> tuple[str, bool] | None:
    """A generational suffix that is a word ('Jr.', 'Filho'), as a name word; None for none or a
    numeral ('III'), which no statement prints as an initial."""
    folded = fold(suffix)
    return (folded, False) if folded and not _NUMERAL.fullmatch(folded) else None


_NUMERAL = re.compile(r"[ivx]+")


def _words_of(text: str) -> Words:
    """A name's words, each folded with whether it is a particle."""
    return [_word(word) for word in _SPLIT_WORDS.split(text) if word]


def _word(word: str) -> tuple[str, bool]:
    """A name word folded, with whether it is a particle: listed, or printed in small letters
    inside a name (the 'do' of Davi do Socorro Barros Brasil, whom MDPI prints 'D.d.S.B.B.';
    'Do' is also a family name)."""
    return fold(word), word.casefold() in PARTICLES or word[:1].islower()


def _elided_pieces(word: str, given: bool = True) -> tuple[str, ...]:
    """'D'Ercole' → D, Ercole; 'O’Grady' → O, Grady; 'McElroy' → Mc, Elroy ('HME' for Hoyt
    McElroy, G3 2024); initials in capitals among the given names (`given`), each apart ('YW' →
    Y, W: 'SYWH' for Simon YW Ho, BMC 2014); any other word whole."""
    match = _ELIDED.fullmatch(word) or _MC.fullmatch(word)
    if match is not None:
        return match.groups()
    return tuple(word) if given and _CAPITALS.fullmatch(word) else (word,)


_ELIDED = re.compile(r"([^\W\d_]{1,4})['\u2019\u02bc]([^\W\d_]+)")
_MC = re.compile(r"(Ma?c)([A-Z][^\W\d_]+)")
_CAPITALS = re.compile(r"[A-Z]{2,3}")


def resolve(token: str, byline: list[SourceAuthor], repeated: bool = False) -> Resolved:
    """Return whom initials name. `repeated`: one list prints them twice, so they name two
    people; every author they fit at any step is a candidate, and none is assigned, unless
    they fit one author only ('…, S.M., …, F.S., S.M.': the same person printed twice)."""
    readings = initials_groups(token) or []
    for words_of in (name_words, suffix_readings):
        found = _fitting(token, readings, byline, words_of, repeated)
        if found is not None:
            return found
    if repeated:
        return Resolved(None, [])
    # the family name's initial first ('MT' for Tong Ma, 'WN' for Nan Wang: Chinese names as
    # written at home), tried only where the given names first fit nobody, and taken only when
    # it fits one author
    reversed_hits = [
        a
        for a in byline
        if any(_every_word(g, w) for g in readings for w in _words_family_first(a))
    ]
    return Resolved(reversed_hits[0] if len(reversed_hits) == 1 else None, [])


def _fitting(
    token: str,
    readings: list[list[str]],
    byline: list[SourceAuthor],
    words_of: Callable[[SourceAuthor], list[Words]],
    repeated: bool,
) -> Resolved | None:
    """Whom the initials fit at the first step that finds anyone, each author's name read by
    `words_of`; None where no step does."""
    steps = (_every_word, _first_and_last, _first_and_later, _by_syllable)

    def fits(author: SourceAuthor, step: Step) -> bool:
        return any(step(groups, words) for groups in readings for words in words_of(author))

    if repeated:
        candidates = [a for a in byline if any(fits(a, step) for step in steps)]
        if not candidates:
            return None
        return Resolved(candidates[0] if len(candidates) == 1 else None, candidates)
    for step in steps:
        hits = [author for author in byline if fits(author, step)]
        if len(hits) > 1 and _HYPHENATED.search(token):
            # 'S.-K.M.' fits Seung-Ki Min and Sanjit Kumar Mondal letter for letter; its hyphen
            # says the name has one: where only one of them has, it is theirs
            hyphenated = [author for author in hits if _has_hyphen(author)]
            hits = hyphenated if len(hyphenated) == 1 else hits
        if hits:
            return Resolved(hits[0] if len(hits) == 1 else None, hits)
    return None


def _words_family_first(author: SourceAuthor) -> list[Words]:
    """The author's name words with the family name first."""
    name = author.name
    if name is None or not name.given:
        return []
    return [_words_of(name.family_full) + _words_of(name.given)]


_HYPHENATED = re.compile(r"[^\W\d_]\.?[-\u2010\u2011][^\W\d_]")


def _has_hyphen(author: SourceAuthor) -> bool:
    name = author.name
    return name is not None and bool(re.search(r"[-\u2010\u2011]", f"{name.given} {name.family}"))


Step = Callable[[list[str], Words], bool]


def _fits(group: str, word: tuple[str, bool]) -> bool:
    text, particle = word
    key = fold(group)
    if group.islower() and len(group) == 1:
        return particle and text.startswith(key)
    return bool(key) and text.startswith(key)


def _every_word(groups: list[str], words: Words) -> bool:
    """Each group one word, in order; a particle may be left out, no other word."""
    if not groups:
        return not any(not particle for _, particle in words)
    if not words:
        return False
    if _fits(groups[0], words[0]) and _every_word(groups[1:], words[1:]):
        return True
    return words[0][1] and _every_word(groups, words[1:])


def _first_and_last(groups: list[str], words: Words) -> bool:
    if len(groups) < 2 or len(words) < 2:
        return False
    ends = _fits(groups[0], words[0]) and _fits(groups[-1], words[-1])
    return ends and _in_order(groups[1:-1], words[1:-1])


def _first_and_later(groups: list[str], words: Words) -> bool:
    if len(groups) < 2 or len(words) < 2:
        return False
    return _fits(groups[0], words[0]) and _in_order(groups[1:], words[1:])


def _by_syllable(groups: list[str], words: Words) -> bool:
    """A one-word Chinese given name printed with an initial per syllable, then every other word:
    'QHM' for Qinghao Mei, 'WLC' for Wenlan Chu."""
    if len(groups) < 3 or len(words) < 2 or any(len(group) > 1 for group in groups):
        return False
    if not is_syllable(words[-1][0]):
        return False  # 'PTS' is no syllable reading of Peter Smith: only Chinese names cut so
    return any(
        _every_word(groups, [(letter, False) for letter in cut] + words[1:])
        for cut in syllable_initials(words[0][0])
    )


def _in_order(groups: list[str], words: Words) -> bool:
    """Each group fits a later word than the one before it."""
    rest = iter(words)
    return all(any(_fits(group, word) for word in rest) for group in groups)
