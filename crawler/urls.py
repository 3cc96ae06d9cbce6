"""URL hygiene against spider traps: session ids stripped, endless paths and query variants bounded."""

from __future__ import annotations

from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from w3lib.url import safe_url_string

# Query parameters that only carry a session: every link mints a new URL for the same page.
SESSION_PARAMS = frozenset({"phpsessid", "jsessionid", "sid", "sessionid", "session_id", "cfid", "cftoken",
                            "aspsessionid", "zenid", "oscsid"})
MAX_REPEATED_SEGMENT = 3  # /a/a/a/a/ is a relative-link loop, not a site structure


def usable_url(url: str) -> bool:
    """A URL a request can be made for: urllib splits it and reads its port, and w3lib, which scrapy.Request runs
    it through, accepts it. A site's typo ("https://x.go.id]/", "http://[nama-domain]/", ":80808", a fullwidth
    "：") is refused here, once, instead of raising out of a callback and taking the page's other links with it."""
    try:
        urlsplit(url).port
        safe_url_string(url)
    except ValueError:  # (UnicodeError is one)
        return False
    return True


def strip_session_ids(url: str) -> str:
    parts = urlsplit(url)
    path = parts.path
    if ";jsessionid=" in path.lower():
        path = path[: path.lower().index(";jsessionid=")]
    if not parts.query and path == parts.path:
        return url
    query = [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if k.lower() not in SESSION_PARAMS]
    return urlunsplit((parts.scheme, parts.netloc, path, urlencode(query), parts.fragment))


def has_repeating_path(url: str, limit: int = MAX_REPEATED_SEGMENT) -> bool:
    """True when one path segment repeats more than LIMIT times in a row (/a/a/a/a/…)."""
    run, previous = 0, None
    for segment in urlsplit(url).path.split("/"):
        if segment and segment == previous:
            run += 1
            if run >= limit:
                return True
        else:
            run = 0
        previous = segment
    return False


def path_of(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.netloc}{parts.path}"
