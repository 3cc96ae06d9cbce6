"""What the report says, in Bahasa Indonesia (default) and English. Component names come from the component
registry (extractors.model.COMPONENT_SPECS), never from here."""

from __future__ import annotations

from extractors.model import COMPONENT_SPECS

LANGS = ("id", "en")

TEXT: dict[str, dict[str, str]] = {
    "id": {
        "title": "Laporan keterbukaan standar pelayanan",
        "subtitle": "Apa yang dipublikasikan situs web pemda dan OPD-nya tentang standar pelayanan "
                    "(UU 25/2009 Pasal 21).",
        "proxy": "Skor ini menilai apa yang dipublikasikan di situs web, bukan penilaian kepatuhan Ombudsman RI.",
        "score": "Skor", "zone": "Zona", "letter": "Kategori", "run": "Audit", "crawled": "Tanggal crawl",
        "status": "Status", "target": "Target",
        "status_finished": "selesai", "status_running": "sedang berjalan", "status_failed": "gagal",
        "status_interrupted": "terhenti", "status_partial": "sebagian", "status_unreachable": "tidak terjangkau",
        "ungraded": "TIDAK DINILAI",
        "ungraded_why": "Tidak ada halaman situs yang berhasil diambil: skor tidak mengatakan apa pun tentang isinya.",
        "legend": "Keterangan skala", "legend_zones": "Zona (Ombudsman RI, 2015–2021)",
        "legend_letters": "Kategori (Ombudsman RI, 2022–2024)",
        "legend_note": "Kedua skala ditampilkan berdampingan; batasnya berbeda sehingga tidak selalu sejalan.",
        "coverage": "Cakupan", "pages": "Halaman diambil", "pages_ok": "berhasil",
        "units_reached": "Situs OPD terjangkau", "units_unreachable": "Situs OPD tidak terjangkau",
        "errors": "Kesalahan", "none": "tidak ada",
        "units": "OPD dan layanan", "service": "Layanan", "services": "Layanan", "unit": "OPD / situs",
        "published": "dipublikasikan",
        "missing": "tidak ditemukan", "no_services": "Tidak ada standar layanan yang ditemukan di situs ini.",
        "unit_level": "Tingkat OPD", "evidence": "Bukti", "snippet": "Kutipan", "live": "halaman asli",
        "archived": "salinan arsip", "screenshot": "tangkapan layar", "finding": "temuan",
        "archived_in": "arsip WARC", "inherited": "dari saluran pengaduan OPD (berlaku untuk setiap layanan)",
        "confidence": "keyakinan",
        "learned": "dibaca model, bukan aturan",
        "more": "lainnya",
        "broken": "Tautan rusak ke dokumen dan halaman standar",
        "broken_none": "Tidak ada tautan rusak ke dokumen atau halaman standar.",
        "site_issues": "Masalah situs",
        "flags": "Temuan khusus", "flags_none": "Tidak ada temuan khusus.",
        "flags_intro": "Hal yang perlu ditindaklanjuti di luar skor: biaya yang dilarang undang-undang, nilai yang "
                       "saling bertentangan, keputusan standar yang sudah lama, komponen yang belum ada, tautan mati "
                       "ke standar, dan situs yang dibobol.",
        "severity": "Tingkat", "severity_high": "tinggi", "severity_medium": "sedang", "severity_low": "rendah",
        "how": "Cara skor dihitung",
        "how_service": "Layanan: setiap komponen yang dipublikasikan memberi poin (bobot dinormalkan ke 100).",
        "how_service_pengaduan": "Saluran pengaduan yang dipublikasikan untuk seluruh OPD dihitung untuk setiap "
                                 "layanannya.",
        "how_unit": "OPD: rata-rata skor layanan × {services} % + maklumat {maklumat} % "
                    "+ saluran pengaduan {pengaduan} %.",
        "how_pemda": "Pemda: rata-rata skor OPD yang dihitung ({rule}).",
        "rule_fetched": "OPD dengan minimal satu halaman berhasil diambil atau satu temuan",
        "rule_with_findings": "OPD dengan minimal satu temuan",
        "rule_with_services": "OPD yang mempublikasikan minimal satu standar layanan",
        "rule_all": "semua OPD yang di-crawl",
        "component": "Komponen", "weight": "Bobot", "points": "Poin", "services_mean": "Rata-rata layanan",
        "counted": "dihitung", "not_counted": "tidak dihitung", "share": "Sumbangan", "total": "Jumlah",
        "maklumat_unit": "Maklumat", "pengaduan_unit": "Saluran pengaduan",
        "yes": "ada", "no": "tidak ada",
        "generated": "Dibuat oleh pantau dari basis data", "lang_other": "English",
        "contents": "Isi",
    },
    "en": {
        "title": "Service-standard disclosure report",
        "subtitle": "What the pemda's websites and their OPD sites publish of their service standards "
                    "(UU 25/2009 Art. 21).",
        "proxy": "This score grades what is published on the websites; it is not Ombudsman RI's compliance assessment.",
        "score": "Score", "zone": "Zone", "letter": "Category", "run": "Audit", "crawled": "Crawl date",
        "status": "Status", "target": "Target",
        "status_finished": "finished", "status_running": "running", "status_failed": "failed",
        "status_interrupted": "interrupted", "status_partial": "partial", "status_unreachable": "unreachable",
        "ungraded": "NOT GRADED",
        "ungraded_why": "No page of the site could be fetched: a score would say nothing about what it publishes.",
        "legend": "Scales", "legend_zones": "Zones (Ombudsman RI, 2015–2021)",
        "legend_letters": "Categories (Ombudsman RI, 2022–2024)",
        "legend_note": "Both scales are shown side by side; their cut-offs differ, so they need not agree.",
        "coverage": "Coverage", "pages": "Pages fetched", "pages_ok": "successful",
        "units_reached": "OPD sites reached", "units_unreachable": "OPD sites unreachable",
        "errors": "Errors", "none": "none",
        "units": "OPDs and services", "service": "Service", "services": "Services", "unit": "OPD / site",
        "published": "published",
        "missing": "not found", "no_services": "No service standard was found on this site.",
        "unit_level": "OPD level", "evidence": "Evidence", "snippet": "Snippet", "live": "live page",
        "archived": "archived copy", "screenshot": "screenshot", "finding": "finding",
        "archived_in": "WARC archive", "inherited": "from the OPD's complaints channel (counts for every service)",
        "confidence": "confidence",
        "learned": "read by the model, not a rule",
        "more": "more",
        "broken": "Broken links to standard documents and pages",
        "broken_none": "No broken link to a standard document or page.",
        "site_issues": "Site issues",
        "flags": "Flags", "flags_none": "No flags.",
        "flags_intro": "What needs action beyond the score: fees the law forbids, values that contradict each "
                       "other, old standard decrees, missing components, dead links to standards and hijacked sites.",
        "severity": "Severity", "severity_high": "high", "severity_medium": "medium", "severity_low": "low",
        "how": "How the score was computed",
        "how_service": "Service: each published component earns points (weights normalised to 100).",
        "how_service_pengaduan": "A complaints channel published for the whole OPD counts for each of its services.",
        "how_unit": "OPD: mean service score × {services} % + maklumat {maklumat} % "
                    "+ complaints channel {pengaduan} %.",
        "how_pemda": "Pemda: mean of the counted OPD scores ({rule}).",
        "rule_fetched": "OPDs with at least one page fetched or one finding",
        "rule_with_findings": "OPDs with at least one finding",
        "rule_with_services": "OPDs that publish at least one service standard",
        "rule_all": "every OPD crawled",
        "component": "Component", "weight": "Weight", "points": "Points", "services_mean": "Services mean",
        "counted": "counted", "not_counted": "not counted", "share": "Share", "total": "Total",
        "maklumat_unit": "Maklumat", "pengaduan_unit": "Complaints channel",
        "yes": "yes", "no": "no",
        "generated": "Generated by pantau from database", "lang_other": "Bahasa Indonesia",
        "contents": "Contents",
    },
}
if set(TEXT["id"]) != set(TEXT["en"]):  # a key in one language only would render as an empty label
    raise RuntimeError(f"laporan labels differ: {sorted(set(TEXT['id']) ^ set(TEXT['en']))}")


def component_labels(lang: str) -> dict[str, str]:
    return {s.key: (s.label_id if lang == "id" else s.label_en) for s in COMPONENT_SPECS}
