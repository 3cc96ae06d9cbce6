"""Which links of a page are worth keeping as evidence (`pages.outlinks`), and of what kind.

- `standard_link`: an in-scope link whose words say "standar pelayanan", "SOP", "maklumat", "SP" (the words of
  config/links.yaml): pantau later checks what its target turned out to be (pantau/standard_links.py);
- `sippn`, `social`, `app`, `lapor`: off-site links to SIPPN, social media, app stores and SP4N-LAPOR!, the
  media PEKPPP counts (scoring/indicators.py). They are recorded and never followed.

Pure: the crawler's link pass (crawler/links.py) calls `classify` for each link it reads.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from urllib.parse import unquote, urlsplit

import yaml
from pantau_config import read_text

CONFIG_NAME = "links.yaml"
STANDARD_LINK = "standard_link"
_NON_WORD = re.compile(r"[\W_]+")
# Documents and images a standard is published as (the crawler follows the documents: crawler/links.py).
_FILE_NAME = re.compile(r"\.(?:pdf|docx?|xlsx?|odt|jpe?g|png|webp)$", re.IGNORECASE)


@dataclass(frozen=True)
class LinkVocabulary:
    standard_phrases: re.Pattern
    offsite_kinds: tuple[tuple[str, tuple[str, ...]], ...]  # (kind, domains), in config order
    max_entries: int
    max_text_chars: int
    max_url_chars: int


@cache
def vocabulary() -> LinkVocabulary:
    data = yaml.safe_load(read_text(CONFIG_NAME)) or {}
    phrases = sorted({words(p) for p in data.get("standard_link_phrases") or () if words(p)}, key=len, reverse=True)
    # Whole words only: the text is normalised to single spaces, so a phrase is bounded by spaces or the ends.
    pattern = re.compile(r"(?:^| )(?:" + "|".join(re.escape(p) for p in phrases) + r")(?: |$)") if phrases \
        else re.compile(r"(?!)")
    kinds = tuple((str(kind), tuple(str(d).lower().strip(".") for d in domains or ()))
                  for kind, domains in (data.get("offsite_kinds") or {}).items())
    return LinkVocabulary(pattern, kinds, int(data.get("max_entries", 200)), int(data.get("max_text_chars", 200)),
                          int(data.get("max_url_chars", 2000)))


def words(text: str) -> str:
    """Lower-case words separated by single spaces: "Standar_Pelayanan-KTP.pdf" -> "standar pelayanan ktp pdf"."""
    return _NON_WORD.sub(" ", text.lower()).strip()


def file_name(url: str) -> str:
    """The last path segment, URL-decoded ("SP%20KTP.pdf" -> "SP KTP.pdf")."""
    path = urlsplit(url).path
    return unquote(path.rsplit("/", 1)[-1])[:300]


def offsite_kind(host: str | None) -> str | None:
    """sippn / social / app / lapor for a host of one of those services, else None."""
    host = (host or "").lower().rstrip(".")
    if not host:
        return None
    for kind, domains in vocabulary().offsite_kinds:
        if any(host == d or host.endswith("." + d) for d in domains):
            return kind
    return None


def says_standard(text: str, url: str) -> bool:
    """The link's words name a standard pelayanan, SOP or maklumat: its text, or the file name of a textless
    link or of a document ("Unduh" -> SP_KTP.pdf). A page's slug under a worded link is not read: news slugs
    ("Berita" -> /berita/sop-baru-untuk-pegawai) would make false standard links."""
    pattern = vocabulary().standard_phrases
    if pattern.search(words(text[:500])):
        return True
    name = file_name(url)
    return (not text.strip() or bool(_FILE_NAME.search(name))) and bool(pattern.search(words(name)))


def classify(url: str, text: str, in_scope: bool) -> str | None:
    """The outlink kind of a resolved http(s) URL with anchor TEXT, or None for a link not worth keeping."""
    if in_scope:
        return STANDARD_LINK if says_standard(text, url) else None
    return offsite_kind(urlsplit(url).hostname)


class Outlinks:
    """A bounded, de-duplicated list of {"url", "text", "kind"} in document order."""

    def __init__(self):
        self.vocab = vocabulary()
        self.items: list[dict[str, str]] = []
        self._seen: set[tuple[str, str]] = set()

    @property
    def full(self) -> bool:
        return len(self.items) >= self.vocab.max_entries

    def add(self, url: str, text: str, kind: str) -> None:
        url = url[: self.vocab.max_url_chars]
        if self.full or (url, kind) in self._seen:
            return
        self._seen.add((url, kind))
        self.items.append({"url": url, "text": " ".join(text.split())[: self.vocab.max_text_chars], "kind": kind})
