"""Published contribution statements ("Author contributions") as a source: pure text in, roles out.

One reader for every document: a PDF's text, a web page, a text file (`fetch --statement`) and
the statement a JATS file prints (jats_statement.py, whose blocks come from the markup's
structure). The forms seen in practice, each sentence read in its own form (statements mix
them), each turned into (name as printed, roles) entries (statement_parts.py reads the names and
phrases):
- person first: "Jane Illés: Conceptualization, Writing – review & editing. John P. Winpenny: ...",
  also several people at once ("GSL, JJZ: Conceptualization, Methodology", "D.-H. W. and W. X.:
  …"), with roles separated by ';' ("Luisa Fassi: Formal analysis; Conceptualisation; …");
- role first: "Conceptualization: Jane Illés, Nisreen A. Alwan." (PLOS online), also with initials
  ("Writing – review & editing: GJP DSA JKH.", PLOS 2016; "Conceptualization – RC, HBA", bioRxiv)
  or inverted names ("Methodology: Callili, D., Tecchio M. A."), or family names alone
  ("Concept and design: Guo, Fan, H. Wang.", JAMA Network), resolved against the byline;
  MDPI's and Cell Press's "Conceptualization, A.P. and J.Š.Ž.; methodology, …" with a comma;
  names going on after ';' ("Conceptualization: Jane Doe; John Roe"); the names in parentheses
  ("Conceptualization (J.D., J.S.); Methodology (J.D.)"); a degree after the label
  ("Conceptualization (lead): JD"); a CRediT label given to
  everyone ("Writing – review & editing: all authors.", "All authors: Writing – review &
  editing."), each byline author's role;
- each person with their roles in parentheses: "Jane Doe (Conceptualization [lead], …), John
  Roe (…)";
- initials and a dash: "ID - Study design, data analysis, manuscript writing & editing." (BMC PDF);
- prose: "JI and NAA conceived the study; JPW wrote the first draft", "Mary J. O'Connell conceived
  and designed the experiments, analyzed the data, ..." (PeerJ), mapped to CRediT where unambiguous;
- by position: "1st author: conceptualization (lead); methodology (equal). 2nd author: ...".
Whatever sentence gives no entry is kept, as text, in `unread`: never dropped silently.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

from credit_tracker.domain.credit import Degree
from credit_tracker.domain.models import SourceAuthor, SourceRole
from credit_tracker.domain.names import clean
from credit_tracker.domain.problems import Unread
from credit_tracker.parse.jats_roles import label_role
from credit_tracker.parse.statement_names import (
    ORDINAL,
    Reading,
    StatementEntry,
    Unresolved,
    by_full_name,
    entry_for,
    in_byline_order,
    positions,
)
from credit_tracker.parse.statement_parts import (
    all_names,
    is_credit_term,
    label_roles,
    looks_like_name,
    names_in,
    names_with_degrees,
    roles_from,
)
from credit_tracker.parse.statement_segments import (
    SEPARATOR,
    Split,
    names_a_role_in,
    person_roles,
    repeated_initials,
    role_names,
    run_together,
    sentences,
    split_label,
)

__all__ = [
    "ParsedStatement",
    "StatementEntry",
    "Unresolved",
    "find_section",
    "parse_blocks",
    "parse_statement",
]

# a section's number before its heading: '5. Author contributions', '5.2 Funding', 'V. Funding',
# '6 References'; a number with no full stop only before a short line of its own, as a heading
# is: a line of prose may wrap before one ('… from\n2 Ethics committees, who approved …')
_NUMBERED = r"(?:(?:\d+\.(?:\d+\.?)*|[IVX]+\.)[ \t]+|\d{1,2}[ \t]+(?=[^\n.,;:]{0,40}[:.]?[ \t]*$))?"
# a heading opens with a capital: a line of prose wrapped before 'contributors. We also …' or
# 'disclosures.' does not
_CAPITAL = r"(?-i:(?=[A-Z]))"
HEADINGS = re.compile(
    rf"^\s*{_NUMBERED}(?:CRediT\s+authorship\s+contribution\s+statement"
    r"|Author(?:s|ship)?\s*[’']?\s*[’']?\s*contributions?(?:\s+statement)?"
    r"|Contributions?\s+(?:of\s+(?:the\s+)?authors|statement)|Contributors?(?:hip)?)\s*[:.]?\s*$",
    re.I | re.M,
)
# 'Contributions' alone heads the statement only where no heading above does, and never with a
# number: '1.2 Contributions' is a part of a paper's introduction, long before its statement
BARE_HEADING = re.compile(r"^\s*Contributions?\s*[:.]?\s*$", re.I | re.M)
# MDPI prints the heading run in, at the start of the statement's first line:
# "Author Contributions: Conceptualization, A.B. and K.L.C.; …", and the next one the same way;
# Oxford and BMJ end it with a full stop or a dash ("Author contributions. A.B. …",
# "Contributors: AB …", "Author contributions — AB: …").
RUN_IN_HEADING = re.compile(
    rf"^\s*{_NUMBERED}{_CAPITAL}(?:CRediT\s+authorship\s+contribution\s+statement"
    r"|Author(?:s|ship)?\s*[’']?\s*[’']?\s*contributions?(?:\s+statement)?|Contributors)"
    r"\s*(?::|\.|\s[\u2013\u2014-])[ \t]*(?=\S)",
    re.I | re.M,
)
# Springer prints its bold run-in headings with nothing after them but a space ("Author
# contributions All authors contributed to …", "Funding Open access funding …"): in a PDF's
# text, the heading's words then a capital. Looked for only where no heading above is found,
# since a line of the paper's own text may open so ('Author Contributions Statement in each
# paper was analysed'); 'Contributors' alone, a word of sentences too, never.
SPACED_RUN_IN_HEADING = re.compile(
    rf"^\s*{_NUMBERED}{_CAPITAL}(?:CRediT\s+authorship\s+contribution\s+statement"
    r"|Author(?:s|ship)?\s*[’']?\s*[’']?\s*contributions?(?:\s+statement)?"
    r"|Contributions?\s+statement)[ \t]+(?-i:(?=[A-Z\u00c0-\u00de]))",
    re.I | re.M,
)
_NEXT_SECTION = re.compile(
    rf"^\s*{_NUMBERED}{_CAPITAL}(?:Acknowledge?ments?|Funding|Competing\s+interests?"
    # Oxford's run-in 'Financial support. …' ends a statement; JCO's 'Financial support: A. Lu'
    # is a role of its own list
    r"|(?:Potential\s+)?conflicts?\s+of\s+interests?|Financial\s+(?:support(?=\s*\.)|disclosures?)"
    r"|Data\s+(?:and\s+materials\s+)?availability|References|Ethics|Additional\s+information"
    r"|Supplementa(?:l|ry)\s+information|Declaration|Author\s+details"
    r"|Received:|Abbreviations|(?:Authors?\s*[’']?\s*)?Disclosures?|Availability"
    r"|Role\s+of\s+the\s+funding\s+source|Publisher[’']?s\s+note|Open\s+access\b"
    r"|Peer\s+review\s+information|Consent\s+(?:for|to)\s+publication|Code\s+availability"
    r"|Rights\s+and\s+permissions|Literature\s+cited|Author\s+ORCIDs|Peer\s+review\s+material"
    r"|Additional\s+files|Data\s*/\s*code\s+availability|Data\s+and\s+code\s+availability)\b.*$",
    re.I | re.M,
)


def opens_another_section(line: str) -> bool:
    """Whether a line begins the section after the statement ('Funding: …', 'Data availability');
    a line of the statement that begins with a role ('Funding acquisition: Lu.', or a paragraph
    wrapped before 'funding acquisition, J.S.;') does not."""
    opening = re.sub(rf"^\s*{_NUMBERED}", "", line)
    return (
        _NEXT_SECTION.match(line) is not None
        and label_role(re.split(r"[:,]", opening, maxsplit=1)[0])[0] is None
    )


# Sentences that state no one's roles: 'All authors read and approved the final manuscript.'
# 'These authors contributed equally.', 'The authors thank …' (bioRxiv, PNAS)
_OTHERS = (
    r"(?:(?:all\s+)?(?:of\s+)?(?:the\s+)?(?:other|remaining)\s+(?:co-?)?authors"
    r"|(?:the\s+)?rest\s+of\s+(?:the\s+)?(?:co-?)?authors)"
)
"""The authors a statement names nowhere else ('Rest of the authors', 'all other authors')."""
_ALL_AUTHORS = re.compile(
    rf"^(?:All|Both|Todos|Todas|Ambos|(?:The|These|Each|Every)\s+authors?|{_OTHERS})\b", re.I
)
# ... unless it says what they did ('All authors involved the analysis of experimental data and
# manuscript preparation.', Frontiers 2020): that one is reported unread, for a person to read
# (given to everyone, it would be a reading no form makes). 'All authors reviewed the
# manuscript.' is Springer Nature's closing line of approval (BMC 2024); reviewed *and edited*
# is a role, and stays reported.
_NAMES_NO_ONE = re.compile(
    r"\b(?:read|approved?|agreed?|consent\w*|equally|thank\w*|declare\w*|aprova\w*|le(?:ram|u)"
    r"|concorda\w*|reviewed\s+the\s+(?:final\s+)?(?:manuscript|paper|article))\b",
    re.I,
)

# Sentences about the people that state no one's roles, whoever their subject: 'Drs Lu and X.
# Wang had full access to all of the data … and take responsibility for the integrity of the
# data' (JAMA Network), 'Drs Guo and Fan contributed equally to this work and are co-first
# authors', 'JD is the guarantor', 'A list of authors and their affiliations appears at the end
# of the paper' (Springer Nature, for a group author).
_NO_ONES_ROLES = re.compile(
    r"\b(?:had\s+full\s+access\s+to\s+all|takes?\s+responsibility\s+for\s+the\s+integrity"
    r"|contributed\s+equally(?:\s+to\s+th(?:is|e)\s+(?:work|study|paper|article|manuscript))?"
    r"(?=\s*(?:$|[.;,]|and\s+(?:are|is)\b|as\b))|co[-\u2010-\u2015]?first\s+authors?\b"
    r"|(?:is|are)\s+(?:the\s+)?guarantors?\b"
    r"|\blist\s+of\s+(?:the\s+)?(?:authors|members)\b[^.;]*\bappears?\b)",
    re.I,
)


# A CRediT label given to every author: 'Writing – review & editing: all authors.' (role first)
# or 'All authors: Writing – review & editing.' (person first). Read as each byline author's role;
# with no byline to give it to, it is reported like any sentence about all the authors.
EVERYONE = "all authors"
"""How an entry for an author the statement names only as one of all the authors is printed."""
_EVERYONE = r"(?:all|both)(?:\s+(?:of\s+)?the)?(?:\s+(?:co-?)?authors?)?"
# MDPI's role-first form parts a label from its names with a comma ('Conceptualization, all
# authors; Methodology, M.S.'); the label must then be CRediT terms alone, as for the others
_TO_EVERYONE = re.compile(rf"^(?P<label>.+?)\s*(?:{SEPARATOR}|,)\s*{_EVERYONE}$", re.I)
_EVERYONE_DID = re.compile(rf"^{_EVERYONE}\s*(?:{SEPARATOR})\s*(?P<roles>.+)$", re.I)

# The authors the statement names nowhere else: 'Rest of the authors: data/evidence collection
# and writing – review and editing.' (Wiley 2025), 'Writing – review & editing: all other
# authors.' Read once every other sentence is, as the roles of each byline author no entry names.
OTHERS = "the other authors"
"""How an entry for an author the statement names only as one of 'the other authors' is printed."""
_TO_OTHERS = re.compile(rf"^(?P<label>.+?)\s*(?:{SEPARATOR}|,)\s*{_OTHERS}$", re.I)
_OTHERS_DID = re.compile(rf"^{_OTHERS}\s*(?:{SEPARATOR})\s*(?P<roles>.+)$", re.I)


@dataclass
class ParsedStatement:
    """A statement read into entries, with what could not be read cleanly."""

    form: str
    entries: list[StatementEntry]
    problems: list[str] = field(default_factory=list)
    """What could not be read cleanly, as text; the unread parts among them as
    domain.problems.Unread writes them ("not understood: …")."""
    unread: list[str] = field(default_factory=list)
    """The sentences (or parts) that gave no entry, as printed."""
    unresolved: list[Unresolved] = field(default_factory=list)
    """Initials or names that name no byline author for certain, with whom they may be."""


def normalise_text(text: str) -> str:
    """Undo what PDF extraction does to names: ligatures, hyphenation at line ends, odd spaces."""
    value = unicodedata.normalize("NFKC", text)  # ﬁ → fi, non-breaking and thin spaces → spaces
    value = re.sub(
        r"(\w)-\n(?=[a-z])", r"\1", value
    )  # "Concep-\ntualization" → "Conceptualization"
    value = value.replace("\u00ad", "")  # soft hyphens; typographic apostrophes stay as printed
    return value


def find_section(text: str) -> str | None:
    """Return the contributions section of a document's text, or None when there is none."""
    found = [m for m in (HEADINGS.search(text), RUN_IN_HEADING.search(text)) if m is not None]
    for fallback in (SPACED_RUN_IN_HEADING, BARE_HEADING):
        if not found and (heading := fallback.search(text)) is not None:
            found = [heading]
    if not found:
        return None
    heading = min(found, key=lambda match: match.start())
    rest = text[heading.end() :]
    end = next((m for m in _NEXT_SECTION.finditer(rest) if opens_another_section(m.group())), None)
    body = rest[: end.start()] if end else rest
    body = re.sub(
        r"^\s*(?:All authors (?:read|have read|approved).*)$", "", body, flags=re.I | re.M
    )
    return body.strip() or None


def parse_statement(text: str, byline: list[SourceAuthor]) -> ParsedStatement:
    """Parse a statement's text (the section's body) against the article's byline. Its lines
    are joined: in a PDF's text a line ends wherever the column does, not where an entry does."""
    body = " ".join(clean(line) for line in normalise_text(text).splitlines() if clean(line))
    return parse_blocks([body], byline)


def parse_blocks(blocks: list[str], byline: list[SourceAuthor]) -> ParsedStatement:
    """Parse a statement whose blocks (a JATS file's paragraphs and list items) each end an
    entry, punctuated or not ('CR: Data curation, Software' then 'JW: …')."""
    texts = [
        in_byline_order(clean(normalise_text(block)).replace("•", " • "), byline)
        for block in blocks
    ]
    if texts:
        texts[0] = _CREDIT_LEAD.sub("", texts[0], count=1)
    body = " ".join(text for text in texts if text)
    reading = Reading(byline=byline)
    unread: list[str] = []
    if ORDINAL.search(body):
        by_position = positions(body, byline, reading.problems)
        first = ORDINAL.search(body)
        lead = body[: first.start()].strip(" .;") if first else ""
        if lead:
            unread.append(lead)
        return _parsed({"by position"}, by_position, reading, unread)
    segments = [
        entry
        for text in texts
        for segment in sentences(text)
        if segment.strip(" .;")
        for entry in run_together(segment)
    ]
    others = [(segment, found) for segment in segments if (found := _others_roles(segment, byline))]
    segments = [segment for segment in segments if not any(segment is s for s, _ in others)]
    about_all = [
        segment
        for segment in segments
        if _ALL_AUTHORS.match(segment.strip()) and _everyones_roles(segment, byline) is None
    ]
    unread += [segment.strip(" ;") for segment in about_all if not _NAMES_NO_ONE.search(segment)]
    segments = [
        segment
        for segment in segments
        if segment not in about_all and not _names_no_ones_roles(segment)
    ]
    reading.repeated = repeated_initials(segments)
    forms: set[str] = set()
    going = _Going()
    for segment in segments:
        if going.nobody is not None and _goes_on(segment.strip(" .;"), reading):
            going = _told_with(going, segment.strip(" .;"), reading)
            continue  # more roles of a person who fits no author: told with the name
        unresolved = len(reading.unresolved)
        form, named, going = _read_segment(segment, reading, going)
        if named:
            forms.add(form)
        elif len(reading.unresolved) == unresolved:  # else told with the names not resolved
            unread.append(segment.strip(" ;"))
    for segment, found in others:
        if _give_the_others(reading, found.roles):
            forms.add(found.form)
        else:
            unread.append(segment.strip(" ;"))  # everyone was named: whom it means is unclear
    # one entry per person, though printed two ways ('Tecchio, M. A.', 'Tecchio M. A')
    unique = list({id(entry): entry for entry in reading.entries.values()}.values())
    return _parsed(forms, _folded(unique, byline), reading, unread)


# 'CRediT:' before the first entry ('Author contributions' then 'CRediT: Jane Doe:
# Conceptualization, …'): the statement naming its taxonomy, no part of the first name
_CREDIT_LEAD = re.compile(r"^\s*CRediT\s*:\s*(?=\S)", re.I)


def _names_no_ones_roles(segment: str) -> bool:
    """A sentence of prose about people that states no one's roles (no label: 'Jane Doe:
    Software. These authors contributed equally' is Jane Doe's entry, read as before)."""
    return bool(_NO_ONES_ROLES.search(segment)) and split_label(segment.strip(" .;")) is None


@dataclass(frozen=True)
class _Going:
    """A list the next sentence may go on with, after a ';': the roles of the people of a
    person-first entry ('Luisa Fassi: Formal analysis; Conceptualisation; …'), or the names of
    a role-first one's label ('Conceptualization: Jane Doe; John Roe')."""

    people: tuple[StatementEntry, ...] = ()
    label: str | None = None
    nobody: tuple[int, str] | None = None
    """The person-first entry names no one for certain ('CJP: Formal analysis; Funding
    acquisition; …' where CJP fits no author): the roles going on are theirs, told in its note
    (the note's index among the problems, and the text it quotes)."""


def _told_with(going: _Going, text: str, reading: Reading) -> _Going:
    """The roles going on after an entry that names no one added to that entry's note."""
    assert going.nobody is not None
    index, quoted = going.nobody
    longer = f"{quoted}; {text}"
    reading.problems[index] = reading.problems[index].replace(quoted, longer, 1)
    return _Going(nobody=(index, longer))


def _parsed(
    forms: set[str], entries: list[StatementEntry], reading: Reading, unread: list[str]
) -> ParsedStatement:
    form = " and ".join(sorted(forms)) if forms else "nothing readable"
    notes = [*reading.problems, *(str(Unread(text=text)) for text in unread)]
    for entry in entries:
        entry.roles = _once(entry.roles)
    return ParsedStatement(
        form=form, entries=entries, problems=notes, unread=unread, unresolved=reading.unresolved
    )


def _once(roles: list[SourceRole]) -> list[SourceRole]:
    """Each role (with its degree) once, in the order first stated: a statement printed twice,
    or one person named twice in one list ('Martin, J.-P.' read as the family name and the
    initials), states it again."""
    seen: set[tuple[str, Degree | None]] = set()
    kept = []
    for role in roles:
        # a CRediT term by its role, a phrase by its words: a phrase may map to the role a
        # term states ('analysed the data', then 'Formal analysis'), and the term is kept
        term = role.role if is_credit_term(role) else None
        key = (term or "~" + clean(role.label).casefold(), role.degree)
        if key not in seen:
            seen.add(key)
            kept.append(role)
    return kept


def _read_segment(
    segment: str, reading: Reading, going: _Going
) -> tuple[str, list[StatementEntry], _Going]:
    """Read one sentence in whichever form it has; return the form, the entries it gave roles
    to (none: it named no one) and the list the next sentence may go on with."""
    before = {id(entry): len(entry.roles) for entry in reading.entries.values()}
    text = segment.strip(" .;")
    everyones = _everyones_roles(text, reading.byline)
    if everyones is not None:
        return everyones.form, _give_everyone(reading, everyones.roles), _Going()
    split = split_label(text, reading.families)
    if split is None and going.label is not None and all_names(text, reading.families):
        split = Split(going.label, text, role_first=True)  # the names go on
    after = _Going()
    # 'Jane Doe (Conceptualization, …), and John Roe (…)' first: the comma after a parenthesis
    # would otherwise read as the label of the role-first form with a comma (Cell Press)
    pairs = person_roles(text)
    if pairs is not None:
        form = "person first"
        for name, phrases in pairs:
            entry = entry_for(reading, name, context=text)
            if entry is not None:
                entry.roles += roles_from(phrases)
    elif split is not None and split.role_first:
        form, after = "role first", _Going(label=split.label)
        _give_label(reading, split.label, split.rest, context=text)
    elif split is not None:
        form, found, told = "person first", False, len(reading.problems)
        for name in names_in(split.label):
            entry = entry_for(reading, name, context=text)
            if entry is not None:
                entry.roles += _stated_roles(split.rest)
                found = True
        if not found and len(reading.problems) > told:
            return form, [], _Going(nobody=(len(reading.problems) - 1, text))
    elif going.people and _is_role_list(text):
        form = "person first"  # the roles go on
        for entry in going.people:
            entry.roles += roles_from(text)
        return form, list(going.people), going
    elif (lists := role_names(text, reading.families)) is not None:
        form = "role first"  # 'Conceptualization (J.D., J.S.), Methodology (J.D.)'
        for label, names in lists:
            _give_label(reading, label, names, context=text)
    else:
        form = "prose"
        _prose(text, reading)
    named = [e for e in reading.entries.values() if len(e.roles) > before.get(id(e), -1)]
    named = list({id(entry): entry for entry in named}.values())
    if form == "person first":
        after = _Going(people=tuple(named))
    return form, named, after


@dataclass(frozen=True)
class _Everyones:
    """The roles a sentence gives a group of authors (everyone, or the others), and its form."""

    roles: list[SourceRole]
    form: str
    label: str = ""
    """The label the roles were read from, role first ('' for the group first)."""


def _everyones_roles(segment: str, byline: list[SourceAuthor]) -> _Everyones | None:
    """The roles of 'Writing – review & editing: all authors.' or 'All authors: Writing –
    review & editing.'; None unless a byline is known and every role is a CRediT term."""
    found = _group_roles(segment, byline, _TO_EVERYONE, _EVERYONE_DID)
    credit = found is not None and found.roles and all(map(is_credit_term, found.roles))
    return found if credit else None


def _others_roles(segment: str, byline: list[SourceAuthor]) -> _Everyones | None:
    """The roles of 'Rest of the authors: …' or '…: all other authors'; None unless a byline is
    known and at least one role is a CRediT term (free phrases beside them are kept)."""
    found = _group_roles(segment, byline, _TO_OTHERS, _OTHERS_DID)
    if found is None or (found.label and split_label(found.label) is not None):
        return None  # 'Writing: J.D., all other authors': names of its own, read as before
    return found if any(map(is_credit_term, found.roles)) else None


def _group_roles(
    segment: str, byline: list[SourceAuthor], to_group: re.Pattern[str], group_did: re.Pattern[str]
) -> _Everyones | None:
    """The roles a sentence gives a group of authors, role first ('<label>: <group>', matched
    by `to_group`) or the group first ('<group>: <roles>', by `group_did`); None without a
    byline or in neither form."""
    text = segment.strip(" .;")
    if not byline:
        return None
    if (label_first := to_group.match(text)) is not None:
        label = label_first["label"]
        return _Everyones(roles=label_roles(label), form="role first", label=label)
    if (group_first := group_did.match(text)) is not None:
        return _Everyones(roles=roles_from(group_first["roles"]), form="person first")
    return None


def _give_the_others(reading: Reading, roles: list[SourceRole]) -> list[StatementEntry]:
    """Give `roles` to each byline author no entry names, and none the statement may name
    (initials it could not resolve); return their entries. Where a name or initials fit no
    author at all, who 'the others' are is not known: nobody is given anything."""
    people = [
        entry.author or by_full_name(entry.printed, reading.byline)
        for entry in reading.entries.values()
    ]
    if None in people or any(not unresolved.candidates for unresolved in reading.unresolved):
        return []
    named = {id(author) for author in people}
    named |= {id(author) for unresolved in reading.unresolved for author in unresolved.candidates}
    entries = []
    for author in reading.byline:
        if id(author) not in named:
            entry = StatementEntry(printed=OTHERS, author=author, roles=list(roles))
            entries.append(reading.entries.setdefault(f"{OTHERS}: {author.raw}", entry))
    return entries


def _give_everyone(reading: Reading, roles: list[SourceRole]) -> list[StatementEntry]:
    """Give each byline author `roles`; return their entries."""
    entries = [_entry_of(reading, author) for author in reading.byline]
    for each in entries:
        each.roles += roles
    return entries


def _entry_of(reading: Reading, author: SourceAuthor) -> StatementEntry:
    """The entry of one byline author: the one the statement already named them in, else one
    that says the statement did not print their name."""
    for entry in reading.entries.values():
        if (entry.author or by_full_name(entry.printed, reading.byline)) is author:
            return entry
    key = f"{EVERYONE}: {author.raw}"
    return reading.entries.setdefault(key, StatementEntry(printed=EVERYONE, author=author))


def _folded(entries: list[StatementEntry], byline: list[SourceAuthor]) -> list[StatementEntry]:
    """Entries without an 'all authors' one for a person the statement names later by full name
    ('All authors: Writing – review & editing. Jane Doe: Conceptualization.'): its roles are
    theirs."""
    named = {id(author): entry for entry in entries if (author := _named(entry, byline))}
    kept = []
    for entry in entries:
        if entry.printed == EVERYONE and (later := named.get(id(entry.author))) is not None:
            later.roles[:0] = entry.roles
        else:
            kept.append(entry)
    return kept


def _named(entry: StatementEntry, byline: list[SourceAuthor]) -> SourceAuthor | None:
    """The byline author a full name printed in the statement is, if any."""
    if entry.printed in (EVERYONE, OTHERS) or entry.author is not None:
        return None
    return by_full_name(entry.printed, byline)


def _give_label(reading: Reading, label: str, names: str, context: str) -> None:
    """Give each person a role-first list names the label's roles, with the degree written
    after their name ('P.P. lead') or else after the label ('Conceptualization (lead): …')."""
    roles = label_roles(label)
    for name, degree in names_with_degrees(names):
        entry = entry_for(reading, name, context=context)
        if entry is not None:
            entry.roles += [r.model_copy(update={"degree": degree or r.degree}) for r in roles]


def _goes_on(text: str, reading: Reading) -> bool:
    """Whether a sentence only goes on with the roles of the entry before it: no label of its
    own, no roles of everyone ('Writing – review & editing: all authors'), nothing but role
    phrases."""
    if _everyones_roles(text, reading.byline) or _others_roles(text, reading.byline):
        return False
    return split_label(text, reading.families) is None and _is_role_list(text)


def _is_role_list(text: str) -> bool:
    """A sentence of role phrases and nothing else, at least one of them a CRediT term. A
    sentence headed by a label that names no role before a colon is another entry, though its
    name could not be read ('Lysanne W. qi Brinke: investigation, …'), never more roles of the
    person before it."""
    head, colon, _rest = text.partition(":")
    if colon and _unread_name(head.strip()):
        return False
    roles = roles_from(text)
    return any(is_credit_term(role) for role in roles) and not any(
        looks_like_name(name) for name in names_in(text)
    )


def _unread_name(head: str) -> bool:
    """Words before a colon that may be a name the reader could not take for one: more than
    one word, naming no role and with no degree in parentheses ('Methodology, Formal analysis:
    supporting' and 'Writing: original draft' go on with roles)."""
    return len(head.split()) > 1 and "(" not in head and not names_a_role_in(head)


def _prose(segment: str, reading: Reading) -> None:
    for clause in re.split(r";\s*", segment.strip(" .")):
        clause = re.sub(r"^and\s+", "", clause)
        subject, predicate = _subject(clause)
        done = [(subject, _stated_roles(predicate))] if subject else _done_by(clause)
        for names, roles in done:
            if names[0].casefold() in {"all", "all authors"}:
                continue
            for name in names:
                entry = entry_for(reading, name, context=clause[:40])
                if entry is not None:
                    entry.roles += roles


# The passive ('Material preparation, data collection and analysis were performed by A, B and
# C. The first draft of the manuscript was written by A', Springer Nature's template): what was
# done, 'was' or 'were', the verbs, 'by', the names; more verbs and names may follow ('…
# analysed by P.C. and Z.A.P. and reviewed by Z.S.L.', '… designed by J.D., performed by K.S.')
_PASSIVE = re.compile(r"\s(?:was|were|(?:has|have)\s+been)\s+(?:(?:also|jointly|mainly)\s+)?")
_VERBS_BY = re.compile(r"(?P<verbs>[a-z]+(?:(?:,\s*|\s+and\s+|\s+)[a-z]+)*?)\s+by\s+")
_MORE_BY = re.compile(r"^(?:,\s*)?(?:and\s+)?(?=[a-z]+(?:(?:,\s*|\s+and\s+|\s+)[a-z]+)*?\s+by\s)")
# what may follow the last names and says no more of who did what: 'and all authors commented
# on previous versions of the manuscript' (the template's own words)
_ALL_AFTER = re.compile(r"^(?:,\s*)?and\s+all\s+(?:the\s+)?(?:co-?)?authors\b", re.I)
_RESPECTIVELY = re.compile(r"^,?\s*respectively$", re.I)


def _done_by(clause: str) -> list[tuple[list[str], list[SourceRole]]]:
    """The people a passive clause names after 'by', each group with the roles of what the
    clause says was done; none unless the clause is one, read to its end (anything after the
    names but more verbs and names, 'respectively' or 'and all authors …' leaves the clause
    unread, as before: 'Statistics were done by W.Z., and J.D. wrote the paper')."""
    verb = _PASSIVE.search(clause)
    if verb is None or not verb.start() or ":" in clause[: verb.start()]:
        return []  # 'Conceptualization: J.D. and K.S. Data were analysed by W.Z.': a label first
    what, rest = clause[: verb.start()].strip(), clause[verb.end() :]
    what = what[:1].lower() + what[1:]  # 'The first draft …' goes after the verb
    listed = roles_from(what)
    done: list[tuple[list[str], list[SourceRole]]] = []
    while (by := _VERBS_BY.match(rest)) is not None:
        names, rest = _names_ahead(rest[by.end() :])
        if not names:
            return []
        credit = not done and listed and all(is_credit_term(role) for role in listed)
        done.append((names, listed if credit else _stated_roles(_active(by["verbs"], what))))
        if (more := _MORE_BY.match(rest)) is None:
            break
        rest = rest[more.end() :]
    if _RESPECTIVELY.match(rest):
        return _respectively(done, listed)
    return done if done and (not rest or _ALL_AFTER.match(rest)) else []


def _respectively(
    done: list[tuple[list[str], list[SourceRole]]], listed: list[SourceRole]
) -> list[tuple[list[str], list[SourceRole]]]:
    """'Software and visualization were developed by J.D. and K.S., respectively': each name
    its own role, in order; none (unread) unless there are as many of each."""
    if len(done) != 1 or len(done[0][0]) != len(listed):
        return []
    return [([name], [role]) for name, role in zip(done[0][0], listed, strict=True)]


# past participles whose past tense differs, as the phrases' patterns know them ('wrote the
# first draft')
_PAST = {"written": "wrote", "drawn": "drew", "done": "did", "undertaken": "undertook"}


def _active(verbs: str, what: str) -> str:
    """'conducted, transcribed and analysed' and 'interviews' as the phrases of a predicate:
    'conducted interviews, transcribed interviews, analysed interviews'."""
    each = [verb for verb in re.split(r",\s*|\s+and\s+", verbs) if verb]
    return ", ".join(f"{' '.join(_PAST.get(w, w) for w in verb.split())} {what}" for verb in each)


def _names_ahead(text: str) -> tuple[list[str], str]:
    """The names a text opens with, and the rest ('P.C. and Z.A.P.', 'and reviewed by …'):
    the longest run of words that are all names, the rest not going on with another name and
    being more verbs and names, 'respectively', 'and all authors …' or nothing."""
    words = text.split()
    for cut in range(min(len(words), _LONGEST_SUBJECT), 0, -1):
        head, tail = " ".join(words[:cut]).rstrip(","), " ".join(words[cut:])
        if re.match(r"(?:,\s*)?(?:and|&)\s+[^\W\d_a-z]", tail):
            continue  # 'A, B and C': the names go on
        if tail and not (
            _MORE_BY.match(tail) or _RESPECTIVELY.match(tail) or _ALL_AFTER.match(tail)
        ):
            continue  # 'W.Z., and J.D. wrote the paper': another clause, not more names
        names = names_in(head)
        if names and all(looks_like_name(n) for n in names):
            return names, tail
    return [], text


def _stated_roles(predicate: str) -> list[SourceRole]:
    """The roles a predicate or a person-first entry states; after a verb of taking part
    ('contributed to conceptualization and methodology', 'JD: contributed to the
    conceptualization, …'), the CRediT terms it lists, where it lists nothing else (else the
    phrases as written: 'assisted with ChIP-seq preparations')."""
    listed = roles_from(_CONTRIBUTED_TO.sub("", predicate, count=1))
    if listed and all(is_credit_term(role) for role in listed):
        return listed
    return roles_from(predicate)


# A verb of taking part before the roles themselves: 'JD contributed to conceptualization and
# methodology', 'JS was responsible for software and validation'.
_CONTRIBUTED_TO = re.compile(
    r"^(?:(?:has|have|had)\s+)?(?:contributed\s+(?:to|in)|(?:was|were)\s+(?:responsible\s+for"
    r"|involved\s+in|in\s+charge\s+of)|participated\s+in|took\s+part\s+in|worked\s+on"
    r"|(?:helped|assisted)\s+(?:with|in))\s+(?:the\s+)?",
    re.I,
)


# Words a clause's subject may run to: JBC prints seven people or more as spaced initials before
# the role they did ('A.-K. B., I. G., T. H. L., M. K., N. B., S. R., and P. V. formal analysis')
_LONGEST_SUBJECT = 40
_GOES_ON = re.compile(r"(?:and|&)\s", re.I)


def _subject(clause: str) -> tuple[list[str], str]:
    """Split 'JI and NAA conceived the study' into (['JI', 'NAA'], 'conceived the study')."""
    words = clause.split()
    for cut in range(min(len(words), _LONGEST_SUBJECT), 0, -1):
        head, tail = " ".join(words[:cut]), " ".join(words[cut:])
        if _GOES_ON.match(tail):
            continue  # 'T. H. L., N. B., and P. V. formal analysis': the names go on after 'and'
        names = names_in(head)
        if tail and names and all(looks_like_name(n) for n in names) and tail[:1].islower():
            return names, tail
    return [], clause
