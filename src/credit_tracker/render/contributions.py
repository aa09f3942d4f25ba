"""The team's record as a CRediT author statement or JATS <contrib> markup, for submission.

Names pass through `visible`: one a record holds from before its characters were checked can
neither break a statement line nor make the JATS ill-formed XML.
"""

from __future__ import annotations

from xml.etree.ElementTree import Element, SubElement, indent, tostring

from credit_tracker.domain.credit import BY_SLUG, VOCAB_IDENTIFIER
from credit_tracker.domain.identifiers import orcid_url
from credit_tracker.domain.models import ArticleRecord, Person
from credit_tracker.render.visible import visible


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
