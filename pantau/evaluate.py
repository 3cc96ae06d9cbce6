"""Measure the extractors against a labelled directory (format: docs/labels.md).

    report = evaluate(Path("tests/fixtures/pages"))
    print(format_report(report))
    report.passed(load_thresholds())   # every component meets config/eval.yaml

Per component: precision/recall/F1 at page level. Segmentation: predicted vs labelled service names,
matched loosely. Values: the share of labelled values (biaya, waktu, produk, complaint channel types) the
extractor got right. `report.errors` lists what went wrong, page by page, for debugging.
"""

from __future__ import annotations

import re
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from extractors import ExtractionError, extract_file
from extractors.model import COMPONENTS, Extraction
from pantau.paths import REPO_ROOT, config_file

DEFAULT_CORPUS = REPO_ROOT / "tests" / "fixtures" / "pages"
PAGE_EXTENSIONS = (".html", ".htm", ".pdf", ".txt")
VALUE_KEYS = ("biaya", "waktu", "produk", "pengaduan_channels")
NAME_NOISE = {
    "pelayanan", "layanan", "penerbitan", "pembuatan", "pengurusan", "permohonan", "standar", "sop", "dan", "untuk",
    "bagi", "jenis", "nama", "izin", "perizinan", "surat", "the", "of", "service", "services", "di", "ke", "pengajuan",
}


# ---------------------------------------------------------------------------------------------------
# data


@dataclass
class Counts:
    tp: int = 0
    fp: int = 0
    fn: int = 0
    tn: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def to_dict(self) -> dict[str, Any]:
        return {"tp": self.tp, "fp": self.fp, "fn": self.fn, "tn": self.tn, "precision": round(self.precision, 4),
                "recall": round(self.recall, 4), "f1": round(self.f1, 4)}


@dataclass
class Accuracy:
    right: int = 0
    total: int = 0

    @property
    def value(self) -> float:
        return self.right / self.total if self.total else 1.0

    def to_dict(self) -> dict[str, Any]:
        return {"right": self.right, "total": self.total, "accuracy": round(self.value, 4)}


@dataclass
class EvalError:
    page: str
    component: str  # a component key, "service" for segmentation, "value:biaya" etc. for values, "page"
    kind: str  # "FP" | "FN" | "wrong" | "error"
    detail: str = ""

    def to_dict(self) -> dict[str, str]:
        return {"page": self.page, "component": self.component, "kind": self.kind, "detail": self.detail}


@dataclass
class EvalReport:
    directory: str
    pages: int = 0
    components: dict[str, Counts] = field(default_factory=lambda: {c: Counts() for c in COMPONENTS})
    services: Counts = field(default_factory=Counts)
    values: dict[str, Accuracy] = field(default_factory=lambda: {k: Accuracy() for k in VALUE_KEYS})
    errors: list[EvalError] = field(default_factory=list)
    seconds: float = 0.0

    @property
    def pages_per_second(self) -> float:
        return self.pages / self.seconds if self.seconds else 0.0

    def passed(self, thresholds: dict[str, Any] | None = None) -> bool:
        return not self.failures(thresholds)

    def failures(self, thresholds: dict[str, Any] | None = None) -> list[str]:
        """Human-readable reasons the report misses the thresholds ([] when it passes)."""
        thresholds = thresholds if thresholds is not None else load_thresholds()
        out = []
        for comp, counts in self.components.items():
            lim = component_thresholds(thresholds, comp)
            if counts.precision < lim["min_precision"]:
                out.append(f"{comp}: precision {counts.precision:.3f} < {lim['min_precision']}")
            if counts.recall < lim["min_recall"]:
                out.append(f"{comp}: recall {counts.recall:.3f} < {lim['min_recall']}")
        return out

    def to_dict(self) -> dict[str, Any]:
        return {
            "directory": self.directory,
            "pages": self.pages,
            "seconds": round(self.seconds, 3),
            "components": {c: n.to_dict() for c, n in self.components.items()},
            "services": self.services.to_dict(),
            "values": {k: a.to_dict() for k, a in self.values.items()},
            "errors": [e.to_dict() for e in self.errors],
        }


# ---------------------------------------------------------------------------------------------------
# thresholds


def load_thresholds(path: Path | None = None) -> dict[str, Any]:
    path = path or config_file("eval.yaml")
    try:
        with open(path, encoding="utf-8") as fh:
            return yaml.safe_load(fh) or {}
    except FileNotFoundError:
        return {"min_precision": 0.95, "min_recall": 0.95}


def component_thresholds(thresholds: dict[str, Any], component: str) -> dict[str, float]:
    base = {"min_precision": float(thresholds.get("min_precision", 0.95)),
            "min_recall": float(thresholds.get("min_recall", 0.95))}
    per = (thresholds.get("components") or {}).get(component) or {}
    base.update({k: float(v) for k, v in per.items() if k in base})
    return base


# ---------------------------------------------------------------------------------------------------
# matching


def name_tokens(name: str) -> set[str]:
    words = re.sub(r"[^0-9a-z]+", " ", (name or "").lower()).split()
    toks = {w for w in words if w not in NAME_NOISE}
    return toks or set(words)


_PARENS = re.compile(r"\(([^()]*)\)")


def _name_variants(name: str) -> list[str]:
    """A name, the name without its parenthesised parts, and each parenthesised part on its own:
    "Persetujuan Bangunan Gedung (PBG)" -> [..., "Persetujuan Bangunan Gedung", "PBG"]."""
    out = [name]
    bare = _PARENS.sub(" ", name).strip()
    if bare and bare != name:
        out.append(bare)
    out += [m.group(1) for m in _PARENS.finditer(name) if m.group(1).strip()]
    return out


def _expand_acronyms(a: str, b: str) -> set[str]:
    """Tokens of `a`, with any token that spells the initials of 2+ consecutive words of `b` replaced by
    those words ("PIRT" against "Pangan Industri Rumah Tangga")."""
    words_b = re.sub(r"[^0-9a-z]+", " ", b.lower()).split()
    out = set()
    for tok in re.sub(r"[^0-9a-z]+", " ", a.lower()).split():
        hit = None
        if 2 <= len(tok) <= 7 and tok.isalpha():
            for i in range(len(words_b)):
                for j in range(i + 2, min(len(words_b), i + len(tok)) + 1):
                    if "".join(w[0] for w in words_b[i:j]) == tok:
                        hit = words_b[i:j]
                        break
                if hit:
                    break
        out.update(hit if hit else [tok])
    toks = {w for w in out if w not in NAME_NOISE}
    return toks or out


def _tokens_match(ta: set[str], tb: set[str]) -> bool:
    if not ta or not tb:
        return False
    if ta == tb or ta <= tb or tb <= ta:
        return True
    return len(ta & tb) / max(len(ta), len(tb)) >= 0.5


def names_match(a: str, b: str) -> bool:
    """Loose service-name equality: case, punctuation and words like pelayanan/layanan/penerbitan ignored;
    token overlap >= 0.5 (of the longer name) or one name's words all in the other; a parenthesised part or
    an acronym stands for what it abbreviates ("PBG" = "Persetujuan Bangunan Gedung (PBG)")."""
    if not a or not b:
        return False
    for va in _name_variants(a):
        for vb in _name_variants(b):
            if _tokens_match(name_tokens(va), name_tokens(vb)):
                return True
            if _tokens_match(_expand_acronyms(va, vb), _expand_acronyms(vb, va)):
                return True
    return False


def match_services(predicted: list[str], labelled: list[str]) -> list[tuple[int, int]]:
    """Greedy one-to-one matching, best overlap first."""
    pairs = []
    for i, p in enumerate(predicted):
        for j, l in enumerate(labelled):
            if names_match(p, l):
                tp, tl = name_tokens(p), name_tokens(l)
                pairs.append((len(tp & tl) / max(len(tp | tl), 1), i, j))
    pairs.sort(reverse=True)
    used_p, used_l, out = set(), set(), []
    for _, i, j in pairs:
        if i in used_p or j in used_l:
            continue
        used_p.add(i)
        used_l.add(j)
        out.append((i, j))
    return out


def _norm_text(s: str) -> str:
    return " ".join(re.sub(r"[^0-9a-z]+", " ", str(s).lower()).split())


def produk_matches(predicted: str, expected: str) -> bool:
    p, e = _norm_text(predicted), _norm_text(expected)
    if not p or not e:
        return False
    if e in p or p in e:
        return True
    tp, te = set(p.split()), set(e.split())
    return len(tp & te) / len(te) >= 0.5


def biaya_matches(values: list[dict], expected: dict) -> bool:
    for v in values:
        ok = True
        if "amount" in expected and expected["amount"] is not None:
            ok = ok and v.get("amount") is not None and int(v["amount"]) == int(expected["amount"])
        if expected.get("regulation"):
            ok = ok and bool(v.get("regulation"))
        if expected.get("free") is not None:
            ok = ok and bool(v.get("free")) == bool(expected["free"])
        if ok:
            return True
    return False


def waktu_matches(values: list[dict], expected: dict) -> bool:
    for v in values:
        if expected.get("unit") and v.get("unit") != expected["unit"]:
            continue
        if expected.get("amount") is not None:
            if v.get("amount") is None or abs(float(v["amount"]) - float(expected["amount"])) > 1e-6:
                continue
        return True
    return False


# ---------------------------------------------------------------------------------------------------
# the run


def labelled_pages(directory: Path) -> list[tuple[Path, Path]]:
    """(document, sidecar) pairs in a labelled directory, sorted by name."""
    out = []
    for doc in sorted(directory.iterdir()):
        if doc.suffix.lower() in PAGE_EXTENSIONS and doc.is_file():
            side = doc.with_suffix(".yaml")
            if not side.exists():
                side = doc.with_suffix(".yml")
            if side.exists():
                out.append((doc, side))
    return out


def evaluate(directory: Path | str = DEFAULT_CORPUS) -> EvalReport:
    directory = Path(directory)
    report = EvalReport(directory=str(directory))
    for doc, side in labelled_pages(directory):
        with open(side, encoding="utf-8") as fh:
            label = yaml.safe_load(fh) or {}
        name = doc.name
        started = time.perf_counter()
        try:
            result = extract_file(doc, url=label.get("url"))
        except ExtractionError as exc:
            result = Extraction(url=label.get("url") or "", title="", source="error")
            report.errors.append(EvalError(name, "page", "error", str(exc)))
        report.seconds += time.perf_counter() - started
        report.pages += 1
        score_page(report, name, label, result)
    return report


def score_page(report: EvalReport, name: str, label: dict, result: Extraction) -> None:
    truth = label.get("components") or {}
    got = result.components
    for comp in COMPONENTS:
        t, g = bool(truth.get(comp, False)), bool(got.get(comp, False))
        c = report.components[comp]
        if t and g:
            c.tp += 1
        elif g:
            c.fp += 1
            report.errors.append(EvalError(name, comp, "FP", _evidence(result, comp)))
        elif t:
            c.fn += 1
            report.errors.append(EvalError(name, comp, "FN"))
        else:
            c.tn += 1

    labelled = [s for s in (label.get("services") or []) if s and s.get("name")]
    predicted = result.services
    pairs = match_services([s.name for s in predicted], [s["name"] for s in labelled])
    report.services.tp += len(pairs)
    report.services.fp += len(predicted) - len(pairs)
    report.services.fn += len(labelled) - len(pairs)
    matched_p = {i for i, _ in pairs}
    matched_l = {j for _, j in pairs}
    for i, s in enumerate(predicted):
        if i not in matched_p:
            report.errors.append(EvalError(name, "service", "FP", s.name))
    for j, s in enumerate(labelled):
        if j not in matched_l:
            report.errors.append(EvalError(name, "service", "FN", s["name"]))
    by_label = {j: i for i, j in pairs}
    if len(labelled) == 1 and len(predicted) == 1 and not pairs:
        by_label = {0: 0}  # one service each: compare values even when the names differ

    for j, s in enumerate(labelled):
        values = s.get("values") or {}
        pred = predicted[by_label[j]] if j in by_label else None

        def vals(comp):
            return [f.value for f in pred.findings if f.component == comp] if pred else []

        if "biaya" in values and isinstance(values["biaya"], dict):
            _score_value(report, name, "biaya", s["name"], biaya_matches(vals("biaya"), values["biaya"]),
                         values["biaya"], vals("biaya"))
        if "waktu" in values and isinstance(values["waktu"], dict):
            _score_value(report, name, "waktu", s["name"], waktu_matches(vals("waktu"), values["waktu"]),
                         values["waktu"], vals("waktu"))
        if values.get("produk"):
            names = [v.get("name", "") for v in vals("produk")]
            ok = any(produk_matches(n, str(values["produk"])) for n in names)
            _score_value(report, name, "produk", s["name"], ok, values["produk"], names)

    expected_channels = label.get("pengaduan_channels") or []
    got_types = {c["type"] for f in result.findings if f.component == "pengaduan" for c in f.value.get("channels", [])}
    acc = report.values["pengaduan_channels"]
    for t in expected_channels:
        acc.total += 1
        if t in got_types:
            acc.right += 1
        else:
            report.errors.append(EvalError(name, "value:pengaduan_channels", "FN", t))
    for t in sorted(got_types - set(expected_channels)):
        report.errors.append(EvalError(name, "value:pengaduan_channels", "FP", t))


def _score_value(report, page, comp, service, ok, expected, got) -> None:
    acc = report.values[comp]
    acc.total += 1
    if ok:
        acc.right += 1
    else:
        report.errors.append(EvalError(page, f"value:{comp}", "wrong", f"{service}: expected {expected}, got {got}"))


def _evidence(result: Extraction, comp: str) -> str:
    for f in result.findings:
        if f.component == comp:
            return f"[{f.locator}] {f.snippet[:160]}"
    return ""


# ---------------------------------------------------------------------------------------------------
# output


def format_report(report: EvalReport, thresholds: dict[str, Any] | None = None, max_errors: int = 40) -> str:
    thresholds = thresholds if thresholds is not None else load_thresholds()
    lines = [f"{report.directory}: {report.pages} pages, {report.pages_per_second:.0f} pages/s", ""]
    lines.append(f"{'component':<14}{'TP':>5}{'FP':>5}{'FN':>5}{'TN':>5}{'prec':>8}{'recall':>8}{'F1':>8}  ")
    for comp, c in report.components.items():
        lim = component_thresholds(thresholds, comp)
        ok = c.precision >= lim["min_precision"] and c.recall >= lim["min_recall"]
        lines.append(f"{comp:<14}{c.tp:>5}{c.fp:>5}{c.fn:>5}{c.tn:>5}{c.precision:>8.3f}{c.recall:>8.3f}{c.f1:>8.3f}"
                     f"  {'ok' if ok else 'BELOW'}")
    s = report.services
    lines.append(f"{'services':<14}{s.tp:>5}{s.fp:>5}{s.fn:>5}{'':>5}{s.precision:>8.3f}{s.recall:>8.3f}{s.f1:>8.3f}")
    lines.append("")
    lines.append("value accuracy")
    for k, a in report.values.items():
        lines.append(f"  {k:<20}{a.right:>4}/{a.total:<4}{a.value:>8.3f}")
    if report.errors:
        lines.append("")
        lines.append(f"errors ({len(report.errors)}):")
        for e in report.errors[:max_errors]:
            lines.append(f"  {e.page}  {e.component}  {e.kind}  {e.detail[:140]}")
        if len(report.errors) > max_errors:
            lines.append(f"  … {len(report.errors) - max_errors} more (use --json for all)")
    verdict = "PASS" if report.passed(thresholds) else "FAIL"
    lines.append("")
    lines.append(f"{verdict} (thresholds: config/eval.yaml)")
    return "\n".join(lines)
