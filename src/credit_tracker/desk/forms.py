"""What the desk's forms send, parsed into models before any operation sees it.

A field that does not parse raises `FormError` naming the field, with a one-line message; the
page shows it beside the field and nothing is written.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TypeVar

from pydantic import BaseModel, Field, ValidationError
from starlette.datastructures import FormData

from credit_tracker.domain.credit import ROLES, Degree
from credit_tracker.domain.errors import CreditTrackerError, InputError
from credit_tracker.domain.models import RequestState, RoleAssignment

NO_ROLES, NOT_RECORDED, RECORDED = "none", "not-recorded", "recorded"
M = TypeVar("M", bound=BaseModel)
HELD = "yes"
"""A grid cell: the role held with no degree stated; else a degree's name, or '' for not held."""


class FormError(Exception):
    """A form field that does not parse: shown beside the field, nothing written."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field
        self.message = message


_OPTION_FIELDS = {"--note": "note"}
"""A command's option the core names in an error → the form's field that holds that input."""


def translate(exc: CreditTrackerError, field: str) -> FormError:
    """The core's typed error as a form error: the CLI's one-line message, beside `field` (or
    beside the form's field for the option the error names, such as a note)."""
    named = exc.field if isinstance(exc, InputError) else None
    return FormError(_OPTION_FIELDS.get(named or "", field), str(exc))


_AUTHOR_FIELDS = {"--given": "given", "--family": "family", "POSITION": "place"}


def author_error(field: str | None, person: str, message: str) -> FormError:
    """An error of one author's edit, beside that author's field (`place-PERSON`,
    `given-PERSON`, `family-PERSON`); above the byline when it names no field of theirs (an
    author the article does not have)."""
    name = _AUTHOR_FIELDS.get(field or "", field)
    if name not in _AUTHOR_FIELDS.values():
        return FormError("byline", message)
    return FormError(f"{name}-{person}", message)


class AckForm(BaseModel):
    """Acknowledge the selected findings with one note."""

    finding_ids: list[str] = Field(min_length=1)
    note: str = Field(min_length=1, max_length=1000)


class MarkForm(BaseModel):
    """A step in a correction request's life."""

    state: RequestState
    on: date
    note: str = Field(default="", max_length=1000)


def text(form: FormData, name: str, required: bool = True, limit: int = 2000) -> str:
    """A text field, stripped; FormError when required and empty, or longer than `limit`."""
    value = form.get(name)
    value = value.strip() if isinstance(value, str) else ""
    if required and not value:
        raise FormError(name, "this field is needed")
    if len(value) > limit:
        raise FormError(name, f"at most {limit} characters")
    return value


def ack_form(form: FormData) -> AckForm:
    ids = [v for v in form.getlist("finding") if isinstance(v, str)]
    if not ids:
        raise FormError("finding", "select at least one finding")
    return _model(AckForm, {"finding_ids": ids, "note": text(form, "note")})


def mark_form(form: FormData, today: date) -> MarkForm:
    return _model(
        MarkForm,
        {
            "state": text(form, "state"),
            "on": text(form, "on", required=False) or today.isoformat(),
            "note": text(form, "note", required=False),
        },
    )


@dataclass(frozen=True)
class RoleGridForm:
    """The role grid as sent: the byline the page showed (person ids, in order) and each
    author's roles by person id (None: not recorded)."""

    byline: list[str]
    roles: dict[str, list[RoleAssignment] | None]


def form_byline(form: FormData) -> list[str]:
    """The byline the page showed when the form was sent: person ids, in order."""
    return [value for value in form.getlist("byline") if isinstance(value, str)]


def role_grid(form: FormData) -> RoleGridForm:
    """The grid of the 14 CRediT roles for each author: `byline` (the person ids the page
    showed, in order), `state-PERSON` and `role-PERSON-slug` fields.

    Keyed by person, never by place: a row always means the person the page showed in it.
    Roles ticked for an author marked "none" or "not recorded" are refused, not dropped.
    """
    byline = form_byline(form)
    if not byline or len(set(byline)) != len(byline):
        raise FormError("roles", "the form does not say whose roles it holds; reload the page")
    grid: dict[str, list[RoleAssignment] | None] = {}
    for person in byline:
        state = text(form, f"state-{person}", required=False) or RECORDED
        if state not in (RECORDED, NO_ROLES, NOT_RECORDED):
            raise FormError(f"state-{person}", f"{state!r} is not a choice")
        held = _held(form, person)
        if held and state != RECORDED:
            raise FormError(
                f"state-{person}", "roles are ticked: choose 'as ticked', or clear them"
            )
        grid[person] = None if state == NOT_RECORDED else held
    return RoleGridForm(byline=byline, roles=grid)


def _held(form: FormData, person: str) -> list[RoleAssignment]:
    held = []
    for role in ROLES:
        cell = text(form, f"role-{person}-{role.slug}", required=False)
        if not cell:
            continue
        if cell == HELD:
            held.append(RoleAssignment(role=role.slug))
        elif cell in {d.value for d in Degree}:
            held.append(RoleAssignment(role=role.slug, degree=Degree(cell)))
        else:
            raise FormError(f"role-{person}-{role.slug}", f"{cell!r} is not a degree")
    return held


def _model(model: type[M], data: dict[str, object]) -> M:
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        first = exc.errors()[0]
        field = str(first["loc"][0]) if first["loc"] else "form"
        raise FormError(field, first["msg"]) from None
