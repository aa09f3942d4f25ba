"""Published contribution statements ("Author contributions") as a source: pure text in, roles out.

The forms seen in practice, each turned into (name as printed, roles) entries:
- person first: "Jane Illés: Conceptualization, Writing – review & editing. John P. Winpenny: ...";
- role first: "Conceptualization: Jane Illés, Nisreen A. Alwan." (PLOS online), also with initials
  ("Writing – review & editing: GJP DSA JKH.", PLOS 2016), resolved against the byline;
- initials and a dash: "ID - Study design, data analysis, manuscript writing & editing." (BMC PDF);
- prose: "JI and NAA conceived the study; JPW wrote the first draft", "Mary J. O'Connell conceived
and
  designed the experiments, analyzed the data, ..." (PeerJ), mapped to CRediT where unambiguous;
- by position: "1st author: conceptualization (lead); methodology (equal). 2nd author: ..."
(SciELO).
Initials are resolved against the byline; ambiguous or unknown initials are reported, never guessed.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

from credit_tracker.domain.credit import Degree, try_resolve_role
from credit_tracker.domain.models import SourceAuthor, SourceRole
from credit_tracker.domain.names import clean, fold, parse_display_name
from credit_tracker.parse.jats import resolve_initials

HEADINGS = re.compile(
    r"^\s*(?:CRediT\s+authorship\s+contribution\s+statement|Authors?\s*[’']?\s*[’']?\s*contributions?|"
    r"Contributions?\s+of\s+(?:the\s+)?authors|Contributors?(?:hip)?|Contributions?)\s*:?\s*$",
    re.I | re.M,
)
NEXT_SECTION = re.compile(
    r"^\s*(?:Acknowledge?ments?|Funding|Competing\s+interests?|Conflicts?\s+of\s+interests?|Data\s+availability|"
    r"References|Ethics|Additional\s+information|Supplementa(?:l|ry)\s+information|Declaration|Author\s+details|"
    r"Received:|Abbreviations|Disclosure|Availability)\b.*$",
    re.I | re.M,
)
# Phrases of prose statements that name exactly one CRediT role. Anything else is kept as written.
PHRASES = [
    (r"conceiv|concep(?:tion|tuali[sz])", "conceptualization"),
    (r"curat", "data-curation"),
    (
        r"analy[sz]ed the data|data analysis|statistical analys|formal analys|analy[sz]ed",
        "formal-analysis",
    ),
    (
        r"acquired funding|obtained funding|funding acquisition|secured funding",
        "funding-acquisition",
    ),
    (
        r"performed the experiments|collected (?:the )?data|data collection|investigation|carried out the (?:study|experiments)",
        "investigation",
    ),
    (r"methodolog|developed the method", "methodology"),
    (r"administ(?:ered|ration)|coordinated the (?:study|project)", "project-administration"),
    (r"reagents|materials|resources", "resources"),
    (r"software|wrote the code|programm|performed the computation", "software"),
    (r"supervis", "supervision"),
    (r"validat", "validation"),
    (r"visuali[sz]|prepared figures|figures and/or tables", "visualization"),
    (
        r"wrote the (?:first )?draft|draft(?:ed|ing)|wrote the paper|manuscript writing|writing[ –-]+original",
        "writing-original-draft",
    ),
    (r"reviewed|revised|edited|editing|review", "writing-review-editing"),
]
_ORDINAL = re.compile(r"(\d+)\s*(?:st|nd|rd|th|ª|º|°)?\s+(?:author|autor[a]?)\s*:", re.I)
_INITIALS = re.compile(r"^[A-Z][A-Za-z]{0,4}(?:-[A-Z][a-z]?)?$")
_DEGREE = re.compile(r"\((lead|equal|supporting)\)", re.I)


@dataclass
class StatementEntry:
    """One person named in a statement, with the roles stated for them."""

    printed: str
    roles: list[SourceRole] = field(default_factory=list)
    author: SourceAuthor | None = None
    """The byline author the initials or position resolve to, when they are not a full name."""


@dataclass
class ParsedStatement:
    """A statement read into entries, with what could not be read cleanly."""

    form: str
    entries: list[StatementEntry]
    problems: list[str] = field(default_factory=list)


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
    heading = HEADINGS.search(text)
    if heading is None:
        return None
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
    if _ORDINAL.search(body):
        return ParsedStatement("by position", _by_position(body, byline, problems), problems)
    # sentences end at '.' or ';' before a capital, but not after an initial ('Guilherme N. Corte')
    pieces = re.split(r"(?<=[.;])(?<!\b[A-Z]\.)\s+(?=[A-Z•])|\s*•\s*", body)
    segments = [
        p.strip()
        for p in pieces
        if p.strip(" .;") and not re.match(r"All authors\b", p.strip(), re.I)
    ]
    labelled = [_split_label(s) for s in segments]
    if labelled and all(label is not None for label, _ in labelled):
        if all(_all_names(rest, byline) for _label, rest in labelled):
            return ParsedStatement("role first", _role_first(labelled, byline, problems), problems)
        if all(_looks_like_name(label, byline) for label, _rest in labelled):
            return ParsedStatement(
                "person first", _person_first(labelled, byline, problems), problems
            )
    return ParsedStatement("prose", _prose(segments, byline, problems), problems)


def _split_label(segment: str) -> tuple[str | None, str]:
    """Split 'Label: rest' (or 'ID - rest', the dash form) at the first colon or spaced dash."""
    text = segment.strip(" .")
    match = re.match(r"^(.{1,90}?):\s*(.+)$", text) or re.match(r"^(.{1,40}?)\s[-–]\s(.+)$", text)
    return (match.group(1).strip(), match.group(2).strip(" .")) if match else (None, segment)


def _all_names(text: str, byline: list[SourceAuthor]) -> bool:
    names = _names(text)
    return bool(names) and all(_looks_like_name(name, byline) for name in names)


def _role_first(labelled, byline, problems) -> list[StatementEntry]:
    entries: dict[str, StatementEntry] = {}
    for label, names in labelled:
        slug = role.slug if (role := try_resolve_role(label)) else _from_phrase(label)
        for name in _names(names):
            entry = _entry(entries, name, byline, problems, context=label)
            if entry is not None:
                entry.roles.append(SourceRole(role=slug, label=label, origin="statement"))
    return list(entries.values())


def _person_first(labelled, byline, problems) -> list[StatementEntry]:
    entries: dict[str, StatementEntry] = {}
    for name, roles in labelled:
        entry = _entry(entries, name, byline, problems, context="statement")
        if entry is not None:
            entry.roles += _roles_from(roles)
    return list(entries.values())


def _prose(segments: list[str], byline, problems) -> list[StatementEntry]:
    entries: dict[str, StatementEntry] = {}
    for segment in segments:
        for clause in re.split(r";\s*", segment.strip(" .")):
            subject, predicate = _subject(clause, byline)
            if not subject or subject[0].casefold() in {"all", "all authors"}:
                continue
            for name in subject:
                entry = _entry(entries, name, byline, problems, context=clause[:40])
                if entry is not None:
                    entry.roles += _roles_from(predicate)
    return list(entries.values())


def _subject(clause: str, byline: list[SourceAuthor]) -> tuple[list[str], str]:
    """Split 'JI and NAA conceived the study' into (['JI', 'NAA'], 'conceived the study')."""
    words = clause.split()
    for cut in range(min(len(words), 12), 0, -1):
        head, tail = " ".join(words[:cut]), " ".join(words[cut:])
        names = _names(head)
        if (
            tail
            and names
            and all(_looks_like_name(n, byline) for n in names)
            and tail[:1].islower()
        ):
            return names, tail
    return [], clause


def _looks_like_name(text: str, byline: list[SourceAuthor]) -> bool:
    if _INITIALS.match(text):
        return True
    words = text.split()
    return 1 < len(words) <= 6 and all(
        w[:1].isupper() or w.casefold() in {"de", "van", "der", "da", "dos", "von"} for w in words
    )


def _names(text: str) -> list[str]:
    parts = re.split(r",\s*|\s+and\s+|\s*&\s*|\s+e\s+", text.strip(" ."))
    names = []
    for part in parts:
        words = part.split()
        if words and all(_INITIALS.match(w) for w in words) and len(words) > 1:
            names += words  # "GJP DSA JKH"
        elif part.strip():
            names.append(part.strip())
    return names


def _roles_from(text: str) -> list[SourceRole]:
    roles = []
    for part in re.split(r",\s*(?:and\s+)?|;\s*|\s+and\s+(?=[a-z]+ed\b)", text.strip(" .")):
        part = part.strip(" .")
        if not part:
            continue
        degree_match = _DEGREE.search(part)
        degree = Degree(degree_match.group(1).lower()) if degree_match else None
        label = _DEGREE.sub("", part).strip()
        slug = resolved.slug if (resolved := try_resolve_role(label)) else _from_phrase(label)
        roles.append(SourceRole(role=slug, label=label, degree=degree, origin="statement"))
    return roles


def _from_phrase(text: str) -> str | None:
    hits = {slug for pattern, slug in PHRASES if re.search(pattern, text, re.I)}
    if len(hits) == 2 and "writing-review-editing" in hits and "writing-original-draft" in hits:
        return None  # "wrote and revised": two roles in one phrase, kept as written
    return hits.pop() if len(hits) == 1 else None


def _entry(
    entries: dict[str, StatementEntry], name: str, byline, problems, context: str
) -> StatementEntry | None:
    name = clean(name).strip(" .•")
    if not name:
        return None
    if name in entries:
        return entries[name]
    author = None
    if _INITIALS.match(name) and " " not in name:
        author = resolve_initials(name, byline, problems, context)
        if author is None:
            return None
    elif _is_vancouver(name):
        author = _vancouver(name, byline, problems)
    entries[name] = StatementEntry(printed=name, author=author)
    return entries[name]


def _is_vancouver(name: str) -> bool:
    words = name.split()
    return (
        len(words) >= 2
        and bool(re.fullmatch(r"[A-Z]{1,4}", words[-1]))
        and not all(_INITIALS.match(w) for w in words)
    )


def _vancouver(name: str, byline: list[SourceAuthor], problems: list[str]) -> SourceAuthor | None:
    """'Alcântara LCJ': family name then initials; matched on the family name's last word."""
    family, initials = " ".join(name.split()[:-1]), name.split()[-1]
    hits = [
        a
        for a in byline
        if a.name and fold(a.name.family_full).split()[-1:] == fold(family).split()[-1:]
    ]
    if len(hits) == 1:
        return hits[0]
    problems.append(f"{name!r} ({initials}) fits {len(hits)} byline authors; not assigned")
    return None


def _by_position(
    body: str, byline: list[SourceAuthor], problems: list[str]
) -> list[StatementEntry]:
    entries = []
    marks = list(_ORDINAL.finditer(body))
    for n, mark in enumerate(marks):
        end = marks[n + 1].start() if n + 1 < len(marks) else len(body)
        position = int(mark.group(1))
        text = body[mark.end() : end]
        text = re.split(r"\s(?=\d+\s*(?:ª|º)\s+autor)", text)[0]
        if position > len(byline):
            problems.append(
                f"author {position} is named by position, but the byline has {len(byline)}"
            )
            continue
        author = byline[position - 1]
        if any(e.author is author for e in entries):
            continue  # a second language version of the same statement
        entries.append(
            StatementEntry(printed=f"author {position}", roles=_roles_from(text), author=author)
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
