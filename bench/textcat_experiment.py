"""Does a learned page classifier add anything to the rules? (issue 12: "consider a learned block classifier")

Trains spaCy `textcat_multilabel` (blank Indonesian pipeline, bag-of-words n-grams: nothing downloaded) on the
real corpus's tuning split, one label per component published, and scores it on the held-out split beside the
rules, and the two combinations a finding's evidence rule allows: the classifier as a veto on the rules'
findings (rules AND classifier). "rules OR classifier" is printed for comparison only: a classifier's yes comes
without evidence, and pantau never reports a component without the snippet that publishes it.

    .venv/bin/python bench/textcat_experiment.py [--epochs 30] [--threshold 0.5] [--seed 0] [--fallback]

Prints figures only (never held-out page names or texts).
"""

from __future__ import annotations

import argparse
import random
import sys
from pathlib import Path

import spacy
import yaml
from spacy.training import Example

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from extractors import build_page, extract  # noqa: E402

COMPONENTS = ["persyaratan", "prosedur", "waktu", "biaya", "produk", "pengaduan"]
BOW = {"@architectures": "spacy.TextCatBOW.v3", "exclusive_classes": False, "ngram_size": 2,
       "no_output_layer": False}


def load(split: str) -> list[tuple[str, dict, str]]:
    out = []
    for txt in sorted((ROOT / "tests/fixtures/real" / split).glob("*.txt")):
        label = yaml.safe_load(txt.with_suffix(".yaml").read_text(encoding="utf-8"))
        out.append((txt.read_text(encoding="utf-8", errors="replace"), label, label.get("url") or ""))
    return out


def train(pages, epochs: int, seed: int):
    random.seed(seed)
    spacy.util.fix_random_seed(seed)
    nlp = spacy.blank("id")
    cat = nlp.add_pipe("textcat_multilabel", config={"model": BOW})
    for c in COMPONENTS:
        cat.add_label(c)
    examples = [Example.from_dict(nlp.make_doc(text[:20000]),
                                  {"cats": {c: float(bool(lab["components"].get(c))) for c in COMPONENTS}})
                for text, lab, _ in pages]
    optimizer = nlp.initialize(lambda: examples)
    for _ in range(epochs):
        random.shuffle(examples)
        for batch in spacy.util.minibatch(examples, size=16):
            nlp.update(batch, sgd=optimizer, drop=0.2)
    return nlp


def prf(pred: list[bool], gold: list[bool]) -> tuple[float, float]:
    tp = sum(p and g for p, g in zip(pred, gold))
    fp = sum(p and not g for p, g in zip(pred, gold))
    fn = sum(g and not p for p, g in zip(pred, gold))
    return (tp / (tp + fp) if tp + fp else 1.0), (tp / (tp + fn) if tp + fn else 1.0)


FALLBACK_THRESHOLDS = (0.5, 0.6, 0.7, 0.8, 0.9)


def fallback_thresholds(tuning, epochs: int, seed: int, folds: int = 5) -> dict[str, float]:
    """Per component, the lowest threshold at which the classifier's yes on pages the rules found nothing on is
    right at least 4 times in 5, estimated by cross-validation on the tuning split alone (folds by host), so the
    held-out split is measured once, never used to choose."""
    by_host: dict[str, list] = {}
    for page in tuning:
        by_host.setdefault(page[1].get("host") or page[2], []).append(page)
    hosts = sorted(by_host)
    random.Random(seed).shuffle(hosts)
    added = {c: {t: [0, 0] for t in FALLBACK_THRESHOLDS} for c in COMPONENTS}  # right, wrong
    for k in range(folds):
        test_hosts = set(hosts[k::folds])
        train_pages = [p for h in hosts if h not in test_hosts for p in by_host[h]]
        test_pages = [p for h in hosts if h in test_hosts for p in by_host[h]]
        nlp = train(train_pages, epochs, seed)
        for (text, lab, url), doc in zip(test_pages, nlp.pipe(text[:20000] for text, _, _ in test_pages)):
            found = extract(build_page(url, text.encode("utf-8"), "text/plain")).components
            for c in COMPONENTS:
                if found.get(c):
                    continue
                for t in FALLBACK_THRESHOLDS:
                    if doc.cats[c] >= t:
                        added[c][t][0 if lab["components"].get(c) else 1] += 1
    chosen = {}
    for c in COMPONENTS:
        ok = [t for t in FALLBACK_THRESHOLDS if sum(added[c][t]) and added[c][t][0] / sum(added[c][t]) >= 0.8]
        chosen[c] = min(ok) if ok else 2.0  # 2.0: never
        print(f"  cross-validated on tuning, {c}: " + ", ".join(
            f"{t}: {r} right / {w} wrong" for t, (r, w) in added[c].items()))
    return chosen


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--epochs", type=int, default=30)
    ap.add_argument("--threshold", type=float, default=0.5)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--fallback", action="store_true",
                    help="also: the classifier as a fallback where the rules find nothing, its thresholds chosen "
                         "by cross-validation on the tuning split")
    args = ap.parse_args()
    tuning, holdout = load("tuning"), load("holdout")
    chosen = fallback_thresholds(tuning, args.epochs, args.seed) if args.fallback else None
    nlp = train(tuning, args.epochs, args.seed)
    scores = [doc.cats for doc in nlp.pipe(text[:20000] for text, _, _ in holdout)]
    rules = [extract(build_page(url, text.encode("utf-8"), "text/plain")).components for text, _, url in holdout]
    print(f"trained on {len(tuning)} tuning pages, scored on {len(holdout)} held-out pages "
          f"(threshold {args.threshold}, {args.epochs} epochs, seed {args.seed})\n")
    print(f"{'component':12} {'rules P/R':>12} {'textcat P/R':>12} {'rules∧cat P/R':>14} {'rules∨cat P/R':>14}")
    for c in COMPONENTS:
        gold = [bool(lab["components"].get(c)) for _, lab, _ in holdout]
        r = [bool(x.get(c)) for x in rules]
        t = [s[c] >= args.threshold for s in scores]
        cols = [prf(r, gold), prf(t, gold), prf([a and b for a, b in zip(r, t)], gold),
                prf([a or b for a, b in zip(r, t)], gold)]
        line = f"{c:12} " + " ".join(f"{p:5.2f}/{rc:4.2f}".rjust(w) for (p, rc), w in zip(cols, (12, 12, 14, 14)))
        if chosen is not None:
            fb = [a or s[c] >= chosen[c] for a, s in zip(r, scores)]
            p, rc = prf(fb, gold)
            line += f"   fallback at {chosen[c]:.1f}: {p:4.2f}/{rc:4.2f}" if chosen[c] <= 1 else "   fallback: none"
        print(line)


if __name__ == "__main__":
    main()
