"""Evidence one click away in `pantau serve`: a finding's archived response replayed from its WARC record
(`/arsip/<finding_id>`), and screenshots served as images (`/tangkapan/<path>`).

The archived bytes are the pemda's page, not ours: they are shown only inside a sandboxed iframe, and served
with a Content-Security-Policy that allows no script and no request to any other site, so replaying a page
can neither run its code nor fetch anything live. Settings come from the `pantau` plugin block that
pantau/serve.py writes into the metadata: `database` (its name) and `archive_dir` (the WARC folder).
"""

from __future__ import annotations

import re
from pathlib import Path

from datasette import hookimpl
from datasette.utils.asgi import NotFound, Response

from pantau.archive import ArchivedResponse, locate_warc, read_response, screenshot_in, screenshot_relative

# The wrapper page: our own markup and Datasette's stylesheet, nothing else; the archived copy only in a frame.
PAGE_POLICY = ("default-src 'none'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; frame-src 'self'; "
               "form-action 'none'; base-uri 'none'; frame-ancestors 'self'")
# The archived bytes: no script (`sandbox` without allow-scripts), no request off this server.
REPLAY_POLICY = ("default-src 'none'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; font-src data:; "
                 "form-action 'none'; base-uri 'none'; frame-ancestors 'self'; sandbox")
SAFE_HEADERS = {"X-Content-Type-Options": "nosniff", "Referrer-Policy": "no-referrer",
                "X-DNS-Prefetch-Control": "off", "Cache-Control": "no-store"}
# Types a browser shows inline in the sandbox; anything else (a PDF: Chromium will not open one in a sandbox)
# is offered as a download.
INLINE_TYPES = ("text/html", "application/xhtml+xml", "text/plain", "image/png", "image/jpeg", "image/gif",
                "image/webp")
# A meta refresh navigates the frame to the live site and no CSP directive stops it; Chromium ignores it in a
# sandbox without scripts, other browsers may not, so it is removed from the replayed bytes too.
META_REFRESH = re.compile(rb"<meta\b[^>]*http-equiv\s*=\s*[\"']?\s*refresh[^>]*>", re.I)
CHARSET = re.compile(r"charset\s*=\s*[\"']?([\w.:-]+)", re.I)


def settings(datasette) -> tuple[str, Path]:
    config = datasette.plugin_config("pantau") or {}
    return config.get("database", "pantau"), Path(config.get("archive_dir", "pantau-warc"))


async def _finding(datasette, finding_id: int) -> dict:
    database, _ = settings(datasette)
    rows = await datasette.get_database(database).execute(
        "select f.id, f.run_id, f.pemda_id, f.unit, f.service, f.component, f.snippet, f.url, f.content_hash, "
        "f.warc_file, f.warc_offset, f.warc_record_id, f.screenshot from findings f where f.id = ?", [finding_id])
    row = rows.first()
    if row is None:
        raise NotFound(f"Temuan #{finding_id} tidak ada di basis data ini.")
    return dict(row)


async def _archived(datasette, finding: dict) -> ArchivedResponse:
    _, archive_dir = settings(datasette)
    path = locate_warc(archive_dir, finding["warc_file"])
    if path is None or finding["warc_offset"] is None:
        raise NotFound(f"Temuan #{finding['id']} tidak punya salinan arsip (berkas WARC tidak ditemukan).")
    try:
        return read_response(path, int(finding["warc_offset"]))
    except (OSError, ValueError, EOFError) as exc:  # a truncated or foreign file: say so, never a traceback
        raise NotFound(f"Rekaman WARC temuan #{finding['id']} tidak terbaca: {exc}") from None


def media_type(archived: ArchivedResponse) -> str:
    return (archived.header("Content-Type") or "application/octet-stream").split(";")[0].strip().lower()


def screenshot_url(datasette, stored: str | None) -> str | None:
    if not stored:
        return None
    return datasette.urls.path("/tangkapan/" + screenshot_relative(settings(datasette)[1], stored))


async def arsip(request, datasette):
    finding = await _finding(datasette, int(request.url_vars["finding_id"]))
    archived = await _archived(datasette, finding)
    database, _ = settings(datasette)
    html = await datasette.render_template("pantau_arsip.html", {
        "finding": finding,
        "archived": archived,
        "content_type": archived.header("Content-Type") or "",
        "inline": media_type(archived) in INLINE_TYPES,
        "replay_url": datasette.urls.path(f"/arsip/{finding['id']}/isi"),
        "finding_url": datasette.urls.table(database, "findings") + f"/{finding['id']}",
        "screenshot_url": screenshot_url(datasette, finding["screenshot"]),
    }, request=request)
    return Response.html(html, headers={"Content-Security-Policy": PAGE_POLICY, **SAFE_HEADERS})


async def arsip_isi(request, datasette):
    finding = await _finding(datasette, int(request.url_vars["finding_id"]))
    archived = await _archived(datasette, finding)
    media = media_type(archived)
    charset = CHARSET.search(archived.header("Content-Type") or "")
    headers = {"Content-Security-Policy": REPLAY_POLICY, **SAFE_HEADERS}
    body = archived.payload
    if media not in INLINE_TYPES:
        media = "application/octet-stream"
        headers["Content-Disposition"] = f'attachment; filename="temuan-{finding["id"]}"'
    elif media in ("text/html", "application/xhtml+xml"):
        body = META_REFRESH.sub(b"", body)
    content_type = media + (f"; charset={charset.group(1)}" if charset and media.startswith("text/") else "")
    return Response(body, status=200, headers=headers, content_type=content_type)


async def tangkapan(request, datasette):
    _, archive_dir = settings(datasette)
    target = screenshot_in(archive_dir, request.url_vars["path"])
    if target is None:
        raise NotFound("Tangkapan layar tidak ada.")
    return Response(target.read_bytes(), status=200, content_type="image/png",
                    headers={"Content-Security-Policy": "default-src 'none'", **SAFE_HEADERS})


@hookimpl
def register_routes():
    return [
        (r"^/arsip/(?P<finding_id>\d{1,18})$", arsip),
        (r"^/arsip/(?P<finding_id>\d{1,18})/isi$", arsip_isi),
        (r"^/tangkapan/(?P<path>.+)$", tangkapan),
    ]

