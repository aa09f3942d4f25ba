"""The author view as JSON, for scripts: papers, roles by source, spellings, findings, requests."""

from __future__ import annotations

import json
from typing import Any

from credit_tracker.domain.author_view import AuthorView
from credit_tracker.domain.text import json_visible
from credit_tracker.render.author.base import AuthorFormat, person_entries


class AuthorJson(AuthorFormat):
    """Exact values (hidden characters written as \\u escapes); every finding, info included."""

    def render(self, view: AuthorView) -> str:
        person = view.person
        data: dict[str, Any] = {
            "person": {
                "id": person.id,
                "name": person.name.display(),
                "orcid": person.orcid,
                "accepted_spellings": person.accepted_spellings,
            },
            "papers": [
                {
                    "doi": p.doi,
                    "title": p.title,
                    "journal": p.journal,
                    "year": p.year,
                    "position": p.position,
                    "provenance": p.provenance,
                    "roles": {
                        column: {"state": cell.cell.value, "roles": list(cell.roles)}
                        for column, cell in p.roles.items()
                    },
                }
                for p in view.papers
            ],
            "spellings": [
                {
                    "text": s.text,
                    "differs": s.differs,
                    "places": [{"doi": doi, "source": column} for doi, column in s.places],
                }
                for s in view.spellings
            ],
            "findings": [
                {"state": e.state.value, **e.finding.model_dump(mode="json")}
                for e in person_entries(view)
            ],
            "requests": [s.model_dump(mode="json") for s in view.requests],
        }
        return json_visible(json.dumps(data, indent=2, ensure_ascii=False)) + "\n"
