"""DOIs and ORCID iDs: accept the spellings people paste, store one normal form, reject the rest."""

from __future__ import annotations

import re
from urllib.parse import unquote

from credit_tracker.domain.errors import InputError
from credit_tracker.domain.text import unsafe_character

_DOI_PREFIXES = (
    "https://doi.org/",
    "http://doi.org/",
    "https://dx.doi.org/",
    "http://dx.doi.org/",
    "doi.org/",
    "dx.doi.org/",
    "doi:",
    "info:doi/",
)
# Crossref's own guidance: a DOI is "10." + a registrant code of digits (and dots) + "/" + suffix.
# ASCII digits only: \d would also take Arabic-Indic or full-width digits.
_DOI_SHAPE = re.compile(r"^10\.[0-9]{4,9}(\.[0-9]+)*/\S+$")
_ORCID_PREFIXES = ("https://orcid.org/", "http://orcid.org/", "orcid.org/", "orcid:")
_ORCID_DIGITS = re.compile(r"^[0-9]{15}[0-9X]$")
# re's \s is the set str.isspace() calls white space, found without a loop per character
_WHITE_SPACE = re.compile(r"\s")


def normalize_doi(text: str) -> str:
    """Return the normal form of a DOI (no prefix, decoded, lower case).

    DOIs are case-insensitive by definition (DOI Handbook 2.4), so lower case is safe to store.
    Raises InputError saying why `text` is not a DOI.
    """
    value = text.strip()
    if not value:
        raise InputError("a DOI is empty", field="DOI")
    lowered = value.lower()
    for prefix in _DOI_PREFIXES:
        if lowered.startswith(prefix):
            value = value[len(prefix) :]
            break
    value = unquote(value).strip().lower()
    if not value.startswith("10."):
        raise InputError(f"{text!r} is not a DOI: a DOI starts with '10.'", field="DOI")
    if "/" not in value or value.endswith("/"):
        raise InputError(f"{text!r} is not a DOI: it has no suffix after the '/'", field="DOI")
    if _WHITE_SPACE.search(value):
        raise InputError(f"{text!r} is not a DOI: it contains white space", field="DOI")
    # after unquote, so that '%00' or '%E2%80%AE' cannot smuggle a NUL or an override in
    hidden = unsafe_character(value)
    if hidden is not None:
        raise InputError(f"{text!r} is not a DOI: it holds {hidden[1]}", field="DOI")
    if not _DOI_SHAPE.match(value):
        raise InputError(
            f"{text!r} is not a DOI: the prefix must be '10.' and four or more digits",
            field="DOI",
        )
    return value


def orcid_check_digit(base_digits: str) -> str:
    """Return the ISO 7064 MOD 11-2 check character for the first 15 digits of an ORCID iD."""
    total = 0
    for digit in base_digits:
        total = (total + int(digit)) * 2
    result = (12 - total % 11) % 11
    return "X" if result == 10 else str(result)


def normalize_orcid(text: str) -> str:
    """Return an ORCID iD as '0000-0002-1825-0097', verifying its check digit.

    Accepts the bare form, the https/http URL form and the 16 digits without hyphens.
    Raises InputError saying what is wrong.
    """
    value = text.strip()
    lowered = value.lower()
    for prefix in _ORCID_PREFIXES:
        if lowered.startswith(prefix):
            value = value[len(prefix) :]
            break
    compact = value.replace("-", "").upper()
    if not _ORCID_DIGITS.match(compact):
        raise InputError(
            f"{text!r} is not an ORCID iD: expected 16 digits in four groups, "
            "like 0000-0002-1825-0097",
            field="ORCID",
        )
    expected = orcid_check_digit(compact[:15])
    if compact[15] != expected:
        raise InputError(
            f"{text!r} is not a valid ORCID iD: its check digit is {compact[15]}, "
            f"but the digits before it need {expected}",
            field="ORCID",
        )
    return "-".join(compact[i : i + 4] for i in range(0, 16, 4))


def orcid_url(orcid: str) -> str:
    """Return the https URL form of a normalised ORCID iD."""
    return f"https://orcid.org/{orcid}"
