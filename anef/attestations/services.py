"""Attestations: the attestation de dépôt, rendered as a page and as a PDF."""
from __future__ import annotations

from flask import current_app, render_template, request

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
    fetcher = _static_only_fetcher(request.host_url.rstrip("/") + "/static/", current_app.static_folder)
    return HTML(string=html, base_url=request.host_url, url_fetcher=fetcher).write_pdf()


def _static_only_fetcher(prefix: str, static_folder: str):
    """A WeasyPrint fetcher that reads our own static files from disk and refuses every other URL."""
    import mimetypes
    from pathlib import Path

    from weasyprint.urls import URLFetcher, URLFetcherResponse

    root = Path(static_folder).resolve()

    class StaticOnly(URLFetcher):
        def fetch(self, url, headers=None):
            # The PDF never fetches over the network: a Host header must not make us call anyone.
            if url.startswith(prefix):
                path = (root / url[len(prefix):].split("?")[0]).resolve()
                if path.is_relative_to(root) and path.is_file():
                    kind = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
                    return URLFetcherResponse(url, body=path.read_bytes(), headers={"Content-Type": kind})
            raise ValueError(f"resource not allowed in a PDF: {url}")

    return StaticOnly()


def issue_for_transition(dossier, action: str) -> None:
    """Issue, supersede or revoke the dossier's attestations after ``action``, in the caller's transaction."""
