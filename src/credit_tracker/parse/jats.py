"""Publisher article XML (JATS) to authors and CRediT roles; pure, and safe with untrusted XML.

Every role encoding seen in real files is read: JATS 1.2 `vocab="credit"` attributes; a niso
URI in `content-type` (label in any language, e.g. SciELO's Portuguese); PLOS's old
`content-type="http://credit.casrai.org/"` with the role in the label; bare labels; per-author
`fn-type="con"` footnotes (eLife); and the 2016 PLOS `fn-type="con"` list of roles with
author initials. A role that maps to no CRediT term is kept as written (role=None).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from xml.etree.ElementTree import Element

import defusedxml.ElementTree as SafeET
from defusedxml import DefusedXmlException

from credit_tracker.domain.credit import parse_degree, try_resolve_role
from credit_tracker.domain.errors import InputError, UnknownRoleError
from credit_tracker.domain.identifiers import normalize_doi, normalize_orcid
from credit_tracker.domain.models import Notice, SourceAuthor, SourceRole
from credit_tracker.domain.names import PersonName, clean, initials_of, split_particle

MAX_XML_BYTES = 20 * 1024 * 1024
_INITIALS = re.compile(r"[A-Z][A-Za-z]{0,4}(-[A-Z][a-z]?)?")
XLINK = "{http://www.w3.org/1999/xlink}href"
_NOTICE_TYPES = {
    "correction": "correction",
    "retraction": "retraction",
    "expression-of-concern": "expression_of_concern",
}


@dataclass
class ParsedArticle:
    """What a JATS file says about an article's authors."""

    doi: str | None
    title: str | None
    journal: str | None
    article_type: str | None
    authors: list[SourceAuthor]
    notice_for: list[Notice] = field(default_factory=list)
    """When the file is itself a correction or retraction notice: the articles it is about."""
    problems: list[str] = field(default_factory=list)


def parse_jats(data: bytes, origin: str = "the XML") -> ParsedArticle:
    """Parse JATS bytes. Raises InputError for XML that is unsafe, too large, or not JATS."""
    root = _parse_safely(data, origin)
    meta = root.find("front/article-meta")
    if root.tag != "article" or meta is None:
        raise InputError(
            f"not a JATS article (root <{root.tag}>, no front/article-meta)", path=origin
        )
    problems: list[str] = []
    footnotes = {fn.get("id"): fn for fn in root.iter("fn") if fn.get("fn-type") == "con"}
    contribs = [c for group in meta.findall("contrib-group") for c in group.findall("contrib")]
    authors = [
        _author(contrib, position, footnotes, problems)
        for position, contrib in enumerate(
            (c for c in contribs if c.get("contrib-type", "author") == "author"), start=1
        )
    ]
    _apply_initials_footnote(meta, authors, problems)
    _settle_role_presence(authors)
    return ParsedArticle(
        doi=_doi(meta),
        title=_text(meta.find("title-group/article-title")),
        journal=_text(root.find("front/journal-meta/journal-title-group/journal-title"))
        or _text(root.find("front/journal-meta/journal-id")),
        article_type=root.get("article-type"),
        authors=authors,
        notice_for=_notices(root),
        problems=problems,
    )


def _parse_safely(data: bytes, origin: str) -> Element:
    if len(data) > MAX_XML_BYTES:
        raise InputError(f"the XML is larger than {MAX_XML_BYTES // 2**20} MiB", path=origin)
    try:
        # forbid_dtd stays False: real JATS declares its DTD; expat never loads it, and
        # defusedxml refuses entity declarations and external entities outright.
        return SafeET.fromstring(data, forbid_dtd=False, forbid_entities=True, forbid_external=True)
    except DefusedXmlException as exc:
        raise InputError(f"refused unsafe XML ({type(exc).__name__}: {exc})", path=origin) from None
    except SafeET.ParseError as exc:
        line = getattr(exc, "position", (None,))[0]
        raise InputError(f"not well-formed XML ({exc})", path=origin, line=line) from None


def _text(element: Element | None) -> str | None:
    if element is None:
        return None
    value = clean("".join(element.itertext()))
    return value or None


def _raw_text(element: Element | None) -> str:
    return "" if element is None else "".join(element.itertext()).strip()


def _doi(meta: Element) -> str | None:
    for article_id in meta.findall("article-id"):
        if article_id.get("pub-id-type") == "doi" and article_id.text:
            try:
                return normalize_doi(article_id.text)
            except InputError:
                return None
    return None


def _author(contrib: Element, position: int, footnotes: dict, problems: list[str]) -> SourceAuthor:
    collab = contrib.find("collab")
    name_el = contrib.find("name")
    if name_el is None:
        name_el = contrib.find("string-name")
    orcid, authenticated = _orcid(contrib, problems)
    roles = _roles(contrib, footnotes, problems)
    if name_el is None and collab is not None:
        raw = _inner_xml(collab)
        return SourceAuthor(position=position, raw=raw, organisation=True, roles=roles)
    given = _raw_text(name_el.find("given-names")) if name_el is not None else ""
    surname = _raw_text(name_el.find("surname")) if name_el is not None else ""
    suffix = _raw_text(name_el.find("suffix")) if name_el is not None else ""
    particle, family = split_particle(surname)
    name = PersonName(given=clean(given), family=family, particle=particle, suffix=clean(suffix))
    raw = " ".join(part for part in (given, surname, suffix) if part)
    return SourceAuthor(
        position=position,
        raw=raw,
        name=name,
        orcid=orcid,
        orcid_authenticated=authenticated,
        roles=roles,
    )


def _inner_xml(element: Element) -> str:
    """Return an element's content with its markup (organisation names keep <italic>)."""
    parts = [element.text or ""]
    for child in element:
        tail, child.tail = child.tail, None
        parts.append(SafeET.tostring(child, encoding="unicode"))
        child.tail = tail
        parts.append(tail or "")
    return "".join(parts).strip()


def _orcid(contrib: Element, problems: list[str]) -> tuple[str | None, bool | None]:
    for cid in contrib.findall("contrib-id"):
        if cid.get("contrib-id-type") != "orcid" or not cid.text:
            continue
        try:
            orcid = normalize_orcid(cid.text)
        except InputError as exc:
            problems.append(f"ORCID {cid.text.strip()!r} ignored: {exc.reason}")
            return None, None
        flag = cid.get("authenticated")
        return orcid, None if flag is None else flag == "true"
    return None, None


def _roles(contrib: Element, footnotes: dict, problems: list[str]) -> list[SourceRole]:
    roles = [_role_element(element, problems) for element in contrib.findall("role")]
    for xref in contrib.findall("xref"):
        note = footnotes.get(xref.get("rid"))
        if xref.get("ref-type") == "fn" and note is not None and not _is_equal_note(note):
            roles.extend(_footnote_roles(_text(note) or ""))
    return roles


def _role_element(element: Element, problems: list[str]) -> SourceRole:
    label = _raw_text(element)
    degree = _degree(element.get("degree-contribution"), problems)
    term_uri = element.get("vocab-term-identifier")
    term = element.get("vocab-term")
    content_type = element.get("content-type") or ""
    candidates = [
        (term_uri, "vocab-term-identifier"),
        (term, "vocab-term"),
        (content_type if "credit.niso.org" in content_type else None, "content-type uri"),
        (label, "casrai label" if "casrai" in content_type else "label"),
    ]
    resolved = [(try_resolve_role(value), origin) for value, origin in candidates if value]
    known = [(role, origin) for role, origin in resolved if role is not None]
    if not known:
        return SourceRole(role=None, label=label, degree=degree, origin="unmapped")
    role, origin = known[0]
    if term and term_uri and known[0][1] == "vocab-term-identifier":
        by_term = try_resolve_role(term)
        if by_term is not None and by_term != role:
            problems.append(
                f"role {label!r}: vocab-term {term!r} disagrees with {term_uri}; the URI was used"
            )
    return SourceRole(role=role.slug, label=label, degree=degree, origin=origin)


def _degree(text: str | None, problems: list[str]):
    try:
        return parse_degree(text)
    except UnknownRoleError:
        problems.append(f"degree {text!r} is not lead, equal or supporting; ignored")
        return None


def _is_equal_note(note: Element) -> bool:
    """eLife marks 'These authors contributed equally' as fn-type="con" too; it names no role."""
    return (note.get("id") or "").startswith("equal-contrib") or "contributed equally" in (
        _text(note) or ""
    )


def _footnote_roles(text: str) -> list[SourceRole]:
    """Roles from a per-author footnote: 'EvA, Conception and design, ...' or CRediT terms."""
    parts = [clean(part) for part in re.split(r"[,;]", text.rstrip(". ")) if clean(part)]
    if (
        parts
        and re.fullmatch(r"[A-Z][A-Za-z-]{0,5}", parts[0])
        and try_resolve_role(parts[0]) is None
    ):
        parts = parts[1:]  # eLife 2014: the footnote opens with the author's initials
    roles = []
    for part in parts:
        role = try_resolve_role(part)
        roles.append(SourceRole(role=role.slug if role else None, label=part, origin="fn-con"))
    return roles


def _apply_initials_footnote(
    meta: Element, authors: list[SourceAuthor], problems: list[str]
) -> None:
    """Read the 2016 PLOS footnote '<bold>Role:</bold> GJP TL.' into the authors' roles."""
    for fn in meta.iter("fn"):
        if fn.get("fn-type") != "con":
            continue
        for paragraph in fn.iter("p"):
            bold = paragraph.find("bold")
            if bold is None or not (bold.text or "").strip().endswith(":"):
                continue
            label = clean(bold.text).rstrip(":")
            role = try_resolve_role(label)
            tokens = re.findall(r"[A-Za-z][A-Za-z-]*", bold.tail or "")
            if not tokens or not all(_INITIALS.fullmatch(token) for token in tokens):
                continue  # 'Name: prose' (SciELO) is a statement, not a list of initials
            for token in tokens:
                author = resolve_initials(token, authors, problems, context=label)
                if author is not None:
                    assigned = SourceRole(
                        role=role.slug if role else None, label=label, origin="fn-con initials"
                    )
                    author.roles = [*(author.roles or []), assigned]


def initials_forms(author: SourceAuthor) -> tuple[set[str], set[str]]:
    """Return (primary, secondary) initials an author may be cited by.

    Primary: every given initial and the family name's ('BPD-J', 'TL'). Secondary: looser forms
    seen in real statements ('MM' for Marylee J van der Meulen, 'EvA' for Eelco van Anken).
    """
    if author.name is None:
        return set(), set()
    given = initials_of(author.name.given)
    family_parts = [p for p in re.split(r"-", author.name.family) if p]
    family = "-".join(p[0].upper() for p in family_parts)
    particle = "".join(word[0].lower() for word in author.name.particle.split())
    primary = {given + family, given + particle.upper() + family}
    secondary = {
        given + family.replace("-", ""),
        given[:1] + family,
        given[:1] + particle + family,
        given + particle + family,
    }
    return {form.casefold() for form in primary}, {form.casefold() for form in secondary} - {
        form.casefold() for form in primary
    }


def resolve_initials(
    token: str, authors: list[SourceAuthor], problems: list[str], context: str
) -> SourceAuthor | None:
    """Return the one author `token` names; report (never guess) ambiguous or unknown initials."""
    key = token.casefold()
    forms = [(author, *initials_forms(author)) for author in authors]
    for level in (1, 2):
        hits = [entry[0] for entry in forms if key in entry[level]]
        if len(hits) == 1:
            return hits[0]
        if len(hits) > 1:
            names = ", ".join(author.raw for author in hits)
            problems.append(
                f"{context}: initials {token!r} fit more than one author ({names}); not assigned"
            )
            return None
    problems.append(f"{context}: initials {token!r} fit no author; not assigned")
    return None


def _settle_role_presence(authors: list[SourceAuthor]) -> None:
    """Where the article states roles for anyone, an author without any has an empty list."""
    if any(author.roles for author in authors):
        for author in authors:
            if author.roles is None:
                author.roles = []
    else:
        for author in authors:
            author.roles = None


def _notices(root: Element) -> list[Notice]:
    """For a notice article, one Notice per related article, naming the notice's own DOI."""
    own = _doi(root.find("front/article-meta")) or ""
    kind = _NOTICE_TYPES.get(root.get("article-type") or "")
    if kind is None:
        return []
    notices = []
    for related in root.iter("related-article"):
        href = (related.get(XLINK) or "").removeprefix("info:doi/")
        try:
            target = normalize_doi(href)
        except InputError:
            continue
        notices.append(Notice(doi=own, kind=kind, how="article-type", label=target))
    return notices
