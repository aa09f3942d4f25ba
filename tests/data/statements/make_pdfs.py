"""Write the SYNTHETIC AIMMS statement PDFs (run from this folder; deterministic).

aimms-author-contributions-wrong.synthetic.pdf prints "Jane P. Illés" in its Author Contributions
section, as the University of St Andrews news item (22 May 2025) reports the real PDF did; the
-right one prints "Jane Illés". Only Illés's two known roles are listed: the rest of the real
section was not seen and is not invented. A minimal hand-written PDF: Helvetica, WinAnsiEncoding.
"""

from __future__ import annotations

from pathlib import Path

TITLE = "\u2018I cannot be what I don\u2019t see\u2019: an evaluation of AIMMS Mentoring"


def pdf(lines: list[str]) -> bytes:
    def escape(text: str) -> bytes:
        raw = text.encode("cp1252")  # WinAnsiEncoding: é is 0xE9, the en dash 0x96
        return raw.replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)")

    content = (
        b"BT /F1 11 Tf 72 760 Td 14 TL\n"
        + b"".join(b"(" + escape(line) + b") Tj T*\n" for line in lines)
        + b"ET\n"
    )
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        (
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << "
            b"/Font << /F1 5 0 R >> >> >>"
        ),
        b"<< /Length %d >>\nstream\n" % len(content) + content + b"endstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return bytes(out)


def statement(name: str) -> list[str]:
    return [
        TITLE,
        "SYNTHETIC test document made for credit-tracker; not the published article.",
        "",
        "Author contributions",
        f"Conceptualization: {name}.",
        f"Writing \u2013 review & editing: {name}.",
        "",
        "References",
        "1. Not part of the statement.",
    ]


if __name__ == "__main__":
    here = Path(__file__).parent
    (here / "aimms-author-contributions-wrong.synthetic.pdf").write_bytes(
        pdf(statement("Jane P. Ill\u00e9s"))
    )
    (here / "aimms-author-contributions-right.synthetic.pdf").write_bytes(
        pdf(statement("Jane Ill\u00e9s"))
    )
