"""Page -> Extraction: segment the page into services, run every component finder on every section."""

from __future__ import annotations

from . import blockcat
from .components import FINDERS, Context, maklumat, pengaduan
from .chrome import split_plain_chrome
from .context import is_news, is_reported_speech, negative_title
from .prose import PROSE_FACT
from .model import SERVICE_COMPONENTS, Extraction, Finding, Page, Service
from .runon import split_run_on
from .fields import Segmentation
from .segment import segment
from .spam import assess as assess_spam

# a fee, a time or a product a story states for a service's process is a fact it publishes, quoted or not
_FACTS = ("waktu", "biaya", "produk")


def extract(page: Page) -> Extraction:
    result = Extraction(url=page.url, title=page.title, source=page.source)
    if not page.blocks and not page.hidden:
        return result
    # Injected gambling spam publishes nothing: a spam page yields no findings, spam blocks are dropped here.
    page, result.spam = assess_spam(page)
    if not page.blocks or result.spam and result.spam.kind == "spam_page":
        return result
    page = content_of(page)
    ctx = Context.for_page(page)
    seg = segment(page)
    news = is_news(page)
    by_name: dict[str, Service] = {}
    unnamed = seg.page_name  # the name of a service no heading or label names
    for section in [] if negative_title(page) else seg.services:
        if news:
            # Genre is judged per block: a news story may carry a standard (a list of requirements, a
            # "Biaya: Gratis" line). What it says in running sentences is reported speech, not a publication.
            section.fields = [f for f in section.fields
                              if f.cls in _FACTS or f.kind == PROSE_FACT
                              or f.kind != "sentence" and not _speech(page, f.index)]
        findings: list[Finding] = []
        for component in SERVICE_COMPONENTS:
            findings.extend(FINDERS[component](section, ctx))
        if not findings:
            continue
        service = _service(result, by_name, section.name or unnamed)
        service.findings.extend(_drop_repeats(service.findings, findings))
    # where the rules found a component nowhere, the learned block classifier may (config/learned.yaml)
    found = {f.component for s in result.services for f in s.findings}
    for index, finding in blockcat.find_missing(ctx, [c for c in SERVICE_COMPONENTS if c not in found]):
        finding.service = _section_at(seg, index)
        _service(result, by_name, finding.service or unnamed).findings.append(finding)
    unit = seg.unit
    unit_findings: list[Finding] = []
    unit_findings.extend(f for f in FINDERS["pengaduan"](unit, ctx) if not news or _concrete(f))
    unit_findings.extend(FINDERS["maklumat"](unit, ctx))
    if not news and not any(f.component == "maklumat" for f in unit_findings):
        unit_findings.extend(maklumat.find_unit(page.blocks, ctx))
    has_complaints = any(f.component == "pengaduan" for f in unit_findings) or any(
        f.component == "pengaduan" for s in result.services for f in s.findings
    )
    if not has_complaints:
        # a news story or article may publish a channel ("Layanan SP4N LAPOR! dapat diakses melalui: …"): as
        # with its labelled fields, only a concrete one (an address, a number, LAPOR!) outside reported speech
        # counts ("dapat melapor ke Ombudsman melalui WhatsApp 0811…", katanya)
        owned = set(seg.owned) | {i for i in range(len(page.blocks)) if _speech(page, i)} if news else seg.owned
        unit_findings.extend(f for f in pengaduan.find_unit(page.blocks, seg.labels, owned, ctx)
                             if not news or _concrete(f) and not pengaduan.tells_a_story(f.snippet))
        if not any(f.component == "pengaduan" for f in unit_findings):
            unit_findings.extend(pengaduan.find_offered_desk(page.blocks, seg.owned, ctx))
    if not news and not any(f.component == "pengaduan" for f in unit_findings) and not has_complaints:
        unit_findings.extend(pengaduan.find_chrome(page.chrome, ctx))
    result.unit_findings = unit_findings
    return result


def _service(result: Extraction, by_name: dict[str, Service], name: str) -> Service:
    """The page's service of this name, added to the result the first time it is asked for."""
    service = by_name.get(name)
    if service is None:
        service = by_name[name] = Service(name=name)
        result.services.append(service)
    return service


def content_of(page: Page) -> Page:
    """The page as the finders read it: a plain page's chrome lines set apart, run-on lines split."""
    return split_run_on(split_plain_chrome(page))


def _section_at(seg: Segmentation, index: int) -> str | None:
    """The name of the service whose fields span block `index`, if one does."""
    for section in seg.services:
        spans = [f.index for f in section.fields] + [i for f in section.fields for i, _ in f.blocks]
        if section.name and spans and min(spans) <= index <= max(spans):
            return section.name
    return None


def _drop_repeats(existing: list[Finding], new: list[Finding]) -> list[Finding]:
    """A service split over two places keeps one finding per component and value."""
    seen = {(f.component, repr(f.value)) for f in existing}
    out = []
    for f in new:
        key = (f.component, repr(f.value))
        if key not in seen:
            seen.add(key)
            out.append(f)
    return out


def _speech(page: Page, index: int) -> bool:
    """The block is a news paragraph: long prose, or quoted/reported speech."""
    b = page.blocks[index] if 0 <= index < len(page.blocks) else None
    return b is not None and b.kind == "paragraph" and (len(b.text.split()) > 40 or is_reported_speech(b.text))


def _concrete(f: Finding) -> bool:
    """A complaints finding with a channel one can use (a number, an address, a form), not only its name: a
    news story that mentions "saluran pengaduan digital" publishes no channel."""
    return any(pengaduan.is_concrete_channel(c) for c in f.value.get("channels", []))
