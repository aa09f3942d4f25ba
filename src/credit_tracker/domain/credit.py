"""The CRediT vocabulary (ANSI/NISO Z39.104-2022) and one resolver for every real-world spelling."""

from __future__ import annotations

import difflib
import re
import unicodedata
from dataclasses import dataclass
from enum import StrEnum
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
# tests/test_credit.py checks this table against that file.
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

_URI_PATTERN = re.compile(r"^https?://credit\.niso\.org/contributor-roles/([a-z-]+)/?$", re.I)
_CASRAI_PATTERN = re.compile(r"^https?://dictionary\.casrai\.org/contributor_roles/(.+?)/?$", re.I)
_DASHES = "\u2010\u2011\u2012\u2013\u2014\u2015\u2212-_:/"
# Words that vary between spellings of one role and carry no meaning of their own.
_FILLER = {"and", "preparation", "the"}
_WORD_FORMS = {"reviewing": "review", "edit": "editing", "analyses": "analysis"}


def _compact_key(text: str) -> str:
    """Fold a label, slug or token to letters only: 'Writing – Reviewing & Editing' → 'writingreviewediting'."""
    folded = unicodedata.normalize("NFKC", text).replace("&", " and ")
    # camelCase tokens (writingOriginalDraft) become separate words
    folded = re.sub(r"(?<=[a-z])(?=[A-Z])", " ", folded).casefold()
    for dash in _DASHES:
        folded = folded.replace(dash, " ")
    words = re.findall(r"[a-z]+", folded)
    words = [re.sub(r"isation$", "ization", w) for w in words]
    words = [_WORD_FORMS.get(w, w) for w in words if w not in _FILLER]
    return "".join(words)


_KEYS: dict[str, CreditRole] = {}
for _role in ROLES:
    _KEYS[_compact_key(_role.label)] = _role
    _KEYS[_compact_key(_role.slug)] = _role


def resolve_role(text: str) -> CreditRole:
    """Return the CRediT role that `text` names.

    Accepts labels in any case with en dash, hyphen or colon, '&' or 'and', British '-isation';
    niso URIs (http or https, with or without the trailing slash); old casrai dictionary URIs;
    JATS4R vocab-term values; Crossref tokens; tenzing column labels.
    Raises UnknownRoleError naming the closest valid roles.
    """
    value = text.strip()
    uri = _URI_PATTERN.match(value)
    if uri:
        slug = uri.group(1).lower()
        if slug in BY_SLUG:
            return BY_SLUG[slug]
    casrai = _CASRAI_PATTERN.match(value)
    if casrai:
        value = unquote(casrai.group(1))
    role = _KEYS.get(_compact_key(value))
    if role is None:
        raise UnknownRoleError(_unknown_message(text), field="role")
    return role


def try_resolve_role(text: str) -> CreditRole | None:
    """Return the role `text` names, or None when it names none."""
    try:
        return resolve_role(text)
    except UnknownRoleError:
        return None


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
