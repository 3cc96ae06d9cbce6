"""A learned block classifier: does this block publish component X? (issue 12: "consider a learned block
classifier beside the rules")

A linear model (logistic regression) over the words of a block and of the short line that labels it, trained on
the real corpus's tuning split from the labellers' evidence quotes (`evidence:` in the sidecars,
bench/blockcat_experiment.py). The features are plain strings, the weights a JSON file: nothing is downloaded,
nothing is unpickled, and a block is scored with dictionary look-ups.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from functools import lru_cache

import yaml
from pantau_config import read_text

from .components.base import Context, trim
from .components.pengaduan import is_about_complaints
from .components.persyaratan import for_job_applicants
from .context import is_reported_speech, negative_title
from .labels import components_named, defines_component, label_of
from .model import Block, Finding, Page

_WORD = re.compile(r"[^\W\d_]+|\d+")
MAX_BLOCKS = 1500  # blocks of one page scored at most (a hostile page of 10^5 lines costs no more)
NEIGHBOURS = 8  # blocks either side of the best one that join its evidence when they score >= NEIGHBOUR_SCORE
NEIGHBOUR_SCORE = 0.5
VALUE_KEYS = {"persyaratan": "items", "prosedur": "steps"}  # the value a rule finding of each carries
ITEM_CHARS = 4000  # characters kept of an evidence block (the rules' longest list item): the model read 60 words
LABEL_WORDS = 8  # a block of at most this many words may be the label of the blocks after it
TEXT_WORDS = 60  # words of a block read (a long paragraph's opening says what it is about)
PREVIOUS_WORDS = 12  # words of the block before read
MEMO_TEXTS = 4096  # block texts whose sums a model remembers (then it forgets them all)
MEMO_CHARS = 300  # the longest text remembered (98 % of the bench's scored blocks; memory: a few MB at most)


def _words(text: str, limit: int) -> list[str]:
    """The first `limit` words of a text, lower-cased, each number as "0"."""
    head = text[:_PREFIX]
    if head.isascii():  # lower-casing ASCII keeps letters letters: one lower() instead of one a word
        found = _WORD.findall(head.lower())
        if len(found) <= limit and len(text) > _PREFIX:  # the prefix may cut the limit-th word: read it all
            return _words_of(_WORD.findall(text), limit)
        return ["0" if w[0].isdigit() else w for w in found[:limit]]
    found = _WORD.findall(head)
    if len(found) <= limit and len(text) > _PREFIX:
        found = _WORD.findall(text)
    return _words_of(found, limit)


def _words_of(found: list[str], limit: int) -> list[str]:
    return ["0" if w[0].isdigit() else w.lower() for w in found[:limit]]


_PREFIX = 1500  # characters read for a block's words, usually: 60 words fit with room to spare


def page_words(blocks: Sequence[Block]) -> list[list[str]]:
    return [_words(b.text, TEXT_WORDS) for b in blocks]


def label_above(words: Sequence[Sequence[str]]) -> list[int]:
    """Per block, the index of the nearest short line above it (1..LABEL_WORDS words, at most 11 blocks up), or
    -1: the label a list or a value sits under."""
    return _labels_above([len(ws) for ws in words])


def _labels_above(lengths: Sequence[int]) -> list[int]:
    """label_above from the blocks' numbers of words."""
    out, short = [], -1
    for i, n in enumerate(lengths):
        out.append(short if short >= 0 and i - short <= 11 else -1)
        if 0 < n <= LABEL_WORDS:
            short = i
    return out


def page_features(blocks: Sequence[Block]) -> list[list[str]]:
    """Each block's features: its kind, length, words, word pairs and first word ("k:", "n:", "w:", "b:", "f:"),
    the words of the short line above it and how far up ("h:", "d:"), and the first words of the block before it
    ("p:"). The model's training reads these; BlockModel.page_scores computes the same sums without the strings."""
    words = page_words(blocks)
    out = []
    for i, (b, ws, above) in enumerate(zip(blocks, words, label_above(words))):
        feats = [f"k:{b.kind}", f"n:{min(len(ws), 40) // 5}"]
        feats += [f"w:{w}" for w in ws]
        feats += [f"b:{a}_{c}" for a, c in zip(ws, ws[1:])]
        if ws:
            feats.append(f"f:{ws[0]}")
        if above >= 0:
            feats += [f"h:{w}" for w in words[above]]
            feats.append(f"d:{min(i - above, 6)}")
        if i > 0:
            feats += [f"p:{w}" for w in words[i - 1][:PREVIOUS_WORDS]]
        out.append(feats)
    return out


FEATURE_KINDS = tuple("knwbfhdp")  # the prefixes of page_features, "k:" … "p:"


class BlockModel:
    """Per component, a bias and a weight per feature; `score` is the probability the block publishes it."""

    def __init__(self, components: Sequence[str], bias: Sequence[float], weights: dict[str, Sequence[float]]):
        self.components = tuple(components)
        self.bias = tuple(bias)
        self.weights = weights
        self._packed = _Packing(self.bias, weights.values())
        # the packed weights by feature kind, keyed by what follows "w:" etc. (a word pair by its two words): a
        # block's sums are then dictionary look-ups of its words, without building a string per feature
        self._packed_by_kind: dict[str, dict] = {}
        for name, w in weights.items():
            kind, _, key = name.partition(":")
            self._packed_by_kind.setdefault(kind, {})[tuple(key.split("_")) if kind == "b" else key] = \
                self._packed.pack(w)
        self._packed_bias = self._packed.pack(self.bias)
        self._memo: dict[str, tuple[int, int, int, int]] = {}  # text -> _text_row(text)

    def scores(self, feats: Sequence[str]) -> dict[str, float]:
        present = [w for w in map(self.weights.get, set(feats)) if w is not None]
        return self._probabilities(self._sum(present, self.bias))

    def page_scores(self, blocks: Sequence[Block]) -> list[dict[str, float]]:
        """[scores(f) for f in page_features(blocks)] to the last bit: the same weights looked up without building
        the feature strings, summed exactly (tests hold the two together). Each weight row is one integer (see
        _Packing), so what a block's text adds is one number whatever its neighbours: remembered per text (a
        site's pages repeat their blocks), a block costs a few additions."""
        K, D = self._packed_by_kind.get("k", {}), self._packed_by_kind.get("d", {})
        rows = [self._text_row(b.text) for b in blocks]
        above_of = _labels_above([r[0] for r in rows])
        unpack, bias = self._packed.unpack, self._packed_bias
        out = []
        for i, (b, row, above) in enumerate(zip(blocks, rows, above_of)):
            total = bias + (K.get(b.kind) or 0) + row[1]
            if above >= 0:
                total += rows[above][3] + (D.get(str(min(i - above, 6))) or 0)
            if i > 0:
                total += rows[i - 1][2]
            out.append(self._probabilities(unpack(total)))
        return out

    def _text_row(self, text: str) -> tuple[int, int, int, int]:
        """(its number of words, the packed sum of its length, words, word pairs and first word, of its words as
        the block before another ("p:"), of its words as the label above another ("h:", only a short line is
        one))."""
        row = self._memo.get(text)
        if row is not None:
            return row
        N, W, B, F, H, P = (self._packed_by_kind.get(k, {}) for k in "nwbfhp")
        ws = _words(text, TEXT_WORDS)
        own = ((N.get(str(min(len(ws), 40) // 5)) or 0) + sum(filter(None, map(W.get, set(ws))))
               + sum(filter(None, map(B.get, set(zip(ws, ws[1:]))))) + ((F.get(ws[0]) or 0) if ws else 0))
        before = sum(filter(None, map(P.get, set(ws[:PREVIOUS_WORDS]))))
        label = sum(filter(None, map(H.get, set(ws)))) if 0 < len(ws) <= LABEL_WORDS else 0
        row = (len(ws), own, before, label)
        if len(text) <= MEMO_CHARS:
            if len(self._memo) >= MEMO_TEXTS:
                self._memo.clear()  # bounded: a hostile site's endless distinct blocks cost no memory
            self._memo[text] = row
        return row

    @staticmethod
    def _sum(rows: Sequence[Sequence[float]], start: Sequence[float]) -> tuple:
        # fsum is exact, so a total does not depend on the order of its rows: features come from sets, whose
        # order follows the hash seed, and a plain sum made a score near a threshold differ between processes
        return tuple(math.fsum((b, *col)) for b, col in zip(start, zip(*rows))) if rows else tuple(start)

    def _probabilities(self, totals: Sequence[float]) -> dict[str, float]:
        return {c: 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, t)))) for c, t in zip(self.components, totals)}

    def to_json(self) -> dict:
        return {"components": list(self.components), "bias": list(self.bias), "weights": self.weights}

    @classmethod
    def from_json(cls, data: dict) -> "BlockModel":
        """The model of a to_json() dict; ValueError says what is malformed."""
        if not isinstance(data, dict) or set(data) != {"components", "bias", "weights"}:
            raise ValueError("a model has exactly the keys components, bias and weights")
        comps, bias, weights = data["components"], data["bias"], data["weights"]
        if not isinstance(comps, list) or not comps or not all(isinstance(c, str) for c in comps):
            raise ValueError("components must be a non-empty list of names")
        if not _numbers(bias, len(comps)):
            raise ValueError(f"bias must be {len(comps)} numbers, one per component")
        if not isinstance(weights, dict):
            raise ValueError("weights must map features to numbers")
        bad = next((f for f, w in weights.items() if not _numbers(w, len(comps))), None)
        if bad is not None:
            raise ValueError(f"weights of {bad!r} must be {len(comps)} numbers, one per component")
        # a feature page_scores cannot look up would count in scores() (the experiment) and not at runtime
        bad = next((f for f in weights if f.partition(":")[0] not in FEATURE_KINDS or ":" not in f), None)
        if bad is not None:
            raise ValueError(f"feature {bad!r} is none of page_features' kinds ({', '.join(FEATURE_KINDS)}:)")
        return cls(comps, [float(x) for x in bias], {f: [float(x) for x in w] for f, w in weights.items()})


# The most weight rows one block's sum reads: kind, length, words, word pairs, first word, the label's words, its
# distance, the previous block's words (page_scores)
MAX_ROWS = 2 + TEXT_WORDS + (TEXT_WORDS - 1) + 1 + LABEL_WORDS + 1 + PREVIOUS_WORDS


class _Packing:
    """Exact sums of weight rows as Python integers. Every finite float is an integer times 2**-E (E from the
    weights' own binary fractions), so a row of per-component weights becomes one integer, its components as
    signed fields S bits apart, wide enough that no field of a sum of MAX_ROWS rows plus the bias spills into the
    next. Integer sums are exact and order-free, and int / 2**E is rounded once, to nearest even, as math.fsum
    rounds the same exact sum: the totals are fsum's to the last bit (tests/test_extract_speed.py)."""

    def __init__(self, bias: Sequence[float], rows) -> None:
        rows = [tuple(bias), *map(tuple, rows)]
        self.n = len(bias)
        self.exp = max((x.as_integer_ratio()[1].bit_length() - 1 for row in rows for x in row), default=0)
        self.scale = 1 << self.exp
        biggest = max((abs(self._int(x)) for row in rows for x in row), default=0)
        self.bits = ((MAX_ROWS + 1) * biggest).bit_length() + 2  # |field| < 2**(bits-1)
        self.mask = (1 << self.bits) - 1
        self.half = 1 << (self.bits - 1)

    def _int(self, x: float) -> int:
        num, den = x.as_integer_ratio()  # den is a power of two <= 2**exp
        return num * (self.scale // den)

    def pack(self, row: Sequence[float]) -> int:
        return sum(self._int(x) << (k * self.bits) for k, x in enumerate(row))

    def unpack(self, total: int) -> tuple[float, ...]:
        out = []
        for _ in range(self.n):
            field = total & self.mask
            if field >= self.half:
                field -= 1 << self.bits
            out.append(field / self.scale)  # int / int: correctly rounded, half to even
            total = (total - field) >> self.bits
        return tuple(out)


def _numbers(row: object, n: int) -> bool:
    return (isinstance(row, list) and len(row) == n
            and all(isinstance(x, (int, float)) and not isinstance(x, bool) and math.isfinite(x) for x in row))


def shows_content(block: Block, reading: str) -> bool:
    """A block that may be a learned finding's evidence: not a link (a menu, a site map), not a component's
    definition, and not a component's name alone ("Persyaratan :", "2. persyaratan;" in a list of the
    components): a label says nothing is published until content follows it, and the model, trained on quotes
    that start at labels, scores labels high. (Reported speech is judged per component: `evidence`.)"""
    if block.link or defines_component(block.text):
        return False  # a menu, or what a component is, publishes nothing (the rules' refusals too)
    if "|" in block.text:  # a flattened table's row: "| 2 | Persyaratan |" is a label too, read as a line
        block = Block("paragraph", " ".join(block.text.replace("|", " ").split()))
    outline = _OUTLINE_NUMBER.match(block.text)
    if outline:  # "1.2 Sistem, Mekanisme dan Prosedur" (a document's contents): the labels' numbering is "1. " only
        block = replace(block, text=block.text[outline.end():])
    hit = label_of(block, reading)
    return hit is None or hit.kind != "line" or bool(hit.inline.strip())


_OUTLINE_NUMBER = re.compile(r"\s*\d{1,2}(?:\.\d{1,2})+\.?\s+")


def page_refused(page: Page) -> bool:
    """Pages the fallback leaves to the rules: a title that says the page is no standard (a vacancy, a tender:
    the rules' negative titles) or a complaints page (its steps are how a complaint is handled)."""
    return negative_title(page) or is_about_complaints(page.title or "")


TALKS_ABOUT_THE_STANDARD = 3  # a sentence naming this many components talks about the standard


def refused(component: str, text: str) -> bool:
    """The evidence is what the rules refuse for the component: a job applicant's requirements, how a complaint
    is handled (the complaints channel's business, not a service's procedure), or a sentence about the standard
    itself ("Persyaratan, prosedur, waktu dan biaya setiap layanan tercantum dalam …")."""
    return (component == "persyaratan" and for_job_applicants(text) or is_about_complaints(text)
            or len(components_named(text)) >= TALKS_ABOUT_THE_STANDARD)


@dataclass(frozen=True)
class Fallback:
    """The shipped model and, per component, the score at which its best block counts where the rules found
    nothing (config/learned.yaml)."""

    model: BlockModel | None  # None when no component has a fallback
    thresholds: dict[str, float]


@lru_cache(maxsize=1)
def fallback() -> Fallback:
    """Read once per process, like the vocabulary (a changed file needs a new process). A malformed file is a
    ValueError that names it, raised on the first page rather than deep inside some extraction."""
    try:
        conf = yaml.safe_load(read_text("learned.yaml")) or {}
    except yaml.YAMLError as e:
        raise ValueError(f"learned.yaml: not YAML: {e}") from e
    if not isinstance(conf, dict) or not isinstance(conf.get("fallback") or {}, dict):
        raise ValueError("learned.yaml: a mapping with `model` (a file name) and `fallback` (component: threshold)")
    thresholds = {}
    for c, t in (conf.get("fallback") or {}).items():
        if not isinstance(t, (int, float)) or isinstance(t, bool) or not 0 < t <= 1:
            raise ValueError(f"learned.yaml: the threshold of {c} must be a number in (0, 1], not {t!r}")
        thresholds[str(c)] = float(t)
    if not thresholds:
        return Fallback(None, {})
    name = conf.get("model")
    if not isinstance(name, str):
        raise ValueError("learned.yaml: `model` must name the weights file (blockcat.json)")
    try:
        model = BlockModel.from_json(json.loads(read_text(name)))
    except ValueError as e:  # json's decode errors are ValueErrors too
        raise ValueError(f"{name}: {e}") from e
    unknown = sorted(set(thresholds) - (set(model.components) & set(VALUE_KEYS)))
    if unknown:
        raise ValueError(f"learned.yaml: no learned fallback for {unknown} (the model has {list(model.components)}, "
                         f"a fallback value for {sorted(VALUE_KEYS)})")
    return Fallback(model, thresholds)


def find_missing(ctx: Context, missing: Sequence[str]) -> list[tuple[int, Finding]]:
    """For each component in `missing` (the rules found it nowhere on the page) that has a fallback, the page's
    best-scoring block when it reaches the threshold, with the neighbouring blocks that score >= 0.5 as its
    evidence: (index of the best block, finding). The finding's confidence is the model's score."""
    fb = fallback()
    wanted = [c for c in missing if c in fb.thresholds]
    page = ctx.page
    if not wanted or fb.model is None or page_refused(page):
        return []
    blocks = page.blocks[:MAX_BLOCKS]
    scores = fb.model.page_scores(blocks)
    shown: dict[int, bool] = {}

    def shows(i: int) -> bool:
        if i not in shown:
            shown[i] = shows_content(blocks[i], page.reading)
        return shown[i]

    out = []
    for c in wanted:
        column = [s[c] for s in scores]
        found = evidence(blocks, shows, column, c, fb.thresholds[c])
        if found is None:
            continue
        best, lo, hi = found
        texts = [trim(b.text, ITEM_CHARS) for b in blocks[lo:hi + 1]]
        out.append((best, Finding(component=c, service=None, value={VALUE_KEYS[c]: texts},
                                  snippet=trim(" ".join(texts)), url=page.url, locator=ctx.locate(best),
                                  confidence=round(column[best], 2), source=page.source,
                                  method="learned")))
    return out


# Components whose best block may be reported speech: an official's quoted requirements in a story are published
# ("\"Surat nikah asli, fotokopi KTP …,\" katanya"; docs/real-corpus.md), and letting them in added 3 right
# requirement findings and no wrong one in cross-validation (789 tuning pages); for procedures it added 1, and a
# quote that only calls a procedure easy ("Prosedur pendaftaran SKTM kini lebih mudah …, kata Lurah") scored 0.94.
SPEECH_READ = frozenset({"persyaratan"})


def evidence(blocks: Sequence[Block], shows: Callable[[int], bool], column: Sequence[float], component: str,
             threshold: float) -> tuple[int, int, int] | None:
    """(best, first, last): the best-scoring block that shows content and the run of blocks around it that score
    >= NEIGHBOUR_SCORE, when the best reaches the threshold and no block of the run is refused; else None.
    bench/blockcat_experiment.py measures exactly this decision."""
    # highest score first, the first block of equal scores first; only blocks over the threshold are asked
    # whether they show content (label_of, the speech and definition tests: the costly part)
    ranked = sorted((i for i, x in enumerate(column) if x >= threshold), key=lambda i: (-column[i], i))
    best = next((i for i in ranked if shows(i) and (component in SPEECH_READ or not is_reported_speech(blocks[i].text))),
                None)
    if best is None:
        return None
    lo = hi = best
    while lo > 0 and best - lo < NEIGHBOURS and column[lo - 1] >= NEIGHBOUR_SCORE:
        lo -= 1
    while hi + 1 < len(column) and hi - best < NEIGHBOURS and column[hi + 1] >= NEIGHBOUR_SCORE:
        hi += 1
    if any(refused(component, blocks[i].text) for i in range(lo, hi + 1)):
        return None
    if lo == hi and _lone_item(blocks, best):
        return None
    return best, lo, hi


def _lone_item(blocks: Sequence[Block], i: int) -> bool:
    """One item of a list of three or more is the only one the model likes: a list's items are of a kind (all
    requirements, all steps), so this one is something else (a portal's list of services: "Administrasi
    Kependudukan – KTP-el, Kartu Keluarga, akta-akta …")."""
    return blocks[i].kind == "list_item" and _list_length(blocks, i) >= 3


def _list_length(blocks: Sequence[Block], i: int) -> int:
    """How many list items of block i's level run together around it."""
    lo = hi = i
    while lo > 0 and blocks[lo - 1].kind == "list_item" and blocks[lo - 1].level == blocks[i].level:
        lo -= 1
    while hi + 1 < len(blocks) and blocks[hi + 1].kind == "list_item" and blocks[hi + 1].level == blocks[i].level:
        hi += 1
    return hi - lo + 1
