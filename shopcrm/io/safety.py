"""What a file really is, decided from its bytes, and whether it is safe to hand to a parser.

Runs before any spreadsheet library sees the file.  A refusal is a BadFileError (a ShopError)
whose message says what the file is and what to do, never a crash:

* not a spreadsheet (PDF, picture, Word document, random bytes, a web page),
* truncated or corrupt (broken zip directory, CRC mismatch, OLE chain outside the file),
* password-protected (OOXML inside an encrypted OLE container, encrypted zip entries, ODS),
* a zip bomb: members whose declared size or ratio is absurd, checked from the central
  directory before anything is inflated, then enforced while streaming (zipfile stops at the
  declared size and checks the CRC, so a lying header cannot inflate further),
* XML with DOCTYPE/ENTITY declarations (billion laughs, external entities),
* sheets whose used rectangle is huge although the file is small (the reader would allocate it).
"""

from __future__ import annotations

import codecs
import hashlib
import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from shopcrm.errors import QT_TRANSLATE_NOOP, ShopError
from shopcrm.i18n import translate
from shopcrm.io import limits
from shopcrm.io.delimiters import sniff_delimiter
from shopcrm.io.headers import detect_header
from shopcrm.io.ole import OLE_MAGIC, BadOleFile, stream_names

CHUNK = 1 << 20


class BadFileError(ShopError):
    """The file cannot be imported; nothing was read into the database."""


@dataclass(frozen=True)
class FileInfo:
    path: Path
    format: str  # xlsx | xls | ods | csv
    size: int
    sha256: str
    encoding: str | None = None  # csv only
    notes: tuple[str, ...] = field(default=())


_MAGIC_NAMES: tuple[tuple[bytes, str], ...] = (
    (b"%PDF", QT_TRANSLATE_NOOP("errors", "a PDF document")),
    (b"\x89PNG", QT_TRANSLATE_NOOP("errors", "a picture")),
    (b"\xff\xd8\xff", QT_TRANSLATE_NOOP("errors", "a picture")),
    (b"GIF8", QT_TRANSLATE_NOOP("errors", "a picture")),
    (b"BM", QT_TRANSLATE_NOOP("errors", "a picture")),
    (b"Rar!", QT_TRANSLATE_NOOP("errors", "a RAR archive")),
    (b"7z\xbc\xaf\x27\x1c", QT_TRANSLATE_NOOP("errors", "a 7-Zip archive")),
    (b"\x1f\x8b", QT_TRANSLATE_NOOP("errors", "a compressed (gzip) file")),
    (b"SQLite format 3", QT_TRANSLATE_NOOP("errors", "a database file")),
    (b"MZ", QT_TRANSLATE_NOOP("errors", "a program")),
    (b"\x7fELF", QT_TRANSLATE_NOOP("errors", "a program")),
)


def _refuse(path: Path, text: str, **params: object) -> BadFileError:
    return BadFileError(text, file=path.name, **params)


def _not_a_spreadsheet(path: Path, what: str | None = None) -> BadFileError:
    if what:
        return _refuse(
            path,
            QT_TRANSLATE_NOOP("errors", "{file} is not a spreadsheet (it is {what}). Choose an .xlsx, .xls or .csv file."),
            what=translate("errors", what),
        )
    return _refuse(path, QT_TRANSLATE_NOOP("errors", "{file} is not a spreadsheet. Choose an .xlsx, .xls or .csv file."))


def _corrupt(path: Path) -> BadFileError:
    return _refuse(
        path,
        QT_TRANSLATE_NOOP(
            "errors", "{file} is damaged or incomplete (perhaps not fully copied or downloaded). Open it in Excel and save it again."
        ),
    )


def _password(path: Path) -> BadFileError:
    return _refuse(
        path,
        QT_TRANSLATE_NOOP("errors", "{file} is protected by a password. Open it in Excel, remove the password and save it again."),
    )


def _too_big(path: Path) -> BadFileError:
    return _refuse(
        path,
        QT_TRANSLATE_NOOP(
            "errors",
            "{file} is too large to import at once (or is built to exhaust memory). Split it into smaller files, e.g. one per year.",
        ),
    )


def inspect_file(path: str | Path) -> FileInfo:
    """Identify the file by its bytes and run every safety check; returns what the readers need."""
    p = Path(path)
    if not p.exists():
        raise BadFileError(QT_TRANSLATE_NOOP("errors", "File not found: {path}"), path=str(p))
    if p.is_dir():
        raise BadFileError(QT_TRANSLATE_NOOP("errors", "{path} is a folder, not a file."), path=str(p))
    size = p.stat().st_size
    if size == 0:
        raise _refuse(p, QT_TRANSLATE_NOOP("errors", "{file} is empty."))
    if size > limits.MAX_FILE_BYTES:
        raise _refuse(
            p,
            QT_TRANSLATE_NOOP("errors", "{file} is {size} MB; at most {limit} MB can be imported at once. Split it into smaller files."),
            size=size // limits.MIB,
            limit=limits.MAX_FILE_BYTES // limits.MIB,
        )
    try:
        with p.open("rb") as fh:
            head = fh.read(64 * 1024)
    except OSError as exc:
        raise BadFileError(QT_TRANSLATE_NOOP("errors", "Cannot read {path}: {reason}"), path=str(p), reason=exc.strerror or str(exc)) from exc
    digest = _sha256(p)
    if head.startswith((b"PK\x03\x04", b"PK\x05\x06", b"PK\x07\x08")):
        fmt = _check_zip(p, size)
        return FileInfo(p, fmt, size, digest)
    if head.startswith(OLE_MAGIC):
        _check_ole(p, size)
        return FileInfo(p, "xls", size, digest)
    for magic, what in _MAGIC_NAMES:
        if head.startswith(magic):
            raise _not_a_spreadsheet(p, what)
    encoding = detect_text_encoding(p, head)
    return FileInfo(p, "csv", size, digest, encoding=encoding)


def _sha256(p: Path) -> str:
    h = hashlib.sha256()
    with p.open("rb") as fh:
        while chunk := fh.read(CHUNK):
            h.update(chunk)
    return h.hexdigest()


# ------------------------------------------------------------------ OLE (.xls and encrypted OOXML)


def _check_ole(p: Path, size: int) -> None:
    try:
        with p.open("rb") as fh:
            names = {n.lower() for n in stream_names(fh, size)}
    except BadOleFile as exc:
        raise _corrupt(p) from exc
    if "encryptedpackage" in names or "encryptioninfo" in names:
        raise _password(p)
    if "workbook" in names or "book" in names:
        return
    if "worddocument" in names:
        raise _not_a_spreadsheet(p, QT_TRANSLATE_NOOP("errors", "a Word document"))
    if "powerpoint document" in names:
        raise _not_a_spreadsheet(p, QT_TRANSLATE_NOOP("errors", "a PowerPoint presentation"))
    raise _not_a_spreadsheet(p)


# ------------------------------------------------------------------ zip (.xlsx, .xlsm, .ods)

# A literal first byte lets the regex engine skip ahead fast; attributes are separated by a space.
_WIDE_OR_DEEP = re.compile(rb' r="(?:[A-Z]{2}|[A-Z]{0,3}\d{7})')
_WIDE = re.compile(rb' r="[A-Z]{2}')
_DEEP = re.compile(rb' r="[A-Z]{0,3}\d{7}')
_REF = re.compile(rb'\br="([A-Z]{0,3})(\d{1,9})"')
_DOCTYPE = (b"<!DOCTYPE", b"<!ENTITY")  # XML keywords are case-sensitive


def _check_zip(p: Path, size: int) -> str:
    try:
        zf = zipfile.ZipFile(p)
    except (zipfile.BadZipFile, OSError, ValueError, EOFError, NotImplementedError) as exc:
        raise _corrupt(p) from exc
    with zf:
        infos = zf.infolist()
        if len(infos) > limits.MAX_ARCHIVE_MEMBERS:
            raise _too_big(p)
        names = {i.filename for i in infos}
        fmt = _zip_kind(p, zf, names)
        total = 0
        for info in infos:
            if info.flag_bits & 0x1:
                raise _password(p)
            if info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
                raise _corrupt(p)
            if info.header_offset + info.compress_size > size:
                raise _corrupt(p)
            total += info.file_size
            if total > limits.MAX_INFLATED_BYTES:
                raise _too_big(p)
            if info.file_size >= limits.RATIO_CHECK_FROM and info.file_size > limits.MAX_MEMBER_RATIO * max(info.compress_size, 1):
                raise _too_big(p)
            if info.compress_type == zipfile.ZIP_STORED and info.compress_size != info.file_size:
                raise _corrupt(p)
            if info.compress_type == zipfile.ZIP_DEFLATED and info.compress_size > info.file_size + info.file_size // 100 + 1024:
                raise _corrupt(p)  # deflate never grows data that much: the declared size lies
        for info in infos:
            lower = info.filename.lower()
            if lower.endswith((".xml", ".rels", ".vml")) or lower == "[content_types].xml":
                _scan_xml_member(p, zf, info, fmt)
    return fmt


def _zip_kind(p: Path, zf: zipfile.ZipFile, names: set[str]) -> str:
    lower = {n.lower() for n in names}
    if "xl/workbook.xml" in lower:
        return "xlsx"
    if "xl/workbook.bin" in lower:
        raise _refuse(
            p,
            QT_TRANSLATE_NOOP(
                "errors", "{file} is an Excel binary workbook (.xlsb), which cannot be imported. Open it in Excel and save it as .xlsx."
            ),
        )
    if "content.xml" in lower and ("mimetype" in lower or "meta-inf/manifest.xml" in lower):
        mimetype = b""
        if "mimetype" in names:
            try:
                mimetype = zf.open("mimetype").read(200)
            except (zipfile.BadZipFile, OSError, RuntimeError) as exc:
                raise _corrupt(p) from exc
        if mimetype and b"spreadsheet" not in mimetype:
            raise _not_a_spreadsheet(p, QT_TRANSLATE_NOOP("errors", "an OpenDocument text or presentation"))
        if "META-INF/manifest.xml" in names:
            info = zf.getinfo("META-INF/manifest.xml")
            if info.file_size < 4 * limits.MIB:
                try:
                    manifest = zf.read(info)
                except (zipfile.BadZipFile, OSError, RuntimeError) as exc:
                    raise _corrupt(p) from exc
                if b"encryption-data" in manifest:
                    raise _password(p)
        return "ods"
    if "word/document.xml" in lower:
        raise _not_a_spreadsheet(p, QT_TRANSLATE_NOOP("errors", "a Word document"))
    if "ppt/presentation.xml" in lower:
        raise _not_a_spreadsheet(p, QT_TRANSLATE_NOOP("errors", "a PowerPoint presentation"))
    raise _not_a_spreadsheet(p, QT_TRANSLATE_NOOP("errors", "a zip archive"))


def _is_sheet_part(name: str, fmt: str) -> bool:
    lower = name.lower()
    if fmt == "ods":
        return lower == "content.xml"
    return lower.startswith(("xl/worksheets/", "xl/macrosheets/", "xl/dialogsheets/")) and lower.endswith(".xml")


def _scan_xml_member(p: Path, zf: zipfile.ZipFile, info: zipfile.ZipInfo, fmt: str) -> None:
    """Inflate one XML part in chunks: CRC and declared size enforced, no DTDs, sane dimensions."""
    sheet = _is_sheet_part(info.filename, fmt)
    ods = sheet and fmt == "ods"
    wide = deep = False
    ods_scan = _OdsExtent() if ods else None
    tail = b""
    try:
        with zf.open(info) as member:
            while True:
                chunk = member.read(CHUNK)
                if not chunk:
                    break
                window = tail + chunk
                if any(marker in window for marker in _DOCTYPE):
                    raise _refuse(
                        p,
                        QT_TRANSLATE_NOOP(
                            "errors", "{file} contains XML entity declarations, which spreadsheets never need; it is refused for safety."
                        ),
                    )
                if sheet and not ods:
                    if not wide and not deep:
                        m = _WIDE_OR_DEEP.search(window)
                        if m is not None:
                            wide = wide or bool(_WIDE.search(window))
                            deep = deep or bool(_DEEP.search(window))
                    elif not deep:
                        deep = bool(_DEEP.search(window))
                    elif not wide:
                        wide = bool(_WIDE.search(window))
                    if deep:
                        break
                elif ods_scan is not None:
                    ods_scan.feed(window, len(tail))
                tail = window[-64:]
    except (zipfile.BadZipFile, OSError, EOFError, ValueError, RuntimeError) as exc:
        raise _corrupt(p) from exc
    except Exception as exc:  # zlib.error and friends: a damaged deflate stream
        if isinstance(exc, BadFileError):
            raise
        raise _corrupt(p) from exc
    if deep:
        raise _refuse(
            p,
            QT_TRANSLATE_NOOP("errors", "{file} has more than {limit} rows in one sheet. Split it into smaller files."),
            limit=f"{limits.MAX_ROWS:,}",
        )
    if ods_scan is not None:
        if ods_scan.cells() > limits.MAX_SHEET_CELLS:
            raise _too_big(p)
        return
    if wide:
        rows, cols = _exact_extent(p, zf, info)
        if rows * cols > limits.MAX_SHEET_CELLS:
            raise _refuse(
                p,
                QT_TRANSLATE_NOOP(
                    "errors",
                    "A sheet in {file} has cells spread over {cols} columns and {rows} rows. Delete the stray cells far from the table, or copy the table into a new file.",
                ),
                cols=f"{cols:,}",
                rows=f"{rows:,}",
            )


def _exact_extent(p: Path, zf: zipfile.ZipFile, info: zipfile.ZipInfo) -> tuple[int, int]:
    """The largest row and column any cell reference names (the slow path, for wide sheets only)."""
    max_row = max_col = 1
    tail = b""
    try:
        with zf.open(info) as member:
            while chunk := member.read(CHUNK):
                window = tail + chunk
                for letters, digits in _REF.findall(window):
                    row = int(digits)
                    if row > max_row:
                        max_row = row
                    if letters:
                        col = 0
                        for ch in letters:
                            col = col * 26 + ch - 64
                        if col > max_col:
                            max_col = col
                tail = window[-32:]
    except Exception as exc:
        raise _corrupt(p) from exc
    return max_row, max_col


class _OdsExtent:
    """Counts the rectangle an ODS sheet spans, with its repeated rows and columns expanded."""

    _TAG = re.compile(rb"<table:(table-row|table-cell|covered-table-cell|table)\b([^>]*?)(/?)>|</table:table-row>")
    _ROWS = re.compile(rb'number-rows-repeated="(\d+)"')
    _COLS = re.compile(rb'number-columns-repeated="(\d+)"')

    def __init__(self) -> None:
        self.rows = 0
        self.max_cols = 0
        self._pending_rows = 0
        self._row_repeat = 1
        self._col = 0
        self._last_valued_col = 0
        self._in_row = False
        self._biggest = 0

    def feed(self, window: bytes, skip: int) -> None:
        for m in self._TAG.finditer(window):
            if m.end() <= skip:
                continue
            name = m.group(1)
            if name is None:  # </table:table-row>
                self._end_row()
                continue
            attrs = m.group(2)
            if name == b"table":
                self._close_sheet()
            elif name == b"table-row":
                self._in_row = True
                r = self._ROWS.search(attrs)
                self._row_repeat = min(int(r.group(1)), 10**9) if r else 1
                self._col = self._last_valued_col = 0
                if m.group(3):
                    self._end_row()
            else:
                c = self._COLS.search(attrs)
                repeat = min(int(c.group(1)), 10**9) if c else 1
                self._col += repeat
                if b"value-type" in attrs or not m.group(3):
                    self._last_valued_col = self._col

    def _end_row(self) -> None:
        if not self._in_row:
            return
        self._in_row = False
        if self._last_valued_col:
            self.rows += self._pending_rows + self._row_repeat
            self._pending_rows = 0
            self.max_cols = max(self.max_cols, self._last_valued_col)
        else:
            self._pending_rows += self._row_repeat

    def _close_sheet(self) -> None:
        self._biggest = max(self._biggest, self.rows * self.max_cols)
        self.rows = self.max_cols = self._pending_rows = 0

    def cells(self) -> int:
        return max(self._biggest, self.rows * self.max_cols)


# ------------------------------------------------------------------ text (.csv, .txt, tab-separated)

_HTML_STARTS = (b"<html", b"<!doctype html", b"<table", b"<head", b"<body", b"<meta")


def detect_text_encoding(p: Path, head: bytes) -> str:
    """UTF-8 (with or without BOM), UTF-16 with BOM, else GB18030 (a superset of GBK and GB2312)."""
    if head.startswith(codecs.BOM_UTF8):
        encoding = "utf-8-sig"
    elif head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        encoding = "utf-16"
    else:
        encoding = ""
    probe = head.lstrip(codecs.BOM_UTF8).lstrip()[:200].lower()
    if encoding == "utf-16":
        try:
            probe = head.decode("utf-16", errors="ignore").lstrip().encode("ascii", errors="ignore")[:200].lower()
        except UnicodeError:
            probe = b""
    if probe.startswith(_HTML_STARTS) or (probe.startswith(b"<?xml") and b"<html" in head[:2048].lower()):
        raise _refuse(
            p,
            QT_TRANSLATE_NOOP(
                "errors", "{file} is a web page (HTML), not a spreadsheet, although it may open in Excel. Open it in Excel and save it as .xlsx."
            ),
        )
    if probe.startswith(b"<?xml") or probe.startswith(b"<"):
        raise _refuse(
            p,
            QT_TRANSLATE_NOOP(
                "errors", "{file} is an XML file (perhaps an old Excel 2003 XML sheet). Open it in Excel and save it as .xlsx."
            ),
        )
    if encoding:
        return encoding
    if b"\x00" in head:
        sample = head[: len(head) - len(head) % 2]
        if sample and sample[1::2].count(0) > len(sample) // 4 and sample[::2].count(0) < len(sample) // 20:
            return "utf-16-le"
        raise _not_a_spreadsheet(p)
    controls = sum(1 for b in head if b < 9 or 13 < b < 32 and b != 27)
    if controls > max(4, len(head) // 100):
        raise _not_a_spreadsheet(p)
    with p.open("rb") as fh:
        pending = b""
        while True:
            chunk = fh.read(CHUNK)
            if not chunk:
                return "utf-8"
            data = pending + chunk
            if data.isascii():
                pending = b""
                continue
            try:
                data.decode("utf-8")
                return "utf-8"
            except UnicodeDecodeError as exc:
                if exc.start >= len(data) - 3 and exc.reason == "unexpected end of data":
                    if data[: exc.start].isascii():
                        pending = data[exc.start :]
                        continue
                    return "utf-8"
                return legacy_text_encoding(p)


# Encodings a shop's text export may use besides UTF-8: mainland GBK/GB18030, Taiwan/Hong Kong
# Big5, Western Windows-1252.  GB18030 accepts nearly any byte pair, so a Big5 file also "decodes"
# as GB18030 - into other characters (菠蘿麵包 -> 翟炮难...).  The choice is never a fallback.
LEGACY_ENCODINGS = ("gb18030", "big5", "cp1252")
_ENCODING_NAMES = {"gb18030": "GB18030 (GBK)", "big5": "Big5", "cp1252": "Windows-1252"}
DETECT_SAMPLE = 1 << 20


def _decodes(data: bytes, encoding: str) -> bool:
    try:
        data.decode(encoding)
    except UnicodeDecodeError:
        return False
    return True


def _header_fits(text: str) -> bool:
    """Whether the top lines, read in this encoding, hold a header the importer recognises."""

    lines = text.splitlines()[:30]
    delimiter = sniff_delimiter("\n".join(lines))
    rows = [line.split(delimiter) for line in lines]
    for kind in ("sales", "members", "products"):  # every sheet kind the importers read
        guess = detect_header(rows, kind)
        if guess is not None and not guess.missing:
            return True
    return False


def legacy_text_encoding(p: Path) -> str:
    """The encoding of a text file that is not UTF-8, decided over the whole file, or a refusal.

    Every candidate must decode the whole file; of those, the one whose header the importer
    recognises wins, else the one charset-normalizer (a maintained detector, run over samples
    spread across the file) finds alone.  When more than one remains the file is refused with a
    message naming them: an import in the wrong one would silently store other characters."""
    data = p.read_bytes()
    decodable = [enc for enc in LEGACY_ENCODINGS if _decodes(data, enc)]
    if not decodable:
        raise _refuse(
            p,
            QT_TRANSLATE_NOOP(
                "errors", "{file} is not UTF-8 and not in any text encoding ShopCRM knows. Save it in Excel as \"CSV UTF-8\" and import that file."
            ),
        )
    if len(decodable) > 1:
        head = data[:65536]
        fitting = [enc for enc in decodable if _header_fits(head.decode(enc, errors="replace"))]
        if len(fitting) == 1:
            return fitting[0]
        decodable = fitting or decodable
    if len(decodable) > 1:
        from charset_normalizer import from_bytes

        sample = data if len(data) <= DETECT_SAMPLE else b"".join(
            data[i : i + 4096] for i in range(0, len(data), max(4096, len(data) // (DETECT_SAMPLE // 4096)))
        )
        matches = from_bytes(sample, cp_isolation=list(decodable), steps=max(1, min(64, len(sample) // 4096)),
                             chunk_size=min(4096, max(64, len(sample))))
        found = [m.encoding for m in matches if m.encoding in decodable]
        if len(found) == 1:
            return found[0]
        best = matches.best()
        first = best.encoding if best is not None and best.encoding in decodable else decodable[0]
        others = [enc for enc in (found or decodable) if enc != first]
        raise _refuse(
            p,
            QT_TRANSLATE_NOOP(
                "errors",
                "{file} is not UTF-8, and its text could be {encoding} or {others}; importing it in the wrong one would store "
                "other characters. Save it in Excel as \"CSV UTF-8\" and import that file.",
            ),
            encoding=_ENCODING_NAMES.get(first, first),
            others=", ".join(_ENCODING_NAMES.get(e, e) for e in others),
        )
    return decodable[0]
