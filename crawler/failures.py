"""Turn a failed request into a recorded error row: (kind, message). Every failure is kept, none crashes."""

from __future__ import annotations

from urllib.parse import urlsplit

from scrapy.exceptions import IgnoreRequest
from scrapy.spidermiddlewares.httperror import HttpError
from twisted.internet import error as txerror
from twisted.web._newclient import ResponseFailed, ResponseNeverReceived

from crawler.resolver import REFUSALS

_KINDS = [
    (txerror.DNSLookupError, "dns"),
    ((txerror.TimeoutError, txerror.TCPTimedOutError), "timeout"),
    (txerror.ConnectionRefusedError, "connection_refused"),
    ((txerror.ConnectionLost, txerror.ConnectionDone, ResponseNeverReceived, ResponseFailed), "connection"),
]


def classify_failure(failure) -> tuple[str, str]:
    if failure.check(txerror.DNSLookupError):
        request = getattr(failure, "request", None)
        host = (urlsplit(request.url).hostname or "") if request is not None else ""
        refusal = REFUSALS.get(host)
        if refusal:
            kind, _, why = refusal.partition(": ")
            return kind, f"refused {host}: {why}"
    if failure.check(HttpError):
        status = failure.value.response.status
        return f"http_{status}", f"HTTP {status}"
    if failure.check(IgnoreRequest):
        message = str(failure.value) or "request ignored"
        kind = "robots" if "robots" in message.lower() else "ignored"
        return kind, message
    for types, kind in _KINDS:
        if failure.check(*types if isinstance(types, tuple) else (types,)):
            return kind, _message(failure)
    name = type(failure.value).__name__
    if "SSL" in name or "TLS" in name or "certificate" in str(failure.value).lower():
        return "tls", _message(failure)
    if "maxsize" in str(failure.value).lower() or "cancelled" in str(failure.value).lower():
        return "too_large_or_cancelled", _message(failure)
    return "other", _message(failure)


def _message(failure) -> str:
    text = str(failure.value) or type(failure.value).__name__
    return f"{type(failure.value).__name__}: {text}"[:500]
