"""A list of DOIs, one a line, in any form people paste (doi.org links, 'doi:', upper case). Pure.

Blank lines and lines starting with '#' are skipped; a DOI given twice is kept once.
"""

from __future__ import annotations

from credit_tracker.domain.errors import InputError
from credit_tracker.domain.identifiers import normalize_doi
from credit_tracker.domain.text import require_safe_text

MAX_LIST_BYTES = 5 * 1024 * 1024


def parse_doi_list(data: bytes, path: str) -> list[str]:
    """Return the normalised DOIs in file order. Raises InputError naming the line of a bad one."""
    if len(data) > MAX_LIST_BYTES:
        raise InputError("the file is larger than 5 MiB; a list of DOIs is far smaller", path=path)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(
            f"byte 0x{data[exc.start]:02x} is not UTF-8; save the list as UTF-8",
            path=path,
            line=data[: exc.start].count(b"\n") + 1,
        ) from None
    dois: dict[str, None] = {}
    # split on line feeds only: splitlines() would also split on (and so hide) U+2028 and \x0c
    for number, text_line in enumerate(text.split("\n"), start=1):
        value = text_line.strip(" \t\r")
        if not value or value.startswith("#"):
            continue
        require_safe_text(value, field="DOI", path=path, line=number)
        try:
            dois[normalize_doi(value)] = None
        except InputError as exc:
            raise InputError(exc.reason, path=path, line=number, field="DOI") from None
    return list(dois)
