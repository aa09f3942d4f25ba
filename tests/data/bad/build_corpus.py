"""Write the bad-input corpus: files and cases.tsv. Everything here is SYNTHETIC, made for tests.

Run from this folder: python build_corpus.py. Deterministic; the output is committed.
Each line of cases.jsonl: the case, the arguments after `credit-tracker` ({file} stands for the
case's file under files/), the expected exit code and the expected one-line error (the start of
the message after 'credit-tracker: error: ', {file} again standing for the path). The commands run
against a copy of the shipped AIMMS example records unless they name --records themselves.
"""

from __future__ import annotations

import csv
import io
import json
import shlex
from pathlib import Path

HERE = Path(__file__).parent
FILES = HERE / "files"
ROLES = [
    "Conceptualization",
    "Data curation",
    "Formal analysis",
    "Funding acquisition",
    "Investigation",
    "Methodology",
    "Project administration",
    "Resources",
    "Software",
    "Supervision",
    "Validation",
    "Visualization",
    "Writing - original draft",
    "Writing - review & editing",
]
HEADER = [
    "Order in publication",
    "Firstname",
    "Middle name",
    "Surname",
    *ROLES,
    "Affiliation 1",
    "Affiliation 2",
    "Affiliation 3",
    "Funding",
    "ORCID iD",
    "Email address",
    "Corresponding author?",
    "Conflict of interest",
]
cases: list[dict] = []


def row(
    order="1",
    first="Jane",
    middle="NA",
    surname="Illés",
    roles=None,
    orcid="NA",
    corresponding="FALSE",
) -> list[str]:
    return [
        order,
        first,
        middle,
        surname,
        *(roles or ["FALSE"] * 14),
        "NA",
        "NA",
        "NA",
        "NA",
        orcid,
        "NA",
        corresponding,
        "NA",
    ]


def table(rows: list[list[str]], header: list[str] = HEADER, delimiter: str = ",") -> str:
    out = io.StringIO()
    writer = csv.writer(out, delimiter=delimiter, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(rows)
    return out.getvalue()


def add_file(
    name: str,
    data: bytes | str,
    exit_code: int,
    message: str,
    command: str = "records import 10.5555/bad {file}",
) -> None:
    path = FILES / name
    path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
    cases.append({"case": name, "args": shlex.split(command), "exit": exit_code, "error": message})


def add_arg(case_id: str, command: str, message: str, exit_code: int = 2) -> None:
    cases.append(
        {"case": case_id, "args": shlex.split(command), "exit": exit_code, "error": message}
    )


def dois() -> None:
    bad = {
        "journal.pone.0185809": "a DOI starts with '10.'",
        "10.1371": "it has no suffix after the '/'",
        "10.1371/": "it has no suffix after the '/'",
        "10.12/abc": "the prefix must be '10.' and four or more digits",
        "10.1371/journal pone": "it contains white space",
        "https://example.org/10.1371/x": "a DOI starts with '10.'",
        "doi:": "a DOI starts with '10.'",
        "10.abcd/efg": "the prefix must be '10.' and four or more digits",
        "11.1371/journal.pone.1": "a DOI starts with '10.'",
        "pmid:12345678": "a DOI starts with '10.'",
        "PMC1234567": "a DOI starts with '10.'",
        "10.1371%2F": "it has no suffix after the '/'",
        "https://doi.org/": "a DOI starts with '10.'",
        "10.1371\tjournal/x": "it contains white space",
        "ISBN 978-3-16-148410-0": "a DOI starts with '10.'",
    }
    for n, (text, why) in enumerate(bad.items(), start=1):
        add_arg(
            f"doi-{n:02d}",
            f"records show {shlex.quote(text)}",
            f"DOI: {text!r} is not a DOI: {why}",
        )


def orcids() -> None:
    bad_digit = [
        "0000-0002-1825-0098",
        "0000-0002-1694-2330",
        "0000-0003-2937-5854",
        "0000-0001-5105-1464",
        "0000-0002-1642-6281",
        "https://orcid.org/0000-0003-1444-9136",
        "0000-0002-7442-2851",
        "0000-0001-8177-3281",
    ]
    for n, text in enumerate(bad_digit, start=1):
        add_arg(
            f"orcid-digit-{n:02d}",
            f"person set-orcid jane-illes {text}",
            f"ORCID: {text!r} is not a valid ORCID iD: its check digit is",
        )
    bad_shape = [
        "0000-0002-1825",
        "abcd-0002-1825-0097",
        "0000-0002-1825-0097-1",
        "0000 0002 1825 0097",
        "https://example.org/0000-0002-1825-0097",
        "0000-0002-1825-009Y",
        "X000-0002-1825-0097",
    ]
    for n, text in enumerate(bad_shape, start=1):
        add_arg(
            f"orcid-shape-{n:02d}",
            f"person set-orcid jane-illes {shlex.quote(text)}",
            f"ORCID: {text!r} is not an ORCID iD: expected 16 digits",
        )
    for n, text in enumerate(bad_digit[:5] + bad_shape[:5], start=1):
        expected = "is not a valid ORCID iD" if n <= 5 else "is not an ORCID iD"
        add_file(
            f"orcid-in-table-{n:02d}.synthetic.csv",
            table([row(orcid=text)]),
            2,
            f"{{file}}:2: ORCID iD: {text!r} {expected}",
        )


def typos() -> None:
    for n, (value, column) in enumerate(
        [
            ("TURE", 0),
            ("FLASE", 1),
            ("yes", 2),
            ("no", 3),
            ("1", 4),
            ("0", 5),
            ("T", 6),
            ("F", 7),
            ("TRUE ", 8),
            ("True!", 9),
            ("x", 10),
            ("✓", 11),
        ],
        start=1,
    ):
        roles = ["FALSE"] * 14
        roles[column] = value
        if value.strip().upper() in ("TRUE", "FALSE"):
            roles[column] = value + "?"
        shown = roles[column]
        add_file(
            f"typo-{n:02d}.synthetic.csv",
            table([row(roles=roles)]),
            2,
            f"{{file}}:2: {ROLES[column]}: {shown.strip()!r} is not TRUE or FALSE",
        )
    for n, value in enumerate(["maybe", "yes", "Y"], start=1):
        add_file(
            f"typo-corresponding-{n:02d}.synthetic.csv",
            table([row(corresponding=value)]),
            2,
            f"{{file}}:2: Corresponding author?: {value!r} is not TRUE or FALSE",
        )
    roles = ["TRUE"] * 13 + ["NA"]
    add_file(
        "na-among-roles.synthetic.csv",
        table([row(roles=roles)]),
        2,
        "{file}:2: Writing - review & editing: NA in a role column",
    )


def columns() -> None:
    renames = {
        "Surname": "Last name",
        "Firstname": "First name",
        "Middle name": "Middle",
        "Order in publication": "Order",
        "Conceptualization": "Concept",
        "Data curation": "Data",
        "Writing - review & editing": "Writing - review",
        "Methodology": "Methods",
        "Software": "Code",
        "Validation": "Valid",
    }
    for n, (old, new) in enumerate(renames.items(), start=1):
        header = [new if c == old else c for c in HEADER]
        add_file(
            f"renamed-column-{n:02d}.synthetic.csv",
            table([row()], header=header),
            2,
            f"{{file}}:1: {old}: missing column {old!r}",
        )
    for n, drop in enumerate(
        [
            "Surname",
            "Investigation",
            "Visualization",
            "Writing - original draft",
            "Order in publication",
        ],
        start=1,
    ):
        header = [c for c in HEADER if c != drop]
        rows = [[v for c, v in zip(HEADER, row(), strict=True) if c != drop]]
        add_file(
            f"missing-column-{n:02d}.synthetic.csv",
            table(rows, header=header),
            2,
            f"{{file}}:1: {drop}: missing column {drop!r}",
        )
    for n, extra in enumerate(["Writing", "Data collection", "Conceptualisaton"], start=1):
        header = [extra if c == ROLES[n * 4 - 4] else c for c in HEADER]
        add_file(
            f"unknown-role-column-{n:02d}.synthetic.csv",
            table([row()], header=header),
            2,
            f"{{file}}:1: {ROLES[n * 4 - 4]}: missing column {ROLES[n * 4 - 4]!r}",
        )


def rows_and_shapes() -> None:
    add_file(
        "duplicate-authors-01.synthetic.csv",
        table([row(), row(order="2")]),
        2,
        "{file}:3: Surname: duplicate author 'Jane Illés' (also on line 2)",
    )
    add_file(
        "duplicate-authors-02.synthetic.csv",
        table(
            [
                row(),
                row(order="2", first="John", surname="Winpenny"),
                row(order="3", first="JANE", surname="ILLÉS"),
            ]
        ),
        2,
        "{file}:4: Surname: duplicate author 'JANE ILLÉS' (also on line 2)",
    )
    add_file(
        "duplicate-authors-03.synthetic.tsv",
        table([row(), row(order="2")], delimiter="\t"),
        2,
        "{file}:3: Surname: duplicate author 'Jane Illés' (also on line 2)",
    )
    add_file(
        "missing-surname.synthetic.csv",
        table([row(surname="NA")]),
        2,
        "{file}:2: Surname: the surname is missing",
    )
    add_file(
        "blank-surname.synthetic.csv",
        table([row(surname="  ")]),
        2,
        "{file}:2: Surname: the surname is missing",
    )
    add_file(
        "short-row.synthetic.csv",
        table([]) + "1,Jane,NA\n",
        2,
        "{file}:2: 3 fields, but the header has 26",
    )
    add_file(
        "long-row.synthetic.csv",
        table([[*row(), "extra"]]),
        2,
        "{file}:2: 27 fields, but the header has 26",
    )
    add_file(
        "header-only.synthetic.csv", table([]), 2, "{file}: the table has a header but no authors"
    )
    add_file("empty.synthetic.csv", b"", 2, "{file}: the file is empty")
    add_file("whitespace-only.synthetic.csv", "  \n\n \t\n", 2, "{file}: the file is empty")
    add_file(
        "not-a-table.synthetic.csv",
        "just some words\n",
        2,
        "{file}:1: Order in publication: missing column 'Order in publication'",
    )
    add_file(
        "json-not-csv.synthetic.csv",
        '{"authors": []}\n',
        2,
        "{file}:1: Order in publication: missing column 'Order in publication'",
    )


def encodings() -> None:
    text = table([row()])
    add_file(
        "utf16-le-bom.synthetic.csv",
        text.encode("utf-16"),
        2,
        "{file}: the file is UTF-16; save it as UTF-8",
    )
    add_file(
        "utf16-be-bom.synthetic.csv",
        b"\xfe\xff" + text.encode("utf-16-be"),
        2,
        "{file}: the file is UTF-16; save it as UTF-8",
    )
    add_file(
        "latin1.synthetic.csv",
        text.encode("latin-1"),
        2,
        "{file}:2: byte 0xe9 is not UTF-8 (Latin-1 or Windows-1252?)",
    )
    add_file(
        "cp1252-quotes.synthetic.csv",
        table([row(first="O\u2019Connell")]).encode("cp1252", errors="replace"),
        2,
        "{file}:2: byte 0x92 is not UTF-8",
    )
    add_file(
        "bom-then-bad-row.synthetic.csv",
        b"\xef\xbb\xbf" + table([row(roles=["TRUE"] * 13 + ["TRU"])]).encode(),
        2,
        "{file}:2: Writing - review & editing: 'TRU' is not TRUE or FALSE",
    )
    add_file("binary.synthetic.csv", bytes(range(256)), 2, "{file}:2: byte 0x80 is not UTF-8")


def stores() -> None:
    command = "--records {file} records list"
    for name, content, where in [
        (
            "store-truncated.synthetic",
            '{\n  "articles": {\n    "1": {"doi": "10.5555/x",',
            "team.json:3:",
        ),
        ("store-not-json.synthetic", "articles: []\n", "team.json:1:1: not valid JSON"),
        ("store-empty.synthetic", "", "team.json: the file is empty"),
        ("store-list.synthetic", "[]\n", "team.json: expected a JSON object of tables"),
        (
            "store-bad-person.synthetic",
            json.dumps({"people": {"1": {"id": "a", "name": {"given": "A"}}}}),
            "team.json: table people, document 1, field name.family: Field required",
        ),
    ]:
        folder = FILES / name
        folder.mkdir(exist_ok=True)
        (folder / "team.json").write_text(content, encoding="utf-8")
        cases.append(
            {"case": name, "args": shlex.split(command), "exit": 3, "error": f"{{file}}/{where}"}
        )
    empty_team = json.dumps(
        {"people": {}, "acknowledgements": {}, "publishers": {}, "corrections": {}}
    )
    for name, kind, content, where in [
        (
            "store-bad-article-shard.synthetic",
            "articles",
            json.dumps({"articles": {"1": {"doi": "10.5555/x", "authors": "none"}}}),
            (
                "articles/abc.json: table articles, document 1, field authors: "
                "Input should be a valid array"
            ),
        ),
        (
            "store-truncated-snapshot-shard.synthetic",
            "snapshots",
            '{"snapshots": {"1": {"doi": "10.5555/x", "history": [',
            "snapshots/abc.json:1:",
        ),
    ]:
        folder = FILES / name
        (folder / kind).mkdir(parents=True, exist_ok=True)
        (folder / "team.json").write_text(empty_team, encoding="utf-8")
        (folder / kind / "abc.json").write_text(content, encoding="utf-8")
        cases.append(
            {"case": name, "args": shlex.split(command), "exit": 3, "error": f"{{file}}/{where}"}
        )


def xml() -> None:
    command = "fetch 10.5555/aimms-mentoring-2025 --jats {file}"
    docs = {
        "xxe-file.synthetic.xml": '<?xml version="1.0"?><!DOCTYPE article [<!ENTITY e SYSTEM "file:///etc/passwd">]><article><front><article-meta>&e;</article-meta></front></article>',
        "xxe-http.synthetic.xml": '<?xml version="1.0"?><!DOCTYPE article [<!ENTITY e SYSTEM "http://127.0.0.1:9/evil">]><article><front><article-meta>&e;</article-meta></front></article>',
        "xxe-parameter.synthetic.xml": (
            '<?xml version="1.0"?><!DOCTYPE article '
            '[<!ENTITY % p SYSTEM "http://127.0.0.1:9/p.dtd"> %p;]><article/>'
        ),
        "billion-laughs.synthetic.xml": (
            '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol1 '
            '"&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;"><!ENTITY lol2 '
            '"&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">]><article>'
            "&lol2;</article>"
        ),
        "quadratic-blowup.synthetic.xml": '<?xml version="1.0"?><!DOCTYPE a [<!ENTITY a "'
        + "x" * 5000
        + '">]><article>'
        + "&a;" * 50
        + "</article>",
        "internal-entity.synthetic.xml": (
            '<?xml version="1.0"?><!DOCTYPE a [<!ENTITY name "Jane">]><article>&name;</article>'
        ),
    }
    for name, content in docs.items():
        add_file(name, content, 2, "{file}: refused unsafe XML", command=command)
    add_file(
        "external-dtd-undefined-entity.synthetic.xml",
        '<?xml version="1.0"?><!DOCTYPE article SYSTEM "http://127.0.0.1:9/jats.dtd"><article><front><article-meta>&undeclared;</article-meta></front></article>',
        2,
        "{file}:1: not well-formed XML (undefined entity",
        command=command,
    )
    add_file(
        "not-jats.synthetic.xml",
        "<html><body>Page not found</body></html>",
        2,
        "{file}: not a JATS article (root <html>",
        command=command,
    )
    add_file(
        "not-xml.synthetic.xml",
        "Resource not found.",
        2,
        "{file}:1: not well-formed XML",
        command=command,
    )
    add_file(
        "truncated.synthetic.xml",
        "<article><front><article-meta><contrib-group>",
        2,
        "{file}:1: not well-formed XML",
        command=command,
    )
    add_file("empty.synthetic.xml", "", 2, "{file}:1: not well-formed XML", command=command)
    add_file(
        "wrong-doi.synthetic.xml",
        (
            '<article><front><article-meta><article-id pub-id-type="doi">'
            "10.1371/journal.pone.0185809</article-id></article-meta></front></article>"
        ),
        2,
        "{file}: the XML is about another DOI (10.1371/journal.pone.0185809)",
        command=command,
    )


def main() -> None:
    FILES.mkdir(exist_ok=True)
    for builder in (dois, orcids, typos, columns, rows_and_shapes, encodings, stores, xml):
        builder()
    with open(HERE / "cases.jsonl", "w", encoding="utf-8") as handle:
        for case in cases:
            handle.write(json.dumps(case, ensure_ascii=False) + "\n")
    print(f"{len(cases)} cases")


if __name__ == "__main__":
    main()
