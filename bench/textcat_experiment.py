"""Does a learned page classifier add anything to the rules? (issue 12: "consider a learned block classifier")

Trains spaCy `textcat_multilabel` (blank Indonesian pipeline, bag-of-words n-grams: nothing downloaded) on the
real corpus's tuning split, one label per component published, and scores it on the held-out split beside the
rules, and the two combinations a finding's evidence rule allows: the classifier as a veto on the rules'
findings (rules AND classifier). "rules OR classifier" is printed for comparison only: a classifier's yes comes
without evidence, and pantau never reports a component without the snippet that publishes it.

    .venv/bin/python bench/textcat_experiment.py [--epochs 30] [--threshold 0.5] [--seed 0]

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


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--epochs", type=int, default=30)
    ap.add_argument("--threshold", type=float, default=0.5)
    ap.add_argument("--seed", type=int, default=0)
    args = ap.parse_args()
    tuning, holdout = load("tuning"), load("holdout")
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
        print(f"{c:12} " + " ".join(f"{p:5.2f}/{rc:4.2f}".rjust(w) for (p, rc), w in zip(cols, (12, 12, 14, 14))))


if __name__ == "__main__":
    main()
