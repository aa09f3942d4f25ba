"""Recorded HTTP answers: vcrpy, Ruby VCR and R vcr cassettes read into (url, recording) pairs."""

from __future__ import annotations

import base64
import gzip
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit


@dataclass
class Recording:
    """One recorded answer: its status, content type and (decompressed) body."""

    status: int
    content_type: str
    body: bytes


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
        out.append(
            (
                request["uri"],
                Recording(
                    code,
                    str(headers.get("content-type", "")),
                    _body(response.get("body") or {"string": response.get("content", "")}),
                ),
            )
        )
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


def _body(body: dict[str, Any]) -> bytes:
    value = body.get("string", body.get("base64_string", b""))
    if "base64_string" in body and isinstance(value, str):
        value = base64.b64decode(value)
    raw = value.encode("utf-8") if isinstance(value, str) else bytes(value)
    return gzip.decompress(raw) if raw[:2] == b"\x1f\x8b" else raw


def path_key(url: str) -> str:
    """Return the lower-cased, unquoted path and query by which a recording is looked up."""
    parts = urlsplit(url)
    return unquote(parts.path).lower() + ("?" + unquote(parts.query) if parts.query else "")
