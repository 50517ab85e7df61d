"""A visible watermark on identity documents downloaded by agents: reference, agent and date on every page."""
from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pikepdf

from anef.documents import intake
from anef.documents.models import StoredFile
from anef.documents.storage import get_storage


def _pdf_text(value: str) -> str:
    # Helvetica with WinAnsiEncoding covers French accents; other characters become "?".
    encoded = value.encode("cp1252", errors="replace").decode("latin-1")
    return encoded.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")


def watermarked_copy(stored: StoredFile, folder: Path, *, reference: str, agent: str,
                     when: dt.datetime | None = None) -> Path:
    """Write a PDF copy of ``stored`` with the watermark on each page into ``folder``; return its path."""
    when = when or dt.datetime.now(dt.timezone.utc)
    source = folder / "source"
    with get_storage().open(stored.sha256) as src, open(source, "wb") as dst:
        shutil.copyfileobj(src, dst)
    pdf_path = source
    if stored.content_type != "application/pdf":
        pdf_path = folder / "source.pdf"
        intake.assemble_pdf([source], pdf_path)
    text = _pdf_text(f"{reference} - {agent} - {when:%d/%m/%Y %H:%M} UTC - copie tracée ANEF")
    out = folder / "watermarked.pdf"
    with pikepdf.open(pdf_path) as pdf:
        font = pdf.make_indirect(pikepdf.Dictionary(Type=pikepdf.Name.Font, Subtype=pikepdf.Name.Type1,
                                                    BaseFont=pikepdf.Name.Helvetica,
                                                    Encoding=pikepdf.Name.WinAnsiEncoding))
        for page in pdf.pages:
            width = float(page.mediabox[2]) - float(page.mediabox[0])
            height = float(page.mediabox[3]) - float(page.mediabox[1])
            size = max(8.0, min(width, height) / 40)
            name = page.add_resource(font, pikepdf.Name.Font, prefix="AnefWm")
            lines = []
            # Diagonal repeated text, semi-transparent grey, over the page content.
            for i, y in enumerate(range(int(size * 3), int(height), int(size * 12))):
                lines.append(f"BT {name} {size:.1f} Tf 0.7071 0.7071 -0.7071 0.7071 {size * (i % 2) * 4:.1f} {y} Tm "
                             f"({text}) Tj ET")
            stream = ("q 0.55 g " + " ".join(lines) + " Q").encode("latin-1")
            page.contents_add(pikepdf.Stream(pdf, stream), prepend=False)
        pdf.save(out)
    return out
