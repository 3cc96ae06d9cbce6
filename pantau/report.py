"""Renders summaries for people: the audit table, and one page's extraction. Plain rich tables, no logic."""

from __future__ import annotations

from rich.console import Console
from rich.table import Table
from rich.text import Text

from extractors.model import COMPONENTS, SERVICE_COMPONENTS

ZONE_STYLE = {"hijau": "bold green", "kuning": "bold yellow", "merah": "bold red"}


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


# Short headers keep the table readable in an 80-column terminal.
SHORT = {"persyaratan": "syarat", "prosedur": "prosed", "waktu": "waktu", "biaya": "biaya", "produk": "produk",
         "pengaduan": "aduan", "maklumat": "maklmt"}


def _console() -> Console:
    # Logs and pipes get a wide table rather than one wrapped into slivers.
    console = Console()
    return console if console.is_terminal else Console(width=132)


def render_summary(summary: dict, console: Console | None = None) -> None:
    console = console or _console()
    name = summary.get("pemda_name") or summary.get("pemda_id")
    console.print(Text.assemble(
        (str(name), "bold"),
        f" ({summary.get('pemda_id')}) — run {summary.get('run_id')}, {summary.get('status', '')}, "
        f"{summary.get('pages_count', 0)} pages, {summary.get('findings_count', 0)} findings, "
        f"{summary.get('errors_count', 0)} errors",
    ))
    table = Table(show_lines=False, header_style="bold")
    table.add_column("OPD / service", overflow="ellipsis", no_wrap=True, max_width=44)
    for component in SERVICE_COMPONENTS + ("maklumat",):
        table.add_column(SHORT[component], justify="center", no_wrap=True, min_width=6)
    table.add_column("score", justify="right", no_wrap=True, min_width=6)
    table.add_column("zone", no_wrap=True, min_width=10)
    for unit in _units(summary):
        table.add_row(
            Text(unit["unit"], style="bold"),
            *[Text("")] * (len(SERVICE_COMPONENTS) - 1),
            _mark(bool(unit.get("pengaduan"))),
            _mark(bool(unit.get("maklumat"))),
            f"{unit.get('score', 0):.2f}",
            _zone(unit.get("zone"), unit.get("letter")),
        )
        for service in _services(unit):
            comps = service.get("components") or {}
            table.add_row(
                Text("  " + service["name"]),  # Text: page content is never read as rich markup
                *[_mark(bool(comps.get(c))) for c in SERVICE_COMPONENTS],
                "",
                f"{service.get('score', 0):.2f}",
                "",
            )
    console.print(table)
    console.print(
        Text.assemble(
            "Pemda score: ",
            (f"{summary.get('score', 0):.2f}", "bold"),
            "  zone: ",
            _zone(summary.get("zone"), summary.get("letter")),
        )
    )
    console.print("[dim]Unit rows show the unit-wide complaints channel (pengaduan) and maklumat.[/]")
    for issue in summary.get("site_issues") or ():
        console.print(Text.assemble(("site issue ", "yellow"), f"{issue['unit']}: {issue['kind']} — {issue['detail']}"))


def render_extraction(result, console: Console | None = None) -> None:
    console = console or _console()
    data = result.to_dict()
    console.print(Text.assemble((data["title"] or data["url"], "bold"), f" ({data['source']})"))
    published = [c for c in COMPONENTS if data["components"][c]]
    console.print("Published: " + (", ".join(published) if published else "nothing"))
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


def render_batch(batch_id: str, runs: list[dict], console: Console | None = None) -> None:
    """One line per pemda of a nightly run."""
    console = console or _console()
    table = Table(title=f"pantau {batch_id}", header_style="bold")
    for column, justify in (("pemda", "left"), ("status", "left"), ("pages", "right"), ("findings", "right"),
                            ("carried over", "right"), ("errors", "right"), ("score", "right"), ("zone", "left")):
        table.add_column(column, justify=justify, no_wrap=True)
    for r in runs:
        table.add_row(
            Text(r.get("pemda_name") or r["pemda_id"]), r["status"] + (" (resumed)" if r.get("resumed") else ""),
            str(r.get("pages_count") or 0), str(r.get("findings_count") or 0), str(r.get("carried_over_count") or 0),
            str(r.get("errors_count") or 0), "-" if r.get("score") is None else f"{r['score']:.2f}",
            _zone(r.get("zone"), r.get("letter")),
        )
    console.print(table)
