"""Fixture builders shared by the test_readers_* modules (no tests here): our own Vietnamese text, and binary
files made on the fly."""

from __future__ import annotations

import io
import unicodedata
import zipfile

TITLE = "Xuất khẩu nông sản quý II tăng mạnh"
PARAGRAPHS = (
    ("Theo số liệu của Bộ Nông nghiệp, kim ngạch xuất khẩu nông, lâm, thủy sản quý II đạt 14,6 tỷ USD, "
    "tăng 18,3% so với cùng kỳ năm trước."),
    ("Riêng mặt hàng gạo, các doanh nghiệp đã xuất khẩu khoảng 2,3 triệu tấn, thu về hơn 1,4 tỷ USD; "
    "giá bình quân đạt 627 USD mỗi tấn."),
    "Tại Mường Khương và Bảo Thắng, nông dân trồng chuối và dứa cho biết thu nhập năm nay khá hơn nhiều.",
)
BODY = "\n\n".join((TITLE, *PARAGRAPHS))
TONES = "\u0300\u0301\u0303\u0309\u0323"


def to_cp1258(text: str) -> bytes:
    """Windows-1258 as Vietnamese Windows wrote it: precomposed where the code page has the letter,
    otherwise base letter + combining tone mark."""
    out = bytearray()
    for ch in unicodedata.normalize("NFC", text):
        try:
            out += ch.encode("cp1258")
        except UnicodeEncodeError:
            parts = unicodedata.normalize("NFD", ch)
            base = unicodedata.normalize("NFC", "".join(c for c in parts if c not in TONES))
            out += base.encode("cp1258") + "".join(c for c in parts if c in TONES).encode("cp1258")
    return bytes(out)


def html_page(body_paragraphs=PARAGRAPHS, *, title=TITLE, head: str = "", extra: str = "", charset="utf-8") -> str:
    paragraphs = "".join(f"<p>{p}</p>" for p in body_paragraphs)
    return (f'<!DOCTYPE html><html lang="vi"><head><meta charset="{charset}"><title>{title} | Báo Mẫu</title>{head}'
            f'</head><body><nav><a href="/">Trang chủ</a> <a href="/kd">Kinh doanh</a></nav>'
            f"<article><h1>{title}</h1>{paragraphs}{extra}</article>"
            f"<footer>Bản quyền thuộc về Báo Mẫu</footer></body></html>")


def zip_bytes(members: dict[str, bytes], *, compression=zipfile.ZIP_DEFLATED) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=compression) as archive:
        for name, data in members.items():
            archive.writestr(zipfile.ZipInfo(name) if name.endswith("/") else name, data)
    return buffer.getvalue()


def docx_bytes(paragraphs, *, title: str | None = None, created=None) -> bytes:
    import docx

    document = docx.Document()
    for paragraph in paragraphs:
        document.add_paragraph(paragraph)
    if title is not None:
        document.core_properties.title = title
    if created is not None:
        document.core_properties.created = created
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def pdf_bytes(lines: list[str], *, title: str | None = None) -> bytes:
    """A one-page PDF whose text layer is ``lines``: a Type0 font (no glyphs embedded) whose CIDs are
    indexes into our own character list, with a ToUnicode map so text extraction gets real Vietnamese."""
    chars = sorted({c for line in lines for c in unicodedata.normalize("NFC", line)})
    cid = {c: i + 1 for i, c in enumerate(chars)}
    show = "".join(f"<{''.join(f'{cid[c]:04X}' for c in line)}> Tj 0 -20 Td " for line in lines)
    content = f"BT /F1 12 Tf 50 750 Td {show}ET".encode()
    bfchar = "".join(f"<{cid[c]:04X}> <{c.encode('utf-16-be').hex().upper()}>\n" for c in chars)
    cmap = ("/CIDInit /ProcSet findresource begin 12 dict begin begincmap /CMapName /Ours def "
            "1 begincodespacerange <0000> <FFFF> endcodespacerange\n"
            f"{len(chars)} beginbfchar\n{bfchar}endbfchar endcmap CMapName currentdict /CMap defineresource pop "
            "end end").encode()
    info = f"<< /Title <FEFF{title.encode('utf-16-be').hex()}> >>".encode() if title else b"<< >>"
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream",
        (b"<< /Type /Font /Subtype /Type0 /BaseFont /Ours /Encoding /Identity-H /DescendantFonts [6 0 R] "
        b"/ToUnicode 7 0 R >>"),
        (b"<< /Type /Font /Subtype /CIDFontType2 /BaseFont /Ours /CIDSystemInfo << /Registry (Adobe) "
        b"/Ordering (Identity) /Supplement 0 >> /DW 500 >>"),
        b"<< /Length %d >>\nstream\n" % len(cmap) + cmap + b"\nendstream",
        info,
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R /Info 8 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)
