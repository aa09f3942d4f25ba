"""DOIs and ORCID iDs: accepted spellings, one normal form, clear rejections, the check digit."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from credit_tracker.domain.errors import InputError
from credit_tracker.domain.identifiers import normalize_doi, normalize_orcid, orcid_check_digit


@pytest.mark.parametrize(
    "text",
    [
        "10.1371/journal.pone.0185809",
        "doi:10.1371/journal.pone.0185809",
        "DOI:10.1371/JOURNAL.PONE.0185809",
        "https://doi.org/10.1371/journal.pone.0185809",
        "http://dx.doi.org/10.1371/journal.pone.0185809",
        "https://dx.doi.org/10.1371%2Fjournal.pone.0185809",
        "  10.1371/Journal.Pone.0185809 ",
        "info:doi/10.1371/journal.pone.0185809",
    ],
)
def test_doi_spellings_share_one_normal_form(text: str) -> None:
    assert normalize_doi(text) == "10.1371/journal.pone.0185809"


def test_doi_keeps_slashes_in_the_suffix() -> None:
    assert (
        normalize_doi("https://doi.org/10.7717/peerj.4580/correction-1")
        == "10.7717/peerj.4580/correction-1"
    )


@pytest.mark.parametrize(
    ("text", "why"),
    [
        ("", "empty"),
        ("journal.pone.0185809", "starts with '10.'"),
        ("10.1371", "no suffix"),
        ("10.1371/", "no suffix"),
        ("10.1371/journal pone", "white space"),
        ("10.12/abc", "four or more digits"),
        ("https://example.org/10.1371/x", "starts with '10.'"),
    ],
)
def test_not_a_doi_says_why(text: str, why: str) -> None:
    with pytest.raises(InputError, match=why):
        normalize_doi(text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("0000-0002-1825-0097", "0000-0002-1825-0097"),  # ORCID's documented example
        ("https://orcid.org/0000-0002-1694-233X", "0000-0002-1694-233X"),  # check character X
        ("http://orcid.org/0000-0002-1694-233x", "0000-0002-1694-233X"),
        ("0000000218250097", "0000-0002-1825-0097"),
        ("orcid.org/0000-0003-2937-5853", "0000-0003-2937-5853"),  # Glendon J. Parker, pone.0160653
    ],
)
def test_orcid_forms(text: str, expected: str) -> None:
    assert normalize_orcid(text) == expected


@pytest.mark.parametrize(
    "text", ["0000-0002-1825-0098", "0000-0002-1694-2330", "0000-0003-2937-5854"]
)
def test_orcid_bad_check_digit_is_rejected(text: str) -> None:
    with pytest.raises(InputError, match="check digit"):
        normalize_orcid(text)


@pytest.mark.parametrize(
    "text", ["0000-0002-1825", "abcd-0002-1825-0097", "0000-0002-1825-0097-1", ""]
)
def test_orcid_wrong_shape_is_rejected(text: str) -> None:
    with pytest.raises(InputError, match="16 digits"):
        normalize_orcid(text)


@given(st.text(alphabet="0123456789", min_size=15, max_size=15))
def test_orcid_with_computed_check_digit_round_trips(base: str) -> None:
    orcid = base + orcid_check_digit(base)
    normal = normalize_orcid(f"https://orcid.org/{orcid}")
    assert normal.replace("-", "") == orcid
    assert normalize_orcid(normal) == normal


@given(
    st.text(alphabet="0123456789", min_size=15, max_size=15),
    st.integers(min_value=0, max_value=14),
    st.integers(1, 9),
)
def test_orcid_any_single_digit_change_is_caught(base: str, position: int, shift: int) -> None:
    orcid = base + orcid_check_digit(base)
    changed = orcid[:position] + str((int(orcid[position]) + shift) % 10) + orcid[position + 1 :]
    with pytest.raises(InputError):
        normalize_orcid(changed)


@given(st.from_regex(r"10\.[0-9]{4,6}/[a-z0-9]([a-z0-9._;()/:-]{0,28}[a-z0-9])?", fullmatch=True))
def test_doi_normal_form_is_stable(doi: str) -> None:
    normal = normalize_doi(doi)
    assert normalize_doi(f"https://doi.org/{normal}") == normal
    assert normalize_doi(normal.upper()) == normal
