"""Injected gambling spam: is a page spam, which of its blocks are, and the evidence (pure; config/spam.yaml).

Hijacked pemda sites carry three shapes of spam (docs/spam.md):
- a spam PAGE ("Slot Gacor Hari Ini Maxwin" under a go.id path): it publishes nothing;
- spam BLOCKS inside a real page: an injected paragraph, a link farm, very often hidden with CSS
  (html_page.py records hidden elements in `Page.hidden`): those blocks are dropped before extraction and the
  rest of the page still counts;
- cloaking (spam served only to search engines): the crawler's probe compares two fetches (crawler/cloaking.py).

Scoring counts DISTINCT words: strong words (only a promoter writes "maxwin", "rtp live", "pola gacor") weigh
most, support words ("deposit", "bonus", "judi online") a little, and counter words (news and law enforcement:
"blokir", "satgas", "imbau", "polres") subtract, so that news ABOUT the gambling problem is not spam.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field, replace
from functools import lru_cache

import yaml
from pantau_config import read_text

from . import urls
from .model import HiddenText, Page, SpamVerdict
from .vocab import normalise, normalised_words, phrase_regex


@dataclass(frozen=True)
class Score:
    strong: frozenset[str]
    support: frozenset[str]
    counter: frozenset[str]
    value: int


@dataclass(frozen=True)
class _Rules:
    strong: re.Pattern
    support: re.Pattern
    counter: re.Pattern
    weights: dict
    limits: dict
    host_words: tuple[str, ...]
    detail: dict
    strong_first: frozenset[str]  # the first word of every strong phrase (a cheap test before `strong`)
    # per text (a site repeats its blocks and links on every page), kept with the rules they were read with:
    # whether its words hold no strong phrase's first word (_no_strong_first), whether a link is plain (_plain_link),
    # its score
    first_memo: dict = field(default_factory=dict, compare=False, repr=False)
    link_memo: dict = field(default_factory=dict, compare=False, repr=False)
    score_memo: dict = field(default_factory=dict, compare=False, repr=False)  # text -> score (a frozen Score)


@lru_cache(maxsize=1)
def rules() -> _Rules:
    """config/spam.yaml, compiled once per process."""
    cfg = yaml.safe_load(read_text("spam.yaml")) or {}
    strong_norm = [normalise(str(p)) for p in cfg.get("strong") or []]
    return _Rules(
        strong=_overlapping(phrase_regex(cfg.get("strong") or [])),
        support=_overlapping(phrase_regex(cfg.get("support") or [])),
        counter=phrase_regex(cfg.get("counter") or []),
        weights={"strong": 2, "support": 1, "counter": 2, "title": 2, **(cfg.get("weights") or {})},
        limits=cfg.get("thresholds") or {},
        host_words=tuple(normalise(w).replace(" ", "") for w in cfg.get("host_words") or [] if normalise(w)),
        detail=cfg.get("detail") or {},
        strong_first=frozenset(p.split()[0] for p in strong_norm if p),
    )


def _overlapping(rx: re.Pattern) -> re.Pattern:
    """RX matched at every word start (a lookahead), so that overlapping phrases are all found."""
    return re.compile(f"(?=({rx.pattern}))")


def _words(rx: re.Pattern, text: str) -> frozenset[str]:
    """The distinct phrases of RX in TEXT, overlapping ones too ("situs slot online": "situs slot" and "slot
    online"), but not a phrase that is only part of a longer one found ("gacor" in "slot gacor")."""
    found = {" ".join(m.split()) for m in rx.findall(text)}
    return frozenset(p for p in found if not any(p != q and f" {p} " in f" {q} " for q in found))


_NO_SCORE = Score(frozenset(), frozenset(), frozenset(), 0)


def score(text: str) -> Score:
    """The spam score of a piece of text (any form: it is normalised here)."""
    r = rules()
    if type(text) is not str:
        return _score(r, text)
    found = r.score_memo.get(text)  # a site's hidden texts ("Skip to content") come again on every page
    if found is None:
        found = _score(r, text)
        _remember(r.score_memo, text, found)
    return found


def _score(r: _Rules, text: str) -> Score:
    """score, computed."""
    norm = normalise(text)
    strong = _words(r.strong, norm)
    if not strong and not r.support.search(norm):
        return _NO_SCORE  # the common case: one pass
    support = _words(r.support, norm) - strong
    counter = _words(r.counter, norm)
    w = r.weights
    value = w["strong"] * len(strong) + w["support"] * len(support) - w["counter"] * len(counter)
    return Score(strong, support, counter, value)


def _no_strong_word(r: _Rules, pieces: list[str]) -> bool:
    """No strong phrase in the normalised text of PIECES joined with spaces (the title and the judged blocks),
    nor in any piece of text whose normalised form is a run of its words (a block, the title). The first word of
    a phrase found is one of those words, and the words of the joined text are those of its pieces one after the
    other (no [0-9a-z] run crosses the space between two; lowering does not look across it either): most pages
    have none of them in any piece, and are neither normalised whole nor searched."""
    if all(_no_strong_first(r, p) for p in pieces):
        return True
    return r.strong.search(" ".join(normalised_words(" ".join(pieces)))) is None


_MEMO_CHARS = 500  # bounded memory: at most _MEMO_TEXTS texts (or links) of at most this length per memo
_MEMO_TEXTS = 4096


def _no_strong_first(r: _Rules, text: str) -> bool:
    """No word of TEXT's normalised form is the first word of a strong phrase; remembered per short text."""
    known = r.first_memo.get(text)
    if known is None:
        known = r.strong_first.isdisjoint(normalised_words(text))
        _remember(r.first_memo, text, known)
    return known


def _remember(memo: dict, text: str, answer) -> None:
    if len(text) <= _MEMO_CHARS:
        if len(memo) >= _MEMO_TEXTS:
            memo.clear()  # a hostile site's endless distinct texts cost no memory
        memo[text] = answer


def is_spam_text(text: str) -> bool:
    """A piece of text (a block, an excerpt) reads as gambling promotion, not as news about it."""
    s, lim = score(text), rules().limits
    return len(s.strong) >= lim.get("block_strong", 2) and s.value >= lim.get("block", 4)


def assess(page: Page) -> tuple[Page, SpamVerdict | None]:
    """The page to extract from (spam blocks dropped) and the spam verdict (None: no spam found).

    A spam page comes back unchanged with a "spam_page" verdict: the caller extracts nothing from it."""
    r = rules()
    lim = r.limits
    max_chars, budget = int(lim.get("max_block_chars", 4000)), int(lim.get("max_page_chars", 200_000))
    blocks = page.blocks[: int(lim.get("max_blocks", 2000))]
    texts: list[str] = []
    for b in blocks:  # a hostile page's text is judged up to a budget; blocks past it are kept, not judged
        texts.append(b.text[:max_chars] if budget > 0 else "")
        budget -= len(texts[-1])
    # A speed shortcut: a page whose text (title and judged blocks) has no strong word anywhere has no spam
    # block, no strong title, no stuffing or repetition, and (page_strong >= 1) is no spam page: its blocks are
    # not scored one by one.
    pieces = [page.title or ""] + texts
    vocab = lim.get("page_strong", 2) < 1 or not _no_strong_word(r, pieces)
    words_all = normalised_words(" ".join(pieces)) if vocab else []
    scores = [score(t) for t in texts] if vocab else [_NO_SCORE] * len(texts)

    hidden = [h for h in page.hidden[: int(lim.get("max_hidden", 50))] if _hidden_spam(h, page.url)]
    hidden_norm = [normalise(h.text) for h in hidden]

    spam: set[int] = set()
    for i, s in enumerate(scores):
        if not s.strong:
            continue
        if len(s.strong) >= lim.get("block_strong", 2) and s.value >= lim.get("block", 4):
            spam.add(i)  # an injected paragraph
        elif hidden_norm and _inside(normalise(texts[i]), hidden_norm):
            spam.add(i)  # a piece of a hidden link farm
    farm = [i for i, (b, s) in enumerate(zip(blocks, scores)) if b.link and s.strong and not s.counter]
    if len(farm) >= lim.get("link_farm", 3):
        spam.update(farm)  # a visible link farm: many link-only blocks, each with a spam word
    links = _spam_links(page)

    title = normalise(page.title or "")
    title_strong = _words(r.strong, title) if vocab else frozenset()
    whole = score(" ".join(words_all)) if vocab else _NO_SCORE  # (normalising twice changes nothing)
    stuffed = _stuffing(" ".join(texts), int(lim.get("stuffing", 8))) if vocab else ""
    repeated = _repeated(" ".join(texts), int(lim.get("repeat", 3))) if vocab else False
    total = whole.value + r.weights["title"] * len(title_strong) + (r.weights["strong"] if stuffed else 0)
    if len(links) >= lim.get("link_farm", 3):
        total += r.weights["strong"]
    if repeated:  # a promoter repeats his words; a page that names "togel" once does not
        total += r.weights["strong"]
    own_host = _gambling_host(page.url)
    if own_host:  # the site itself is a gambling site ("situsslotonlineresmiterpercaya.com")
        total += r.weights["strong"]
    page_spam = False
    if total >= lim.get("page", 5) and len(whole.strong) + bool(repeated) >= lim.get("page_strong", 2):
        rest = score(" ".join([page.title or ""] + [t for i, t in enumerate(texts) if i not in spam]))
        chars = sum(len(t) for t in texts) or 1
        share = sum(len(texts[i]) for i in spam) / chars
        # what is left once the spam blocks are gone still reads as promotion: the page itself is spam
        page_spam = (bool(title_strong) and not whole.counter or own_host or share >= lim.get("page_share", 0.5)
                     or rest.value >= lim.get("page", 5) and bool(rest.strong))

    if page_spam:
        cues = _cues(whole, title_strong, stuffed)
        snippet = next((texts[i] for i in sorted(spam)), None) or _first_spam_text(page.title, texts)
        return page, SpamVerdict("spam_page", cues, _snip(snippet), hidden=hidden[0].how if hidden else "",
                                 blocks=len(spam), links=links[:5])
    if not spam and not hidden and len(links) < lim.get("link_farm", 3):
        return page, None
    found = [scores[i] for i in sorted(spam)] + [score(h.text) for h in hidden]
    merged = Score(frozenset().union(*(s.strong for s in found)) if found else frozenset(),
                   frozenset().union(*(s.support for s in found)) if found else frozenset(), frozenset(), 0)
    snippet = texts[min(spam)] if spam else (hidden[0].text if hidden else " ".join(links[:3]))
    hidden_links = tuple(u for h in hidden for u in h.links if _off_site(u, page.url))
    verdict = SpamVerdict("spam_links", _cues(merged, frozenset(), stuffed), _snip(snippet),
                          hidden=hidden[0].how if hidden else "", blocks=len(spam),
                          links=tuple(dict.fromkeys(hidden_links + links))[:5])
    kept = [b for i, b in enumerate(page.blocks) if i not in spam]
    return replace(page, blocks=kept), verdict


def describe(verdict: SpamVerdict, lang: str = "id", url: str = "", probe: str = "") -> str:
    """The sentence a site_issues row carries (Bahasa Indonesia by default)."""
    templates = rules().detail.get(lang) or rules().detail.get("id") or {}
    how = templates.get("hidden", " ({how})").format(how=verdict.hidden) if verdict.hidden else ""
    kind = "cloaked" if probe else verdict.kind
    template = templates.get(kind) or "{cues}"
    return template.format(cues=", ".join(verdict.cues[:6]) or "-", count=verdict.blocks, how=how, url=url,
                           probe=probe)


def _hidden_spam(hidden: HiddenText, page_url: str) -> bool:
    """A hidden element that is a link farm: two strong words, or one with links to gambling hosts or said
    again and again. A folded accordion whose maklumat forbids "judi dan togel" is not one."""
    s = score(hidden.text)
    if s.counter and s.value < rules().limits.get("block", 4):
        return False  # a folded news paragraph about gambling
    if len(s.strong) >= 2:
        return True
    if len(s.strong) < rules().limits.get("hidden_strong", 1):
        return False
    words = rules().host_words
    gambling_links = any(_off_site(u, page_url) and any(w in _compact_host(u) for w in words) for u in hidden.links)
    return gambling_links or _repeated(hidden.text, int(rules().limits.get("repeat", 3)))


_COMPACT = str.maketrans("", "", "-.\t\r\n")
_PUBLIC_SUFFIXES = (".go.id", ".ac.id", ".sch.id", ".mil.id", ".desa.id")


def _compact_host(url: str) -> str:
    """The host without dots and dashes, to look for gambling words in ("slot-gacor88.xyz" -> "slotgacor88xyz");
    "" for a government or campus host (a hijacked one names the pemda, not gambling)."""
    host = urls.hostname(url)
    return "" if host.endswith(_PUBLIC_SUFFIXES) else host.replace("-", "").replace(".", "")


def _inside(norm: str, regions: list[str]) -> bool:
    return len(norm) >= 3 and any(norm in region for region in regions)


def _spam_links(page: Page) -> tuple[str, ...]:
    """Off-site links whose host names gambling ("slotgacor88.xyz", "togelmacau.com")."""
    names_gambling = _any_word(rules().host_words).search
    links = page.links[:2000]
    r = rules()
    if all(_plain_link(r, u) for u in links):
        # a speed shortcut: no host word anywhere in the links, none in any of their hosts (a link urlsplit
        # refuses, "http://[x/", and non-ASCII hosts still go the long way below)
        return ()
    out = []
    for url in links:
        # the host's words first (one parse, one search per link), the off-site test only for a gambling name
        if names_gambling(_compact_host(url)) and _off_site(url, page.url):
            out.append(url)
    return tuple(dict.fromkeys(out))


def _plain_link(r: _Rules, url: str) -> bool:
    """An ASCII link without brackets whose _compact form holds no host word, so that neither its host nor
    urlsplit's refusal can matter; remembered per link (a site's menus repeat them on every page)."""
    known = r.link_memo.get(url)
    if known is None:
        compact = _compact(url)
        known = url.isascii() and "[" not in url and "]" not in url and not any(w in compact for w in r.host_words)
        _remember(r.link_memo, url, known)
    return known


def _compact(links: str) -> str:
    """Links, lower case, without dots and dashes and the tabs and line breaks urlsplit drops: each link's
    _compact_host is a piece of it."""
    return links.lower().translate(_COMPACT)


@lru_cache(maxsize=4)
def _any_word(words: tuple[str, ...]) -> re.Pattern:
    """A regex that finds any of WORDS inside a string (as `any(w in s for w in words)`, in one pass)."""
    return re.compile("|".join(re.escape(w) for w in words) or r"(?!x)x")


def _gambling_host(url: str) -> bool:
    """The page's own host names gambling (never a go.id host: their names are the pemda's)."""
    compact = _compact_host(url)
    return bool(compact) and any(w in compact for w in rules().host_words)


def _off_site(url: str, page_url: str) -> bool:
    host = urls.hostname(url).removeprefix("www.")
    own = urls.hostname(page_url).removeprefix("www.")
    return bool(host) and host != own and not host.endswith("." + own)


def _repeated(text: str, limit: int) -> bool:
    """One strong word said `limit` or more times."""
    counts = Counter(" ".join(m.split()) for m in rules().strong.findall(normalise(text)))
    return bool(counts) and counts.most_common(1)[0][1] >= limit


def _stuffing(text: str, limit: int) -> str:
    """"slot gacor ×25" when one strong word repeats `limit` or more times (keyword stuffing), else ""."""
    counts = Counter(" ".join(m.split()) for m in rules().strong.findall(normalise(text)))
    if not counts:
        return ""
    word, n = counts.most_common(1)[0]
    return f"{word} ×{n}" if n >= limit else ""


def _cues(s: Score, title: frozenset[str], stuffed: str) -> tuple[str, ...]:
    ordered = sorted(title) + sorted(s.strong - title) + sorted(s.support)
    return tuple(dict.fromkeys(ordered + ([stuffed] if stuffed else [])))[:12]


def _first_spam_text(title: str, texts: list[str]) -> str:
    for t in [title or ""] + texts:
        if score(t).strong:
            return t
    return title or (texts[0] if texts else "")


def _snip(text: str, size: int = 240) -> str:
    text = " ".join(str(text).split())
    return text if len(text) <= size else text[: size - 1].rstrip() + "…"
