"""The desk's pages (GET): dashboard, findings queue, article, person, corrections, import, jobs.

Views only: nothing here writes to the records. They are plain functions: Starlette runs them in
its thread pool, so a long whole-store check never holds up the other pages (a job's progress).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from pydantic import ValidationError
from starlette.requests import Request
from starlette.responses import JSONResponse, PlainTextResponse, Response

from credit_tracker.desk import views
from credit_tracker.desk.memory import DeskState
from credit_tracker.desk.render import page
from credit_tracker.domain.errors import CreditTrackerError, InputError, NotFoundError


def _state(request: Request) -> DeskState:
    state: DeskState = request.app.state.desk
    return state


def refused(request: Request, exc: Exception) -> Response:
    """The desk's one hook for the core's typed errors a page did not place itself: the
    command's one-line message on a page, never a server error (a store that cannot be read
    or written, a full disk: 503; bad input: 400; something not in the records: 404)."""
    assert isinstance(exc, CreditTrackerError)
    status = 404 if isinstance(exc, NotFoundError) else 400 if isinstance(exc, InputError) else 503
    return page(request, _state(request), "missing.html.j2", {"reason": str(exc)}, status)


def dashboard(request: Request) -> Response:
    state = _state(request)
    return page(request, state, "dashboard.html.j2", views.dashboard(state))


def findings(request: Request) -> Response:
    state = _state(request)
    try:
        query = views.QueueQuery.model_validate(dict(request.query_params))
    except ValidationError as exc:
        first = exc.errors()[0]
        return PlainTextResponse(f"{first['loc'][0]}: {first['msg']}\n", status_code=400)
    return page(request, state, "findings.html.j2", views.queue(state, query))


def article_context(state: DeskState, doi: str) -> dict[str, Any]:
    """The article page's data; NotFoundError for a DOI the records do not hold."""
    from credit_tracker.services.records import review_article

    settings = state.settings
    return views.article(review_article(state.index(), doi, settings.today(), settings.stale_after))


def article(request: Request) -> Response:
    state = _state(request)

    def context() -> dict[str, Any]:
        found = article_context(state, request.path_params["doi"])
        return {**found, "undo": state.undo.get(found["record"].doi)}

    return _or_missing(request, state, "article.html.j2", context)


def person_context(state: DeskState, person_id: str) -> dict[str, Any]:
    """The author view of one person; NotFoundError when nobody has the id."""
    from credit_tracker.render.author.base import person_entries
    from credit_tracker.services.people import person_view

    index = state.index()
    person = index.find(person_id)
    view = person_view(index, person, state.settings.today(), state.settings.stale_after)
    rows = [views.row(e, {}) for e in person_entries(view)]
    return {"view": view, "person": person, "rows": rows, "former": len(person.former_names)}


def person(request: Request) -> Response:
    state = _state(request)
    pid = request.path_params["pid"]
    return _or_missing(request, state, "person.html.j2", lambda: person_context(state, pid))


def _or_missing(
    request: Request, state: DeskState, name: str, context: Callable[[], dict[str, Any]]
) -> Response:
    """The page, or the page saying what the address names is not in the records (404)."""
    try:
        found = context()
    except CreditTrackerError as exc:
        return page(request, state, "missing.html.j2", {"reason": str(exc)}, status=404)
    return page(request, state, name, found)


def corrections(request: Request) -> Response:
    state = _state(request)
    report = state.checked().survey.report
    team = state.index().team()
    requests = [
        {"status": s, "steps": team.corrections[s.id].history if s.id in team.corrections else []}
        for s in report.corrections
    ]
    return page(request, state, "corrections.html.j2", {"requests": requests})


def correction(request: Request) -> Response:
    """One request: its steps, the draft as text, downloads and the form to mark a step."""
    state = _state(request)
    request_id = request.query_params.get("id", "")
    try:
        text = draft_text(state, request_id, "text")
    except CreditTrackerError as exc:
        return page(request, state, "missing.html.j2", {"reason": str(exc)}, status=404)
    team = state.index().team()
    status = next(
        (s for s in state.checked().survey.report.corrections if s.id == request_id), None
    )
    return page(
        request,
        state,
        "correction.html.j2",
        {
            "request": team.corrections[request_id],
            "status": status,
            "text": text,
            "today": state.settings.today().isoformat(),
        },
    )


def draft_text(state: DeskState, request_id: str, fmt: str) -> str:
    """The request's draft rendered again from the current findings it asks about."""
    from credit_tracker.render.drafts import DRAFT_FORMATS
    from credit_tracker.services.corrections import request_draft

    return DRAFT_FORMATS[fmt]().render(request_draft(state.store, request_id))


def download(request: Request) -> Response:
    """The request's draft as a file, in one of the draft formats (.eml by default)."""
    from credit_tracker.render.drafts import DRAFT_FORMATS

    state = _state(request)
    fmt = request.query_params.get("format", "eml")
    if fmt not in DRAFT_FORMATS:
        *names, last = sorted(DRAFT_FORMATS)
        return PlainTextResponse(f"format: {', '.join(names)} or {last}\n", status_code=400)
    request_id = request.query_params.get("id", "")
    try:
        text = draft_text(state, request_id, fmt)
    except CreditTrackerError as exc:
        return PlainTextResponse(f"{exc}\n", status_code=404)
    output = DRAFT_FORMATS[fmt]
    name = "".join(c if c.isalnum() else "-" for c in request_id)[:80]
    return Response(
        text.encode("utf-8"),
        media_type=f"{output.media_type}; charset=utf-8",
        headers={"content-disposition": f'attachment; filename="request-{name}{output.extension}"'},
    )


def import_form(request: Request) -> Response:
    return page(request, _state(request), "import.html.j2", {"preview": None})


def dois_form(request: Request) -> Response:
    return page(request, _state(request), "dois.html.j2", {"preview": None, "text": ""})


def job(request: Request) -> Response:
    state = _state(request)
    found = state.jobs.get(request.path_params["jid"])
    if found is None:
        return page(request, state, "missing.html.j2", {"reason": "no such job"}, status=404)
    return page(request, state, "job.html.j2", {"job": found})


def job_json(request: Request) -> Response:
    found = _state(request).jobs.get(request.path_params["jid"])
    if found is None:
        return JSONResponse({"error": "no such job"}, status_code=404)
    return JSONResponse({"done": found.done, "total": found.total, "finished": found.finished})
