"""The vocabulary (config/vocabulary.yaml) and the spaCy objects built from it, loaded once per process.

Labels are short (a heading, a table cell, the text before a colon), so they are matched with a spaCy
PhraseMatcher over a normalised copy of the text: lower case, punctuation turned into spaces, list numbering
("1.", "A.", "IV.") removed. The tokenizer then sees plain words, so "Biaya/Tarif" and "SP4N-LAPOR!" match
"biaya tarif" and "sp4n lapor". Money, durations and phone numbers are left to regular expressions.
"""

from __future__ import annotations

import re
import threading
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import yaml

from pantau_config import read_text

SERVICE_NAME = "_service_name"  # label class: the content names the service
OTHER = "_other"  # label class: a component that is not one of the seven (dasar hukum, jam pelayanan, ...)

_lock = threading.Lock()
_state: dict[str, Any] = {}

_NUMBERING = re.compile(
    r"^\s*(?:(?:[0-9]{1,2}|[a-zA-Z]|[ivxIVX]{1,4})\s*[.)]\s+|[0-9]{1,2}[.)](?=[A-Z])"  # "2.Prosedur": no space
    r"|\(\s*(?:[0-9]{1,2}|[a-zA-Z])\s*\)\s*|[-•*·▪►»–]\s*)"
)
_NON_WORD = re.compile(r"[^0-9a-z]+")


def normalise(text: str) -> str:
    """Lower case, punctuation to single spaces: the form all vocabulary phrases are compared in."""
    return _NON_WORD.sub(" ", str(text).lower()).strip()


def strip_numbering(text: str) -> str:
    """Drop a leading list marker: "1. ", "a) ", "(2) ", "IV. ", "- ", "• "."""
    prev = None
    while prev != text:
        prev = text
        text = _NUMBERING.sub("", text, count=1)
    return text


def vocabulary() -> dict[str, Any]:
    """The parsed vocabulary.yaml (cached; `reload()` forgets it)."""
    v = _state.get("vocab")
    if v is None:
        with _lock:
            v = _state.get("vocab")
            if v is None:
                v = yaml.safe_load(read_text("vocabulary.yaml"))
                _state["vocab"] = v
    return v


def nlp():
    """The shared blank Indonesian pipeline (tokenizer only)."""
    obj = _state.get("nlp")
    if obj is None:
        with _lock:
            obj = _state.get("nlp")
            if obj is None:
                import spacy

                obj = spacy.blank("id")
                _state["nlp"] = obj
    return obj


def reload() -> None:
    """Forget the cached vocabulary and matchers (tests that change PANTAU_CONFIG_DIR call this)."""
    with _lock:
        _state.clear()
    classify_label.cache_clear()


def _label_matcher():
    m = _state.get("label_matcher")
    if m is None:
        from spacy.matcher import PhraseMatcher

        v = vocabulary()
        model = nlp()
        matcher = PhraseMatcher(model.vocab, attr="LOWER")
        for cls, phrases in (v.get("labels") or {}).items():
            matcher.add(cls, [model.make_doc(normalise(p)) for p in phrases if normalise(p)])
        matcher.add(SERVICE_NAME, [model.make_doc(normalise(p)) for p in v.get("service_name_labels") or []])
        matcher.add(OTHER, [model.make_doc(normalise(p)) for p in v.get("other_labels") or []])
        with _lock:
            _state["label_matcher"] = m = matcher
    return m


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
    doc = nlp().make_doc(norm)
    best = None
    for match_id, start, end in _label_matcher()(doc):
        if start != 0:
            continue
        if best is None or end > best[1]:
            best = (match_id, end)
    if best is None:
        return None
    return nlp().vocab.strings[best[0]], best[1], doc


def _complaint_words() -> frozenset[str]:
    w = _state.get("complaint_words")
    if w is None:
        words = (vocabulary().get("pengaduan") or {}).get("label_words") or []
        w = _state["complaint_words"] = frozenset(normalise(x) for x in words)
    return w


def _handling_words() -> frozenset[str]:
    w = _state.get("handling_words")
    if w is None:
        words = (vocabulary().get("pengaduan") or {}).get("handling_words") or []
        w = _state["handling_words"] = frozenset(normalise(x) for x in words)
    return w


def _first_words() -> dict[str, str]:
    w = _state.get("first_words")
    if w is None:
        words = {normalise(x) for x in vocabulary().get("fuzzy_words") or []}
        w = _state["first_words"] = {x: x for x in words if x}
    return w


def _fix_typo(word: str) -> str | None:
    """A label word within one edit (two for long words) of `word`, for words of 7+ letters."""
    if len(word) < 8 or not word.isalpha():
        return None
    limit = 1 if len(word) < 10 else 2
    for cand in _first_words():
        if abs(len(cand) - len(word)) <= limit and _edit_distance(word, cand, limit) <= limit:
            return cand
    return None


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


def cached(name: str, build):
    """A per-process cache for compiled objects derived from the vocabulary."""
    obj = _state.get(name)
    if obj is None:
        obj = build(vocabulary())
        with _lock:
            _state[name] = obj
    return obj
