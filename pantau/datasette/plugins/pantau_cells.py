"""How pantau's columns look in Datasette: zones as coloured badges, `evidence` as links to the findings,
a finding's WARC record as a link to its archived copy (`/arsip/<id>`), screenshots as thumbnails."""

from __future__ import annotations

import json
from html import escape

from datasette import hookimpl
from markupsafe import Markup

from pantau.archive import screenshot_relative

ZONE_COLOURS = {"hijau": ("#1b5e20", "#c8e6c9"), "kuning": ("#5d4300", "#ffe98a"), "merah": ("#7f0000", "#ffcdd2")}
FINDING_TABLES = ("findings", "latest_findings")
SCORE_TABLES = ("scores", "latest_scores")


def _settings(datasette) -> tuple[str, str]:
    config = datasette.plugin_config("pantau") or {}
    return config.get("database", "pantau"), config.get("archive_dir", "pantau-warc")


def zone_badge(zone: str) -> Markup:
    colour, background = ZONE_COLOURS[zone]
    return Markup(f'<span class="pantau-zona pantau-zona-{zone}" style="color:{colour};background:{background};'
                  f'padding:0 .5em;border-radius:.6em;font-weight:bold">{zone}</span>')


def evidence_links(datasette, value: str) -> Markup | None:
    """{"key": [finding ids]} as one line per key with a link per finding; None when VALUE is not that."""
    try:
        evidence = json.loads(value)
    except (TypeError, ValueError):
        return None
    if not isinstance(evidence, dict):
        return None
    database, _ = _settings(datasette)
    base = datasette.urls.table(database, "findings")
    lines = []
    for key, ids in evidence.items():
        if not isinstance(ids, list) or not all(isinstance(i, int) and not isinstance(i, bool) for i in ids):
            return None
        links = ", ".join(f'<a href="{escape(base)}/{i}">{i}</a>' for i in ids) or "—"
        lines.append(f"<strong>{escape(str(key))}</strong>: {links}")
    return Markup("<br>".join(lines))


def archive_link(datasette, finding_id: int) -> Markup:
    href = datasette.urls.path(f"/arsip/{int(finding_id)}")
    return Markup(f'<a href="{escape(href)}">salinan arsip</a>')


def screenshot_thumbnail(datasette, stored: str) -> Markup:
    _, archive_dir = _settings(datasette)
    href = escape(datasette.urls.path("/tangkapan/" + screenshot_relative(archive_dir, stored)))
    return Markup(f'<a href="{href}"><img src="{href}" alt="tangkapan layar" width="160" loading="lazy"></a>')


@hookimpl
def render_cell(row, value, column, table, database, datasette):
    if column == "zone" and value in ZONE_COLOURS:
        return zone_badge(value)
    if column == "evidence" and table in SCORE_TABLES and isinstance(value, str):
        return evidence_links(datasette, value)
    if table in FINDING_TABLES and column == "warc_file" and value and "id" in row.keys():
        return archive_link(datasette, row["id"])
    if column == "screenshot" and table in FINDING_TABLES and isinstance(value, str) and value:
        return screenshot_thumbnail(datasette, value)
    if column == "arsip" and table is None and isinstance(value, int):  # canned queries: `f.id as arsip`
        return archive_link(datasette, value)
    return None
