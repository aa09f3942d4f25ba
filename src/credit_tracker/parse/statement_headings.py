"""Whether a heading names a contributions statement, in English and in every language of the
CRediT translations table (domain/credit_translations.tsv); pure.

A heading names one when it holds a word for "contribution" and a word for "author" ("Author
contributions", "Contribuições dos autores", "Autorenbeiträge", "Yazar katkıları"), "CRediT"
beside a word for "author" or "statement" ("Credit Author Statement", "CRediT authorship
contribution statement"), "roles" beside a word for "author" or "CRediT" ("Author roles",
"Contributor roles"), "authorship" beside "statement" ("Statement of authorship"), or nothing but
words for "contribution" ("Contributions", "Contributors", "Individual contributions").
"Contributor Information" (Wiley's e-mail addresses), "Main contributions" of a method, "Credit
risk", "Role of the funding source" and a sentence ("These authors contributed equally.") name
none, nor does a lead-in that says who contributed equally ("These authors contributed equally:
Jane Doe, John Roe.").

The words are stems, matched inside the folded heading (no accents, no case), so that inflected
and compound forms are found. They were written for credit-tracker from each language's usual
wording of the heading, not read from files; tests/parse/test_statement_places.py checks that
every language of the translations table has its row.
"""

from __future__ import annotations

import re

from credit_tracker.domain.names import fold

# language: (stems of 'contribution', stems of 'author'), folded
STEMS: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "en": (("contribut",), ("author",)),
    "ca": (("contribu",), ("autor",)),
    "cz": (("prispev", "podil"), ("autor",)),
    "de": (("beitrag", "beitrage", "mitwirkung"), ("autor", "verfasser")),
    "dk": (("bidrag",), ("forfatter",)),
    "es": (("contribu", "aportacion"), ("autor",)),
    "fi": (("osuus", "panos"), ("kirjoittaj", "tekij")),
    "fr": (("contribu",), ("auteur",)),
    "hr": (("doprinos",), ("autor",)),
    "hu": (("hozzajarul",), ("szerz",)),
    "id": (("kontribusi",), ("penulis",)),
    "it": (("contribu",), ("autor",)),
    "lt": (("indel",), ("autor",)),
    "nl": (("bijdrage",), ("auteur",)),
    "nno": (("bidrag",), ("forfattar",)),
    "nob": (("bidrag",), ("forfatter",)),
    "pl": (("wklad",), ("autor",)),
    "pt": (("contribu",), ("autor",)),
    "ro": (("contribu",), ("autor",)),
    "sk": (("prispev", "podiel"), ("autor",)),
    "sr": (("doprinos",), ("autor",)),
    "sv": (("bidrag",), ("forfattar",)),
    "sw": (("mchango", "michango"), ("andishi",)),
    "tr": (("katki",), ("yazar",)),
    "vi": (("dong gop",), ("tac gia",)),
}
_CONTRIBUTION = tuple(sorted({stem for words, _ in STEMS.values() for stem in words}))
_AUTHOR = tuple(sorted({stem for _, words in STEMS.values() for stem in words}))
# words that may stand beside 'Contributions' alone ('Contributions of each', 'Contributors:')
_SMALL = {"of", "the", "each", "and", "statement", "s", "individual", "declaration"}
_NUMBER = re.compile(r"^\s*(?:\d+(?:\.\d+)*\.?|[IVX]+\.)\s*")


def names_statement(heading: str) -> bool:
    """Return True when a heading (a title, a label, a bold lead-in) names a contributions
    statement."""
    bare = _NUMBER.sub("", heading).strip()
    text = fold(bare)
    words = text.split()
    if not words or len(words) > 8 or bare.endswith("."):
        return False  # a sentence ('These authors contributed equally.'), not a heading
    if re.search(r"\bnon\W?author", text):
        return False  # ICMJE's 'Non-author contributors': people thanked, not the byline
    if "equally" in words:
        # 'These authors contributed equally: Jane Doe, John Roe.' (Nature Portfolio's footnote)
        # names who shared first place, not what anyone did
        return False
    contribution = any(stem in text for stem in _CONTRIBUTION)
    author = any(stem in text for stem in _AUTHOR)
    if contribution and author:
        return True
    if "credit" in words and (author or contribution or "statement" in words):
        return True
    if any(word in {"role", "roles"} for word in words) and (
        author or contribution or "credit" in words
    ):
        return True  # 'Author roles', "Authors' roles", 'CRediT roles', 'Contributor roles'
    if "authorship" in words and "statement" in words:
        return True  # 'Statement of authorship', 'Authorship statement'
    return contribution and all(
        word in _SMALL or any(word.startswith(stem) for stem in _CONTRIBUTION) for word in words
    )


def opens_like_a_heading(heading: str) -> bool:
    """Whether words that name the statement open with a heading's word ('Author
    contributions', 'Contribuição dos autores', 'CRediT …'), not a sentence's ('The authors
    thank the following contributors'): for headings found in running text, with no markup."""
    words = fold(_NUMBER.sub("", heading)).split()
    stems = (*_CONTRIBUTION, *_AUTHOR, "credit")
    return bool(words) and any(words[0].startswith(stem) for stem in stems)
