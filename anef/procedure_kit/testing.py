"""Helpers for plugin tests: walk a procedure through the real applicant and agent screens over HTTP."""
from __future__ import annotations

import io
import re


def _expect(condition, detail="") -> None:
    # Not ``assert``: this module ships with the application, where asserts may be stripped.
    if not condition:
        raise AssertionError(detail)


def start(client, procedure: str, eligibility: dict) -> tuple[str, str]:
    """Answer the eligibility questions; returns the new draft's reference and its first step (fails if not eligible)."""
    response = client.post(f"/dossiers/nouveau/{procedure}", data=eligibility)
    _expect(response.status_code == 302, response.get_data(as_text=True)[:3000])
    match = re.search(r"/dossiers/([^/]+)/etapes/([a-z_]+)$", response.location)
    return match.group(1), match.group(2)


def fill_steps(client, reference: str, first: str, answers: dict) -> list[str]:
    """Post each step's answers from ``first``, going where the server sends next; returns the slugs visited."""
    slug, visited = first, []
    while slug:
        _expect(slug in answers, f"no sample answers for step {slug!r}")
        response = client.post(f"/dossiers/{reference}/etapes/{slug}", data={**answers[slug], "go": "next"})
        _expect(response.status_code == 302, (slug, response.get_data(as_text=True)[:3000]))
        visited.append(slug)
        following = re.search(rf"/dossiers/{reference}/etapes/([a-z_]+)$", response.location)
        slug = following.group(1) if following else None
    _expect(response.location.endswith(f"/dossiers/{reference}/documents"))
    return visited


def document_kinds(client, reference: str) -> list[str]:
    """The kinds of document the documents page asks for."""
    page = client.get(f"/dossiers/{reference}/documents").get_data(as_text=True)
    return re.findall(r'id="doc-([a-z_]+)"', page)


def upload_all(client, reference: str) -> list[str]:
    """Give a one-page PDF for every document asked; returns the kinds."""
    from anef.demo import minimal_pdf

    kinds = document_kinds(client, reference)
    for kind in kinds:
        response = client.post(f"/dossiers/{reference}/documents", data={
            "kind": kind, "file": (io.BytesIO(minimal_pdf()), f"{kind}.pdf")}, content_type="multipart/form-data")
        _expect(response.status_code == 302, (kind, response.get_data(as_text=True)[:2000]))
    return kinds


def file(client, reference: str):
    """Press « Déposer » on the review page; returns the response."""
    return client.post(f"/dossiers/{reference}/deposer")


def file_through_screens(client, procedure: str, eligibility: dict, answers: dict) -> tuple[str, list[str], list[str]]:
    """Start, answer every step, give every document and file; returns (reference, steps, document kinds)."""
    reference, first = start(client, procedure, eligibility)
    steps = fill_steps(client, reference, first, answers)
    kinds = upload_all(client, reference)
    response = file(client, reference)
    _expect(response.status_code == 302, response.get_data(as_text=True)[:5000])
    return reference, steps, kinds


def take_and_decide(agent_client, reference: str, decision: str = "accepte", motivation: str = "") -> None:
    """An agent takes the dossier and decides it through the agent's screens."""
    _expect(agent_client.post(f"/agent/dossiers/{reference}/prendre").status_code == 302)
    response = agent_client.post(f"/agent/dossiers/{reference}/decision",
                                 data={"decision": decision, "motivation": motivation})
    _expect(response.status_code == 302, response.get_data(as_text=True)[:3000])


def french(text: str) -> str:
    """``text`` with the no-break spaces French typography puts before : ; ? ! and inside « » (as the pages have)."""
    text = re.sub(r" ([:;?!])", "\u00a0\\1", text)
    return text.replace("« ", "«\u00a0").replace(" »", "\u00a0»")
