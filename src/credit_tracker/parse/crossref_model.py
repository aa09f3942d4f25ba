"""What Crossref promises about a work, as a model: an answer that breaks it is refused by field.

Only the fields credit-tracker reads are modelled, each with the type the REST API's schema gives
(https://api.crossref.org/swagger-ui/index.html, "Work"); everything else is ignored. A record
whose `author` is a string or whose `given` is a number is not a record to compare against: the
DOI becomes could-not-fetch with the field named, and the rest of its batch goes on.
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict, Field, StrictBool, StrictInt, StrictStr, ValidationError


class _Model(BaseModel):
    # Crossref adds fields over time; unknown ones are not errors. Strict types: a number is not
    # silently turned into a name.
    model_config = ConfigDict(extra="ignore", strict=True, populate_by_name=True)


class DateParts(_Model):
    date_parts: list[list[StrictInt | None]] = Field(alias="date-parts")


class DateTime(_Model):
    date_time: StrictStr | None = Field(default=None, alias="date-time")


class Contributor(_Model):
    given: StrictStr = ""
    family: StrictStr = ""
    name: StrictStr = ""
    suffix: StrictStr = ""
    ORCID: StrictStr | None = None
    authenticated_orcid: StrictBool | None = Field(default=None, alias="authenticated-orcid")
    role: list[dict[str, Any]] | None = None


class Relation(_Model):
    DOI: StrictStr = ""
    type: StrictStr = ""
    label: StrictStr | None = None
    updated: DateParts | None = None


class Work(_Model):
    DOI: StrictStr
    title: list[StrictStr] | None = None
    container_title: list[StrictStr] | None = Field(default=None, alias="container-title")
    author: list[Contributor] | None = None
    deposited: DateTime | None = None
    indexed: DateTime | None = None
    updated_by: list[Relation] | None = Field(default=None, alias="updated-by")
    update_to: list[Relation] | None = Field(default=None, alias="update-to")


def malformed(item: Any) -> str | None:
    """Return why a work item breaks Crossref's schema (the first bad field named), or None."""
    try:
        Work.model_validate(item)
    except ValidationError as exc:
        error = exc.errors(include_url=False)[0]
        where = _path(error["loc"]) or "the record"
        return f"Crossref's record is malformed: {where}: {error['msg']}"
    return None


def _path(loc: tuple[int | str, ...]) -> str:
    """('author', 2, 'given') -> 'author[2].given', as in the JSON."""
    text = ""
    for part in loc:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text
