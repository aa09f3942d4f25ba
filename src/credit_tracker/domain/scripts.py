"""Letters of another script in a name: look-alikes named by script and code point. Pure.

"Hаllmаnn" with two Cyrillic а (U+0430) reads exactly as "Hallmann" on screen, in a report and
in a correction request, yet it is another name to every search engine and index. A finding or a
draft that only quoted both names would say "'Hallmann' printed as 'Hаllmаnn'", which reads as
no difference at all. `script_note` names what differs: the letters of a script the team's
spelling does not use, with their code points and places, and says when they are look-alikes
(the name reads the same once they are read as the letters they imitate).
"""

from __future__ import annotations

import unicodedata
from collections import defaultdict

# The Cyrillic and Greek letters most often taken for Latin ones (a subset of Unicode's
# confusables, https://www.unicode.org/Public/security/latest/confusables.txt): enough to say
# "looks the same"; any letter of another script is named whether it is listed here or not.
_LOOKS_LATIN = str.maketrans(
    "аеорсухіјѕһԁӏԛԝАВЕКМНОРСТХІЈЅΑΒΕΖΗΙΚΜΝΟΡΤΥΧοινρ",
    "aeopcyxijshdlqwABEKMHOPCTXIJSABEZHIKMNOPTYXoivp",
)


def script_of(char: str) -> str | None:
    """The script of a letter as Unicode names it ('LATIN', 'CYRILLIC', 'GREEK'); None for
    anything that is not a letter (spaces, full stops, hyphens, marks)."""
    if not unicodedata.category(char).startswith("L"):
        return None
    name = unicodedata.name(char, "")
    return name.split(" ", 1)[0] if name else None


def scripts_of(text: str) -> str:
    """The scripts of the letters of `text`, for a sentence: 'Latin', 'Cyrillic/Latin'."""
    return "/".join(sorted({s.title() for s in map(script_of, text) if s}))


def script_note(expected: str, printed: str) -> str:
    """'' when every letter of `printed` is of a script `expected` uses; else a sentence naming
    the other script's letters by code point and place (1-based), saying when the printed name
    reads the same as `expected` with them (look-alikes)."""
    scripts = {s for s in map(script_of, expected) if s}
    if not scripts:
        return ""
    places: dict[str, list[int]] = defaultdict(list)
    for n, char in enumerate(printed, start=1):
        script = script_of(char)
        if script and script not in scripts:
            places[char].append(n)
    if not places:
        return ""
    theirs = sorted({script_of(char) or "" for char in places})
    count = sum(len(at) for at in places.values())
    listed = "; ".join(
        f"U+{ord(char):04X} {unicodedata.name(char, '?')} at {_places(at)}"
        for char, at in places.items()
    )
    mine = scripts_of(expected)
    what = f"{count} {'/'.join(s.title() for s in theirs)} letter(s) in a {mine} name"
    alike = unicodedata.normalize("NFC", printed.translate(_LOOKS_LATIN)) == unicodedata.normalize(
        "NFC", expected
    )
    return f"{what}{', look-alikes of the same letters' if alike else ''}: {listed}"


def _places(at: list[int]) -> str:
    numbers = [str(n) for n in at]
    joined = numbers[0] if len(numbers) == 1 else f"{', '.join(numbers[:-1])} and {numbers[-1]}"
    return f"character{'s' if len(numbers) > 1 else ''} {joined}"
