"""`pantau`: one thin command line over the library. Each command parses arguments, calls a function, prints."""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

import click

from crawler.addresses import ResolveSpecError, parse_resolve_spec
from crawler.scope import TargetError, parse_target

DEFAULT_DB = "pantau.db"


def _check_resolve(ctx, param, values):
    for spec in values:
        try:
            parse_resolve_spec(spec)
        except ResolveSpecError as exc:
            raise click.BadParameter(str(exc)) from None
    return list(values)


def _print_summary(db: str, run_id: int | None, as_json: bool) -> None:
    from pantau.report import render_summary
    from pantau.storage import Store

    store = Store(db)
    if run_id is None:
        run_id = store.latest_run_id()
    if run_id is None:
        raise click.ClickException(f"{db} holds no run yet: run `pantau audit DOMAIN` or `pantau demo` first")
    summary = store.run_summary(run_id)
    if as_json:
        click.echo(json.dumps(summary, indent=2, ensure_ascii=False, default=str))
    else:
        render_summary(summary)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="pantau")
def cli():
    """Audit whether Indonesian regional governments publish their standar pelayanan on their websites."""


@cli.command()
@click.argument("target")
@click.option("--db", default=DEFAULT_DB, show_default=True, help="SQLite database to write findings into.")
@click.option("--max-pages", type=click.IntRange(1), default=500, show_default=True, help="Page budget for the crawl.")
@click.option("--max-depth", type=click.IntRange(0), default=5, show_default=True, help="Link depth from the start page.")
@click.option("--delay", type=click.FloatRange(0), default=None, help="Seconds between requests to one host (default 0.5, adaptive).")
@click.option("--timeout", type=click.FloatRange(1), default=None, help="Seconds before a request is given up (default 30).")
@click.option("--resolve", multiple=True, callback=_check_resolve, metavar="HOST=ADDR:PORT",
              help="Connect to ADDR:PORT for HOST, like curl --resolve (repeatable). Hosts not listed are then refused.")
@click.option("--json", "as_json", is_flag=True, help="Print the summary as JSON.")
@click.option("--quiet", is_flag=True, help="No progress display.")
def audit(target, db, max_pages, max_depth, delay, timeout, resolve, as_json, quiet):
    """Crawl one pemda (TARGET: a domain such as lampungtimurkab.go.id, or a start URL) and grade it.

    The domain and its subdomains (the OPD sites) are crawled, nothing else; robots.txt is obeyed and
    sitemap.xml read. Findings, evidence and scores go into --db; a summary table is printed at the end.
    """
    from pantau.crawl import crawl_settings, run_audit

    try:
        parse_target(target)
    except TargetError as exc:
        raise click.BadParameter(str(exc), param_hint="TARGET") from None
    settings = crawl_settings(db, resolve=resolve, delay=delay, max_depth=max_depth, timeout=timeout,
                              progress="off" if quiet or as_json else "auto")
    run_id = run_audit(target, settings, max_pages=max_pages)
    if run_id is None:
        raise click.ClickException("the crawl did not start a run (see the log above)")
    _print_summary(db, run_id, as_json)


@cli.command()
@click.option("--db", default=DEFAULT_DB, show_default=True, type=click.Path(dir_okay=False))
@click.option("--run", "run_id", type=int, default=None, help="Run id (default: the latest run).")
@click.option("--json", "as_json", is_flag=True, help="Print the summary as JSON.")
def report(db, run_id, as_json):
    """Print the per-OPD, per-service table and the pemda's score for a stored run."""
    if not Path(db).exists():
        raise click.ClickException(f"no database at {db}")
    _print_summary(db, run_id, as_json)


@cli.command()
@click.argument("file", type=click.Path(exists=True, dir_okay=False))
@click.option("--url", default=None, help="The URL the page was fetched from (for evidence); default file://…")
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object.")
def extract(file, url, as_json):
    """Run the extractors on one saved page: .html/.htm, .pdf or .txt."""
    from extractors import ExtractionError, extract_file
    from pantau.report import render_extraction

    try:
        result = extract_file(Path(file), url=url)
    except ExtractionError as exc:
        raise click.ClickException(f"{file}: {exc}") from None
    if as_json:
        click.echo(json.dumps(result.to_dict(), indent=2, ensure_ascii=False))
    else:
        render_extraction(result)


@cli.command(name="eval")
@click.argument("directory", required=False, type=click.Path(exists=True, file_okay=False))
@click.option("--json", "as_json", is_flag=True, help="Print the report as JSON.")
def eval_(directory, as_json):
    """Measure extraction accuracy on a labelled directory (default: the bundled corpus).

    Exits non-zero when a component falls below the thresholds in config/eval.yaml.
    """
    from pantau.evaluate import DEFAULT_CORPUS, evaluate, format_report, load_thresholds

    report = evaluate(Path(directory) if directory else DEFAULT_CORPUS)
    thresholds = load_thresholds()
    if as_json:
        click.echo(json.dumps(report.to_dict(), indent=2, ensure_ascii=False))
    else:
        click.echo(format_report(report))
    if not report.passed(thresholds):
        raise click.ClickException("accuracy below the thresholds in config/eval.yaml")


@cli.command()
@click.option("--db", default=DEFAULT_DB, show_default=True, type=click.Path(dir_okay=False))
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=8001, show_default=True, type=int)
def serve(db, host, port):
    """Browse the findings in Datasette (with pantau's metadata and canned queries)."""
    from pantau.serve import serve as serve_datasette

    if not Path(db).exists():
        raise click.ClickException(f"no database at {db}: run `pantau demo` or `pantau audit` first")
    serve_datasette(db, host=host, port=port)


@cli.command()
@click.option("--db", default=DEFAULT_DB, show_default=True, help="SQLite database to write findings into.")
@click.option("--json", "as_json", is_flag=True, help="Print the summary as JSON.")
def demo(db, as_json):
    """Serve the bundled sample pemda site on 127.0.0.1, audit it into --db and print the result."""
    from pantau.crawl import crawl_settings, run_audit
    from pantau.sample_server import SampleSite

    started = time.monotonic()
    with SampleSite() as site:
        resolve = [f"{host}={addr}" for host, addr in site.resolve_map().items()]
        if not as_json:
            click.echo(f"Serving the sample Kabupaten Lampung Timur site on {site.address}:{site.port} "
                       f"({len(site.hostnames)} hosts, mapped with --resolve)", err=True)
        settings = crawl_settings(db, resolve=resolve, delay=0, progress="off" if as_json else "auto")
        run_id = run_audit("http://lampungtimurkab.go.id/", settings)
    if run_id is None:
        raise click.ClickException("the demo crawl did not start a run (see the log above)")
    _print_summary(db, run_id, as_json)
    if not as_json:
        click.echo(f"\nDemo finished in {time.monotonic() - started:.1f}s. Findings are in {db}.")
        click.echo(f"Browse them:  pantau serve --db {db}   (then open http://127.0.0.1:8001/)")


def main():  # pragma: no cover - console entry point
    cli(prog_name="pantau")


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
