"""A 1,000-article office, 40 % of it outside PubMed Central: every article whose Crossref record
links an open JATS file or PDF gets a role source, and every other says why not.

The articles are synthetic (credit_tracker/standin/synthetic.py), served from real template
files: PLOS Biology's JATS (in Europe PMC, or at a publisher's link), Frontiers' two-page PDF,
Wiley's own XML; their links lead to a 403, a paywall page, or only a landing page.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from click.testing import CliRunner

from credit_tracker.cli import cli
from credit_tracker.domain.coverage import Channel, Lack, RoleSourceMissing, RoleSourceRead
from credit_tracker.domain.models import ArticleRecord
from credit_tracker.domain.role_sources import role_source_of
from credit_tracker.standin import Limits, StandIn
from credit_tracker.store.folder import Store

OFFICE = {"pmc": 600, "xml": 240, "pdf": 40, "closed": 40, "paywall": 20, "format": 30, "page": 30}
EXPECTED: dict[str, RoleSourceRead | Lack] = {
    "pmc": RoleSourceRead(channel=Channel.EUROPE_PMC, roles_stated=True),
    "xml": RoleSourceRead(channel=Channel.LINK_XML, roles_stated=True),
    "pdf": RoleSourceRead(channel=Channel.LINK_PDF, roles_stated=True),
    "closed": Lack.NO_ACCESS,
    "paywall": Lack.NO_ACCESS,
    "format": Lack.FORMAT_NOT_READ,
    "page": Lack.NO_LINK,
}
HOSTS = [f"{kind}.synthetic.example" for kind in OFFICE]


def test_every_article_linking_open_jats_or_a_pdf_gets_a_role_source(
    standin: StandIn, runner: CliRunner, tmp_path: Path
) -> None:
    assert sum(OFFICE.values()) == 1000 and sum(OFFICE.values()) - OFFICE["pmc"] == 400
    standin.limits = Limits(
        rate={"list": 50, "single": 50, "europepmc": 200, **dict.fromkeys(HOSTS, 200)},
        concurrency=6,
    )
    dois = [f"10.5555/synthetic.{kind}.{n}" for kind, count in OFFICE.items() for n in range(count)]
    store = Store(tmp_path / "records")
    store.init()
    with store.transaction() as records:
        for doi in dois:
            records.articles[doi] = ArticleRecord(doi=doi, authors=[])
    result = runner.invoke(
        cli, ["--records", str(tmp_path / "records"), "fetch", "--quiet", "--mailto", "o@e.org"]
    )
    assert result.exit_code == 0, result.stderr
    histories = store.load().snapshots
    by_kind: dict[str, Counter] = {kind: Counter() for kind in OFFICE}
    for doi in dois:
        status = role_source_of(histories[doi])
        kind = doi.split(".")[-2]
        by_kind[kind][status.lack if isinstance(status, RoleSourceMissing) else status] += 1
    assert by_kind == {kind: Counter({EXPECTED[kind]: OFFICE[kind]}) for kind in OFFICE}
    total = result.stderr.splitlines()[-1].strip()
    assert total.startswith(
        "all publishers: 1000 article(s): a role source read for 880 (600 Europe PMC JATS, "
        "240 JATS at a Crossref link, 40 PDF statement at a Crossref link; stating roles: 880); "
        "none for 120 (60 closed, 30 format not read, 30 no link)"
    )
