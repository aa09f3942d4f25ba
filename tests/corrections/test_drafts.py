"""Correction drafts for a journal's editorial office: plain words, lists, each source once with
the article's page, the office's signature; exact text for the shipped example."""

from __future__ import annotations

import email
import json
from email import policy
from pathlib import Path

from click.testing import CliRunner

from credit_tracker.cli import cli
from credit_tracker.store.folder import Store

AIMMS = "10.5555/aimms-mentoring-2025"


def _draft(runner: CliRunner, *args: str):
    result = runner.invoke(cli, ["correction", "draft", AIMMS, *args])
    assert result.exit_code == 0, result.output
    return result


AIMMS_DRAFT = """\
To: plosone@plos.org
Subject: Correction request: \u2018I cannot be what I don\u2019t see\u2019: an evaluation of \
Academic Intersectionality Mentoring in medical schools (AIMMS Mentoring) \
(doi:10.5555/aimms-mentoring-2025)

Dear Editors,

On behalf of the authors, we ask you to correct the following article:

  \u2018I cannot be what I don\u2019t see\u2019: an evaluation of Academic Intersectionality \
Mentoring in medical schools (AIMMS Mentoring)
  PLOS ONE
  https://doi.org/10.5555/aimms-mentoring-2025

Type of request: Metadata or typo correction; Change to the author contributions (CRediT roles)

What needs correcting:

1. The online article does not list Conceptualization among Jane Ill\u00e9s's contributions.
   - Conceptualization (https://credit.niso.org/contributor-roles/conceptualization/): now not \
listed; should be listed

2. The online article does not list Writing \u2013 review & editing among Jane Ill\u00e9s's \
contributions.
   - Writing \u2013 review & editing \
(https://credit.niso.org/contributor-roles/writing-review-editing/): now not listed; should be \
listed

3. The PDF's Author Contributions section prints Jane Ill\u00e9s's name as \u201cJane P. \
Ill\u00e9s\u201d.
   - Name as printed: now \u201cJane P. Ill\u00e9s\u201d; should be \u201cJane Ill\u00e9s\u201d

Where we saw these errors:
- The online article, as recorded on 2025-05-22: https://doi.org/10.5555/aimms-mentoring-2025 \
(the article's page). Reconstructed, not fetched: byline from the EBSCO record; Jane Ill\u00e9s's \
roles absent from the online version per the University of St Andrews news item (22 May 2025); \
other roles not seen.
- The PDF's Author Contributions section, as recorded on 2025-05-22: \
https://doi.org/10.5555/aimms-mentoring-2025 (the article's page). Reconstructed, not fetched: \
the PDF's Author Contributions section printed 'Jane P. Ill\u00e9s' (University of St Andrews \
news item, 22 May 2025); the rest of the section was not seen.

The correct details are those of the authors' own record of the article (15 authors).

A change to the author contributions needs every author's confirmation. The authors are:
- [ ] Mirembe Woodrow
- [ ] Elizabeth Benedikz
- [ ] Louise D Bryant
- [ ] Jane Ill\u00e9s
- [ ] Parbir Jagpal
- [ ] Hannah Maria Jennings
- [ ] Eleanor Monks
- [ ] Vrinda Nayak
- [ ] Musarrat Maisha Reza
- [ ] Sikha Saha
- [ ] Meena Upadhyaya
- [ ] Kate Williams
- [ ] John P Winpenny
- [ ] Reza Zamani
- [ ] Nisreen A Alwan

With thanks,

[your name, role and institution: 'credit-tracker office set' fills this in]
"""
OFFICE = [
    "office",
    "set",
    "--name",
    "Research Office",
    "--email",
    "research-office@example.org",
    "--organisation",
    "University of St Andrews",
    "--line",
    "Research Integrity Team",
]


def test_the_aimms_draft_could_be_sent_as_is(runner: CliRunner, example_records: Path) -> None:
    result = _draft(runner)
    assert result.stdout == AIMMS_DRAFT
    assert result.stderr == (
        "correction request 10.5555/aimms-mentoring-2025: drafted (3 error(s)); nothing was sent\n"
        "how PLOS takes requests: Email the journal directly with the article citation and DOI, "
        "a description of the error, the proposed correction text and supporting files (PLOS "
        "corrections policy).\n"
    )
    # no rule names, no source codes, no columns aligned with spaces
    for internal in ("role-missing", "name-initials", "jats", "statement ", "  published"):
        assert internal not in result.stdout


def test_the_office_signs_the_request(runner: CliRunner, example_records: Path) -> None:
    assert runner.invoke(cli, OFFICE).exit_code == 0
    shown = runner.invoke(cli, ["office", "show"])
    assert json.loads(shown.stdout) == {
        "name": "Research Office",
        "email": "research-office@example.org",
        "organisation": "University of St Andrews",
        "lines": ["Research Integrity Team"],
    }
    text = _draft(runner).stdout
    assert text.startswith(
        "To: plosone@plos.org\nFrom: Research Office <research-office@example.org>\nSubject: "
    )
    assert text.endswith(
        "With thanks,\n\nResearch Office\nResearch Integrity Team\nUniversity of St Andrews\n"
        "research-office@example.org\n"
    )
    bad = runner.invoke(cli, ["office", "set", "--name", "X", "--email", "not an address"])
    assert bad.exit_code == 2 and "'not an address' is not an e-mail address" in bad.stderr


def test_markdown_and_eml_drafts(runner: CliRunner, example_records: Path, tmp_path: Path) -> None:
    runner.invoke(cli, OFFICE)
    markdown = _draft(runner, "--format", "markdown").stdout
    assert markdown.endswith("University of St Andrews\\\nresearch-office@example.org\n")
    assert "&amp;" not in markdown and "&lt;" not in markdown
    assert (
        "## 2. The online article does not list Writing – review & editing among Jane Illés's "
        "contributions.\n\n| | Now | Should be |\n|---|---|---|\n"
        "| Writing – review & editing "
        "(https://credit.niso.org/contributor-roles/writing-review-editing/) | not listed | "
        "listed |\n" in markdown
    )
    assert "- **From:** Research Office \\<research-office@example.org\\>" in markdown
    assert "- [ ] Jane Illés" in markdown
    out = tmp_path / "request.eml"
    _draft(runner, "--author", "Jane Illes", "--output", str(out))
    message = email.message_from_bytes(out.read_bytes(), policy=policy.default)
    assert message["To"] == "plosone@plos.org" and message["X-Unsent"] == "1"
    assert message["From"] == "Research Office <research-office@example.org>"
    assert str(message["Subject"]).startswith(
        "Correction request: \u2018I cannot be what I don\u2019t see\u2019"
    )
    body = message.get_content().replace("\r\n", "\n")
    assert body.startswith("Dear Editors,\n\nOn behalf of the authors")
    assert body == AIMMS_DRAFT.split("\n\n", 1)[1].replace(
        "[your name, role and institution: 'credit-tracker office set' fills this in]",
        "Research Office\nResearch Integrity Team\nUniversity of St Andrews\n"
        "research-office@example.org",
    )


def test_each_rule_in_plain_words_with_the_article_page(
    runner: CliRunner, example_records: Path
) -> None:
    with Store(example_records).transaction() as records:
        records.people["jane-illes"].orcid = "0000-0002-1825-0097"
        jats = records.snapshots[AIMMS][0]
        records.snapshots[AIMMS][0] = jats.model_copy(
            update={
                "url": "https://journals.plos.org/plosone/article/file?id=10.5555/aimms-mentoring"
                "-2025&type=manuscript",
                "reconstructed": None,
            }
        )
    text = _draft(runner).stdout
    assert (
        "4. The online article shows no ORCID iD for Jane Illés.\n"
        "   - ORCID iD: now not shown; should be https://orcid.org/0000-0002-1825-0097\n" in text
    )
    assert (
        "- The online article, as retrieved on 2025-05-22: "
        "https://journals.plos.org/plosone/article?id=10.5555/aimms-mentoring-2025 (the article's "
        "page); https://journals.plos.org/plosone/article/file?id=10.5555/aimms-mentoring-2025"
        "&type=manuscript (the record as read).\n" in text
    )


def test_the_article_page_beside_the_record_read() -> None:
    from datetime import UTC, datetime

    from credit_tracker.corrections.drafting import page_url
    from credit_tracker.domain.models import FetchState, SourceKind, SourceSnapshot

    def shot(url: str | None) -> SourceSnapshot:
        when = datetime(2026, 1, 1, tzinfo=UTC)
        return SourceSnapshot(
            doi="10.1/x", source=SourceKind.JATS, state=FetchState.OK, fetched_at=when, url=url
        )

    rest = "https://www.ebi.ac.uk/europepmc/webservices/rest"
    assert page_url("10.1/x", shot(f"{rest}/PMC5678901/fullTextXML")) == (
        "https://europepmc.org/article/PMC/PMC5678901"
    )
    assert page_url("10.1/x", shot("https://api.crossref.org/works/10.1/x")) == (
        "https://doi.org/10.1/x"
    )
    assert page_url("10.1/x", shot(None)) == "https://doi.org/10.1/x"
