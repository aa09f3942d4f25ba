"""A published PDF's pages as one running text: page furniture dropped, hyphenation undone. Pure.

Publishers typeset two-column pages column by column, and pypdf gives each page's text in that
order, so a section that runs from the foot of one column to the head of the next, or over a
page break, comes out in reading order with only the page's furniture in between: running heads,
footers, page numbers, a site's download stamp. Those lines repeat, at the top or the foot of
the pages, with only their numbers changing ("12 Cell Reports 37, 109967, November 9, 2021",
"Cell Reports 37, 109967, November 9, 2021 13"); a line that recurs there on enough pages is
dropped wherever it sits at a page's edge.

Words broken at a line end are joined by what the document itself says: "manu-" + "script" is
one word because "manuscript" (or no hyphenated form) appears elsewhere in it; "ChIP-" + "seq"
keeps its hyphen because "ChIP-seq" appears elsewhere, or, with no evidence either way, because
the first part is an acronym (two capitals). pypdf sometimes puts a space before the line-end
hyphen ("origi -"); that is undone the same way. A line that breaks at an em dash set without
spaces ("Writing" / "—original draft", "writing—" / "original draft preparation") is joined
without a space, as it was set.
"""

from __future__ import annotations

import itertools
import re
import unicodedata
from collections import Counter

EDGE_LINES = 6
"""Lines at the top and at the foot of each page looked at as possible furniture."""
_NUMBERS = re.compile(
    r"(?:/[a-z]+\.tnum)+|\d+"
)  # digits, and fonts whose digits come out as glyph names
# a word broken at a line end; pypdf may put a space before the hyphen ('origi -') or after it
# ('Stu- ' + 'art McQuarrie', Oxford's NAR)
_BREAK = re.compile(r"([^\W\d_][\w’']*?) ?-[ \t]*\n([^\W\d_][\w’']*)")
_WORD = re.compile(r"[^\W\d_][\w’'-]*[^\W_]|[^\W\d_]")
_EM_DASH_BREAK = re.compile(r"(?<=\w)\n(?=—\w)|(?<=\w—)\n(?=\w)")


def document_text(pages: list[str]) -> str:
    """Return the pages' text as one, furniture dropped and line-end hyphenation undone."""
    pages = [unicodedata.normalize("NFKC", page) for page in pages]
    furniture = _furniture(pages)
    kept = [
        "\n".join(line for n, line in enumerate(lines) if not _is_furniture(n, lines, furniture))
        for lines in (page.splitlines() for page in pages)
    ]
    return dehyphenate("\n".join(_without_line_numbers("\n".join(kept).splitlines())))


LINE_NUMBERED_FROM = 20
"""Lines numbered one after another, from which a document is taken to number its lines."""
_LINE_NUMBER = re.compile(r"^\s*(\d{1,5})\s*$|^\s*(\d{1,5})\s+(?=\S)|(?<=\S)\s+(\d{1,5})\s*$")


def _without_line_numbers(lines: list[str]) -> list[str]:
    """The lines without the numbers a preprint prints in its margin ('… and P.K.; methodology,
    S.T., V.S. 575'), which pypdf puts at a line's start or end: where many lines carry numbers
    one more than the line before's, each number in such a pair is taken off."""
    found = [
        (index, int(next(group for group in match.groups() if group)), match)
        for index, line in enumerate(lines)
        if (match := _LINE_NUMBER.search(line)) is not None
    ]
    numbered = set()
    for (first, number, _), (second, following, _) in itertools.pairwise(found):
        if following == number + 1:
            numbered |= {first, second}
    if len(numbered) < LINE_NUMBERED_FROM:
        return lines
    kept = list(lines)
    for index, _number, match in found:
        if index in numbered:
            line = lines[index]
            kept[index] = (line[: match.start()] + " " + line[match.end() :]).strip()
    return kept


def _key(line: str) -> str:
    return " ".join(_NUMBERS.sub("#", line).split()).casefold()


def _edges(lines: list[str]) -> list[int]:
    count = len(lines)
    return sorted(
        set(range(min(EDGE_LINES, count))) | set(range(max(0, count - EDGE_LINES), count))
    )


def _furniture(pages: list[str]) -> set[str]:
    """Lines (numbers made '#') that recur at a page's edge on at least 2 pages and a quarter of
    them: a running head, a footer, a stamp. A page number alone is furniture on any page."""
    if len(pages) < 2:
        return {"#"}
    seen: Counter[str] = Counter()
    for page in pages:
        lines = page.splitlines()
        seen.update({_key(lines[n]) for n in _edges(lines) if lines[n].strip()})
    needed = max(2, len(pages) // 4)
    return {key for key, count in seen.items() if count >= needed} | {"#"}


def _is_furniture(index: int, lines: list[str], furniture: set[str]) -> bool:
    near_edge = index < EDGE_LINES or index >= len(lines) - EDGE_LINES
    return near_edge and _key(lines[index]) in furniture


def dehyphenate(text: str) -> str:
    """Join words broken at a line end, keeping real hyphens, as the document's own words show."""
    words = Counter(word.casefold() for word in _WORD.findall(text))

    def join(match: re.Match[str]) -> str:
        head, tail = match.group(1), match.group(2)
        joined, hyphenated = f"{head}{tail}".casefold(), f"{head}-{tail}".casefold()
        if match.group(0)[len(head)] == " " and not (words[joined] or tail[:1].islower()):
            return match.group(0)  # 'ID -' + 'Study design': a dash before a new line
        if words[hyphenated] > 0 and words[joined] == 0:
            return f"{head}-{tail}"
        if words[joined] > 0 or not _keeps_hyphen(head, tail):
            return f"{head}{tail}"
        return f"{head}-{tail}"

    return _EM_DASH_BREAK.sub("", _BREAK.sub(join, text))


def _keeps_hyphen(head: str, tail: str) -> bool:
    """With no evidence in the document: 'ChIP-' + 'seq', 'RNA-' + 'seq', 'Zhen-' + 'Yu' keep it."""
    return sum(ch.isupper() for ch in head) >= 2 or tail[:1].isupper()
