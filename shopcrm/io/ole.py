"""Just enough of the OLE compound file format to tell an old .xls from a password-protected .xlsx.

Excel stores a password-protected workbook of any version as an OLE container holding the
streams "EncryptionInfo" and "EncryptedPackage"; an .xls holds "Workbook" (or "Book").  Reading
the directory needs the FAT chain of the directory sectors; every offset is checked against the
file size so a truncated or crafted file gives BadOleFile, never an exception from deep inside.
"""

from __future__ import annotations

import struct
from typing import BinaryIO

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_END_OF_CHAIN = 0xFFFFFFFE
_FREE = 0xFFFFFFFF
_MAX_SECTORS = 4_000_000


class BadOleFile(Exception):
    """The container is truncated or inconsistent."""


def _sector_reader(fh: BinaryIO, size: int, shift: int):  # type: ignore[no-untyped-def]
    sector_size = 1 << shift

    def read(sector: int) -> bytes:
        offset = (sector + 1) << shift
        if sector >= _MAX_SECTORS or offset + sector_size > size:
            raise BadOleFile("sector beyond end of file")
        fh.seek(offset)
        data = fh.read(sector_size)
        if len(data) != sector_size:
            raise BadOleFile("short read")
        return data

    return read


def stream_names(fh: BinaryIO, size: int) -> list[str]:
    """Names of every stream and storage in the container."""
    fh.seek(0)
    header = fh.read(512)
    if len(header) < 512 or header[:8] != OLE_MAGIC:
        raise BadOleFile("no header")
    shift = struct.unpack_from("<H", header, 0x1E)[0]
    if shift not in (9, 12):
        raise BadOleFile("bad sector size")
    n_fat, first_dir = struct.unpack_from("<II", header, 0x2C)
    first_difat, n_difat = struct.unpack_from("<II", header, 0x44)
    read = _sector_reader(fh, size, shift)
    per_sector = (1 << shift) // 4
    fat_sectors = [s for s in struct.unpack_from("<109I", header, 0x4C) if s not in (_FREE, _END_OF_CHAIN)]
    difat = first_difat
    for _ in range(min(n_difat, _MAX_SECTORS)):
        if difat in (_FREE, _END_OF_CHAIN):
            break
        block = struct.unpack(f"<{per_sector}I", read(difat))
        fat_sectors.extend(s for s in block[:-1] if s not in (_FREE, _END_OF_CHAIN))
        difat = block[-1]
    if n_fat and len(fat_sectors) < min(n_fat, 109):
        raise BadOleFile("FAT shorter than declared")
    fat: list[int] = []
    for sector in fat_sectors[: max(n_fat, 1)]:
        fat.extend(struct.unpack(f"<{per_sector}I", read(sector)))
    names: list[str] = []
    sector = first_dir
    seen: set[int] = set()
    while sector not in (_END_OF_CHAIN, _FREE):
        if sector in seen or sector >= len(fat):
            raise BadOleFile("broken directory chain")
        seen.add(sector)
        data = read(sector)
        for offset in range(0, len(data), 128):
            entry = data[offset : offset + 128]
            name_len = struct.unpack_from("<H", entry, 64)[0]
            kind = entry[66]
            if kind in (1, 2, 5) and 2 <= name_len <= 64:
                names.append(entry[: name_len - 2].decode("utf-16-le", errors="replace"))
        sector = fat[sector]
    if not names:
        raise BadOleFile("empty directory")
    return names
