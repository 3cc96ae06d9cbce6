"""The service catalogue (`config/layanan.yaml`) and the matching of a published service name to one entry.

    match("1. Pelayanan Penerbitan Akte Kelahiran")  -> CatalogueMatch(id="akta_kelahiran", ..., score=1.0)
    match("Visi Misi")                               -> CatalogueMatch(id=None, candidate=None, score=0.0)

How a name is matched (the policy and its hard cases are in docs/catalogue.md):
1. normalise: NFKC, casefold, list numbering dropped, punctuation to spaces, hyphenated and slashed parts
   kept both split and joined ("KTP-el" -> "ktp el" and "ktpel"); the typo map fixes known misspellings
   ("akte" -> "akta"); the filler words (pelayanan, penerbitan, standar …) are dropped;
2. every catalogue phrase (name, synonyms) whose words all occur in the name marks those words as covered
   for its entry; an unknown word close to a catalogue word (difflib, cached) counts as that word;
3. an entry's score is the weighted share of the name's words its phrases cover (generic words, numbers and
   unknown acronyms weigh little); the best entry is the match when its score reaches `matching.threshold`,
   unless a `matching.blockers` word says the name is about something else (a legalisir of an akta is not
   the akta), or another entry fully matches a strong word the best one does not cover (a bundle like
   "KTP-el dan KIA" is no single service).
Standard library only (difflib), deterministic, and fast: the per-word work is cached.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import yaml
from pantau_config import read_text

CONFIG_NAME = "layanan.yaml"
MAX_NAME_CHARS = 300  # a "name" longer than this is a paragraph: only its head is matched
MAX_WORDS = 40


class CatalogueError(ValueError):
    """config/layanan.yaml is malformed (a missing key, a duplicate id or synonym)."""


@dataclass(frozen=True)
class CatalogueEntry:
    id: str
    name: str
    synonyms: tuple[str, ...]
    sector: str
    tags: tuple[str, ...]


@dataclass(frozen=True)
class CatalogueMatch:
    id: str | None  # None: matched no entry well enough
    name: str | None  # the entry's official name when matched
    candidate: str | None  # the best entry's id even when unmatched (None when nothing shares a word)
    score: float  # 0..1: the share of the name's words the candidate's phrases cover


# ---------------------------------------------------------------------------------------------------
# loading


@dataclass(frozen=True)
class _Rules:
    threshold: float
    fuzzy_cutoff: float
    filler: frozenset[str]
    weak: frozenset[str]
    weak_weight: float
    channel_words: frozenset[str]
    place_words: frozenset[str]
    office_words: frozenset[str]
    typos: dict[str, str]
    blockers: dict[str, _Blocker]  # word -> what it does to a name whose best entry lacks it


@dataclass(frozen=True)
class _Blocker:
    target: str | None  # the id the name belongs to instead (None: no entry)
    sectors: frozenset[str]  # only when the best entry is in one of these sectors (empty: any)


@lru_cache(maxsize=1)
def _raw() -> dict[str, Any]:
    try:
        data = yaml.safe_load(read_text(CONFIG_NAME))
    except yaml.YAMLError as exc:
        raise CatalogueError(f"{CONFIG_NAME}: not valid YAML ({exc})") from None
    if not isinstance(data, dict) or not isinstance(data.get("layanan"), list):
        raise CatalogueError(f"{CONFIG_NAME}: needs a top-level 'layanan' list")
    return data


@lru_cache(maxsize=1)
def load_catalogue() -> tuple[CatalogueEntry, ...]:
    """Every catalogue entry, in file order (read once per process)."""
    out, seen = [], set()
    for i, item in enumerate(_raw()["layanan"]):
        if not isinstance(item, dict):
            raise CatalogueError(f"{CONFIG_NAME}: layanan[{i}] is not a mapping")
        try:
            e = CatalogueEntry(
                id=str(item["id"]),
                name=str(item["name"]),
                synonyms=tuple(str(s) for s in item.get("synonyms") or ()),
                sector=str(item["sector"]),
                tags=tuple(str(t) for t in item.get("tags") or ()),
            )
        except KeyError as exc:
            raise CatalogueError(f"{CONFIG_NAME}: layanan[{i}] lacks {exc.args[0]!r}") from None
        if not re.fullmatch(r"[a-z][a-z0-9_]*", e.id):
            raise CatalogueError(f"{CONFIG_NAME}: id {e.id!r} is not snake_case")
        if e.id in seen:
            raise CatalogueError(f"{CONFIG_NAME}: duplicate id {e.id!r}")
        seen.add(e.id)
        out.append(e)
    return tuple(out)


def _word_set(values: Any) -> frozenset[str]:
    return frozenset(w for v in values or () for w in _plain_words(str(v)))


@lru_cache(maxsize=1)
def _rules() -> _Rules:
    m = _raw().get("matching") or {}
    if not isinstance(m, dict):
        raise CatalogueError(f"{CONFIG_NAME}: 'matching' must be a mapping")
    ids = {e.id for e in load_catalogue()}
    blockers: dict[str, _Blocker] = {}
    for word, spec in (m.get("blockers") or {}).items():
        spec = spec if isinstance(spec, dict) else {"to": spec}
        target = spec.get("to")
        if target is not None and str(target) not in ids:
            raise CatalogueError(f"{CONFIG_NAME}: matching.blockers[{word!r}] names unknown id {target!r}")
        blockers[" ".join(_plain_words(str(word)))] = _Blocker(
            None if target is None else str(target), frozenset(str(x) for x in spec.get("sectors") or ()))
    typos = {" ".join(_plain_words(str(k))): " ".join(_plain_words(str(v)))
             for k, v in (m.get("typos") or {}).items()}
    try:
        return _Rules(
            threshold=float(m.get("threshold", 0.6)),
            fuzzy_cutoff=float(m.get("fuzzy_cutoff", 0.85)),
            filler=_word_set(m.get("filler")),
            weak=_word_set(m.get("weak")),
            weak_weight=float(m.get("weak_weight", 0.3)),
            channel_words=_word_set(m.get("channel_words")),
            place_words=_word_set(m.get("place_words")),
            office_words=_word_set(m.get("office_words")),
            typos=typos,
            blockers=blockers,
        )
    except (TypeError, ValueError) as exc:
        raise CatalogueError(f"{CONFIG_NAME}: matching: {exc}") from None


def entry(catalogue_id: str) -> CatalogueEntry | None:
    """The entry with this id, or None."""
    return _by_id().get(catalogue_id)


@lru_cache(maxsize=1)
def _by_id() -> dict[str, CatalogueEntry]:
    return {e.id: e for e in load_catalogue()}


def reset_cache() -> None:
    """Forget the loaded catalogue (tests that switch PANTAU_CONFIG_DIR)."""
    for f in (_raw, load_catalogue, _rules, _by_id, _index, _canonical_word, _match_words):
        f.cache_clear()


# ---------------------------------------------------------------------------------------------------
# normalising

# "1. ", "2) ", "(a) ", "IV. ", "- ", and "5.Pelayanan" (no space before a letter)
_NUMBERING = re.compile(r"^\s*(?:[(\[]?(?:\d{1,3}|[a-z]|[ivxlc]{1,6})[.)\]:](?:\s+|(?=[^\W\d]))|[-•*·–]\s*)+",
                        re.IGNORECASE)
_ACRONYM = re.compile(r"\b[A-Z][A-Z0-9]{1,6}\b")  # "PK3D", "APBN": a local programme's or a budget's label
_ROMAN = re.compile(r"[ivx]{1,4}")  # "Rawat Inap Kelas III": a class, a number
_PARENS = re.compile(r"\(([^()]*)\)")
_JOINED = re.compile(r"\b(\w+)[-/.](\w+)\b")  # KTP-el, e-KTP, IMB/PBG
_NON_WORD = re.compile(r"[^\w]+|_")


def _clean(text: str) -> str:
    return _NUMBERING.sub("", unicodedata.normalize("NFKC", text[:MAX_NAME_CHARS]).casefold())


def _plain_words(text: str) -> list[str]:
    """Casefolded words of TEXT, list numbering dropped, punctuation as a separator."""
    return _NON_WORD.sub(" ", _clean(text)).split()[:MAX_WORDS]


def _joined_words(text: str) -> list[str]:
    """The hyphen/slash-joined forms of TEXT's pairs ("KTP-el" -> "ktpel"): a name may write them either way."""
    return [a + b for a, b in _JOINED.findall(_clean(text)) if len(a) + len(b) <= 12][:MAX_WORDS]


def _acronyms(name: str) -> frozenset[str]:
    """Upper-case tokens of NAME as written (casefolded): weak when the catalogue does not know them. In a name
    written all in capitals only tokens with a digit can be told apart as acronyms."""
    text = unicodedata.normalize("NFKC", name[:MAX_NAME_CHARS])
    shouting = not any(c.islower() for c in text)
    return frozenset(a.casefold() for a in _ACRONYM.findall(text) if not shouting or any(c.isdigit() for c in a))


def _content_words(name: str) -> tuple[list[str], list[str]]:
    """The words a catalogue phrase must explain (typos fixed, filler dropped, the channel part cut off),
    and the joined forms, which may match but never count against a name."""
    rules = _rules()
    words = [rules.typos.get(w, w) for w in _plain_words(name)]
    for i, w in enumerate(words):
        office_follows = w in rules.place_words and i + 1 < len(words) and words[i + 1] in rules.office_words
        if w in rules.channel_words or office_follows:  # at 0: "PADA DINAS KESEHATAN …" is a fragment
            words = words[:i]
            break
    out: list[str] = []
    for w in words:
        if w not in rules.filler and w not in out:
            out.append(w)
    joined = [j for j in _joined_words(name) if j not in out]
    return out, joined


# ---------------------------------------------------------------------------------------------------
# the index


@dataclass(frozen=True)
class _Index:
    phrases: tuple[tuple[str, frozenset[str]], ...]  # (id, the words that must all be in a name)
    by_word: dict[str, tuple[int, ...]]  # word -> indexes of the phrases holding it
    vocabulary: tuple[str, ...]  # every catalogue word (for the typo-tolerant lookup)
    exact: dict[str, str]  # a phrase's sorted words -> id (for `find`, and to catch a phrase claimed twice)


@lru_cache(maxsize=1)
def _index() -> _Index:
    rules = _rules()
    phrases: list[tuple[str, frozenset[str]]] = []
    by_word: dict[str, list[int]] = {}
    exact: dict[str, str] = {}
    for e in load_catalogue():
        for text in _variants((e.name, *e.synonyms)):
            plain = [rules.typos.get(w, w) for w in _plain_words(text)]
            core = frozenset(w for w in plain if w not in rules.filler)
            if not core:  # names lose their filler words before matching: this phrase could never match
                raise CatalogueError(f"{CONFIG_NAME}: {e.id}: {text!r} is made of filler words only")
            key = " ".join(sorted(core))
            if exact.get(key, e.id) != e.id:
                raise CatalogueError(f"{CONFIG_NAME}: {text!r} is claimed by {exact[key]!r} and {e.id!r}")
            exact[key] = e.id
            for alt in (core, *(frozenset([j]) for j in _joined_words(text))):
                by_index = len(phrases)
                phrases.append((e.id, alt))
                for w in alt:
                    by_word.setdefault(w, []).append(by_index)
    return _Index(tuple(phrases), {w: tuple(v) for w, v in by_word.items()}, tuple(sorted(by_word)), exact)


_ABBREVIATION = re.compile(r"[A-Za-z0-9-]*[A-Z][A-Za-z0-9-]*[A-Z][A-Za-z0-9-]*")  # KIA, KTP-el, SPP-IRT


def _variants(texts) -> list[str]:
    """Each text, and for "Kartu Identitas Anak (KIA)" also "Kartu Identitas Anak" and "KIA". A parenthesised
    part that is not an abbreviation ("(Laboratorium)", "(umum)") qualifies the name: only the bare name is added."""
    out: list[str] = []
    for text in texts:
        parts = [m.group(1).strip() for m in _PARENS.finditer(text)]
        bare = _PARENS.sub(" ", text).strip() if parts else text
        for v in (text, bare, *(p for p in parts if _ABBREVIATION.fullmatch(p))):
            if v.strip() and v not in out:
                out.append(v)
    return out


@lru_cache(maxsize=20000)
def _canonical_word(word: str) -> str:
    """WORD itself when the catalogue knows it, else the closest catalogue word (a typo), else WORD."""
    idx = _index()
    if word in idx.by_word or len(word) < 5:
        return word
    close = difflib.get_close_matches(word, [v for v in idx.vocabulary if abs(len(v) - len(word)) <= 2],
                                      n=1, cutoff=_rules().fuzzy_cutoff)
    return close[0] if close else word


# ---------------------------------------------------------------------------------------------------
# matching


def match(name: str) -> CatalogueMatch:
    """The catalogue entry NAME publishes, or an unmatched result carrying the best candidate and its score."""
    if not isinstance(name, str) or not name.strip():
        return CatalogueMatch(None, None, None, 0.0)
    full = _match_text(name)
    if full.id is None and "(" in name:
        # a parenthesised qualifier the catalogue cannot explain ("Izin Gangguan (Kategori Ringan)",
        # "Pemeriksaan Air Bersih (Fisika dan Kimia)") should not sink the name it qualifies
        bare = _PARENS.sub(" ", name[:MAX_NAME_CHARS])
        if bare.strip():
            stripped = _match_text(bare)
            if stripped.id is not None:
                return stripped
    return full


def _match_text(name: str) -> CatalogueMatch:
    words, joined = _content_words(name)
    known = _index().by_word
    weak_acronyms = tuple(sorted(a for a in _acronyms(name) if a in words and a not in known))
    return _match_words(tuple(_canonical_word(w) for w in words), tuple(joined), weak_acronyms)


def _weight(word: str, rules: _Rules, weak_acronyms: tuple[str, ...]) -> float:
    """How much WORD counts in a name: generic words, numbers and unknown acronyms count little."""
    if word in rules.weak or word.isdigit() or _ROMAN.fullmatch(word) or word in weak_acronyms:
        return rules.weak_weight
    return 1.0


@lru_cache(maxsize=20000)
def _match_words(words: tuple[str, ...], joined: tuple[str, ...],
                 weak_acronyms: tuple[str, ...] = ()) -> CatalogueMatch:
    rules, idx = _rules(), _index()
    if not words:
        return CatalogueMatch(None, None, None, 0.0)
    present = set(words) | set(joined)
    hits: dict[int, int] = {}  # phrase index -> how many of its words the name holds
    for w in present:
        for i in idx.by_word.get(w, ()):
            hits[i] = hits.get(i, 0) + 1
    covered: dict[str, set[str]] = {}  # id -> the name's words its fully present phrases explain
    for i, n in hits.items():
        cid, phrase = idx.phrases[i]
        if n == len(phrase):
            covered.setdefault(cid, set()).update(phrase)
    if not covered:  # no phrase complete: the candidate is the entry with the best-overlapping phrase
        if not hits:
            return CatalogueMatch(None, None, None, 0.0)
        share = {}
        for i, n in hits.items():
            cid, phrase = idx.phrases[i]
            share[cid] = max(share.get(cid, 0.0), n / (len(phrase) + len(present) - n))
        best = max(sorted(share), key=lambda c: share[c])
        return CatalogueMatch(None, None, best, round(share[best] / 2, 3))
    weights = {w: _weight(w, rules, weak_acronyms) for w in words}
    total = sum(weights.values())
    if joined:  # a joined form covers its parts: "ktpel" explains "ktp" and "el"
        parts = {j: _parts(j, words) for j in joined}
        for ws in covered.values():
            for j in ws & parts.keys():
                ws.update(parts[j])
    scores = {cid: sum(weights[w] for w in ws if w in weights) / total for cid, ws in covered.items()}
    best = max(sorted(scores), key=lambda c: (scores[c], len(covered[c])))
    score = round(min(scores[best], 1.0), 3)
    present_blockers = present & rules.blockers.keys()
    if any(rules.blockers[w].target == best for w in present_blockers):  # "Legalisasi SKTM" is the legalisir
        return CatalogueMatch(best, _by_id()[best].name, best, max(score, rules.threshold))
    for word in present_blockers:
        blocker = rules.blockers[word]
        if word not in covered[best] and \
                (not blocker.sectors or _by_id()[best].sector in blocker.sectors):
            if blocker.target is None or blocker.target == best:
                return CatalogueMatch(None, None, best, score)
            return CatalogueMatch(blocker.target, _by_id()[blocker.target].name, blocker.target,
                                  max(score, rules.threshold))
    for c in scores:  # a bundle: "Pelayanan Adminduk (KK, Akta Kelahiran, Akta Kematian)" is no single service
        own = (covered[c] & set(words)) - covered[best]
        if c != best and any(weights[w] == 1.0 and len(w) > 1 for w in own):
            return CatalogueMatch(None, None, best, score)
    if score >= rules.threshold:
        return CatalogueMatch(best, _by_id()[best].name, best, score)
    return CatalogueMatch(None, None, best, score)


def _parts(joined: str, words: tuple[str, ...]) -> set[str]:
    """The words of the name whose concatenation is JOINED ("ktpel" -> {"ktp", "el"})."""
    out = set()
    for a in words:
        if joined.startswith(a) and a != joined and joined[len(a):] in words:
            out.update((a, joined[len(a):]))
    return out


def find(query: str) -> CatalogueEntry | None:
    """The entry QUERY names: an id ("akta_kelahiran"), the official name or a synonym, else the best match."""
    if not isinstance(query, str) or not query.strip():
        return None
    q = query.strip()
    if q in _by_id():
        return _by_id()[q]
    rules = _rules()
    plain = [rules.typos.get(w, w) for w in _plain_words(q)]
    core = {w for w in plain if w not in rules.filler} or set(plain)
    hit = _index().exact.get(" ".join(sorted(core)))
    if hit:
        return _by_id()[hit]
    m = match(q)
    return _by_id()[m.id] if m.id else None
