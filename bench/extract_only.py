"""Extraction alone: `extractors.build_page` + `extract` over the corpus's documents in one process (one core).

    python -m bench.extract_only SITES_DIR [--limit N] [--json]

Documents are taken in a fixed order (a fixed random sample across hosts and page kinds); a warm-up page
loads the vocabulary and pypdf is imported before timing starts (once per process, not a page's cost).
Reports documents per CPU-second, i.e. pages/s per core.
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import sys
import time
from pathlib import Path


def documents(sites: Path, limit: int) -> list[Path]:
    files = sorted(p for p in sites.rglob("*") if p.suffix in (".html", ".pdf") and p.is_file())
    if limit and len(files) > limit:
        files = sorted(random.Random(0).sample(files, limit))  # a fixed sample across hosts and page kinds
    return files


def url_of(sites: Path, path: Path) -> str:
    rel = path.relative_to(sites)
    host, rest = rel.parts[0], "/".join(rel.parts[1:])
    if rest.endswith("index.html"):
        rest = rest[: -len("index.html")]
    return f"http://{host}/{rest}"


def run(sites: Path, limit: int = 2000) -> dict:
    from extractors import build_page, extract

    files = documents(sites, limit)
    build_page("about:warm-up", b"<html><body><p>Persyaratan: KTP</p></body></html>", "text/html")
    extract(build_page("about:warm-up", b"<html><body><p>Persyaratan: KTP</p></body></html>", "text/html"))
    import pypdf  # noqa: F401 - imported once per process, like the vocabulary: not a cost of the first PDF
    per_kind: dict[str, list[float]] = {"html": [], "pdf": []}
    findings = 0
    total_bytes = 0
    wall0, cpu0 = time.perf_counter(), time.process_time()
    for path in files:
        body = path.read_bytes()
        total_bytes += len(body)
        kind = "pdf" if path.suffix == ".pdf" else "html"
        t0 = time.process_time()
        page = build_page(url_of(sites, path), body, "application/pdf" if kind == "pdf" else "text/html; charset=utf-8")
        result = extract(page).to_dict()
        per_kind[kind].append(time.process_time() - t0)
        findings += len(result["findings"])
    wall, cpu = time.perf_counter() - wall0, time.process_time() - cpu0
    n = len(files)
    return {
        "documents": n, "html": len(per_kind["html"]), "pdf": len(per_kind["pdf"]), "findings": findings,
        "bytes": total_bytes, "wall_s": round(wall, 3), "cpu_s": round(cpu, 3),
        "pages_per_s_per_core": round(n / cpu, 1) if cpu else None,
        "ms_per_html": round(1000 * sum(per_kind["html"]) / max(1, len(per_kind["html"])), 2),
        "ms_per_pdf": round(1000 * sum(per_kind["pdf"]) / max(1, len(per_kind["pdf"])), 2),
        "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
    }


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description="extraction alone, one process")
    ap.add_argument("sites", type=Path)
    ap.add_argument("--limit", type=int, default=2000, help="documents to extract (sampled evenly; 0 = all)")
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args(argv)
    result = run(args.sites, args.limit)
    if args.json:
        print(json.dumps(result))
    else:
        for k, v in result.items():
            print(f"{k:>22}: {v}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
