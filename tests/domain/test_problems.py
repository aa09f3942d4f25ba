"""A snapshot's problems: read by kind from their text, written back as the same text."""

from __future__ import annotations

import pytest

from credit_tracker.domain.models import FetchState, SourceKind, SourceSnapshot
from credit_tracker.domain.problems import (
    NotCredit,
    Note,
    PartsDiffer,
    TranslationDiffers,
    Unread,
    read_problem,
)


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("read as a role first statement", Note(text="read as a role first statement")),
        ("not understood: Nobody knows.", Unread(text="Nobody knows.")),
        (
            "translation differs: [author 12] the pt translation lists Resources for X",
            TranslationDiffers(position=12, text="the pt translation lists Resources for X"),
        ),
        (
            "translation differs: the translation lists 2 author(s), the article 3",
            TranslationDiffers(text="the translation lists 2 author(s), the article 3"),
        ),
        # the mark only counts where it leads the difference
        ("not understood: [author 2] x", Unread(text="[author 2] x")),
        (
            "parts differ: [author 3] H. P. Pandey: the <role> markup lists Supervision, the "
            "contributions statement lists no roles",
            PartsDiffer(
                position=3,
                text="H. P. Pandey: the <role> markup lists Supervision, the contributions "
                "statement lists no roles",
            ),
        ),
        ("no CRediT term: Y.L. designed research.", NotCredit(text="Y.L. designed research.")),
        # a difference between parts is always about an author: without the mark it is a note
        ("parts differ: x", Note(text="parts differ: x")),
    ],
)
def test_a_problem_is_read_from_its_text_and_written_back_as_it(text: str, problem: object) -> None:
    assert read_problem(text) == problem
    assert str(problem) == text


def test_a_snapshot_reads_an_earlier_versions_text_and_stores_the_typed_form() -> None:
    shot = SourceSnapshot(
        doi="10.5555/x",
        source=SourceKind.STATEMENT,
        state=FetchState.OK,
        fetched_at="2026-01-01T00:00:00Z",
        problems=[
            "read as a prose statement",
            "not understood: the rest",
            "parts differ: [author 1] markup and statement",
            "no CRediT term: designed research",
        ],
    )
    assert shot.problems[:2] == [Note(text="read as a prose statement"), Unread(text="the rest")]
    # the kind is written even where a dump leaves out fields at their defaults, as the store's
    assert shot.model_dump(mode="json", exclude_defaults=True)["problems"] == [
        {"kind": "note", "text": "read as a prose statement"},
        {"kind": "unread", "text": "the rest"},
        {"kind": "parts", "position": 1, "text": "markup and statement"},
        {"kind": "not-credit", "text": "designed research"},
    ]
    assert SourceSnapshot.model_validate(shot.model_dump()) == shot
    stored = shot.model_dump(mode="json", exclude_defaults=True)
    assert SourceSnapshot.model_validate(stored) == shot
