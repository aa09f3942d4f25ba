"""Which XML a publisher sent: JATS, JATS inside Springer Nature's API answer, Elsevier's full
text, or a schema not read yet, told by the root's name and namespace together. Pure.

The name alone cannot decide: JATS's `<article>` has no namespace, and neither has Nature's
own NPG `<article>` (children `pubfm`, `fm`, `bdy`), so an `<article>` is JATS only with JATS's
`<front>`. Elsevier's article retrieval answer is `full-text-retrieval-response` in
`http://www.elsevier.com/xml/svapi/article/dtd`; Wiley's full XML is `component` in
`http://www.wiley.com/namespaces/wiley`; Elsevier's native journal article is `article` in
`http://www.elsevier.com/xml/ja/dtd`; Springer's A++ is `Publisher`. Whatever is not read is
reported by its root, as `{namespace}name`, never guessed at.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from xml.etree.ElementTree import Element

from credit_tracker.parse.jats_wrappers import unwrap_jats
from credit_tracker.parse.safe_xml import parse_safely

ELSEVIER_ARTICLE_API = "{http://www.elsevier.com/xml/svapi/article/dtd}full-text-retrieval-response"
# Springer Nature's open-access API declares the JATS and BITS DTDs as parameter entities it
# never uses (`<!ENTITY % article SYSTEM "http://jats.nlm.nih.gov/…">`). The safe parser refuses
# every entity declaration, so exactly such a declaration block, and nothing else, is taken out
# before parsing: expat would never load those DTDs, and nothing refers to them.
_SPRINGER_DOCTYPE = re.compile(
    rb"<!DOCTYPE\s+response\s*\[(?:\s*<!ENTITY\s+%\s+[\w-]+\s+SYSTEM\s+"
    rb"\"https?://jats\.nlm\.nih\.gov/[^\"<>]*\"\s*>)*\s*\]>"
)


@dataclass(frozen=True)
class JatsXml:
    """A JATS article; `wrapper` names the answer it came inside, if any."""

    article: Element
    wrapper: str | None = None


@dataclass(frozen=True)
class NoRecord:
    """An API's answer that holds no article (Springer Nature's `<total>0</total>`)."""

    reason: str


@dataclass(frozen=True)
class ElsevierFullText:
    """Elsevier's article retrieval answer (`full-text-retrieval-response`)."""

    root: Element


@dataclass(frozen=True)
class OtherXml:
    """A schema credit-tracker does not read yet, named by its root."""

    root: str
    """`{namespace}name`, or the bare name (with its first children where that is ambiguous)."""


XmlDocument = JatsXml | NoRecord | ElsevierFullText | OtherXml


# The first start tag after the prolog, and a default namespace declared on it.
_ROOT_TAG = re.compile(rb"<([A-Za-z_][\w.:-]*)([^>]*)>")
_DEFAULT_NS = re.compile(rb"\sxmlns\s*=\s*[\"']([^\"']*)[\"']")


def recognise(data: bytes, origin: str) -> XmlDocument:
    """Return what kind of publisher XML `data` is. InputError for unsafe or broken XML, except
    a document type that declares entities (Elsevier's native XML declares its figures so),
    which is named by its root and not parsed."""
    data = _SPRINGER_DOCTYPE.sub(b"", data[:4096], count=1) + data[4096:]
    declared = _declared_entities_root(data)
    if declared is not None:
        return OtherXml(f"{declared} (its document type declares entities: not parsed)")
    root, wrapper = unwrap_jats(parse_safely(data, origin), origin)
    if root.tag == "article" and root.find("front") is not None:
        return JatsXml(root, wrapper=wrapper)
    if root.tag == "response" and root.find("apiMessage") is not None:
        return _springer(root)
    if root.tag == ELSEVIER_ARTICLE_API:
        return ElsevierFullText(root)
    return OtherXml(_root_label(root))


def _springer(root: Element) -> JatsXml | NoRecord:
    """Springer Nature's API answer: `response/records/article`, or `<total>0</total>`."""
    article = root.find("records/article")
    if article is not None and article.find("front") is not None:
        return JatsXml(article, wrapper="Springer Nature's open-access API")
    total = (root.findtext("result/total") or "").strip()
    return NoRecord(f"Springer Nature's open-access API holds no article for it (total {total})")


def _declared_entities_root(data: bytes) -> str | None:
    """The root of a document whose internal DTD declares entities, found without parsing it
    (the safe parser refuses any entity declaration), or None."""
    head = data[: 256 * 1024]
    doctype = head.find(b"<!DOCTYPE")
    if doctype < 0 or b"<!ENTITY" not in head[doctype:]:
        return None
    end = head.find(b"]>", doctype)
    tag = _ROOT_TAG.search(head, end + 2 if end >= 0 else doctype + 9)
    if tag is None:
        return "an unnamed root"
    name = tag.group(1).decode("ascii", "replace")
    namespace = _DEFAULT_NS.search(tag.group(2))
    return f"{{{namespace.group(1).decode('utf-8', 'replace')}}}{name}" if namespace else name


def _root_label(root: Element) -> str:
    if root.tag.startswith("{") or root.tag != "article":
        return root.tag
    children = ", ".join(dict.fromkeys(child.tag for child in list(root)[:4]))
    return f"article (no namespace, no JATS <front>; children {children})"
