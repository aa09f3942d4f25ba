"""The team's record as a CRediT author statement, JATS <contrib> markup (JATS4R's CRediT
recommendation) or a Crossref <contributors> fragment (deposit schema 5.5.0), for submission.

Names pass through `visible`: one a record holds from before its characters were checked can
neither break a statement line nor make the JATS ill-formed XML.
"""

from __future__ import annotations

from collections.abc import Sequence
from xml.etree.ElementTree import Element, SubElement, indent, register_namespace, tostring

from credit_tracker.compare.article import latest_read
from credit_tracker.domain.credit import BY_SLUG, VOCAB_IDENTIFIER
from credit_tracker.domain.identifiers import orcid_url
from credit_tracker.domain.models import ArticleRecord, Person, SourceKind, SourceSnapshot
from credit_tracker.render.visible import visible

CROSSREF_NS = "http://www.crossref.org/schema/5.5.0"
"""The newest Crossref deposit schema, and the first with an element for CRediT roles."""


def statement(record: ArticleRecord) -> tuple[str, list[str]]:
    """Return the statement ('Jane Illés: Conceptualization, Writing – review & editing.') and
    the names of authors left out because their roles are not recorded."""
    lines, left_out = [], []
    for author in record.authors:
        if author.roles is None:
            left_out.append(visible(author.printed.display()))
            continue
        roles = (
            ", ".join(a.label + (f" ({a.degree.value})" if a.degree else "") for a in author.roles)
            or "no CRediT roles"
        )
        lines.append(f"{visible(author.printed.display())}: {roles}.")
    return "\n".join(lines) + ("\n" if lines else ""), left_out


def jats_contribs(record: ArticleRecord, people: dict[str, Person]) -> str:
    """Return a <contrib-group> with JATS4R CRediT markup (JATS 1.2 vocab attributes)."""
    group = Element("contrib-group")
    for author in record.authors:
        attributes = {"contrib-type": "author"}
        if author.corresponding:
            attributes["corresp"] = "yes"
        contrib = SubElement(group, "contrib", attributes)
        person = people.get(author.person)
        if person is not None and person.orcid:
            SubElement(contrib, "contrib-id", {"contrib-id-type": "orcid"}).text = orcid_url(
                person.orcid
            )
        name = SubElement(contrib, "name")
        SubElement(name, "surname").text = visible(author.printed.family_full)
        if author.printed.given:
            SubElement(name, "given-names").text = visible(author.printed.given)
        if author.printed.suffix:
            SubElement(name, "suffix").text = visible(author.printed.suffix)
        for assignment in author.roles or []:
            role = BY_SLUG[assignment.role]
            attributes = {
                "vocab": "credit",
                "vocab-identifier": VOCAB_IDENTIFIER,
                "vocab-term": role.label,
                "vocab-term-identifier": role.uri,
            }
            if assignment.degree:
                attributes["degree-contribution"] = assignment.degree.value
            SubElement(contrib, "role", attributes).text = role.label
    indent(group)
    return tostring(group, encoding="unicode") + "\n"


def crossref_contributors(
    record: ArticleRecord, people: dict[str, Person], history: Sequence[SourceSnapshot] = ()
) -> str:
    """Return a Crossref <contributors> fragment (schema 5.5.0): each author in byline order,
    with their CRediT roles as <role vocab="credit" type="slug"/> and their ORCID iD.

    The schema orders a person's parts (given_name, surname, suffix, role, ORCID) and has no
    place for a degree of contribution. `authenticated` is written only where Crossref's own
    record says how the iD was deposited (the newest Crossref snapshot): otherwise unknown.
    """
    register_namespace("", CROSSREF_NS)
    known = _authenticated(history)
    group = Element(f"{{{CROSSREF_NS}}}contributors")
    for position, author in enumerate(record.authors):
        attributes = {
            "sequence": "first" if position == 0 else "additional",
            "contributor_role": "author",
        }
        name = SubElement(group, f"{{{CROSSREF_NS}}}person_name", attributes)
        if author.printed.given:
            SubElement(name, f"{{{CROSSREF_NS}}}given_name").text = visible(author.printed.given)
        SubElement(name, f"{{{CROSSREF_NS}}}surname").text = visible(author.printed.family_full)
        if author.printed.suffix:
            SubElement(name, f"{{{CROSSREF_NS}}}suffix").text = visible(author.printed.suffix)
        for assignment in author.roles or []:
            SubElement(name, f"{{{CROSSREF_NS}}}role", {"vocab": "credit", "type": assignment.role})
        person = people.get(author.person)
        if person is not None and person.orcid:
            flag = known.get(person.orcid)
            orcid = SubElement(
                name,
                f"{{{CROSSREF_NS}}}ORCID",
                {} if flag is None else {"authenticated": "true" if flag else "false"},
            )
            orcid.text = orcid_url(person.orcid)
    indent(group)
    return tostring(group, encoding="unicode") + "\n"


def _authenticated(history: Sequence[SourceSnapshot]) -> dict[str, bool]:
    """ORCID iD → whether Crossref's newest record says it was deposited authenticated."""
    shot = latest_read(list(history)).get(SourceKind.CROSSREF)
    if shot is None:
        return {}
    return {
        author.orcid: author.orcid_authenticated
        for author in shot.authors
        if author.orcid and author.orcid_authenticated is not None
    }
