"""`pantau`: one thin command line over the library. Each command parses arguments, calls a function, prints."""

from __future__ import annotations

import json
import os
import shlex
import shutil
import sys
import time
from pathlib import Path

import click

from pantau.paths import bundled_corpus, foreign_siblings

if _foreign := foreign_siblings():  # checked before importing them: a shadowing package fails far from the cause
    sys.exit(f"pantau: these packages do not come from pantau's installation: {', '.join(_foreign)}. "
             "Another distribution installs the same top-level names; install pantau in its own virtualenv.")

from crawler.addresses import ResolveSpecError, parse_resolve_spec  # noqa: E402
from crawler.scope import TargetError, parse_target  # noqa: E402
from pantau_config import ENV_VAR as CONFIG_ENV_VAR  # noqa: E402

DEFAULT_DB = "pantau.db"
DEV_SCRIPT_ENV = "PANTAU_DEV_SCRIPT"  # set by ./dev to the path it was called by
EXIT_UNREACHABLE = 1  # the audit ran, but the site answered nothing: no grade
EXIT_INTERRUPTED = 130  # Ctrl-C, as shells report it
LANG_OPTION = click.option("--lang", type=click.Choice(["id", "en"]), default="id", show_default=True,
                           help="Language of the table and messages: Bahasa Indonesia or English.")
MESSAGES = {
    "id": {"interrupted": "pantau: dihentikan — lanjutkan dengan: {command}",
           "unreachable": "pantau: {target} tidak terjangkau ({cause}); tidak ada halaman yang diambil, "
                          "tidak dinilai (audit {run_id} di {db})"},
    "en": {"interrupted": "pantau: interrupted — resume with: {command}",
           "unreachable": "pantau: {target} could not be reached ({cause}); no page fetched, not graded "
                          "(run {run_id} in {db})"},
}


class UserError(click.ClickException):
    """A mistake in what the user asked for (unknown run, not a database, unwritable --db): one line on
    stderr, exit code 2, no traceback."""

    exit_code = 2


class PantauGroup(click.Group):
    """The shared user-error handler: the storage's StoreError (pantau/storage.py) becomes a UserError."""

    def invoke(self, ctx):
        try:
            return super().invoke(ctx)
        except Exception as exc:
            from pantau.storage import StoreError

            if isinstance(exc, StoreError):
                raise UserError(str(exc)) from None
            raise


def _exit_interrupted() -> None:
    """Leave at once after Ctrl-C: the runs are closed and every page committed; waiting for the extraction
    workers and the browser to wind down is what made Ctrl-C take seconds."""
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(EXIT_INTERRUPTED)


def _interrupt_message(lang: str, resolve, *args: str) -> str:
    """What Ctrl-C prints: the command (ARGS, the --resolve map) that resumes the run."""
    command = shlex.join([*args, *[a for spec in resolve for a in ("--resolve", spec)], "--resume"])
    return MESSAGES[lang]["interrupted"].format(command=f"{pantau_command()} {command}")


def _check_writable(db: str) -> None:
    """Open (create, migrate) --db before a crawl starts, so a wrong path is one line, not a crawl's traceback."""
    from pantau.storage import Store

    Store(db).close()


def _check_learned_config() -> None:
    """Read the learned fallback's files (learned.yaml, blockcat.json) before a crawl starts, so that a malformed
    override is one line, not an extraction error on every page."""
    from extractors import blockcat

    try:
        blockcat.fallback()
    except (ValueError, OSError) as exc:
        raise UserError(str(exc)) from None


def _check_resolve(ctx, param, values):
    for spec in values:
        try:
            parse_resolve_spec(spec)
        except ResolveSpecError as exc:
            raise click.BadParameter(str(exc)) from None
    return list(values)


def _summary(db: str, run_id: int | None, domain: str | None = None) -> dict:
    """A stored run's summary (default: the latest run, of DOMAIN if given), read without writing to the database."""
    from pantau.storage import Store

    with Store(db, readonly=True) as store:
        if run_id is None:
            run_id = store.latest_run_id(domain)
        if run_id is None:
            raise UserError(f"{db} holds no run {'of ' + domain + ' ' if domain else ''}yet: "
                            "run `pantau audit DOMAIN` or `pantau demo` first")
        return store.run_summary(run_id)


def _show(summary: dict, as_json: bool, lang: str = "id") -> None:
    from pantau.report import render_summary

    if as_json:
        click.echo(json.dumps(summary, indent=2, ensure_ascii=False, default=str))
    else:
        render_summary(summary, lang=lang)


def _print_summary(db: str, run_id: int | None, as_json: bool, lang: str = "id") -> None:
    _show(_summary(db, run_id), as_json, lang)


@click.group(cls=PantauGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="pantau")
@click.option("--config-dir", type=click.Path(exists=True, file_okay=False), envvar=CONFIG_ENV_VAR,
              help=f"Read config YAML (scoring.yaml, vocabulary.yaml, eval.yaml, pemda.yaml) from here first; "
                   f"files it lacks come from the packaged defaults. Env: {CONFIG_ENV_VAR}.")
def cli(config_dir):
    """Audit whether Indonesian regional governments publish their standar pelayanan on their websites."""
    if config_dir:  # through the environment, so crawl subprocesses and workers read the same files
        os.environ[CONFIG_ENV_VAR] = str(Path(config_dir).resolve())


@cli.command()
@click.argument("target")
@click.option("--db", default=DEFAULT_DB, show_default=True, help="SQLite database to write findings into.")
@click.option("--max-pages", type=click.IntRange(1), default=500, show_default=True, help="Page budget for the crawl.")
@click.option("--max-depth", type=click.IntRange(0), default=5, show_default=True, help="Link depth from the start page.")
@click.option("--delay", type=click.FloatRange(0), default=None, help="Seconds between requests to one host (default 0.5, adaptive).")
@click.option("--timeout", type=click.FloatRange(1), default=None, help="Seconds before a request is given up (default 30).")
@click.option("--resolve", multiple=True, callback=_check_resolve, metavar="HOST=ADDR:PORT",
              help="Connect to ADDR:PORT for HOST, like curl --resolve (repeatable). Hosts not listed are then refused.")
@click.option("--screenshots", is_flag=True, help="Save a PNG of each page with findings beside the WARC.")
@click.option("--resume", is_flag=True, help="Continue this pemda's latest interrupted run instead of starting one.")
@click.option("--cloak-probe/--no-cloak-probe", default=True, show_default=True,
              help="Fetch the first pages of each host once more as Googlebot to find spam served only to search "
                   "engines (at most 3 extra fetches per host).")
@click.option("--json", "as_json", is_flag=True, help="Print the summary as JSON.")
@click.option("--quiet", is_flag=True, help="No progress display.")
@LANG_OPTION
def audit(target, db, max_pages, max_depth, delay, timeout, resolve, screenshots, resume, cloak_probe, as_json, quiet,
          lang):
    """Crawl one pemda (TARGET: a domain such as lampungtimurkab.go.id, or a start URL) and grade it.

    The domain and its subdomains (the OPD sites) are crawled, nothing else; robots.txt is obeyed and
    sitemap.xml read. Findings, evidence and scores go into --db; a summary table is printed at the end.
    """
    from pantau.crawl import crawl_settings, run_audit

    try:
        parse_target(target)
    except TargetError as exc:
        raise click.BadParameter(str(exc), param_hint="TARGET") from None
    from pantau.interrupt import CrawlInterrupted

    _check_writable(db)
    _check_learned_config()
    settings = crawl_settings(db, resolve=resolve, delay=delay, max_depth=max_depth, timeout=timeout,
                              progress="off" if quiet or as_json else "auto", PANTAU_RESUME=resume, PANTAU_LANG=lang,
                              PANTAU_CLOAK_PROBE=cloak_probe)
    try:
        run_id = run_audit(target, settings, max_pages=max_pages,
                           interrupt_message=_interrupt_message(lang, resolve, "audit", target, "--db", db))
    except CrawlInterrupted:
        _exit_interrupted()
    if run_id is None:
        raise click.ClickException("the crawl did not start a run (see the log above)")
    if screenshots:
        from pantau.screenshots import screenshot_runs
        from pantau.storage import Store

        screenshot_runs(Store(db), [run_id], resolve=resolve)
    _report_audit(db, run_id, target, as_json, lang)


def _report_audit(db: str, run_id: int, target: str, as_json: bool, lang: str) -> None:
    """The audit's table; for a site that answered nothing, one line on stderr and a non-zero exit instead."""
    from pantau.report import cause_label

    summary = _summary(db, run_id)
    if summary["status"] != "unreachable" or as_json:
        _show(summary, as_json, lang)
    if summary["status"] != "unreachable":
        return
    click.echo(MESSAGES[lang]["unreachable"].format(target=target, cause=cause_label(summary["cause"], lang),
                                                     run_id=run_id, db=db), err=True)
    sys.exit(EXIT_UNREACHABLE)


@cli.command()
@click.option("--registry", type=click.Path(exists=True, dir_okay=False), default=None,
              help="Registry YAML (default: config/pemda.yaml).")
@click.option("--province", default=None, help="Only the pemda of this province (e.g. Lampung).")
@click.option("--only", multiple=True, metavar="ID_OR_DOMAIN", help="Only these pemda (repeatable).")
@click.option("--db", default=DEFAULT_DB, show_default=True, help="SQLite database to write findings into.")
@click.option("--max-pages-per-site", type=click.IntRange(1), default=500, show_default=True)
@click.option("--time-budget-per-site", type=click.FloatRange(0), default=1800, show_default=True,
              help="Seconds per pemda before its crawl stops taking new pages (0 = none).")
@click.option("--concurrency", type=click.IntRange(1), default=64, show_default=True,
              help="Requests in flight across all sites (each host still gets at most 2).")
@click.option("--delay", type=click.FloatRange(0), default=None, help="Seconds between requests to one host.")
@click.option("--timeout", type=click.FloatRange(1), default=None, help="Seconds before a request is given up.")
@click.option("--resume", is_flag=True, help="Continue the latest interrupted nightly run.")
@click.option("--full", is_flag=True, help="Re-extract every page (no conditional requests, no carry-over).")
@click.option("--screenshots", is_flag=True, help="Save a PNG of each page with findings beside the WARC.")
@click.option("--cloak-probe/--no-cloak-probe", default=True, show_default=True,
              help="As for `audit`: spam served only to Googlebot (single-process nights only).")
@click.option("--resolve", multiple=True, callback=_check_resolve, metavar="HOST=ADDR:PORT",
              help="As for `audit` (tests and local mirrors).")
@click.option("--redis", "redis_url", default=None, metavar="URL",
              help="Distributed mode: share the frontier in this Redis (scrapy-redis); this process ingests.")
@click.option("--workers", type=click.IntRange(0), default=2, show_default=True,
              help="Distributed mode: worker processes to start on this machine.")
@click.option("--json", "as_json", is_flag=True, help="Print the night's results as JSON.")
@click.option("--quiet", is_flag=True, help="No progress display.")
@LANG_OPTION
def nightly(registry, province, only, db, max_pages_per_site, time_budget_per_site, concurrency, delay, timeout,
            resume, full, screenshots, cloak_probe, resolve, redis_url, workers, as_json, quiet, lang):
    """Crawl every selected pemda of the registry in one run: incremental, resumable, with evidence.

    Pages unchanged since the last run are asked for conditionally and their findings carried over; a run
    killed half-way continues with --resume; every page with findings is archived in a WARC file.
    """
    from pantau.crawl import crawl_settings, run_crawl
    from pantau.nightly import NightlyError, plan
    from pantau.registry import RegistryError, load_registry, select
    from pantau.storage import Store

    try:
        everyone = load_registry(registry)
        entries = select(everyone, province=province, ids=list(only) or None)
        batch_id, sites = plan(Store(db), entries, max_pages_per_site, resume, everyone)
    except (RegistryError, NightlyError) as exc:
        raise click.ClickException(str(exc)) from None
    if not quiet and not as_json:
        backed = sum(1 for e in entries if e.evidence)  # domains backed by a public page (docs/registry.md)
        click.echo(f"pantau nightly {batch_id}: {len(sites)} pemda{' (resumed)' if resume else ''}; "
                   + (f"domain evidence: {backed}/{len(entries)}" if lang == "en"
                      else f"domain berbukti: {backed}/{len(entries)}"), err=True)
    _check_learned_config()
    if redis_url:
        if resume:
            raise click.UsageError("--resume is for single-process nights; a distributed night is re-run")
        from pantau.cluster import run_distributed

        run_distributed(db, redis_url, batch_id, sites, workers, {
            "resolve": list(resolve), "delay": 0.5 if delay is None else delay, "timeout": timeout,
            "workers": max(workers, 1), "concurrency": concurrency, "time_budget": time_budget_per_site,
        })
    elif sites:
        settings = crawl_settings(
            db, resolve=resolve, delay=delay, timeout=timeout, progress="off" if quiet or as_json else "auto",
            CONCURRENT_REQUESTS=concurrency, PANTAU_BATCH_ID=batch_id, PANTAU_RESUME=resume,
            PANTAU_INCREMENTAL=not full, PANTAU_SITE_TIME_BUDGET=time_budget_per_site, PANTAU_LANG=lang,
            PANTAU_CLOAK_PROBE=cloak_probe,
        )
        from pantau.interrupt import CrawlInterrupted

        try:
            run_crawl(settings, sites=sites, interrupt_message=_interrupt_message(lang, resolve, "nightly", "--db", db))
        except CrawlInterrupted:
            _exit_interrupted()
    if screenshots:
        from pantau.screenshots import screenshot_runs

        store = Store(db)
        screenshot_runs(store, [r["id"] for r in store.batch_runs(batch_id)], resolve=list(resolve))
    from pantau.report import render_batch

    runs = Store(db).batch_runs(batch_id)
    if as_json:
        click.echo(json.dumps({"batch_id": batch_id, "runs": runs}, indent=2, ensure_ascii=False, default=str))
    else:
        render_batch(batch_id, runs, lang=lang)


@cli.command()
@click.option("--redis", "redis_url", required=True, metavar="URL",
              help="The coordinator's Redis (rediss:// for TLS; password in the URL or PANTAU_REDIS_PASSWORD).")
@click.option("--batch", "batch_id", default=None, help="Batch id (default: the batch the coordinator planned last).")
@click.option("--resolve", multiple=True, callback=_check_resolve, metavar="HOST=ADDR:PORT",
              help="As for `audit` (tests and local mirrors); never taken from Redis.")
@click.option("--quiet", is_flag=True, help="No progress display.")
def worker(redis_url, batch_id, resolve, quiet):
    """One distributed worker: crawl and extract from the shared Redis frontier until it stays empty."""
    from redis.exceptions import RedisError

    from crawler.distributed import PASSWORD_ENV, PlanError, split_password, worker_settings
    from pantau.crawl import crawl_settings, run_crawl
    from pantau.registry import domain_problem

    redis_url, password = split_password(redis_url)  # kept out of Scrapy's settings (and their log)
    if password:
        os.environ[PASSWORD_ENV] = password
    try:
        overrides = worker_settings(redis_url, batch_id, list(resolve), domain_problem)
    except (PlanError, RedisError) as exc:  # a wrong password, TLS or address is one line, not a traceback
        raise click.ClickException(f"{redis_url}: {exc}") from None
    run_crawl(crawl_settings("unused-in-distributed-mode.db", progress="off" if quiet else "auto", **overrides))


@cli.command()
@click.argument("run_a", type=int, required=False)
@click.argument("run_b", type=int, required=False)
@click.option("--db", default=DEFAULT_DB, show_default=True, type=click.Path(dir_okay=False))
@click.option("--json", "as_json", is_flag=True)
def diff(run_a, run_b, db, as_json):
    """What changed between two runs: services and components that appeared or disappeared, and scores.

    With no RUN ids: for every pemda, its last two runs.
    """
    from pantau.diff import as_json as diffs_json
    from pantau.diff import diff_runs, format_diff, latest_pairs
    from pantau.storage import Store

    if run_a is not None and run_b is None:
        raise click.UsageError("give two run ids, or none")
    store = Store(db, readonly=True)  # a missing or foreign --db, an unknown run: UserError (PantauGroup)
    pairs = [(run_a, run_b)] if run_a is not None else latest_pairs(store)
    if not pairs:
        raise UserError("no pemda has two runs yet")
    diffs = [diff_runs(store, a, b) for a, b in pairs]
    click.echo(diffs_json(diffs) if as_json else "\n".join(format_diff(d) for d in diffs))


@cli.command()
@click.option("--print", "what", type=click.Choice(["cron", "systemd"]), required=True)
@click.option("--at", "time_of_day", default="01:30", show_default=True, help="HH:MM local time.")
@click.option("--db", default=None, help="Database path (default: pantau.db in the working directory).")
@click.option("--workdir", default=None, help="Directory to run in (default: the current one).")
def schedule(what, time_of_day, db, workdir):
    """Print a ready crontab line, or systemd service and timer units, for the nightly run."""
    from pantau.schedule import cron_line, systemd_units

    try:
        text = cron_line(time_of_day, workdir, db) if what == "cron" else systemd_units(time_of_day, workdir, db)
    except ValueError as exc:
        raise click.BadParameter(str(exc), param_hint="--at") from None
    click.echo(text)


@cli.command()
@click.argument("domain", required=False)
@click.option("--db", default=DEFAULT_DB, show_default=True, type=click.Path(dir_okay=False))
@click.option("--run", "run_id", type=int, default=None, help="Run id (default: the latest run).")
@click.option("--json", "as_json", is_flag=True, help="Print the summary as JSON.")
@click.option("--html", "html_file", default=None, metavar="FILE",
              help="Write the per-pemda report (laporan) as one self-contained HTML file ('-': stdout).")
@click.option("--lang", type=click.Choice(["id", "en"]), default="id", show_default=True,
              help="Language of the report: Bahasa Indonesia or English.")
@click.option("--base-url", default=None, metavar="URL",
              help="With --html: link archived copies to a `pantau serve` at URL (e.g. http://127.0.0.1:8001).")
def report(domain, db, run_id, as_json, html_file, lang, base_url):
    """Print the per-OPD, per-service table and the pemda's score for a stored run.

    DOMAIN (a pemda's main domain) picks its latest finished run; --run picks one run.
    """
    if html_file is not None:
        from pantau.laporan import ReportError, write_html_report

        try:
            click.echo(write_html_report(db, html_file, run_id, domain, lang, base_url), err=True)
        except ReportError as exc:
            raise UserError(str(exc)) from None
        return
    _show(_summary(db, run_id, domain), as_json, lang)  # read-only: a missing or foreign --db is a UserError


@cli.command()
@click.argument("service")
@click.option("--province", default=None, help="Only the pemda of this province (e.g. Lampung).")
@click.option("--db", default=DEFAULT_DB, show_default=True, type=click.Path(dir_okay=False))
@click.option("--json", "as_json", is_flag=True, help="Print the comparison as JSON.")
@LANG_OPTION
def compare(service, province, db, as_json, lang):
    """Compare one service across every pemda's latest audit: published or not, fee, time, channels,
    evidence, the national distribution and the flags.

    SERVICE is a catalogue id (akta_kelahiran), name or synonym ("Akta Kelahiran", "e-KTP"): config/layanan.yaml.
    """
    from pantau.compare import CompareError, compare as compare_service, render
    from pantau.storage import Store

    with Store(db, readonly=True) as store:
        try:
            result = compare_service(store.db, service, province, lang)
        except CompareError as exc:
            raise UserError(str(exc)) from None
    if as_json:
        click.echo(json.dumps(result.to_dict(), indent=2, ensure_ascii=False, default=str))
    else:
        render(result, lang=lang)


@cli.command()
@click.argument("file", type=click.Path(exists=True, dir_okay=False))
@click.option("--url", default=None, help="The URL the page was fetched from (for evidence); default file://…")
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object.")
def extract(file, url, as_json):
    """Run the extractors on one saved page: .html/.htm, .pdf, .txt, .docx, .xlsx or .odt."""
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


@cli.command()
@click.option("--db", default=DEFAULT_DB, show_default=True, type=click.Path(dir_okay=False))
@click.option("--format", "fmt", type=click.Choice(["csv", "xlsx", "json"]), default="xlsx", show_default=True)
@click.option("--run", "run_ids", type=int, multiple=True, help="Run id (repeatable; default: --latest).")
@click.option("--latest", is_flag=True, help="The latest finished run of every pemda (the default).")
@click.option("--out", default=None, metavar="PATH",
              help="Folder for the dated file(s) (default: here), or a file name.")
@LANG_OPTION
def export(db, fmt, run_ids, latest, out, lang):
    """Write a dated snapshot of findings (pemda x service x component, with evidence) and scores.

    Read-only on the database. CSV writes two files (findings, scores); XLSX one workbook with both sheets.
    """
    from pantau.export import snapshot, write

    if run_ids and latest:
        raise UserError("--run and --latest exclude each other")
    for path in write(snapshot(db, run_ids), fmt, out, lang):
        click.echo(str(path))


def _eval_catalogue(directory: Path, thresholds: dict, as_json: bool) -> None:
    from pantau.catalogue_eval import LabelError, catalogue_failures, evaluate_catalogue, format_catalogue
    from scoring.catalogue import CatalogueError

    try:
        reports = evaluate_catalogue(directory / "names.yaml")
    except (LabelError, CatalogueError) as exc:
        raise click.ClickException(str(exc)) from None
    if as_json:
        click.echo(json.dumps({s: r.to_dict() for s, r in reports.items()}, indent=2, ensure_ascii=False))
    else:
        click.echo(format_catalogue(reports, thresholds, str(directory / "names.yaml")))
    if catalogue_failures(reports, thresholds):
        raise click.ClickException("service-name matching below the `catalogue` floors in config/eval.yaml")


@cli.command(name="eval")
@click.argument("directory", required=False, type=click.Path(exists=True, file_okay=False))
@click.option("--json", "as_json", is_flag=True, help="Print the report as JSON.")
@click.option("--as-html", is_flag=True, help="Read .txt pages wrapped as simple HTML (one <p> a line).")
@click.option("--real", is_flag=True, help="The real-page corpus: tuning and held-out splits, as .txt and as HTML; "
              "gates on the held-out split (config/eval.yaml `real`). Held-out pages are never listed.")
@click.option("--split", type=click.Choice(["tuning", "holdout"]), help="With --real: only this split.")
@click.option("--catalogue", is_flag=True, help="Service-name matching against config/layanan.yaml on the labelled "
              "names (DIRECTORY/names.yaml, default tests/fixtures/catalogue): precision/recall on dev and test; "
              "gates on test (config/eval.yaml `catalogue`).")
def eval_(directory, as_json, as_html, real, split, catalogue):
    """Measure extraction accuracy on a labelled directory (default: the bundled synthetic corpus).

    Exits non-zero when a component falls below the thresholds in config/eval.yaml.
    """
    from pantau.evaluate import (REAL_SPLITS, evaluate, evaluate_real, format_real, format_report,
                                 load_thresholds, real_failures)

    thresholds = load_thresholds()
    if catalogue:
        _eval_catalogue(Path(directory) if directory else bundled_corpus("catalogue"), thresholds, as_json)
        return
    if real:
        reports = evaluate_real(Path(directory) if directory else bundled_corpus("real"),
                                (split,) if split else REAL_SPLITS)
        if not reports:
            raise click.ClickException("no real corpus found (expected tuning/ and holdout/ folders)")
        if as_json:
            click.echo(json.dumps({f"{s}/{m}": {k: v for k, v in r.to_dict().items() if s == "tuning" or k != "errors"}
                                   for (s, m), r in reports.items()}, indent=2, ensure_ascii=False))
        else:
            click.echo(format_real(reports, thresholds))
        if real_failures(reports, thresholds):
            raise click.ClickException("held-out accuracy below the `real` thresholds in config/eval.yaml")
        return
    report = evaluate(Path(directory) if directory else bundled_corpus("pages"), as_html=as_html)
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
@click.option("--lang", type=click.Choice(["id", "en"]), default="id", show_default=True,
              help="Language of the table, column and query descriptions: Bahasa Indonesia or English.")
def serve(db, host, port, lang):
    """Browse the findings in Datasette (with pantau's metadata and canned queries)."""
    from pantau.serve import bring_up_to_date, serve as serve_datasette

    if not Path(db).exists():
        raise click.ClickException(f"no database at {db}: run `pantau demo` or `pantau audit` first")
    warning = bring_up_to_date(db)
    if warning:
        click.echo(f"warning: {warning}", err=True)
    serve_datasette(db, host=host, port=port, lang=lang)


@cli.command()
@click.option("--db", default=DEFAULT_DB, show_default=True, help="SQLite database to write findings into.")
@click.option("--json", "as_json", is_flag=True, help="Print the summary as JSON.")
@click.option("--screenshots", is_flag=True, help="Also save a PNG of each page with findings (shown by `serve`).")
def demo(db, as_json, screenshots):
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
        if run_id is not None and screenshots:  # while the sample site still serves its stylesheets
            from pantau.screenshots import screenshot_runs
            from pantau.storage import Store

            screenshot_runs(Store(db), [run_id], resolve=resolve)
    if run_id is None:
        raise click.ClickException("the demo crawl did not start a run (see the log above)")
    _print_summary(db, run_id, as_json)
    if not as_json:
        click.echo(f"\nDemo finished in {time.monotonic() - started:.1f}s. Findings are in {db}.")
        click.echo(f"Browse them:  {pantau_command()} serve --db {shlex.quote(db)}   "
                   "(then open http://127.0.0.1:8001/)")


def pantau_command() -> str:
    """The command that runs pantau again from where the user stands, for hints like the demo's next step."""
    dev = os.environ.get(DEV_SCRIPT_ENV)
    if dev:  # called through ./dev, which runs pantau from the repository root: ./dev serve goes there too
        return shlex.quote(dev)
    if shutil.which("pantau"):
        return "pantau"
    if Path(sys.argv[0]).name == "pantau":  # e.g. .venv/bin/pantau, virtualenv not activated
        return shlex.quote(sys.argv[0])
    return f"{shlex.quote(sys.executable)} -m pantau.cli"


def main():  # pragma: no cover - console entry point
    cli(prog_name="pantau")


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
