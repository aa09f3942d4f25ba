"""The JATS article inside the wrappers and namespaces PMC's services deliver it in. Pure.

A file saved from PMC is not always a bare `<article>`: E-utilities' `efetch` answers a
`<pmc-articleset>` holding the article, PMC's OAI-PMH service a `GetRecord` envelope with the
article in its `<metadata>`, Europe PMC's bulk files an `<articles>` of many; and the article
may declare the JATS (or older NLM) namespace, which puts every element of it in that namespace;
Silverchair (Oxford University Press) puts JATS in a namespace of its own. The article is taken
out of its wrapper and its elements given their plain JATS names, so that it reads as any other
file. A wrapper with several articles is refused whole (which one was meant cannot be known), and
one with none says so.
"""

from __future__ import annotations

import re
from xml.etree.ElementTree import Element

from credit_tracker.domain.errors import InputError

# The namespaces JATS and its NLM predecessor were published in, declared on PMC's OAI-PMH
# articles ("https://jats.nlm.nih.gov/ns/archiving/1.3/", "http://dtd.nlm.nih.gov/2.0/xsd/…").
# Silverchair (Oxford University Press's PTEP) publishes JATS in its own namespace,
# "http://specifications.silverchair.com/xsd/1/24/SCJATS-journalpublishing.xsd".
_JATS_NAMESPACE = re.compile(
    r"^\{(?:https?://(?:jats|dtd)\.nlm\.nih\.gov/"
    r"|https?://specifications\.silverchair\.com/xsd/[^}]*SCJATS-)[^}]*\}"
)
_WRAPPERS = {
    "pmc-articleset": "PMC's article set (E-utilities)",
    "OAI-PMH": "PMC's OAI-PMH answer",
    "articles": "Europe PMC's bulk file",
}


def unwrap_jats(root: Element, origin: str) -> tuple[Element, str | None]:
    """Return the JATS article of a parsed file and the name of the wrapper it came in (None
    when the file is the article itself). The article's elements lose the JATS namespace. A
    root that is neither JATS nor a known wrapper is returned as it is, for the caller to name.
    Raises InputError for a wrapper holding no article or several."""
    if root.tag == "article":
        return root, None
    _drop_jats_namespace(root)
    wrapper = _WRAPPERS.get(_local_name(root.tag))
    if wrapper is None:
        return root, None
    articles = list(root.iter("article"))
    if len(articles) != 1:
        found = "no article" if not articles else f"{len(articles)} articles"
        advice = "" if not articles else "; save each article in a file of its own"
        raise InputError(f"{wrapper} holds {found}{advice}", path=origin)
    return articles[0], wrapper


def _drop_jats_namespace(root: Element) -> None:
    """Give every element in a JATS namespace its plain name ('{…/archiving/1.2/}contrib' is
    'contrib'); attributes in other namespaces (xlink:href, xml:lang) keep theirs."""
    for element in root.iter():
        if isinstance(element.tag, str) and element.tag[:1] == "{":
            element.tag = _JATS_NAMESPACE.sub("", element.tag)


def _local_name(tag: str) -> str:
    return tag.rpartition("}")[2]
