"""Extractors: pure functions from a fetched document to the standar-pelayanan components it publishes.

    from extractors import build_page, extract
    page = build_page(url, body, content_type)   # HTML, PDF, text, image, .docx/.xlsx/.odt -> Page
    result = extract(page)                       # Page -> Extraction (services, findings)

No network, no database. Vocabulary: config/vocabulary.yaml. See docs/extraction.md.
"""

from __future__ import annotations

from importlib import import_module
from pathlib import Path

from . import urls
from .errors import ExtractionError, UnsupportedFormat
from .extract import extract
from .model import Block, Extraction, Finding, Page, Service

__all__ = ["Block", "Extraction", "ExtractionError", "Finding", "Page", "Service", "build_page", "extract",
           "extract_file", "kind_of", "UnsupportedFormat"]

_HTML_TYPES = ("text/html", "application/xhtml", "application/xml", "text/xml")
_EXTENSIONS = {".html": "html", ".htm": "html", ".xhtml": "html", ".pdf": "pdf", ".txt": "text", ".text": "text",
               ".png": "image", ".jpg": "image", ".jpeg": "image", ".gif": "image", ".webp": "image",
               ".tif": "image", ".tiff": "image", ".bmp": "image"}  # Office files are told by their bytes
# Standards published as infographics and scans: these are read with OCR (extractors/ocr.py).
_IMAGE_SIGNATURES = (b"\x89PNG", b"\xff\xd8\xff", b"GIF8", b"II*\x00", b"MM\x00*", b"BM")
# Office documents pemda publish standards in (extractors/documents.py tells them apart by their zip's parts).
_DOCUMENT_BUILDERS = {"docx": (".docx_page", "build_docx"), "xlsx": (".xlsx_page", "build_xlsx"),
                      "odt": (".odt_page", "build_odt")}
_IMAGE_EXTENSIONS = tuple(ext for ext, kind in _EXTENSIONS.items() if kind == "image")


def kind_of(body: bytes, content_type: str | None, url: str = "") -> str:
    """ "html" | "pdf" | "text" | "image" | "docx" | "xlsx" | "odt" from the bytes, else the content type (the
    server's type can lie). Raises UnsupportedFormat for Office files pantau cannot read (.doc, .xls, …)."""
    from .documents import document_kind

    office = document_kind(body, content_type, url)
    if office:
        return office
    head = body[:1024].lstrip()
    if head.startswith(b"%PDF"):
        return "pdf"
    if body.startswith(_IMAGE_SIGNATURES) or (body[:4] == b"RIFF" and body[8:12] == b"WEBP"):
        return "image"
    ctype = (content_type or "").split(";")[0].strip().lower()
    if ctype.startswith("image/") or url.lower().split("?")[0].endswith(_IMAGE_EXTENSIONS):
        return "image"
    if ctype == "application/pdf" or url.lower().split("?")[0].endswith(".pdf"):
        return "pdf"
    low = head[:512].lower()
    if any(tag in low for tag in (b"<html", b"<!doctype html", b"<body", b"<head", b"<div", b"<table", b"<p>", b"<meta")):
        return "html"
    if ctype.startswith(_HTML_TYPES):
        return "html"
    if ctype.startswith("text/") or not ctype or ctype == "application/octet-stream":
        return "text"
    raise ExtractionError(f"unsupported content type: {ctype}")


def build_page(url: str, body: bytes, content_type: str | None = None) -> Page:
    """Turn a fetched document into a Page. Raises ExtractionError for what cannot be read."""
    if body is None:
        raise ExtractionError("no body")
    if not urls.parses(url):  # links are joined against it, and its words may name the service
        raise ExtractionError(f"malformed address: {url[:200]!r}")
    kind = kind_of(body, content_type, url)
    if kind == "image":
        from . import ocr

        return ocr.ocr_page(url, body, "image")
    if kind == "pdf":
        from . import ocr
        from .pdf_page import build_pdf, open_pdf

        reader = open_pdf(body)  # parsed once for both (raises what build_pdf raised for what cannot be opened)
        if ocr.pdf_needs_ocr(body, reader=reader) and ocr.ocr_available():  # a scan: no text layer, page images
            return ocr.ocr_page(url, body, "pdf")
        return build_pdf(url, body, content_type, reader=reader)
    if kind in _DOCUMENT_BUILDERS:
        module, builder = _DOCUMENT_BUILDERS[kind]
        return getattr(import_module(module, __name__), builder)(url, body)
    if kind == "html":
        from .html_page import build_html

        return build_html(url, body, content_type)
    from .text_page import build_text

    return build_text(url, body, content_type)


def extract_file(path, url: str | None = None) -> Extraction:
    """Build and extract a saved file (.html/.htm, .pdf, .txt, .docx, .xlsx, .odt). The URL defaults to
    file://PATH."""
    path = Path(path)
    try:
        body = path.read_bytes()
    except OSError as exc:
        raise ExtractionError(f"cannot read {path}: {exc}") from exc
    ctype = {"html": "text/html", "pdf": "application/pdf", "text": "text/plain", "image": "image/*"}.get(
        _EXTENSIONS.get(path.suffix.lower(), ""), None
    )
    return extract(build_page(url or path.resolve().as_uri(), body, ctype))
