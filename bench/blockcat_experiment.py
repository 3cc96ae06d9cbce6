"""Does a learned *block* classifier add findings the rules miss, with evidence? (issue 12)

Each block of a tuning page is labelled from the sidecar's `evidence:` quotes (docs/labels.md): a block a quote
overlaps publishes that component; the blocks between a component's two quotes less than 8 blocks apart do
too (a quoted list's first and last item); a block on a page where the component is false does not; the other
blocks of a page that publishes it are left out of training (a labeller quotes where, not everywhere).
A logistic regression over `extractors.blockcat.page_features` is trained per component.

The question is the fallback: where the rules find nothing for a component, does the classifier's best block
find it, and is it right? Measured by 5-fold cross-validation over the tuning split's hosts only; with
`--holdout`, the model trained on all of tuning at thresholds chosen there is measured once on the held-out
split (figures only, never page names or texts). `--write PATH` saves the model trained on all of tuning, as
shipped (config/learned.yaml names it and holds the thresholds chosen here).

    .venv/bin/python -m bench.blockcat_experiment [--holdout] [--write config/blockcat.json] [--negatives DIR]
"""

from __future__ import annotations

import argparse
import atexit
import json
import os
import random
import shutil
import sys
import tempfile
from collections import Counter
from pathlib import Path

import numpy as np
import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from extractors import build_page, extract  # noqa: E402
from extractors.blockcat import (MAX_BLOCKS, VALUE_KEYS, BlockModel, evidence, page_features,  # noqa: E402
                                 page_refused, shows_content)
from extractors.extract import content_of  # noqa: E402
from extractors.spam import assess as assess_spam  # noqa: E402
from pantau.evaluate import squeeze  # noqa: E402

COMPONENTS = ("persyaratan", "prosedur", "waktu", "biaya", "produk", "pengaduan")
THRESHOLDS = (0.5, 0.6, 0.7, 0.8, 0.85, 0.9, 0.95)
SPAN_GAP = 8


class Doc:
    def __init__(self, path: Path):
        self.label = yaml.safe_load(path.with_suffix(".yaml").read_text(encoding="utf-8"))
        self.host = self.label.get("host") or ""
        self.gold = {c: bool(self.label["components"].get(c)) for c in COMPONENTS}
        url = self.label.get("url") or ""
        if path.suffix == ".txt":
            text = path.read_text(encoding="utf-8", errors="replace")
            page = build_page(url, text.encode("utf-8"), "text/plain")
        else:  # the synthetic corpus's HTML and PDF pages (--negatives)
            page = build_page(url, path.read_bytes(), None)
        ex = extract(page)  # the rules alone: main() switched the learned fallback off
        self.rules = {c: bool(ex.components.get(c)) for c in COMPONENTS}
        # the blocks the finders read (extract's own steps); where the rules publish nothing by design (spam, a
        # page titled as news of a standard), neither does the model
        page, spam = assess_spam(page)
        page = content_of(page)
        self.skip = bool(spam and spam.kind == "spam_page") or page_refused(page)
        self.blocks = page.blocks[:MAX_BLOCKS]
        self.shows = [shows_content(b, page.reading) for b in self.blocks]
        self.feats = page_features(self.blocks)
        self.y = self._block_labels(self.label.get("evidence") or {})

    def _block_labels(self, evidence: dict) -> dict[str, list]:
        starts, joined, pos = [], [], 0
        for b in self.blocks:
            s = squeeze(b.text)
            starts.append(pos)
            joined.append(s)
            pos += len(s) + 1
        text = " ".join(joined)
        ends = [st + len(s) for st, s in zip(starts, joined)]
        out = {}
        for c in COMPONENTS:
            if not self.gold[c]:
                out[c] = [0] * len(self.blocks)
                continue
            hit: list[int] = []
            for q in evidence.get(c) or []:
                q = squeeze(q)
                at = text.find(q)
                if at < 0:
                    at = text.find(q[:40])
                    q = q[:40]
                if at < 0:
                    continue
                hit += [i for i in range(len(self.blocks)) if starts[i] < at + len(q) and ends[i] > at]
            hit = sorted(set(hit))
            ys: list = [None] * len(self.blocks)
            for a, b in zip(hit, hit[1:]):
                if b - a <= SPAN_GAP:
                    for i in range(a, b):
                        ys[i] = 1
            for i in hit:
                ys[i] = 1
            out[c] = ys
        return out

    @property
    def labelled(self) -> bool:
        ev = self.label.get("evidence") or {}
        return all(c in ev for c in COMPONENTS if self.gold[c])


def load(split: str) -> list[Doc]:
    return [Doc(p) for p in sorted((ROOT / "tests/fixtures/real" / split).glob("*.txt"))]


def negatives(directory: Path) -> list[Doc]:
    """Pages of a labelled directory without evidence quotes, for training only: their blocks count as
    negatives of the components the page does not publish, and nothing else."""
    out = []
    for y in sorted(directory.glob("*.yaml")):
        page = [p for p in (y.with_suffix(e) for e in (".html", ".htm", ".txt", ".pdf")) if p.exists()]
        if page:
            d = Doc(page[0])
            d.y = {c: [None if d.gold[c] else 0 for _ in d.blocks] for c in COMPONENTS}
            out.append(d)
    return out


def train(docs: list[Doc], l2: float = 1e-3, iters: int = 300, min_count: int = 2) -> BlockModel:
    counts = Counter(f for d in docs for fs in d.feats for f in set(fs))
    vocab = {f: k for k, f in enumerate(f for f, n in sorted(counts.items()) if n >= min_count)}
    rows, ys = [], []
    for d in docs:
        for i, fs in enumerate(d.feats):
            idx = sorted({vocab[f] for f in fs if f in vocab})
            rows.append(idx)
            ys.append([d.y[c][i] for c in COMPONENTS])
    n, nf, nc = len(rows), len(vocab), len(COMPONENTS)
    indptr = np.cumsum([0] + [len(r) for r in rows])
    indices = np.fromiter((k for r in rows for k in r), dtype=np.int64, count=int(indptr[-1]))
    row_of = np.repeat(np.arange(n), np.diff(indptr))
    y = np.array([[-1 if v is None else v for v in r] for r in ys], dtype=float)
    mask = (y >= 0).astype(float)
    y = np.clip(y, 0, 1)
    # positives are rare: weigh each class to half of the loss
    pos = (y * mask).sum(0)
    neg = ((1 - y) * mask).sum(0)
    weight = mask * np.where(y > 0, 0.5 / np.maximum(pos, 1), 0.5 / np.maximum(neg, 1))
    W = np.zeros((nf, nc))
    b = np.zeros(nc)
    gW2, gb2 = np.zeros_like(W) + 1e-8, np.zeros_like(b) + 1e-8
    lr = 0.5
    for _ in range(iters):
        z = b + np.add.reduceat(W[indices], indptr[:-1], axis=0)
        p = 1 / (1 + np.exp(-np.clip(z, -30, 30)))
        r = (p - y) * weight
        gW = np.stack([np.bincount(indices, weights=r[row_of, c], minlength=nf) for c in range(nc)], 1) + l2 * W
        gb = r.sum(0)
        gW2 += gW ** 2
        gb2 += gb ** 2
        W -= lr * gW / np.sqrt(gW2)
        b -= lr * gb / np.sqrt(gb2)
    names = list(vocab)
    keep = np.abs(W).max(1) >= 1e-3
    weights = {names[k]: [round(float(x), 4) for x in W[k]] for k in np.nonzero(keep)[0]}
    return BlockModel(COMPONENTS, [round(float(x), 4) for x in b], weights)


def decides(model: BlockModel, d: Doc) -> dict[str, dict[float, bool]]:
    """Per component and threshold, whether the fallback publishes it on the page: blockcat.evidence, the
    decision extract() makes."""
    columns = {c: [0.0] * len(d.blocks) for c in COMPONENTS}  # components the model does not have never score
    for i, fs in enumerate(d.feats):
        for c, s in model.scores(fs).items():
            columns[c][i] = s
    return {c: {t: evidence(d.blocks, d.shows.__getitem__, columns[c], c, t) is not None for t in THRESHOLDS}
            for c in COMPONENTS}


def prf(pred, gold):
    tp = sum(p and g for p, g in zip(pred, gold))
    fp = sum(p and not g for p, g in zip(pred, gold))
    fn = sum(g and not p for p, g in zip(pred, gold))
    return (tp / (tp + fp) if tp + fp else 1.0), (tp / (tp + fn) if tp + fn else 1.0)


def report(docs: list[Doc], best: list[dict[str, dict[float, bool]]], title: str) -> dict[str, dict[float, tuple[int, int]]]:
    print(f"\n{title}: {len(docs)} pages")
    print(f"{'component':12} {'rules P/R':>10}  " + "  ".join(f"add@{t}".rjust(9) for t in THRESHOLDS)
          + "   rules∨cat P/R at each")
    added = {}
    for c in COMPONENTS:
        gold = [d.gold[c] for d in docs]
        rules = [d.rules[c] for d in docs]
        added[c] = {}
        cells, ors = [], []
        for t in THRESHOLDS:
            add = [not r and not d.skip and s[c][t] for d, r, s in zip(docs, rules, best)]
            right = sum(a and g for a, g in zip(add, gold))
            added[c][t] = (right, sum(add) - right)
            cells.append(f"{right}/{sum(add)}".rjust(9))
            p, r = prf([a or b for a, b in zip(rules, add)], gold)
            ors.append(f"{p:.2f}/{r:.2f}")
        p, r = prf(rules, gold)
        print(f"{c:12} {p:4.2f}/{r:4.2f}  " + "  ".join(cells) + "   " + " ".join(ors))
    return added


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--holdout", action="store_true")
    ap.add_argument("--write", type=Path)
    ap.add_argument("--l2", type=float, default=1e-3)
    ap.add_argument("--folds", type=int, default=5)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--negatives", type=Path, action="append", default=[],
                    help="a labelled directory whose pages train as negatives only (e.g. tests/fixtures/pages)")
    args = ap.parse_args()
    # the rules alone: a config directory whose learned.yaml lists no fallback (pantau_config's override)
    off = tempfile.mkdtemp(prefix="pantau-rules-only-")
    atexit.register(shutil.rmtree, off, True)
    Path(off, "learned.yaml").write_text("fallback: {}\n", encoding="utf-8")
    os.environ["PANTAU_CONFIG_DIR"] = off
    tuning = [d for d in load("tuning")]
    usable = [d for d in tuning if d.labelled]
    extra = [d for directory in args.negatives for d in negatives(directory)]
    print(f"tuning: {len(tuning)} pages, {len(usable)} with evidence for every published component; "
          f"{sum(len(d.blocks) for d in usable)} blocks; positive blocks "
          + ", ".join(f"{c} {sum(1 for d in usable for v in d.y[c] if v == 1)}" for c in COMPONENTS))
    hosts = sorted({d.host for d in usable})
    random.Random(args.seed).shuffle(hosts)
    fold_of = {h: k % args.folds for k, h in enumerate(hosts)}
    best: list[dict[str, dict[float, bool]]] = [{}] * len(usable)
    for k in range(args.folds):
        model = train([d for d in usable if fold_of[d.host] != k] + extra, args.l2)
        for j, d in enumerate(usable):
            if fold_of[d.host] == k:
                best[j] = decides(model, d)
    report(usable, best, f"tuning, {args.folds}-fold cross-validation by host")
    chosen = choose(usable, best)
    print("\nchosen (best F1 of rules∨fallback in cross-validation, if it beats the rules by 0.005): "
          + ", ".join(f"{c} {t}" for c, t in chosen.items()))
    if args.holdout or args.write:
        model = shipped(train(usable + extra, args.l2), [c for c, t in chosen.items() if t is not None])
        if args.write:
            args.write.write_text(json.dumps(model.to_json(), separators=(",", ":"), sort_keys=True) + "\n")
            print(f"\nwrote {args.write}: {len(model.weights)} features of {list(model.components)}")
        if args.holdout:
            held = load("holdout")
            scores = [decides(model, d) for d in held]
            print(f"\nheld-out split, {len(held)} pages, trained on all of tuning, thresholds chosen above")
            for c, t in chosen.items():
                if t is None:
                    continue
                gold = [d.gold[c] for d in held]
                rules = [d.rules[c] for d in held]
                both = [r or (not d.skip and s[c][t]) for d, r, s in zip(held, rules, scores)]
                (p0, r0), (p1, r1) = prf(rules, gold), prf(both, gold)
                print(f"  {c:12} rules {p0:.2f}/{r0:.2f}   rules∨fallback@{t} {p1:.2f}/{r1:.2f}")


PRUNE = 0.005  # weights smaller than this are left out of the shipped model


def shipped(model: BlockModel, components: list[str]) -> BlockModel:
    """The model as shipped: only the components with a fallback, weights below PRUNE dropped. Held-out figures
    are measured with exactly this model."""
    cols = [model.components.index(c) for c in components]
    weights = {f: [w[k] for k in cols] for f, w in model.weights.items() if max(abs(w[k]) for k in cols) >= PRUNE}
    return BlockModel(components, [model.bias[k] for k in cols], weights)


def f1(p: float, r: float) -> float:
    return 2 * p * r / (p + r) if p + r else 0.0


def choose(docs: list[Doc], best: list[dict[str, dict[float, bool]]]) -> dict[str, float | None]:
    """Per list component, the threshold whose rules∨fallback F1 is best in cross-validation; None when none beats
    the rules alone by 0.005 (ties: the higher threshold, fewer additions)."""
    out: dict[str, float | None] = {}
    for c in VALUE_KEYS:  # a fallback finding's value is its blocks' texts: a list's components only
        gold = [d.gold[c] for d in docs]
        rules = [d.rules[c] for d in docs]
        base = f1(*prf(rules, gold))
        top, at = base + 0.005, None
        for t in THRESHOLDS:
            both = [r or (not d.skip and s[c][t]) for d, r, s in zip(docs, rules, best)]
            score = f1(*prf(both, gold))
            if score >= top:
                top, at = score, t
        out[c] = at
    return out


if __name__ == "__main__":
    main()
