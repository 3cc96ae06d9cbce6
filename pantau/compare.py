"""`pantau compare SERVICE`: one catalogue service across every pemda's latest run — whether its standard is
published, its fee, its completion time, its complaints channels and the evidence — with the national
distribution (median, spread, outliers) and the flags of those pemda for that service.

Reads the `perbandingan_layanan` and `latest_flags` views (pantau/storage.py); never writes.

Distribution: one value per pemda — the highest fee and the longest time it publishes for the service (what
a citizen may meet). Spread: the quartiles Q1–Q3 and min–max. Outliers (at least `compare.min_pemda` values):
a fee > 0 where the median fee is 0; else a fee or a time above Q3 + k·IQR (k = `compare.iqr_factor`), or,
when the IQR is 0, above the median.
"""

from __future__ import annotations

import difflib
import statistics
from dataclasses import dataclass

from extractors.model import SERVICE_COMPONENTS
from pantau.storage import loads_or
from scoring.flags import format_days, format_fee, load_flags_config, severity_rank

MAX_PEMDA = 2000  # rows read per comparison (every kabupaten, kota and provinsi fits)
MAX_FLAGS = 200


class CompareError(Exception):
    """The comparison cannot be made: an unknown service, or a database without the comparison views."""


@dataclass
class Comparison:
    entry: dict  # {id, name, sector, synonyms}
    province: str | None
    rows: list[dict]  # one per pemda with a latest run
    distribution: dict
    flags: list[dict]

    def to_dict(self) -> dict:
        return {"service": self.entry, "province": self.province, "pemda": self.rows,
                "distribution": self.distribution, "flags": self.flags}


ERRORS = {
    "id": {"unknown": "layanan tidak dikenal: {query!r}{hint} (daftar layanan: config/layanan.yaml)",
           "hint": "; mungkin: {ids}",
           "old": "basis data ini dibuat pantau versi lama (tanpa tampilan perbandingan): jalankan audit atau "
                  "nightly dengan versi ini untuk memperbaruinya"},
    "en": {"unknown": "unknown service: {query!r}{hint} (the services: config/layanan.yaml)",
           "hint": "; did you mean: {ids}",
           "old": "this database was written by an older pantau (no comparison views): an audit or a nightly "
                  "run with this version updates it"},
}


def resolve_service(query: str, lang: str = "id"):
    """The catalogue entry QUERY names; CompareError listing the closest ids when it names none."""
    from scoring.catalogue import find, load_catalogue

    found = find(query)
    if found is not None:
        return found
    names = {}
    for e in load_catalogue():
        for label in (e.id, e.name, *e.synonyms):
            names.setdefault(label.casefold(), e.id)
    close = difflib.get_close_matches(query.casefold(), list(names), n=8, cutoff=0.5)
    ids = list(dict.fromkeys(names[c] for c in close))[:5]
    hint = ERRORS[lang]["hint"].format(ids=", ".join(ids)) if ids else ""
    shown = query if len(query) <= 80 else query[:79] + "…"  # the error repeats what was typed, not a page of it
    raise CompareError(ERRORS[lang]["unknown"].format(query=shown, hint=hint))


def _quartiles(values: list[float]) -> tuple[float, float, float]:
    if len(values) == 1:
        return values[0], values[0], values[0]
    q1, q2, q3 = statistics.quantiles(values, n=4, method="inclusive")
    return q1, q2, q3


def distribution(values: dict[str, float], zero_median_rule: bool, cfg: dict) -> dict:
    """{count, median, q1, q3, min, max, outliers: [pemda_id]} of one value per pemda (None values left out)."""
    known = {k: v for k, v in values.items() if v is not None}
    if not known:
        return {"count": 0, "median": None, "q1": None, "q3": None, "min": None, "max": None, "outliers": []}
    ordered = sorted(known.values())
    q1, median, q3 = _quartiles(ordered)
    outliers = []
    if len(known) >= int(cfg.get("min_pemda", 3)):
        iqr = q3 - q1
        if zero_median_rule and median == 0:
            outliers = [k for k, v in known.items() if v > 0]
        elif iqr > 0:
            outliers = [k for k, v in known.items() if v > q3 + float(cfg.get("iqr_factor", 1.5)) * iqr]
        else:
            outliers = [k for k, v in known.items() if v > median]
    return {"count": len(known), "median": median, "q1": q1, "q3": q3, "min": ordered[0], "max": ordered[-1],
            "outliers": sorted(outliers)}


def compare(db, query: str, province: str | None = None, lang: str = "id") -> Comparison:
    """DB: a sqlite-utils Database (a read-only Store's .db); LANG: the language of errors."""
    entry = resolve_service(query, lang)
    if not all(db[view].exists() for view in ("perbandingan_layanan", "latest_flags")):
        raise CompareError(ERRORS[lang]["old"])
    where, params = "", []
    if province:
        where, params = " where lower(p.province) = lower(?)", [province]
    runs = list(db.query(
        "select l.pemda_id, l.run_id, p.name as pemda_name, p.province from latest_runs l "
        f"left join pemda p on p.id = l.pemda_id{where} order by coalesce(p.province, ''), l.pemda_id "
        f"limit {MAX_PEMDA}", params))
    found = {r["pemda_id"]: r for r in db.query(
        "select * from perbandingan_layanan where catalogue_id = ?", [entry.id])}
    rows = []
    for run in runs:
        hit = found.get(run["pemda_id"])
        components = [c for c in loads_or(hit and hit["components"], []) if c in SERVICE_COMPONENTS]
        rows.append({
            "pemda_id": run["pemda_id"], "pemda_name": run["pemda_name"], "province": run["province"],
            "run_id": run["run_id"], "published": bool(components),
            "components": [c for c in SERVICE_COMPONENTS if c in components],
            "services": loads_or(hit and hit["services"], []), "units": loads_or(hit and hit["units"], []),
            "fee_min": hit and hit["fee_min"], "fee_max": hit and hit["fee_max"],
            "days_min": hit and hit["days_min"], "days_max": hit and hit["days_max"],
            "channels": sorted(c for c in loads_or(hit and hit["channels"], []) if c),
            "evidence": loads_or(hit and hit["evidence"], []),
        })
    cfg = load_flags_config().get("compare") or {}
    dist = {
        "pemda": len(rows), "published": sum(r["published"] for r in rows),
        "fee": distribution({r["pemda_id"]: r["fee_max"] for r in rows}, True, cfg),
        "days": distribution({r["pemda_id"]: r["days_max"] for r in rows}, False, cfg),
    }
    ids = [r["pemda_id"] for r in rows]
    flags = []
    if ids:
        marks = ",".join("?" * len(ids))
        flags = list(db.query(
            f"select pemda_id, pemda_name, unit, service, catalogue_id, kind, severity, message_id, message_en, "
            f"evidence from latest_flags where pemda_id in ({marks}) and (catalogue_id = ? or kind = 'site_integrity') "
            f"limit {MAX_FLAGS}", [*ids, entry.id]))
    for f in flags:
        f["evidence"] = loads_or(f["evidence"], [])
    flags.sort(key=lambda f: (severity_rank(f["severity"]), f["pemda_id"], f["kind"], f["unit"] or ""))
    return Comparison({"id": entry.id, "name": entry.name, "sector": entry.sector, "synonyms": list(entry.synonyms)},
                      province, rows, dist, flags)


# -- rendering -----------------------------------------------------------------------------------------

TEXT = {
    "id": {"title": "Perbandingan layanan: {name} ({id})", "province": "provinsi {province}",
           "pemda": "Pemda", "published": "Terbit", "time": "Waktu", "channels": "Saluran",
           "evidence": "Bukti", "no": "tidak", "none": "Belum ada audit selesai di basis data ini.",
           "none_province": "Tidak ada pemda provinsi {province} dengan audit selesai di basis data ini.",
           "count": "{published} dari {pemda} pemda menerbitkan standar layanan ini.",
           "fee_line": "Biaya ({count} pemda): median {median}, kuartil {q1}–{q3}, rentang {min}–{max}",
           "days_line": "Waktu ({count} pemda): median {median}, kuartil {q1}–{q3}, rentang {min}–{max}",
           "outliers": "  pencilan: {names}", "flags": "Temuan khusus", "no_flags": "Tidak ada temuan khusus.",
           "sources": "Bukti:", "legend": "Terbit: komponen standar yang ditemukan dari 6 (persyaratan, prosedur, "
           "waktu, biaya, produk, pengaduan). Biaya dan waktu: nilai terendah–tertinggi yang diterbitkan. "
           "Pencilan: biaya > 0 bila median gratis, atau di atas Q3 + 1,5·IQR.",
           "one_value": "{what} (1 pemda): {value}", "fee": "Biaya", "days": "Waktu"},
    "en": {"title": "Service comparison: {name} ({id})", "province": "province {province}",
           "pemda": "Pemda", "published": "Publ.", "time": "Time", "channels": "Channels",
           "evidence": "Evid.", "no": "no", "none": "No finished audit in this database yet.",
           "none_province": "No pemda of province {province} has a finished audit in this database.",
           "count": "{published} of {pemda} pemda publish a standard for this service.",
           "fee_line": "Fee ({count} pemda): median {median}, quartiles {q1}–{q3}, range {min}–{max}",
           "days_line": "Time ({count} pemda): median {median}, quartiles {q1}–{q3}, range {min}–{max}",
           "outliers": "  outliers: {names}", "flags": "Flags", "no_flags": "No flags.",
           "sources": "Evidence:", "legend": "Publ.: standard components found, of 6 (requirements, procedure, "
           "time, fee, product, complaints). Fee and time: the lowest–highest values published. Outliers: a fee "
           "> 0 where the median is free, or above Q3 + 1.5·IQR.",
           "one_value": "{what} (1 pemda): {value}", "fee": "Fee", "days": "Time"},
}


# what users read for the channel kinds extractors/components/pengaduan.py stores (unknown kinds print as stored)
CHANNEL_NAMES = {
    "id": {"lapor": "SP4N-LAPOR!", "whatsapp": "WhatsApp", "phone": "telepon", "sms": "SMS", "email": "surel",
           "web_form": "formulir daring", "kotak_saran": "kotak saran", "desk": "loket pengaduan",
           "social_media": "media sosial"},
    "en": {"lapor": "SP4N-LAPOR!", "whatsapp": "WhatsApp", "phone": "phone", "sms": "SMS", "email": "e-mail",
           "web_form": "online form", "kotak_saran": "suggestion box", "desk": "complaints desk",
           "social_media": "social media"},
}


def channel_names(kinds: list[str], lang: str) -> str:
    names = CHANNEL_NAMES.get(lang, CHANNEL_NAMES["id"])
    return ", ".join(names.get(k, k) for k in kinds)


def _span(low, high, fmt, lang: str) -> str:
    if low is None and high is None:
        return "-"
    if low == high or low is None or high is None:
        return fmt(high if high is not None else low, lang)
    return f"{fmt(low, lang)}–{fmt(high, lang)}"


def render(comparison: Comparison, console=None, lang: str = "id") -> None:
    from rich.text import Text

    from pantau.report import flag_line, narrow_console, simple_table

    console = console or narrow_console()
    t = TEXT[lang]
    title = t["title"].format(name=comparison.entry["name"], id=comparison.entry["id"])
    if comparison.province:
        title += ", " + t["province"].format(province=comparison.province)
    console.print(Text(title, style="bold"))
    rows, dist = comparison.rows, comparison.distribution
    if not rows:
        console.print(t["none_province"].format(province=comparison.province) if comparison.province else t["none"])
        return
    table = simple_table()
    table.add_column(t["pemda"], overflow="fold", ratio=3)
    table.add_column(t["published"], no_wrap=True)
    table.add_column(t["fee"], overflow="fold", ratio=2)
    table.add_column(t["time"], overflow="fold", ratio=2)
    table.add_column(t["channels"], overflow="fold", ratio=2)
    table.add_column(t["evidence"], no_wrap=True)
    sources: list[str] = []
    outliers = set(dist["fee"]["outliers"]) | set(dist["days"]["outliers"])
    for r in rows:
        ref = ""
        if r["evidence"]:
            sources.append(r["evidence"][0])
            ref = f"[{len(sources)}]"
        name = Text(r["pemda_name"] or r["pemda_id"], style="bold red" if r["pemda_id"] in outliers else "")
        table.add_row(
            name, f"{len(r['components'])}/{len(SERVICE_COMPONENTS)}" if r["published"] else t["no"],
            _span(r["fee_min"], r["fee_max"], format_fee, lang), _span(r["days_min"], r["days_max"], format_days, lang),
            Text(channel_names(r["channels"], lang) or "-"), Text(ref))
    console.print(table)
    console.print(t["count"].format(published=dist["published"], pemda=dist["pemda"]))
    names = {r["pemda_id"]: r["pemda_name"] or r["pemda_id"] for r in rows}
    for key, fmt in (("fee", format_fee), ("days", format_days)):
        d = dist[key]
        if d["count"] == 1:
            console.print(t["one_value"].format(what=t[key], value=fmt(d["median"], lang)))
        elif d["count"]:
            console.print(t[f"{key}_line"].format(count=d["count"], **{
                k: fmt(d[k], lang) for k in ("median", "q1", "q3", "min", "max")}))
            if d["outliers"]:
                console.print(Text(t["outliers"].format(names=", ".join(names[p] for p in d["outliers"])),
                                   style="red"))
    console.print(Text(t["flags"], style="bold"))
    if not comparison.flags:
        console.print(t["no_flags"])
    for f in comparison.flags:
        console.print(flag_line(f, lang, who=f["pemda_name"] or f["pemda_id"]))
    if sources:
        console.print(Text(t["sources"], style="bold"))
        for i, url in enumerate(sources, 1):
            console.print(Text(f"[{i}] {url}", overflow="fold"))
    console.print(Text(t["legend"]), style="dim")
