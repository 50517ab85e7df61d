"""Turning one uploaded file into a safe, normalised file an agent can open.

Pure processing: a path on disk in, a new file beside it out, or :class:`Rejected` with a stable
code and a French sentence for the person. No database, no request; only Flask-Babel's lazy
strings. Images are decoded with Pillow (pillow-heif for HEIC), reduced, stripped of metadata and
re-encoded; PDFs are opened with pikepdf, searched for active content and re-saved by it.

Codes: ``empty``, ``too_large``, ``type``, ``pixels``, ``broken_image``, ``encrypted``,
``broken_pdf``, ``too_many_pages``, ``active_content``.
"""
from __future__ import annotations

import functools
import math
import os
import tempfile
import threading
import warnings
import zlib
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

import filetype
import pikepdf
from flask_babel import lazy_gettext as _l
from PIL import ExifTags, Image, ImageFile, ImageOps

PDF = "application/pdf"
JPEG = "image/jpeg"
PNG = "image/png"
HEIC = "image/heic"
HEIF = "image/heif"
ALLOWED: frozenset[str] = frozenset({PDF, JPEG, PNG, HEIC, HEIF})

SNIFF_BYTES = 512
# Pillow plug-ins allowed for each sniffed type: a file sniffed as PNG is never parsed by another decoder.
_PIL_FORMATS = {JPEG: ["JPEG"], PNG: ["PNG"], HEIC: ["HEIF"], HEIF: ["HEIF"]}
# ISO-BMFF brands of HEVC-coded HEIF images (filetype only knows "heic" and "mif1"/"msf1" + "heic").
_HEIF_BRANDS = {b"heic": HEIC, b"heix": HEIC, b"heim": HEIC, b"heis": HEIC, b"hevc": HEIC, b"hevx": HEIC,
                b"mif1": HEIF, b"msf1": HEIF}
_A4 = (595.276, 841.89)
_RENDER_MAX_PIXELS = 25_000_000

# Keys whose mere presence makes a PDF do something on its own: scripts, launches, attachments, forms sent away.
_ACTIVE_KEYS = frozenset({
    "/JS", "/JavaScript", "/AA", "/Launch", "/EmbeddedFile", "/EmbeddedFiles", "/EF", "/XFA", "/RichMedia",
    "/GoToR", "/GoToE", "/SubmitForm", "/ImportData", "/Sound", "/Movie",
})
# Action types (/S) that run code, open other files or send data.
_ACTIVE_ACTIONS = frozenset({
    "/JavaScript", "/Launch", "/SubmitForm", "/ImportData", "/GoToR", "/GoToE", "/RichMediaExecute",
    "/Rendition", "/Movie", "/Sound",
})
# Annotation and object types that carry media, attachments or 3D scripts.
_ACTIVE_TYPES = frozenset({"/EmbeddedFile", "/FileAttachment", "/RichMedia", "/3D", "/Screen", "/Movie", "/Sound"})

# Pillow's bomb limit and the warnings filters are process-wide: one image opening at a time changes them.
_PILLOW_GUARD = threading.Lock()
# PDFium is not thread-safe (pypdfium2's documentation): renders are serialised.
_PDFIUM_LOCK = threading.Lock()


@dataclass(frozen=True)
class Limits:
    """What an upload may weigh and contain; the defaults suit a residence-permit dossier."""

    max_bytes: int = 10 * 1024 * 1024  # checked by the caller while streaming; prepare() checks again
    max_pixels: int = 40_000_000  # larger images are refused before decoding (decompression bombs)
    max_side: int = 3000  # longest side after reduction: still legible for an agent
    max_pdf_pages: int = 30
    jpeg_quality: int = 85


class Rejected(ValueError):
    """An upload refused; .code is a stable identifier, .message a lazy translated French sentence for the person."""

    def __init__(self, code: str, message):
        super().__init__(code)
        self.code = code
        self.message = message


@dataclass(frozen=True)
class Prepared:
    """The normalised file written next to the source; the caller deletes it."""

    path: Path
    content_type: str
    pages: int
    width: int | None
    height: int | None


def rejection(code: str, limits: Limits | None = None) -> Rejected:
    """The refusal for ``code`` (``empty``, ``too_large``, ``type``…), for callers that check before :func:`prepare`."""
    return _reject(code, limits or Limits())


def _reject(code: str, limits: Limits) -> Rejected:
    """The :class:`Rejected` for ``code``, with its sentence for the person."""
    if code == "empty":
        message = _l("Le fichier est vide. Choisissez à nouveau le document sur votre appareil et renvoyez-le.")
    elif code == "too_large":
        # i18n: %(size)s is a number of megabytes.
        message = _l("Le fichier dépasse %(size)s Mo : réduisez-le ou prenez une photo moins lourde.",
                     size=limits.max_bytes // (1024 * 1024))
    elif code == "type":
        message = _l("Ce type de fichier n'est pas accepté. Envoyez une photo (JPEG, PNG ou HEIC) ou un PDF.")
    elif code == "pixels":
        # i18n: %(megapixels)s is a number of millions of pixels.
        message = _l("Cette image est trop grande (plus de %(megapixels)s millions de pixels). Reprenez la photo "
                     "en résolution normale : 12 millions de pixels suffisent largement.",
                     megapixels=limits.max_pixels // 1_000_000)
    elif code == "broken_image":
        message = _l("Cette image est illisible ou incomplète. Reprenez la photo ou renvoyez le fichier.")
    elif code == "encrypted":
        message = _l("Ce PDF est protégé par un mot de passe : enregistrez-le sans protection "
                     "ou envoyez une photo des pages.")
    elif code == "broken_pdf":
        message = _l("Ce PDF est illisible ou endommagé. Ouvrez-le sur votre appareil et enregistrez-le à nouveau, "
                     "ou envoyez une photo des pages.")
    elif code == "too_many_pages":
        # i18n: %(pages)s is the largest number of pages accepted.
        message = _l("Ce document compte plus de %(pages)s pages : envoyez seulement les pages demandées.",
                     pages=limits.max_pdf_pages)
    elif code == "active_content":
        message = _l("Ce PDF contient des éléments actifs (script, pièce jointe ou action automatique) qui ne sont "
                     "pas acceptés. Imprimez-le en PDF (« Imprimer », puis « Enregistrer au format PDF ») "
                     "ou envoyez une photo des pages.")
    else:
        raise ValueError(f"unknown rejection code {code!r}")
    return Rejected(code, message)


def sniff_bytes(head: bytes) -> str | None:
    """The MIME type read from the first bytes of a file (at least 512 for a sure answer); None if unknown."""
    if head.startswith(b"%PDF-"):
        return PDF
    kind = filetype.guess(head) if head else None
    if kind is not None:
        return kind.mime
    # HEIF variants filetype does not know (10-bit "heix", sequences): ftyp box, major brand at offset 8.
    if len(head) >= 12 and head[4:8] == b"ftyp":
        return _HEIF_BRANDS.get(head[8:12])
    return None


def sniff(path: Path) -> str | None:
    """The MIME type of the file at ``path``, from its content only (never its name); None if unknown."""
    with open(path, "rb") as fh:
        return sniff_bytes(fh.read(SNIFF_BYTES))


def prepare(path: Path, *, allowed: frozenset[str] = ALLOWED, limits: Limits = Limits()) -> Prepared:
    """Check the uploaded file at ``path`` and write its safe, normalised form next to it.

    Images become a JPEG (or a PNG for PNG inputs that need not be a JPEG), upright, reduced to
    ``limits.max_side`` and without metadata; PDFs are re-saved by pikepdf once known to be readable,
    unencrypted, short enough and free of active content. Raises :class:`Rejected` otherwise.
    """
    path = Path(path)
    size = path.stat().st_size
    if size == 0:
        raise _reject("empty", limits)
    if size > limits.max_bytes:
        raise _reject("too_large", limits)
    content_type = sniff(path)
    if content_type is None or content_type not in allowed:
        raise _reject("type", limits)
    if content_type == PDF:
        return _prepare_pdf(path, limits)
    return _prepare_image(path, content_type, limits)


def assemble_pdf(parts: list[Path], out: Path, *, limits: Limits = Limits()) -> int:
    """Write prepared images and/or PDFs, in order, as one PDF at ``out``; return its page count.

    JPEGs are embedded as they are (no second compression), PNGs losslessly with their transparency;
    each image gets a page of its own proportions fitting an A4 sheet. Raises :class:`Rejected`
    (``too_many_pages``, ``type``, or a PDF's own refusal) without writing ``out``.
    """
    out = Path(out)
    with ExitStack() as stack, pikepdf.new() as target:
        for part in parts:
            part = Path(part)
            content_type = sniff(part)
            if content_type == PDF:
                source = stack.enter_context(_open_pdf(part, limits))
                if len(target.pages) + len(source.pages) > limits.max_pdf_pages:
                    raise _reject("too_many_pages", limits)
                target.pages.extend(source.pages)
            elif content_type in (JPEG, PNG):
                if len(target.pages) + 1 > limits.max_pdf_pages:
                    raise _reject("too_many_pages", limits)
                _add_image_page(target, part, content_type, limits)
            else:
                raise _reject("type", limits)
        if not len(target.pages):
            raise ValueError("assemble_pdf needs at least one part")
        try:
            target.save(out, deterministic_id=True, object_stream_mode=pikepdf.ObjectStreamMode.generate)
        except BaseException:
            out.unlink(missing_ok=True)
            raise
        count = len(target.pages)
    if not _reopens(out, count):
        out.unlink(missing_ok=True)
        raise _reject("broken_pdf", limits)
    return count


def render_page(pdf: Path, index: int, out: Path, *, width: int = 1200) -> None:
    """Render page ``index`` (from 0) of ``pdf`` as a PNG ``width`` pixels wide at ``out``.

    For the agent's in-page viewer, on files that went through :func:`prepare`. A very tall page is
    rendered narrower so that the bitmap stays under 25 million pixels. Raises IndexError for a page
    that does not exist.
    """
    import pypdfium2 as pdfium

    with _PDFIUM_LOCK:
        document = pdfium.PdfDocument(str(pdf))
        try:
            if not 0 <= index < len(document):
                raise IndexError(f"page {index} out of range (document has {len(document)})")
            page = document[index]
            try:
                page_width, page_height = page.get_size()
                scale = width / page_width
                scale = min(scale, math.sqrt(_RENDER_MAX_PIXELS / (page_width * page_height)))
                bitmap = page.render(scale=scale, draw_annots=True)
                try:
                    image = bitmap.to_pil()
                    image.save(out, format="PNG")
                finally:
                    bitmap.close()
            finally:
                page.close()
        finally:
            document.close()


# Images ---------------------------------------------------------------------------------------------------

@functools.cache
def _register_heif() -> None:
    """Teach Pillow to open HEIC/HEIF, once per process, without thumbnails, depth maps or auxiliary images."""
    import pillow_heif

    pillow_heif.register_heif_opener(thumbnails=False, depth_images=False, aux_images=False)


@contextmanager
def _bomb_guard(max_pixels: int) -> Iterator[None]:
    """Pillow's bomb limit lowered to ``max_pixels`` and its warning made an error, for one opening."""
    with _PILLOW_GUARD, warnings.catch_warnings():
        # Pillow only raises above 2 x MAX_IMAGE_PIXELS; between 1 x and 2 x it merely warns.
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        previous = Image.MAX_IMAGE_PIXELS
        truncated = ImageFile.LOAD_TRUNCATED_IMAGES
        Image.MAX_IMAGE_PIXELS = max_pixels
        # WeasyPrint sets this process-wide at import; a truncated upload must still be refused.
        ImageFile.LOAD_TRUNCATED_IMAGES = False
        try:
            yield
        finally:
            Image.MAX_IMAGE_PIXELS = previous
            ImageFile.LOAD_TRUNCATED_IMAGES = truncated


def _reduced_size(width: int, height: int, max_side: int) -> tuple[int, int]:
    """``(width, height)`` scaled down so that the longest side is at most ``max_side``."""
    longest = max(width, height)
    if longest <= max_side:
        return width, height
    scale = max_side / longest
    return max(1, round(width * scale)), max(1, round(height * scale))


def _family(mode: str) -> str:
    """The colour family of a Pillow mode, to know whether an ICC profile still applies after conversion."""
    if mode in ("1", "L", "LA", "La") or mode.startswith(("I", "F")):
        return "grey"
    return "cmyk" if mode == "CMYK" else "rgb"


def _to_8bit(image: Image.Image) -> Image.Image:
    """A 16- or 32-bit greyscale image scaled to 8 bits (Pillow's convert would clip, not scale)."""
    if image.mode.startswith("I;16") or image.mode == "I":
        return image.convert("I").point(lambda v: v * (1 / 257)).convert("L")
    return image.convert("L")


def _flatten(image: Image.Image) -> Image.Image:
    """An image with transparency laid on white, as RGB: transparent areas would turn black in a JPEG."""
    rgba = image.convert("RGBA")
    background = Image.new("RGB", rgba.size, "white")
    background.paste(rgba, mask=rgba.getchannel("A"))
    return background


@contextmanager
def _output_beside(source: Path, suffix: str) -> Iterator[tuple[BinaryIO, Path]]:
    """A new, uniquely named file next to ``source``; removed again if writing it fails."""
    fd, name = tempfile.mkstemp(prefix=f"{source.stem}.prepared-", suffix=suffix, dir=source.parent)
    out = Path(name)
    try:
        with os.fdopen(fd, "wb") as fh:
            yield fh, out
    except BaseException:
        out.unlink(missing_ok=True)
        raise


def _open_image(path: Path, content_type: str, limits: Limits) -> ImageFile.ImageFile:
    """Open an image lazily with the decoder of its sniffed type, refusing bombs and degenerate sizes."""
    try:
        with _bomb_guard(limits.max_pixels):
            image = Image.open(path, formats=_PIL_FORMATS[content_type])
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise _reject("pixels", limits) from None
    except Exception:  # Pillow's decoders raise many exception types on hostile input
        raise _reject("broken_image", limits) from None
    width, height = image.size
    # Checked here too, before any decoding, in case MAX_IMAGE_PIXELS was disabled elsewhere.
    if width * height > limits.max_pixels:
        image.close()
        raise _reject("pixels", limits)
    if width < 1 or height < 1:
        image.close()
        raise _reject("broken_image", limits)
    return image


def _prepare_image(path: Path, content_type: str, limits: Limits) -> Prepared:
    """Decode, check, reduce, straighten and re-encode an image without its metadata."""
    if content_type in (HEIC, HEIF):
        _register_heif()
    source = _open_image(path, content_type, limits)
    width, height = source.size
    with source:
        try:
            with _bomb_guard(limits.max_pixels):
                image, as_png = _normalised(source, content_type, limits)
        except (Image.DecompressionBombError, Image.DecompressionBombWarning):
            raise _reject("pixels", limits) from None
        except Exception:  # truncated or corrupt data, found when decoding
            raise _reject("broken_image", limits) from None
    suffix, fmt, out_type = (".png", "PNG", PNG) if as_png else (".jpg", "JPEG", JPEG)
    with _output_beside(path, suffix) as (fh, out):
        if as_png:
            image.save(fh, format=fmt, compress_level=6)
        else:
            image.save(fh, format=fmt, quality=limits.jpeg_quality, optimize=True)
    return Prepared(path=out, content_type=out_type, pages=1, width=image.width, height=image.height)


def _normalised(source: ImageFile.ImageFile, content_type: str, limits: Limits) -> tuple[Image.Image, bool]:
    """The decoded image, reduced, upright and stripped of metadata; and whether to keep it as PNG."""
    width, height = source.size
    target = _reduced_size(width, height, limits.max_side)
    alpha = source.has_transparency_data
    # A PNG stays a PNG (screenshots, scans) unless it is a large photo without transparency.
    as_png = content_type == PNG and (alpha or target == (width, height))
    orientation = source.getexif().get(ExifTags.Base.Orientation, 1)
    icc = source.info.get("icc_profile")
    source_family = _family(source.mode)
    if target != (width, height) and source.format in ("JPEG", "MPO"):
        # libjpeg decodes at 1/2, 1/4 or 1/8 scale directly: memory follows the output, not the photo.
        source.draft(None, target)
    source.load()
    image: Image.Image = source
    if image.mode.startswith(("I", "F")):
        image = _to_8bit(image)
    if target != image.size:
        if image.mode in ("1", "P", "PA"):
            # Pillow resizes palette and 1-bit images with NEAREST only: convert first for a legible result.
            image = image.convert("RGBA" if alpha else ("L" if image.mode == "1" else "RGB"))
        image = image.resize(target, Image.Resampling.LANCZOS, reducing_gap=3.0)
    if image is not source:
        # Free the full-size decode now rather than after encoding: it is the largest buffer of all.
        source.close()
    if orientation in range(2, 9):
        # After the reduction, so that the rotation copies the small image; resize and convert keep info["exif"].
        image = ImageOps.exif_transpose(image)
    if as_png:
        if image.mode not in ("1", "L", "LA", "P", "RGB", "RGBA"):
            image = image.convert("RGBA" if alpha else "RGB")
    elif alpha or image.mode in ("LA", "La", "RGBA", "RGBa", "PA"):
        image = _flatten(image)
    elif image.mode != "RGB":
        image = image.convert("RGB")
    kept = {}
    if icc and _family(image.mode) == source_family:
        kept["icc_profile"] = icc
    if as_png and "transparency" in image.info and image.mode in ("1", "L", "P", "RGB"):
        kept["transparency"] = image.info["transparency"]
    # EXIF (with GPS), XMP, comments, text chunks: nothing of the source's metadata reaches the output.
    image.info = kept
    return image, as_png


# PDFs -----------------------------------------------------------------------------------------------------

def _load_pdf(path: Path) -> pikepdf.Pdf:
    """Open a PDF without repairs, unless it is complete and only its byte offsets are wrong."""
    try:
        # Repairing a truncated file would rebuild its cross-reference table and keep what is left.
        return pikepdf.open(path, attempt_recovery=False)
    except pikepdf.PasswordError:
        raise
    except pikepdf.PdfError:
        with open(path, "rb") as fh:
            fh.seek(max(0, path.stat().st_size - 1024))
            complete = b"%%EOF" in fh.read()
        if not complete:
            raise
    # Whole file, offsets shifted (line ends rewritten in transit, bytes added before the header): rebuild.
    return pikepdf.open(path, attempt_recovery=True)


@contextmanager
def _open_pdf(path: Path, limits: Limits) -> Iterator[pikepdf.Pdf]:
    """The PDF at ``path``, opened strictly and checked: readable, unencrypted, short, without active content."""
    try:
        pdf = _load_pdf(path)
    except pikepdf.PasswordError:
        raise _reject("encrypted", limits) from None
    except (pikepdf.PdfError, pikepdf.DataDecodingError, OSError, ValueError, RuntimeError):
        raise _reject("broken_pdf", limits) from None
    with pdf:
        # Opened without a password: only copy/print restrictions (bank statements); the saved copy drops them.
        try:
            pages = len(pdf.pages)
            if pages > limits.max_pdf_pages:
                raise _reject("too_many_pages", limits)
            if pages == 0:
                raise _reject("broken_pdf", limits)
            if _active_content(pdf):
                raise _reject("active_content", limits)
        except Rejected:
            raise
        except (pikepdf.PdfError, pikepdf.DataDecodingError, RuntimeError, ValueError, KeyError, TypeError):
            raise _reject("broken_pdf", limits) from None
        yield pdf


def _prepare_pdf(path: Path, limits: Limits) -> Prepared:
    """Check a PDF and re-save it with pikepdf (only objects reachable from the trailer are kept)."""
    with _open_pdf(path, limits) as pdf, _output_beside(path, ".pdf") as (fh, out):
        try:
            pdf.save(fh, deterministic_id=True, object_stream_mode=pikepdf.ObjectStreamMode.generate, encryption=False)
        except (pikepdf.PdfError, pikepdf.DataDecodingError, RuntimeError):
            raise _reject("broken_pdf", limits) from None
        pages = len(pdf.pages)
    if not _reopens(out, pages):
        out.unlink(missing_ok=True)
        raise _reject("broken_pdf", limits)
    return Prepared(path=out, content_type=PDF, pages=pages, width=None, height=None)


def _reopens(path: Path, pages: int) -> bool:
    """Whether a PDF just written opens strictly, with ``pages`` pages and still no active content.

    What is stored is what was checked: fuzzed inputs have made qpdf write files that read back otherwise.
    """
    try:
        with pikepdf.open(path, attempt_recovery=False) as pdf:
            return len(pdf.pages) == pages and _active_content(pdf) is None
    except (pikepdf.PdfError, pikepdf.DataDecodingError, RuntimeError, ValueError, KeyError, TypeError):
        return False


def _is_benign_open_action(value: pikepdf.Object) -> bool:
    """Whether an /OpenAction only shows a page (a destination, or a /GoTo action): it runs nothing."""
    if isinstance(value, pikepdf.Array):
        return True
    return isinstance(value, pikepdf.Dictionary) and value.get("/S") == pikepdf.Name.GoTo


def _marker(key: str, value: pikepdf.Object) -> str | None:
    """Why ``key: value`` in a dictionary is active content, or None."""
    if key in _ACTIVE_KEYS:
        return key
    if key == "/OpenAction":
        return None if _is_benign_open_action(value) else key
    if isinstance(value, pikepdf.Name):
        if key == "/S" and str(value) in _ACTIVE_ACTIONS:
            return f"/S {value}"
        if key in ("/Type", "/Subtype") and str(value) in _ACTIVE_TYPES:
            return f"{key} {value}"
    return None


_CONTAINERS = (pikepdf.Array, pikepdf.Dictionary, pikepdf.Stream)


def _active_content(pdf: pikepdf.Pdf) -> str | None:
    """The first sign of active content reachable from the trailer, or None.

    Walks every dictionary, array and stream dictionary, direct ones included (an annotation's /A is
    usually direct, so iterating ``pdf.objects`` would miss it); indirect objects are visited once,
    so reference cycles such as /Parent end. An explicit stack instead of recursion: a crafted file
    can nest arrays deeper than Python's recursion limit.
    """
    seen: set[tuple[int, int]] = set()
    stack: list[pikepdf.Object] = [pdf.trailer]
    while stack:
        obj = stack.pop()
        if obj.is_indirect:
            if obj.objgen in seen:
                continue
            seen.add(obj.objgen)
        if isinstance(obj, pikepdf.Array):
            stack.extend(item for item in obj if isinstance(item, _CONTAINERS))
        elif isinstance(obj, (pikepdf.Dictionary, pikepdf.Stream)):
            for key, value in obj.items():
                if reason := _marker(key, value):
                    return reason
                if isinstance(value, _CONTAINERS):
                    stack.append(value)
    return None


def _add_image_page(target: pikepdf.Pdf, path: Path, content_type: str, limits: Limits) -> None:
    """Append a page showing the prepared image at ``path``, sized to fit an A4 sheet in its orientation."""
    image = _open_image(path, content_type, limits)
    width, height = image.size
    with image:
        try:
            xobject = _image_xobject(target, path, image)
        except Exception:  # truncated or corrupt data, found when decoding
            raise _reject("broken_image", limits) from None
    box_w, box_h = (_A4[1], _A4[0]) if width > height else _A4
    scale = min(box_w / width, box_h / height)
    page_w, page_h = round(width * scale, 2), round(height * scale, 2)
    content = pikepdf.Stream(target, f"q {page_w} 0 0 {page_h} 0 0 cm /Im0 Do Q".encode())
    page = pikepdf.Dictionary(
        Type=pikepdf.Name.Page,
        MediaBox=[0, 0, page_w, page_h],
        Resources=pikepdf.Dictionary(XObject=pikepdf.Dictionary(Im0=xobject)),
        Contents=content,
    )
    target.pages.append(pikepdf.Page(target.make_indirect(page)))


def _image_xobject(target: pikepdf.Pdf, path: Path, image: ImageFile.ImageFile) -> pikepdf.Stream:
    """An image XObject: a baseline RGB or grey JPEG as it is, anything else decoded and deflated."""
    width, height = image.size
    if image.format == "JPEG" and image.mode in ("RGB", "L"):
        return pikepdf.Stream(
            target, path.read_bytes(), Type=pikepdf.Name.XObject, Subtype=pikepdf.Name.Image, Width=width,
            Height=height, BitsPerComponent=8, Filter=pikepdf.Name.DCTDecode,
            ColorSpace=pikepdf.Name.DeviceRGB if image.mode == "RGB" else pikepdf.Name.DeviceGray,
        )
    image.load()
    alpha = image.has_transparency_data
    decoded: Image.Image = _to_8bit(image) if image.mode.startswith(("I", "F")) else image
    grey = decoded.mode in ("1", "L", "LA")
    colour = decoded.convert(("LA" if grey else "RGBA") if alpha else ("L" if grey else "RGB"))
    smask = None
    if alpha:
        smask = pikepdf.Stream(
            target, zlib.compress(colour.getchannel("A").tobytes()), Type=pikepdf.Name.XObject,
            Subtype=pikepdf.Name.Image, Width=width, Height=height, BitsPerComponent=8,
            ColorSpace=pikepdf.Name.DeviceGray, Filter=pikepdf.Name.FlateDecode,
        )
        colour = colour.convert("L" if grey else "RGB")
    stream = pikepdf.Stream(
        target, zlib.compress(colour.tobytes()), Type=pikepdf.Name.XObject, Subtype=pikepdf.Name.Image,
        Width=width, Height=height, BitsPerComponent=8, Filter=pikepdf.Name.FlateDecode,
        ColorSpace=pikepdf.Name.DeviceGray if grey else pikepdf.Name.DeviceRGB,
    )
    if smask is not None:
        stream.SMask = smask
    return stream
