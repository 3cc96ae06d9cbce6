"""Office documents pemda publish their standards in: which kind a body is, and a guarded open of the zip
that .docx, .xlsx and .odt files are.

A zip is hostile input: its member count and declared uncompressed sizes are checked before any library
parses it (a zip bomb is a recorded error, not a full disk or memory). Python's zipfile never inflates a
member past its declared size, so checking the declared sizes bounds what is read.
"""

from __future__ import annotations

import io
import re
import struct
import zipfile

from .errors import ExtractionError, UnsupportedFormat

MAX_MEMBERS = 2000
MAX_UNCOMPRESSED = 64 * 1024 * 1024  # all members together, as declared
MAX_RATIO = 200  # compressed -> uncompressed, per member over 1 MB (real Office XML compresses ~10-30x)

OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # Word/Excel/PowerPoint 97-2003, encrypted Office files
ZIP_MAGIC = (b"PK\x03\x04", b"PK\x05\x06")
ODT_MIMETYPE = b"application/vnd.oasis.opendocument.text"

# what a URL's extension or a server's content type claims, for the names in messages
_LEGACY = {
    ".doc": "Word 97-2003 (.doc)", "application/msword": "Word 97-2003 (.doc)",
    ".xls": "Excel 97-2003 (.xls)", "application/vnd.ms-excel": "Excel 97-2003 (.xls)",
    ".ppt": "PowerPoint 97-2003 (.ppt)", "application/vnd.ms-powerpoint": "PowerPoint 97-2003 (.ppt)",
}
_HTML_START = re.compile(rb"<(?:!doctype|html|head|body|div|p|table|meta)\b", re.I)
OFFICE_EXTENSIONS = (".doc", ".docx", ".xls", ".xlsx", ".odt")


def _extension(url: str) -> str:
    path = url.lower().split("?", 1)[0].split("#", 1)[0]
    dot = path.rfind(".")
    return path[dot:] if dot > path.rfind("/") else ""


def document_kind(body: bytes, content_type: str | None, url: str = "") -> str | None:
    """ "docx" | "xlsx" | "odt" for an Office document pantau reads, None for anything else (HTML, PDF, …).
    Raises UnsupportedFormat for an Office document it cannot read, ExtractionError for a broken zip."""
    ctype = (content_type or "").split(";")[0].strip().lower()
    if body.startswith(OLE2_MAGIC):
        what = _LEGACY.get(_extension(url)) or _LEGACY.get(ctype) or "Microsoft Office 97-2003 or encrypted Office"
        raise UnsupportedFormat(f"{what} document: pantau cannot read this format; the file must be read by hand")
    if body.startswith(b"{\\rtf"):
        raise UnsupportedFormat("Rich Text Format document (often named .doc): pantau cannot read this format; "
                                "the file must be read by hand")
    if not body.startswith(ZIP_MAGIC):
        if _claims_office(ctype, url) and not _HTML_START.search(body[:1024]):
            # not a zip, not HTML (an error page served with 200): a truncated or mislabelled file
            raise ExtractionError(f"not a readable {_extension(url) or ctype} file (no Office signature)")
        return None
    archive = open_zip(body)
    names = set(archive.namelist())
    if "word/document.xml" in names:
        return "docx"
    if "xl/workbook.xml" in names:
        return "xlsx"
    if "mimetype" in names and "content.xml" in names:
        try:
            with archive.open("mimetype") as fh:
                mimetype = fh.read(200).strip()
        except Exception as exc:  # noqa: BLE001 - zipfile raises many types (encrypted, bad CRC, unknown method)
            raise ExtractionError(f"broken zip container: {type(exc).__name__}: {exc}") from exc
        if mimetype == ODT_MIMETYPE:
            return "odt"
        raise UnsupportedFormat(f"OpenDocument file of type {mimetype.decode('ascii', 'replace')[:80]}: "
                                "pantau reads only text documents (.odt)")
    if "ppt/presentation.xml" in names:
        raise UnsupportedFormat("PowerPoint (.pptx) file: pantau cannot read this format")
    raise UnsupportedFormat("zip archive that is no Word, Excel or OpenDocument text file")


def _claims_office(ctype: str, url: str) -> bool:
    return _extension(url) in OFFICE_EXTENSIONS or ctype in _LEGACY or ctype.startswith(
        ("application/vnd.openxmlformats-officedocument.", "application/vnd.oasis.opendocument."))


def _declared_members(body: bytes) -> int | None:
    """The member count the end-of-central-directory record declares, read before zipfile parses the
    directory (a directory of millions of entries is itself a denial of service). None if not found."""
    tail = body[-(22 + 65535):]
    at = tail.rfind(b"PK\x05\x06")
    if at < 0 or len(tail) - at < 22:
        return None
    return struct.unpack("<H", tail[at + 10:at + 12])[0]


def open_zip(body: bytes) -> zipfile.ZipFile:
    """The zip in BODY, after checking member count and declared sizes. Raises ExtractionError."""
    declared = _declared_members(body)
    if declared is not None and declared > MAX_MEMBERS:  # 0xFFFF also marks a zip64 count: refused too
        raise ExtractionError(f"zip with {declared} members (more than {MAX_MEMBERS}): refused as a zip bomb")
    try:
        archive = zipfile.ZipFile(io.BytesIO(body))
        members = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, OSError, EOFError, NotImplementedError) as exc:
        # (NotImplementedError: a zip that asks for a newer zip version than Python reads)
        raise ExtractionError(f"broken zip container: {exc}") from exc
    if len(members) > MAX_MEMBERS:
        raise ExtractionError(f"zip with {len(members)} members (more than {MAX_MEMBERS}): refused as a zip bomb")
    total = 0
    for info in members:
        total += info.file_size
        if info.file_size > 1024 * 1024 and info.file_size > MAX_RATIO * max(info.compress_size, 1):
            raise ExtractionError(f"zip member {info.filename[:80]} expands {info.file_size // max(info.compress_size, 1)}"
                                  f"-fold: refused as a zip bomb")
    if total > MAX_UNCOMPRESSED:
        raise ExtractionError(f"zip expands to {total // (1024 * 1024)} MB (more than "
                              f"{MAX_UNCOMPRESSED // (1024 * 1024)} MB): refused as a zip bomb")
    return archive
