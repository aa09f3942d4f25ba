"""The review desk through Starlette's test client: security, forms, and the CLI's operations.

Every date is the desk's fixed `today`; nothing here reads the wall clock or waits on time.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner
from starlette.testclient import TestClient

from credit_tracker.cli import cli
from credit_tracker.desk import DeskSettings, create_app
from credit_tracker.desk.app import ACTIONS, VIEWS
from credit_tracker.desk.security import CSP, csrf_token
from credit_tracker.domain.names import PersonName
from credit_tracker.store.folder import Store

TOKEN = "test-token-0123456789"
PORT = 8765
ORIGIN = f"http://127.0.0.1:{PORT}"
AIMMS = "10.5555/aimms-mentoring-2025"
ROLE_MISSING = "ct-d11e628cff3a"
TODAY = date(2025, 6, 15)


def make_client(records: Path, read_only: bool = False) -> TestClient:
    """A client that has opened the printed address: it holds the token's cookie."""
    settings = DeskSettings(
        records=records, token=TOKEN, port=PORT, read_only=read_only, today=lambda: TODAY, workers=1
    )
    client = TestClient(create_app(settings), base_url=ORIGIN, follow_redirects=False)
    assert client.get(f"/?token={TOKEN}").status_code == 303
    return client


@pytest.fixture
def desk(example_records: Path) -> Iterator[TestClient]:
    with make_client(example_records) as client:
        yield client


def post(client: TestClient, url: str, data: dict | None = None, **kwargs) -> object:
    """A POST as the desk's own page sends it: its Origin and the form's CSRF token."""
    form = {"csrf": csrf_token(TOKEN), **(data or {})}
    return client.post(url, data=form, headers={"origin": ORIGIN}, **kwargs)


def follow(client: TestClient, response) -> str:
    assert response.status_code == 303, response.text
    page = client.get(response.headers["location"])
    assert page.status_code == 200
    return page.text


def files_of(records: Path) -> dict[str, bytes]:
    return {
        str(p.relative_to(records)): p.read_bytes()
        for p in sorted(records.rglob("*"))
        if p.is_file() and ".index" not in p.parts and p.name != ".lock"
    }


def messages(html: str) -> list[str]:
    block = re.search(r'<section class="done".*?</section>', html, re.S)
    return re.findall(r"<li>(.*?)</li>", block.group(0), re.S) if block else []


# ---- security ------------------------------------------------------------------------------


def _paths(records: Path) -> list[str]:
    return [
        "/",
        "/findings",
        f"/article/{AIMMS}",
        "/person/jane-illes",
        "/corrections",
        "/import",
        "/dois",
        "/static/desk.css",
        "/static/desk.js",
    ]


def test_every_request_without_the_token_is_refused(example_records: Path) -> None:
    app = create_app(DeskSettings(records=example_records, token=TOKEN, port=PORT))
    with TestClient(app, base_url=ORIGIN, follow_redirects=False) as client:
        for path in _paths(example_records):
            assert client.get(path).status_code == 403, path
            assert client.get(f"{path}?token=wrong").status_code == 403, path
        client.cookies.set(f"ct_desk_{PORT}", "wrong")
        assert client.get("/").status_code == 403
        for route in ACTIONS:
            url = route.path.replace("{doi:path}", AIMMS).replace("{pid}", "jane-illes")
            answer = client.post(url, data={"csrf": csrf_token(TOKEN)}, headers={"origin": ORIGIN})
            assert answer.status_code == 403, url


def test_the_printed_address_sets_a_strict_cookie_and_drops_the_token(
    example_records: Path,
) -> None:
    app = create_app(DeskSettings(records=example_records, token=TOKEN, port=PORT))
    with TestClient(app, base_url=ORIGIN, follow_redirects=False) as client:
        answer = client.get(f"/findings?token={TOKEN}&rule=role-missing")
        assert answer.status_code == 303
        assert answer.headers["location"] == "/findings?rule=role-missing"
        cookie = answer.headers["set-cookie"]
        assert "HttpOnly" in cookie and "SameSite=strict" in cookie
        assert client.get("/findings?rule=role-missing").status_code == 200


def test_a_foreign_host_is_refused_even_with_the_token(desk: TestClient) -> None:
    for host in ("evil.example", "127.0.0.1:9999", "localhost", "0.0.0.0:8765"):
        assert desk.get("/", headers={"host": host}).status_code == 403, host
    assert desk.get("/", headers={"host": f"localhost:{PORT}"}).status_code == 200


def test_cross_site_posts_and_missing_csrf_are_refused_and_write_nothing(
    desk: TestClient, example_records: Path
) -> None:
    before = files_of(example_records)
    form = {"finding": ROLE_MISSING, "note": "known", "do": "ack"}
    attempts = [
        desk.post("/findings", data={**form, "csrf": csrf_token(TOKEN)}),  # no Origin, no Referer
        desk.post(
            "/findings",
            data={**form, "csrf": csrf_token(TOKEN)},
            headers={"origin": "http://evil.example"},
        ),
        desk.post(
            "/findings",
            data={**form, "csrf": csrf_token(TOKEN)},
            headers={"referer": "http://evil.example/"},
        ),
        desk.post("/findings", data=form, headers={"origin": ORIGIN}),  # no CSRF token
        desk.post("/findings", data={**form, "csrf": "0" * 64}, headers={"origin": ORIGIN}),
        desk.put("/findings", data=form, headers={"origin": ORIGIN}),
    ]
    assert [a.status_code for a in attempts] == [403] * 6
    assert files_of(example_records) == before
    # the same form, from the desk's own page, is taken
    assert post(desk, "/findings", form).status_code == 303


def test_every_action_checks_the_csrf_token(desk: TestClient, example_records: Path) -> None:
    before = files_of(example_records)
    for route in ACTIONS:
        url = route.path.replace("{doi:path}", AIMMS).replace("{pid}", "jane-illes")
        answer = desk.post(url, data={"do": "member"}, headers={"origin": ORIGIN})
        assert answer.status_code == 403, url
        assert "CSRF" in answer.text
    assert files_of(example_records) == before


def test_every_answer_carries_the_strict_policy(desk: TestClient) -> None:
    assert "'unsafe-inline'" not in CSP and "script-src 'self'" in CSP
    for path in [*_paths(Path()), "/nowhere"]:
        answer = desk.get(path)
        assert answer.headers["content-security-policy"] == CSP, path
        assert answer.headers["x-content-type-options"] == "nosniff"
    refused = desk.get("/", headers={"host": "evil.example"})
    assert refused.headers["content-security-policy"] == CSP


def test_a_non_ascii_token_or_csrf_value_is_refused_not_a_server_error(
    example_records: Path,
) -> None:
    """hmac.compare_digest raises TypeError for str holding non-ASCII: refused, never a 500."""
    app = create_app(DeskSettings(records=example_records, token=TOKEN, port=PORT))
    with TestClient(app, base_url=ORIGIN, follow_redirects=False) as client:
        assert client.get("/?token=%C3%A9t%C3%A9").status_code == 403
        cookie = f"ct_desk_{PORT}=\u00e9t\u00e9".encode()  # a browser may send any byte
        assert client.get("/", headers={"cookie": cookie}).status_code == 403
        assert client.get(f"/?token={TOKEN}").status_code == 303
        before = files_of(example_records)
        form = {"finding": ROLE_MISSING, "note": "known", "do": "ack", "csrf": "\u00e9" * 64}
        answer = client.post("/findings", data=form, headers={"origin": ORIGIN})
        assert answer.status_code == 403 and "CSRF" in answer.text
        assert answer.headers["content-security-policy"] == CSP
        assert files_of(example_records) == before


def test_a_server_error_page_carries_the_strict_policy(
    example_records: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from credit_tracker.desk import views

    def broken(state: object) -> dict:
        raise RuntimeError("a defect")

    monkeypatch.setattr(views, "dashboard", broken)
    settings = DeskSettings(records=example_records, token=TOKEN, port=PORT, workers=1)
    app = create_app(settings)
    client = TestClient(app, base_url=ORIGIN, follow_redirects=False, raise_server_exceptions=False)
    with client:
        assert client.get(f"/?token={TOKEN}").status_code == 303
        answer = client.get("/")
        assert answer.status_code == 500
        assert "Traceback" not in answer.text and "a defect" not in answer.text
        assert answer.headers["content-security-policy"] == CSP
        assert answer.headers["x-frame-options"] == "DENY"
        assert answer.headers["x-content-type-options"] == "nosniff"


def test_read_only_serves_views_and_no_action(example_records: Path) -> None:
    before = files_of(example_records)
    with make_client(example_records, read_only=True) as client:
        page = client.get(f"/article/{AIMMS}").text
        assert "read-only" in page and 'method="post"' not in page
        assert 'method="post"' not in client.get("/findings").text
        for route in ACTIONS:
            url = route.path.replace("{doi:path}", AIMMS).replace("{pid}", "jane-illes")
            assert post(client, url, {"do": "member"}).status_code in (404, 405), url
    assert files_of(example_records) == before


def test_the_routes_are_views_or_actions() -> None:
    assert all(route.methods <= {"GET", "HEAD"} for route in VIEWS)
    assert all(route.methods == {"POST"} for route in ACTIONS)


# ---- hostile text and the former name --------------------------------------------------------

HOSTILE = "<script>alert(1)</script>\u202eevil\x1b[31m"
FORMER = "Janet Formerly-Secret"


def _poison(records: Path) -> None:
    """A publisher prints hostile text in the title and a byline, and the former name."""
    runner = CliRunner()
    added = runner.invoke(
        cli, ["--records", str(records), "person", "add-former-name", "jane-illes", FORMER]
    )
    assert added.exit_code == 0, added.output
    store = Store(records)
    with store.transaction() as loaded:
        record = loaded.articles[AIMMS]
        record.title = f"Mentoring {HOSTILE}"
        history = loaded.snapshots[AIMMS]
        jats = next(s for s in reversed(history) if s.source.value == "jats")
        first = jats.authors[0]
        jats.authors[0] = first.model_copy(update={"raw": f"{first.raw} {HOSTILE}"})
        printed = next(s for s in reversed(history) if s.source.value == "statement")
        n = next(i for i, a in enumerate(printed.authors) if "Ill" in a.raw)
        name = PersonName(given="Janet", family="Formerly-Secret")
        printed.authors[n] = printed.authors[n].model_copy(update={"raw": FORMER, "name": name})


def _every_page(client: TestClient) -> dict[str, str]:
    pages = {path: client.get(path).text for path in _paths(Path())[:7]}
    for path in ("/findings?severity=info", "/person/mirembe-woodrow", "/findings?q=alert"):
        pages[path] = client.get(path).text
    drafted = post(client, "/corrections/draft", {"doi": AIMMS})
    pages["draft"] = follow(client, drafted)
    return pages


def _downloads(client: TestClient) -> dict[str, str]:
    """The drafts as files: attachments, never HTML, so a browser does not render them."""
    found = {}
    for fmt in ("eml", "markdown", "text"):
        answer = client.get(f"/corrections/download?id={AIMMS}&format={fmt}")
        assert "html" not in answer.headers["content-type"]
        assert answer.headers["content-disposition"].startswith("attachment;")
        assert answer.headers["x-content-type-options"] == "nosniff"
        found[fmt] = answer.text
    return found


def test_hostile_publisher_text_is_inert_and_the_former_name_never_sent(
    desk: TestClient, example_records: Path
) -> None:
    _poison(example_records)
    pages = _every_page(desk)
    assert any("alert(1)" in text for text in pages.values())  # shown, as text
    for where, text in pages.items():
        assert "<script>alert" not in text, where
        assert "\u202e" not in text and "\x1b" not in text, where
        assert "Formerly-Secret" not in text and "Janet" not in text, where
    for where, text in _downloads(desk).items():
        assert "Formerly-Secret" not in text and "Janet" not in text, where
    article = pages[f"/article/{AIMMS}"]
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in article
    assert "\\u202e" in article.lower() or "u+202e" in article.lower()


# ---- forms and operations ------------------------------------------------------------------


def _check_json(records: Path) -> dict:
    result = CliRunner().invoke(
        cli, ["--records", str(records), "check", "--format", "json", "--as-of", "2025-06-15"]
    )
    return json.loads(result.stdout)


def test_acknowledging_from_the_queue_is_the_ack_command(
    desk: TestClient, example_records: Path
) -> None:
    queue = desk.get("/findings").text
    assert ROLE_MISSING in queue and "errors" in queue
    answer = post(desk, "/findings", {"finding": ROLE_MISSING, "note": "asked PLOS", "do": "ack"})
    page = follow(desk, answer)
    assert messages(page) == [f"acknowledged {ROLE_MISSING} (role-missing, {AIMMS})"]
    acked = _check_json(example_records)["acknowledged"]
    assert [(a["finding"]["id"], a["note"], a["at"]) for a in acked] == [
        (ROLE_MISSING, "asked PLOS", "2025-06-15")
    ]
    assert "acknowledged" in desk.get("/findings?state=acknowledged").text


@pytest.mark.parametrize(
    ("form", "field", "message"),
    [
        ({"finding": ROLE_MISSING, "note": ""}, "note", "this field is needed"),
        ({"note": "known"}, "finding", "select at least one finding"),
        (
            {"finding": ROLE_MISSING, "note": "asked\r\n::error::PLOS"},
            "note",
            "--note: character 6 is U+000D",
        ),
        (
            {"finding": "ct-000000000000", "note": "known"},
            "finding",
            "FINDING_ID: no current finding has the id 'ct-000000000000'",
        ),
    ],
)
def test_bad_queue_input_is_shown_beside_the_field_and_writes_nothing(
    desk: TestClient, example_records: Path, form: dict, field: str, message: str
) -> None:
    before = files_of(example_records)
    answer = post(desk, "/findings", {**form, "do": "ack"})
    assert answer.status_code == 400
    shown = re.search(rf'<span class="field-error" id="error-{field}">(.*?)</span>', answer.text)
    assert shown is not None and shown.group(1).startswith(message.replace("'", "&#39;"))
    assert files_of(example_records) == before


def _grid(page: str) -> dict[str, str | list[str]]:
    """The role grid's fields as the page fills them in, with the byline it shows."""
    form = re.search(
        r'<form method="post" action="/article-roles/[^"]*" id="roles">.*?</form>', page, re.S
    )
    assert form is not None
    fields: dict[str, str | list[str]] = {
        "byline": re.findall(r'<input type="hidden" name="byline" value="([^"]+)">', form.group(0))
    }
    for select in re.finditer(r'<select name="([^"]+)".*?</select>', form.group(0), re.S):
        chosen = re.search(r'<option value="([^"]*)" selected>', select.group(0))
        fields[select.group(1)] = chosen.group(1) if chosen else ""
    return fields


def test_the_role_grid_saves_through_set_roles_and_undoes_once(
    desk: TestClient, example_records: Path
) -> None:
    page = desk.get(f"/article/{AIMMS}").text
    grid = _grid(page)
    assert grid["role-jane-illes-conceptualization"] == "yes"  # Jane Illés, as recorded
    grid["role-jane-illes-methodology"] = "supporting"
    saved = follow(desk, post(desk, f"/article-roles/{AIMMS}", grid))
    assert messages(saved) == [
        f"{AIMMS}: Jane Illés: roles Conceptualization; Writing – review &amp; editing → "
        "Conceptualization; Methodology (supporting); Writing – review &amp; editing"
    ]
    assert _grid(saved)["role-jane-illes-methodology"] == "supporting"
    shown = CliRunner().invoke(cli, ["--records", str(example_records), "records", "show", AIMMS])
    assert "Methodology (supporting)" in shown.stdout
    undone = follow(desk, post(desk, f"/article-undo/{AIMMS}"))
    assert messages(undone)[0] == "undone:"
    assert _grid(undone)["role-jane-illes-methodology"] == ""
    again = follow(desk, post(desk, f"/article-undo/{AIMMS}"))
    assert messages(again) == ["nothing to undo"]


def _cli(records: Path, *args: str) -> None:
    """A command run from the command line while the desk's page is open."""
    result = CliRunner().invoke(cli, ["--records", str(records), *args])
    assert result.exit_code == 0, result.output


def _roles(records: Path) -> dict[str, str]:
    """Each author's roles as `records show` would list them, by person id."""
    from credit_tracker.domain.models import role_text

    record = Store(records).load([AIMMS]).articles[AIMMS]
    return {author.person: role_text(author) for author in record.authors}


def _refused_as_stale(answer: object) -> None:
    assert answer.status_code == 400
    shown = re.search(r'<span class="field-error" id="error-roles">(.*?)</span>', answer.text)
    assert shown is not None, answer.text[-2000:]
    assert shown.group(1).startswith(f"the byline of {AIMMS} changed after this page was opened")
    assert "nothing was saved" in shown.group(1)


def test_a_grid_from_before_an_author_moved_is_refused_not_saved_onto_others(
    desk: TestClient, example_records: Path
) -> None:
    grid = _grid(desk.get(f"/article/{AIMMS}").text)
    assert grid["byline"][3] == "jane-illes"
    _cli(example_records, "records", "move-author", AIMMS, "jane-illes", "1")
    before = files_of(example_records)
    grid["role-jane-illes-methodology"] = "lead"
    _refused_as_stale(post(desk, f"/article-roles/{AIMMS}", grid))
    assert files_of(example_records) == before
    # the page opened again shows the byline as it is, and its grid saves onto the right people
    fresh = _grid(desk.get(f"/article/{AIMMS}").text)
    assert fresh["byline"][0] == "jane-illes"
    fresh["role-jane-illes-methodology"] = "lead"
    saved = follow(desk, post(desk, f"/article-roles/{AIMMS}", fresh))
    assert messages(saved) == [
        f"{AIMMS}: Jane Illés: roles Conceptualization; Writing – review &amp; editing → "
        "Conceptualization; Methodology (lead); Writing – review &amp; editing"
    ]


def test_a_grid_from_before_a_reimport_added_authors_is_refused(
    desk: TestClient, example_records: Path, tmp_path: Path
) -> None:
    import csv
    import io

    grid = _grid(desk.get(f"/article/{AIMMS}").text)
    table = tmp_path / "aimms.synthetic.csv"
    _cli(example_records, "records", "export", AIMMS, "--output", str(table))
    rows = list(csv.reader(io.StringIO(table.read_text(encoding="utf-8"))))
    added = [*rows[-1]]
    added[:4] = ["16", "Ana", "NA", "Newcomer"]
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows([*rows, added])
    table.write_text(out.getvalue(), encoding="utf-8")
    _cli(example_records, "records", "import", AIMMS, str(table))
    before = files_of(example_records)
    _refused_as_stale(post(desk, f"/article-roles/{AIMMS}", grid))
    assert files_of(example_records) == before
    assert _roles(example_records)["ana-newcomer"] == "not recorded"


def test_a_move_from_a_page_before_the_byline_changed_is_refused(
    desk: TestClient, example_records: Path
) -> None:
    shown = _grid(desk.get(f"/article/{AIMMS}").text)["byline"]
    _cli(example_records, "records", "move-author", AIMMS, "kate-williams", "1")
    before = files_of(example_records)
    form = {"do": "move", "person": "jane-illes", "to": "3", "place": "4", "byline": shown}
    answer = post(desk, f"/article-roles/{AIMMS}", form)
    assert answer.status_code == 400
    assert re.search(r'id="error-byline">the byline of [^<]* changed', answer.text)
    assert files_of(example_records) == before


def test_undo_puts_roles_back_on_the_same_people_after_a_move(
    desk: TestClient, example_records: Path
) -> None:
    before = _roles(example_records)
    grid = _grid(desk.get(f"/article/{AIMMS}").text)
    grid["role-jane-illes-methodology"] = "supporting"
    follow(desk, post(desk, f"/article-roles/{AIMMS}", grid))
    _cli(example_records, "records", "move-author", AIMMS, "jane-illes", "1")
    undone = follow(desk, post(desk, f"/article-undo/{AIMMS}"))
    assert messages(undone) == [
        "undone:",
        f"{AIMMS}: Jane Illés: roles Conceptualization; Methodology (supporting); Writing – "
        "review &amp; editing → Conceptualization; Writing – review &amp; editing",
    ]
    assert _roles(example_records) == before
    assert _byline(example_records)[0] == "jane-illes"  # the move stays: it was not this save


def test_undo_never_overwrites_a_later_edit_of_the_same_roles(
    desk: TestClient, example_records: Path
) -> None:
    grid = _grid(desk.get(f"/article/{AIMMS}").text)
    grid["role-jane-illes-methodology"] = "supporting"
    follow(desk, post(desk, f"/article-roles/{AIMMS}", grid))
    _cli(example_records, "records", "set-roles", AIMMS, "jane-illes", "Software")
    before = files_of(example_records)
    answer = post(desk, f"/article-undo/{AIMMS}")
    assert answer.status_code == 400
    assert "Jane Illés: the roles changed after that save; nothing was undone" in answer.text
    assert files_of(example_records) == before


def test_a_bad_grid_cell_is_refused_beside_it(desk: TestClient, example_records: Path) -> None:
    before = files_of(example_records)
    grid = _grid(desk.get(f"/article/{AIMMS}").text)
    grid["role-jane-illes-software"] = "most"
    answer = post(desk, f"/article-roles/{AIMMS}", grid)
    assert answer.status_code == 400
    assert '<span class="field-error" id="error-role-jane-illes-software">' in answer.text
    assert files_of(example_records) == before


def _byline(records: Path) -> list[str]:
    return [a.person for a in Store(records).load([AIMMS]).articles[AIMMS].authors]


def test_an_author_is_moved_as_move_author_does_and_undone_once(
    desk: TestClient, example_records: Path
) -> None:
    order = _byline(example_records)
    assert order[3] == "jane-illes"
    page = desk.get(f"/article/{AIMMS}").text
    assert 'id="up-jane-illes"' in page and 'id="up-mirembe-woodrow"' not in page
    moved = follow(
        desk,
        post(
            desk,
            f"/article-roles/{AIMMS}",
            {"do": "move", "person": "jane-illes", "place": "1", "byline": order},
        ),
    )
    assert messages(moved) == [
        f"{AIMMS}: Jane Illés: author 4 → 1",
        f"{AIMMS}: Mirembe Woodrow: author 1 → 2",
        f"{AIMMS}: Elizabeth Benedikz: author 2 → 3",
        f"{AIMMS}: Louise D Bryant: author 3 → 4",
    ]
    assert _byline(example_records) == ["jane-illes", *order[:3], *order[4:]]
    assert 'id="undo"' in moved
    # the down button sends the place below: the same rule, one step
    stepped = follow(
        desk,
        post(
            desk,
            f"/article-roles/{AIMMS}",
            {
                "do": "move",
                "person": "jane-illes",
                "to": "2",
                "place": "1",
                "byline": _byline(example_records),
            },
        ),
    )
    assert messages(stepped)[0] == f"{AIMMS}: Jane Illés: author 1 → 2"
    undone = follow(desk, post(desk, f"/article-undo/{AIMMS}"))
    assert messages(undone) == [
        "undone:",
        f"{AIMMS}: Jane Illés: author 2 → 1",
        f"{AIMMS}: Mirembe Woodrow: author 1 → 2",
    ]
    assert _byline(example_records)[0] == "jane-illes"
    assert messages(follow(desk, post(desk, f"/article-undo/{AIMMS}"))) == ["nothing to undo"]


def test_a_printed_name_is_set_as_set_printed_does_and_undone_once(
    desk: TestClient, example_records: Path
) -> None:
    form = {"do": "printed", "person": "jane-illes", "given": "J. P.", "family": "Illés"}
    saved = follow(desk, post(desk, f"/article-roles/{AIMMS}", form))
    assert messages(saved) == [
        f"{AIMMS}: author 4 [jane-illes]: printed name Jane Illés → J. P. Illés"
    ]
    assert (
        'id="given-jane-illes" value="J. P."'
        in saved.replace('aria-label="Jane', "").replace(" aria-label=", " x=")
        or 'value="J. P."' in saved
    )
    shown = CliRunner().invoke(cli, ["--records", str(example_records), "records", "show", AIMMS])
    assert "4. J. P. Illés [jane-illes]" in shown.stdout
    undone = follow(desk, post(desk, f"/article-undo/{AIMMS}"))
    assert messages(undone) == [
        "undone:",
        f"{AIMMS}: author 4 [jane-illes]: printed name J. P. Illés → Jane Illés",
    ]
    record = Store(example_records).load([AIMMS]).articles[AIMMS]
    assert record.authors[3].printed == PersonName(given="Jane", family="Illés")


@pytest.mark.parametrize(
    ("form", "field", "message"),
    [
        (
            {"do": "move", "person": "jane-illes", "place": "16"},
            "place-jane-illes",
            "POSITION: 16 is not a place",
        ),
        (
            {"do": "move", "person": "jane-illes", "place": "x"},
            "place-jane-illes",
            "POSITION: &#39;x&#39; is not a place",
        ),
        (
            {"do": "move", "person": "jane-illes", "place": ""},
            "place-jane-illes",
            "this field is needed",
        ),
        (
            {"do": "move", "person": "nobody", "place": "1"},
            "byline",
            f"no author of {AIMMS} matches",
        ),
        (
            {"do": "printed", "person": "jane-illes", "given": "J\u202e", "family": "Illés"},
            "given-jane-illes",
            "--given: character 2 is U+202E",
        ),
        (
            {"do": "printed", "person": "jane-illes", "given": "J.", "family": " "},
            "family-jane-illes",
            "this field is needed",
        ),
        (
            {"do": "printed", "person": "jane-illes", "given": "J.", "family": "Il\x1blés"},
            "family-jane-illes",
            "--family: character 3 is U+001B",
        ),
    ],
)
def test_a_bad_byline_edit_is_shown_beside_its_field_and_writes_nothing(
    desk: TestClient, example_records: Path, form: dict, field: str, message: str
) -> None:
    before = files_of(example_records)
    answer = post(desk, f"/article-roles/{AIMMS}", {**form, "byline": _byline(example_records)})
    assert answer.status_code == 400
    shown = re.search(rf'<span class="field-error" id="error-{field}">(.*?)</span>', answer.text)
    assert shown is not None and shown.group(1).startswith(message), answer.text[-2000:]
    assert files_of(example_records) == before


def test_a_cross_site_byline_edit_is_refused(desk: TestClient, example_records: Path) -> None:
    before = files_of(example_records)
    form = {"do": "move", "person": "jane-illes", "place": "1", "csrf": csrf_token(TOKEN)}
    evil = desk.post(
        f"/article-roles/{AIMMS}", data=form, headers={"origin": "http://evil.example"}
    )
    foreign = desk.post(
        f"/article-roles/{AIMMS}", data=form, headers={"origin": ORIGIN, "host": "evil.example"}
    )
    tokenless = desk.post(
        f"/article-roles/{AIMMS}", data={**form, "csrf": ""}, headers={"origin": ORIGIN}
    )
    assert [a.status_code for a in (evil, foreign, tokenless)] == [403, 403, 403]
    assert files_of(example_records) == before


def test_person_edits_call_the_person_commands(desk: TestClient, example_records: Path) -> None:
    page = follow(
        desk, post(desk, "/person/jane-illes", {"do": "spelling", "spelling": "J. Illés"})
    )
    assert messages(page) == ["jane-illes: accepted: J. Illés"]
    before = files_of(example_records)
    bad = post(desk, "/person/jane-illes", {"do": "orcid", "orcid": "0000-0002-1825-0098"})
    assert bad.status_code == 400
    assert '<span class="field-error" id="error-orcid">' in bad.text
    refused = post(desk, "/person/jane-illes", {"do": "merge", "other": "mirembe-woodrow"})
    assert refused.status_code == 400
    assert re.search(
        r'id="error-other">jane-illes and mirembe-woodrow are both authors of 10\.5555/aimms',
        refused.text,
    )
    assert files_of(example_records) == before


def test_merging_a_duplicate_is_person_merge(desk: TestClient, example_records: Path) -> None:
    from credit_tracker.domain.models import Person

    with Store(example_records).transaction() as records:
        duplicate = Person(id="j-illes", name=PersonName(given="J.", family="Illés"))
        records.people[duplicate.id] = duplicate
    page = follow(desk, post(desk, "/person/jane-illes", {"do": "merge", "other": "j-illes"}))
    assert messages(page) == [
        "merged j-illes into jane-illes",
        "jane-illes: accepted spelling J. Illés",
    ]
    assert "j-illes" not in Store(example_records).load_team().people


def test_a_request_is_drafted_downloaded_and_marked(
    desk: TestClient, example_records: Path
) -> None:
    page = follow(desk, post(desk, "/corrections/draft", {"doi": AIMMS}))
    assert "drafted" in messages(page)[0] and "nothing was sent" in messages(page)[0]
    assert "Correction request" in page and 'id="preview"' in page
    eml = desk.get(f"/corrections/download?id={AIMMS}&format=eml")
    assert eml.headers["content-type"].startswith("message/rfc822")
    assert "attachment" in eml.headers["content-disposition"]
    assert "Subject: Correction request" in eml.text
    assert "| " in desk.get(f"/corrections/download?id={AIMMS}&format=markdown").text
    bad = post(desk, "/corrections/mark", {"id": AIMMS, "state": "posted", "on": "2025-06-15"})
    assert bad.status_code == 400 and 'id="error-state"' in bad.text
    bad_day = post(desk, "/corrections/mark", {"id": AIMMS, "state": "sent", "on": "15/06/2025"})
    assert bad_day.status_code == 400 and 'id="error-on"' in bad_day.text
    bad_note = post(desk, "/corrections/mark", {"id": AIMMS, "state": "sent", "note": "t\x1b[2J"})
    assert bad_note.status_code == 400
    assert re.search(r'id="error-note">--note: character 2 is U\+001B', bad_note.text)
    sent = follow(
        desk, post(desk, "/corrections/mark", {"id": AIMMS, "state": "sent", "note": "t1"})
    )
    assert messages(sent) == [f"correction request {AIMMS}: sent"]
    report = _check_json(example_records)
    assert report["corrections"][0]["state"] == "sent"
    assert report["summary"]["pending"] > 0
    assert "pending-correction" in desk.get("/findings").text


def _team_table(doi: str, given: str) -> bytes:
    from tests.parse.test_team_table import COLUMNS, TAIL

    header = ["DOI", *COLUMNS]
    rows = [
        ["1", given, "NA", "Berg", *(["FALSE"] * 14)],
        ["2", "Chen", "NA", "Costa", "TRUE", *(["FALSE"] * 13)],
    ]
    lines = [",".join(header)] + [",".join([doi, *row, *TAIL]) for row in rows]
    return ("\n".join(lines) + "\n").encode()


def upload_refused(client: TestClient, name: str, data: bytes, media_type: str) -> str:
    """Upload a file to the import's preview; return the one-line error shown beside the field."""
    answer = post(client, "/import/preview", files={"file": (name, data, media_type)})
    assert answer.status_code == 400
    error = re.search(r'id="error-file">(.*?)</span>', answer.text)
    assert error is not None, answer.text[-2000:]
    return error.group(1)


def test_an_import_is_previewed_then_written(desk: TestClient, example_records: Path) -> None:
    before = files_of(example_records)
    table = _team_table("10.5555/desk-import-1", "Ana")
    preview = post(desk, "/import/preview", files={"file": ("team.csv", table, "text/csv")})
    assert preview.status_code == 200
    assert "create the record for 10.5555/desk-import-1: 2 author(s)" in preview.text
    assert files_of(example_records) == before  # a preview writes nothing
    key = re.search(r'name="preview" value="([^"]+)"', preview.text).group(1)
    page = follow(desk, post(desk, "/import/confirm", {"preview": key}))
    assert messages(page)[0] == "create the record for 10.5555/desk-import-1: 2 author(s)"
    assert "10.5555/desk-import-1" in Store(example_records).load().articles


def test_a_bad_table_is_refused_with_its_line_and_column(
    desk: TestClient, example_records: Path
) -> None:
    before = files_of(example_records)
    table = _team_table("not a doi", "Ana")
    error = upload_refused(desk, "team.csv", table, "text/csv")
    assert error.startswith("team.csv:2: DOI: ")
    assert files_of(example_records) == before


def test_pasted_dois_are_previewed_before_anything_is_looked_up(desk: TestClient) -> None:
    answer = post(desk, "/dois/preview", {"dois": f"https://doi.org/{AIMMS}\n10.5555/new-one"})
    assert answer.status_code == 200
    assert "1 new, 1 already tracked" in answer.text
    assert 'value="10.5555/new-one" checked' in answer.text
    bad = post(desk, "/dois/preview", {"dois": "hello"})
    assert bad.status_code == 400 and 'id="error-dois"' in bad.text


def test_the_queue_pages_rather_than_sending_everything(
    desk: TestClient, example_records: Path
) -> None:
    from credit_tracker.desk import views

    everything = desk.get("/findings?severity=info").text
    count = int(re.search(r'id="count">(\d+) shown', everything).group(1))
    assert count <= views.PAGE_SIZE  # the example is small: one page
    assert everything.count('<tr class="sev-') == count
    assert desk.get("/findings?page=0").status_code == 400
    assert desk.get("/findings?severity=loud").status_code == 400


# ---- the serve command -----------------------------------------------------------------------


def test_serve_binds_loopback_only_and_prints_a_fresh_token(
    example_records: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import uvicorn

    bound = []

    def run(self, sockets=None) -> None:  # the server's loop is not started in this test
        bound.extend(sock.getsockname() for sock in sockets)

    monkeypatch.setattr(uvicorn.Server, "run", run)
    runner = CliRunner()
    first = runner.invoke(cli, ["--records", str(example_records), "serve", "--port", "0"])
    second = runner.invoke(cli, ["--records", str(example_records), "serve", "--port", "0"])
    assert first.exit_code == 0, first.output
    url = re.fullmatch(r"http://127\.0\.0\.1:(\d+)/\?token=([\w-]{40,})\n", first.stdout)
    assert url is not None, first.stdout
    assert [host for host, _port in bound] == ["127.0.0.1", "127.0.0.1"]
    assert int(url.group(1)) == bound[0][1]
    assert url.group(2) not in second.stdout  # a fresh token each time


def test_serve_refuses_a_folder_without_records(tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["--records", str(tmp_path / "none"), "serve"])
    assert result.exit_code == 3
    assert "no records here" in result.stderr


def test_serve_says_when_the_port_is_taken(example_records: Path) -> None:
    import socket

    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen(1)
        port = taken.getsockname()[1]
        result = CliRunner().invoke(
            cli, ["--records", str(example_records), "serve", "--port", str(port)]
        )
    assert result.exit_code == 3
    assert f"cannot listen on 127.0.0.1:{port}" in result.stderr


def test_an_action_on_something_unknown_says_so_and_writes_nothing(
    desk: TestClient, example_records: Path
) -> None:
    before = files_of(example_records)
    answers = [
        post(desk, "/corrections/draft", {"doi": "10.5555/not-tracked"}),
        post(desk, "/corrections/draft", {"doi": "not a doi"}),
        post(desk, "/article-roles/10.5555/not-tracked", {}),
        post(desk, "/person/nobody-at-all", {"do": "member"}),
        post(desk, "/corrections/mark", {"id": "10.5555/none", "state": "sent"}),
        post(desk, "/import/confirm", {"preview": "gone"}),
    ]
    assert [a.status_code for a in answers] == [404, 400, 404, 404, 400, 400]
    assert all("Nothing was written" in a.text for a in answers[:4])
    assert files_of(example_records) == before


def test_roles_ticked_for_an_author_not_recorded_are_refused_not_dropped(
    desk: TestClient, example_records: Path
) -> None:
    before = files_of(example_records)
    grid = _grid(desk.get(f"/article/{AIMMS}").text)
    assert grid["state-mirembe-woodrow"] == "not-recorded"
    grid["role-mirembe-woodrow-software"] = "lead"
    answer = post(desk, f"/article-roles/{AIMMS}", grid)
    assert answer.status_code == 400
    assert (
        "roles are ticked: choose" in answer.text
        and 'id="error-state-mirembe-woodrow"' in answer.text
    )
    assert files_of(example_records) == before
    grid["state-mirembe-woodrow"] = "recorded"
    saved = follow(desk, post(desk, f"/article-roles/{AIMMS}", grid))
    assert messages(saved)[0].endswith("roles not recorded → Software (lead)")


def test_the_queue_filters_as_the_report_does(desk: TestClient) -> None:
    def shown(query: str) -> int:
        page = desk.get(f"/findings?{query}").text
        return int(re.search(r'id="count">(\d+) shown', page).group(1))

    everything = shown("severity=info")
    assert shown("severity=error") <= shown("severity=warning") <= everything
    assert shown("severity=info&rule=role-missing") == 2
    assert shown("severity=info&person=jane-illes") >= 3
    assert shown("severity=info&person=nobody") == 0
    assert shown("severity=info&publisher=PLOS") == everything
    assert shown("severity=info&publisher=Elsevier") == 0
    assert shown("severity=info&q=conceptualization") == 1
    assert shown("severity=info&state=pending-correction") == 0
    by_rule = desk.get("/findings?severity=info&sort=rule").text
    rules = re.findall(r"<td>([a-z-]+)<br><small>", by_rule)
    assert rules == sorted(rules)
