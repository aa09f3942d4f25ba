"""`visible`, the one-line display of untrusted strings, and a property over every output format."""

from __future__ import annotations

import csv
import email
import io
import json
from email import policy
from xml.etree import ElementTree

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from credit_tracker.check.policy import FailPolicy
from credit_tracker.check.run import run_check
from credit_tracker.corrections.drafting import build_draft
from credit_tracker.domain.models import SourceAuthor, SourceKind
from credit_tracker.domain.records import Records
from credit_tracker.domain.text import json_visible
from credit_tracker.render.drafts import DRAFT_FORMATS
from credit_tracker.render.formats import FORMATS
from credit_tracker.render.html import HtmlData, HtmlReport
from credit_tracker.render.visible import visible
from tests.builders import DOI, member, printed, record, snapshot


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ("\x1b]0;pwned\x07", r"\x1b]0;pwned\x07"),  # OSC: retitles a terminal
        ("\x1b[31mred", r"\x1b[31mred"),  # CSI: colours
        ("a\nb\rc\td", r"a\nb\rc\td"),
        ("\x00\x7f\x85\x9b", r"\x00\x7f\x85\x9b"),  # NUL, DEL, NEL and 8-bit CSI
        ("\u2028\u2029", r"\u2028\u2029"),  # line and paragraph separators
        ("\u202aa\u202bb\u202cc\u202dd\u202ee", r"\u202aa\u202bb\u202cc\u202dd\u202ee"),
        ("\u2066a\u2067b\u2068c\u2069", r"\u2066a\u2067b\u2068c\u2069"),  # isolates
        ("\ufeffX\u200bY\u00adZ\u2060", r"\ufeffX\u200bY\xadZ\u2060"),  # BOM, ZWSP, SHY, WJ
        ("\u3164", r"\u3164"),  # Hangul filler: a letter that shows nothing
        ("\ud800\uffff\ufdd0", r"\ud800\uffff\ufdd0"),  # no XML 1.0 parser accepts these
        ("flag\U000e0067\U000e007f", r"flag\U000e0067\U000e007f"),  # tag characters
        ("Ja\u200dne", r"Ja\u200dne"),  # a joiner inside a Latin name hides nothing legitimate
        ("\u200c\u0645\u0647", r"\u200c" + "\u0645\u0647"),  # a joiner at the start joins nothing
    ],
)
def test_hidden_characters_become_escapes(text: str, shown: str) -> None:
    assert visible(text) == shown


@pytest.mark.parametrize(
    "text",
    [
        "Jane Illés",
        "Ille\u0301s",  # decomposed accent
        "Zoë Ødegård-Łukasz Straße",
        "\u0645\u0647\u0631\u200c\u0622\u0631\u0627",  # Persian: ZWNJ between letters
        "\u0915\u094d\u200d\u0937",  # Devanagari: ZWJ after a virama
        "\u0dc1\u0dca\u200d\u0dbb\u0dd3",  # Sinhala: ZWJ for a touching letter
        "Jane\u00a0Illés",  # a non-breaking space is a space, not a hidden character
        "李小龍 山田\u3000太郎",
        "O’Connell – review & editing <x> \\ %0A ::",
        "葛\U000e0100",  # an ideographic variation selector picks a glyph, as names need
    ],
)
def test_legitimate_text_is_unchanged(text: str) -> None:
    assert visible(text) == text


def test_json_visible_keeps_the_value_and_escapes_the_bytes() -> None:
    raw = json.dumps({"name": "x\u202ey\x7f\u2028\U000e0041\u200c"}, ensure_ascii=False)
    assert json_visible(raw) == r'{"name": "x\u202ey\u007f\u2028\udb40\udc41\u200c"}'
    assert json.loads(json_visible(raw)) == json.loads(raw)


@given(st.text(st.characters(exclude_categories=())))
def test_visible_is_idempotent_and_printable_on_one_line(text: str) -> None:
    shown = visible(text)
    assert visible(shown) == shown
    assert len(shown.splitlines()) <= 1
    shown.encode("utf-8")  # no lone surrogate left to break a write


# ---- every format, for any name a publisher could print ---------------------------------------


def _records(raw: str) -> Records:
    rec, people = record(member("ana-costa", "Ana", "Costa", roles=["conceptualization"]))
    hostile = SourceAuthor(position=2, raw=raw, organisation=True)
    shot = snapshot(SourceKind.JATS, printed("Ana", "Costa", roles=[]))
    shot = shot.model_copy(
        update={"authors": [*shot.authors, hostile], "title": raw, "journal": raw, "url": raw}
    )
    return Records(articles={DOI: rec}, people=people, snapshots={DOI: [shot]})


def _outputs(raw: str) -> dict[str, str]:
    records = _records(raw)
    report = run_check(records, [DOI], FailPolicy())
    draft = build_draft(records.articles[DOI], report.findings, records.snapshots[DOI], None)
    outputs = {name: cls().format(report) for name, cls in FORMATS.items()}
    outputs |= {f"draft-{name}": cls().render(draft) for name, cls in DRAFT_FORMATS.items()}
    # The .eml body is 8bit (base64 for a line over 998 octets): compare it decoded, header
    # values unfolded, one per line.
    message = email.message_from_bytes(outputs["draft-eml"].encode("utf-8"), policy=policy.default)
    headers = [f"{key}: {value}" for key, value in message.items()]
    outputs["eml-decoded"] = "\n".join([*headers, "", message.get_content()])
    outputs["html"] = HtmlReport().render(
        HtmlData(report=report, generated="generated 2026-11-01 09:00")
    )
    return outputs


PLAIN = _outputs("Plain Organisation")


@settings(deadline=None, max_examples=60)
@given(st.text(st.characters(exclude_categories=()), max_size=40))
def test_every_format_keeps_any_name_on_its_lines(raw: str) -> None:
    outputs = _outputs(raw)
    for name, text in outputs.items():
        # str.splitlines breaks at every Unicode line boundary (\v, \f, \x1c, \x85, U+2028...)
        if name != "draft-eml":
            assert len(text.splitlines()) == len(PLAIN[name].splitlines()), name
        assert "\x1b" not in text and "\u202e" not in text, name
        text.encode("utf-8")
        if name != "github":
            assert not any(line.startswith("::") for line in text.splitlines()), name
    ElementTree.fromstring(outputs["junit"])  # well-formed, whatever the publisher printed
    (extra,) = [f for f in json.loads(outputs["json"])["findings"] if f["rule"] == "author-extra"]
    assert extra["observed"] == raw  # JSON keeps the exact value
    rows = list(csv.reader(io.StringIO(outputs["csv"])))
    assert len(rows) == len(PLAIN["csv"].splitlines())
