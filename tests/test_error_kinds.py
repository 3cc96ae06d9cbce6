"""Every kind of `errors` row pantau can write is named once (crawler/error_kinds.py), written through that name,
and explained in Bahasa Indonesia in the Datasette metadata, so an assessor reading the errors table never meets
an unexplained kind."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import yaml

from crawler.error_kinds import ERROR_KINDS, is_error_kind

REPO = Path(__file__).resolve().parent.parent
# Calls that write an errors row, and where their kind argument is: (url, pemda/run, KIND, message) everywhere.
WRITERS = {"ErrorItem", "ErrorMessage", "_error", "record_error", "error"}
KIND_POSITION = 2
LOGGERS = {"logger", "log", "logging"}


def errors_table_help() -> str:
    meta = yaml.safe_load((REPO / "pantau" / "datasette" / "metadata.yaml").read_text(encoding="utf-8"))
    return meta["databases"]["pantau"]["tables"]["errors"]["description_html"]


def test_every_error_kind_is_explained_in_the_datasette_metadata():
    explained = set(re.findall(r"<code>([a-z_]+|http_NNN)</code>", errors_table_help()))
    missing = [kind for kind in ERROR_KINDS if kind not in explained]
    assert not missing, f"kinds with no explanation in metadata.yaml (errors): {missing}"
    assert "http_NNN" in explained  # http_404, http_503…: one entry for the whole family


def test_kinds_are_keys_and_http_statuses_are_a_family():
    assert len(set(ERROR_KINDS)) == len(ERROR_KINDS)
    assert all(re.fullmatch(r"[a-z][a-z_]*", kind) for kind in ERROR_KINDS)
    assert is_error_kind("http_404") and is_error_kind("connection_refused")
    assert not is_error_kind("http_") and not is_error_kind("http_abc") and not is_error_kind("rendered")


def _writer_name(call: ast.Call) -> str | None:
    func = call.func
    if isinstance(func, ast.Name):
        return func.id
    if isinstance(func, ast.Attribute):
        receiver = func.value.id if isinstance(func.value, ast.Name) else None
        if func.attr == "error" and receiver in LOGGERS:
            return None
        return func.attr
    return None


def literal_kinds() -> list[tuple[str, int, str]]:
    """(file, line, kind) of every row written with a bare string as its kind, in pantau's own packages."""
    found = []
    for package in ("crawler", "pantau", "extractors"):
        for path in sorted((REPO / package).rglob("*.py")):
            tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
            for node in ast.walk(tree):
                if not isinstance(node, ast.Call) or _writer_name(node) not in WRITERS:
                    continue
                args = [a for a in node.args if not isinstance(a, ast.Starred)]
                kind = next((k.value for k in node.keywords if k.arg == "kind"),
                            args[KIND_POSITION] if len(args) > KIND_POSITION else None)
                if isinstance(kind, ast.Constant) and isinstance(kind.value, str):
                    found.append((str(path.relative_to(REPO)), node.lineno, kind.value))
            for node in ast.walk(tree):  # rows inserted into the table directly: db["errors"].insert({...})
                if _inserts_into_errors(node):
                    for row in (a for a in node.args if isinstance(a, ast.Dict)):
                        for key, value in zip(row.keys, row.values):
                            if (isinstance(key, ast.Constant) and key.value == "kind"
                                    and isinstance(value, ast.Constant) and isinstance(value.value, str)):
                                found.append((str(path.relative_to(REPO)), node.lineno, value.value))
    return found


def _inserts_into_errors(node: ast.AST) -> bool:
    if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
            and node.func.attr in ("insert", "insert_all", "upsert")):
        return False
    table = node.func.value
    return (isinstance(table, ast.Subscript) and isinstance(table.slice, ast.Constant)
            and table.slice.value == "errors")


def test_rows_are_written_through_the_named_kinds_not_bare_strings():
    assert literal_kinds() == []


def test_the_kinds_extraction_errors_carry_are_named_kinds():
    import crawler.extraction  # noqa: F401 - defines ExtractTimeout, WorkerLost
    import extractors.ocr  # noqa: F401 - defines OcrUnavailable
    from extractors.errors import ExtractionError

    pending, kinds = [ExtractionError], {}
    while pending:
        cls = pending.pop()
        pending.extend(cls.__subclasses__())
        if "kind" in vars(cls):
            kinds[cls.__name__] = cls.kind
    assert {"ExtractTimeout", "WorkerLost", "UnsupportedFormat"} <= kinds.keys()
    assert {name: kind for name, kind in kinds.items() if kind not in ERROR_KINDS} == {}


def test_every_classified_failure_is_a_named_kind():
    from scrapy import Request
    from scrapy import exceptions as sx
    from scrapy.http import Response
    from scrapy.spidermiddlewares.httperror import HttpError
    from twisted.python.failure import Failure

    from crawler.failures import classify_failure

    request = Request("http://x.go.id/")
    errors = [sx.CannotResolveHostError("x"), sx.DownloadTimeoutError("t"), sx.DownloadConnectionRefusedError("r"),
              sx.ResponseDataLossError("d"), sx.DownloadCancelledError("c"), sx.DownloadFailedError("f"),
              sx.UnsupportedURLSchemeError("u"), sx.IgnoreRequest("Forbidden by robots.txt"),
              sx.IgnoreRequest("larger than the max size"), sx.IgnoreRequest("redirect off"), sx.IgnoreRequest("why"),
              HttpError(Response("http://x.go.id/", status=503), "503"), ValueError("SSL handshake"), KeyError("?")]
    seen = set()
    for exc in errors:
        failure = Failure(exc)
        failure.request = request
        kind, message = classify_failure(failure)
        assert is_error_kind(kind), (exc, kind)
        seen.add(kind)
    assert {"dns", "timeout", "connection_refused", "too_large", "robots", "http_503", "tls", "other"} <= seen


def test_the_run_outcome_reads_only_kinds_that_exist():
    from pantau.outcome import ANSWERED, FETCH_FAILURES

    assert [kind for kind in [*FETCH_FAILURES, *ANSWERED] if not is_error_kind(kind)] == []
