"""OCR for standards published as pictures: JPG/PNG infographics and scanned PDFs (pages without a text layer).

    from extractors.ocr import ocr_available, ocr_image, ocr_pdf, pdf_needs_ocr, page_from_ocr
    if kind == "image":                      page = page_from_ocr(url, [ocr_image(body)], "image")
    elif kind == "pdf" and pdf_needs_ocr(body): page = page_from_ocr(url, ocr_pdf(body), "pdf")

Engine: Tesseract through tesserocr (in-process C++ API; one API object per process and language, created on
first use and reused, recreated after a fork). Language data: Debian tesseract-ocr-ind / tesseract-ocr-eng
(found in the usual tessdata folders, or TESSDATA_PREFIX / PANTAU_TESSDATA). PDF pages are rendered with
pypdfium2 when it is installed, else the page's largest embedded image is taken through pypdf.

The text keeps the page's lines. Tables are rebuilt from the word boxes: a wide horizontal gap between words
starts a new cell (cells are separated by a tab, which the plain-text line classifier reads as a table row),
and the wrapped lines of a cell are folded back into the row above them, so that
"1 | Persyaratan | 1. Fotokopi KTP 2. KK asli" comes out as one row, as it does from HTML.

Everything here is safe to call from ProcessPoolExecutor workers (no state shared across processes; the
per-process state is guarded by a lock for threads). Tesseract runs single-threaded (no OpenMP in the wheel;
OMP_THREAD_LIMIT=1 is set in case a build has it), so a pool of N workers uses N cores.
"""

from __future__ import annotations

import io
import logging
import os
import re
import statistics
import threading
import warnings
from dataclasses import dataclass
from pathlib import Path

from .cuts import cut
from .errors import ExtractionError
from .model import Page
from .text_page import lines_to_blocks

logging.getLogger("pypdf").setLevel(logging.ERROR)

DEFAULT_LANG = "ind+eng"
# Cost caps (a 59 MP picture took 48 s and 1.2 GB to read): pictures above MAX_PIXELS are refused before they are
# decoded, a PDF page is rendered at most this large, and a scan gets at most MAX_PDF_PAGES pages and
# MAX_PDF_PIXELS in all (a 300 dpi A4 page is 8.7 MP, A3 17.4 MP). What a cap leaves unread is recorded (cuts).
MAX_PIXELS = 20_000_000
WORK_PIXELS = 16_000_000  # never upscale beyond this
UPSCALE_BELOW = 1600  # images narrower than this (typical web infographics) are read at 2x
PSM = 4  # "single column of text of variable sizes": keeps table rows whole; 3 splits cells into columns
PDF_MIN_CHARS_PER_PAGE = 30  # a PDF page with less extractable text than this is treated as scanned
PDF_DPI_MIN, PDF_DPI_MAX = 200, 300
MAX_PDF_PAGES = 10
MAX_PDF_PIXELS = 90_000_000
SPARSE_PASS_IMAGE_SHARE = 0.2  # run the sparse pass when pictures cover more of the page than this
CELL_GAP_HEIGHTS = 1.6  # a gap wider than this many line heights between two words separates table cells

TESSDATA_DIRS = (
    "/usr/share/tesseract-ocr/5/tessdata",
    "/usr/share/tesseract-ocr/4.00/tessdata",
    "/usr/share/tessdata",
    "/usr/local/share/tessdata",
    "/usr/local/share/tesseract-ocr/tessdata",
    "/opt/homebrew/share/tessdata",
)


class OcrUnavailable(ExtractionError):
    """OCR was needed but cannot run here: tesserocr is not installed or the language data is missing."""


# ------------------------------------------------------------------------------------------ the engine
def tessdata_dir(lang: str = DEFAULT_LANG) -> str | None:
    """The first tessdata folder holding every language of `lang` ("ind+eng")."""
    wanted = [p for p in lang.split("+") if p]
    candidates = [os.environ.get("PANTAU_TESSDATA"), os.environ.get("TESSDATA_PREFIX")]
    prefix = os.environ.get("TESSDATA_PREFIX")
    if prefix:
        candidates.append(os.path.join(prefix, "tessdata"))
    for d in [*candidates, *TESSDATA_DIRS]:
        if d and all(Path(d, f"{name}.traineddata").is_file() for name in wanted):
            return d
    return None


def ocr_available(lang: str = DEFAULT_LANG) -> bool:
    """tesserocr importable and the language data (ind, eng) present."""
    try:
        import tesserocr  # noqa: F401
    except ImportError:
        return False
    return tessdata_dir(lang) is not None


def unavailable_reason(lang: str = DEFAULT_LANG) -> str:
    try:
        import tesserocr  # noqa: F401
    except ImportError:
        return "OCR unavailable: the Python package tesserocr is not installed"
    if tessdata_dir(lang) is None:
        return (f"OCR unavailable: no tessdata folder with {lang.replace('+', ' and ')} "
                f"(Debian tesseract-ocr-ind, tesseract-ocr-eng; or set PANTAU_TESSDATA)")
    return ""


_lock = threading.Lock()
_apis: dict[tuple[str, int], object] = {}
_pid = 0


def _api(lang: str, psm: int):
    """This process's Tesseract API for (lang, psm): created once (loading the model costs ~100 ms), reused."""
    global _pid
    if _pid != os.getpid():  # forked: the parent's objects are not ours to use
        _apis.clear()
        _pid = os.getpid()
    api = _apis.get((lang, psm))
    if api is None:
        reason = unavailable_reason(lang)
        if reason:
            raise OcrUnavailable(reason)
        os.environ.setdefault("OMP_THREAD_LIMIT", "1")
        import tesserocr

        try:
            api = tesserocr.PyTessBaseAPI(path=tessdata_dir(lang) + os.sep, lang=lang, psm=psm,
                                          oem=tesserocr.OEM.LSTM_ONLY)
        except RuntimeError as exc:
            raise OcrUnavailable(f"OCR unavailable: Tesseract failed to load {lang}: {exc}") from exc
        # keep the spaces the page shows inside a line; no dictionary-forced splits of codes like SP4N
        api.SetVariable("preserve_interword_spaces", "1")
        _apis[(lang, psm)] = api
    return api


# ------------------------------------------------------------------------------------------ images
def load_image(data: bytes):
    """Decode image bytes with Pillow: first frame, EXIF orientation applied, transparency flattened on white.
    Raises ExtractionError for non-images and for images above MAX_PIXELS (checked before decoding)."""
    from PIL import Image, ImageOps, UnidentifiedImageError

    if not data:
        raise ExtractionError("empty image")
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            im = Image.open(io.BytesIO(data))
            w, h = im.size
            if w * h > MAX_PIXELS:
                raise ExtractionError(f"image too large to OCR: {w}x{h} px (limit {MAX_PIXELS // 1_000_000} MP)")
            im.load()
    except ExtractionError:
        raise
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as exc:
        raise ExtractionError(f"image too large to OCR (decompression bomb): {exc}") from exc
    except UnidentifiedImageError as exc:
        raise ExtractionError("not an image Pillow can read") from exc
    except Exception as exc:  # noqa: BLE001 - truncated or corrupt files raise OSError, SyntaxError, ...
        raise ExtractionError(f"unreadable image: {type(exc).__name__}: {exc}") from exc
    try:
        im = ImageOps.exif_transpose(im)
    except Exception:  # noqa: BLE001 - broken EXIF must not sink the picture
        pass
    if im.mode in ("RGBA", "LA", "PA") or (im.mode == "P" and "transparency" in im.info):
        rgba = im.convert("RGBA")
        bg = Image.new("RGBA", rgba.size, (255, 255, 255, 255))
        im = Image.alpha_composite(bg, rgba)
    return im


def prepare(im, *, upscale: bool = True):
    """Grayscale, 2x for small pictures (web infographics' text is too small for Tesseract), table rules
    removed. Binarisation is left to Tesseract (Otsu), which did as well on the test pictures."""
    from PIL import Image

    g = remove_rules(im.convert("L"))  # before upscaling: a quarter of the pixels to scan
    if upscale and g.width < UPSCALE_BELOW and g.width * g.height * 4 <= WORK_PIXELS:
        g = g.resize((g.width * 2, g.height * 2), Image.LANCZOS)
    return g


def _runs(mask, length: int, axis: int):
    """Pixels of `mask` that belong to a run of at least `length` True values along `axis` (cumulative sums:
    a window of `length` pixels is full when its sum is `length`; a pixel is covered by some full window)."""
    import numpy as np

    m = mask if axis == 1 else mask.T
    rows, n = m.shape
    if length > n:
        out = np.zeros(m.shape, dtype=bool)
    else:
        c = np.zeros((rows, n + 1), dtype=np.int32)
        np.cumsum(m, axis=1, out=c[:, 1:])
        full = (c[:, length:] - c[:, :-length]) == length  # full[:, i]: window [i, i + length) is all True
        f = np.zeros((rows, n + 1), dtype=np.int32)
        np.cumsum(full, axis=1, out=f[:, 1 : full.shape[1] + 1])
        f[:, full.shape[1] + 1 :] = f[:, full.shape[1] : full.shape[1] + 1]
        # pixel j is covered when a full window starts in [j - length + 1, j]
        out = np.empty(m.shape, dtype=bool)
        out[:, : length - 1] = f[:, 1:length] > 0
        out[:, length - 1 :] = (f[:, length:] - f[:, : n - length + 1]) > 0
    return out if axis == 1 else out.T


def remove_rules(g):
    """Whiten the thin long horizontal and vertical lines of a table grid (dark on light only): Tesseract reads
    grid lines as letters ("|", "I", "l") and loses the cells next to them. Thick dark areas (coloured
    backgrounds, photos) are left alone."""
    try:
        import numpy as np
    except ImportError:  # pragma: no cover - numpy comes with spaCy
        return g
    from PIL import Image

    a = np.asarray(g)
    hist = np.bincount(a.ravel(), minlength=256).astype(np.float64)
    threshold = _otsu(hist)
    dark = a < threshold
    if dark.mean() > 0.35:  # mostly dark: inverted or a photo, no ruled table to clean
        return g
    h_len = max(40, g.width // 12)
    v_len = max(40, g.height // 30)
    thick = max(4, min(g.width, g.height) // 150)
    horiz = _runs(dark, h_len, axis=1)
    horiz &= ~_runs(horiz, thick + 1, axis=0)
    vert = _runs(dark, v_len, axis=0)
    vert &= ~_runs(vert, thick + 1, axis=1)
    rules = horiz | vert
    if not rules.any():
        return g
    # also the antialiased fringe one pixel around each rule
    fringe = rules.copy()
    fringe[1:, :] |= rules[:-1, :]
    fringe[:-1, :] |= rules[1:, :]
    fringe[:, 1:] |= rules[:, :-1]
    fringe[:, :-1] |= rules[:, 1:]
    out = a.copy()
    out[fringe & (a < 235)] = 255
    return Image.fromarray(out)


def _otsu(hist) -> int:
    import numpy as np

    total = hist.sum()
    if total == 0:
        return 128
    levels = np.arange(256)
    w0 = np.cumsum(hist)
    w1 = total - w0
    m0 = np.cumsum(hist * levels)
    mt = m0[-1]
    with np.errstate(divide="ignore", invalid="ignore"):
        between = (mt * w0 - total * m0) ** 2 / (w0 * w1)
    between = np.nan_to_num(between)
    return int(np.argmax(between))


# ------------------------------------------------------------------------------------------ layout
@dataclass
class _Word:
    text: str
    left: int
    top: int
    right: int
    bottom: int

    @property
    def height(self) -> int:
        return self.bottom - self.top


def _words(api) -> list[list[_Word]]:
    """Tesseract's lines (as lists of words), from its TSV output."""
    tsv = api.GetTSVText(0) or ""
    lines: dict[tuple[int, int, int], list[_Word]] = {}
    for row in tsv.splitlines():
        parts = row.split("\t")
        if len(parts) < 12 or parts[0] != "5":
            continue
        text = parts[11].strip()
        if not text:
            continue
        try:
            left, top, width, height = (int(p) for p in parts[6:10])
            conf = float(parts[10])
        except ValueError:
            continue
        if conf < 10 and not re.search(r"[A-Za-z0-9]{2}", text):  # specks read as punctuation
            continue
        key = (int(parts[2]), int(parts[3]), int(parts[4]))
        lines.setdefault(key, []).append(_Word(text, left, top, left + width, top + height))
    return [ws for _, ws in sorted(lines.items())]


def _rows(lines: list[list[_Word]]) -> list[list[_Word]]:
    """Visual rows: Tesseract lines that sit side by side (cells of one table row found as separate blocks)
    are joined, in top-to-bottom order."""
    boxes = []
    for ws in lines:
        top = statistics.median(w.top for w in ws)
        bottom = statistics.median(w.bottom for w in ws)
        boxes.append([top, bottom, min(w.left for w in ws), max(w.right for w in ws), list(ws)])
    boxes.sort(key=lambda b: (b[0], b[2]))
    rows: list[list] = []
    for box in boxes:
        for row in rows[-4:]:
            overlap = min(row[1], box[1]) - max(row[0], box[0])
            side_by_side = box[2] > row[3] or box[3] < row[2]
            if side_by_side and overlap > 0.5 * min(row[1] - row[0], box[1] - box[0]):
                row[4].extend(box[4])
                row[2], row[3] = min(row[2], box[2]), max(row[3], box[3])
                break
        else:
            rows.append(box)
    return [sorted(r[4], key=lambda w: w.left) for r in rows]


def _cells(words: list[_Word], gap: float) -> list[tuple[int, str]]:
    """(left x, text) per cell of a row: words further apart than `gap` pixels start a new cell."""
    cells: list[list] = []
    prev = None
    for w in words:
        if prev is None or w.left - prev.right > gap:
            cells.append([w.left, [w.text]])
        else:
            cells[-1][1].append(w.text)
        prev = w
    return [(x, " ".join(t)) for x, t in cells]


def layout_text(lines: list[list[_Word]]) -> str:
    """Text of the page: one line per visual row, table cells separated by tabs, and the wrapped lines of a
    table row's cells folded into that row (a line whose first cell starts right of the row's first cell,
    close below it). Infographic cards side by side ("PERSYARATAN" card next to a "WAKTU" card) are read
    card by card."""
    rows = _rows(lines)
    heights = [w.height for r in rows for w in r if re.search(r"[A-Za-z]", w.text)]
    if not heights:
        return "\n".join(" ".join(w.text for w in r) for r in rows)
    line_h = statistics.median(heights)
    gap = CELL_GAP_HEIGHTS * line_h
    grid = [([[x, t] for x, t in _cells(words, gap)], min(w.top for w in words), max(w.bottom for w in words),
             max(w.right for w in words)) for words in rows]
    out: list[str] = []
    i = 0
    while i < len(grid):
        labels = _card_labels(grid[i][0])
        if labels:
            i = _cards(grid, i, labels, line_h, out)
            continue
        cells, top, bottom, _ = grid[i]
        i += 1
        # fold the wrapped lines of this row's cells into it
        while i < len(grid) and len(cells) >= 2:
            nxt, ntop, nbottom, _ = grid[i]
            if not (nxt[0][0] > cells[0][0] + line_h and ntop - bottom < 1.2 * line_h and len(nxt) <= len(cells)):
                break
            starts = [c[0] for c in cells]
            for x, text in nxt:
                k = max((j for j, s in enumerate(starts) if s <= x + line_h), default=0)
                cells[k][1] = f"{cells[k][1]} {text}".strip()
            bottom = nbottom
            i += 1
        if len(cells) == 1:
            cells[0][1] = _strip_icon(cells[0][1])
        out.append("\t".join(t for _, t in cells))
    return "\n".join(out)


_ICON = re.compile(r"^\W*\w{0,3}\W*\s+(?=\S{4})")  # an icon read as a short token before a card's title


def _strip_icon(text: str) -> str:
    """"Oo BIAYA" -> "BIAYA" when what follows the short token is a component label on its own."""
    stripped = _ICON.sub("", text, count=1)
    if stripped == text or len(text) > 60:
        return text
    from .model import COMPONENTS
    from .vocab import classify_label

    label = classify_label(stripped)
    return stripped if label is not None and label.cls in COMPONENTS and not label.rest else text


def _card_labels(cells: list[list]) -> list[str] | None:
    """The titles of a row of side-by-side cards: 2-4 cells, each a component label ("PERSYARATAN",
    "WAKTU PENYELESAIAN"), icons read as letters stripped. None for anything else (table headers have
    "No" / "Jenis Layanan" / "Uraian" cells)."""
    if not 2 <= len(cells) <= 4:
        return None
    from .model import COMPONENTS
    from .vocab import classify_label

    out = []
    for _, text in cells:
        for candidate in (text, _ICON.sub("", text, count=1)):
            label = classify_label(candidate)
            if label is not None and label.cls in COMPONENTS and not label.rest:
                out.append(_ICON.sub("", candidate, count=1) if candidate == text else candidate)
                break
        else:
            return None
    return out


def _cards(grid, i: int, labels: list[str], line_h: float, out: list[str]) -> int:
    """Read the cards that start at row i column by column; returns the index of the first row after them."""
    starts = [c[0] for c in grid[i][0]]
    columns: list[list[str]] = [[label] for label in labels]
    bottom = grid[i][2]
    j = i + 1
    while j < len(grid):
        cells, top, nbottom, right = grid[j]
        if top - bottom > 3 * line_h or _card_labels(cells):
            break
        placed = []
        for x, text in cells:
            k = max((c for c, s in enumerate(starts) if s <= x + 3 * line_h), default=0)
            placed.append((k, text))
        # one line running across two cards is not card content
        last_k = placed[-1][0]
        if last_k + 1 < len(starts) and right > starts[last_k + 1]:
            break
        for k, text in placed:
            columns[k].append(text)
        bottom = nbottom
        j += 1
    for col in columns:
        out.extend(col)
    return j


# ------------------------------------------------------------------------------------------ public API
def _image_area(api) -> float:
    """Share of the page Tesseract's layout analysis set aside as pictures (no text read there)."""
    import tesserocr

    it = api.GetIterator()
    if it is None:
        return 0.0
    level = tesserocr.RIL.BLOCK
    picture = {tesserocr.PT.FLOWING_IMAGE, tesserocr.PT.HEADING_IMAGE, tesserocr.PT.PULLOUT_IMAGE}
    area = 0
    while True:
        try:
            if it.BlockType() in picture:
                box = it.BoundingBox(level)
                if box:
                    area += (box[2] - box[0]) * (box[3] - box[1])
        except RuntimeError:
            pass
        if not it.Next(level):
            break
    return area


def _overlaps(w: _Word, boxes: list[_Word]) -> bool:
    for b in boxes:
        if min(w.right, b.right) - max(w.left, b.left) > 0 and min(w.bottom, b.bottom) - max(w.top, b.top) > 0:
            return True
    return False


def _recognise(im, lang: str, psm: int = PSM) -> str:
    """Tesseract on a prepared image. When layout analysis sets a large part of the picture aside as an
    image (coloured cards of an infographic often are), a sparse-text pass (psm 11) reads what is there
    and its words that the first pass did not find are added."""
    with _lock:
        api = _api(lang, psm)
        api.SetImage(im)
        api.Recognize()
        lines = _words(api)
        pictures = _image_area(api) / float(im.width * im.height)
        api.Clear()
        if pictures > SPARSE_PASS_IMAGE_SHARE and psm != 11:
            sparse = _api(lang, 11)
            sparse.SetImage(im)
            sparse.Recognize()
            seen = [w for ws in lines for w in ws]
            for ws in _words(sparse):
                new = [w for w in ws if not _overlaps(w, seen)]
                if new and any(re.search(r"[A-Za-z0-9]{2}", w.text) for w in new):
                    lines.append(new)
            sparse.Clear()
    return layout_text(lines)


def ocr_image(data: bytes, lang: str = DEFAULT_LANG, *, psm: int = PSM) -> str:
    """Text of a picture (PNG, JPEG, GIF, WebP, TIFF, BMP): lines kept, table cells separated by tabs.
    Raises ExtractionError for what is not a readable image, OcrUnavailable when OCR cannot run here."""
    if not ocr_available(lang):
        raise OcrUnavailable(unavailable_reason(lang))
    return _recognise(prepare(load_image(data)), lang, psm)


def _pdf_reader(body: bytes):
    from pypdf import PdfReader

    if not body.lstrip()[:5].startswith(b"%PDF"):
        raise ExtractionError("not a PDF file (no %PDF header)")
    reader = PdfReader(io.BytesIO(body), strict=False)
    if reader.is_encrypted and not reader.decrypt(""):
        raise ExtractionError("encrypted PDF: a password is required")
    return reader


def _xobject_images(resources, depth: int = 0) -> list:
    """(width, height) of the images a page draws, looking one level into form XObjects."""
    out = []
    try:
        xobjects = resources.get("/XObject") if resources is not None else None
        xobjects = xobjects.get_object() if xobjects is not None else {}
        for ref in xobjects.values():
            x = ref.get_object()
            if x.get("/Subtype") == "/Image":
                out.append((int(x.get("/Width", 0)), int(x.get("/Height", 0))))
            elif x.get("/Subtype") == "/Form" and depth < 2:
                out.extend(_xobject_images(x.get("/Resources"), depth + 1))
    except Exception:  # noqa: BLE001 - a broken resource dictionary: no images
        pass
    return out


def pdf_needs_ocr(body: bytes, *, sample_pages: int = 10, reader=None) -> bool:
    """True for a scanned PDF: (almost) no text layer (< 30 characters per page over the first pages) but
    page images. False for text PDFs and for anything pypdf cannot open (build_pdf reports those).
    reader: the body's pypdf reader when the caller already opened it (build_page: a PDF is parsed once)."""
    try:
        if reader is None:
            reader = _pdf_reader(body)
        pages = list(reader.pages[:sample_pages])
        if not pages:
            return False
        images = sum(bool(_xobject_images(p.get("/Resources"))) for p in pages)
        if images < max(1, len(pages) // 2):
            return False  # no page images, no scan: the text layer is not read twice (build_pdf reads it)
        chars = 0
        for p in pages:
            try:
                chars += len("".join((p.extract_text() or "").split()))
            except Exception:  # noqa: BLE001 - one broken page
                pass
        return chars < PDF_MIN_CHARS_PER_PAGE * len(pages)
    except ExtractionError:
        return False
    except Exception:  # noqa: BLE001 - pypdf raises anything on malformed input
        return False


def _page_dpi(pdf_page) -> int:
    """The resolution the page was scanned at (largest image's width over the page width), clamped."""
    images = _xobject_images(pdf_page.get("/Resources"))
    try:
        width_pt = float(pdf_page.mediabox.width) or 595.0
    except Exception:  # noqa: BLE001
        width_pt = 595.0
    if not images:
        return PDF_DPI_MIN
    w, h = max(images, key=lambda wh: wh[0] * wh[1])
    rotated = int(pdf_page.get("/Rotate", 0) or 0) % 180 == 90
    px = h if rotated and h > w else w
    dpi = px * 72.0 / width_pt
    return int(min(PDF_DPI_MAX, max(PDF_DPI_MIN, dpi)))


def _render_pages(body: bytes, reader, max_pages: int):
    """PIL images of the first pages: pypdfium2 renders when installed (handles JBIG2, strips, masks, /Rotate),
    else the largest embedded image of each page through pypdf."""
    count = min(len(reader.pages), max_pages)
    if len(reader.pages) > max_pages:
        cut(f"scanned PDF of {len(reader.pages)} pages: OCR read the first {max_pages}")
    try:
        import pypdfium2 as pdfium
    except ImportError:
        pdfium = None
    if pdfium is not None:
        try:
            doc = pdfium.PdfDocument(body)
        except Exception as exc:  # noqa: BLE001
            raise ExtractionError(f"malformed PDF: {exc}") from exc
        try:
            rendered = 0
            for i in range(min(count, len(doc))):
                scale = _page_dpi(reader.pages[i]) / 72.0
                page = doc[i]
                w, h = page.get_size()
                if w * h * scale * scale > MAX_PIXELS:
                    scale = (MAX_PIXELS / (w * h)) ** 0.5
                    if scale * 72.0 < PDF_DPI_MIN:
                        cut(f"scanned PDF page {i + 1} ({w / 72:.0f}x{h / 72:.0f} in): OCR read it at "
                            f"{scale * 72:.0f} dpi (limit {MAX_PIXELS // 1_000_000} MP a page)")
                if rendered + w * h * scale * scale > MAX_PDF_PIXELS:
                    cut(f"scanned PDF: OCR stopped before page {i + 1} (limit {MAX_PDF_PIXELS // 1_000_000} MP "
                        f"a document)")
                    page.close()
                    break
                rendered += w * h * scale * scale
                bitmap = page.render(scale=scale, grayscale=True)
                yield bitmap.to_pil()
                bitmap.close()
                page.close()
        finally:
            doc.close()
        return
    from PIL import Image

    for i in range(count):
        try:
            images = list(reader.pages[i].images)
        except Exception:  # noqa: BLE001 - an image pypdf cannot decode (JBIG2...): an empty page
            images = []
        best = None
        for img in images:
            try:
                w, h = img.image.size
            except Exception:  # noqa: BLE001
                continue
            if w * h <= MAX_PIXELS and (best is None or w * h > best.width * best.height):
                best = img.image
        yield best if best is not None else Image.new("L", (10, 10), 255)


def ocr_pdf(body: bytes, max_pages: int = MAX_PDF_PAGES, lang: str = DEFAULT_LANG) -> list[str]:
    """Text per page of a scanned PDF (first `max_pages` pages)."""
    if not ocr_available(lang):
        raise OcrUnavailable(unavailable_reason(lang))
    try:
        reader = _pdf_reader(body)
        texts = []
        for im in _render_pages(body, reader, max_pages):
            texts.append(_recognise(prepare(im, upscale=False), lang))
    except ExtractionError:
        raise
    except Exception as exc:  # noqa: BLE001 - pypdf/pdfium raise anything on malformed input
        raise ExtractionError(f"malformed PDF: {type(exc).__name__}: {exc}") from exc
    return texts


def page_from_ocr(url: str, texts: list[str], kind: str = "image", title: str = "") -> Page:
    """A Page (source "ocr") from OCR text: one text for an image, one per page for a PDF. Blocks come from
    the plain-text line classifier; PDF pages keep their page number on the blocks (Block.page)."""
    if kind not in ("image", "pdf"):
        raise ValueError(f"kind must be 'image' or 'pdf', not {kind!r}")
    blocks = []
    table = 0
    for number, text in enumerate(texts, start=1):
        page_blocks, table = lines_to_blocks(text, page=number if kind == "pdf" else 0, first_table=table)
        blocks.extend(page_blocks)
    if not title:
        title = next((b.text for b in blocks if b.kind == "heading"), blocks[0].text if blocks else "")
    return Page(url=url, title=title[:200], blocks=blocks, source="ocr")


def ocr_page(url: str, body: bytes, kind: str, lang: str = DEFAULT_LANG) -> Page:
    """OCR a picture or a scanned PDF straight to a Page (what build_page would call)."""
    if kind == "pdf":
        return page_from_ocr(url, ocr_pdf(body, lang=lang), "pdf")
    return page_from_ocr(url, [ocr_image(body, lang)], "image")
