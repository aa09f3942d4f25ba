"""The desk's side of asking authors, its action: the rows of a person's "confirm roles" grid
ticked "confirmed with the author" saved as the team's record, "confirmed with the author by
the office"."""

from __future__ import annotations

from starlette.datastructures import FormData
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response

from credit_tracker.desk import forms
from credit_tracker.desk.actions import action
from credit_tracker.desk.confirm_views import confirm_context
from credit_tracker.desk.memory import DeskState
from credit_tracker.desk.render import page
from credit_tracker.domain.errors import CreditTrackerError


@action
def save_confirmed(request: Request, state: DeskState, form: FormData) -> Response:
    """Save the rows ticked "confirmed with the author": their roles become the team's record,
    confirmed with the author by the office today."""
    from credit_tracker.services.confirmation import confirm_at_desk

    pid = request.path_params["pid"]
    try:
        grid = forms.confirm_grid(form)
        if not grid:
            raise forms.FormError("confirm", "tick 'confirmed with the author' on a paper first")
        lines = confirm_at_desk(state.store, pid, grid, state.settings.today())
    except forms.FormError as exc:
        return _error(request, state, pid, exc)
    except CreditTrackerError as exc:
        return _error(request, state, pid, forms.translate(exc, "confirm"))
    target = f"/person/{pid}?done={state.tell(lines)}#confirm-roles"
    return RedirectResponse(target, status_code=303)


def _error(request: Request, state: DeskState, pid: str, exc: forms.FormError) -> Response:
    person = state.index().find(pid)
    context = {"person": person, **confirm_context(state, person)}
    return page(
        request,
        state,
        "confirm_roles.html.j2",
        {**context, "errors": {exc.field: exc.message}},
        400,
    )
