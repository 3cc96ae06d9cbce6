"""The vocabulary (config/vocabulary.yaml) and the spaCy objects built from it, loaded once per process.

Labels are short (a heading, a table cell, the text before a colon), so they are matched with a spaCy
PhraseMatcher over a normalised copy of the text: lower case, punctuation turned into spaces, list numbering
("1.", "A.", "IV.") removed. The tokenizer then sees plain words, so "Biaya/Tarif" and "SP4N-LAPOR!" match
"biaya tarif" and "sp4n lapor". Money, durations and phone numbers are left to regular expressions.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from itertools import repeat
from typing import Any

import yaml

from pantau_config import read_text

SERVICE_NAME = "_service_name"  # label class: the content names the service
OTHER = "_other"  # label class: a component that is not one of the seven (dasar hukum, jam pelayanan, ...)


_NUMBERING = re.compile(
    r"^\s*(?:(?:[0-9]{1,2}|[a-zA-Z]|[ivxIVX]{1,4})\s*[.)]\s+|[0-9]{1,2}[.)](?=[A-Z])"  # "2.Prosedur": no space
    r"|\(\s*(?:[0-9]{1,2}|[a-zA-Z])\s*\)\s*|[-•*·▪►»–]\s*"
    r"|[0-9]\ufe0f?\u20e3\s*|\U0001f51f\s*)"  # keycap digits of social-media posts: "5️⃣ Estimasi Waktu", "🔟"
)
_NON_WORD = re.compile(r"[^0-9a-z]+")
# The words _NON_WORD leaves: joining them with single spaces is `_NON_WORD.sub(" ", text).strip()`, in a third
# less time on a page's text (a list of the words instead of a substitution per gap).
_WORD = re.compile(r"[0-9a-z]+")


def normalise(text: str) -> str:
    """Lower case, punctuation to single spaces: the form all vocabulary phrases are compared in."""
    text = str(text)
    if len(text) <= _MEMO_CHARS:
        return _normalise_memo(text)  # a page's short texts are normalised by many finders: ~13 calls each
    return " ".join(_WORD.findall(text.lower()))


_MEMO_CHARS = 300  # memory stays bounded: 4,096 texts of at most this length


def normalised_words(text: str) -> list[str]:
    """normalise(text).split(), without joining the words and splitting them again (a page's whole text)."""
    return _WORD.findall(str(text).lower())


@lru_cache(maxsize=4096)
def _normalise_memo(text: str) -> str:
    return " ".join(_WORD.findall(text.lower()))


def strip_numbering(text: str) -> str:
    """Drop a leading list marker: "1. ", "a) ", "(2) ", "IV. ", "- ", "• "."""
    prev = None
    while prev != text:
        prev = text
        text = _NUMBERING.sub("", text, count=1)
    return text


class VocabularyMemo:
    """Answers remembered per key for the vocabulary they were read with (a new one, vocabulary.cache_clear() or
    another PANTAU_CONFIG_DIR, starts afresh): for readers whose answer depends on nothing but the key and the
    vocabulary. Bounded: at most `entries` keys, then all forgotten at once; texts longer than `chars` are kept out
    (of_text; get's callers with other keys bound them themselves). An unhashable key is computed, not remembered."""

    def __init__(self, entries: int, chars: int):
        self.entries = entries
        self.chars = chars
        self.answers: dict = {}
        self.vocab: object = None  # the vocabulary the answers were read with

    def get(self, key, compute):
        words = vocabulary()
        if words is not self.vocab:
            self.answers.clear()
            self.vocab = words
        try:
            return self.answers[key]
        except KeyError:
            pass
        except TypeError:
            return compute()
        if len(self.answers) >= self.entries:
            self.answers.clear()
        answer = self.answers[key] = compute()
        return answer

    def of_text(self, text, compute):
        """compute(text), remembered when text is a str of at most `chars` characters (a longer one, or anything
        else, is computed each time)."""
        if type(text) is not str or len(text) > self.chars:
            return compute(text)
        return self.get(text, lambda: compute(text))

    def parsed(self, text, parse):
        """of_text for a parse that gives a dict or None: the caller gets a copy, never the remembered value (a
        value of numbers, strings and None: a shallow copy is a fresh one)."""
        found = self.of_text(text, parse)
        return dict(found) if found is not None else None


@lru_cache(maxsize=1)
def vocabulary() -> dict[str, Any]:
    """The parsed vocabulary.yaml, read once per process (no reload: a changed file needs a new process)."""
    return yaml.safe_load(read_text("vocabulary.yaml"))


@lru_cache(maxsize=1)
def nlp():
    """The shared blank Indonesian pipeline (tokenizer only)."""
    import spacy  # loaded by the first extraction, not by every `pantau` command

    return spacy.blank("id")


@lru_cache(maxsize=1)
def _label_matcher():
    from spacy.matcher import PhraseMatcher

    v = vocabulary()
    model = nlp()
    matcher = PhraseMatcher(model.vocab, attr="LOWER")
    for cls, phrases in (v.get("labels") or {}).items():
        matcher.add(cls, [model.make_doc(normalise(p)) for p in phrases if normalise(p)])
    matcher.add(SERVICE_NAME, [model.make_doc(normalise(p)) for p in v.get("service_name_labels") or []])
    matcher.add(OTHER, [model.make_doc(normalise(p)) for p in v.get("other_labels") or []])
    return matcher, _first_tokens(model, v)


def _first_tokens(model, v) -> tuple[str, ...]:
    """The first token (lower case) of every phrase _label_matcher holds. A match at the start of a text is one
    of these, and a token is a prefix of the text: a text that starts with none of them matches nothing
    (_best_match then skips spaCy's tokenizer, ~0.1 ms a text; most texts asked about are no labels)."""
    phrases = [*(p for ps in (v.get("labels") or {}).values() for p in ps), *(v.get("service_name_labels") or []),
               *(v.get("other_labels") or [])]
    docs = (model.make_doc(normalise(p)) for p in phrases)
    return tuple(sorted({doc[0].lower_ for doc in docs if len(doc)}))


@dataclass(frozen=True)
class Label:
    cls: str  # a component key, SERVICE_NAME or OTHER
    phrase_words: int  # words the matched phrase covers
    words: int  # words in the whole (normalised) label text
    rest: str  # normalised words after the matched phrase


@lru_cache(maxsize=65536)
def classify_label(text: str) -> Label | None:
    """Which component a label text introduces, when it *starts* with a known phrase (longest phrase wins).

    "2. Persyaratan Pelayanan" -> persyaratan; "Biaya/Tarif" -> biaya; "Jam Pelayanan" -> _other;
    "Ombudsman dorong persyaratan…" -> None (the phrase is not at the start).
    """
    norm = normalise(strip_numbering(text))
    if not norm or len(norm) > 200:
        return None
    best = _best_match(norm)
    if best is None:
        # a typo in the first word ("persaratan", "prosedure")? try the closest label word
        first, _, tail = norm.partition(" ")
        fixed = _fix_typo(first)
        if fixed is None:
            return None
        norm = f"{fixed} {tail}".strip()
        best = _best_match(norm)
        if best is None:
            return None
    cls, end, doc = best
    rest = doc[end:].text
    if cls in ("persyaratan", "prosedur") and rest:
        # "Alur Penanganan Pengaduan", "Persyaratan Pengaduan": about complaints
        if set(rest.split()) & _complaint_words() or (cls == "prosedur" and rest in _handling_words()):
            cls = "pengaduan"
    return Label(cls=cls, phrase_words=end, words=len(doc), rest=rest)


def _best_match(norm: str):
    matcher, first_tokens = _label_matcher()
    if not norm.startswith(first_tokens):
        return None  # no phrase's first token opens the text (tests/test_extract_speed.py holds it to the matcher)
    doc = nlp().make_doc(norm)
    best = None
    for match_id, start, end in matcher(doc):
        if start != 0:
            continue
        if best is None or end > best[1]:
            best = (match_id, end)
    if best is None:
        return None
    return nlp().vocab.strings[best[0]], best[1], doc


@lru_cache(maxsize=1)
def _complaint_words() -> frozenset[str]:
    return frozenset(normalise(x) for x in (vocabulary().get("pengaduan") or {}).get("label_words") or [])


@lru_cache(maxsize=1)
def _handling_words() -> frozenset[str]:
    return frozenset(normalise(x) for x in (vocabulary().get("pengaduan") or {}).get("handling_words") or [])


@lru_cache(maxsize=1)
def _first_words() -> tuple[str, ...]:
    # in the vocabulary's order, not a set's: which of two equally close words wins must not change with the
    # process's hash seed
    return tuple(dict.fromkeys(w for w in (normalise(x) for x in vocabulary().get("fuzzy_words") or []) if w))


@lru_cache(maxsize=4096)  # a site's labels open on the same few words: each word is weighed once (bounded)
def _fix_typo(word: str) -> str | None:
    """The label word closest to `word` within one edit (two for long words), for words of 8+ letters; of two
    as close, the first in the vocabulary."""
    if len(word) < 8 or not word.isalpha():
        return None
    limit = 1 if len(word) < 10 else 2
    best: tuple[int, str] | None = None
    for cand in _first_words():
        if abs(len(cand) - len(word)) <= limit:
            distance = _edit_distance(word, cand, limit)
            if distance <= limit and (best is None or distance < best[0]):
                best = (distance, cand)
    return best[1] if best else None


def _edit_distance(a: str, b: str, limit: int) -> int:
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        cur = [i]
        for j, cb in enumerate(b, 1):
            cur.append(min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ca != cb)))
        if min(cur) > limit:
            return limit + 1
        prev = cur
    return prev[-1]


def phrase_regex(phrases, *, prefix: str = r"(?<![0-9a-z])", suffix: str = r"(?![0-9a-z])") -> re.Pattern:
    """A regex matching any of `phrases` (normalised form) on word boundaries in normalised text."""
    alts = sorted({normalise(str(p)) for p in phrases if normalise(str(p))}, key=len, reverse=True)
    body = "|".join(re.escape(a).replace(r"\ ", " +") for a in alts) or r"(?!x)x"
    return re.compile(f"{prefix}(?:{body}){suffix}")


# phrase_regex's opening (its default prefix and its phrases), and its default suffix
_PHRASE_OPENING = re.compile(r"\(\?<!\[0-9a-z\]\)\(\?:([0-9a-z +|]*)\)")
_WORD_END = r"(?![0-9a-z])"


def opening_words(rx: re.Pattern) -> tuple[tuple[str, ...], frozenset[str], bool] | None:
    """The first words of the phrases a match of `rx` opens on, and whether each is a whole word there: `rx`
    begins as phrase_regex's patterns do (any pattern may follow, but no alternative to the whole: a match then
    starts on a phrase, at a word's start). None for any other pattern. A phrase's first word is whole when
    a space follows it in the phrase or the word end follows the phrases."""
    seen = _OPENINGS.get(id(rx))
    if seen is not None and seen[0] is rx:
        return seen[1]
    if len(_OPENINGS) >= 256:
        _OPENINGS.clear()
    found = _opening_words(rx)
    _OPENINGS[id(rx)] = (rx, found)  # holds rx: its id names no other pattern while stored
    return found


# by id: a Pattern's hash reads its whole compiled code (2-3 µs for a long phrase list), a dict by id does not
_OPENINGS: dict[int, tuple[re.Pattern, Any]] = {}


def _opening_words(rx: re.Pattern) -> tuple[tuple[str, ...], frozenset[str], bool] | None:
    head = _PHRASE_OPENING.match(rx.pattern)
    rest = rx.pattern[head.end():] if head else ""
    if head is None or rx.flags & ~re.UNICODE or rest[:1] in _QUANTIFIERS or not _one_branch(rest):
        # another shape, phrases made optional, or flags (IGNORECASE, VERBOSE) that change what they match
        return None
    phrases = [alt.split(" +") for alt in head.group(1).split("|")]
    if not all(_WORD.fullmatch(w) for words in phrases for w in words):
        return None  # not words joined by " +"
    firsts = {words[0] for words in phrases}
    whole = rest.startswith(_WORD_END) and rest[len(_WORD_END):][:1] not in _QUANTIFIERS
    return tuple(sorted(firsts)), frozenset(firsts), whole


_QUANTIFIERS = ("?", "*", "+", "{")


def _one_branch(rest: str) -> bool:
    """No '|' in `rest` outside its groups and classes (a regex's text, after a group that opened it)."""
    depth, i, n = 0, 0, len(rest)
    while i < n:
        c = rest[i]
        if c == "\\":
            i += 2
            continue
        if c == "[":
            j = i + 1 + (rest[i + 1:i + 2] == "^")
            if rest[j:j + 1] == "]":
                return False  # "[]…]": a bracket taken literally; not worth reading, say no
            close = rest.find("]", j)
            if close < 0 or "\\" in rest[j:close] or "[" in rest[j:close]:
                return False
            i = close + 1
            continue
        if c == "(":
            depth += 1
        elif c == ")":
            depth -= 1
            if depth < 0:
                return False
        elif c == "|" and depth == 0:
            return False
        i += 1
    return depth == 0


def may_match(rx: re.Pattern, words) -> bool:
    """False only when `rx` cannot match a text whose words (its [0-9a-z] runs: normalise(text).split(), a list
    or a set) are `words`: no word is, or for a phrase whose first word may run on, opens with, a word a match
    opens on (opening_words). A cheap test before a search over many phrases; True for a pattern of another
    shape."""
    opening = opening_words(rx)
    if opening is None:
        return True
    prefixes, firsts, whole = opening
    if whole:
        return not firsts.isdisjoint(words)
    return any(map(str.startswith, words, repeat(prefixes)))


# Month names as dates are written on pemda pages: Indonesian, English and their abbreviations ("Sabtu, 19
# Oktober 2019", "tanggal 2 Pebruari 2016", "5 Sept 2023"): one list for decree dates and page date lines.
MONTHS = ("januari|january|jan|pebruari|februari|february|feb|maret|march|mar|april|apr|mei|may|juni|june|jun|"
          "juli|july|jul|agustus|august|agt|agu|ags|aug|september|sept|sep|oktober|october|okt|oct|nopember|"
          "november|nop|nov|desember|december|des|dec")


def cached(build):
    """`_pat = cached(_patterns)`: a function returning build(vocabulary()), built once per process."""
    return lru_cache(maxsize=1)(lambda: build(vocabulary()))


def word_set(*keys: str):
    """`_lead = word_set("produk_in_steps", "lead")`: a function returning the normalised words of the vocabulary
    list at that path (a frozenset; empty when the path holds nothing), built once per process."""
    def build(v):
        for key in keys:
            v = (v or {}).get(key)
        return frozenset(normalise(w) for w in v or [])
    return cached(build)
