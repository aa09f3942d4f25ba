"""Chinese given names written as one word, cut into their pinyin syllables; pure.

Statements often print one initial per syllable ('QHM' for Qinghao Mei, 'WLC' for Wenlan
Chu), so a one-word given name can stand for two or three initials. A word is cut only where
every piece is a pinyin syllable that opens with a consonant (after the first). Many names of
other languages cut so too ('Maria' as ma-ria, 'Peter' as pe-ter; 'Anders' does not), so the
cut is used only for a name whose family name is one pinyin syllable itself (Mei, Chu, Wang).
"""

from __future__ import annotations

import re
from functools import cache

_INITIAL = r"(?:zh|ch|sh|[bpmfdtnlgkhjqxrzcsyw])"
_FINAL = (
    r"(?:iang|iong|uang|ang|eng|ing|ong|ian|iao|uai|uan|ai|ei|ao|ou|an|en|in|un|er"
    r"|ia|ie|iu|ua|uo|ui|ue|a|o|e|i|u|v)"
)
_SYLLABLE = re.compile(f"{_INITIAL}?{_FINAL}")
_OPENED = re.compile(f"{_INITIAL}{_FINAL}")


def syllable_initials(word: str) -> frozenset[str]:
    """The first letters of each way a folded word cuts into two or more pinyin syllables
    ('wenlan' → {'wl'}, 'qinghao' → {'qh'}); empty when it cuts into none."""
    return frozenset(cut for cut in _cuts(word, True) if len(cut) > 1)


@cache
def _cuts(rest: str, first: bool) -> frozenset[str]:
    if not rest:
        return frozenset({""})
    pattern = _SYLLABLE if first else _OPENED
    found: set[str] = set()
    for end in range(1, min(len(rest), 6) + 1):
        if pattern.fullmatch(rest[:end]):
            found |= {rest[0] + tail for tail in _cuts(rest[end:], False)}
    return frozenset(found)


def is_syllable(word: str) -> bool:
    """Whether a folded word is one pinyin syllable ('mei', 'zhang'; not 'smith')."""
    return _SYLLABLE.fullmatch(word) is not None
