"""Hand-made extractions and small databases built from them (no crawler, no extractor)."""

from __future__ import annotations

import hashlib
import sqlite3

from crawler.records import Document, PageRecord
from extractors.model import SERVICE_COMPONENTS, Extraction, Finding, Service
from pantau.storage import Store

VALUES = {
    "persyaratan": {"items": ["Fotokopi KTP", "KK asli"]},
    "prosedur": {"steps": ["Pemohon datang ke loket", "Petugas memverifikasi berkas"]},
    "waktu": {"amount": 1, "unit": "working_days", "text": "1 hari kerja"},
    "biaya": {"amount": 0, "free": True, "regulation": None, "text": "Gratis"},
    "produk": {"name": "Akta Kelahiran"},
    "pengaduan": {"channels": [{"type": "lapor", "value": "lapor.go.id"}]},
    "maklumat": {"text": "Dengan ini kami menyatakan sanggup menyelenggarakan pelayanan sesuai standar"},
}


def finding(component: str, service: str | None, url: str, snippet: str | None = None) -> Finding:
    return Finding(component=component, service=service, value=VALUES[component],
                   snippet=snippet or f"{component} untuk {service or 'unit'}", url=url, locator="table 1 row 2",
                   confidence=0.9, source="html")


def extraction(url: str, services: dict[str, list[str]] | None = None, unit: list[str] | None = None,
               snippets: dict[str, str] | None = None) -> Extraction:
    """services: name -> published components; unit: unit-level components (maklumat, pengaduan)."""
    snippets = snippets or {}
    return Extraction(
        url=url, title="Standar Pelayanan", source="html",
        services=[Service(name, [finding(c, name, url, snippets.get(c)) for c in comps])
                  for name, comps in (services or {}).items()],
        unit_findings=[finding(c, None, url, snippets.get(c)) for c in unit or ()],
    )


def record(store: Store, run_id: int, url: str, unit: str, ext: Extraction | None, status: int = 200,
           text: str = "Standar pelayanan", source: str = "html") -> int:
    page = PageRecord(url=url, unit=unit, status=status, content_type="text/html",
                      body_hash=hashlib.sha256(url.encode()).hexdigest(), size=len(text), depth=1, fetched_at="")
    doc = None if source == "binary" else Document(  # "binary": nothing could be extracted
        title="Standar Pelayanan", text=text, source=source, extraction=ext or Extraction(url, "Standar Pelayanan", source))
    return store.record_page(run_id, page, doc)


ALL = list(SERVICE_COMPONENTS)


def audit_good(store: Store, domain: str = "baikkab.go.id") -> int:
    """A pemda whose dukcapil publishes everything: scores 100."""
    store.upsert_pemda(domain, name="Kabupaten Baik", level="kabupaten", province="Lampung")
    run = store.start_run(domain, domain, {"max_pages": 10})
    host = f"dukcapil.{domain}"
    record(store, run, f"https://{host}/layanan", host,
           extraction(f"https://{host}/layanan", {"Akta Kelahiran": ALL}, ["maklumat", "pengaduan"]))
    store.finish_run(run)
    store.score_run(run)
    return run


def audit_middling(store: Store, domain: str = "sedangkab.go.id") -> int:
    """A pemda with one partial service and a silent portal."""
    store.upsert_pemda(domain, name="Kabupaten Sedang", level="kabupaten", province="Lampung")
    run = store.start_run(domain, domain, {"max_pages": 10})
    host = f"dinsos.{domain}"
    record(store, run, f"https://{host}/sp", host,
           extraction(f"https://{host}/sp", {"Rekomendasi PBI": ["persyaratan", "prosedur", "waktu"]}, ["maklumat"]))
    record(store, run, f"https://{domain}/", domain, extraction(f"https://{domain}/"))
    store.finish_run(run)
    store.score_run(run)
    return run


def older_pantau(path) -> None:
    """Make PATH a database as a pantau from before findings.method left it (no column, no view naming it)."""
    conn = sqlite3.connect(path)
    for (view,) in conn.execute("select name from sqlite_master where type = 'view'").fetchall():
        conn.execute(f"drop view [{view}]")
    conn.execute("alter table findings drop column method")
    conn.commit()
    conn.close()

