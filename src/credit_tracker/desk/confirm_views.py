"""The desk's side of asking authors, its pages: a person's "confirm roles" grid (the same grid
as their sheet, pre-filled per paper) and the round's status page. Its own routes and template
partial, so that the person page includes it with one line; saving it is confirm_actions.py."""

from __future__ import annotations

from typing import Any

from starlette.requests import Request
from starlette.responses import Response

from credit_tracker.desk.memory import DeskState
from credit_tracker.desk.render import page
from credit_tracker.domain.confirm_sheet import SHEET_SOURCES, ConfirmationSheet
from credit_tracker.domain.confirmation import ROLE_COLUMNS, PlaceState
from credit_tracker.domain.credit import BY_SLUG
from credit_tracker.domain.errors import CreditTrackerError
from credit_tracker.domain.models import Person

REMIND_AFTER = 30
"""Days after which the status page shows a request as overdue."""


def confirm_context(state: DeskState, person: Person) -> dict[str, Any]:
    """What the "confirm roles" partial shows for `person`: a row per paper, each role's cell
    pre-filled as their sheet would be, with what each source states."""
    from credit_tracker.services.confirmation import desk_sheet

    sheet = desk_sheet(state.index(), person, state.settings.today())
    return {"confirm": {"rows": _rows(sheet), "roles": [BY_SLUG[s] for s, _l in ROLE_COLUMNS]}}


def _rows(sheet: ConfirmationSheet) -> list[dict[str, Any]]:
    names = dict(SHEET_SOURCES)
    return [
        {
            "n": n,
            "doi": paper.doi,
            "title": paper.title,
            "position": paper.position,
            "record": paper.record,
            "cells": {
                cell.slug: {
                    "value": cell.prefill,
                    "sources": "; ".join(f"{names[s]}: {state}" for s, state in cell.sources),
                }
                for cell in paper.cells
            },
        }
        for n, paper in enumerate(sheet.papers)
    ]


def confirm_page(request: Request) -> Response:
    """The person's grid on a page of its own (the person page includes the same partial)."""
    state: DeskState = request.app.state.desk
    try:
        person = state.index().find(request.path_params["pid"])
        context = {"person": person, **confirm_context(state, person)}
    except CreditTrackerError as exc:
        return page(request, state, "missing.html.j2", {"reason": str(exc)}, status=404)
    return page(request, state, "confirm_roles.html.j2", context)


def round_page(request: Request) -> Response:
    """Where the round stands: every person asked, per paper, overdue after REMIND_AFTER days."""
    from credit_tracker.services.confirmation import status

    state: DeskState = request.app.state.desk
    found = status(
        state.store, [], members=False, today=state.settings.today(), remind_after=REMIND_AFTER
    )
    counts = {s.value: sum(1 for place in found if place.state is s) for s in PlaceState}
    context = {"places": found, "counts": counts, "remind_after": REMIND_AFTER}
    return page(request, state, "confirm.html.j2", context)
