"""Recorded HTTP answers: vcrpy, Ruby VCR and R vcr cassettes read into (url, recording) pairs."""

from __future__ import annotations

import base64
import gzip
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

# Recorded answer headers replayed as they were: publishers' own (Elsevier's key echo and quota,
# the click-through token's echo, a PDF's file name). The rest (dates, caches, lengths) are not.
KEPT_HEADERS = ("x-els-", "x-ratelimit-", "cr-clickthrough-", "content-disposition")


@dataclass
class Recording:
    """One recorded answer: its status, content type, (decompressed) body and the publisher's own
    headers (KEPT_HEADERS)."""

    status: int
    content_type: str
    body: bytes
    headers: dict[str, str] = field(default_factory=dict)


def load_cassette(path: Path) -> list[tuple[str, Recording]]:
    """Return (url, recording) for every GET in a vcrpy, Ruby VCR or R vcr cassette."""
    data = yaml_load(path.read_text(encoding="utf-8"))
    interactions = data.get("interactions") or data.get("http_interactions") or []
    out = []
    for interaction in interactions:
        request, response = interaction["request"], interaction["response"]
        if str(request.get("method", "get")).lower() != "get":
            continue
        status: Any = response.get("status") or {"code": response.get("status_code")}  # httpx vcrpy
        if isinstance(status, dict):
            status = status.get("code") or status.get("status_code")
        code = int(status)
        headers = {
            k.lower(): (v[0] if isinstance(v, list) else v)
            for k, v in (response.get("headers") or {}).items()
        }
        body = response.get("body") or {"string": response.get("content", "")}
        kept = {k: str(v) for k, v in headers.items() if k.startswith(KEPT_HEADERS)}
        recording = Recording(code, str(headers.get("content-type", "")), _body(body, path), kept)
        out.append((request["uri"], recording))
    return out


def yaml_load(text: str) -> Any:
    """Return a cassette's YAML, reading Ruby VCR's `!binary` tag too."""
    import yaml  # the stand-in alone needs YAML; the tool itself never loads it

    class Loader(yaml.SafeLoader):
        pass

    def binary(loader: yaml.SafeLoader, node: yaml.Node) -> bytes:
        assert isinstance(node, yaml.ScalarNode)
        return base64.b64decode(loader.construct_scalar(node))

    # Ruby's VCR writes `!binary` (base64) where vcrpy writes the standard `!!binary`.
    Loader.add_constructor("!binary", binary)
    return yaml.load(text, Loader=Loader)


def _body(body: dict[str, Any], cassette: Path) -> bytes:
    if body.get("file") is True:  # R vcr keeps a large body in a file, named relative to the
        # cassette ('../files/x.xml') or to the repository's root ('tests/files/x.pdf')
        name = str(body.get("string", ""))
        for folder in cassette.parents:
            if (folder / name).is_file():
                return (folder / name).read_bytes()
        return b""
    value = body.get("string", body.get("base64_string", b""))
    if "base64_string" in body and isinstance(value, str):
        value = base64.b64decode(value)
    raw = value.encode("utf-8") if isinstance(value, str) else bytes(value)
    return gzip.decompress(raw) if raw[:2] == b"\x1f\x8b" else raw


def path_key(url: str) -> str:
    """Return the lower-cased, unquoted path and query by which a recording is looked up."""
    parts = urlsplit(url)
    return unquote(parts.path).lower() + ("?" + unquote(parts.query) if parts.query else "")


def fulltext_key(url: str) -> str:
    """Return `host` + the path key of a publisher's address, by which its answer is looked up."""
    return urlsplit(url).netloc.lower() + path_key(url)
