"""JSON read whatever its nesting: a file nested deeper than Python can follow is bad JSON. Pure.

`json.loads` recurses once per level and raises RecursionError at about a thousand levels (a
few kilobytes of `[`): a traceback, where every other broken file is one line naming it. Every
JSON the tool reads (the records' files, a baseline, an exported record, a server's answer)
goes through `loads`, which raises json.JSONDecodeError there instead, with the line and column
where the nesting went too deep, so each reader's own handling of bad JSON applies. The normal
path costs nothing more than json.loads.
"""

from __future__ import annotations

import json
from typing import Any

MAX_DEPTH = 512
"""How deep a reader follows; the tool's own files nest under a dozen levels."""


def loads(text: str | bytes) -> Any:
    """json.loads; json.JSONDecodeError (a ValueError) for a document nested past MAX_DEPTH."""
    try:
        return json.loads(text)
    except RecursionError:
        doc = text.decode("utf-8", "replace") if isinstance(text, bytes) else text
        raise json.JSONDecodeError(
            f"nested more than {MAX_DEPTH} levels deep", doc, too_deep_at(doc)
        ) from None


def too_deep_at(doc: str) -> int:
    """The index where `doc`'s nesting first passes MAX_DEPTH (0 if it never does): read only
    once json.loads has given up, to say where."""
    depth = 0
    in_string = escaped = False
    for index, char in enumerate(doc):
        if in_string:
            if escaped:
                escaped = False
            elif char == "\\":
                escaped = True
            elif char == '"':
                in_string = False
        elif char == '"':
            in_string = True
        elif char in "[{":
            depth += 1
            if depth > MAX_DEPTH:
                return index
        elif char in "]}":
            depth -= 1
    return 0
