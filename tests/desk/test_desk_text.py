"""Text shown as lines at the desk keeps its bytes: a pasted list and a drafted letter.

The pages' one-line view shows hidden characters as escapes (a newline in a name would mislead);
a `<textarea>` or a `<pre>` shows lines, so its line breaks must come back as they went in.
"""

from __future__ import annotations

import html
import re
from pathlib import Path

from starlette.testclient import TestClient

from tests.desk.test_desk import AIMMS, desk, post  # noqa: F401  (desk is a fixture)


def _between(page: str, start: str, end: str) -> str:
    match = re.search(re.escape(start) + r"(.*?)" + re.escape(end), page, re.S)
    assert match, start
    return html.unescape(match.group(1))


def test_a_pasted_list_comes_back_byte_for_byte_after_an_error(desk: TestClient) -> None:  # noqa: F811
    typed = f"https://doi.org/{AIMMS}\r\n10.5555/new-one\r\nnot a doi\r\n\t10.5555/other"
    members = "Illés, Jane; 0000-0002-1825-0097"
    bad = post(desk, "/dois/preview", {"dois": typed, "members": members})
    assert bad.status_code == 400
    shown = _between(bad.text, '<textarea name="dois" id="dois" rows="8">', "</textarea>")
    assert shown.encode("utf-8") == typed.encode("utf-8")
    assert f'value="{html.escape(members)}"' in bad.text
    fixed = shown.replace("not a doi\r\n", "")
    again = post(desk, "/dois/preview", {"dois": fixed, "members": members})
    assert again.status_code == 200 and "2 new, 1 already tracked" in again.text


def test_a_hidden_character_in_a_pasted_list_is_still_shown(desk: TestClient) -> None:  # noqa: F811
    bad = post(desk, "/dois/preview", {"dois": "10.5555/a\u202eb\nnot a doi"})
    shown = _between(bad.text, '<textarea name="dois" id="dois" rows="8">', "</textarea>")
    assert shown == "10.5555/a\\u202eb\nnot a doi"


def test_the_drafted_letter_reads_as_the_downloaded_text(
    desk: TestClient,  # noqa: F811
    example_records: Path,
) -> None:
    drafted = post(desk, "/corrections/draft", {"doi": AIMMS})
    page = desk.get(drafted.headers["location"]).text
    preview = _between(page, '<pre class="draft" id="preview">', "</pre>")
    letter = desk.get(f"/corrections/download?id={AIMMS}&format=text").content
    assert preview.count("\n") > 5 and "\\n" not in preview
    assert preview.encode("utf-8") == letter
