"""pengaduan: the complaint channels published, typed.

parse_channels("Pengaduan melalui SP4N-LAPOR! (lapor.go.id), WA 0812-3456-7890, email dukcapil@x.go.id")
-> [{"type": "lapor", "value": "lapor.go.id"}, {"type": "whatsapp", "value": "081234567890"},
    {"type": "email", "value": "dukcapil@x.go.id"}]
A phone number alone (a footer, an address block) is not a complaints channel: unit-level findings need a
block that is about complaints (a "Pengaduan" label, or a short line with a complaint word) and a concrete
channel in it or right under it.
"""

from __future__ import annotations

import re

from .. import urls
from ..model import CHROME_LOCATOR, Block
from ..fields import Section
from ..vocab import cached, may_match, normalise, phrase_regex
from .base import Context, block_finding, make

COMPONENT = "pengaduan"

# tried only where a run of its characters starts: from every position of a long word without "@" the scan to
# its end was quadratic (a later start in the same run cannot match where the first did not)
_EMAIL = re.compile(r"(?<![A-Za-z0-9._%+\-])[A-Za-z0-9._%+\-]+@[A-Za-z0-9.\-]+\.[A-Za-z]{2,}")
_PHONE = re.compile(r"(?<![\w.])(?:\+?62[\s\-.]?|\(0\d{2,4}\)\s?|0)\d[\d\s\-.]{3,16}\d(?![\w])")
_DATELINE = re.compile(r"(?:[A-Z][A-Za-z.'() ]{1,30},\s*)?(?:[A-Z]\w*\s+)?")  # "TANJUNG, ", "Suara "
_DATELINE_CHARS = 80  # the most a dateline before an outlet's name can be (32 + a word)
_DATELINE_END = re.compile(r"(?:,\s*[A-Z][A-Za-z ]{1,30})?\s*(?:--|[-–—]\s)")  # " – ", ", MAKASSAR--"
_CREDIT = re.compile(r"[\[(]\s*(?:dok|foto|sumber|ilustrasi)\b[.:]?\s*", re.IGNORECASE)
_GOV_HOST = re.compile(r"\.(?:go|desa)\.id\b|lapor", re.IGNORECASE)  # a government site is a channel, not an outlet
_SHORT_LAPOR = re.compile(r"(?<!\d)1708(?!\d)")
_LAPOR_BANG = re.compile(r"\blapor\s*!", re.I)
_CONTEXT_CHARS = 30


def _patterns(v):
    chans = (v.get("pengaduan") or {}).get("channels") or {}
    return {
        "channels": {t: phrase_regex(words) for t, words in chans.items()},
        "phone_types": {t: phrase_regex(chans.get(t) or [], suffix=r"(?![a-z])") for t in ("whatsapp", "sms", "phone")},
        "keywords": phrase_regex((v.get("pengaduan") or {}).get("keywords") or []),
        "duty": re.compile(phrase_regex((v.get("pengaduan") or {}).get("obligation_words") or []).pattern
                           + r".*?" + phrase_regex((v.get("pengaduan") or {}).get("example_words") or []).pattern),
        "about": {},  # is_about_complaints' answers per text
        "parsed": {},  # parse_channels' answers per text
    }


_pat = cached(_patterns)


def _digits(s: str) -> str:
    return re.sub(r"[^\d+]", "", s)


def parse_channels(text: str) -> list[dict]:
    """The channels named in a text, each {"type", "value"}, in order of appearance, deduplicated."""
    if not text:
        return []
    p = _pat()
    # remembered per text (1,737 calls a bench run, 510 distinct texts: the lines under a site's complaints box
    # repeat); each caller gets its own copies, as it may extend the list
    found = _remembered(p["parsed"], text, lambda: tuple(_parse_channels(text, p)))
    return [dict(c) for c in found]


def _parse_channels(text: str, p) -> list[dict]:
    found: list[tuple[int, str, str]] = []
    taken: list[tuple[int, int]] = []
    # which characters a value already took: one lookup per match, not a scan of every span taken (a hostile
    # line of 8,000 addresses made that quadratic: 5 s)
    covered = bytearray(len(text) + 1)

    def take(a: int, b: int) -> None:
        taken.append((a, b))
        a, b = max(0, a), min(len(text), b)
        if b > a:
            covered[a:b] = b"\1" * (b - a)

    for m in _EMAIL.finditer(text):
        found.append((m.start(), "email", m.group(0)))
        take(*m.span())
    for m in urls.IN_TEXT.finditer(text):
        if covered[m.start()]:
            continue
        # (a dateline is a text's first few words: no copy and scan of a long text before every address)
        if (m.start() <= _DATELINE_CHARS and _DATELINE.fullmatch(text, 0, m.start())
                and _DATELINE_END.match(text, m.end())
                and not _GOV_HOST.search(m.group(0))
                or _CREDIT.search(text[max(0, m.start() - 12): m.start()] + m.group(0)[:6])):
            # a news dateline ("TANJUNG, kontrasx.com – …", "FAJAR.CO.ID, MAKASSAR--") or a photo credit
            # ("[Dok.Covesia.com]") names an outlet, not a channel
            continue
        url = m.group(0).rstrip(".")
        low = url.lower()
        host = re.sub(r"^(?:https?://)?(?:www\.)?", "", low).split("/", 1)[0]
        if "lapor.go.id" in low or (host.startswith("lapor") and host.endswith(".go.id")):
            # lapor.go.id, or a regional LAPOR! instance (laporgub.jatengprov.go.id) linked to SP4N-LAPOR!
            kind = "lapor"
        elif "wa.me" in low or "whatsapp" in low:
            kind = "whatsapp"
        elif any(s in low for s in ("instagram", "facebook", "twitter", "tiktok", "youtube", "x.com/")):
            kind = "social_media"
        else:
            kind = "web_form"
        found.append((m.start(), kind, url))
        take(*m.span())
    for m in _PHONE.finditer(text):
        if covered[m.start()]:
            continue
        number = _digits(m.group(0))
        if len(number.lstrip("+")) < 7 or len(number) > 15:
            continue
        before = normalise(text[max(0, m.start() - _CONTEXT_CHARS): m.start()])
        after = normalise(text[m.end(): m.end() + 14]) if re.match(r"\s*[(\[/]", text[m.end():]) else ""
        kind = "phone"
        best = -1
        for t, rx in p["phone_types"].items():
            for km in rx.finditer(before):
                if km.end() > best:
                    best, kind = km.end(), t
            if after and rx.search(after) and t != "phone":
                kind, best = t, 10**6
        found.append((m.start(), kind, number))
        # "SMS/WA 0812…", "0821… (telepon/WA)": one number, several channels
        for t in _joined_types(before, after):
            if t != kind:
                found.append((m.start(), t, number))
        take(m.start(), m.end() + (14 if after else 0))
    for m in _LAPOR_BANG.finditer(text):
        found.append((m.start(), "lapor", m.group(0)))
    for m in _SHORT_LAPOR.finditer(text):
        found.append((m.start(), "lapor", "SMS 1708"))
        if re.search(r"\bsms\b", text[max(0, m.start() - 20): m.start()], re.I):
            found.append((m.start(), "sms", "SMS 1708"))  # SMS to LAPOR!'s short number is an SMS channel too
        take(*m.span())
    chars = list(text)
    for a, b in taken:  # consumed values become a run of zeros: still "a number" for the keyword check
        for k in range(max(0, a), min(len(chars), b)):
            chars[k] = "0"
        if a > 0:
            chars[a - 1] = " "
    norm = normalise("".join(chars))
    have = {t for _, t, _ in found}
    plain = normalise(text)
    for t, rx in p["channels"].items():
        if t in have:
            continue
        for m in rx.finditer(plain if t == "web_form" else norm):
            if t in ("whatsapp", "sms", "phone") and not _standalone_ok(norm, m):
                continue
            if t == "web_form" and _LAPOR_NEAR.match(plain, m.end()):
                continue  # "Website: www.lapor.go.id", "aplikasi SP4N-LAPOR!": that is the lapor channel
            found.append((10**6 + m.start(), t, m.group(0)))
            break
    found.sort()
    out, seen = [], set()
    for _, t, value in found:
        if (t, value) in seen:
            continue
        seen.add((t, value))
        out.append({"type": t, "value": value})
    return out


_LAPOR_NEAR = re.compile(r"(?: [a-z0-9]+){0,3}? (?:www )?(?:sp4n|lapor|span)")


def _joined_types(before: str, after: str) -> list[str]:
    """Channel words joined by "/" or "dan" right next to a number: "telp sms", "sms wa", "telepon wa"."""
    p = _pat()["phone_types"]
    tail = " ".join(before.split()[-3:])
    head = " ".join(after.split()[:3])
    # a note after the number says what it is ("(WhatsApp)", "(telepon/WA)"); else the words right before it
    out = _types_in(head, p) if head else []
    out = out or _types_in(tail, p)
    return out if len(out) >= 2 else []


def _types_in(text: str, p) -> list[str]:
    """Channel types named in a few words; a word inside another type's longer phrase does not count
    ("WhatsApp Hotline" is WhatsApp, not also a phone hotline)."""
    spans = [(m.start(), m.end(), t) for t, rx in p.items() for m in rx.finditer(text)]
    out = []
    for a, b, t in spans:
        if any(t2 != t and a2 <= a and b <= b2 and (b2 - a2) > (b - a) for a2, b2, t2 in spans):
            continue
        if t not in out:
            out.append(t)
    return out


def _standalone_ok(norm: str, m: re.Match) -> bool:
    """A channel word without a number ("melalui telepon, SMS") counts; "hp" or "wa" alone inside words do not."""
    if re.match(r" ?(?:[a-z]+ ){0,2}\d", norm[m.end(): m.end() + 24]):
        return False  # "SMS 1708", "WA 0812…": the number was typed already
    return len(m.group(0)) > 2


def is_about_complaints(text: str) -> bool:
    p = _pat()
    # remembered per text: the finders and segment ask ~29 times a page, mostly about the same short texts
    # (a site repeats its chrome and labels; 27k calls, 3.2k distinct texts on the bench)
    return _remembered(p["about"], text, lambda: _names_complaints(normalise(text), p["keywords"]))


def _names_complaints(norm: str, keywords: re.Pattern) -> bool:
    """A complaints word in a normalised text: searched only where a word opens one (vocab.may_match)."""
    return may_match(keywords, norm.split()) and keywords.search(norm) is not None


_ABOUT_MEMO_CHARS = 500  # bounded memory: at most 4,096 texts of at most this length
_ABOUT_MEMO_SIZE = 4096


def _remembered(memo: dict, text: str, compute):
    """compute()'s answer for text, kept in memo (it lives with the patterns, so a new vocabulary starts a new
    one); long or non-str texts are computed each time, and a full memo starts again."""
    if type(text) is not str or len(text) > _ABOUT_MEMO_CHARS:
        return compute()
    found = memo.get(text)
    if found is None:
        if len(memo) >= _ABOUT_MEMO_SIZE:
            memo.clear()
        found = memo[text] = compute()
    return found


def find(section: Section, ctx: Context) -> list:
    """Pengaduan fields of a service (any concrete content counts) or of the unit (a channel is needed)."""
    out = []
    unit = section.name is None
    for f in section.of(COMPONENT):
        lines = f.lines(max_blocks=15)
        text = "\n".join(lines)
        channels = parse_channels(text)
        if len(lines) > 1:
            # a channel word without an address ("situs", "aplikasi") counts on a short line or one about
            # complaints, not in a cookie notice or a paragraph that happens to follow the field
            loose = {(c["type"], c["value"]) for line in lines if len(line.split()) > 8 and not is_about_complaints(line)
                     for c in parse_channels(line) if not is_concrete_channel(c)}
            # ... or on an item that the channel labels ("WhatsApp Resmi Desa: melalui nomor …")
            kept = {(c["type"], c["value"]) for line in lines for c in parse_channels(line)
                    if len(line.split()) <= 8 or is_about_complaints(line) or _names_channel_first(line, c, colon=True)}
            channels = [c for c in channels if (c["type"], c["value"]) not in loose - kept]
            if _MENU_ENTRY.match(f.label or "") and channels and not any(is_concrete_channel(c) for c in channels):
                channels = _before_unrelated_line(lines, channels)
                if not channels:
                    continue  # a menu entry, and the channel word was another entry's
        if not channels and not set(normalise(text).split()) - _LABEL_ONLY:
            channels = _channels_after(f, ctx)
        if not channels and (unit or not set(normalise(text).split()) - _LABEL_ONLY):
            continue  # nothing, or only the rest of the label (", Saran, dan Masukan")
        out.append(make(COMPONENT, section, f, {"channels": channels}, ctx))
    return out


_MENU_ENTRY = re.compile(r"\s*[•▪·*\-]\s*[^:]*$")  # "• Pengaduan Masyarakat": a bulleted label, no colon


def _channels_after(f, ctx: Context) -> list[dict]:
    """A label broken over lines in a flattened table ("Penanganan pengaduan, saran dan" / "masukan |") holds
    only its own words; its content is the next cell, a few short lines ("1. Nomor", "Telepon/call center
    PTSP", "Kelurahan 0813…"): the concrete channels there."""
    blocks = ctx.page.blocks
    last = max([f.index] + [i for i, _ in f.blocks])
    out: list[dict] = []
    for b in blocks[last + 1: last + 5]:
        if b.kind == "heading" or len(b.text.split()) > 8:
            break
        out.extend(c for c in parse_channels(b.text) if is_concrete_channel(c))
    return _dedupe(out)


def _before_unrelated_line(lines: list[str], channels: list[dict]) -> list[dict]:
    """Channel words (no address) named before the first line that names none and is not about complaints:
    a "Pengaduan Masyarakat" menu entry is followed by other menu entries ("K-BIAK", "Artikel", …, "Aplikasi"),
    and a word among them is a menu's, not a channel of the field."""
    keep: set[tuple[str, str]] = set()
    for line in lines:
        found = parse_channels(line)
        if not found and not is_about_complaints(line):
            break
        keep.update((c["type"], c["value"]) for c in found)
    return [c for c in channels if (c["type"], c["value"]) in keep]


MAX_PROSE_WORDS = 45
_LABEL_ONLY = frozenset({"penanganan", "pengaduan", "saran", "dan", "masukan", "keluhan", "layanan", "pelayanan",
                         "pengelolaan", "atau", "serta"})


def find_unit(blocks: list[Block], labels, owned, ctx: Context) -> list:
    """Complaint channels published outside labelled fields: a short block about complaints with a channel in
    it or in the few blocks right under it (before the next heading)."""
    out = []
    n = len(blocks)
    i = 0
    while i < n:
        b = blocks[i]
        if (i in owned or b.link or b.kind == "image" or len(b.text.split()) > MAX_PROSE_WORDS
                or not is_about_complaints(b.text) or _states_a_duty(b.text)):
            i += 1
            continue
        found = parse_channels(b.text)
        if any(_outlet_mail(c, ctx) for c in found):
            i += 1  # "Kirim pengaduan dan berita Anda ke redaksi@<the outlet>": the newsroom's contact line
            continue
        group = [(i, b)]
        channels = [c for c in found if not _publisher(c, ctx)]
        # "Masyarakat dapat menyampaikan aduan melalui kanal berikut:" introduces a list of channels: its items
        # name one each ("Langsung ke Kantor Desa: …", "Kotak Saran …"), with or without an address
        intro = b.text.rstrip().endswith(":")
        j = i + 1
        while j < n and j <= i + 6 and blocks[j].kind != "heading" and len(blocks[j].text.split()) <= MAX_PROSE_WORDS:
            if labels[j] is not None:
                break
            more = [c for c in parse_channels(blocks[j].text) if (intro and _names_channel_first(blocks[j].text, c)
                    or is_concrete_channel(c)) and not _publisher(c, ctx)]
            if not more:
                break  # the lines under a complaints block go on only while they give an address or number
            group.append((j, blocks[j]))
            channels.extend(more)
            j += 1
        concrete = [c for c in channels if is_concrete_channel(c)]
        if concrete:
            out.append(block_finding(COMPONENT, None, {"channels": _dedupe(channels)}, group, ctx, confidence=0.8))
        i = j
    return out


def _publisher(c: dict, ctx: Context) -> bool:
    """The page's own site when it is not a government one: a news outlet naming itself ("kata dia kepada
    kontrasx.com") publishes no complaints channel."""
    if c["type"] != "web_form":
        return False
    host = re.sub(r"^(?:https?://)?(?:www\.)?", "", c["value"].lower()).split("/", 1)[0]
    own = re.sub(r"^(?:https?://)?(?:www\.)?", "", (ctx.page.url or "").lower()).split("/", 1)[0]
    return bool(host) and host == own and not _GOV_HOST.search(host)


def _outlet_mail(c: dict, ctx: Context) -> bool:
    """An e-mail address at the page's own site when it is not a government one: a news outlet's newsroom."""
    own = re.sub(r"^(?:https?://)?(?:www\.)?", "", (ctx.page.url or "").lower()).split("/", 1)[0]
    return c["type"] == "email" and bool(own) and c["value"].lower().rsplit("@", 1)[-1] == own \
        and not _GOV_HOST.search(own)


def _states_a_duty(text: str) -> bool:
    """ "Setiap unit wajib menyediakan sarana pengaduan seperti kotak saran": a rule with examples, not a channel
    the page publishes."""
    return bool(_pat()["duty"].search(normalise(text)))


def _names_channel_first(text: str, c: dict, colon: bool = False) -> bool:
    """The item opens with the channel's name ("Kotak Saran di Kantor Desa: …", "WhatsApp Resmi Desa: …"), as
    a list of channels does; a step or a remark that mentions one further on ("Petugas … secara langsung")
    does not. With colon, the name must be the item's own label (a cookie notice opens with "Website ini …")."""
    value = normalise(c["value"])
    head = text.split(":", 1)[0] if colon and ":" in text else ("" if colon else text)
    if colon and len(head.split()) > 5:
        return False
    return bool(value) and f" {value} " in " " + " ".join(normalise(head).split()[:4]) + " "


def tells_a_story(text: str) -> bool:
    """A complaint told as past events or a fraud warning ("… sudah mengadukan … namun belum ditanggapi", "…
    mengatasnamakan Disdukcapil, itu penipuan"): its channel is the story's, not one the page offers."""
    return _story_words().search(normalise(text)) is not None


_story_words = cached(lambda v: phrase_regex((v.get("pengaduan") or {}).get("story_words") or []))
_offer_words = cached(lambda v: phrase_regex((v.get("pengaduan") or {}).get("offer_words") or []))
_COMPLAINTS_WORD = re.compile(r"\b(?:pengaduan|aduan)\b")
MAX_OFFER_CHARS = 1200  # a story's paragraph; longer blocks are not read sentence by sentence here
_SENTENCE_END = re.compile(r"(?<=[.!?])[\"”']?\s+")


def find_offered_desk(blocks: list[Block], owned, ctx: Context) -> list:
    """A news story's sentence that offers a complaints desk or channel by name to the public ("… bisa mendatangi
    loket pengaduan Disdukcapil", "Dinas Pendidikan buka posko pengaduan PPDB", "membuka layanan pengaduan melalui
    sosial media"): the first one, as a unit finding. Reported speech counts (the office's head offering its own
    desk); a desk only mentioned, a past complaint, a fraud warning or a duty does not. Asked last, where nothing
    else gave a channel: find_unit reads only concrete channels, and on news pages only outside speech."""
    for i, b in enumerate(blocks):
        if i in owned or b.link or b.kind not in ("paragraph", "heading", "list_item") or len(b.text) > MAX_OFFER_CHARS:
            continue
        for sentence in _SENTENCE_END.split(b.text):
            channels = _offered_channels(sentence)
            if channels:
                return [block_finding(COMPONENT, None, {"channels": channels}, [(i, b)], ctx, confidence=0.6)]
    return []


def _offered_channels(sentence: str) -> list[dict]:
    """The sentence's channels when it offers the public a complaints channel by name (find_offered_desk); else
    []. A desk must say it is for complaints ("loket pengaduan", not "datang langsung"); a channel word needs no
    number or address here ("membuka layanan pengaduan melalui media sosial rumah sakit", "layanan pengaduan
    berbasis WhatsApp"): the sentence is about complaints and offers it (docs/real-corpus.md, c26-08)."""
    norm = normalise(sentence)
    if not is_about_complaints(sentence) or _offer_words().search(norm) is None \
            or tells_a_story(sentence) or _states_a_duty(sentence):
        return []
    found = [c for c in parse_channels(sentence) if c["type"] in _OFFERED]
    desks = [c for c in found if c["type"] == "desk"]
    if _channel_service().search(norm) is not None or _COMPLAINTS_CAN.search(norm) is not None:
        named = [c for c in found if c["type"] != "desk"]
        if named:
            return named + desks  # the channels it names, and the desks beside them
    return desks if any(_COMPLAINTS_WORD.search(normalise(c["value"])) for c in desks) else []


# channel types a story may offer by name alone (not "web_form": "website"/"aplikasi" name a site's own pages as
# often as a complaints form; not "phone"/"sms" words, which a story uses for any call)
_OFFERED = frozenset({"desk", "whatsapp", "social_media", "kotak_saran", "email", "lapor"})
_channel_service = cached(lambda v: phrase_regex((v.get("pengaduan") or {}).get("channel_service") or []))
# "Pengaduan selama ini sudah bisa dilakukan melalui …", "pengaduan masyarakat tak hanya dilayani …": complaints
# can be made, within three words (not "jumlah pengaduan yang masuk melalui media sosial dapat mencapai …")
_COMPLAINTS_CAN = re.compile(r"\b(?:pengaduan|aduan|keluhan)(?: [a-z]+){0,3} (?:dapat|bisa|dilayani)\b")


def is_concrete_channel(c: dict) -> bool:
    # an address or number, LAPOR!, or a physical complaints box (a place, not a word)
    return c["type"] in ("lapor", "kotak_saran") or bool(re.search(r"[\d@./]", c["value"]))


def _dedupe(channels):
    seen, out = set(), []
    for c in channels:
        key = (c["type"], c["value"])
        if key not in seen:
            seen.add(key)
            out.append(c)
    return out


def find_chrome(blocks: list[Block], ctx: Context) -> list:
    """A complaints box in the page's chrome (a sidebar widget "Layanan Pengaduan", a floating "Pengaduan
    via WhatsApp" button): the same test as find_unit, located as "chrome"."""
    if not blocks:
        return []
    # a list of links ("lapor.go.id sinovik.menpan.go.id …") is not a complaints box: the words must say so
    blocks = [b for b in blocks
              if not is_about_complaints(b.text) or is_about_complaints(urls.IN_TEXT.sub(" ", b.text))]
    found = find_unit(blocks, [None] * len(blocks), set(), ctx)
    for f in found:
        f.locator = CHROME_LOCATOR
    return found[:1]
