"""Small but real files for the demo toolkit: PDFs (a gesprekskaart, factsheets, handreikingen)
and Word documents (a verwijsschema, an afsprakenkaart, a sjabloon), written without any
library so a user can download and open them. Content comes from the item itself; every file
says it is fictional demo material. Deterministic: the same item gives the same bytes."""

from __future__ import annotations

import io
import re
import zipfile
from dataclasses import dataclass
from xml.sax.saxutils import escape

NOTICE = "Voorbeeldmateriaal van het demoplatform Kansrijke Ontmoetingen: fictief, niet voor de praktijk."
PAGE_WIDTH, PAGE_HEIGHT, MARGIN = 595, 842, 56
LINE_HEIGHT = {"h1": 26, "h2": 20, "p": 15, "small": 13}
FONT_SIZE = {"h1": 18, "h2": 13, "p": 11, "small": 9}
# Helvetica is about half an em wide per character on average; wrap a little early.
CHARS_PER_POINT = 1 / 0.52
ZIP_DATE = (2026, 1, 1, 0, 0, 0)


@dataclass(frozen=True)
class Block:
    kind: str  # "h2", "p", "li" (numbered or bulleted item, text carries its marker)
    text: str


def blocks(body: str) -> list[Block]:
    """The item's text as headings, paragraphs and list items (the formatting it uses)."""
    found = []
    for chunk in re.split(r"\n\s*\n", body.strip()):
        for raw in chunk.splitlines() if _is_list(chunk) else [" ".join(chunk.split())]:
            line = raw.strip()
            if not line:
                continue
            if line.startswith("#"):
                found.append(Block("h2", line.lstrip("#").strip()))
            elif re.match(r"^(\d+\.|[-*])\s", line):
                marker, text = line.split(None, 1)
                found.append(Block("li", f"{'•' if marker in '-*' else marker} {_plain(text)}"))
            else:
                found.append(Block("p", _plain(line)))
    return found


def _is_list(chunk: str) -> bool:
    return any(re.match(r"^(#|\d+\.\s|[-*]\s)", line.strip()) for line in chunk.splitlines())


def _plain(text: str) -> str:
    text = re.sub(r"\[([^\]]+)\]\([^)]+\)", r"\1", text)  # links: keep the words
    return text.replace("**", "").replace("__", "")


def sentences(text: str) -> list[str]:
    return [s.strip() for s in re.split(r"(?<=[.!?])\s+", " ".join(text.split())) if s.strip()]


# --- PDF -------------------------------------------------------------------------------------


def _wrap(text: str, kind: str) -> list[str]:
    width = int((PAGE_WIDTH - 2 * MARGIN) * CHARS_PER_POINT / FONT_SIZE[kind])
    lines, line = [], ""
    for word in text.split():
        if line and len(line) + 1 + len(word) > width:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}".strip()
    return [*lines, line] if line else lines


def _pdf_text(text: str) -> bytes:
    raw = text.encode("cp1252", "replace")
    return raw.replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)")


def _pdf_lines(title: str, subtitle: str, content: list[Block]) -> list[tuple[str, str]]:
    lines = [("h1", line) for line in _wrap(title, "h1")]
    lines += [("small", line) for line in _wrap(subtitle, "small")] + [("gap", "")]
    previous = ""
    for block in content:
        kind = "h2" if block.kind == "h2" else "p"
        if kind == "h2" or (block.kind == "p" and previous == "li"):
            lines.append(("gap", ""))
        previous = block.kind
        lines += [(kind, line) for line in _wrap(block.text, kind)]
        if block.kind == "p":
            lines.append(("gap", ""))
    return lines


def _pdf_pages(lines: list[tuple[str, str]]) -> list[bytes]:
    pages, ops, y = [], [], PAGE_HEIGHT - MARGIN
    for kind, text in lines:
        height = LINE_HEIGHT.get(kind, 8)
        if y - height < MARGIN + 30:
            pages.append(b"\n".join(ops))
            ops, y = [], PAGE_HEIGHT - MARGIN
        y -= height
        if text:
            font = b"/F2" if kind in ("h1", "h2") else b"/F1"
            ops.append(
                b"BT "
                + font
                + f" {FONT_SIZE[kind]} Tf {MARGIN} {y} Td (".encode()
                + _pdf_text(text)
                + b") Tj ET"
            )
    pages.append(b"\n".join(ops))
    footer = (
        b"BT /F1 8 Tf " + f"{MARGIN} {MARGIN - 20} Td (".encode() + _pdf_text(NOTICE) + b") Tj ET"
    )
    return [page + b"\n" + footer for page in pages]


def pdf_document(title: str, subtitle: str, content: list[Block]) -> bytes:
    """A valid PDF 1.4 (A4, Helvetica, WinAnsi so é and ë show) with title, subtitle and text,
    over as many pages as it needs."""
    streams = _pdf_pages(_pdf_lines(title, subtitle, content))
    font = b"<< /Type /Font /Subtype /Type1 /BaseFont /%s /Encoding /WinAnsiEncoding >>"
    # objects: 1 catalog, 2 pages, 3 info, 4 regular font, 5 bold font, then page + contents
    page_ids = [6 + 2 * i for i in range(len(streams))]
    kids = " ".join(f"{pid} 0 R" for pid in page_ids).encode()
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R /Lang (nl-NL) >>",
        b"<< /Type /Pages /Kids [" + kids + b"] /Count " + str(len(streams)).encode() + b" >>",
        b"<< /Title (" + _pdf_text(title) + b") /Producer (Kansrijke Ontmoetingen demo) >>",
        font % b"Helvetica",
        font % b"Helvetica-Bold",
    ]
    for pid, stream in zip(page_ids, streams, strict=True):
        objects.append(
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents "
            + f"{pid + 1} 0 R".encode()
            + b" /Resources << /Font << /F1 4 0 R /F2 5 0 R >> >> >>"
        )
        objects.append(
            b"<< /Length " + str(len(stream)).encode() + b" >>\nstream\n" + stream + b"\nendstream"
        )
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    out += b"".join(f"{offset:010d} 00000 n \n".encode() for offset in offsets)
    out += (
        f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R /Info 3 0 R >>\n"
        f"startxref\n{xref}\n%%EOF\n"
    ).encode()
    return bytes(out)


# --- DOCX ------------------------------------------------------------------------------------

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/word/document.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
    '<Override PartName="/docProps/core.xml" '
    'ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>'
    "</Types>"
)
RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" '
    'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" '
    'Target="word/document.xml"/>'
    '<Relationship Id="rId2" '
    'Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" '
    'Target="docProps/core.xml"/>'
    "</Relationships>"
)


def _run(text: str, *, bold: bool = False, size: int = 22) -> str:
    props = f'<w:rPr>{"<w:b/>" if bold else ""}<w:sz w:val="{size}"/></w:rPr>'
    return f'<w:r>{props}<w:t xml:space="preserve">{escape(text)}</w:t></w:r>'


def _para(text: str, *, bold: bool = False, size: int = 22) -> str:
    return f'<w:p><w:pPr><w:spacing w:after="120"/></w:pPr>{_run(text, bold=bold, size=size)}</w:p>'


def _table(header: tuple[str, ...], rows: list[tuple[str, ...]]) -> str:
    border = '<w:{0} w:val="single" w:sz="4" w:space="0" w:color="666666"/>'
    borders = "".join(
        border.format(side) for side in ("top", "left", "bottom", "right", "insideH", "insideV")
    )

    def row(cells, bold=False):
        return (
            "<w:tr>"
            + "".join(
                f'<w:tc><w:tcPr><w:tcW w:w="0" w:type="auto"/></w:tcPr>{_para(c, bold=bold)}</w:tc>'
                for c in cells
            )
            + "</w:tr>"
        )

    return (
        f'<w:tbl><w:tblPr><w:tblW w:w="5000" w:type="pct"/><w:tblBorders>{borders}</w:tblBorders>'
        f"</w:tblPr>{row(header, bold=True)}{''.join(row(r) for r in rows)}</w:tbl>"
    )


def docx_document(
    title: str, subtitle: str, content: list[Block], table: tuple[tuple, list] | None = None
) -> bytes:
    """A valid Word document (Office Open XML): title, subtitle, the text and, for a schema,
    a table of steps. Opens in Word, LibreOffice and Google Docs."""
    body = [_para(title, bold=True, size=36), _para(subtitle, size=18)]
    for block in content:
        body.append(
            _para(block.text, bold=block.kind == "h2", size=26 if block.kind == "h2" else 22)
        )
    if table:
        body.append(_table(*table))
    body.append(_para(NOTICE, size=16))
    document = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        f'<w:document xmlns:w="{W}"><w:body>{"".join(body)}'
        '<w:sectPr><w:pgSz w:w="11906" w:h="16838"/>'
        '<w:pgMar w:top="1134" w:right="1134" w:bottom="1134" w:left="1134"/></w:sectPr>'
        "</w:body></w:document>"
    )
    core = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" '
        'xmlns:dc="http://purl.org/dc/elements/1.1/">'
        f"<dc:title>{escape(title)}</dc:title><dc:language>nl-NL</dc:language>"
        "</cp:coreProperties>"
    )
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, text in (
            ("[Content_Types].xml", CONTENT_TYPES),
            ("_rels/.rels", RELS),
            ("word/document.xml", document),
            ("docProps/core.xml", core),
        ):
            archive.writestr(zipfile.ZipInfo(name, date_time=ZIP_DATE), text.encode("utf-8"))
    return buffer.getvalue()


# --- which item gets which file --------------------------------------------------------------

# Templates people fill in or adapt are Word documents; what they read or print is a PDF.
DOCX_WORDS = ("verwijsroute", "afsprakenkaart", "sjabloon")


def demo_file(row: dict) -> tuple[str, bytes]:
    """(file name, bytes) for one demo item from the data file."""
    title, org = row["title"], row["org"]
    subtitle = f"{org} · {row['summary']}"
    content = blocks(row["body"])
    slug = re.sub(r"[^a-z0-9]+", "-", title.casefold()).strip("-")[:60]
    if any(word in title.casefold() for word in DOCX_WORDS):
        steps = [(str(n), text) for n, text in enumerate(sentences(row["body"]), start=1)]
        table = (("Stap", "Wat er gebeurt"), steps) if "verwijsroute" in title.casefold() else None
        name = f"verwijsschema-{slug}.docx" if table else f"{slug}.docx"
        return name, docx_document(title, subtitle, content, table)
    return f"{slug}.pdf", pdf_document(title, subtitle, content)
