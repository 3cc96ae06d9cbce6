"""How well service names are matched to the catalogue: precision, recall and accuracy on a labelled list of real
names (tests/fixtures/catalogue/names.yaml), per split (dev: the rules were tuned on it; test: held out).

    precision = of the names matched to an id, the share matched to the right id
    recall    = of the names whose expected id is not null, the share matched to the right id
    accuracy  = the share of all names whose result (an id or null) is the expected one
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from scoring.catalogue import entry, match

SPLITS = ("dev", "test")
MAX_NAMES = 50_000  # a labelled list is hand-made: anything larger is not one


class LabelError(ValueError):
    """The labelled list is malformed or names an id the catalogue does not have."""


@dataclass
class SplitReport:
    names: int = 0
    labelled: int = 0  # expected id not null
    matched: int = 0  # matched to some id
    right: int = 0  # matched to the expected id
    agree: int = 0  # result == expected, null included
    errors: list[dict[str, Any]] = field(default_factory=list)

    @property
    def precision(self) -> float:
        return self.right / self.matched if self.matched else 1.0

    @property
    def recall(self) -> float:
        return self.right / self.labelled if self.labelled else 1.0

    @property
    def accuracy(self) -> float:
        return self.agree / self.names if self.names else 1.0

    def to_dict(self) -> dict[str, Any]:
        return {"names": self.names, "labelled": self.labelled, "matched": self.matched, "right": self.right,
                "precision": round(self.precision, 4), "recall": round(self.recall, 4),
                "accuracy": round(self.accuracy, 4), "errors": self.errors}


def load_names(path: Path) -> list[dict[str, Any]]:
    """The labelled names, validated: each {name, expected (id or null), source, host, split}."""
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise LabelError(f"{path}: cannot read ({exc})") from None
    rows = data.get("names") if isinstance(data, dict) else None
    if not isinstance(rows, list) or not rows or len(rows) > MAX_NAMES:
        raise LabelError(f"{path}: needs a 'names' list of 1..{MAX_NAMES} entries")
    problems = []
    for i, r in enumerate(rows):
        if not isinstance(r, dict) or not isinstance(r.get("name"), str) or not r.get("source") or not r.get("host"):
            problems.append(f"names[{i}]: needs name, source and host")
        elif r.get("split") not in SPLITS:
            problems.append(f"names[{i}] ({r['name']!r}): split must be one of {', '.join(SPLITS)}")
        elif r.get("expected") is not None and entry(str(r["expected"])) is None:
            problems.append(f"names[{i}] ({r['name']!r}): expected id {r['expected']!r} is not in the catalogue")
    if problems:
        raise LabelError(f"{path}: " + "; ".join(problems[:10]))
    return rows


def evaluate_catalogue(path: Path) -> dict[str, SplitReport]:
    """Match every labelled name and count, per split."""
    reports = {s: SplitReport() for s in SPLITS}
    for r in load_names(path):
        rep, expected = reports[r["split"]], r.get("expected")
        got = match(r["name"])
        rep.names += 1
        rep.labelled += expected is not None
        rep.matched += got.id is not None
        rep.right += got.id is not None and got.id == expected
        if got.id == expected:
            rep.agree += 1
        else:
            rep.errors.append({"name": r["name"], "expected": expected, "got": got.id, "candidate": got.candidate,
                               "score": got.score, "host": r["host"]})
    return reports


def catalogue_failures(reports: dict[str, SplitReport], thresholds: dict[str, Any]) -> list[str]:
    """The floors of config/eval.yaml `catalogue` (applied to the test split) that the test split misses."""
    floors = thresholds.get("catalogue") or {}
    test = reports["test"]
    out = []
    if test.precision < float(floors.get("min_precision", 0)):
        out.append(f"test precision {test.precision:.3f} < {floors['min_precision']}")
    if test.recall < float(floors.get("min_recall", 0)):
        out.append(f"test recall {test.recall:.3f} < {floors['min_recall']}")
    return out


def format_catalogue(reports: dict[str, SplitReport], thresholds: dict[str, Any], source: str = "names.yaml",
                     show_errors: bool = True) -> str:
    lines = [f"service-name matching (config/layanan.yaml) on {source}", "",
             f"{'split':<6}{'names':>7}{'labelled':>10}{'matched':>9}{'right':>7}{'P':>8}{'R':>8}{'acc':>8}"]
    for s, r in reports.items():
        lines.append(f"{s:<6}{r.names:>7}{r.labelled:>10}{r.matched:>9}{r.right:>7}"
                     f"{r.precision:>8.3f}{r.recall:>8.3f}{r.accuracy:>8.3f}")
    if show_errors and reports["dev"].errors:
        # only dev errors are listed: the test split stays a measurement, not a to-do list
        lines += ["", f"dev errors ({len(reports['dev'].errors)}):"]
        for e in reports["dev"].errors:
            lines.append(f"  {e['name'][:70]!r}: expected {e['expected']}, got {e['got']} "
                         f"(candidate {e['candidate']}, {e['score']})")
    kinds = Counter("false match" if e["got"] and not e["expected"] else "wrong id" if e["got"] else "missed"
                    for e in reports["test"].errors)
    if kinds:
        lines += ["", "test errors: " + ", ".join(f"{n} {k}" for k, n in sorted(kinds.items()))]
    fails = catalogue_failures(reports, thresholds)
    lines += ["", ("FAIL: " + "; ".join(fails)) if fails else "PASS (test split meets config/eval.yaml `catalogue`)"]
    return "\n".join(lines)
