"""Measure the extractors against a labelled directory (format: docs/labels.md).

    report = evaluate(Path("tests/fixtures/pages"))        # or evaluate_real(Path("tests/fixtures/real"))
    print(format_report(report))
    report.passed(load_thresholds())   # every component meets config/eval.yaml

Per component: precision/recall/F1 at page level. Segmentation: predicted vs labelled service names,
matched loosely. Values: the share of labelled values (biaya, waktu, produk, complaint channel types) the
extractor got right. `report.errors` lists what went wrong, page by page, for debugging.
"""

from __future__ import annotations

import html
import re
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from pantau_config import locate

from extractors import ExtractionError, build_page, extract, extract_file
from extractors.model import COMPONENTS, SERVICE_COMPONENTS, UNIT_COMPONENTS, Extraction
from extractors.names import service_key
from pantau.corpus import HOLDOUT, LAYOUTS, TUNING, host_of

PAGE_EXTENSIONS = (".html", ".htm", ".pdf", ".txt")
VALUE_KEYS = ("biaya", "waktu", "produk", "pengaduan_channels")
# Eval matches names more loosely than "the same service" (extractors.names.service_key, which it starts
# from): a labeller's "Izin Reklame" and the page's "Surat Izin Penyelenggaraan Reklame" are one service.
LOOSER_NOISE = {"izin", "perizinan", "surat", "of", "service", "services", "di", "ke"}


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
    # page-level component counts per layout family (sidecar `layout:`, docs/real-corpus.md)
    layouts: dict[str, Counts] = field(default_factory=dict)
    invalid: list[str] = field(default_factory=list)  # sidecars that fail validate_label, with the reason

    @property
    def pages_per_second(self) -> float:
        return self.pages / self.seconds if self.seconds else 0.0

    def passed(self, thresholds: dict[str, Any] | None = None) -> bool:
        return not self.failures(thresholds)

    def failures(self, thresholds: dict[str, Any] | None = None) -> list[str]:
        """Human-readable reasons the report misses the thresholds ([] when it passes)."""
        thresholds = thresholds if thresholds is not None else load_thresholds()
        out = list(self.invalid)
        for comp, counts in self.components.items():
            lim = component_thresholds(thresholds, comp)
            if lim.get("report_only"):
                continue
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
            "layouts": {k: c.to_dict() for k, c in sorted(self.layouts.items())},
            "invalid": list(self.invalid),
            "errors": [e.to_dict() for e in self.errors],
        }


# ---------------------------------------------------------------------------------------------------
# the label format (docs/labels.md, docs/real-corpus.md): checked before a page is scored, so that a
# malformed label in a user's directory is reported, not silently scored as "nothing published"

WAKTU_UNITS = ("minutes", "hours", "working_days", "days", "on_the_spot")
CHANNELS = ("lapor", "whatsapp", "phone", "sms", "email", "web_form", "kotak_saran", "desk", "social_media")
GENRES = ("service_page", "standard_document", "post", "news", "regulation", "profile", "tender", "recruitment",
          "spam", "other")
LABEL_KEYS = {"url", "description", "tags", "encoding", "components", "services", "pengaduan_channels",
              "host", "layout", "genre", "labeller", "site_channels", "evidence"}
EVIDENCE_QUOTE = (8, 300)  # characters: long enough to place, short enough to stay one block
EVIDENCE_QUOTES = 6  # per component: one per place it is published, a list by its first and last item


def validate_label(label: Any, page: Path | None = None) -> list[str]:
    """What is wrong with one sidecar ([] when nothing is). `page`, when given, is checked to decode."""
    if not isinstance(label, dict):
        return ["sidecar is not a mapping"]
    out: list[str] = []
    unknown = set(label) - LABEL_KEYS
    if unknown:
        out.append(f"unknown keys: {sorted(unknown)}")
    url = label.get("url")
    if url is not None and not (isinstance(url, str) and url.startswith(("http://", "https://"))):
        out.append("url must be an http(s) URL")
    if "layout" in label and label["layout"] not in LAYOUTS:
        out.append(f"layout must be one of {LAYOUTS}")
    if "genre" in label and label["genre"] not in GENRES:
        out.append(f"genre must be one of {GENRES}")
    if "host" in label and (not isinstance(url, str) or label["host"] != host_of(url)):
        out.append("host must be the url's host without www.")
    encoding = label.get("encoding") or "utf-8"
    try:
        "".encode(encoding)
        if page is not None and page.suffix.lower() in (".html", ".htm", ".txt"):
            page.read_bytes().decode(encoding)
    except (LookupError, UnicodeDecodeError) as exc:
        out.append(f"page does not decode as {encoding}: {exc}")

    comps = label.get("components")
    if not isinstance(comps, dict) or set(comps) != set(COMPONENTS) or not all(isinstance(v, bool) for v in comps.values()):
        return out + [f"components must map each of {COMPONENTS} to true/false"]
    services = label.get("services") or []
    if not isinstance(services, list):
        return out + ["services must be a list"]
    names: list[str] = []
    seen: set[str] = set()
    for s in services:
        if not isinstance(s, dict) or not isinstance(s.get("name"), str) or not s["name"].strip():
            out.append(f"bad service entry {s!r}")
            continue
        sc = s.get("components")
        if not isinstance(sc, list) or not sc or not set(sc) <= set(SERVICE_COMPONENTS) or len(sc) != len(set(sc)):
            out.append(f"{s['name']}: components must be a non-empty list of {SERVICE_COMPONENTS}")
            continue
        names.append(s["name"].strip().lower())
        seen |= set(sc)
        out += [f"{s['name']}: {p}" for p in _value_problems(s.get("values") or {}, sc)]
    if len(names) != len(set(names)):
        out.append("duplicate service names")
    out += [f"a service has {c} but the page-level {c} is false" for c in sorted(seen) if not comps[c]]
    out += [f"page-level {c} is true but no service publishes it" for c in COMPONENTS
            if c not in UNIT_COMPONENTS and comps[c] and c not in seen]
    for key in ("pengaduan_channels", "site_channels"):
        ch = label.get(key) or []
        if not isinstance(ch, list) or not set(ch) <= set(CHANNELS) or len(ch) != len(set(ch)):
            out.append(f"{key} must be a list of distinct {CHANNELS}")
    if bool(label.get("pengaduan_channels")) != comps["pengaduan"]:
        out.append("pengaduan is true exactly when pengaduan_channels lists a channel")
    if "evidence" in label:
        text = page.read_bytes().decode(encoding, "replace") if page is not None and page.suffix == ".txt" else None
        out += _evidence_problems(label["evidence"], comps, text)
    return out


def squeeze(text: str) -> str:
    """Whitespace runs as one space: how an evidence quote is matched against its page."""
    return " ".join(text.split())


def _evidence_problems(evidence: Any, comps: dict[str, bool], text: str | None) -> list[str]:
    """`evidence` maps a component the page publishes to verbatim quotes of where it does (docs/labels.md);
    each quote must be found in the page's text (.txt pages; whitespace-insensitive)."""
    if not isinstance(evidence, dict) or not set(evidence) <= set(COMPONENTS):
        return [f"evidence must map some of {COMPONENTS} to lists of quotes"]
    out = [f"evidence for {c} but {c} is false" for c in evidence if not comps[c]]
    page = squeeze(text) if text is not None else None
    low, high = EVIDENCE_QUOTE
    for c, quotes in evidence.items():
        if not isinstance(quotes, list) or not quotes or not all(isinstance(q, str) for q in quotes):
            out.append(f"evidence for {c} must be a non-empty list of quotes")
            continue
        if len(quotes) > EVIDENCE_QUOTES:
            out.append(f"evidence for {c}: at most {EVIDENCE_QUOTES} quotes")
        for q in quotes:
            if not low <= len(squeeze(q)) <= high:
                out.append(f"evidence quote for {c} must be {low}-{high} characters: {q[:40]!r}")
            elif page is not None and squeeze(q) not in page:
                out.append(f"evidence quote for {c} is not in the page: {q[:60]!r}")
    return out


def _value_problems(values: Any, components: list[str]) -> list[str]:
    if not isinstance(values, dict) or not set(values) <= {"biaya", "waktu", "produk"}:
        return ["values may only hold biaya, waktu, produk"]
    out = [f"value for {k} but {k} not among its components" for k in values if k not in components]
    b = values.get("biaya")
    if b is not None:
        ok = isinstance(b, dict) and b and set(b) <= {"amount", "regulation"}
        ok = ok and ("amount" not in b or (type(b["amount"]) is int and b["amount"] >= 0))
        ok = ok and b.get("regulation", True) is True
        if not ok:
            out.append(f"bad biaya {b!r}")
    w = values.get("waktu")
    if w is not None:
        ok = isinstance(w, dict) and w.get("unit") in WAKTU_UNITS and set(w) <= {"amount", "unit"}
        if ok and w["unit"] != "on_the_spot":
            a = w.get("amount")
            ok = isinstance(a, (int, float)) and not isinstance(a, bool) and a > 0
        if not ok:
            out.append(f"bad waktu {w!r}")
    if "produk" in values and not (isinstance(values["produk"], str) and values["produk"].strip()):
        out.append("produk must be a non-empty string")
    return out


# ---------------------------------------------------------------------------------------------------
# thresholds


def load_thresholds(path: Path | None = None) -> dict[str, Any]:
    """config/eval.yaml (or PANTAU_CONFIG_DIR's copy), or `path`."""
    source = path or locate("eval.yaml")
    try:
        return yaml.safe_load(source.read_text(encoding="utf-8")) or {}
    except FileNotFoundError:
        return {"min_precision": 0.95, "min_recall": 0.95}


def component_thresholds(thresholds: dict[str, Any], component: str) -> dict[str, Any]:
    base = {"min_precision": float(thresholds.get("min_precision", 0.95)),
            "min_recall": float(thresholds.get("min_recall", 0.95))}
    per = (thresholds.get("components") or {}).get(component) or {}
    base.update({k: float(v) for k, v in per.items() if k in base})
    base["report_only"] = bool(per.get("report_only", False))
    return base


# ---------------------------------------------------------------------------------------------------
# matching


def name_tokens(name: str) -> set[str]:
    words = re.sub(r"[^0-9a-z]+", " ", service_key(name)).split()
    toks = {w for w in words if w not in LOOSER_NOISE}
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
    toks = {w for w in out if w not in LOOSER_NOISE and w == service_key(w)}
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


def wrap_as_html(text: str, title: str = "") -> bytes:
    """A plain-text page as the simplest HTML that carries it: one <p> per non-empty line. The real corpus is
    measured both ways, because a crawl meets the same texts as HTML."""
    paras = "\n".join(f"<p>{html.escape(line.strip())}</p>" for line in text.splitlines() if line.strip())
    head = f"<title>{html.escape(title)}</title>" if title else ""
    return f"<!DOCTYPE html><html><head><meta charset=\"utf-8\">{head}</head><body>\n{paras}\n</body></html>".encode()


def _extract_labelled(doc: Path, label: dict, as_html: bool) -> Extraction:
    url = label.get("url")
    if as_html and doc.suffix.lower() == ".txt":
        text = doc.read_bytes().decode(label.get("encoding") or "utf-8", errors="replace")
        return extract(build_page(url or "", wrap_as_html(text), "text/html"))
    return extract_file(doc, url=url)


def evaluate(directory: Path | str, *, as_html: bool = False) -> EvalReport:
    """Score the extractors on a labelled directory. as_html: read .txt pages wrapped as simple HTML."""
    directory = Path(directory)
    report = EvalReport(directory=str(directory) + (" (as html)" if as_html else ""))
    for doc, side in labelled_pages(directory):
        name = doc.name
        try:
            with open(side, encoding="utf-8") as fh:
                label = yaml.safe_load(fh) or {}
        except (OSError, yaml.YAMLError) as exc:
            report.invalid.append(f"{side.name}: unreadable sidecar: {exc}")
            continue
        problems = validate_label(label, doc)
        if problems:
            report.invalid.extend(f"{side.name}: {p}" for p in problems)
            continue
        started = time.perf_counter()
        try:
            result = _extract_labelled(doc, label, as_html)
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
    layout = report.layouts.setdefault(str(label.get("layout") or "unlabelled"), Counts())
    for comp in COMPONENTS:
        t, g = bool(truth.get(comp, False)), bool(got.get(comp, False))
        c = report.components[comp]
        if comp != "maklumat":  # layouts are about the service components (maklumat is a unit's pledge)
            layout.tp += t and g
            layout.fp += g and not t
            layout.fn += t and not g
            layout.tn += not t and not g
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
# the real-page corpus: tuning and held-out, each as .txt and as simple HTML (docs/real-corpus.md)

REAL_SPLITS = (TUNING, HOLDOUT)
MODES = (("txt", False), ("html", True))


def evaluate_real(root: Path, splits: tuple[str, ...] = REAL_SPLITS) -> dict[tuple[str, str], EvalReport]:
    """{(split, "txt"|"html"): report} over the real corpus."""
    return {(split, mode): evaluate(root / split, as_html=as_html)
            for split in splits for mode, as_html in MODES if (root / split).is_dir()}


def real_failures(reports: dict[tuple[str, str], EvalReport], thresholds: dict[str, Any]) -> list[str]:
    """The held-out split gates: each mode must meet the `real` thresholds of config/eval.yaml."""
    limits = thresholds.get("real") or {}
    out = []
    for (split, mode), report in reports.items():
        if split == HOLDOUT:
            out += [f"{split}/{mode}: {f}" for f in report.failures(limits)]
    return out


def format_real(reports: dict[tuple[str, str], EvalReport], thresholds: dict[str, Any]) -> str:
    """One table, a column pair (P, R) per split and mode; per-layout recall; no held-out page names."""
    keys = list(reports)
    lines = ["real-page corpus: " + ", ".join(f"{s}/{m} {reports[(s, m)].pages} pages" for s, m in keys), ""]
    lines.append(f"{'':<14}" + "".join(f"{s[:7] + '/' + m:>16}" for s, m in keys))
    lines.append(f"{'component':<14}" + "".join(f"{'P':>8}{'R':>8}" for _ in keys))
    limits = thresholds.get("real") or {}
    for comp in COMPONENTS:
        row = f"{comp:<14}"
        for k in keys:
            c = reports[k].components[comp]
            row += f"{c.precision:>8.2f}{c.recall:>8.2f}"
        lim = component_thresholds(limits, comp)
        row += "   (reported only)" if lim.get("report_only") else f"   gate P>={lim['min_precision']} R>={lim['min_recall']}"
        lines.append(row + f"   support {'/'.join(str(reports[k].components[comp].tp + reports[k].components[comp].fn) for k in keys)}")
    row = f"{'services':<14}"
    for k in keys:
        s = reports[k].services
        row += f"{s.precision:>8.2f}{s.recall:>8.2f}"
    lines.append(row)
    lines += ["", "recall per layout family (service components, page level)"]
    layouts = sorted({lay for r in reports.values() for lay in r.layouts})
    for lay in layouts:
        row = f"  {lay:<16}"
        for k in keys:
            c = reports[k].layouts.get(lay)
            row += f"{(f'{c.recall:.2f}' if c and c.tp + c.fn else '-'):>10}" if c else f"{'-':>10}"
        lines.append(row)
    lines += ["", "values (tuning/txt … holdout/html)"]
    for v in VALUE_KEYS:
        lines.append(f"  {v:<20}" + "".join(f"{reports[k].values[v].value:>8.2f}" for k in keys))
    invalid = [i for r in reports.values() for i in r.invalid]
    if invalid:
        lines += ["", f"invalid sidecars ({len(invalid)}):"] + [f"  {i}" for i in invalid[:20]]
    fails = real_failures(reports, thresholds)
    lines += ["", ("FAIL: " + "; ".join(fails)) if fails else "PASS (held-out split meets config/eval.yaml `real`)"]
    return "\n".join(lines)


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
