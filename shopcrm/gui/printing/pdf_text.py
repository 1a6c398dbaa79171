"""Make the Chinese text of Qt's PDFs searchable and copyable as the characters printed.

CJK fonts draw a radical and the ideograph it looks like (⻚ U+2EDA and 页 U+9875, ⾦ and 金,
⼩ and 小 ...) with one glyph.  Qt writes each font's ToUnicode map by asking, for every glyph, the
lowest code point that uses it, so about 270 everyday characters come out as radicals: the page
looks right, but searching the PDF for "金卡" or a member's name finds nothing and pdftotext
reads "第 1 / 2 ⻚".  This rewrites the ToUnicode maps with the ideographs instead.

Qt's PDFs are plain (uncompressed maps, one classic xref table), which keeps the rewrite small:
the map streams are replaced and the xref offsets shifted.  Anything unexpected leaves the file
as Qt wrote it.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

RADICAL_RANGES = (range(0x2E80, 0x2F00), range(0x2F00, 0x2FE0))
IDEOGRAPHS = range(0x4E00, 0xA000)
MAX_BLOCK = 100  # entries per beginbfchar block (the CMap format's limit)

_TO_UNICODE = re.compile(rb"/ToUnicode (\d+) 0 R")
_STARTXREF = re.compile(rb"startxref\s+(\d+)\s+%%EOF\s*$")
_XREF = re.compile(rb"xref\s+(\d+) (\d+)\s+")
_HEX = re.compile(rb"<([0-9A-Fa-f]+)>")
_BLOCK = re.compile(rb"(\d+) begin(bfchar|bfrange)\s(.*?)end\2", re.S)
_RANGE_LINE = re.compile(rb"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*(\[[^\]]*\]|<[0-9A-Fa-f]+>)")
_CHAR_LINE = re.compile(rb"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>")


@lru_cache(maxsize=8)
def radical_map(family: str) -> dict[int, int]:
    """Radical code point -> the ideograph drawn with the same glyph in `family`; where the font
    shares no glyph, a Kangxi radical's compatibility ideograph (NFKC).  The font comes first: in
    a Simplified Chinese face the radical ⼾ looks like 户, while NFKC would say 戶."""
    from PySide6.QtGui import QFont, QRawFont

    mapping: dict[int, int] = {}
    raw = QRawFont.fromFont(QFont(family)) if family else QRawFont()
    if raw.isValid():
        radicals = [cp for r in RADICAL_RANGES for cp in r]
        radical_glyphs = raw.glyphIndexesForString("".join(map(chr, radicals)))
        by_glyph = {g: cp for cp, g in zip(radicals, radical_glyphs, strict=True) if g}
        ideographs = "".join(map(chr, IDEOGRAPHS))
        for cp, glyph in zip(IDEOGRAPHS, raw.glyphIndexesForString(ideographs), strict=True):
            radical = by_glyph.get(glyph)
            if glyph and radical is not None and radical not in mapping:
                mapping[radical] = cp
    for cp in RADICAL_RANGES[1]:
        target = unicodedata.normalize("NFKC", chr(cp))
        if cp not in mapping and len(target) == 1 and target != chr(cp):
            mapping[cp] = ord(target)
    return mapping


def _remap_unit(hex_text: bytes, mapping: dict[int, int]) -> bytes:
    """A destination string (UTF-16BE hex): each BMP unit that is a radical becomes its ideograph."""
    if len(hex_text) % 4:
        return hex_text
    units = [int(hex_text[i:i + 4], 16) for i in range(0, len(hex_text), 4)]
    return b"".join(b"%04X" % mapping.get(u, u) for u in units)


def remap_cmap(body: bytes, mapping: dict[int, int]) -> bytes:
    """The ToUnicode CMap with radicals replaced; every entry re-emitted as bfchar."""
    blocks = list(_BLOCK.finditer(body))
    if not blocks:
        return body
    entries: list[tuple[bytes, bytes]] = []  # (source code, destination), both hex
    for block in blocks:
        kind, content = block.group(2), block.group(3)
        if kind == b"bfchar":
            entries.extend((m.group(1), m.group(2)) for m in _CHAR_LINE.finditer(content))
            continue
        for m in _RANGE_LINE.finditer(content):
            lo, hi, dst = int(m.group(1), 16), int(m.group(2), 16), m.group(3)
            width = len(m.group(1))
            if dst.startswith(b"["):
                targets = _HEX.findall(dst)
                for i, target in enumerate(targets[: hi - lo + 1]):
                    entries.append((b"%0*X" % (width, lo + i), target))
            else:
                start_hex = dst.strip(b"<>")
                start = int(start_hex, 16)
                for i in range(hi - lo + 1):
                    entries.append((b"%0*X" % (width, lo + i), b"%0*X" % (len(start_hex), start + i)))
    changed = [(src, _remap_unit(dst, mapping)) for src, dst in entries]
    if changed == entries:
        return body
    out = [body[: blocks[0].start()]]
    for i in range(0, len(changed), MAX_BLOCK):
        chunk = changed[i:i + MAX_BLOCK]
        out.append(b"%d beginbfchar\n" % len(chunk))
        out.extend(b"<%s> <%s>\n" % (src, dst) for src, dst in chunk)
        out.append(b"endbfchar\n")
    out.append(body[blocks[-1].end():].lstrip(b"\r\n"))
    return b"".join(out)


def fix_to_unicode(data: bytes, mapping: dict[int, int]) -> bytes:
    """The PDF with its ToUnicode maps remapped; `data` unchanged when its layout is not the expected one."""
    numbers = sorted({int(n) for n in _TO_UNICODE.findall(data)})
    tail = _STARTXREF.search(data)
    if not numbers or not mapping or tail is None:
        return data
    xref_at = int(tail.group(1))
    head = _XREF.match(data, xref_at)
    if head is None:
        return data
    first, count = int(head.group(1)), int(head.group(2))
    table_at = head.end()
    entries = [data[table_at + 20 * i: table_at + 20 * (i + 1)] for i in range(count)]
    if any(len(e) != 20 or e[17:18] not in (b"n", b"f") for e in entries):
        return data
    offsets = {first + i: int(e[:10]) for i, e in enumerate(entries) if e[17:18] == b"n"}

    edits: list[tuple[int, int, bytes]] = []
    for number in numbers:
        start = offsets.get(number)
        if start is None:
            continue
        obj = re.compile(rb"%d 0 obj\s*<<\s*/Length (\d+)\s*>>\s*stream\r?\n" % number).match(data, start)
        if obj is None:
            continue
        length = int(obj.group(1))
        body = data[obj.end(): obj.end() + length]
        new_body = remap_cmap(body, mapping)
        if new_body != body:
            new_head = b"%d 0 obj\n<< /Length %d >>\nstream\n" % (number, len(new_body))
            edits.append((start, obj.end() + length, new_head + new_body))
    if not edits:
        return data

    edits.sort()
    pieces: list[bytes] = []
    cursor = 0
    shifts: list[tuple[int, int]] = []  # (old end of an edit, cumulative shift after it)
    total = 0
    for start, end, replacement in edits:
        pieces.append(data[cursor:start])
        pieces.append(replacement)
        total += len(replacement) - (end - start)
        shifts.append((end, total))
        cursor = end
    pieces.append(data[cursor:xref_at])

    def moved(offset: int) -> int:
        shift = 0
        for end, cumulative in shifts:
            if offset >= end:
                shift = cumulative
        return offset + shift

    table = [b"xref\n%d %d\n" % (first, count)]
    for entry in entries:
        if entry[17:18] == b"n":
            table.append(b"%010d %s" % (moved(int(entry[:10])), entry[11:]))
        else:
            table.append(entry)
    trailer = data[table_at + 20 * count: tail.start()]
    pieces.append(b"".join(table))
    pieces.append(trailer)
    pieces.append(b"startxref\n%d\n%%%%EOF\n" % (xref_at + total))
    return b"".join(pieces)
