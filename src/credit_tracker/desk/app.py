"""The desk's application: its routes, the guard around them and its static files.

Starlette, because it is small and well kept, answers with plain request/response functions,
has a test client, and runs on uvicorn; Jinja2 (already the report's template engine) renders.
"""

from __future__ import annotations

from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.routing import BaseRoute, Mount, Route
from starlette.staticfiles import StaticFiles

from credit_tracker.desk import actions, pages
from credit_tracker.desk.memory import DeskSettings, DeskState
from credit_tracker.desk.security import Guard
from credit_tracker.domain.errors import CreditTrackerError

__all__ = ["DeskSettings", "create_app"]

VIEWS = [
    Route("/", pages.dashboard),
    Route("/findings", pages.findings),
    Route("/article/{doi:path}", pages.article),
    Route("/person/{pid}", pages.person),
    Route("/corrections", pages.corrections),
    Route("/corrections/view", pages.correction),
    Route("/corrections/download", pages.download),
    Route("/import", pages.import_form),
    Route("/dois", pages.dois_form),
    # the progress as JSON first: "/jobs/{jid}" alone would take "ID.json" as the job's id
    Route("/jobs/{jid}.json", pages.job_json),
    Route("/jobs/{jid}", pages.job),
]
ACTIONS = [
    Route("/findings", actions.findings_act, methods=["POST"]),
    Route("/article-roles/{doi:path}", actions.save_roles, methods=["POST"]),
    Route("/article-undo/{doi:path}", actions.undo_roles, methods=["POST"]),
    Route("/person/{pid}", actions.edit_person, methods=["POST"]),
    Route("/corrections/draft", actions.draft, methods=["POST"]),
    Route("/corrections/mark", actions.mark, methods=["POST"]),
    Route("/import/preview", actions.import_preview, methods=["POST"]),
    Route("/import/confirm", actions.import_confirm, methods=["POST"]),
    Route("/dois/preview", actions.dois_preview, methods=["POST"]),
    Route("/dois/add", actions.dois_add, methods=["POST"]),
    Route("/fetch", actions.fetch, methods=["POST"]),
]
"""Every state change; in --read-only mode none of them is served."""


def create_app(settings: DeskSettings) -> Starlette:
    """Return the desk over `settings.records`, guarded by `settings.token`."""
    from importlib import resources

    static = resources.files("credit_tracker.desk").joinpath("static")
    routes: list[BaseRoute] = [*VIEWS, Mount("/static", StaticFiles(directory=str(static)))]
    if not settings.read_only:
        routes = [*ACTIONS, *routes]
    app = Starlette(
        routes=routes,
        middleware=[Middleware(Guard, token=settings.token, port=settings.port)],
        exception_handlers={CreditTrackerError: pages.refused},
    )
    app.state.desk = DeskState(settings)
    return app
