"""Intake of uploads: an attack corpus built by the tests, each refused with its own code; real uploads made safe."""
from __future__ import annotations

import io
import struct
import zipfile
import zlib
from pathlib import Path

import pikepdf
import pillow_heif
import pypdfium2 as pdfium
import pytest
from PIL import ExifTags, Image

from anef.documents import intake
from anef.documents.intake import Limits, Rejected, assemble_pdf, prepare, render_page, sniff


# Builders ---------------------------------------------------------------------------------------------

def png_chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def hand_png(width: int, height: int, *, rows: bool = True) -> bytes:
    """A 1-bit greyscale PNG written by hand: a large one costs a few kilobytes (all-zero rows deflate well)."""
    ihdr = png_chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0))
    compressor = zlib.compressobj(9)
    row = b"\x00" * (1 + (width + 7) // 8)
    idat = b"".join(compressor.compress(row) for _ in range(height if rows else 0)) + compressor.flush()
    return b"\x89PNG\r\n\x1a\n" + ihdr + png_chunk(b"IDAT", idat) + png_chunk(b"IEND", b"")


def save_image(image: Image.Image, path: Path, fmt: str, **params) -> Path:
    image.save(path, format=fmt, **params)
    return path


def jpeg_bytes(size=(320, 240), colour="navy") -> bytes:
    buf = io.BytesIO()
    Image.new("RGB", size, colour).save(buf, format="JPEG", quality=90)
    return buf.getvalue()


def new_pdf(pages: int = 1, size=(595, 842)) -> pikepdf.Pdf:
    pdf = pikepdf.new()
    for _ in range(pages):
        pdf.add_blank_page(page_size=size)
    return pdf


def hand_pdf(*objects: bytes) -> bytes:
    """A PDF written byte by byte, objects numbered from 1 (1 is the catalogue), with an exact xref table."""
    out = bytearray(b"%PDF-1.7\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


def save_pdf(pdf: pikepdf.Pdf, path: Path, **params) -> Path:
    with pdf:
        pdf.save(path, **params)
    return path


def refused(path: Path, **kwargs) -> Rejected:
    with pytest.raises(Rejected) as info:
        prepare(path, **kwargs)
    exc = info.value
    assert str(exc.message).strip(), f"{exc.code} has no message"
    return exc


# The attack corpus -------------------------------------------------------------------------------------

def elf_as_pdf(tmp: Path) -> Path:
    path = tmp / "releve.pdf"
    path.write_bytes(b"\x7fELF\x02\x01\x01\x00" + b"\x00" * 8 + b"\x02\x00\x3e\x00" + b"\x00" * 600)
    return path


def pe_as_pdf(tmp: Path) -> Path:
    path = tmp / "facture.pdf"
    path.write_bytes(b"MZ\x90\x00\x03\x00\x00\x00" + b"\x00" * 52 + b"\x80\x00\x00\x00" + b"\x00" * 64
                     + b"PE\x00\x00" + b"\x00" * 400)
    return path


def annotation_javascript(tmp: Path) -> Path:
    pdf = new_pdf()
    action = pikepdf.Dictionary(S=pikepdf.Name.JavaScript, JS=pikepdf.String("app.alert('pwned')"))
    link = pikepdf.Dictionary(Type=pikepdf.Name.Annot, Subtype=pikepdf.Name.Link, Rect=[0, 0, 100, 100], A=action)
    pdf.pages[0].obj.Annots = pikepdf.Array([link])  # direct annotation, direct /A: not in pdf.objects
    return save_pdf(pdf, tmp / "annotation.pdf")


def open_action_uri(tmp: Path) -> Path:
    pdf = new_pdf()
    pdf.Root.OpenAction = pikepdf.Dictionary(S=pikepdf.Name.URI, URI=pikepdf.String("https://evil.example/track"))
    return save_pdf(pdf, tmp / "openaction.pdf")


def open_action_javascript(tmp: Path) -> Path:
    pdf = new_pdf()
    pdf.Root.OpenAction = pdf.make_indirect(pikepdf.Dictionary(S=pikepdf.Name.JavaScript, JS=pikepdf.String("1")))
    return save_pdf(pdf, tmp / "openaction-js.pdf")


def embedded_file(tmp: Path) -> Path:
    pdf = new_pdf()
    pdf.attachments["notice.exe"] = pikepdf.AttachedFileSpec(pdf, b"MZ\x90\x00 payload",
                                                             mime_type="application/x-msdownload")
    return save_pdf(pdf, tmp / "attachment.pdf")


def attachment_annotation(tmp: Path) -> Path:
    pdf = new_pdf()
    stream = pikepdf.Stream(pdf, b"payload")
    spec = pikepdf.Dictionary(Type=pikepdf.Name.Filespec, F=pikepdf.String("a.bin"), EF=pikepdf.Dictionary(F=stream))
    annot = pikepdf.Dictionary(Type=pikepdf.Name.Annot, Subtype=pikepdf.Name.FileAttachment, Rect=[0, 0, 10, 10],
                               FS=spec)
    pdf.pages[0].obj.Annots = pikepdf.Array([annot])
    return save_pdf(pdf, tmp / "annot-attachment.pdf")


def javascript_in_a_cycle(tmp: Path) -> Path:
    """Two indirect dictionaries pointing at each other; an /AA (additional actions) nested deep under the second."""
    pdf = new_pdf()
    a = pdf.make_indirect(pikepdf.Dictionary())
    b = pdf.make_indirect(pikepdf.Dictionary(Back=a))
    a.Next = b
    b.Deep = pikepdf.Array([pikepdf.Array([pikepdf.Dictionary(AA=pikepdf.Dictionary(O=pikepdf.Dictionary()))])])
    pdf.Root.Loop = a
    return save_pdf(pdf, tmp / "cycle.pdf")


def xfa_form(tmp: Path) -> Path:
    pdf = new_pdf()
    pdf.Root.AcroForm = pikepdf.Dictionary(Fields=pikepdf.Array(), XFA=pikepdf.Stream(pdf, b"<xdp:xdp/>"))
    return save_pdf(pdf, tmp / "xfa.pdf")


def launch_action(tmp: Path) -> Path:
    pdf = new_pdf()
    pdf.pages[0].obj.AA = pikepdf.Dictionary(O=pikepdf.Dictionary(S=pikepdf.Name.Launch, F=pikepdf.String("cmd.exe")))
    return save_pdf(pdf, tmp / "launch.pdf")


def escaped_names_javascript(tmp: Path) -> Path:
    """/S /J#61vaScript spelt with name escapes, in a direct action of a direct annotation, written by hand."""
    path = tmp / "escaped.pdf"
    path.write_bytes(hand_pdf(
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Annots [<< /Type /Annot /Subtype /Link "
        b"/Rect [0 0 595 842] /A << /S /J#61vaScript /J#53 (app.launchURL\\(\"https://evil.example\"\\)) >> >>] >>",
    ))
    return path


def encrypted_pdf(tmp: Path) -> Path:
    return save_pdf(new_pdf(), tmp / "encrypted.pdf", encryption=pikepdf.Encryption(owner="owner", user="secret"))


def owner_only_encrypted_pdf(tmp: Path) -> Path:
    return save_pdf(new_pdf(), tmp / "restricted.pdf", encryption=pikepdf.Encryption(owner="owner", user=""))


def truncated_pdf(tmp: Path) -> Path:
    whole = save_pdf(new_pdf(3), tmp / "whole.pdf", compress_streams=False)
    data = whole.read_bytes()
    path = tmp / "truncated.pdf"
    path.write_bytes(data[: len(data) // 2])
    return path


def pdf_header_then_html(tmp: Path) -> Path:
    path = tmp / "polyglot.pdf"
    path.write_bytes(b"%PDF-1.7\n<html><script>alert(1)</script></html>\n")
    return path


def forty_one_pages(tmp: Path) -> Path:
    return save_pdf(new_pdf(41), tmp / "long.pdf")


def svg_with_script(tmp: Path) -> Path:
    path = tmp / "passeport.jpg"
    path.write_text('<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg" width="10" height="10">'
                    '<script>alert(document.cookie)</script></svg>')
    return path


def html_as_pdf(tmp: Path) -> Path:
    path = tmp / "page.pdf"
    path.write_text("<!DOCTYPE html><html><body onload='alert(1)'></body></html>")
    return path


def pixel_bomb(tmp: Path) -> Path:
    path = tmp / "bomb.png"
    path.write_bytes(hand_png(20_000, 20_000))  # 400 Mpx declared, ~60 KB on disk
    return path


def pixel_bomb_between_limits(tmp: Path) -> Path:
    """49 Mpx: above our 40 Mpx but under Pillow's own error threshold (2 x 40 Mpx), where it only warns."""
    path = tmp / "mid-bomb.png"
    path.write_bytes(hand_png(7_000, 7_000, rows=False))
    return path


def zip_as_jpeg(tmp: Path) -> Path:
    path = tmp / "photo.jpg"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("payload.exe", b"MZ" + b"\x00" * 100)
    return path


def truncated_jpeg(tmp: Path) -> Path:
    full = io.BytesIO()
    Image.effect_noise((640, 480), 50).convert("RGB").save(full, format="JPEG", quality=90)
    path = tmp / "cut.jpg"
    path.write_bytes(full.getvalue()[: len(full.getvalue()) // 2])
    return path


def empty_file(tmp: Path) -> Path:
    path = tmp / "empty.pdf"
    path.write_bytes(b"")
    return path


def zero_size_png(tmp: Path) -> Path:
    path = tmp / "zero.png"
    path.write_bytes(hand_png(0, 0, rows=False))
    return path


def zero_size_jpeg(tmp: Path) -> Path:
    """A real JPEG whose SOF0 header is patched to declare 0 x 0 pixels."""
    data = bytearray(jpeg_bytes((16, 16)))
    sof = data.index(b"\xff\xc0")
    data[sof + 5: sof + 9] = b"\x00\x00\x00\x00"  # height then width, after length and precision
    path = tmp / "zero.jpg"
    path.write_bytes(bytes(data))
    return path


ATTACKS = [
    (elf_as_pdf, "type"),
    (pe_as_pdf, "type"),
    (annotation_javascript, "active_content"),
    (open_action_uri, "active_content"),
    (open_action_javascript, "active_content"),
    (embedded_file, "active_content"),
    (attachment_annotation, "active_content"),
    (javascript_in_a_cycle, "active_content"),
    (escaped_names_javascript, "active_content"),
    (xfa_form, "active_content"),
    (launch_action, "active_content"),
    (encrypted_pdf, "encrypted"),
    (truncated_pdf, "broken_pdf"),
    (pdf_header_then_html, "broken_pdf"),
    (forty_one_pages, "too_many_pages"),
    (svg_with_script, "type"),
    (html_as_pdf, "type"),
    (pixel_bomb, "pixels"),
    (pixel_bomb_between_limits, "pixels"),
    (zip_as_jpeg, "type"),
    (truncated_jpeg, "broken_image"),
    (empty_file, "empty"),
    (zero_size_png, "broken_image"),
    (zero_size_jpeg, "broken_image"),
]


@pytest.mark.parametrize(("build", "code"), ATTACKS, ids=[build.__name__ for build, _ in ATTACKS])
def test_attack_is_refused_with_its_code(tmp_path, build, code):
    path = build(tmp_path)
    before = set(tmp_path.iterdir())
    assert refused(path).code == code
    assert set(tmp_path.iterdir()) == before, "a refused upload left an output file behind"


def _fresh(tmp_path: Path, name: str) -> Path:
    folder = tmp_path / name
    folder.mkdir()
    return folder


def test_each_code_has_its_own_message(tmp_path):
    messages = {}
    for build, code in ATTACKS:
        exc = refused(build(_fresh(tmp_path, build.__name__)))
        messages.setdefault(code, set()).add(str(exc.message))
    assert all(len(texts) == 1 for texts in messages.values())
    texts = [next(iter(t)) for t in messages.values()]
    assert len(set(texts)) == len(texts), "two codes share one message"


def test_bomb_warning_is_an_error_inside_the_guard(tmp_path):
    """Between 1 x and 2 x the limit Pillow only warns: the guard must turn that warning into a refusal."""
    path = pixel_bomb_between_limits(tmp_path)
    with intake._bomb_guard(40_000_000), pytest.raises(Image.DecompressionBombWarning):
        Image.open(path)


def test_direct_annotation_action_is_found_by_the_walk(tmp_path):
    """The script sits in a direct dictionary: iterating pdf.objects does not see it, the walk does."""
    with pikepdf.open(annotation_javascript(tmp_path)) as pdf:
        flat = [o for o in pdf.objects if isinstance(o, pikepdf.Dictionary) and ("/JS" in o or "/A" in o)]
        assert flat == []
        assert intake._active_content(pdf) in ("/JS", "/S /JavaScript")


def test_too_large_is_rechecked(tmp_path):
    path = tmp_path / "a.jpg"
    path.write_bytes(jpeg_bytes())
    exc = refused(path, limits=Limits(max_bytes=100))
    assert exc.code == "too_large"
    assert "Mo" in str(exc.message)


def test_allowed_types_can_be_narrowed(tmp_path):
    path = tmp_path / "a.jpg"
    path.write_bytes(jpeg_bytes())
    assert refused(path, allowed=frozenset({intake.PDF})).code == "type"


def test_pillow_limit_is_restored_after_prepare(tmp_path):
    before = Image.MAX_IMAGE_PIXELS
    path = tmp_path / "a.jpg"
    path.write_bytes(jpeg_bytes())
    prepare(path, limits=Limits(max_pixels=1_000_000)).path.unlink()
    assert Image.MAX_IMAGE_PIXELS == before


def test_sniff_ignores_the_name(tmp_path):
    jpeg = tmp_path / "document.pdf"
    jpeg.write_bytes(jpeg_bytes())
    pdf = save_pdf(new_pdf(), tmp_path / "photo.jpg")
    assert sniff(jpeg) == "image/jpeg"
    assert sniff(pdf) == "application/pdf"
    assert sniff(svg_with_script(tmp_path)) is None
    assert sniff(zip_as_jpeg(tmp_path)) == "application/zip"


# Real uploads ------------------------------------------------------------------------------------------

def rotated_photo_with_gps(path: Path, size=(400, 200)) -> Path:
    """A landscape-stored photo, left half red and right half blue, to be shown rotated (orientation 6)."""
    image = Image.new("RGB", size, "blue")
    image.paste("red", (0, 0, size[0] // 2, size[1]))
    exif = Image.Exif()
    exif[ExifTags.Base.Orientation] = 6
    exif[ExifTags.Base.Make] = "PhoneMaker"
    gps = exif.get_ifd(ExifTags.IFD.GPSInfo)
    gps[ExifTags.GPS.GPSLatitudeRef] = "N"
    gps[ExifTags.GPS.GPSLatitude] = (48.0, 51.0, 24.0)
    gps[ExifTags.GPS.GPSLongitudeRef] = "E"
    gps[ExifTags.GPS.GPSLongitude] = (2.0, 21.0, 3.0)
    return save_image(image, path, "JPEG", quality=95, exif=exif, comment=b"rue de la Paix",
                      xmp=b'<x:xmpmeta xmlns:x="adobe:ns:meta/">GPS 48.85</x:xmpmeta>')


@pytest.mark.parametrize("max_side", [3000, 100], ids=["kept-size", "reduced"])
def test_rotated_photo_comes_out_upright_without_exif_or_gps(tmp_path, max_side):
    path = rotated_photo_with_gps(tmp_path / "IMG_0001.JPG")
    prepared = prepare(path, limits=Limits(max_side=max_side))
    assert prepared.content_type == "image/jpeg"
    data = prepared.path.read_bytes()
    for secret in (b"Exif\x00\x00", b"PhoneMaker", b"xmpmeta", b"rue de la Paix", b"48.85"):
        assert secret not in data
    with Image.open(prepared.path) as out:
        assert out.format == "JPEG" and out.mode == "RGB"
        expected = (200, 400) if max_side == 3000 else (50, 100)
        assert out.size == expected == (prepared.width, prepared.height)
        assert not out.getexif()
        assert not {"exif", "xmp", "comment"} & set(out.info)
        top = out.getpixel((out.width // 2, out.height // 8))
        bottom = out.getpixel((out.width // 2, out.height * 7 // 8))
    # Orientation 6 turns the stored left edge (red) to the top.
    assert top[0] > 200 and top[2] < 60
    assert bottom[2] > 200 and bottom[0] < 60


def test_heic_becomes_jpeg(tmp_path):
    image = Image.new("RGB", (640, 480), "green")
    path = tmp_path / "IMG_0002.HEIC"
    pillow_heif.from_pillow(image).save(path, quality=80)
    assert sniff(path) == "image/heic"
    prepared = prepare(path)
    assert prepared.content_type == "image/jpeg"
    assert prepared.path.suffix == ".jpg"
    with Image.open(prepared.path) as out:
        assert out.format == "JPEG"
        assert out.size == (640, 480)
        r, g, b = out.getpixel((320, 240))
        assert g > 100 and r < 40 and b < 40


def test_twelve_megapixel_photo_is_reduced_to_3000(tmp_path):
    image = Image.linear_gradient("L").resize((4000, 3000)).convert("RGB")
    path = save_image(image, tmp_path / "photo.jpg", "JPEG", quality=90)
    prepared = prepare(path)
    assert (prepared.width, prepared.height) == (3000, 2250)
    with Image.open(prepared.path) as out:
        assert out.size == (3000, 2250)


def test_large_photo_decoded_at_reduced_scale(tmp_path):
    """6000 x 4000 to 3000 x 2000: libjpeg's 1/2 scale gives the output size directly."""
    image = Image.linear_gradient("L").resize((6000, 4000)).convert("RGB")
    path = save_image(image, tmp_path / "photo.jpg", "JPEG", quality=80)
    prepared = prepare(path)
    assert (prepared.width, prepared.height) == (3000, 2000)


def test_png_with_alpha_stays_png(tmp_path):
    image = Image.new("RGBA", (300, 120), (255, 0, 0, 0))
    image.paste((0, 0, 255, 255), (0, 0, 150, 120))
    path = save_image(image, tmp_path / "signature.png", "PNG")
    prepared = prepare(path)
    assert prepared.content_type == "image/png"
    with Image.open(prepared.path) as out:
        assert out.format == "PNG" and out.mode == "RGBA"
        assert out.getpixel((250, 60))[3] == 0
        assert out.getpixel((50, 60)) == (0, 0, 255, 255)


def test_large_png_with_alpha_is_reduced_and_stays_png(tmp_path):
    path = save_image(Image.new("RGBA", (4000, 100), (0, 0, 0, 128)), tmp_path / "wide.png", "PNG")
    prepared = prepare(path)
    assert prepared.content_type == "image/png"
    assert (prepared.width, prepared.height) == (3000, 75)


def test_small_png_stays_png_and_large_png_photo_becomes_jpeg(tmp_path):
    small = prepare(save_image(Image.new("RGB", (800, 600), "white"), tmp_path / "scan.png", "PNG"))
    assert small.content_type == "image/png"
    big = prepare(save_image(Image.new("RGB", (4000, 3000), "white"), tmp_path / "photo.png", "PNG"))
    assert big.content_type == "image/jpeg"
    assert (big.width, big.height) == (3000, 2250)


def test_valid_two_page_pdf_passes(tmp_path):
    pdf = new_pdf(2)
    pdf.pages[0].contents_add(pikepdf.Stream(pdf, b"0 0 1 rg 100 100 200 200 re f"))
    pdf.pages[0].obj.Annots = pikepdf.Array([pikepdf.Dictionary(
        Type=pikepdf.Name.Annot, Subtype=pikepdf.Name.Link, Rect=[0, 0, 10, 10],
        A=pikepdf.Dictionary(S=pikepdf.Name.URI, URI=pikepdf.String("https://www.service-public.fr")))])
    path = save_pdf(pdf, tmp_path / "bulletin.pdf")
    prepared = prepare(path)
    assert prepared.content_type == "application/pdf"
    assert prepared.pages == 2
    assert prepared.path != path and prepared.path.parent == path.parent
    with pikepdf.open(prepared.path) as out:
        assert len(out.pages) == 2
    document = pdfium.PdfDocument(str(prepared.path))
    try:
        assert len(document) == 2
    finally:
        document.close()


def test_libreoffice_open_action_is_only_a_destination(tmp_path):
    pdf = new_pdf(1)
    pdf.Root.OpenAction = pikepdf.Array([pdf.pages[0].obj, pikepdf.Name.XYZ, None, None, 0])
    path = save_pdf(pdf, tmp_path / "lettre.pdf")
    assert prepare(path).pages == 1


def test_complete_pdf_with_shifted_offsets_is_repaired(tmp_path):
    """Line ends rewritten by a mail gateway shift every offset: the file is whole, qpdf may rebuild it."""
    whole = save_pdf(new_pdf(3), tmp_path / "whole.pdf", compress_streams=False)
    path = tmp_path / "crlf.pdf"
    path.write_bytes(whole.read_bytes().replace(b"\n", b"\r\n"))
    with pytest.raises(pikepdf.PdfError):
        pikepdf.open(path, attempt_recovery=False).close()
    assert prepare(path).pages == 3


def test_same_pdf_prepared_twice_gives_the_same_bytes(tmp_path):
    path = save_pdf(new_pdf(2), tmp_path / "a.pdf")
    first, second = prepare(path), prepare(path)
    assert first.path != second.path
    assert first.path.read_bytes() == second.path.read_bytes()


# Assembly and rendering ----------------------------------------------------------------------------------

def centre_colour(pdf: Path, index: int, out: Path) -> tuple[int, int, int]:
    render_page(pdf, index, out, width=200)
    with Image.open(out) as image:
        return image.convert("RGB").getpixel((image.width // 2, image.height // 2))


def close_to(colour, expected, tolerance=40) -> bool:
    return all(abs(a - b) <= tolerance for a, b in zip(colour, expected, strict=True))


def test_assemble_images_and_pdf_in_order(tmp_path):
    red = prepare(save_image(Image.new("RGB", (300, 200), "red"), tmp_path / "1.jpg", "JPEG")).path
    green = prepare(save_image(Image.new("RGBA", (200, 300), (0, 255, 0, 255)), tmp_path / "2.png", "PNG")).path
    pdf = new_pdf(2, size=(400, 400))
    pdf.pages[0].contents_add(pikepdf.Stream(pdf, b"1 1 0 rg 0 0 400 400 re f"))
    pdf.pages[1].contents_add(pikepdf.Stream(pdf, b"1 0 1 rg 0 0 400 400 re f"))
    document = prepare(save_pdf(pdf, tmp_path / "3.pdf")).path
    blue = prepare(save_image(Image.new("RGB", (250, 250), "blue"), tmp_path / "4.jpg", "JPEG")).path
    parts = [red, green, document, blue]
    out = tmp_path / "dossier.pdf"
    assert assemble_pdf(parts, out) == 5
    with pikepdf.open(out) as result:
        boxes = [tuple(round(float(v)) for v in page.mediabox) for page in result.pages]
    assert boxes == [(0, 0, 842, 561), (0, 0, 561, 842), (0, 0, 400, 400), (0, 0, 400, 400), (0, 0, 595, 595)]
    document_pdfium = pdfium.PdfDocument(str(out))
    try:
        assert len(document_pdfium) == 5
    finally:
        document_pdfium.close()
    colours = [centre_colour(out, i, tmp_path / f"p{i}.png") for i in range(5)]
    expected = [(255, 0, 0), (0, 255, 0), (255, 255, 0), (255, 0, 255), (0, 0, 255)]
    assert all(close_to(c, e) for c, e in zip(colours, expected, strict=True)), colours


def test_assemble_keeps_png_transparency(tmp_path):
    image = Image.new("RGBA", (100, 100), (0, 0, 0, 0))
    image.paste((0, 0, 255, 255), (0, 0, 50, 100))
    part = prepare(save_image(image, tmp_path / "sig.png", "PNG")).path
    out = tmp_path / "sig.pdf"
    assert assemble_pdf([part], out) == 1
    render_page(out, 0, tmp_path / "sig-render.png", width=100)
    with Image.open(tmp_path / "sig-render.png") as page:
        rgb = page.convert("RGB")
        assert close_to(rgb.getpixel((25, 50)), (0, 0, 255))
        assert close_to(rgb.getpixel((75, 50)), (255, 255, 255))


def test_assemble_refuses_too_many_pages(tmp_path):
    document = prepare(save_pdf(new_pdf(20), tmp_path / "a.pdf")).path
    out = tmp_path / "too-long.pdf"
    with pytest.raises(Rejected) as info:
        assemble_pdf([document, document], out)
    assert info.value.code == "too_many_pages"
    assert str(info.value.message)
    assert not out.exists()


def test_assemble_refuses_what_is_not_a_prepared_type(tmp_path):
    path = tmp_path / "x.pdf"
    path.write_bytes(b"GIF89a" + b"\x00" * 100)
    with pytest.raises(Rejected) as info:
        assemble_pdf([path], tmp_path / "out.pdf")
    assert info.value.code == "type"


def test_render_page_writes_a_png(tmp_path):
    document = prepare(save_pdf(new_pdf(2, size=(595, 842)), tmp_path / "a.pdf")).path
    out = tmp_path / "page.png"
    render_page(document, 1, out)
    assert out.read_bytes().startswith(b"\x89PNG\r\n\x1a\n")
    with Image.open(out) as image:
        assert image.width == 1200
        assert abs(image.height - 1200 * 842 / 595) <= 1  # PDFium rounds up
    with pytest.raises(IndexError):
        render_page(document, 2, tmp_path / "none.png")


def test_a_pdf_with_only_owner_restrictions_is_accepted_without_them(tmp_path):
    """Bank statements often forbid copying but open without a password: accept them, drop the restriction."""
    prepared = intake.prepare(owner_only_encrypted_pdf(tmp_path))
    with pikepdf.open(prepared.path) as pdf:
        assert not pdf.is_encrypted and len(pdf.pages) == 1


def test_a_truncated_jpeg_is_refused_even_after_weasyprint_was_imported(tmp_path):
    """WeasyPrint turns Pillow's LOAD_TRUNCATED_IMAGES on for the whole process when it is imported."""
    import weasyprint  # noqa: F401
    from PIL import ImageFile

    assert ImageFile.LOAD_TRUNCATED_IMAGES  # the trap is set
    with pytest.raises(intake.Rejected) as refused:
        intake.prepare(truncated_jpeg(tmp_path))
    assert refused.value.code == "broken_image"
