"""Time and memory of :func:`anef.documents.intake.prepare` on realistic uploads.

Usage: ``.venv/bin/python -m bench.documents`` (about 40 s, a quarter of it x265 encoding the HEIC).
Generates noisy phone photos (JPEG at 12, 24, 27 and 36 megapixels, HEIC at 12) and a 20-page scanned
PDF, then measures ``prepare()`` on each in a fresh subprocess: median wall time of 5 runs,
tracemalloc's peak (Python allocations only) and the growth of ``ru_maxrss`` during the first run
(everything, including Pillow's, libheif's and qpdf's C memory). Prints a table; nothing is asserted.
"""
from __future__ import annotations

import io
import json
import resource
import statistics
import subprocess
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RUNS = 5
MB = 1024 * 1024


def photo(size: tuple[int, int], *, sigma: float):
    """A photo-like image: colour gradients with sensor-like noise, which JPEG cannot squeeze away."""
    from PIL import Image

    gradient = Image.linear_gradient("L").resize(size)
    channels = []
    for offset in (30, 0, -30):
        noise = Image.effect_noise(size, sigma)
        channels.append(Image.blend(gradient, noise, 0.35).point(lambda v, o=offset: max(0, min(255, v + o))))
    return Image.merge("RGB", channels)


def noisy_photo(path: Path, size: tuple[int, int], *, sigma: float, quality: int) -> Path:
    """A photo-like JPEG of ``size`` at ``path``."""
    photo(size, sigma=sigma).save(path, format="JPEG", quality=quality)
    return path


def heic_photo(path: Path, size: tuple[int, int]) -> Path:
    """A photo-like HEIC of ``size``, as an iPhone writes by default (less noise: x265 is slow on noise)."""
    import pillow_heif

    pillow_heif.from_pillow(photo(size, sigma=12)).save(path, quality=60)
    return path


def scanned_pdf(path: Path, pages: int) -> Path:
    """A PDF of ``pages`` A4 pages, each a 150 dpi greyscale scan (JPEG) under a line of text."""
    import pikepdf
    from PIL import Image

    scan = io.BytesIO()
    page_image = Image.blend(Image.new("L", (1240, 1754), 235), Image.effect_noise((1240, 1754), 30), 0.2)
    page_image.save(scan, format="JPEG", quality=80)
    with pikepdf.new() as pdf:
        font = pdf.make_indirect(pikepdf.Dictionary(Type=pikepdf.Name.Font, Subtype=pikepdf.Name.Type1,
                                                    BaseFont=pikepdf.Name.Helvetica))
        for number in range(pages):
            image = pikepdf.Stream(pdf, scan.getvalue(), Type=pikepdf.Name.XObject, Subtype=pikepdf.Name.Image,
                                   Width=1240, Height=1754, BitsPerComponent=8, ColorSpace=pikepdf.Name.DeviceGray,
                                   Filter=pikepdf.Name.DCTDecode)
            text = f"q 595 0 0 842 0 0 cm /Im0 Do Q BT /F1 12 Tf 72 800 Td (Releve, page {number + 1}) Tj ET"
            page = pdf.make_indirect(pikepdf.Dictionary(
                Type=pikepdf.Name.Page, MediaBox=[0, 0, 595, 842],
                Resources=pikepdf.Dictionary(XObject=pikepdf.Dictionary(Im0=image),
                                             Font=pikepdf.Dictionary(F1=font)),
                Contents=pikepdf.Stream(pdf, text.encode())))
            pdf.pages.append(pikepdf.Page(page))
        pdf.save(path)
    return path


def measure(path: Path) -> dict:
    """In this (fresh) process: RSS growth of a first prepare(), then timed runs, then tracemalloc's peak."""
    from anef.documents import intake

    intake._register_heif()  # imports and one-off set-up are not the upload's cost
    import pypdfium2  # noqa: F401  (loaded by the app anyway)

    limits = intake.Limits()
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    prepared = intake.prepare(path, limits=limits)
    rss_delta = (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before) * 1024  # Linux reports KiB
    out_size = prepared.path.stat().st_size
    result = {"out_type": prepared.content_type, "out_size": out_size, "rss_delta": rss_delta,
              "dimensions": f"{prepared.width}x{prepared.height}" if prepared.width else f"{prepared.pages} p."}
    prepared.path.unlink()
    times = []
    for _ in range(RUNS):
        start = time.perf_counter()
        intake.prepare(path, limits=limits).path.unlink()
        times.append(time.perf_counter() - start)
    result["median_s"] = statistics.median(times)
    tracemalloc.start()
    intake.prepare(path, limits=limits).path.unlink()
    result["tracemalloc_peak"] = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return result


CASES = [
    ("JPEG 12 Mpx 4000x3000", "photo12.jpg"),
    ("JPEG 24 Mpx 6000x4000", "photo24.jpg"),
    ("JPEG 27 Mpx 5990x4490", "photo27.jpg"),
    ("JPEG 36 Mpx 7200x5000", "photo36.jpg"),
    ("HEIC 12 Mpx 4032x3024", "iphone.heic"),
    ("PDF 20 pages (scans)", "scans.pdf"),
]


def generate(folder: Path) -> None:
    """Write the inputs of :data:`CASES` into ``folder``; every photo stays under the 10 MB upload limit."""
    noisy_photo(folder / "photo12.jpg", (4000, 3000), sigma=40, quality=90)
    noisy_photo(folder / "photo24.jpg", (6000, 4000), sigma=40, quality=88)
    # Just under twice the 3000 px target: libjpeg cannot decode at 1/2, the worst case for memory.
    noisy_photo(folder / "photo27.jpg", (5990, 4490), sigma=35, quality=85)
    noisy_photo(folder / "photo36.jpg", (7200, 5000), sigma=30, quality=85)
    heic_photo(folder / "iphone.heic", (4032, 3024))
    scanned_pdf(folder / "scans.pdf", 20)


def _child(*args: str) -> str:
    """Run this module in a fresh interpreter and return its standard output."""
    done = subprocess.run([sys.executable, "-m", "bench.documents", *args], cwd=ROOT, capture_output=True,
                          text=True, check=True)
    return done.stdout


def main() -> None:
    """Generate the inputs, measure each in its own subprocess, print the table.

    This parent stays small and generates nothing itself: Linux carries the parent's RSS into a child's
    ru_maxrss across fork and exec, which would hide the child's own peak under the parent's.
    """
    with tempfile.TemporaryDirectory(prefix="anef-bench-docs-") as tmp:
        folder = Path(tmp)
        _child("--generate", str(folder))
        rows = []
        for label, name in CASES:
            path = folder / name
            rows.append((label, path.stat().st_size, json.loads(_child("--measure", str(path)).splitlines()[-1])))
    header = (f"{'case':<24} {'in MB':>6} {'out':>18} {'out MB':>7} {'median ms':>10} {'tracemalloc MB':>15} "
              f"{'maxrss Δ MB':>12}")
    print(header)
    print("-" * len(header))
    for label, size, r in rows:
        print(f"{label:<24} {size / MB:>6.2f} {r['dimensions']:>18} {r['out_size'] / MB:>7.2f} "
              f"{r['median_s'] * 1000:>10.0f} {r['tracemalloc_peak'] / MB:>15.2f} {r['rss_delta'] / MB:>12.1f}")
    print(f"\nmedian of {RUNS} runs after a first one; maxrss Δ is measured on that first run, in a fresh process.")


if __name__ == "__main__":
    if len(sys.argv) == 3 and sys.argv[1] == "--measure":
        sys.path.insert(0, str(ROOT))
        print(json.dumps(measure(Path(sys.argv[2]))))
    elif len(sys.argv) == 3 and sys.argv[1] == "--generate":
        generate(Path(sys.argv[2]))
    else:
        main()
