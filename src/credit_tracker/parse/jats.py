"""Publisher article XML (JATS) to authors and CRediT roles; pure, and safe with untrusted XML.

Every role encoding seen in real files is read (jats_roles.py): JATS 1.2 `vocab="credit"`
attributes; a niso or casrai URI in `content-type` (label in any language, e.g. SciELO's
Portuguese); PLOS's old `content-type="http://credit.casrai.org/"` with the role in the label;
bare labels in English or another language, with a degree written in ('(lead)'), or several
CRediT terms in one `<role>`; per-author `fn-type="con"` footnotes (eLife), pointed to as `fn` or
`author-notes`, and untyped ones that hold nothing but CRediT terms; and a printed contributions
statement wherever the file puts it (a footnote, `<notes>` or `<sec>`: the 2016 PLOS list of
roles with author initials, SciELO, MDPI, Wiley, Elsevier, bioRxiv…; jats_statement.py). Where
the file has both `<role>` markup and a statement, the markup gives the roles and each author
they differ about is reported. A role that maps to no CRediT term is kept as written
(role=None); a part of a footnote that is not understood is kept, as text, in `unread`.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from xml.etree.ElementTree import Element

from credit_tracker.domain.errors import InputError
from credit_tracker.domain.identifiers import normalize_doi, normalize_orcid
from credit_tracker.domain.models import Notice, SourceAuthor, SourceRole
from credit_tracker.domain.names import clean, parse_display_name
from credit_tracker.domain.problems import Unread
from credit_tracker.parse.jats_roles import (
    any_term,
    footnote_roles,
    lists_only_roles,
    raw_text,
    role_elements,
)
from credit_tracker.parse.jats_statement import apply_statement, parts_differ, read_statement
from credit_tracker.parse.jats_translation import translation_differences
from credit_tracker.parse.jats_wrappers import unwrap_jats
from credit_tracker.parse.safe_xml import parse_safely, tostring

__all__ = ["ParsedArticle", "parse_jats", "read_article"]

XLINK = "{http://www.w3.org/1999/xlink}href"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
# A contrib-group's content-type names its members' kind where they carry no contrib-type;
# any other value ('section', eLife's editors, whose contribs do carry one) says nothing.
_GROUP_KINDS = {"author": "author", "authors": "author", "editor": "editor", "editors": "editor"}
_PERSON_TYPES = {"", "person"}
"""contrib-type values that leave the contributor's part to their group's content-type."""
_MEMBERS = "contrib-group"
"""Inside a `<collab>`: the group author's members, which are no part of its name."""
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
    """What could not be read cleanly, as text; the unread parts among them as
    domain.problems.Unread writes them ("not understood: …")."""
    unread: list[str] = field(default_factory=list)
    """Parts of per-author footnotes that were not understood, as text."""


@dataclass
class _Reading:
    """What reading the authors collects: the byline's names, problems and unread text."""

    byline: list[str]
    problems: list[str] = field(default_factory=list)
    unread: list[str] = field(default_factory=list)


def parse_jats(data: bytes, origin: str = "the XML") -> ParsedArticle:
    """Parse JATS bytes. Raises InputError for XML that is unsafe, too large, or not JATS."""
    return read_article(parse_safely(data, origin), origin)


def read_article(root: Element, origin: str = "the XML") -> ParsedArticle:
    """Read a JATS `<article>` already parsed (safely), also inside PMC's wrappers or in the JATS
    namespace (jats_wrappers.py). Raises InputError if it is not JATS."""
    root, _wrapper = unwrap_jats(root, origin)
    meta = root.find("front/article-meta")
    if root.tag != "article" or meta is None:
        raise InputError(
            f"not a JATS article (root <{root.tag}>, no front/article-meta)", path=origin
        )
    footnotes = {fn.get("id"): fn for fn in root.iter("fn") if _roles_note(fn)}
    contribs = _author_contribs(meta)
    context = _Reading(byline=[_display(c) for c in contribs])
    authors = [
        _author(contrib, position, footnotes, context)
        for position, contrib in enumerate(contribs, start=1)
    ]
    _settle_role_presence(authors)
    statement = read_statement(root, authors)
    if statement is not None:
        if any(author.roles for author in authors):
            context.problems += parts_differ(statement, authors)
        else:
            apply_statement(statement, authors)
        context.problems += statement.problems
    for sub in root.findall("sub-article"):
        if sub.get("article-type") == "translation":
            translated = _translation_authors(sub, footnotes, authors)
            language = sub.get(XML_LANG) or ""
            context.problems += translation_differences(authors, translated, language)
    return ParsedArticle(
        doi=_doi(meta),
        title=_text(meta.find("title-group/article-title")),
        journal=_text(root.find("front/journal-meta/journal-title-group/journal-title"))
        or _text(root.find("front/journal-meta/journal-id")),
        article_type=root.get("article-type"),
        authors=authors,
        notice_for=_notices(root),
        problems=[*context.problems, *(str(Unread(text=text)) for text in context.unread)],
        unread=context.unread,
    )


def _translation_authors(
    sub: Element, footnotes: dict[str | None, Element], article: list[SourceAuthor]
) -> list[SourceAuthor]:
    """The translation's byline with its roles, read as the article's is (its own problems are
    left out: only its differences from the article are told)."""
    stub = sub.find("front-stub")
    if stub is None:
        stub = sub.find("front/article-meta")
    if stub is None:
        return []
    contribs = _author_contribs(stub)
    context = _Reading(byline=[_display(c) for c in contribs])
    if contribs:
        authors = [_author(c, n, footnotes, context) for n, c in enumerate(contribs, start=1)]
    else:  # the byline is not repeated: the translation's statement names the article's authors
        authors = [author.model_copy(update={"roles": None}) for author in article]
    _settle_role_presence(authors)
    statement = read_statement(sub, authors)
    if statement is not None and not any(author.roles for author in authors):
        apply_statement(statement, authors)
    return authors


def _text(element: Element | None) -> str | None:
    if element is None:
        return None
    value = clean("".join(element.itertext()))
    return value or None


def _author_contribs(meta: Element) -> list[Element]:
    """The byline's contribs: authors, however the type is cased ('Author'), or untyped. An
    untyped contrib is of its group's kind: PMC's 2025 XML writes <contrib-group
    content-type="author"> and a second group content-type="editor" (JMIR's editors) whose
    <contrib>s carry no contrib-type. Where the byline names no author but a group author's
    `<collab>` holds the members' own contrib-group (A&A 2024: `<contrib contrib-type="collab">
    <collab>Euclid Collaboration<contrib-group>…`), those members are the byline; elsewhere a
    group's members are not (PMC lists a consortium's investigators so)."""
    return _authors_in(meta.findall("contrib-group")) or _authors_in(
        meta.findall("contrib-group/contrib/collab/contrib-group")
    )


def _authors_in(groups: list[Element]) -> list[Element]:
    return [
        contrib
        for group in groups
        for contrib in group.findall("contrib")
        if _contrib_kind(contrib, group) == "author"
    ]


def _contrib_kind(contrib: Element, group: Element) -> str:
    """A contrib's own type, else its group's. 'person' is what the contributor is, not what
    they did (Texture's manuscripts: <contrib contrib-type="person"> in an author group)."""
    kind = (contrib.get("contrib-type") or "").strip().casefold()
    return _group_kind(group) if kind in _PERSON_TYPES else kind


def _group_kind(group: Element) -> str:
    return _GROUP_KINDS.get((group.get("content-type") or "").strip().casefold(), "author")


def _display(contrib: Element) -> str:
    """The contributor's name in Western order, for footnotes that name whom they are about."""
    name = _name_element(contrib)
    if name is None:
        return _group_name(contrib.find("collab"))
    return " ".join(part for part in _name_parts(name) if part)


def _name_element(contrib: Element) -> Element | None:
    """The contributor's `<name>` or `<string-name>`; of `<name-alternatives>` (a name in Latin
    letters beside one in Chinese, Japanese, Cyrillic…), the one in Latin letters."""
    for holder in (contrib, contrib.find("name-alternatives")):
        if holder is None:
            continue
        names = holder.findall("name") or holder.findall("string-name")
        if names:
            return min(names, key=_not_latin)
    return None


def _not_latin(name: Element) -> bool:
    """False for a name in Latin letters (sorted first): western style, or its letters Latin."""
    if name.get("name-style") == "western":
        return False
    return not all(
        unicodedata.name(ch, "").startswith("LATIN") for ch in raw_text(name) if ch.isalpha()
    )


def _name_parts(name: Element) -> tuple[str, str, str]:
    """(given, family, suffix) as printed; a `<string-name>` with no parts marked is one string,
    read as a name printed so ('Jane Doe', 'Doe, Jane')."""
    given, family, suffix = (raw_text(name.find(t)) for t in ("given-names", "surname", "suffix"))
    if name.tag == "string-name" and not (given or family):
        whole = parse_display_name(raw_text(name))
        family = " ".join(part for part in (whole.particle, whole.family) if part)
        given = whole.given
    return given, family, suffix


def _doi(meta: Element | None) -> str | None:
    if meta is None:
        return None
    for article_id in meta.findall("article-id"):
        if article_id.get("pub-id-type") == "doi" and article_id.text:
            try:
                return normalize_doi(article_id.text)
            except InputError:
                return None
    return None


def _author(
    contrib: Element, position: int, footnotes: dict[str | None, Element], context: _Reading
) -> SourceAuthor:
    collab = contrib.find("collab")
    name_el = _name_element(contrib)
    orcid, authenticated = _orcid(contrib, context.problems)
    roles = _roles(contrib, footnotes, context)
    if name_el is None and collab is not None:
        raw = _inner_xml(collab)
        return SourceAuthor(position=position, raw=raw, organisation=True, roles=roles)
    parts = _name_parts(name_el) if name_el is not None else ("", "", "")
    return SourceAuthor.printed(position, parts, orcid, authenticated, roles)


def _inner_xml(element: Element) -> str:
    """Return an element's content with its markup (organisation names keep <italic>)."""
    parts = [element.text or ""]
    for child in element:
        if child.tag != _MEMBERS:
            tail, child.tail = child.tail, None
            parts.append(tostring(child, encoding="unicode"))
            child.tail = tail
        parts.append(child.tail or "")
    return "".join(parts).strip()


def _group_name(collab: Element | None) -> str:
    """A group author's name as text, without the members its `<collab>` may list."""
    if collab is None:
        return ""
    parts = [collab.text or ""]
    for child in collab:
        parts += [raw_text(child) if child.tag != _MEMBERS else "", child.tail or ""]
    return "".join(parts).strip()


def _orcid_places(contrib: Element) -> list[tuple[str, str | None]]:
    """Each ORCID iD a contrib carries, with its authenticated flag.

    JATS 1.1+ `contrib-id contrib-id-type="orcid"` (bare iD, http or https URL), or an untyped
    `contrib-id` holding an orcid.org link (EDP Sciences); F1000's
    `<uri content-type="orcid" xlink:href="...">`; `<ext-link ext-link-type="orcid">`; a `<uri>`
    or `<ext-link>` of another type whose link is an orcid.org record.
    """
    found: list[tuple[str, str | None]] = []
    for cid in contrib.findall("contrib-id"):
        kind, text = (cid.get("contrib-id-type") or "").casefold(), raw_text(cid)
        # untyped, an orcid.org link is the ORCID iD all the same (A&A 2024)
        if kind == "orcid" or (not kind and _ORCID_LINK.match(text)):
            found.append((text or cid.get(XLINK) or "", cid.get("authenticated")))
    for tag, kind in (("uri", "content-type"), ("ext-link", "ext-link-type")):
        for link in contrib.findall(tag):
            target = link.get(XLINK) or raw_text(link)
            # typed orcid, or a plain link to an ORCID record ('https://orcid.org/0000-…')
            if (link.get(kind) or "").casefold() == "orcid" or _ORCID_LINK.match(target):
                found.append((target, None))
    return [(text.strip(), flag) for text, flag in found if text.strip()]


_ORCID_LINK = re.compile(r"^\s*(?:https?://)?(?:www\.)?orcid\.org/", re.I)


def _orcid(contrib: Element, problems: list[str]) -> tuple[str | None, bool | None]:
    for text, flag in _orcid_places(contrib):
        try:
            orcid = normalize_orcid(text)
        except InputError as exc:
            problems.append(f"ORCID {text!r} ignored: {exc.reason}")
            continue
        return orcid, None if flag is None else flag == "true"
    return None, None


def _roles(
    contrib: Element, footnotes: dict[str | None, Element], context: _Reading
) -> list[SourceRole]:
    roles = [
        role
        for element in contrib.findall("role")
        for role in role_elements(element, context.problems)
    ]
    for xref in contrib.findall("xref"):
        note = footnotes.get(xref.get("rid"))
        if xref.get("ref-type") in _NOTE_REFS and note is not None and not _names_no_role(note):
            roles.extend(footnote_roles(_text(note) or "", context.byline, context.unread))
    return roles


_NOTE_REFS = {"fn", "author-notes"}
"""How a contrib points to its footnote: eLife writes `fn`, others `author-notes`."""


def _roles_note(fn: Element) -> bool:
    """A footnote of one author's roles: typed `con` (eLife), or untyped and nothing but CRediT
    terms ('Contribution: Conceptualization, Software')."""
    kind = fn.get("fn-type")
    return kind == "con" or (kind in (None, "other") and lists_only_roles(_text(fn) or ""))


def _names_no_role(note: Element) -> bool:
    """eLife marks 'These authors contributed equally' as fn-type="con" too, and others an
    address ('Previously of WHO Division of Pacific Technical Support, Suva, Fiji', 2014); neither
    names a role."""
    text = _text(note) or ""
    return (
        (note.get("id") or "").startswith("equal-contrib")
        or "contributed equally" in text
        or _is_address(text)
    )


def _is_address(text: str) -> bool:
    """An address or a status, and nothing after it that says what the author did ('Deceased.
    Performed all mouse experiments' is a contribution)."""
    if _ADDRESS_NOTE.match(text) is None:
        return False
    later = re.split(r"(?<=[.;])\s+(?=[A-Z])", text.strip())[1:]
    return not any(re.match(r"[A-Z][a-z]+ed\b", part) or any_term(part) for part in later)


_ADDRESS_NOTE = re.compile(
    r"^\W*(?:previously\s+(?:of|at|with)|formerly|(?:present|current|permanent)(?:ly)?\s+"
    r"(?:address|affiliation|at)|now\s+(?:at|with)|on\s+(?:leave|sabbatical)\s+from|deceased"
    r"|died|passed\s+away|retired)\b",
    re.I,
)


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
