"""Published contribution statements ("Author contributions") as a source: pure text in, roles out.

The forms seen in practice, each sentence read in its own form (statements mix them), each turned
into (name as printed, roles) entries (statement_parts.py reads the names and phrases):
- person first: "Jane Illés: Conceptualization, Writing – review & editing. John P. Winpenny: ...",
  also several people at once ("GSL, JJZ: Conceptualization, Methodology");
- role first: "Conceptualization: Jane Illés, Nisreen A. Alwan." (PLOS online), also with initials
  ("Writing – review & editing: GJP DSA JKH.", PLOS 2016) or inverted names
  ("Methodology: Callili, D., Tecchio M. A."), resolved against the byline;
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

from credit_tracker.domain.credit import split_degree
from credit_tracker.domain.models import SourceAuthor, SourceRole
from credit_tracker.domain.names import clean, parse_display_name
from credit_tracker.domain.problems import Unread
from credit_tracker.parse.jats_roles import and_split, label_role
from credit_tracker.parse.statement_parts import (
    StatementEntry,
    all_names,
    entry_for,
    from_phrase,
    looks_like_name,
    names_in,
    roles_from,
)

__all__ = ["ParsedStatement", "StatementEntry", "find_section", "parse_statement"]

HEADINGS = re.compile(
    r"^\s*(?:CRediT\s+authorship\s+contribution\s+statement"
    r"|Authors?\s*[’']?\s*[’']?\s*contributions?"
    r"|Contributions?\s+of\s+(?:the\s+)?authors|Contributors?(?:hip)?|Contributions?)\s*:?\s*$",
    re.I | re.M,
)
# MDPI prints the heading run in, at the start of the statement's first line:
# "Author Contributions: Conceptualization, A.B. and K.L.C.; …", and the next one the same way.
RUN_IN_HEADING = re.compile(
    r"^\s*(?:CRediT\s+authorship\s+contribution\s+statement|Authors?\s*[’']?\s*[’']?\s*"
    r"contributions?)\s*:[ \t]*(?=\S)",
    re.I | re.M,
)
NEXT_SECTION = re.compile(
    r"^\s*(?:Acknowledge?ments?|Funding|Competing\s+interests?|Conflicts?\s+of\s+interests?"
    r"|Data\s+availability|References|Ethics|Additional\s+information"
    r"|Supplementa(?:l|ry)\s+information|Declaration|Author\s+details"
    r"|Received:|Abbreviations|Disclosure|Availability)\b.*$",
    re.I | re.M,
)
# NFKC (normalise_text) turns 'ª' and 'º' into 'a' and 'o': '1ª autora' is read as '1a autora'
_ORDINAL = re.compile(r"(\d+)\s*(?:st|nd|rd|th|ª|º|°|a|o)?\s+(?:author|autor[a]?)\s*:", re.I)
# Sentences about every author. Approving the manuscript states no role ('All authors read and
# approved the final manuscript.'): left out. Any other ('All authors involved the analysis of
# experimental data', Frontiers 2020) is reported unread: given to everyone, "All authors
# contributed equally" would read as roles, so it is kept for a person to read.
_ALL_AUTHORS = re.compile(r"^(?:All|Both|Todos|Todas|Ambos)\b", re.I)
_APPROVAL = re.compile(
    r"\b(?:read|approved?|agreed?|consent(?:ed)?|aprova\w*|le(?:ram|u)|concorda\w*)\b", re.I
)


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
    if not found:
        return None
    heading = min(found, key=lambda match: match.start())
    rest = text[heading.end() :]
    end = NEXT_SECTION.search(rest)
    body = rest[: end.start()] if end else rest
    body = re.sub(
        r"^\s*(?:All authors (?:read|have read|approved).*)$", "", body, flags=re.I | re.M
    )
    return body.strip() or None


def parse_statement(text: str, byline: list[SourceAuthor]) -> ParsedStatement:
    """Parse a statement's text (the section's body) against the article's byline."""
    body = " ".join(clean(line) for line in normalise_text(text).splitlines() if clean(line))
    body = body.replace("•", " • ")
    problems: list[str] = []
    unread: list[str] = []
    if _ORDINAL.search(body):
        by_position = _by_position(body, byline, problems)
        first = _ORDINAL.search(body)
        lead = body[: first.start()].strip(" .;") if first else ""
        if lead:
            unread.append(lead)
        return _parsed({"by position"}, by_position, problems, unread)
    # sentences end at '.' or ';' before a capital, but not after an initial ('Guilherme N. Corte')
    pieces = re.split(r"(?<=[.;])(?<![\s,][A-Z]\.)\s+(?=[A-Z•])|\s*•\s*", body)
    segments = [p.strip() for p in pieces if p.strip(" .;")]
    unread += [p.strip(" ;") for p in segments if _ALL_AUTHORS.match(p) and not _APPROVAL.search(p)]
    segments = [p for p in segments if not _ALL_AUTHORS.match(p)]
    entries: dict[str, StatementEntry] = {}
    forms: set[str] = set()
    listed: list[StatementEntry] = []  # the people of the last person-first sentence
    for segment in segments:
        if listed and _only_roles(segment):
            # 'Jingjing Cai: Resources; Formal analysis; …' (EMBO): the list goes on past ';'
            for entry in listed:
                entry.roles += roles_from(segment)
            continue
        form, touched, leftover = _read_segment(segment, entries, byline, problems)
        listed = touched if form == "person first" else []
        if touched:
            forms.add(form)
        unread += leftover if touched else [segment.strip(" ;")]
    # one entry per person, though printed two ways ('Tecchio, M. A.', 'Tecchio M. A')
    unique = list({id(entry): entry for entry in entries.values()}.values())
    return _parsed(forms, unique, problems, unread)


def _parsed(
    forms: set[str], entries: list[StatementEntry], problems: list[str], unread: list[str]
) -> ParsedStatement:
    form = " and ".join(sorted(forms)) if forms else "nothing readable"
    notes = [*problems, *(str(Unread(text=text)) for text in unread)]
    return ParsedStatement(form=form, entries=entries, problems=notes, unread=unread)


def _read_segment(
    segment: str,
    entries: dict[str, StatementEntry],
    byline: list[SourceAuthor],
    problems: list[str],
) -> tuple[str, list[StatementEntry], list[str]]:
    """Read one sentence in whichever form it has; return the form, the entries it gave roles
    to, and the parts of it that no form explains."""
    before = {id(entry): len(entry.roles) for entry in entries.values()}
    leftover: list[str] = []
    label, rest = _split_label(segment)
    if label is not None and all_names(rest):
        form = "role first"
        _give(entries, names_in(rest), byline, problems, label, _label_roles(label))
    elif label is not None and all_names(label):
        form = "person first"
        _give(entries, names_in(label), byline, problems, "statement", roles_from(rest))
    elif _comma_label(segment.split(";")[0]) is not None:
        form = "role first"
        leftover = _comma_clauses(segment, entries, byline, problems)
    else:
        form = "prose"
        _prose(segment, entries, byline, problems)
    touched = [e for e in entries.values() if len(e.roles) > before.get(id(e), -1)]
    return form, list({id(entry): entry for entry in touched}.values()), leftover


def _give(
    entries: dict[str, StatementEntry],
    names: list[str],
    byline: list[SourceAuthor],
    problems: list[str],
    context: str,
    roles: list[SourceRole],
) -> None:
    for name in names:
        entry = entry_for(entries, name, byline, problems, context=context)
        if entry is not None:
            entry.roles += roles


def _comma_clauses(
    segment: str,
    entries: dict[str, StatementEntry],
    byline: list[SourceAuthor],
    problems: list[str],
) -> list[str]:
    """Read 'Conceptualization, R.A.C. and J.E.S.; methodology, R.A.C., …' (Cell Press, MDPI):
    clauses of a role and then names, after a comma. Return the clauses of another shape."""
    leftover = []
    for clause in segment.strip(" .;").split(";"):
        split = _comma_label(clause)
        if split is None:
            if clause.strip(" ."):
                leftover.append(clause.strip(" ."))
            continue
        label, names = split
        _give(entries, names_in(names), byline, problems, label, _label_roles(label))
    return leftover


def _comma_label(clause: str) -> tuple[str, str] | None:
    """Split 'writing – review & editing, L.K.F.-L., E.K. and D.R.S.' into the role and the
    names, at the first comma after which only names follow; None for any other clause."""
    text = clause.strip(" .")
    for match in re.finditer(r",\s*", text):
        label, rest = text[: match.start()].strip(), text[match.end() :]
        if not all_names(rest):
            continue
        return (label, rest) if label and not all_names(label) else None
    return None


def _only_roles(segment: str) -> bool:
    """Whether a sentence is nothing but CRediT roles ('Formal analysis;'), naming no one."""
    pieces = [p.strip(" .") for p in re.split(r"[;,]", segment) if p.strip(" .")]
    return (
        ":" not in segment
        and bool(pieces)
        and all(label_role(split_degree(piece).label)[0] is not None for piece in pieces)
    )


def _split_label(segment: str) -> tuple[str | None, str]:
    """Split 'Label: rest' (or 'ID - rest', the dash form) at a colon or spaced dash.

    Where the text after the last colon is a list of names, that colon splits ('Other: Provided
    critical feedback: DB GD'); otherwise the first does.
    """
    text = segment.strip(" .;")  # 'Conceptualization: Tecchio, M. A.;' (Bragantia 2022)
    last = text.rfind(":")
    if last > 0 and all_names(text[last + 1 :]):
        return text[:last].strip(), text[last + 1 :].strip(" .")
    match = re.match(r"^(.{1,90}?):\s*(.+)$", text) or re.match(r"^(.{1,40}?)\s[-–]\s(.+)$", text)
    return (match.group(1).strip(), match.group(2).strip(" .")) if match else (None, segment)


def _label_roles(label: str) -> list[SourceRole]:
    """The roles of a role-first label: one, or several joined by commas ('Conceptualization,
    Methodology, Writing', Nature Communications) or by 'and' ('Supervision and project
    administration', Ciência Rural 2022), never split inside one ('Writing-review and editing')."""
    text = re.sub(r"^(?:Other|Outros?)\s*:\s*", "", label)  # PLOS 2012: 'Other: Provided ...'
    if label_role(text)[0] is not None:
        return [_label_role(text)]
    pieces = [piece.strip() for piece in text.split(",") if piece.strip()]
    return [_label_role(part) for piece in pieces for part in and_split(piece)]


def _label_role(text: str) -> SourceRole:
    role = label_role(text)[0]
    slug = role.slug if role else from_phrase(text)
    return SourceRole(role=slug, label=text, origin="statement")


def _prose(
    segment: str,
    entries: dict[str, StatementEntry],
    byline: list[SourceAuthor],
    problems: list[str],
) -> None:
    for clause in re.split(r";\s*", segment.strip(" .")):
        subject, predicate = _subject(clause)
        if not subject or subject[0].casefold() in {"all", "all authors"}:
            continue
        for name in subject:
            entry = entry_for(entries, name, byline, problems, context=clause[:40])
            if entry is not None:
                entry.roles += roles_from(predicate)


def _subject(clause: str) -> tuple[list[str], str]:
    """Split 'JI and NAA conceived the study' into (['JI', 'NAA'], 'conceived the study')."""
    words = clause.split()
    for cut in range(min(len(words), 12), 0, -1):
        head, tail = " ".join(words[:cut]), " ".join(words[cut:])
        names = names_in(head)
        if tail and names and all(looks_like_name(n) for n in names) and tail[:1].islower():
            return names, tail
    return [], clause


def _by_position(
    body: str, byline: list[SourceAuthor], problems: list[str]
) -> list[StatementEntry]:
    entries: list[StatementEntry] = []
    marks = list(_ORDINAL.finditer(body))
    for n, mark in enumerate(marks):
        end = marks[n + 1].start() if n + 1 < len(marks) else len(body)
        position = int(mark.group(1))
        text = body[mark.end() : end]
        text = re.split(r"\s(?=\d+\s*(?:ª|º|a|o)\s+autor)", text)[0]
        if position > len(byline):
            problems.append(
                f"author {position} is named by position, but the byline has {len(byline)}"
            )
            continue
        author = byline[position - 1]
        if any(e.author is author for e in entries):
            continue  # a second language version of the same statement
        entries.append(
            StatementEntry(printed=f"author {position}", roles=roles_from(text), author=author)
        )
    return entries


def to_source_authors(parsed: ParsedStatement) -> list[SourceAuthor]:
    """Turn entries into statement-source authors: names exactly as printed, or (for initials and
    positions) the byline author's name, marked as not printed in the statement."""
    authors = []
    for position, entry in enumerate(parsed.entries, start=1):
        if (
            entry.author is not None
            and entry.author.name is not None
            and entry.printed != entry.author.raw
        ):
            authors.append(
                SourceAuthor(
                    position=position,
                    raw=entry.printed,
                    name=entry.author.name,
                    structured=True,
                    name_shown=False,
                    roles=entry.roles,
                )
            )
        else:
            authors.append(
                SourceAuthor(
                    position=position,
                    raw=entry.printed,
                    name=parse_display_name(entry.printed),
                    structured=False,
                    roles=entry.roles,
                )
            )
    return authors
