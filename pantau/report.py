"""Renders summaries for people: the audit table, and one page's extraction. Plain rich tables, no logic."""

from __future__ import annotations

from rich import box
from rich.console import Console
from rich.padding import Padding
from rich.table import Table
from rich.text import Text

from extractors.model import COMPONENT_SPECS, COMPONENTS, SERVICE_COMPONENTS

ZONE_STYLE = {"hijau": "bold green", "kuning": "bold yellow", "merah": "bold red"}


LANGS = ("id", "en")
# What the terminal says, Bahasa Indonesia first (pantau's users), English with --lang en.
TEXT: dict[str, dict[str, str]] = {
    "id": {
        "unit_service": "OPD / layanan", "score": "Skor", "zone": "Zona (kat.)", "portal": "portal",
        "run": "audit {run_id}", "pages": "{n} halaman", "findings": "{n} temuan", "errors": "{n} kesalahan",
        "pemda_score": "Skor pemda: ", "pemda_zone": "  zona ", "letter": "  kategori ",
        "not_graded": "Tidak dinilai: audit terhenti sebelum selesai.",
        "unreachable": "Tidak dinilai: situs tidak terjangkau ({cause}), tidak ada halaman yang bisa diambil.",
        "partial": "Situs berhenti menjawab di tengah audit ({cause}): skor hanya atas halaman yang terambil.",
        "components": "Komponen", "unit_rows": "Baris OPD: saluran pengaduan dan maklumat untuk seluruh OPD.",
        "zones": "Zona (zonasi Ombudsman RI 2015–2021)", "letters": "Kategori (Ombudsman RI 2022–2024)",
        "two_scales": "\"{example}\" = zona {zone} pada skala zonasi, kategori {letter} pada skala A–E: "
                      "dua skala dengan batas berbeda, ditampilkan berdampingan.",
        "site_issue": "masalah situs ", "night": "pantau {batch_id}", "pemda": "pemda", "status": "status",
        "carried": "tetap", "resumed": "dilanjutkan",
        "flags": "Temuan khusus ({n})", "more_flags": "… dan {n} lagi (tabel flags di Datasette, atau --json)",
    },
    "en": {
        "unit_service": "OPD / service", "score": "Score", "zone": "Zone (cat.)", "portal": "portal",
        "run": "run {run_id}", "pages": "{n} pages", "findings": "{n} findings", "errors": "{n} errors",
        "pemda_score": "Pemda score: ", "pemda_zone": "  zone ", "letter": "  category ",
        "not_graded": "Not graded: the audit was interrupted before it finished.",
        "unreachable": "Not graded: the site could not be reached ({cause}); no page was fetched.",
        "partial": "The site stopped answering part-way ({cause}): the score covers only the pages fetched.",
        "components": "Components", "unit_rows": "OPD rows: the complaints channel and maklumat of the whole OPD.",
        "zones": "Zone (Ombudsman RI zonasi 2015–2021)", "letters": "Category (Ombudsman RI 2022–2024)",
        "two_scales": "\"{example}\" = zone {zone} on the zonasi scale, category {letter} on the A–E scale: "
                      "two scales with different cut-offs, shown side by side.",
        "site_issue": "site issue ", "night": "pantau {batch_id}", "pemda": "pemda", "status": "status",
        "carried": "unchanged", "resumed": "resumed",
        "flags": "Flags ({n})", "more_flags": "… and {n} more (the flags table in Datasette, or --json)",
    },
}
STATUS = {
    "id": {"running": "sedang berjalan", "finished": "selesai", "partial": "sebagian", "failed": "gagal",
           "unreachable": "tidak terjangkau", "interrupted": "terhenti"},
    "en": {"running": "running", "finished": "finished", "partial": "partial", "failed": "failed",
           "unreachable": "unreachable", "interrupted": "interrupted"},
}
CAUSE = {  # pantau/outcome.py's causes
    "id": {"dns": "nama domain tidak ditemukan", "forbidden": "alamat terlarang", "refused": "koneksi ditolak",
           "tls": "TLS/sertifikat gagal", "timeout": "waktu habis", "connection": "koneksi terputus",
           "http": "server menjawab galat HTTP", "robots": "dilarang robots.txt", "redirect": "pengalihan gagal",
           "offsite": "dialihkan ke luar situs", "other": "sebab lain"},
    "en": {"dns": "domain name not found", "forbidden": "forbidden address", "refused": "connection refused",
           "tls": "TLS/certificate failure", "timeout": "timed out", "connection": "connection lost",
           "http": "server answered HTTP errors", "robots": "forbidden by robots.txt", "redirect": "redirect failed",
           "offsite": "redirected off the site", "other": "other cause"},
}
# Three-letter column heads; the legend under the table spells them out (the table must fit 80 columns).
ABBREV = {
    "id": {"persyaratan": "Syr", "prosedur": "Prs", "waktu": "Wkt", "biaya": "Bya", "produk": "Prd",
           "pengaduan": "Adu", "maklumat": "Mkl"},
    "en": {"persyaratan": "Req", "prosedur": "Prc", "waktu": "Tim", "biaya": "Fee", "produk": "Prd",
           "pengaduan": "Cmp", "maklumat": "Plg"},
}
GRADED = ("finished", "partial")  # an interrupted or running run is not graded, an unreachable one never
WIDTH = 80


def _mark(value: bool) -> Text:
    return Text("✓", style="green") if value else Text("·", style="dim")


def _zone(zone: str | None, letter: str | None = None) -> Text:
    label = (zone or "-").upper() + (f" ({letter})" if letter else "")
    return Text(label, style=ZONE_STYLE.get(zone or "", ""))


def _units(summary: dict) -> list[dict]:
    units = summary.get("units") or []
    if isinstance(units, dict):  # {host: {...}} -> [{unit: host, ...}]
        units = [{"unit": host, **data} for host, data in units.items()]
    return units


def _services(unit: dict) -> list[dict]:
    services = unit.get("services") or []
    if isinstance(services, dict):
        services = [{"name": name, **data} for name, data in services.items()]
    return services


def _console() -> Console:
    # At most 80 columns, also in logs and pipes: a narrower terminal wraps names, never drops a column.
    console = Console()
    return console if console.is_terminal and console.width <= WIDTH else Console(width=WIDTH)


narrow_console = _console  # for other renderers (pantau compare)


def simple_table(**options) -> Table:
    """The table style of every pantau report: a header rule, no outer edge, one space between columns."""
    return Table(box=box.SIMPLE_HEAD, header_style="bold", padding=(0, 1, 0, 0), show_edge=False, **options)


def status_label(status: str | None, cause: str | None, lang: str = "id") -> str:
    label = STATUS[lang].get(status or "", status or "-")
    return f"{label} ({cause})" if cause else label


def cause_label(cause: str | None, lang: str = "id") -> str:
    return f"{cause}: {CAUSE[lang].get(cause, cause)}" if cause else CAUSE[lang]["other"]


def _unit_label(unit: str, pemda_id: str | None, lang: str) -> str:
    """An OPD host without the pemda's domain, which the heading already names (keeps the column narrow)."""
    if pemda_id and unit == pemda_id:
        return f"{unit} ({TEXT[lang]['portal']})"
    if pemda_id and unit.endswith("." + pemda_id):
        return unit[: -len(pemda_id) - 1] + ".…"
    return unit


def _components_legend(lang: str) -> Text:
    parts = [f"{ABBREV[lang][s.key]} {s.label_id if lang == 'id' else s.label_en}" for s in COMPONENT_SPECS]
    return Text(f"{TEXT[lang]['components']}: " + " · ".join(parts))


def scales_legend(lang: str = "id", config=None) -> list[str]:
    """The two grading scales, with their cut-offs from the scoring config."""
    from scoring import load_config

    config = config or load_config()

    def bands(items, upper) -> str:
        out = []
        for i, band in enumerate(items):
            name = band.name.upper() if upper else band.name
            out.append(f"{name} ≥ {band.min:g}" if i < len(items) - 1 else f"{name} < {items[i - 1].min:g}")
        return " · ".join(out)

    lines = [f"{TEXT[lang]['zones']}: {bands(config.zones, True)}"]
    if config.letters_enabled and config.letters:
        lines.append(f"{TEXT[lang]['letters']}: {bands(config.letters, False)}")
        zone, letter = config.zones[len(config.zones) // 2].name.upper(), config.letters[len(config.letters) // 2].name
        lines.append(TEXT[lang]["two_scales"].format(example=f"{zone} ({letter})", zone=zone, letter=letter))
    return lines


def render_summary(summary: dict, console: Console | None = None, lang: str = "id") -> None:
    """One run as a table that fits 80 columns: one row per OPD, one per service, the legend below."""
    console = console or _console()
    t = TEXT[lang]
    status, pemda_id = summary.get("status"), summary.get("pemda_id")
    graded = status in GRADED
    name = summary.get("pemda_name") or pemda_id
    console.print(Text.assemble((str(name), "bold"), f" ({pemda_id})"))
    console.print(", ".join([
        t["run"].format(run_id=summary.get("run_id")), status_label(status, summary.get("cause"), lang),
        t["pages"].format(n=summary.get("pages_count", 0)), t["findings"].format(n=summary.get("findings_count", 0)),
        t["errors"].format(n=summary.get("errors_count", 0))]))
    if status == "unreachable":
        console.print(Text(t["unreachable"].format(cause=cause_label(summary.get("cause"), lang)), style="bold red"))
        return
    table = Table(box=box.SIMPLE_HEAD, header_style="bold", padding=(0, 1, 0, 0), show_edge=False)
    table.add_column(t["unit_service"], overflow="fold")
    for component in COMPONENTS:
        table.add_column(ABBREV[lang][component], justify="center", no_wrap=True, width=3)
    if graded:
        table.add_column(t["score"], justify="right", no_wrap=True, width=6)
        table.add_column(t["zone"], no_wrap=True, min_width=10)
    for unit in _units(summary):
        grade = [f"{unit.get('score', 0):.2f}", _zone(unit.get("zone"), unit.get("letter"))] if graded else []
        table.add_row(
            Text(_unit_label(unit["unit"], pemda_id, lang), style="bold"),
            *[Text("")] * (len(SERVICE_COMPONENTS) - 1),
            _mark(bool(unit.get("pengaduan"))), _mark(bool(unit.get("maklumat"))), *grade)
        for service in _services(unit):
            comps = service.get("components") or {}
            table.add_row(
                Padding(Text(service["name"]), (0, 0, 0, 2)),  # Text: page content is never read as rich markup
                *[_mark(bool(comps.get(c))) for c in SERVICE_COMPONENTS], "",
                *([f"{service.get('score', 0):.2f}", ""] if graded else []))
    console.print(table)
    if graded:
        console.print(Text.assemble(
            t["pemda_score"], (f"{summary.get('score') or 0:.2f}", "bold"), t["pemda_zone"],
            _zone(summary.get("zone"), summary.get("letter"))))
        if status == "partial":
            console.print(Text(t["partial"].format(cause=cause_label(summary.get("cause"), lang)), style="yellow"))
    else:
        console.print(Text(t["not_graded"], style="yellow"))
    console.print(_components_legend(lang), style="dim")
    console.print(Text(t["unit_rows"]), style="dim")
    if graded:
        for line in scales_legend(lang):
            console.print(Text(line), style="dim")
    for issue in summary.get("site_issues") or ():
        console.print(Text.assemble((t["site_issue"], "yellow"), f"{issue['unit']}: {issue['kind']} — {issue['detail']}"))
    render_flags(summary.get("flags") or [], console, lang)


SEVERITY = {"id": {"high": "tinggi", "medium": "sedang", "low": "rendah"},
            "en": {"high": "high", "medium": "medium", "low": "low"}}
MAX_FLAGS_SHOWN = 25  # the terminal shows the most serious; Datasette and --json hold them all


def flag_line(flag: dict, lang: str = "id", who: str = "") -> Text:
    """• [tinggi] WHO: the flag's sentence."""
    severity = SEVERITY[lang].get(flag["severity"], flag["severity"])
    return Text.assemble("• ", (f"[{severity}] ", "bold red" if flag["severity"] == "high" else "yellow"),
                         (f"{who}: " if who else "", "bold"), flag["message_en"] if lang == "en" else flag["message_id"])


def render_flags(flags: list[dict], console: Console, lang: str = "id") -> None:
    """The run's flags (scoring/flags.py), most serious first: severity, then the sentence."""
    if not flags:
        return
    t = TEXT[lang]
    console.print(Text(t["flags"].format(n=len(flags)), style="bold"))
    for flag in flags[:MAX_FLAGS_SHOWN]:
        console.print(flag_line(flag, lang))
    if len(flags) > MAX_FLAGS_SHOWN:
        console.print(Text(t["more_flags"].format(n=len(flags) - MAX_FLAGS_SHOWN), style="dim"))


def render_extraction(result, console: Console | None = None) -> None:
    console = console or _console()
    data = result.to_dict()
    console.print(Text.assemble((data["title"] or data["url"], "bold"), f" ({data['source']})"))
    published = [c for c in COMPONENTS if data["components"][c]]
    console.print("Published: " + (", ".join(published) if published else "nothing"))
    if result.spam:  # injected gambling spam (extractors/spam.py): what it is and the words that gave it away
        from extractors.spam import describe

        console.print(Text.assemble((f"{result.spam.kind}: ", "yellow"), describe(result.spam)))
    table = Table(header_style="bold")
    for column in ("component", "service", "value", "snippet"):
        table.add_column(column, overflow="fold")
    for f in data["findings"]:
        table.add_row(f["component"], Text(f["service"] or "(unit)"), Text(_short(f["value"])),
                      Text(_short(f["snippet"], 80)))
    if data["findings"]:
        console.print(table)


def _short(value, limit: int = 60) -> str:
    text = value if isinstance(value, str) else str(value)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def render_batch(batch_id: str, runs: list[dict], console: Console | None = None, lang: str = "id") -> None:
    """One row per pemda of a nightly run, its status stacked under its name (80 columns); unreachable pemda
    get no score."""
    console = console or _console()
    t = TEXT[lang]
    table = Table(title=t["night"].format(batch_id=batch_id), header_style="bold", box=box.SIMPLE_HEAD,
                  padding=(0, 1, 0, 0), show_edge=False)
    table.add_column(f"{t['pemda']} / {t['status']}", overflow="fold")
    for column in ("pages", "findings", "carried", "errors"):
        table.add_column(t[column].replace("{n} ", ""), justify="right", no_wrap=True)
    table.add_column(t["score"], justify="right", no_wrap=True, width=6)
    table.add_column(t["zone"], no_wrap=True, min_width=10)
    for r in runs:
        graded = r["status"] in GRADED and r.get("score") is not None
        status = status_label(r["status"], r.get("cause"), lang) + (f" ({t['resumed']})" if r.get("resumed") else "")
        table.add_row(
            Text.assemble(r.get("pemda_name") or r["pemda_id"], "\n",
                          (status, "red" if r["status"] == "unreachable" else "dim")),
            str(r.get("pages_count") or 0), str(r.get("findings_count") or 0), str(r.get("carried_over_count") or 0),
            str(r.get("errors_count") or 0), f"{r['score']:.2f}" if graded else "-",
            _zone(r.get("zone"), r.get("letter")) if graded else Text("-"),
        )
    console.print(table)
