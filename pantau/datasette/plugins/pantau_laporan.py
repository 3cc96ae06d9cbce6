"""The per-pemda report inside `pantau serve`: `/laporan/<domain>` (`?lang=en`, `?run=N`), the same template
as `pantau report --html`, with evidence linked to the archived-copy and screenshot routes (pantau_evidence).

Rankings and views link each pemda to it (a `pemda_id` cell), and so does the pemda table (its `name` cell).
The page carries no script and may load only this server's images: its policy says so to the browser.
"""

from __future__ import annotations

from urllib.parse import quote

from datasette import hookimpl
from datasette.utils.asgi import NotFound, Response
from markupsafe import Markup, escape

from pantau.laporan import ReportError, ServeLinks, find_run, load_report, render_report
from pantau.laporan.labels import LANGS

POLICY = ("default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data:; base-uri 'none'; "
          "form-action 'none'; frame-ancestors 'self'")
HEADERS = {"Content-Security-Policy": POLICY, "X-Content-Type-Options": "nosniff", "Referrer-Policy": "no-referrer"}


def _settings(datasette) -> tuple[str, str, str]:
    config = datasette.plugin_config("pantau") or {}  # written by pantau/serve.py
    lang = config.get("lang")
    return (config.get("database", "pantau"), config.get("archive_dir", "pantau-warc"),
            lang if lang in LANGS else LANGS[0])


async def laporan(request, datasette):
    database, archive_dir, served_lang = _settings(datasette)
    domain = request.url_vars["domain"]
    lang = request.args.get("lang") or served_lang
    if lang not in LANGS:
        lang = served_lang
    run = request.args.get("run") or ""
    run_id = int(run) if run.isdigit() and len(run) < 19 else None

    def build(conn):
        return load_report(conn, find_run(conn, run_id=run_id, domain=domain))

    try:
        report = await datasette.get_database(database).execute_fn(build)
    except ReportError as exc:
        raise NotFound(str(exc)) from None
    links = ServeLinks(database, archive_dir, datasette.urls.path)
    return Response.html(render_report(report, links, lang, database_label=database), headers=HEADERS)


def report_link(datasette, pemda_id: str, text: str | None = None) -> Markup:
    href = datasette.urls.path(f"/laporan/{quote(pemda_id)}")
    return Markup(f'<a class="pantau-laporan" href="{escape(href)}" title="Laporan {escape(pemda_id)}">'
                  f'{escape(text or pemda_id)}</a>')


@hookimpl
def register_routes():
    return [(r"^/laporan/(?P<domain>[A-Za-z0-9.-]{1,253})$", laporan)]


@hookimpl
def render_cell(row, value, column, table, datasette):
    # A pemda_id in a query or view is a plain string (tables expand it to a link to the pemda row instead).
    if column == "pemda_id" and isinstance(value, str) and value:
        return report_link(datasette, value)
    if table == "pemda" and column == "name" and "id" in row.keys() and isinstance(row["id"], str):
        return Markup(f"{escape(value or '')} · ") + report_link(datasette, row["id"], "laporan")
    return None
