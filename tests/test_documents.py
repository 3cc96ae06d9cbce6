"""Office documents pemda publish their standards in: .docx, .xlsx, .odt read with all their components,
legacy .doc/.xls recorded as `unsupported_format`, hostile zips and XML refused or defused — through
`pantau extract` and through a real crawl (real HTTP on 127.0.0.1, the real `pantau audit` CLI)."""

from __future__ import annotations

import io
import json
import time
import zipfile

import pytest

from extractors import ExtractionError, UnsupportedFormat, build_page, extract
from extractors import documents
from tests.fixtures.documents import make_documents as fixtures
from tests.helpers import CountingServer, rows, run_pantau

ALL = ("persyaratan", "prosedur", "waktu", "biaya", "produk", "pengaduan", "maklumat")
MAKERS = {"docx": fixtures.standard_docx, "xlsx": fixtures.standard_xlsx, "odt": fixtures.standard_odt}
OLE2 = documents.OLE2_MAGIC + bytes(504)  # the header block of a Word/Excel 97-2003 file


@pytest.fixture(scope="module")
def files(tmp_path_factory):
    folder = tmp_path_factory.mktemp("documents")
    out = {}
    for kind, make in MAKERS.items():
        out[kind] = folder / f"standar-pelayanan.{kind}"
        out[kind].write_bytes(make())
    return out


def _assert_complete(result: dict, source: str) -> None:
    assert result["source"] == source
    assert all(result["components"][c] for c in ALL), result["components"]
    services = {s["name"].lower(): s["components"] for s in result["services"]}
    for name in fixtures.SERVICES:
        got = services.get(name.lower())
        assert got is not None, f"service {name!r} not found in {sorted(services)}"
        assert all(got[c] for c in fixtures.EXPECTED_SERVICE_COMPONENTS), (name, got)


@pytest.mark.parametrize("kind", ["docx", "xlsx"])
def test_pantau_extract_reads_every_component(files, kind):
    result = run_pantau("extract", str(files[kind]), "--json", timeout=120)
    assert result.returncode == 0, result.stderr
    _assert_complete(json.loads(result.stdout), kind)


def test_odt_is_read_with_every_component(files):
    _assert_complete(extract(build_page(files["odt"].as_uri(), files["odt"].read_bytes())).to_dict(), "odt")


@pytest.mark.parametrize("kind", sorted(MAKERS))
def test_tables_are_kept_as_tables(kind):
    page = build_page(f"http://x.go.id/sp.{kind}", MAKERS[kind]())
    rows_ = [b for b in page.blocks if b.kind == "table_row"]
    assert rows_, "no table rows"
    komponen = [b for b in rows_ if len(b.cells) >= 3 and b.cells[1] == "Biaya/Tarif"]
    assert komponen and komponen[0].cells[2] in ("Tidak dipungut biaya (gratis)", "Gratis")
    # the multi-line Uraian cell keeps its lines: list items inside one cell
    steps = next(b for b in rows_ if len(b.cells) >= 3 and b.cells[1] == "Sistem, Mekanisme dan Prosedur")
    assert steps.cells[2].count("\n") >= 2
    assert len({b.table for b in rows_}) >= len(fixtures.SERVICES)  # one table per service


def test_docx_content_controls_and_nested_tables_are_read():
    """Word templates wrap sections in content controls (<w:sdt>), which python-docx's own iteration skips;
    a note set as a table inside a cell stays in the cell."""
    import docx
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls

    document = docx.Document(io.BytesIO(fixtures.standard_docx()))
    nested = document.tables[0].rows[2].cells[2].add_table(rows=1, cols=2)
    nested.rows[0].cells[0].text, nested.rows[0].cells[1].text = "Catatan", "Bawa dokumen asli"
    body = document.element.body
    control = parse_xml(f'<w:sdt {nsdecls("w")}><w:sdtContent/></w:sdt>')
    for child in [c for c in body.iterchildren() if not c.tag.endswith("sectPr")]:
        control[0].append(child)
    body.insert(0, control)
    out = io.BytesIO()
    document.save(out)
    page = build_page("http://x.go.id/sp.docx", out.getvalue())
    assert "Catatan | Bawa dokumen asli" in next(b for b in page.blocks if b.cells[1:2] == ("Persyaratan Pelayanan",)).cells[2]
    assert all(extract(page).components.values())


def test_a_docx_served_with_a_generic_type_is_still_a_docx():
    page = build_page("http://x.go.id/download?id=7", fixtures.standard_docx(), "application/octet-stream")
    assert page.source == "docx"


@pytest.mark.parametrize("name,ctype,what", [
    ("sp.doc", None, "Word 97-2003"), ("sp.xls", "application/vnd.ms-excel", "Excel 97-2003"),
    ("download", "application/msword", "Word 97-2003"),
])
def test_legacy_office_files_are_unsupported_format(name, ctype, what):
    with pytest.raises(UnsupportedFormat, match=what) as info:
        build_page(f"http://x.go.id/{name}", OLE2, ctype)
    assert info.value.kind == "unsupported_format"


def test_pantau_extract_names_a_legacy_file_and_fails(tmp_path):
    path = tmp_path / "standar-pelayanan.doc"
    path.write_bytes(OLE2)
    result = run_pantau("extract", str(path), timeout=60)
    assert result.returncode != 0
    assert "Word 97-2003" in result.stderr and "Traceback" not in result.stderr


def test_a_file_named_docx_that_is_no_zip_is_an_error_not_text(tmp_path):
    """Before: read as plain text, printing the bytes as the title with exit 0."""
    path = tmp_path / "sp.docx"
    path.write_bytes(bytes(range(256)) * 4)
    result = run_pantau("extract", str(path), timeout=60)
    assert result.returncode != 0 and "Traceback" not in result.stderr
    assert ".docx" in result.stderr


# -- hostile zips and XML ---------------------------------------------------------------------------------

def _rezip(body: bytes, replace: dict[str, bytes] | None = None, add: dict[str, bytes] | None = None) -> bytes:
    src = zipfile.ZipFile(io.BytesIO(body))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for info in src.infolist():
            z.writestr(info.filename, (replace or {}).get(info.filename, src.read(info.filename)))
        for name, data in (add or {}).items():
            z.writestr(name, data)
    return out.getvalue()


def test_a_zip_bomb_is_refused_before_parsing():
    bomb = _rezip(fixtures.standard_docx(), add={"word/media/padding.bin": bytes(80 * 1024 * 1024)})
    assert len(bomb) < 1024 * 1024  # 80 MB of zeros compress to ~80 KB
    started = time.monotonic()
    with pytest.raises(ExtractionError, match="zip bomb"):
        build_page("http://x.go.id/sp.docx", bomb)
    assert time.monotonic() - started < 10


@pytest.mark.parametrize("kind", sorted(MAKERS))
def test_a_corrupted_document_is_an_extraction_error(kind):
    body = bytearray(MAKERS[kind]())
    start = body.find(HOSTILE_PARTS[kind].encode()) + 40  # inside the compressed text part
    body[start:start + 60] = bytes(b ^ 0xFF for b in body[start:start + 60])
    with pytest.raises(ExtractionError):
        build_page(f"http://x.go.id/sp.{kind}", bytes(body))


def test_a_zip_of_too_many_members_is_refused():
    many = _rezip(fixtures.standard_xlsx(), add={f"xl/junk/{i}.xml": b"" for i in range(documents.MAX_MEMBERS + 1)})
    with pytest.raises(ExtractionError, match="members"):
        build_page("http://x.go.id/sp.xlsx", many)


LAUGHS = (b'<!DOCTYPE lolz [<!ENTITY lol "lol">' + b"".join(
    b'<!ENTITY lol%d "%s">' % (i, (b"&lol%d;" % (i - 1) if i > 1 else b"&lol;") * 10) for i in range(1, 10))
          + b'<!ENTITY xxe SYSTEM "file:///etc/passwd">]>')


def _with_doctype(xml: bytes, text_entity: bytes) -> bytes:
    """XML with LAUGHS as its DTD and TEXT_ENTITY placed as the first text run."""
    decl_end = xml.index(b"?>") + 2 if xml.startswith(b"<?xml") else 0
    return xml[:decl_end] + LAUGHS + xml[decl_end:].replace(b"STANDAR PELAYANAN", text_entity + b" STANDAR PELAYANAN", 1)


HOSTILE_PARTS = {"docx": "word/document.xml", "xlsx": "xl/worksheets/sheet1.xml", "odt": "content.xml"}


@pytest.mark.parametrize("kind", sorted(HOSTILE_PARTS))
@pytest.mark.parametrize("entity", [b"&lol9;", b"&xxe;"])
def test_xml_entities_are_not_expanded(kind, entity):
    """A billion-laughs DTD and an external entity (XXE) in the part that holds the text: neither is expanded
    (python-docx and odt_page: lxml resolve_entities=False; openpyxl: defusedxml refuses the file)."""
    body = MAKERS[kind]()
    part = HOSTILE_PARTS[kind]
    xml = _with_doctype(zipfile.ZipFile(io.BytesIO(body)).read(part), entity)
    assert entity + b" STANDAR PELAYANAN" in xml
    hostile = fixtures.odf_zip(xml) if kind == "odt" else _rezip(body, replace={part: xml})
    started = time.monotonic()
    try:
        page = build_page(f"http://x.go.id/sp.{kind}", hostile)
    except ExtractionError:
        pass  # refusing the file is as good as reading it without the entities
    else:
        assert "lollol" not in page.text and "root:" not in page.text
        assert len(page.text) < 20_000
    assert time.monotonic() - started < 20


def test_xlsx_rows_are_bounded():
    import openpyxl

    from extractors import xlsx_page

    book = openpyxl.Workbook(write_only=True)
    sheet = book.create_sheet("besar")
    for n in range(xlsx_page.MAX_ROWS + 500):
        sheet.append([n, "Persyaratan", "Fotokopi KTP"])
    out = io.BytesIO()
    book.save(out)
    page = build_page("http://x.go.id/besar.xlsx", out.getvalue())
    assert sum(b.kind == "table_row" for b in page.blocks) <= xlsx_page.MAX_ROWS


# -- a real crawl ---------------------------------------------------------------------------------------

HOST = "disdukcapil.lampungtimurkab.go.id"
SERVED = {  # path -> (content type, body)
    "/wp-content/uploads/2024/03/standar-pelayanan.docx": (
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document", fixtures.standard_docx),
    "/dokumen/standar-pelayanan.xlsx": ("application/octet-stream", fixtures.standard_xlsx),
    "/dokumen/standar-pelayanan.odt": ("application/vnd.oasis.opendocument.text", fixtures.standard_odt),
    "/dokumen/sp-lama.doc": ("application/msword", lambda: OLE2),
    "/dokumen/sp-lama.xls": ("application/vnd.ms-excel", lambda: OLE2),
}
INDEX = ("<html><head><title>Disdukcapil</title></head><body><h1>Dokumen Standar Pelayanan</h1><ul>"
         + "".join(f'<li><a href="{p}">{p.rsplit("/", 1)[-1]}</a></li>' for p in SERVED) + "</ul></body></html>")


BODIES: dict[str, bytes] = {}  # made once, on first request


def _answer(host: str, path: str) -> tuple[int, str, bytes]:
    path = path.split("?", 1)[0]
    if path == "/":
        return 200, "text/html; charset=utf-8", INDEX.encode()
    if path not in SERVED:
        return 404, "text/plain", b"not found"
    ctype, make = SERVED[path]
    if path not in BODIES:
        BODIES[path] = make()
    return 200, ctype, BODIES[path]


@pytest.fixture(scope="module")
def crawl(tmp_path_factory):
    db = tmp_path_factory.mktemp("crawl") / "pantau.db"
    with CountingServer(answer=_answer) as site:
        port = site.port
        result = run_pantau("audit", f"http://{HOST}/", "--db", str(db), "--delay", "0", "--max-pages", "20",
                            "--json", "--resolve", f"{HOST}=127.0.0.1:{port}", timeout=180)
    assert result.returncode == 0, result.stderr[-3000:]
    return db


def _url(path: str) -> str:
    return f"http://{HOST}{path}"


@pytest.mark.parametrize("path,source", [(p, p.rsplit(".", 1)[-1]) for p in SERVED if not p.endswith((".doc", ".xls"))])
def test_crawl_follows_documents_and_finds_every_component(crawl, path, source):
    pages = rows(crawl, "pages", "url = ?", [_url(path)])
    assert pages and pages[0]["source"] == source
    findings = rows(crawl, "findings", "url = ?", [_url(path)])
    assert {f["component"] for f in findings} == set(ALL)
    for name in fixtures.SERVICES:
        got = {f["component"] for f in findings if (f["service"] or "").lower() == name.lower()}
        assert set(fixtures.EXPECTED_SERVICE_COMPONENTS) <= got, (name, got)


@pytest.mark.parametrize("path", [p for p in SERVED if p.endswith((".doc", ".xls"))])
def test_crawl_records_legacy_documents_as_unsupported_format(crawl, path):
    assert rows(crawl, "pages", "url = ?", [_url(path)]), "legacy document not fetched"
    errors = rows(crawl, "errors", "url = ?", [_url(path)])
    assert [e["kind"] for e in errors] == ["unsupported_format"], errors
    assert "97-2003" in errors[0]["message"]
