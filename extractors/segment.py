"""Segmentation: a Page's blocks -> the service sections it publishes, each a list of labelled fields.

A *field* is a component label with the content that follows it: a table row "Persyaratan | 1. KTP …",
a heading "Persyaratan" and the list under it, a term/definition pair, a line "Biaya: Gratis". A *section*
is one service: the fields between one service name and the next. Service names come from the nearest
heading / accordion or tab title / caption / "Jenis Pelayanan: …" row above the fields, or the page title.

Two shapes are read differently:
- a wide table whose header row names components (Jenis Layanan | Persyaratan | Waktu | Biaya …):
  one section per data row, the name from the name column;
- everything else is read linearly, block by block.

The parts live beside it, one job each: fields.py (what a section is made of), labels.py (which component a
block introduces), names.py (service names), tables.py (wide tables), prose.py (values in sentences),
unlabelled.py (lists whose labels were stripped, read in slot order).
"""

from __future__ import annotations

from .components import biaya, pengaduan, waktu
from .fields import LABEL_TAILS, ONLY_MARKER, Field, Section, Segmentation
from .items import item_kind
from .labels import (KOMPONEN_HEADER, LabelHit, drop_component_enumerations, drop_label_tails, drop_wrapped_labels,
                     label_of,
                     mark_komponen_rows)
from .model import Block, Page
from .names import (clean_service_name, is_institution_heading, last_resort_name, names_part_of, similar_names,
                    title_name)
from .prose import page_prose_fields, prose_fields, sentence_fields
from .tables import wide_sections, wide_tables
from .unlabelled import attach, requirements_among_steps, slot_fields, steps_among_requirements
from .vocab import OTHER, SERVICE_NAME, classify_label, normalise


MAX_FIELD_BLOCKS = 80  # a field's content is bounded: a hostile page cannot make one field the whole page

# a table's column header between a label and its content ("Komponen | Uraian" flattened)
_COLUMN_WORDS = frozenset({"keterangan", "uraian", "penjelasan", "rincian", "deskripsi"})


def segment(page: Page) -> Segmentation:
    blocks = page.blocks
    wide = wide_tables(blocks)
    labels: list[LabelHit | None] = [
        None if (b.kind == "table_row" and b.table in wide) else label_of(b, page.reading) for b in blocks
    ]
    drop_component_enumerations(blocks, labels)
    drop_label_tails(blocks, labels)
    if page.reading != "html":
        mark_komponen_rows(blocks, labels)
        drop_wrapped_labels(blocks, labels)
    services: list[Section] = []
    unit = Section(name=None)
    fallback = title_name(page)

    candidate: str | None = None
    candidate_version = 0
    current: Section | None = None
    current_version = -1
    current_open = False  # no non-label heading since the current section's last field
    fld: Field | None = None
    others: list[Field] = []  # fields of labels that name no component (Dasar Hukum, Pengertian …)
    emitted_wide: set[int] = set()
    candidate_scope = 0  # the collapsible group the candidate name was read in
    section_scope = 0

    def close():
        nonlocal fld
        fld = None

    n = len(blocks)
    for i, b in enumerate(blocks):
        if b.kind == "table_row" and b.table in wide:
            if b.table not in emitted_wide:
                emitted_wide.add(b.table)
                if fld is not None and fld.kind == "heading" and fld.cls in wide[b.table][2].values() \
                        and current is not None and current.fields and current.fields[-1] is fld:
                    # "Tarif Layanan" over a price list: the heading titles the table, it is not a field
                    current.fields.pop()
                    if not current.fields:
                        services.remove(current)
                        current, current_version = None, -1
                services.extend(wide_sections(blocks, b.table, wide[b.table]))
            close()
            current_open = False
            continue
        if section_scope and b.scope != section_scope and current is not None:
            # a collapsible group closed: what follows is not part of its last item
            if fld is not None and blocks[fld.index].scope == section_scope:
                close()
            if current_open or candidate_scope == section_scope:
                current_open = False
                candidate, candidate_version, candidate_scope = None, candidate_version + 1, b.scope
            section_scope = 0
        hit = labels[i]
        if hit is not None and fld is not None and _restates(fld, hit):
            fld.blocks.append((i, b))
            continue
        if hit is not None:
            cls = hit.label.cls
            if cls == SERVICE_NAME:
                close()
                name = clean_service_name(hit.inline.split("\n")[0]) if hit.inline else None
                if not hit.inline and hit.label.rest and hit.kind in ("heading", "line", "term"):
                    # "I. PELAYANAN REKOMENDASI KIS PBI", "1. Pelayanan Pemeriksaan Umum": the line is the name
                    name = clean_service_name(hit.text)
                    if hit.label.rest.split()[0] in ("dan", "serta", "atau"):
                        # "Jenis Pelayanan dan Tarif 2024": a title over a list, not one service (and it ends
                        # whatever the heading above named)
                        name = None
                        candidate, candidate_version, candidate_scope = None, candidate_version + 1, b.scope
                    current_open = False
                if name:
                    candidate, candidate_version, candidate_scope = name, candidate_version + 1, b.scope
                continue
            if cls == OTHER:
                if fld is not None and fld.cls != OTHER and not fld.has_content and not hit.inline \
                        and normalise(hit.text) in _COLUMN_WORDS:
                    continue  # "Sistem, Mekanisme dan Prosedur :" / "Keterangan :": a column's name, not a field
                fld = Field(cls=OTHER, label=hit.text, inline=hit.inline, index=i, kind=hit.kind, level=b.level,
                            table=b.table)
                others.append(fld)
                continue
            if hit.name_hint:
                hint = clean_service_name(hit.name_hint)
                if hint and candidate and (normalise(hint) == normalise(candidate) or similar_names(hint, candidate)):
                    hint = None
                if hint and hint != candidate and not (candidate and names_part_of(hint, candidate)):
                    candidate, candidate_version, candidate_scope = hint, candidate_version + 1, b.scope
            fld = Field(cls=cls, label=hit.text, inline=hit.inline, index=i, kind=hit.kind, level=b.level,
                        table=b.table)
            if cls == "maklumat":
                unit.fields.append(fld)
                continue
            if cls == "pengaduan" and not (current is not None and current_open and current_version == candidate_version):
                unit.fields.append(fld)
                continue
            if current is None or current_version != candidate_version:
                current = Section(name=candidate or fallback, index=i)
                current_version = candidate_version
                section_scope = candidate_scope if candidate else b.scope
                services.append(current)
            current.fields.append(fld)
            current_open = True
            continue
        # not a label
        if b.kind == "heading" or (b.kind == "term"):
            if fld is not None and (_inside_field(fld, b) or _heading_is_value(fld, b, page.reading)):
                fld.blocks.append((i, b))
                continue
            close()
            current_open = False
            if b.text.rstrip().endswith("?"):
                continue  # a question ("Bisakah diterbitkan lagi?") names no service and keeps the one above
            if is_institution_heading(b.text):
                continue  # "DINAS SOSIAL KABUPATEN …", "TENTANG STANDAR PELAYANAN …": the document's heading
            name = clean_service_name(b.text)
            if name is not None or b.level <= 3 or b.kind == "term":
                candidate, candidate_version, candidate_scope = name, candidate_version + 1, b.scope
            continue
        if fld is not None:
            if fld.kind in ("row", "wide"):
                if b.kind == "table_row" and (b.table == fld.table or _spilled(fld)) and _continuation(b):
                    # a flattened table's rows below a spilled row start a new table when a line broke the
                    # pipes ("| 2 | Persyaratan | … melampirkan: |", "| |", "| a | Fotokopi KTP |")
                    fld.blocks.append((i, b))
                    continue
                if b.kind == "table_row" and b.table == fld.table:
                    # an unlabelled row in a komponen table: ends the field, does not end the table
                    fld = Field(cls=OTHER, label="", inline="", index=i, kind="row", table=b.table)
                    continue
                if b.kind != "table_row" and fld.cls != OTHER and page.reading != "html" and _spills(fld) \
                        and len(fld.blocks) < MAX_FIELD_BLOCKS:
                    # "| 2 | Sistem, Mekanisme dan Prosedur |" then the steps on lines of their own: a table
                    # flattened to text keeps a row's content below the row
                    fld.blocks.append((i, b))
                    continue
                close()
            elif fld.cls not in ("pengaduan", OTHER) and _complaints_line(b) \
                    and (fld.has_content or not _states_value(fld.cls, b.text)):
                # "Punya keluhan? … WhatsApp 0811…" after the last field: the unit's complaints box; under an empty
                # fee label, a line that states the fee is its content even when it names a channel ("Tidak
                # dipungut biaya. … aduan ke WA 08…")
                close()
            elif b.kind == "paragraph" and _stated_in_line(fld) and page.reading != "html":
                close()  # "Lamanya proses rata-rata 10 - 60 menit …" said it all: the next line is the next slot
            else:
                if len(fld.blocks) < MAX_FIELD_BLOCKS:
                    fld.blocks.append((i, b))
                continue
        if (b.kind == "paragraph" and i > 0 and blocks[i - 1].kind == "heading" and blocks[i - 1].level == 6
                and candidate and page.source == "html" and len(b.text) <= 1200):
            # a run-in title over a prose paragraph ("Surat Keterangan Usaha. Warga cukup membawa …"): the
            # paragraph is the service's standard when its sentences publish two or more components
            prose = prose_fields(b.text, i, page.reading)
            if len(prose) >= 2:
                current = Section(name=candidate, index=i, fields=prose)
                current_version = candidate_version
                services.append(current)
                current_open = False
                continue
        # content outside any field: a short line right before a label may name the next service
        if b.kind in ("paragraph", "list_item", "table_row") and i + 1 < n and labels[i + 1] is not None:
            nxt = labels[i + 1]
            if nxt.label.cls in ("persyaratan", "prosedur", "waktu", "biaya", "produk") and nxt.kind != "row" or (
                b.kind == "table_row" and nxt.kind == "row" and _is_title_row(b)
            ):
                name = clean_service_name(b.text) if len(b.text.split()) <= 14 and not b.text.endswith(".") else None
                if name and b.kind == "list_item" and i and blocks[i - 1].kind == "list_item" \
                        and blocks[i - 1].level == b.level:
                    name = None  # the last item of a list ("6. Setelah produk selesai …"), not a title
                if name and b.text.strip().startswith("(") and b.text.strip().endswith(")"):
                    name = None  # "(untuk pernikahan yang …)": a note in brackets under the name, not a name
                if name and KOMPONEN_HEADER.match(normalise(name)):
                    name = None
                if name and _states_a_value(name):
                    name = None  # SIPPN's time slot "36 Menit" right above its fee slot "Biaya Bervariasi"
                if name and classify_label(name) is None:
                    candidate, candidate_version, candidate_scope = name, candidate_version + 1, b.scope
    for sec in services:
        sentence_fields(sec, page.reading)
    owned: set[int] = set()
    for sec in services:
        for f in sec.fields:
            owned.add(f.index)
            owned.update(i for i, _ in f.blocks)
    for f in others:
        # the statutes under "I. DASAR HUKUM" are no slot's value (a fee "sesuai UU …", a product "PMA Nomor …"),
        # and neither is a line among them that names no statute ("7. Kompilasi Hukum Islam")
        legal = sum(item_kind(b.text) == "legal" for _, b in f.blocks)
        if legal and legal * 2 >= len(f.blocks):
            owned.update(i for i, _ in f.blocks)
    for i, b in enumerate(blocks):
        if b.kind == "table_row" and b.table in wide:
            owned.add(i)
    requirements_among_steps(services)
    steps_among_requirements(services)
    slots = slot_fields(blocks, owned, pengaduan.is_about_complaints(fallback or page.title or ""))
    slots += page_prose_fields(blocks, owned | {f.index for f in slots}, page.reading,
                               in_context=bool(services or slots))
    name = fallback or last_resort_name(page)
    attach(services, slots, name)
    for f in slots:
        owned.update(i for i, _ in f.blocks)
    return Segmentation(services=services, unit=unit, labels=labels, owned=owned, page_name=name)


def _spills(fld: Field) -> bool:
    """A row field whose cells gave no content, whose content already ran on below the row, or whose cell
    announces what follows ("Surat permohonan dengan melampirkan:" over the documents' lines)."""
    return _spilled(fld) or fld.inline.rstrip().endswith(":") \
        or normalise(fld.inline) in LABEL_TAILS | {"", "masukan", "dan masukan", "saran dan masukan"}


def _spilled(fld: Field) -> bool:
    return any(b.kind != "table_row" for _, b in fld.blocks)


def _restates(fld: Field, hit: LabelHit) -> bool:
    """ "Biaya/Tarif" then "Retribusi PBG sesuai Perda …": a line that opens with a word of the same component
    right under an empty label is that label's content, not a new field."""
    return (hit.kind == "line" and hit.label.cls == fld.cls and fld.kind not in ("row", "wide")
            and not fld.inline and not fld.blocks)


def _inside_field(fld: Field, b: Block) -> bool:
    """A heading that belongs to the field's content ("Untuk WNI:" under "Persyaratan")."""
    if fld.cls == OTHER:
        return False
    if b.kind == "heading" and b.text.rstrip().endswith(":") and fld.kind in ("heading", "line", "term", "inline"):
        return True
    if fld.kind == "heading" and b.kind == "heading" and b.level > fld.level:
        return True
    if fld.kind == "term" and b.kind == "term":
        return False
    return False


def _complaints_line(b: Block) -> bool:
    """A paragraph about complaints that gives a channel's address or number."""
    if b.kind not in ("paragraph", "list_item") or len(b.text) > 400:
        return False
    return pengaduan.is_about_complaints(b.text) and any(
        pengaduan.is_concrete_channel(c) for c in pengaduan.parse_channels(b.text))


def _states_value(cls: str, text: str) -> bool:
    """The text gives a time or fee field its value."""
    if cls == "biaya":
        return biaya.parse(text) is not None
    return cls == "waktu" and waktu.parse(text) is not None


# the words a slot's value opens with ("Maksimal 2x24 jam …", "Tidak dipungut biaya", "Rp. 0,-")
_VALUE_OPENERS = ("maksimal", "paling", "tidak", "gratis", "rp", "selama", "kurang", "lebih", "sesuai", "tanpa")


def _states_a_value(text: str) -> bool:
    """A short line that is a time's or a fee's value, not a service's name ("36 Menit", "Tidak dipungut biaya")."""
    norm = normalise(text)
    if not norm or len(norm.split()) > 6 or not (norm[0].isdigit() or norm.split()[0] in _VALUE_OPENERS):
        return False
    return _states_value("waktu", text) or _states_value("biaya", text)


def _heading_is_value(fld: Field, b: Block, source: str) -> bool:
    """ "BIAYA" then "GRATIS": under an empty label, a heading-looking line that states the label's value is its
    content (OCR and PDF text make every short ALL-CAPS line a heading)."""
    if fld.inline or fld.blocks or fld.kind not in ("heading", "line", "term") or len(b.text.split()) > 8:
        return False
    if fld.cls in ("biaya", "waktu"):
        return _states_value(fld.cls, b.text)
    return fld.cls == "produk" and source != "html" and clean_service_name(b.text) is not None


def _stated_in_line(fld: Field) -> bool:
    """A time or fee field whose label line already holds its whole value."""
    if fld.kind not in ("inline", "line") or not fld.inline or fld.blocks:
        return False
    value = waktu.parse(fld.inline) if fld.cls == "waktu" else biaya.parse(fld.inline) if fld.cls == "biaya" else None
    return value is not None and value.get("amount") is not None or bool(value and value.get("free"))


def _continuation(b: Block) -> bool:
    """A komponen-table row without its own label (the label cell was merged with the row above)."""
    cells = [c for c in b.cells if c]
    if not cells:
        return False
    first = b.cells[0] if b.cells else ""
    return (not first or ONLY_MARKER.match(first) is not None) and classify_label(cells[0]) is None


def _is_title_row(b: Block) -> bool:
    cells = [c for c in b.cells if c]
    return len(set(cells)) == 1
