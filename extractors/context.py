"""Page-level context: is this page a news story / press release, or a recruitment/procurement notice?

News mention standards all the time without publishing one; their complaint numbers and quoted pledges are
reported speech, so unit-level scans are skipped on them. Recruitment and procurement notices have
"persyaratan" and "jangka waktu" of their own that are not a public service's.
"""

from __future__ import annotations

import re

from . import urls
from .model import Page
from .vocab import VocabularyMemo, cached, may_match, normalise, phrase_regex

# "PRINGSEWU - ", "BANDAR LAMPUNG, Selasa (15/8) -", "Liwa (Antara) -": a dateline opening a paragraph
_DATELINE = re.compile(
    r"^[A-Z][A-Za-z.]+(?: [A-Z][A-Za-z.]+){0,3}\s*(?:,[^-–—]{0,40})?(?:\([^)]{0,30}\))?\s*[-–—]\s+[A-Z]"
)
_CREDIT = re.compile(r"\((?:[A-Za-z]+/){1,3}[A-Za-z]+\)\s*$|\((?:Antara|Kominfo|Humas|Prokopim|Diskominfo)[^)]*\)")


def _patterns(v):
    cues = v.get("news_cues") or {}
    return {
        "speech": phrase_regex(cues.get("speech") or []),
        "url": phrase_regex(cues.get("url") or []),
        "titles": phrase_regex(v.get("negative_page_titles") or []),
    }


_pat = cached(_patterns)


DOCUMENT_SOURCES = frozenset({"pdf", "ocr", "docx", "xlsx", "odt"})


def is_news(page: Page) -> bool:
    if page.source in DOCUMENT_SOURCES:
        return False  # a decree or a standard's file, never a news story (its path may still carry a date)
    p = _pat()
    score = 0
    path = normalise(urls.path(page.url)) if page.url else ""
    if path and p["url"].search(path):
        score += 1
    if re.search(r"/20\d\d/\d{1,2}/", page.url or ""):
        score += 1
    speech = 0  # a speech cue is a point, two or more are two
    for b in page.blocks[:80]:
        if score + min(speech, 2) >= 2:
            return True  # points are only ever added: the rest of the page cannot change the answer
        if b.kind != "paragraph":
            continue
        if _DATELINE.match(b.text) and len(b.text.split()) >= 15:
            score += 2
        if _CREDIT.search(b.text):
            score += 1
        norm = normalise(b.text)
        if may_match(p["speech"], norm.split()):  # the phrase list's search only where a word opens a phrase
            speech += len(p["speech"].findall(norm))
    return score + min(speech, 2) >= 2


def negative_title(page: Page) -> bool:
    """The page's title or main heading says it is not a service standard (a job or tender notice...)."""
    texts = [page.title or ""]
    texts += [b.text for b in page.blocks[:30] if b.kind == "heading" and b.level <= 2][:2]
    p = _pat()["titles"]
    # (a title's phrase search only where one of its words opens a phrase: vocab.may_match)
    return any(may_match(p, norm.split()) and p.search(norm) for norm in map(normalise, filter(None, texts)))


def is_reported_speech(text: str) -> bool:
    """A quote or a speech verb ("kata Kepala Dinas", "ujarnya", "“…”"): what someone said, not a publication."""
    return _SPEECH.of_text(text, _reported_speech)


def _reported_speech(text: str) -> bool:
    """is_reported_speech, computed."""
    if _QUOTE.search(text) or _SAID_BY.search(text):
        return True
    norm = normalise(text)
    speech = _pat()["speech"]
    return may_match(speech, norm.split()) and bool(speech.search(norm))


# A news page's paragraphs are asked about by extract (each field and block of a story) and the learned fallback, and
# a site repeats its short paragraphs: remembered per text (4,096 texts of at most 300 characters; 4,764 calls a
# bench pass over 2,308 texts). Pure in the text and the vocabulary: a new vocabulary starts a new memo.
_SPEECH = VocabularyMemo(entries=4096, chars=300)


_QUOTE = re.compile(r"[\"“”]\s*\w[^\"“”]{15,}[\"“”]")
# "…, kata Lurah." / "…, kata Kepala Dinas Dukcapil": the attribution closing a news sentence ("kata" alone is
# too common a word to be a speech cue: "kata sandi", "kata kunci")
_SAID_BY = re.compile(r",\s*kata\s+(?!Sandi\b|Kunci\b)(?:[A-Z]|dia\b|beliau\b)")
