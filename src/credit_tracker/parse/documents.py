"""A published document's text: a PDF (pypdf), an HTML page, or plain text; local files only."""

from __future__ import annotations

import io
import logging
import re
from html.parser import HTMLParser
from pathlib import Path

from credit_tracker.domain.errors import InputError
from credit_tracker.parse.pdf_text import document_text as pdf_document_text

MAX_DOCUMENT_BYTES = 50 * 1024 * 1024
_BLOCKS = {
    "p",
    "div",
    "br",
    "li",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "tr",
    "section",
    "dd",
    "dt",
    "title",
}


def read_document(path: Path) -> tuple[str, str]:
    """Return (kind, text) of a PDF, HTML or text file. Raises InputError naming the file."""
    return document_text(path.read_bytes(), str(path))


def document_text(data: bytes, origin: str) -> tuple[str, str]:
    """Return (kind, text) of a document's bytes: 'pdf', 'html' or 'text'. Raises InputError
    naming `origin` (the file or the address it came from)."""
    if len(data) > MAX_DOCUMENT_BYTES:
        raise InputError("the file is larger than 50 MiB", path=origin)
    if data.startswith(b"%PDF"):
        return "pdf", _pdf_text(data, origin)
    text = _decode(data, origin)
    if is_html(data):
        return "html", _html_text(text)
    return "text", text


def is_html(data: bytes) -> bool:
    """Whether the bytes are an HTML page (a landing or paywall page, say)."""
    head = data[:2048].lstrip().lower()
    return head.startswith((b"<!doctype html", b"<html")) or b"<body" in head


def _decode(data: bytes, origin: str) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise InputError("the file is neither a PDF nor UTF-8 text or HTML", path=origin) from None


def _pdf_text(data: bytes, path: str) -> str:
    from pypdf import PdfReader  # only statements read from a PDF need it
    from pypdf.errors import DependencyError, LimitReachedError, PyPdfError

    logging.getLogger("pypdf").setLevel(logging.ERROR)  # font-encoding chatter, not errors
    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted and not reader.decrypt(""):
            raise InputError(
                "the PDF is encrypted with a password; save an unprotected copy", path=path
            )
        text = pdf_document_text([page.extract_text() or "" for page in reader.pages])
    except InputError:
        raise  # our own verdict (an encrypted file) needs no wrapping
    except LimitReachedError:
        # pypdf's guard against decompression bombs: a real article never comes near it
        raise InputError(
            "the PDF expands beyond pypdf's size limit when decompressed; it is not read",
            path=path,
        ) from None
    except DependencyError as exc:
        raise InputError(f"the PDF cannot be read here ({exc})", path=path) from None
    except (PyPdfError, ValueError, KeyError, TypeError, AttributeError, RecursionError) as exc:
        # a malformed PDF surfaces as any of these from inside pypdf's object parser
        raise InputError(f"the PDF could not be read ({_short(exc)})", path=path) from None
    if not re.search(r"\w{3}", text):
        raise InputError(
            "the PDF has no text layer (a scan?); credit-tracker does no OCR: paste the statement "
            "into a text file",
            path=path,
        )
    return text


def _short(exc: Exception) -> str:
    text = " ".join(str(exc).split()) or type(exc).__name__
    return text if len(text) <= 120 else text[:117] + "..."


class _TextOfHtml(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("script", "style"):
            self._skip += 1
        elif tag in _BLOCKS:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style"):
            self._skip = max(0, self._skip - 1)
        elif tag in _BLOCKS:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if not self._skip:
            self.parts.append(data)


def _html_text(html: str) -> str:
    parser = _TextOfHtml()
    parser.feed(html)
    return re.sub(r"[ \t]*\n[ \t\n]*", "\n", "".join(parser.parts))
