"""The desk's actions (POST): each reads its form through the CSRF check, parses it into models,
calls the operation the command calls, and sends the browser on to a page showing what changed.

Bad input is shown beside its field with the command's one-line message, and nothing is written.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any

from starlette.concurrency import run_in_threadpool
from starlette.datastructures import FormData, UploadFile
from starlette.requests import Request
from starlette.responses import PlainTextResponse, RedirectResponse, Response

from credit_tracker.desk import changes, forms, jobs, pages, views
from credit_tracker.desk.memory import DeskState, Undo
from credit_tracker.desk.render import page
from credit_tracker.desk.security import Refused, checked_form
from credit_tracker.domain.errors import CreditTrackerError, InputError, NotFoundError
from credit_tracker.domain.identifiers import normalize_doi
from credit_tracker.parse.spreadsheet import MAX_TEAM_TABLE_BYTES
from credit_tracker.services.byline import Reverse

Handler = Callable[[Request, DeskState, FormData], Response]


def action(handler: Handler) -> Callable[[Request], Awaitable[Response]]:
    """Wrap an action: the CSRF check first, then the handler in the thread pool (it does I/O
    and takes the records' lock)."""

    async def endpoint(request: Request) -> Response:
        state: DeskState = request.app.state.desk
        try:
            form = await checked_form(request, state.settings.token)
        except Refused as exc:
            return PlainTextResponse(f"refused: {exc}\n", status_code=403)
        return await run_in_threadpool(_guarded, handler, request, state, form)

    endpoint.__name__ = handler.__name__
    endpoint.__doc__ = handler.__doc__
    return endpoint


def _guarded(handler: Handler, request: Request, state: DeskState, form: FormData) -> Response:
    """Run the handler; a typed error it did not place beside a field is shown on its own page
    (translated once, here), never as a server error."""
    try:
        return handler(request, state, form)
    except forms.FormError as exc:
        return page(request, state, "missing.html.j2", {"reason": exc.message}, 400)
    except CreditTrackerError as exc:
        status = 404 if isinstance(exc, NotFoundError) else 400
        return page(request, state, "missing.html.j2", {"reason": str(exc)}, status)


def _done(state: DeskState, target: str, lines: list[str]) -> Response:
    joiner = "&" if "?" in target else "?"
    return RedirectResponse(f"{target}{joiner}done={state.tell(lines)}", status_code=303)


def _members(form: FormData) -> list[str]:
    return [forms.text(form, "members", required=False)] if form.get("members") else []


@action
def findings_act(request: Request, state: DeskState, form: FormData) -> Response:
    """Acknowledge the selected findings with one note, or draft requests from them."""
    try:
        if form.get("do") == "draft":
            return _draft_selected(state, form)
        chosen = forms.ack_form(form)
        shown = {entry.finding.id: entry.finding.doi for entry in state.checked().every}
        within = {shown[fid] for fid in chosen.finding_ids if fid in shown}
        lines = changes.acknowledge(
            state.store, chosen.finding_ids, chosen.note, state.settings.today(), within
        )
    except forms.FormError as exc:
        return _queue_error(request, state, exc)
    except CreditTrackerError as exc:
        return _queue_error(request, state, forms.translate(exc, "finding"))
    return _done(state, "/findings", lines)


def _draft_selected(state: DeskState, form: FormData) -> Response:
    ids = {v for v in form.getlist("finding") if isinstance(v, str)}
    if not ids:
        raise forms.FormError("finding", "select at least one finding")
    dois = sorted({e.finding.doi for e in state.checked().every if e.finding.id in ids})
    lines = []
    for doi in dois:
        request, errors = changes.draft_request(state.store, doi, ids, state.settings.today())
        lines.append(f"correction request {request.id}: drafted ({errors} error(s)); nothing sent")
    return _done(state, "/corrections", lines)


def _queue_error(request: Request, state: DeskState, exc: forms.FormError) -> Response:
    context = views.queue(state, views.QueueQuery())
    return page(
        request, state, "findings.html.j2", {**context, "errors": {exc.field: exc.message}}, 400
    )


@dataclass
class EditUndo(Undo):
    """The last save of an author's place or printed name: `reverse` puts it back, once.

    (`Undo` itself holds what a save of the role grid replaced.)
    """

    reverse: Reverse


@action
def save_roles(request: Request, state: DeskState, form: FormData) -> Response:
    """Save an edit of the article's byline: the role grid (as `records set-roles`), or, when
    the form says `do`, an author's place (`records move-author`) or printed name
    (`records set-printed`)."""
    doi = normalize_doi(request.path_params["doi"])
    if form.get("do") in _AUTHOR_EDITS:
        return _edit_author(request, state, doi, form)
    try:
        grid = forms.role_grid(form)
        saved = changes.save_roles(state.store, doi, grid.roles, grid.byline)
    except forms.FormError as exc:
        return _article_error(request, state, doi, exc)
    except CreditTrackerError as exc:
        return _article_error(request, state, doi, forms.translate(exc, "roles"))
    if saved.after:
        state.undo[doi] = Undo(doi=doi, roles=saved, changes=saved.lines)
    return _done(state, f"/article/{doi}", saved.lines or [f"{doi}: no changes"])


_AUTHOR_EDITS = {
    "move": lambda s, doi, pid, f: changes.move(
        s,
        doi,
        pid,
        forms.text(f, "to", required=False) or forms.text(f, "place"),
        forms.form_byline(f),
    ),
    "printed": lambda s, doi, pid, f: changes.set_printed_name(
        s, doi, pid, forms.text(f, "given", required=False), forms.text(f, "family")
    ),
}


def _edit_author(request: Request, state: DeskState, doi: str, form: FormData) -> Response:
    """Move one author or set their printed name; the error goes beside the author's field."""
    pid = forms.text(form, "person", required=False)
    what = str(form.get("do"))
    try:
        edited = _AUTHOR_EDITS[what](state.store, doi, pid, form)
    except forms.FormError as exc:
        return _article_error(request, state, doi, forms.author_error(exc.field, pid, exc.message))
    except CreditTrackerError as exc:
        field = exc.field if isinstance(exc, InputError) else None
        return _article_error(request, state, doi, forms.author_error(field, pid, str(exc)))
    lines = edited.lines
    if edited.reverse is not None:
        state.undo[doi] = EditUndo(doi=doi, roles=None, changes=lines, reverse=edited.reverse)
    return _done(state, f"/article/{doi}", lines or [f"{doi}: no changes"])


@action
def undo_roles(request: Request, state: DeskState, form: FormData) -> Response:
    """Undo the article's last save (roles, an author's place or printed name), once."""
    doi = normalize_doi(request.path_params["doi"])
    undo = state.undo.pop(doi, None)
    if undo is None:
        return _done(state, f"/article/{doi}", ["nothing to undo"])
    try:
        if isinstance(undo, EditUndo):
            lines = undo.reverse(state.store)
        elif undo.roles is not None:
            lines = changes.undo_roles(state.store, doi, undo.roles)
        else:
            lines = []
    except CreditTrackerError as exc:
        return _article_error(request, state, doi, forms.translate(exc, "roles"))
    return _done(state, f"/article/{doi}", ["undone:", *lines])


def _article_error(request: Request, state: DeskState, doi: str, exc: forms.FormError) -> Response:
    context: dict[str, Any] = pages.article_context(state, doi)
    context |= {"errors": {exc.field: exc.message}, "undo": state.undo.get(doi)}
    return page(request, state, "article.html.j2", context, 400)


_PERSON_EDITS = {
    "spelling": lambda s, pid, f: changes.add_spelling(s, pid, forms.text(f, "spelling")),
    "orcid": lambda s, pid, f: changes.set_orcid(s, pid, forms.text(f, "orcid")),
    "member": lambda s, pid, f: changes.set_member(s, pid, True),
    "co-author": lambda s, pid, f: changes.set_member(s, pid, False),
    "merge": lambda s, pid, f: changes.merge(s, pid, forms.text(f, "other")),
}
_PERSON_FIELDS = {"spelling": "spelling", "orcid": "orcid", "merge": "other"}


@action
def edit_person(request: Request, state: DeskState, form: FormData) -> Response:
    """A person's spellings, ORCID iD, membership, or merging another record into them."""
    pid = request.path_params["pid"]
    what = forms.text(form, "do", required=False)
    edit = _PERSON_EDITS.get(what)
    if edit is None:
        return PlainTextResponse("unknown edit\n", status_code=400)
    field = _PERSON_FIELDS.get(what, "do")
    try:
        lines = edit(state.store, pid, form)
    except forms.FormError as exc:
        return _person_error(request, state, pid, exc)
    except CreditTrackerError as exc:
        return _person_error(request, state, pid, forms.translate(exc, field))
    return _done(state, f"/person/{pid}", lines)


def _person_error(request: Request, state: DeskState, pid: str, exc: forms.FormError) -> Response:
    context = pages.person_context(state, pid) | {"errors": {exc.field: exc.message}}
    return page(request, state, "person.html.j2", context, 400)


@action
def draft(request: Request, state: DeskState, form: FormData) -> Response:
    """Draft the article's correction request from its open findings."""
    doi = forms.text(form, "doi", required=False)
    try:
        made, errors = changes.draft_request(state.store, doi, [], state.settings.today())
    except CreditTrackerError as exc:
        return _article_error(request, state, doi, forms.translate(exc, "draft"))
    lines = [f"correction request {made.id}: drafted ({errors} error(s)); nothing was sent"]
    return _done(state, f"/corrections/view?id={made.id}", lines)


@action
def mark(request: Request, state: DeskState, form: FormData) -> Response:
    """Record a step of a request: sent, acknowledged, resolved, won't fix."""
    request_id = forms.text(form, "id", required=False)
    try:
        step = forms.mark_form(form, state.settings.today())
        made = changes.mark_request(state.store, request_id, step.state, step.on, step.note)
    except forms.FormError as exc:
        return _correction_error(request, state, request_id, exc)
    except CreditTrackerError as exc:
        return _correction_error(request, state, request_id, forms.translate(exc, "state"))
    target = f"/corrections/view?id={made.id}"
    return _done(state, target, [f"correction request {made.id}: {made.state.value}"])


def _correction_error(
    request: Request, state: DeskState, request_id: str, exc: forms.FormError
) -> Response:
    team = state.index().team()
    if request_id not in team.corrections:
        return PlainTextResponse(f"{exc.message}\n", status_code=400)
    context = {
        "request": team.corrections[request_id],
        "status": None,
        "text": pages.draft_text(state, request_id, "text"),
        "today": state.settings.today().isoformat(),
        "errors": {exc.field: exc.message},
    }
    return page(request, state, "correction.html.j2", context, 400)


@action
def import_preview(request: Request, state: DeskState, form: FormData) -> Response:
    """Read the uploaded table and show what importing it would change; nothing is written."""
    from credit_tracker.parse.import_file import read_articles

    upload = form.get("file")
    try:
        if not isinstance(upload, UploadFile) or not upload.filename:
            raise forms.FormError("file", "choose a file to import")
        data = upload.file.read(MAX_TEAM_TABLE_BYTES + 1)
        name = upload.filename
        members = _members(form)
        articles = read_articles(data, name, None, None, None)
        lines = changes.preview(state.store, articles, members, name)
    except forms.FormError as exc:
        return _import_error(request, state, exc)
    except CreditTrackerError as exc:
        return _import_error(request, state, forms.translate(exc, "file"))
    key = state.tell([])
    state.previews[key] = (name, data, ",".join(members))
    preview = {"id": key, "name": name, "lines": lines}
    return page(request, state, "import.html.j2", {"preview": preview})


def _import_error(request: Request, state: DeskState, exc: forms.FormError) -> Response:
    context = {"preview": None, "errors": {exc.field: exc.message}}
    return page(request, state, "import.html.j2", context, 400)


@action
def import_confirm(request: Request, state: DeskState, form: FormData) -> Response:
    """Import the previewed file for real, under the records' lock."""
    from credit_tracker.parse.import_file import read_articles

    held = state.previews.pop(forms.text(form, "preview", required=False), None)
    if held is None:
        return _import_error(request, state, forms.FormError("file", "upload the file again"))
    name, data, members = held
    try:
        articles = read_articles(data, name, None, None, None)
        lines = changes.import_file(state.store, articles, [members] if members else [], name)
    except CreditTrackerError as exc:
        return _import_error(request, state, forms.translate(exc, "file"))
    return _done(state, "/findings", lines)


@action
def dois_preview(request: Request, state: DeskState, form: FormData) -> Response:
    """List which pasted DOIs are new and which are tracked already; nothing is looked up yet."""
    from credit_tracker.parse.doi_list import parse_doi_list

    text = forms.text(form, "dois", required=False, limit=1_000_000)
    members = forms.text(form, "members", required=False)
    try:
        dois = parse_doi_list(text.encode("utf-8"), "the list")
        if not dois:
            raise forms.FormError("dois", "no DOIs: paste them, one a line")
    except forms.FormError as exc:
        return _dois_error(request, state, text, exc, members)
    except CreditTrackerError as exc:
        return _dois_error(request, state, text, forms.translate(exc, "dois"), members)
    tracked = set(state.store.load(dois).articles)
    preview = {
        "new": [d for d in dois if d not in tracked],
        "tracked": [d for d in dois if d in tracked],
        "members": members,
    }
    return page(request, state, "dois.html.j2", {"preview": preview, "text": text})


def _dois_error(
    request: Request, state: DeskState, text: str, exc: forms.FormError, members: str = ""
) -> Response:
    """The form again with what was typed, byte for byte, and the error beside its field."""
    context = {
        "preview": None,
        "text": text,
        "members": members,
        "errors": {exc.field: exc.message},
    }
    return page(request, state, "dois.html.j2", context, 400)


@action
def dois_add(request: Request, state: DeskState, form: FormData) -> Response:
    """Add the new DOIs through Crossref, in the background, with progress."""
    dois = [normalize_doi(v) for v in form.getlist("doi") if isinstance(v, str)]
    try:
        if not dois:
            raise forms.FormError("dois", "no new DOIs to add")
        job = jobs.start(state, "add", jobs.add_job(state, dois, _members(form)))
    except forms.FormError as exc:
        return _dois_error(request, state, "", exc)
    except CreditTrackerError as exc:
        return _dois_error(request, state, "", forms.translate(exc, "dois"))
    return RedirectResponse(f"/jobs/{job.id}", status_code=303)


@action
def fetch(request: Request, state: DeskState, form: FormData) -> Response:
    """Fetch every article (or the one named) from Crossref and the publishers, with progress."""
    doi = forms.text(form, "doi", required=False)
    try:
        job = jobs.start(state, "fetch", jobs.fetch_job(state, [doi] if doi else []))
    except CreditTrackerError as exc:
        return PlainTextResponse(f"{exc}\n", status_code=409)
    return RedirectResponse(f"/jobs/{job.id}", status_code=303)
