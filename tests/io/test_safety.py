"""Bad files: each kind is refused by its bytes with a clear message, and the database is unchanged."""

from __future__ import annotations

import re
import struct
import zipfile
import zlib
from pathlib import Path

import pytest
from sheet_factory import SALES_HEADER, messy_sales_rows, xls, xlsx
from sqlalchemy import func, select

from shopcrm.db.engine import Database
from shopcrm.db.models import ImportBatch, Member, Purchase
from shopcrm.io.safety import BadFileError, inspect_file
from shopcrm.services.importing.run import import_file

_CT = (
    '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/></Types>'
)
_WB = (
    '<?xml version="1.0"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
    'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>'
    '<sheet name="S" sheetId="1" r:id="rId1"/></sheets></workbook>'
)
_WBRELS = (
    '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" '
    'Target="worksheets/sheet1.xml"/></Relationships>'
)
_RELS = (
    '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" '
    'Target="xl/workbook.xml"/></Relationships>'
)


def handmade_xlsx(path: Path, sheet_xml: str | bytes) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", _CT)
        z.writestr("_rels/.rels", _RELS)
        z.writestr("xl/workbook.xml", _WB)
        z.writestr("xl/_rels/workbook.xml.rels", _WBRELS)
        z.writestr("xl/worksheets/sheet1.xml", sheet_xml)
    return path


def sheet(cells: str, prolog: str = "") -> str:
    return (
        f'<?xml version="1.0"?>{prolog}<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        f"<sheetData>{cells}</sheetData></worksheet>"
    )


def encrypted_ole(path: Path) -> Path:
    """The OLE container Excel writes for a password-protected workbook (directory only)."""
    header = bytearray(512)
    header[0:8] = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
    struct.pack_into("<HHHHH", header, 0x18, 0x3E, 3, 0xFFFE, 9, 6)
    struct.pack_into("<IIIIIIIII", header, 0x28, 0, 1, 1, 0, 4096, 0xFFFFFFFE, 0, 0xFFFFFFFE, 0)
    difat = [0] + [0xFFFFFFFF] * 108
    struct.pack_into("<109I", header, 0x4C, *difat)
    fat = struct.pack("<128I", 0xFFFFFFFD, 0xFFFFFFFE, *([0xFFFFFFFF] * 126))
    directory = bytearray()
    for name, kind in (("Root Entry", 5), ("EncryptionInfo", 2), ("EncryptedPackage", 2), ("", 0)):
        entry = bytearray(128)
        raw = name.encode("utf-16-le") + b"\x00\x00" if name else b""
        entry[: len(raw)] = raw
        struct.pack_into("<H", entry, 64, len(raw))
        entry[66] = kind
        directory += entry
    path.write_bytes(bytes(header) + fat + bytes(directory))
    return path


def lying_sizes(path: Path) -> Path:
    """A zip whose headers claim a tiny sheet while its data inflates to megabytes."""
    handmade_xlsx(path, sheet("<row r=\"1\"><c r=\"A1\"><v>1</v></c></row>" + " " * 3_000_000))
    data = bytearray(path.read_bytes())
    with zipfile.ZipFile(path) as z:
        info = z.getinfo("xl/worksheets/sheet1.xml")
    struct.pack_into("<I", data, info.header_offset + 22, 100)
    cd = data.find(b"PK\x01\x02")
    while cd != -1:
        name_len = struct.unpack_from("<H", data, cd + 28)[0]
        if data[cd + 46 : cd + 46 + name_len] == b"xl/worksheets/sheet1.xml":
            struct.pack_into("<I", data, cd + 24, 100)
        cd = data.find(b"PK\x01\x02", cd + 4)
    path.write_bytes(bytes(data))
    return path


def _state(db: Database) -> tuple[int, int, int]:
    with db.read() as s:
        return (
            s.scalar(select(func.count()).select_from(Purchase)) or 0,
            s.scalar(select(func.count()).select_from(Member)) or 0,
            s.scalar(select(func.count()).select_from(ImportBatch)) or 0,
        )


BAD_FILES = {
    "pdf": (lambda p: (p.write_bytes(b"%PDF-1.7\n" + b"x" * 500), p)[1], "not a spreadsheet (it is a PDF document)"),
    "picture": (lambda p: (p.write_bytes(b"\x89PNG\r\n\x1a\n" + b"\x00" * 100), p)[1], "it is a picture"),
    "binary": (lambda p: (p.write_bytes(bytes(range(256)) * 20), p)[1], "not a spreadsheet"),
    "empty": (lambda p: (p.write_bytes(b""), p)[1], "is empty"),
    "web page": (lambda p: (p.write_text("<html><table><tr><td>1</td></tr></table></html>"), p)[1], "web page"),
    "word": (lambda p: (zipfile.ZipFile(p, "w").writestr("word/document.xml", "<w/>"), p)[1], "Word document"),
    "truncated": (lambda p: (p.write_bytes(xlsx(p, {"S": messy_sales_rows()}).read_bytes()[:3000]), p)[1], "damaged or incomplete"),
    "password": (encrypted_ole, "protected by a password"),
    "zip bomb": (lambda p: handmade_xlsx(p, sheet("") + " " * 60_000_000), "too large to import"),
    "lying sizes": (lying_sizes, "damaged or incomplete"),
    "entities": (
        lambda p: handmade_xlsx(p, sheet('<row r="1"><c r="A1" t="inlineStr"><is><t>&a;</t></is></c></row>',
                                         '<!DOCTYPE x [<!ENTITY a "aaaaaaaaaa">]>')),
        "entity declarations",
    ),
    "far away row": (
        lambda p: handmade_xlsx(p, sheet('<row r="1"><c r="A1"><v>1</v></c></row><row r="1048576"><c r="XFD1048576"><v>2</v></c></row>')),
        "more than 1,000,000 rows",
    ),
    "far away column": (
        lambda p: handmade_xlsx(p, sheet('<row r="1"><c r="A1"><v>1</v></c></row><row r="60000"><c r="ZZ60000"><v>2</v></c></row>')),
        "cells spread over 702 columns and 60,000 rows",
    ),
}


@pytest.mark.parametrize("kind", sorted(BAD_FILES))
def test_bad_file_is_refused_and_nothing_changes(kind: str, sqlite_db: Database, tmp_path: Path) -> None:
    make, message = BAD_FILES[kind]
    path = make(tmp_path / "sales.xlsx")
    before = _state(sqlite_db)
    with pytest.raises(BadFileError, match=re.escape(message)):
        import_file(sqlite_db, path, "sales")
    assert _state(sqlite_db) == before


def test_a_corrupted_byte_inside_the_sheet_is_caught_by_its_crc(tmp_path: Path) -> None:
    path = xlsx(tmp_path / "s.xlsx", {"S": [SALES_HEADER] + messy_sales_rows()[4:] * 50})
    data = bytearray(path.read_bytes())
    with zipfile.ZipFile(path) as z:
        info = z.getinfo("xl/worksheets/sheet1.xml")
    start = info.header_offset + 30 + len(info.filename) + len(info.extra)
    data[start + info.compress_size // 2] ^= 0xFF
    path.write_bytes(bytes(data))
    with pytest.raises(BadFileError, match="damaged or incomplete"):
        inspect_file(path)


def test_good_files_of_every_format_pass(tmp_path: Path) -> None:
    assert inspect_file(xlsx(tmp_path / "a.xlsx", {"S": messy_sales_rows()})).format == "xlsx"
    assert inspect_file(xls(tmp_path / "a.xls", {"S": [SALES_HEADER, ["2024-01-01", "1", "", "", "x", 1, 1, 1, "现金"]]})).format == "xls"
    gbk = tmp_path / "a.csv"
    gbk.write_bytes("日期,金额\n2024-01-01,12\n".encode("gbk"))
    assert inspect_file(gbk).encoding == "gb18030"
    bom = tmp_path / "b.csv"
    bom.write_bytes("\ufeff日期,金额\n2024-01-01,12\n".encode())
    assert inspect_file(bom).encoding == "utf-8-sig"
    utf16 = tmp_path / "c.txt"
    utf16.write_bytes("日期\t金额\n2024-01-01\t12\n".encode("utf-16"))
    assert inspect_file(utf16).encoding == "utf-16"
    assert zlib.crc32(b"") == 0
