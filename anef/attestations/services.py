"""Attestations: the attestation de dépôt, rendered as a page and as a PDF."""
from __future__ import annotations

from flask import render_template, request

from anef.dossiers import services as dossier_services
from anef.plugins import procedures


def deposit_context(dossier) -> dict:
    """What the attestation de dépôt shows: who filed what, when, where, with which documents."""
    requirements = {r.kind: r for r in dossier_services.required_documents(dossier)}
    documents = [(requirements[k].label if k in requirements else k, d)
                 for k, d in dossier_services.current_documents(dossier).items()]
    return {"dossier": dossier, "info": procedures()[dossier.procedure], "documents": documents,
            "summary": dossier_services.answer_summary(dossier)}


def deposit_pdf(dossier) -> bytes:
    """Render the attestation de dépôt as a PDF with WeasyPrint."""
    from weasyprint import HTML

    html = render_template("attestations/deposit_pdf.html", **deposit_context(dossier))
    return HTML(string=html, base_url=request.host_url, url_fetcher=_static_only_fetcher).write_pdf()


def _static_only_fetcher(url, *args, **kwargs):
    # The PDF may only embed our own static files, read from disk, never fetched over the network.
    from pathlib import Path

    from flask import current_app
    from weasyprint import default_url_fetcher

    prefix = request.host_url.rstrip("/") + "/static/"
    if url.startswith(prefix):
        path = (Path(current_app.static_folder) / url[len(prefix):]).resolve()
        if str(path).startswith(str(Path(current_app.static_folder).resolve())) and path.is_file():
            return default_url_fetcher(path.as_uri(), *args, **kwargs)
    raise ValueError(f"resource not allowed in a PDF: {url}")
