"""Turn a failed request into a recorded error row: (kind, message). Every failure is kept, none crashes.

Scrapy 2.13+ wraps Twisted's errors in its own exceptions; both are mapped, so the kinds stay stable.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from scrapy import exceptions as sx
from scrapy.spidermiddlewares.httperror import HttpError
from twisted.internet import defer
from twisted.internet import error as txerror
from twisted.web._newclient import ResponseFailed, ResponseNeverReceived

from crawler import error_kinds as kinds
from crawler.resolver import REFUSALS

_KINDS = [
    ((sx.CannotResolveHostError, txerror.DNSLookupError), kinds.DNS),
    ((sx.DownloadTimeoutError, txerror.TimeoutError, txerror.TCPTimedOutError), kinds.TIMEOUT),
    ((sx.DownloadConnectionRefusedError, txerror.ConnectionRefusedError), kinds.CONNECTION_REFUSED),
    ((sx.ResponseDataLossError,), kinds.DATA_LOSS),
    # Scrapy cancels a download that exceeds DOWNLOAD_MAXSIZE (declared or streamed).
    ((sx.DownloadCancelledError, defer.CancelledError), kinds.TOO_LARGE),
    ((sx.DownloadFailedError, txerror.ConnectionLost, txerror.ConnectionDone, ResponseNeverReceived,
      ResponseFailed), kinds.CONNECTION),
    ((sx.UnsupportedURLSchemeError,), kinds.UNSUPPORTED_SCHEME),
]


def classify_failure(failure) -> tuple[str, str]:
    request = getattr(failure, "request", None)
    if failure.check(sx.CannotResolveHostError, txerror.DNSLookupError):
        host = (urlsplit(request.url).hostname or "") if request is not None else ""
        refusal = REFUSALS.get(host)
        if refusal:
            kind, _, why = refusal.partition(": ")
            return kind, f"refused {host}: {why}"
    if failure.check(HttpError):
        status = failure.value.response.status
        return kinds.http_kind(status), f"HTTP {status}"
    if failure.check(sx.IgnoreRequest):
        message = str(failure.value) or "request ignored"
        lowered = message.lower()
        if "robots" in lowered:
            return kinds.ROBOTS, message
        if "max size" in lowered or "maxsize" in lowered or "larger than" in lowered:
            return kinds.TOO_LARGE, message
        if "redirect" in lowered:
            return kinds.REDIRECT, message
        return kinds.IGNORED, message
    message = _message(failure)
    if type(failure.value).__module__.startswith("playwright"):
        return (kinds.TIMEOUT if "Timeout" in type(failure.value).__name__ else kinds.RENDER), message
    if _is_tls(failure):
        return kinds.TLS, message
    for types, kind in _KINDS:
        if failure.check(*types):
            if kind == kinds.TOO_LARGE:
                return kinds.TOO_LARGE, f"download cancelled above the size cap (DOWNLOAD_MAXSIZE): {message}"
            return kind, message
    return kinds.OTHER, message


def _is_tls(failure) -> bool:
    text = f"{type(failure.value).__name__} {failure.value!r}".lower()
    return any(word in text for word in ("ssl", "tls", "certificate", "handshake"))


def _message(failure) -> str:
    value = failure.value
    text = str(value) or repr(value)
    return f"{type(value).__name__}: {text}"[:500]
