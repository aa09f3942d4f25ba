"""Where a JATS file prints its contributions statement, and the statement's text built from the
markup's structure; pure.

Publishers put the statement in many places: an `fn-type="con"` footnote (PNAS, bioRxiv,
microPublication, the 2016 PLOS list, SciELO), a footnote of any other type or none that opens
with "Author contributions:" or with a bold "Author Contributions" and no colon (NIH author
manuscripts, BMJ Open's `participating-researchers` "Contributors:"),
`<notes notes-type="author-contribution">` or untyped `<notes>` titled so
(Nature Portfolio, BMC, MDPI), an `<fn-group>` typed or titled so whose footnotes are untyped
(PeerJ), `<sec sec-type="author-contributions">` (Frontiers, Portland
Press) or a `<sec>` titled so, in the body (Wiley, Elsevier), nested in another section, in the
back matter, inside `<ack>` (PNAS; Science Advances' untitled `<sec>` that opens with a bold
"Author contributions:" lead-in), as one paragraph of the back matter or the author notes that
opens with a bold or italic run-in heading, whatever section holds it (AAAS Research's
acknowledgments, Oxford's "Notes" with a bold italic "Author contributions.", Springer's
"Declarations"; Science Advances' and EBioMedicine's one paragraph of every part, from its
"Author contributions:", bold or in plain words, to the next part's lead-in; a paragraph
that is the heading alone, with the paragraphs after it up to the next part's heading; in the
body a paragraph is judged by its section's title) or even inside the
abstract (bioRxiv), or as paragraphs of `<author-notes>`: a
`<p content-type="author-contributions">` and the untyped paragraphs after it, up to the next
typed one (JAMA Network, one paragraph a role). A footnote a contrib
points to is that author's own (eLife) and is read with the contrib; a translation's statement
(inside a `sub-article`) is read only for that translation.

The text is built from the structure, not from every paragraph at every depth: each innermost
paragraph and each list item is one block (so a paragraph that holds a `<list>` does not give its
items' text twice), a block ends an entry even without closing punctuation ("CR: Data curation,
Software" then "JW: …"), and a bold lead-in followed by a colon inside a paragraph starts one
("<bold>Conceptualization:</bold> T.B.D. <bold>Methodology:</bold> H.M.K., …"). A table of roles
and people, marked cell by cell, gives one block a row (statement_tables.py). Headings (a
`<title>`, a `<label>`, a heading paragraph, an "Author contributions:" lead-in) are left out.
"""

from __future__ import annotations

import re
from xml.etree.ElementTree import Element

from credit_tracker.domain.names import clean
from credit_tracker.parse.statement import opens_another_section
from credit_tracker.parse.statement_headings import names_statement, opens_like_a_heading
from credit_tracker.parse.statement_segments import SEPARATOR
from credit_tracker.parse.statement_tables import table_blocks, text_of

_PARTS = ("front", "front-stub", "body", "back")  # front-stub: a sub-article's
_BLOCKS = {
    "p",
    "list",
    "list-item",
    "sec",
    "notes",
    "fn",
    "fn-group",
    "def-list",
    "def-item",
    "term",
    "def",
    "disp-quote",
    "boxed-text",
}
_HEADINGS = {"title", "label"}
_TABLES = {"table-wrap", "table"}
# never a statement's place, and large: not looked into
_ELSEWHERE = {"ref-list", "table-wrap", "fig", "disp-formula", "inline-formula", "contrib-group"}
_LEAD_IN = {"bold", "b", "strong"}
# a paragraph's run-in heading: bold, or italic (Oxford's and EMBO's back matter), or both
_RUN_IN = _LEAD_IN | {"italic", "i", "em"}
# the parts whose paragraphs may each be one part of the back matter with its run-in heading:
# '<ack>…<p><bold>Author contributions:</bold> B.W. wrote the paper.</p><p><bold>Competing
# interests:</bold> …</p></ack>' (AAAS's Research), JAMA's and BMJ's author notes
_RUN_IN_PARTS = {"ack", "author-notes"}
# appendices are more of the paper's own text, judged as the body is
_APPENDICES = {"app-group", "app"}
# typed as the contributions; not MDPI's 'Key Contribution' (a paper's highlights, Toxins)
_TYPED = re.compile(r"^(?!.*\bkey\b).*contribution", re.I)
_AUTHORS_TYPED = re.compile(r"authors?\W?contribution", re.I)
_LEADING_HEADING = re.compile(r"^\s*(?P<heading>[^:]{3,80}?)\s*:\s*")


def statement_places(root: Element, pointed_to: set[str]) -> list[Element]:
    """The elements that hold a contributions statement, in document order, leaving out any
    sub-article's and the footnotes whose id is in `pointed_to` (per-author footnotes)."""
    found: list[Element] = []
    for name in _PARTS:
        part = root.find(name)
        if part is not None:
            _look(part, pointed_to, found, run_ins=name == "back")
    return found


def _look(element: Element, pointed_to: set[str], found: list[Element], run_ins: bool) -> None:
    """Add the places under `element` to `found`; `run_ins`: a paragraph opening with a lead-in
    that names the statement is one (in the back matter, the acknowledgments and the author
    notes; in the body, where 'Contributions.' may open a paragraph of the argument, a paragraph
    is judged by its section's title)."""
    children = list(element)
    for n, child in enumerate(children):
        if child.tag == "sub-article" or child.tag in _ELSEWHERE or _authors_own(child, pointed_to):
            continue
        if _opens_paragraph_run(child):
            found.append(_paragraph_run(element.tag, children[n:]))
        elif _holds_statement(child) or _statement_footnotes(child, pointed_to):
            found.append(child)
        elif (own := _own_paragraphs(child)) is not None:
            found.append(own)
        elif run_ins and _heading_alone(child):
            found.append(_paragraphs_after(element.tag, children[n:]))
        elif run_ins and (part := _part_inside(child)) is not None:
            found.append(part)
        else:
            inner = (run_ins and child.tag not in _APPENDICES) or child.tag in _RUN_IN_PARTS
            _look(child, pointed_to, found, inner)


def _part_inside(paragraph: Element) -> Element | None:
    """The statement run in a paragraph: from its run-in heading to the next lead-in that opens
    another part, as one paragraph (the file's elements are not moved). The heading opens the
    paragraph ('<p><bold>Author contributions:</bold> B.W. wrote the paper.</p>', AAAS's
    Research), or stands inside it: Science Advances (2015-2019) prints its acknowledgments,
    funding, contributions and competing interests as one paragraph, each behind its bold
    lead-in."""
    if paragraph.tag != "p":
        return None
    children = list(paragraph)
    opening = _lead_in(paragraph) is not None
    start = 0 if opening else next((n for n, c in enumerate(children) if _names_part(c)), None)
    if start is None:
        return _worded_part_inside(clean("".join(paragraph.itertext())))
    part = Element("p")
    for child in children[start:]:
        if len(part) and child.tag in _LEAD_IN and _opens_another(child):
            break
        part.append(child)
    return paragraph if opening and len(part) == len(children) else part


def _worded_part_inside(text: str) -> Element | None:
    """The same in plain words: '… R01AI079497. Author contributions: S.S. and T.G. designed
    the study; … All authors wrote the paper.' (EBioMedicine's acknowledgments), from a
    sentence opening with the heading to the next sentence that opens another part."""
    heading = next(
        (
            m
            for m in _SENTENCE_HEADING.finditer(text)
            if names_statement(m["heading"]) and opens_like_a_heading(m["heading"])
        ),
        None,
    )
    if heading is None:
        return None
    rest = text[heading.end() :]
    end = next(
        (m.start() for m in _SENTENCE_END.finditer(rest) if opens_another_section(rest[m.end() :])),
        None,
    )
    part = Element("p")
    part.text = rest[:end]
    return part


# a heading opening the paragraph or a sentence ('… R01AI079497. Author contributions: S.S. …',
# EBioMedicine; '<p>Author contributions: conceptualization, A. Gutierrez; …</p>', JEM)
_SENTENCE_HEADING = re.compile(r"(?:^|(?<=[.;!?])\s+)(?P<heading>[A-Z][^.:;]{2,60}?)\s*:\s+")
_SENTENCE_END = re.compile(r"(?<=[.;!?])\s+(?=\S)")


def _names_part(child: Element) -> bool:
    """A bold lead-in inside a paragraph naming the statement: 'Author contributions:'."""
    return _starts_entry(child) and names_statement(clean("".join(child.itertext())).rstrip(" :"))


def _opens_another(lead: Element) -> bool:
    """A bold lead-in of another part: 'Competing interests:', 'Data and materials
    availability:'; not a role's ('Funding acquisition:')."""
    return opens_another_section(clean("".join(lead.itertext()) + (lead.tail or "")))


def _authors_own(element: Element, pointed_to: set[str]) -> bool:
    """A footnote a contrib points to: that author's own, read with the contrib, nothing in it
    a statement of the whole byline."""
    return element.tag == "fn" and element.get("id") in pointed_to


def _own_paragraphs(ack: Element) -> Element | None:
    """The paragraphs an `<ack>` titled as the statement holds before its first section, as one
    place: BMC's production titles the acknowledgments "Authors' contributions" and puts the
    statement first, the acknowledgments and declarations after it, each a `<sec>`."""
    if ack.tag != "ack" or not _titled(ack):
        return None
    own = Element("ack")
    for child in ack:
        if child.tag == "sec":
            break
        if child.tag == "p":
            own.append(child)
    return own if len(own) else None


def _heading_alone(paragraph: Element) -> bool:
    """A paragraph that is nothing but the statement's run-in heading ('<p><bold>Author
    contributions</bold></p>'), its statement in the paragraphs after it: a titled section of
    the back matter ('Declarations', 'Acknowledgements') that heads each of its parts so."""
    return _run_in_alone(paragraph) is not None and _lead_in(paragraph) is not None


def _paragraphs_after(parent: str, siblings: list[Element]) -> Element:
    """The heading paragraph and the paragraph or list after it, and the paragraphs after
    that while each is an entry ('A.L.: Supervision.'), up to one that is a run-in heading
    alone or opens another part ('<p><bold>Funding</bold></p>', 'Competing interests: …') or
    anything else, gathered as one place named as their parent. A paragraph of prose after
    the statement ('J.S. holds shares in …', thanks) is another part, unheaded."""
    run = Element(parent)
    run.append(siblings[0])
    for sibling in siblings[1:]:
        if sibling.tag not in {"p", "list"} or _heads_a_part(sibling):
            break
        if len(run) > 1 and not _an_entry(sibling):
            break
        run.append(sibling)
    return run


# an entry's label before its colon or spaced dash: 'A.L.: …', 'Jane Doe – …', 'Software: …'
_ENTRY_LABEL = re.compile(rf"^[^\W\d_][^:;!?]{{0,60}}?\s*(?:{SEPARATOR})")


def _an_entry(paragraph: Element) -> bool:
    """A paragraph that opens with an entry's label, as a statement's paragraphs do."""
    return paragraph.tag == "p" and bool(_ENTRY_LABEL.match(clean("".join(paragraph.itertext()))))


def _heads_a_part(paragraph: Element) -> bool:
    """A paragraph that opens another part: all in bold or italic ('<bold>Funding</bold>'),
    or opening with another part's heading ('Competing interests: none')."""
    if paragraph.tag != "p":
        return False
    return _run_in_alone(paragraph) is not None or _opens_another_part(paragraph)


def _run_in_alone(paragraph: Element) -> Element | None:
    """The bold or italic run-in a paragraph is nothing but ('<p><bold>Funding</bold></p>')."""
    if paragraph.tag != "p" or (paragraph.text or "").strip() or not len(paragraph):
        return None
    lead = paragraph[0]
    whole = clean("".join(paragraph.itertext()))
    return lead if lead.tag in _RUN_IN and clean("".join(lead.itertext())) == whole else None


def _opens_paragraph_run(element: Element) -> bool:
    """A paragraph typed as the contributions ('author-contributions'), whose statement goes on
    in the untyped paragraphs after it."""
    return element.tag == "p" and bool(_TYPED.search(element.get("content-type") or ""))


def _paragraph_run(parent: str, siblings: list[Element]) -> Element:
    """The typed paragraph and the untyped paragraphs after it, up to the next typed one, one
    that opens another part ('Funding:', 'Additional Information:') or anything else, gathered
    as one place named as their parent ('author-notes'); the file's elements are not moved."""
    run = Element(parent)
    run.append(siblings[0])
    for sibling in siblings[1:]:
        if sibling.tag != "p" or sibling.get("content-type") or _opens_another_part(sibling):
            break
        run.append(sibling)
    return run


def _opens_another_part(paragraph: Element) -> bool:
    """'Funding/Support: …', 'Additional Information: …'; not 'Funding acquisition: Lu.'"""
    return opens_another_section(clean("".join(paragraph.itertext())))


def _holds_statement(element: Element) -> bool:
    kind = element.get(f"{element.tag}-type") or ""
    if element.tag == "fn":
        # typed or not: BMJ Open's 'participating-researchers' opens "Contributors: …", and a
        # footnote may be mistyped ('financial-disclosure' opening "Author contributions")
        return kind == "con" or _titled(element) or _opens_with_heading(element)
    if element.tag in {"notes", "sec"}:
        if _TYPED.search(kind) or _titled(element):
            return True
        # an untitled section that opens "<bold>Author contributions:</bold> …" (Science
        # Advances, inside <ack>); a titled one is judged by its title alone
        return element.find("title") is None and _opens_with_heading(element)
    return False


def _statement_footnotes(group: Element, pointed_to: set[str]) -> bool:
    """A footnote group typed or titled as the statement, its footnotes untyped (PeerJ:
    '<fn-group content-type="author-contributions"><title>Author Contributions</title><fn><p>…'):
    the group is the place. A group of the authors' own footnotes, or of footnotes each a place
    of its own, is looked into instead."""
    if group.tag != "fn-group":
        return False
    # 'author-contributions'; not 'equal-contribution', which notes who contributed equally
    typed = _AUTHORS_TYPED.search(group.get("content-type") or "") is not None or _titled(group)
    notes = list(group.iter("fn"))
    each_own = any(_authors_own(fn, pointed_to) or _holds_statement(fn) for fn in notes)
    return typed and bool(notes) and not each_own


def _titled(element: Element) -> bool:
    title = element.find("title")
    return title is not None and names_statement(clean("".join(title.itertext())))


def _opens_with_heading(element: Element) -> bool:
    lines = _collect(element)
    if not lines:
        return False
    lead = _LEADING_HEADING.match(lines[0])
    named = names_statement(lines[0]) or (lead is not None and names_statement(lead["heading"]))
    return named or _bold_heading(element) is not None


def _bold_heading(element: Element) -> str | None:
    """A bold heading that opens the first paragraph with no colon after it ('<bold>Author
    Contributions</bold> The project was conceived by …', NIH author manuscripts), if it names
    the statement."""
    paragraph = next(element.iter("p"), None)
    return None if paragraph is None else _lead_in(paragraph)


def _lead_in(paragraph: Element) -> str | None:
    """The run-in heading a paragraph opens with, as printed, where it names the statement
    ('Author Contributions', 'Author contributions:', Oxford's bold italic 'Author
    contributions.'): bold or italic, its full stop that of a heading, not of a sentence."""
    if paragraph.tag != "p" or (paragraph.text or "").strip() or not len(paragraph):
        return None
    lead = paragraph[0]
    heading = clean("".join(lead.itertext()))
    words = heading.rstrip(" :")
    words = words[:-1] if words.endswith(".") else words
    return heading if lead.tag in _RUN_IN and names_statement(words) else None


def statement_blocks(place: Element) -> list[str]:
    """The statement's blocks (entries, or paragraphs of prose), its headings left out."""
    lines = _collect(place)
    heading = _bold_heading(place)
    if heading is not None and lines and lines[0].startswith(heading):
        # the colon may stand after the heading's markup ('<italic>Author contributions</italic>:')
        lines[0] = lines[0][len(heading) :].strip().removeprefix(":").strip()
    while lines:
        lead = _LEADING_HEADING.match(lines[0])
        if lead is not None and names_statement(lead["heading"]) and lines[0][lead.end() :]:
            # 'Author contributions: Y.L. designed research'; a short first entry after it is
            # no heading ("Authors' Contributions: Conceptualization: FZ, JEM", JMIR 2026)
            lines[0] = lines[0][lead.end() :]
            break
        if not names_statement(lines[0].rstrip(" :")):
            break
        lines.pop(0)  # a heading in its own paragraph (Oncotarget, Korean J Radiol)
    lines = [line for line in lines if line]
    end = next((n for n, line in enumerate(lines) if n and _PART_AFTER.match(line)), None)
    return lines[:end]


# A part of the back matter printed inside the statement's own section ends it: 'Data
# availability: …', 'Financial Disclosure: …', 'Competing interests: …'. Only headings no
# statement uses for a role: 'Funding: A.L.' may be one of its entries.
_PART_AFTER = re.compile(
    r"(?:Data(?:\s+and\s+materials)?\s+availability(?:\s+statement)?|Competing\s+interests?"
    r"|(?:Potential\s+)?conflicts?\s+of\s+interests?|Financial\s+disclosures?|Disclosures?"
    r"|Acknowledge?ments?|Declarations?\s+of\s+(?:competing\s+)?interests?"
    r"|Role\s+of\s+the\s+funding\s+source)\s*(?:[:.]|$)",
    re.I,
)


def _collect(element: Element) -> list[str]:
    lines: list[str] = []
    _blocks(element, lines)
    return lines


def _blocks(element: Element, lines: list[str]) -> None:
    run = [element.text or ""]
    for child in element:
        if child.tag in _HEADINGS:
            pass
        elif child.tag in _TABLES:
            _flush(run, lines)
            run = []
            lines += table_blocks(child)
        elif child.tag in _BLOCKS or child.tag == "break":  # a line break ends a block too
            _flush(run, lines)
            run = []
            _blocks(child, lines)
        else:
            if _starts_entry(child) and clean("".join(run)):
                _flush(run, lines)
                run = []
            run.append(text_of(child, line_break="\n"))
        run.append(child.tail or "")
    _flush(run, lines)


def _starts_entry(child: Element) -> bool:
    """A bold lead-in ending in a colon, or followed by one: 'Conceptualization:', 'Name:'."""
    if child.tag not in _LEAD_IN:
        return False
    text = "".join(child.itertext()).strip()
    return text.endswith(":") or (child.tail or "").lstrip().startswith(":")


def _flush(run: list[str], lines: list[str]) -> None:
    line = clean("".join(run))
    if line:
        lines.append(line)
