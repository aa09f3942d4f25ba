"""The CRediT vocabulary (ANSI/NISO Z39.104-2022) and one resolver for every real-world spelling."""

from __future__ import annotations

import difflib
import re
import unicodedata
from dataclasses import dataclass
from enum import StrEnum
from functools import lru_cache
from importlib import resources
from urllib.parse import unquote

from credit_tracker.domain.errors import UnknownRoleError

NISO_BASE = "https://credit.niso.org/contributor-roles/"
VOCAB_IDENTIFIER = "https://credit.niso.org/"


class Degree(StrEnum):
    """The degree of contribution NISO allows beside a role."""

    LEAD = "lead"
    EQUAL = "equal"
    SUPPORTING = "supporting"


@dataclass(frozen=True)
class CreditRole:
    """One of the 14 CRediT roles."""

    slug: str
    label: str

    @property
    def uri(self) -> str:
        return f"{NISO_BASE}{self.slug}/"


# The official slugs and labels, as in obo-db-ingest's export of the NISO list (credit.tsv);
# tests/domain/test_credit.py checks this table against that file.
ROLES: tuple[CreditRole, ...] = (
    CreditRole("conceptualization", "Conceptualization"),
    CreditRole("data-curation", "Data curation"),
    CreditRole("formal-analysis", "Formal analysis"),
    CreditRole("funding-acquisition", "Funding acquisition"),
    CreditRole("investigation", "Investigation"),
    CreditRole("methodology", "Methodology"),
    CreditRole("project-administration", "Project administration"),
    CreditRole("resources", "Resources"),
    CreditRole("software", "Software"),
    CreditRole("supervision", "Supervision"),
    CreditRole("validation", "Validation"),
    CreditRole("visualization", "Visualization"),
    CreditRole("writing-original-draft", "Writing \u2013 original draft"),
    CreditRole("writing-review-editing", "Writing \u2013 review & editing"),
)
BY_SLUG: dict[str, CreditRole] = {role.slug: role for role in ROLES}


def role_text(role: CreditRole) -> str:
    """A role as a finding states it: 'Conceptualization <https://credit.niso.org/…/>'."""
    return f"{role.label} <{role.uri}>"


_STATED = {role_text(role): role.label for role in ROLES}


def role_label(text: str) -> str:
    """A role stated as `role_text` writes it, shortened to its label; other text unchanged."""
    return _STATED.get(text, text)


_URI_PATTERN = re.compile(r"^https?://credit\.niso\.org/contributor-roles/([a-z-]+)/?$", re.I)
# Old casrai (and NISO) dictionary URIs, also behind a web.archive.org prefix (SciELO's markup
# guide, Science Advances), and the <host>/term/contributor-roles-<slug>/ form of casrai.org
# (SciELO) and credit.niso.org (Science Advances 2024).
_CASRAI_PATTERN = re.compile(
    r"dictionary\.(?:casrai|credit\.niso)\.org/contributor_roles/(.+?)/?$", re.I
)
_CASRAI_TERM = re.compile(
    r"^https?://(?:www\.)?(?:casrai\.org|credit\.niso\.org)/term/contributor-roles-(.+?)/?$",
    re.I,
)
# SciELO's markup tool writes 'Contributor Roles/Conceptualization' as the label.
_LABEL_PREFIX = re.compile(r"^\s*contributor[\s_]+roles?\s*/\s*", re.I)
_DASHES = "\u2010\u2011\u2012\u2013\u2014\u2015\u2212-_:/"
# Words that vary between spellings of one role and carry no meaning of their own; 'and' in the
# languages of the translations too ('writing-review e editing' in a real SciELO file).
_FILLER = {"and", "preparation", "the", "e", "y", "et", "und", "i", "og", "en", "och"}
_WORD_FORMS = {"reviewing": "review", "edit": "editing", "analyses": "analysis"}
_STROKES = str.maketrans({"ø": "o", "ł": "l", "đ": "d", "ß": "ss", "æ": "ae", "œ": "oe"})
# A typo is read as a role only when it is this close to one role's spelling and no other's.
_TYPO_CUTOFF = 0.9
_TYPO_MIN_LENGTH = 8


def _fold_accents(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text.casefold()).translate(_STROKES)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def _compact_key(text: str) -> str:
    """Fold a label, slug or token to letters only.

    'Writing – Reviewing & Editing' → 'writingreviewediting'; accents go ('Supervisão').
    """
    return "".join(_key_words(text))


def _key_words(text: str) -> list[str]:
    """The words of a label as `_compact_key` folds them ('Writing – original': writing,
    original)."""
    folded = unicodedata.normalize("NFKC", text).replace("&", " and ")
    # camelCase tokens (writingOriginalDraft) become separate words
    folded = _fold_accents(re.sub(r"(?<=[a-z])(?=[A-Z])", " ", folded))
    for dash in _DASHES:
        folded = folded.replace(dash, " ")
    words = re.findall(r"[a-z]+", folded)
    words = [re.sub(r"isation$", "ization", w) for w in words]
    return [_WORD_FORMS.get(w, w) for w in words if w not in _FILLER]


_KEYS: dict[str, CreditRole] = {}
for _role in ROLES:
    _KEYS[_compact_key(_role.label)] = _role
    _KEYS[_compact_key(_role.slug)] = _role
# The two writing roles with 'Writing' left out ('Original draft', 'Original drafting', 'Review
# and editing', Signal Transduction and Targeted Therapy 2025): no other role's label holds
# these words, so each names one role.
for _role in ROLES:
    _words = _key_words(_role.label)
    if _words[0] == "writing":
        _KEYS["".join(_words[1:])] = _role
_KEYS["originaldrafting"] = BY_SLUG["writing-original-draft"]


@dataclass(frozen=True)
class Translation:
    """A role's name in another language, and the public file it was read from."""

    slug: str
    language: str
    label: str
    source: str


def translations() -> tuple[Translation, ...]:
    """Return the rows of credit_translations.tsv: official translations and publishers' labels."""
    text = resources.files("credit_tracker.domain").joinpath("credit_translations.tsv")
    rows = [line.split("\t") for line in text.read_text("utf-8").splitlines()]
    data = [row for row in rows if row and not row[0].startswith("#")][1:]
    return tuple(Translation(*row) for row in data)


@lru_cache(maxsize=1)
def _translated_keys() -> dict[str, CreditRole]:
    """Keys of the translated names; a key that would name two roles names none."""
    seen: dict[str, set[str]] = {}
    for row in translations():
        seen.setdefault(_compact_key(row.label), set()).add(row.slug)
    return {
        key: BY_SLUG[next(iter(slugs))]
        for key, slugs in seen.items()
        if key and len(slugs) == 1 and _KEYS.get(key, BY_SLUG[next(iter(slugs))]).slug in slugs
    }


def resolve_role(text: str) -> CreditRole:
    """Return the CRediT role that `text` names.

    Accepts labels in any case with en dash, hyphen or colon, '&' or 'and', British '-isation';
    niso URIs (http or https, with or without the trailing slash); old casrai dictionary URIs;
    JATS4R vocab-term values; Crossref tokens; tenzing column labels; the official translations
    and publishers' labels in other languages, accents and case ignored; the two writing roles
    with 'Writing' left out ('Original draft', 'Review and editing').
    Raises UnknownRoleError naming the closest valid roles.
    """
    role = try_resolve_role(text)
    if role is None:
        raise UnknownRoleError(_unknown_message(text), field="role")
    return role


@lru_cache(maxsize=1 << 14)
def try_resolve_role(text: str) -> CreditRole | None:
    """Return the role `text` names (as `resolve_role` reads it), or None when it names none."""
    value = _LABEL_PREFIX.sub("", text.strip())
    uri = _URI_PATTERN.match(value)
    if uri:
        slug = uri.group(1).lower()
        if slug in BY_SLUG:
            return BY_SLUG[slug]
    casrai = _CASRAI_PATTERN.search(value) or _CASRAI_TERM.match(value)
    if casrai:
        value = unquote(casrai.group(1))
    key = _compact_key(value)
    return _KEYS.get(key) or _translated_keys().get(key)


@lru_cache(maxsize=1 << 14)
def resolve_typo(text: str) -> CreditRole | None:
    """Return the one role a misspelt label is closest to ('Writting – original draft'), or None."""
    key = _compact_key(text)
    if len(key) < _TYPO_MIN_LENGTH:
        return None
    known = {**_translated_keys(), **_KEYS}
    close = difflib.get_close_matches(key, list(known), n=5, cutoff=_TYPO_CUTOFF)
    slugs = {known[match].slug for match in close}
    return BY_SLUG[slugs.pop()] if len(slugs) == 1 else None


@lru_cache(maxsize=1 << 14)
def resolve_cut(text: str) -> CreditRole | None:
    """Return the one role whose label begins with the words of a label cut short, or None.

    bioRxiv prints "Writing - original" for Writing – original draft: two words or more, each
    whole, that begin exactly one role's label. "Writing" alone begins two and names neither.
    """
    words = _key_words(text)
    if len(words) < 2:
        return None
    labels = {role.slug: _key_words(role.label) for role in ROLES}
    hits = {slug for slug, label in labels.items() if label[: len(words)] == words != label}
    return BY_SLUG[hits.pop()] if len(hits) == 1 else None


def _unknown_message(text: str) -> str:
    labels = [role.label for role in ROLES]
    by_key = {_compact_key(label): label for label in labels}
    close = difflib.get_close_matches(_compact_key(text), list(by_key), n=3, cutoff=0.4)
    if not close:
        prefix = _compact_key(text)
        close = [key for key in by_key if prefix and key.startswith(prefix)][:3]
    suggestion = ", ".join(repr(by_key[key]) for key in close) if close else "none close"
    return f"{text!r} is not a CRediT role; closest: {suggestion}"


def parse_degree(text: str | None) -> Degree | None:
    """Return the Degree that `text` names ('Lead', 'equal', ...), None for empty text."""
    if text is None or not text.strip():
        return None
    value = text.strip().casefold()
    for degree in Degree:
        if value == degree.value:
            return degree
    raise UnknownRoleError(
        f"{text!r} is not a degree of contribution; use lead, equal or supporting",
        field="degree",
    )


# Degree words as printed beside a role: NISO's, and the Portuguese ones SciELO files use
# ('conceituação (liderança)', 'conceituação (suporte)' in RAC 26(6); 'metodologia (apoio)',
# '(líder)' in Tourism & Society).
DEGREE_WORDS: dict[str, Degree] = {
    "lead": Degree.LEAD,
    "equal": Degree.EQUAL,
    "supporting": Degree.SUPPORTING,
    "support": Degree.SUPPORTING,
    "lider": Degree.LEAD,
    "lideranca": Degree.LEAD,
    "igual": Degree.EQUAL,
    "apoio": Degree.SUPPORTING,
    "suporte": Degree.SUPPORTING,
}
_DEGREE_TAIL = re.compile(
    r"^(?P<role>.*?\S)\s*(?:\((?P<paren>[^()]*)\)|\[(?P<bracket>[^\[\]]*)\]"
    r"|[,:\u2013\u2014-]\s*(?P<word>[^\s,:()]+))\s*$"
)


@dataclass(frozen=True)
class LabelDegree:
    """A label with the degree written into it taken apart: 'Methodology — supporting'."""

    label: str
    degree: Degree | None = None
    unclear: str | None = None
    """The degree text when it names several degrees or none ('igual/ líder/apoio')."""


def split_degree(text: str) -> LabelDegree:
    """Take a degree written after a label off it: '(lead)', '[lead]', '— supporting', '(igual)'."""
    match = _DEGREE_TAIL.match(text.strip())
    if match is None:
        return LabelDegree(text.strip())
    enclosed = match.group("paren") if match.group("paren") is not None else match.group("bracket")
    tail = enclosed if enclosed is not None else match.group("word")
    words = [_fold_accents(word) for word in re.findall(r"[^\W\d_]+", tail)]
    degrees = {DEGREE_WORDS[word] for word in words if word in DEGREE_WORDS}
    if not words or (len(degrees) != 1 and not (enclosed and degrees)):
        return LabelDegree(text.strip())  # a tail that is part of the label ('Writing - review')
    core = match.group("role").strip()
    if len(degrees) > 1 or any(word not in DEGREE_WORDS for word in words):
        return LabelDegree(core, unclear=tail.strip())
    return LabelDegree(core, degrees.pop())
