"""Structured personal names and the folding used to recognise one person in many spellings."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from anyascii import anyascii
from pydantic import BaseModel, ConfigDict

# Lower-case words that, before a family name, belong to it (van der Pluijm, de Kroon, Ben Saad).
PARTICLES = frozenset(
    [
        "van",
        "von",
        "der",
        "den",
        "de",
        "del",
        "della",
        "di",
        "da",
        "das",
        "dos",
        "du",
        "la",
        "le",
        "ten",
        "ter",
        "op",
        "bin",
        "ben",
        "al",
        "el",
        "zu",
        "af",
    ]
)
# Particles only where printed in small letters (te Brinke, van 't Hoff, do Carmo): 'Do' is a
# Vietnamese family name, and 'Do' and 'Te' are syllables of Korean and Chinese given names
# ('Do-Hyun', 'Chih-Te').
SMALL_PARTICLES = frozenset(["te", "'t", "’t", "vom", "zum", "zur", "des", "do", "dei", "degli"])


def is_particle(word: str) -> bool:
    """Whether a word before a family name belongs to it: listed, or (SMALL_PARTICLES) listed
    and printed in small letters."""
    return word.casefold() in PARTICLES or word in SMALL_PARTICLES


# Generational suffixes as printed after a family name: JATS <suffix> ('Jr', 'III') and the
# Portuguese ones SciELO files carry in it ('Júnior', 'Filho', 'Neto', 'Sobrinho').
SUFFIXES = frozenset(
    ["jr", "jnr", "junior", "sr", "snr", "senior", "filho", "neto", "sobrinho", "ii", "iii", "iv"]
)
_SPACES = re.compile(r"\s+")
_NOT_WORD = re.compile(r"[^\w\s']")
_HYPHENS = "\u2010\u2011\u2012\u2013-"


class PersonName(BaseModel):
    """A name as given and family parts; the particle is kept apart so it can be checked."""

    model_config = ConfigDict(frozen=True)

    given: str = ""
    family: str
    particle: str = ""
    suffix: str = ""

    @property
    def family_full(self) -> str:
        """Return the family name with its particle: 'van der Pluijm'."""
        return f"{self.particle} {self.family}" if self.particle else self.family

    def display(self) -> str:
        """Return the name in Western order as it would be printed in a byline."""
        return " ".join(filter(None, (self.given, self.family_full, self.suffix)))


def clean(text: str) -> str:
    """Return `text` in NFC with runs of white space (non-breaking ones too) made one space."""
    if text.isascii() and text.isprintable() and "  " not in text:
        return text.strip()  # already NFC, and its only white space is single spaces
    return _SPACES.sub(" ", unicodedata.normalize("NFC", text)).strip()


@lru_cache(maxsize=1 << 16)
def typographic_key(text: str) -> str:
    """Return the form under which two spellings count as the same print.

    NFC against NFD, white space and a full stop after an initial ('Louise D' / 'Louise D.')
    are not differences anyone would file a correction for.
    """
    value = clean(text).replace(".", " ")
    return _SPACES.sub(" ", value).strip()


def strip_diacritics(text: str) -> str:
    """Return `text` with accents removed and letters such as ø, ß, ł, æ spelled in ASCII."""
    return anyascii(unicodedata.normalize("NFC", text))


# Letters with a stroke are accented letters that NFD does not decompose; ß, æ, œ are other letters.
_STROKES = str.maketrans("øØłŁđĐħĦ", "oOlLdDhH")


def strip_accents(text: str) -> str:
    """Return `text` without accents (combining marks and strokes), keeping every other letter."""
    decomposed = unicodedata.normalize("NFD", text).translate(_STROKES)
    return unicodedata.normalize(
        "NFC", "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    )


@lru_cache(maxsize=1 << 16)
def fold(text: str) -> str:
    """Return the matching key: no accents, no case, hyphens as spaces, no full stops."""
    value = strip_diacritics(text).casefold()
    for hyphen in _HYPHENS:
        value = value.replace(hyphen, " ")
    value = _NOT_WORD.sub(" ", value).replace("'", "")
    return _SPACES.sub(" ", value).strip()


def _post_nominals() -> frozenset[str]:
    """Degrees and honours written after a name ('PhD', 'MD', 'MSc', 'FRCP'), folded without
    spaces: nameparser's maintained list, and the British ones it lacks."""
    from nameparser.config import CONSTANTS

    british = {"frcp", "frcs", "mbbs", "mpharm", "bpharm", "mres", "beng", "mbchb", "frcpath"}
    return frozenset(CONSTANTS.suffix_acronyms) | british


_POST_NOMINALS = _post_nominals()


def is_post_nominal(word: str) -> bool:
    """Return True for a degree or honour written after a name ('PhD', 'M.D.', 'FRCP')."""
    return fold(word).replace(" ", "") in _POST_NOMINALS


def is_suffix(word: str) -> bool:
    """Return True for a generational suffix ('Jr.', 'Júnior', 'III'), in any case."""
    return fold(word).replace(" ", "") in SUFFIXES


def without_suffix(name: PersonName) -> tuple[PersonName, str]:
    """Return the name without its generational suffix, and the suffix.

    The suffix is the structured one, else the family name's last word when it is a suffix: a
    tenzing table has no suffix column, so the team writes 'Ramos Júnior' as the family name.
    """
    if name.suffix:
        return name.model_copy(update={"suffix": ""}), name.suffix
    words = name.family.split(" ")
    if len(words) > 1 and is_suffix(words[-1]):
        return name.model_copy(update={"family": " ".join(words[:-1])}), words[-1]
    given = name.given.split(" ")
    if len(words) == 1 and is_suffix(words[0]) and len(given) > 1 and not name.particle:
        # a name printed in one string, split at its last word: 'Ismael Forte Freitas Júnior'
        update = {"given": " ".join(given[:-1]), "family": given[-1]}
        return name.model_copy(update=update), words[0]
    return name, ""


def split_particle(family: str) -> tuple[str, str]:
    """Split 'van der Pluijm' into ('van der', 'Pluijm'); a lone word is never a particle."""
    words = clean(family).split(" ")
    lead = 0
    while lead < len(words) - 1 and is_particle(words[lead]):
        lead += 1
    return " ".join(words[:lead]), " ".join(words[lead:])


def _titles() -> frozenset[str]:
    """Honorifics and ranks ('dr', 'prof', 'sir'), lower case without their full stop, from
    nameparser's maintained list."""
    from nameparser.config import CONSTANTS

    # 'Drs Lu and X. Wang had full access …' (JAMA Network): the plural, which the list lacks
    return frozenset(title.lower().rstrip(".") for title in CONSTANTS.titles) | {"drs"}


_TITLES = _titles()


def is_title(word: str) -> bool:
    """Return True for an honorific or rank, with or without its full stop ('Dr', 'Prof.')."""
    return word.lower().rstrip(".") in _TITLES


def without_title(text: str) -> str:
    """Return `text` without the titles it starts with: 'Prof. Nisreen A Alwan' → 'Nisreen A
    Alwan', 'Dr Jane Illés' → 'Jane Illés'.

    A title is taken off only where a given and a family name remain (a 'Dean Smith' keeps his
    given name). nameparser's whole parse is not used: on the 648 names of the recorded
    Crossref works written 'Given Family' it read 633 right, the rule below 639 (it takes
    'Júnior' in the middle of a Portuguese name for a suffix, 'Ben' in 'Helmi Ben Saad' for a
    given name); its list of titles is what a hand-written rule would lack.
    """
    words = clean(text).split(" ")
    start = 0
    while len(words) - start > 2 and is_title(words[start]) and not _initials(words, start):
        start += 1
    return " ".join(words[start:])


def _initials(words: list[str], start: int) -> bool:
    """A word in capitals before a particle in small letters is initials: 'HR de Jonge' ('Hr'
    is German for Mr); 'DR Jane Doe' and 'DR JANE DOE' keep their title."""
    return words[start].isupper() and words[start + 1][:1].islower()


def parse_display_name(text: str) -> PersonName:
    """Return a structured guess for a name printed or typed in one string ('Jane P. Illés',
    'Illés, Jane P.', 'Dr Jane Illés').

    Titles are taken off (`without_title`); with a comma, the family name comes first;
    otherwise it is the last word with any particles before it. Used only where a source
    prints names unstructured (statements), never to overrule a structured source.
    """
    text = without_title(text)
    if "," in text:
        family_part, _, given = text.partition(",")
        particle, family = split_particle(family_part)
        return PersonName(given=clean(given), family=family, particle=particle)
    words = clean(text).split(" ")
    if len(words) == 1:
        return PersonName(family=words[0])
    start = len(words) - 1
    while start > 1 and is_particle(words[start - 1]):
        start -= 1
    particle, family = split_particle(" ".join(words[start:]))
    return PersonName(given=" ".join(words[:start]), family=family, particle=particle)


def given_tokens(given: str) -> list[str]:
    """Return folded given-name tokens, initials split: 'L-M' → ['l', 'm'], 'J.P.' → ['j', 'p']."""
    spaced = re.sub(r"\.(?=\S)", ". ", clean(given))
    return fold(spaced).split()


def is_initial(token: str) -> bool:
    """Return True for a one-letter token."""
    return len(token) == 1


def given_compatible(first: str, second: str) -> bool:
    """Return True when two given names can belong to one person.

    'Jane' fits 'J.', 'Jane P.' and 'J. P.'; 'Jane' does not fit 'John'. One side may carry
    extra middle names or initials.
    """
    left, right = given_tokens(first), given_tokens(second)
    if not left or not right:
        return True
    if not _token_fits(left[0], right[0]):
        return False
    rest_left, rest_right = left[1:], right[1:]
    shorter, longer = sorted((rest_left, rest_right), key=len)
    position = 0
    for token in shorter:
        while position < len(longer) and not _token_fits(token, longer[position]):
            position += 1
        if position == len(longer):
            return False
        position += 1
    return True


def _token_fits(first: str, second: str) -> bool:
    if is_initial(first) or is_initial(second):
        return first[0] == second[0]
    return first == second


def initials_of(given: str) -> str:
    """Return the initials of a given name: 'Jean-François' → 'JF'."""
    return "".join(token[0] for token in given_tokens(given)).upper()
