"""Whatever people type comes back out as text, never as markup, template code or e-mail headers.

XSS payloads go into every free-text field that an applicant or an agent can fill: the names given at
sign-up, every answer of every étudiant step (saved as typed, even when invalid), uploaded file names,
the complement message and the reply, the decision motivation, the return reason, the conformity reason,
the withdrawal reason, the names of an agent created by a local admin. Then every page that shows them
(applicant, agent, attestation page and PDF, htmx fragments) must show them escaped, and the e-mails in
the outbox must carry them as plain text with a clean one-line subject.
"""
from __future__ import annotations

import datetime as dt
import re
from urllib.parse import quote, urlsplit

import pyotp
import pytest
from markupsafe import escape
from sqlalchemy import select

from conftest import PASSWORD, PDF_BYTES, student_answers

SCRIPT = "<script>alert(1)</script>"
IMG = '"><img src=x onerror=alert(1)>'
JS_URL = "javascript:alert(1)"
SSTI = "{{7*7}}"
SQL = "'; DROP TABLE users; --"
# 85 characters: fits every field limited to 100 characters.
PAYLOAD = SCRIPT + IMG + SSTI + SQL
# For the fields that take 150 characters or more.
LONG = PAYLOAD + " " + JS_URL
# Uploaded file names keep only what follows the last "/" or "\\": a payload without them.
FILE_NAME = "<svg onload=alert(1)>" + IMG + SSTI + SQL + ".pdf"
HEADER_INJECTION = "\r\nBcc: x@evil.example"

APPLICANT_EMAIL = "xss.applicant@example.fr"
APPLICANT_PASSWORD = "une phrase de passe assez longue"
ADMIN_EMAIL = "admin75@example.fr"
NEW_AGENT_EMAIL = "agent.xss@example.fr"
NEW_AGENT_PASSWORD = "un mot de passe solide"
VALIDEUR_EMAIL = "valideur75@example.fr"

# Markup that would run if it reached the page as is (case-insensitive: some values are upper-cased).
RAW_MARKUP = re.compile(r"<script>alert|<img src=x|<svg onload|onerror=alert\(1\)>|"
                        r"(?:href|src|action|formaction)\s*=\s*[\"']?\s*javascript:", re.IGNORECASE)

# Free-text fields of the étudiant steps that accept any text and stay valid (so the dossier can be filed).
VALID_FREE_TEXT = {
    "identite": {"nom": PAYLOAD, "nom_usage": PAYLOAD, "prenoms": LONG, "lieu_naissance": PAYLOAD,
                 "pays_naissance": PAYLOAD, "nationalite": PAYLOAD},
    "passeport": {"pays_delivrance": PAYLOAD},
    "adresse": {"adresse": LONG, "complement": LONG, "commune": PAYLOAD},
    "etudes": {"etablissement": LONG, "formation": LONG},
}


# ---------------------------------------------------------------- helpers

def agent_login(app, client, email, password=PASSWORD):
    """The one place where agents log in: password, then the TOTP second factor (enrolling when needed)."""
    response = client.post("/compte/connexion", data={"email": email, "password": password})
    if response.status_code == 302 and response.location.endswith("/compte/second-facteur"):
        client.get("/compte/second-facteur")  # an agent without a second factor yet gets a secret here
        with client.session_transaction() as session:
            enrolling_secret = (session.get("mfa") or {}).get("secret")
        if enrolling_secret:
            code = pyotp.TOTP(enrolling_secret).now()
        else:
            from anef.accounts.mfa import next_code
            from anef.accounts.models import User
            from anef.extensions import db

            with app.app_context():
                code = next_code(db.session.scalar(select(User).where(User.email == email)))
        response = client.post("/compte/second-facteur", data={"code": code})
    assert response.status_code == 302 and "/compte/" not in response.location, (
        f"agent log-in of {email} failed: {response.status_code} {response.location}")
    return response


def applicant_login(client, email=APPLICANT_EMAIL, password=APPLICANT_PASSWORD):
    response = client.post("/compte/connexion", data={"email": email, "password": password})
    assert response.status_code == 302 and response.location.endswith("/dossiers/"), response.status_code
    return response


def text(response, status=200):
    body = response.get_data(as_text=True)
    assert response.status_code == status, (response.status_code, body[:2000])
    return body


def assert_escaped(body: str, where: str, *expected: str, count: int = 1) -> None:
    """No payload runs as markup in ``body``; each ``expected`` value is there, escaped (at least ``count`` times)."""
    found = RAW_MARKUP.search(body)
    if found:
        start = max(0, found.start() - 300)
        pytest.fail(f"{where}: raw markup from user input: …{body[start:found.end() + 300]}…", pytrace=False)
    for value in expected:
        escaped = str(escape(value))
        seen = body.count(escaped)
        assert seen >= count, (f"{where}: {value!r} should appear escaped as {escaped!r} at least {count} time(s), "
                               f"seen {seen} time(s)")
    # Template code typed by people is never evaluated ("{{7*7}}" stays as typed).
    if any(SSTI in value for value in expected):
        assert SSTI in body, f"{where}: {SSTI} was evaluated or lost"


def outbox(app, recipient=None):
    from anef.extensions import db
    from anef.notifications.models import OutboxMessage

    with app.app_context():
        query = select(OutboxMessage).order_by(OutboxMessage.id)
        if recipient:
            query = query.where(OutboxMessage.recipient == recipient)
        messages = db.session.scalars(query).all()
        db.session.expunge_all()
        return messages


def assert_clean_subjects(messages) -> None:
    for message in messages:
        assert message.subject and message.subject == message.subject.strip(), message.subject
        assert not re.search(r"[\r\n\x00-\x1f]", message.subject), f"control character in subject {message.subject!r}"
        assert "bcc" not in message.subject.lower(), message.subject
        assert "\r" not in message.recipient and "\n" not in message.recipient


def pdf_text(data: bytes) -> str:
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(data)
    try:
        parts = []
        for index in range(len(pdf)):
            page = pdf[index]
            textpage = page.get_textpage()
            parts.append(textpage.get_text_range())
            textpage.close()
            page.close()
        return "\n".join(parts)
    finally:
        pdf.close()


def squeeze(value: str) -> str:
    """Without any white space: a PDF line break may fall anywhere in a long value."""
    return re.sub(r"\s+", "", value)


def assert_pdf_shows_literally(data: bytes, *values: str) -> None:
    assert data.startswith(b"%PDF-")
    content = squeeze(pdf_text(data))
    for value in values:
        assert squeeze(value) in content, f"{value!r} is not printed literally in the PDF: {content[:3000]}"


def start_dossier(client, demande="premiere"):
    response = client.post("/dossiers/nouveau/etudiant",
                           data={"inscrit": "oui", "demande": demande, "vls_ts_non_valide": "non"})
    assert response.status_code == 302, response.get_data(as_text=True)[:2000]
    return response.location.split("/dossiers/")[1].split("/")[0]


def upload(client, reference, kind, filename, extra=b""):
    """Upload a PDF under ``filename``, sent as RFC 5987 ``filename*`` so that quotes survive (Werkzeug's test
    client would cut the name at the first double quote)."""
    boundary = "----anef-escaping-test"
    body = (f"--{boundary}\r\nContent-Disposition: form-data; name=\"kind\"\r\n\r\n{kind}\r\n"
            f"--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename*=UTF-8''{quote(filename, safe='')}\r\n"
            f"Content-Type: application/pdf\r\n\r\n").encode() + PDF_BYTES + extra + f"\r\n--{boundary}--\r\n".encode()
    return client.post(f"/dossiers/{reference}/documents", data=body,
                       content_type=f"multipart/form-data; boundary={boundary}")


def required_kinds(app, reference):
    from anef.dossiers import services
    from anef.dossiers.models import Dossier
    from anef.extensions import db

    with app.test_request_context():
        dossier = db.session.scalar(select(Dossier).where(Dossier.reference == reference))
        return [r.kind for r in services.required_documents(dossier)]


TYPED_FIELDS = ("StringField", "TextAreaField", "DateField", "IntegerField")


def document_ids(app, reference):
    """The id of each current document of the dossier, by kind."""
    from anef.dossiers import services
    from anef.dossiers.models import Dossier
    from anef.extensions import db

    with app.test_request_context():
        dossier = db.session.scalar(select(Dossier).where(Dossier.reference == reference))
        return {kind: document.id for kind, document in services.current_documents(dossier).items()}


def step_fields(app, reference, typed=False):
    """Every (step slug, [field names]) of the dossier's current steps; with ``typed``, only the fields whose
    input gives back the typed text (not radios nor selects)."""
    from anef.dossiers import services
    from anef.dossiers.models import Dossier
    from anef.extensions import db

    with app.test_request_context():
        dossier = db.session.scalar(select(Dossier).where(Dossier.reference == reference))
        return [(step.slug, [f.name for f in step.form_class() if not typed or f.type in TYPED_FIELDS])
                for step in services.steps_for(dossier)]


# ---------------------------------------------------------------- the whole journey, with payloads everywhere

def test_free_text_of_applicants_and_agents_is_escaped_on_every_page(app, make_user, monkeypatch):
    pages: dict[str, str] = {}
    applicant = app.test_client()

    # Sign-up: both names carry the payload, the first name also tries to add an e-mail header.
    response = applicant.post("/compte/inscription", data={
        "given_names": PAYLOAD + HEADER_INJECTION, "family_name": PAYLOAD, "email": APPLICANT_EMAIL,
        "password": APPLICANT_PASSWORD, "password_confirm": APPLICANT_PASSWORD})
    assert "Consultez vos courriels" in text(response)
    [verification] = outbox(app, APPLICANT_EMAIL)
    link = re.search(r"https?://\S+/compte/confirmation/\S+", verification.body).group(0)
    assert applicant.get(urlsplit(link).path).status_code == 302
    applicant_login(applicant)
    pages["dashboard (empty)"] = text(applicant.get("/dossiers/"))
    assert_escaped(pages["dashboard (empty)"], "dashboard", PAYLOAD)

    # Every step: the valid answers, with a payload in each free-text field that takes any text.
    reference = start_dossier(applicant)
    answers = student_answers()
    for slug, _fields in step_fields(app, reference):
        data = {**answers[slug], **VALID_FREE_TEXT.get(slug, {}), "go": "next"}
        response = applicant.post(f"/dossiers/{reference}/etapes/{slug}", data=data)
        assert response.status_code == 302, (slug, response.get_data(as_text=True)[:3000])
        if slug in VALID_FREE_TEXT:
            body = text(applicant.get(f"/dossiers/{reference}/etapes/{slug}"))
            assert_escaped(body, f"step {slug}", *VALID_FREE_TEXT[slug].values())
    kinds = required_kinds(app, reference)
    for index, kind in enumerate(kinds):
        assert upload(applicant, reference, kind, FILE_NAME, f"%{index}".encode()).status_code == 302
    pages["documents"] = text(applicant.get(f"/dossiers/{reference}/documents"))
    assert_escaped(pages["documents"], "documents page", FILE_NAME, count=len(kinds))
    pages["review"] = text(applicant.get(f"/dossiers/{reference}/recapitulatif"))
    assert "Il manque encore" not in pages["review"]
    assert_escaped(pages["review"], "review page", PAYLOAD, LONG, FILE_NAME)
    assert pages["review"].count(str(escape(PAYLOAD))) >= sum(len(v) for v in VALID_FREE_TEXT.values())
    assert pages["review"].count(str(escape(FILE_NAME))) == len(kinds)

    # Filing, then every applicant page of the filed dossier.
    assert applicant.post(f"/dossiers/{reference}/deposer").status_code == 302
    pages["dossier"] = text(applicant.get(f"/dossiers/{reference}"))
    assert "Déposé" in pages["dossier"]
    pages["status fragment"] = text(applicant.get(f"/dossiers/{reference}", headers={"HX-Request": "true"}))
    assert "<html" not in pages["status fragment"]
    pages["dashboard"] = text(applicant.get("/dossiers/"))
    assert_escaped(pages["dashboard"], "dashboard", PAYLOAD)
    pages["attestation"] = text(applicant.get(f"/attestations/{reference}/depot"))
    assert_escaped(pages["attestation"], "attestation page", PAYLOAD, LONG, FILE_NAME)
    pdf = applicant.get(f"/attestations/{reference}/depot.pdf")
    assert pdf.status_code == 200 and pdf.headers["Content-Type"] == "application/pdf"
    assert_pdf_shows_literally(pdf.data, PAYLOAD, LONG, FILE_NAME)

    # A local admin creates an agent whose names carry the payload.
    make_user(ADMIN_EMAIL, role="admin", service="pref-75", given_names="Alice", family_name="Admin")
    admin = app.test_client()
    agent_login(app, admin, ADMIN_EMAIL)
    response = admin.post("/agent/service/agents", data={
        "given_names": PAYLOAD + HEADER_INJECTION, "family_name": PAYLOAD, "email": NEW_AGENT_EMAIL,
        "role": "instructeur", "password": NEW_AGENT_PASSWORD})
    assert response.status_code == 302, response.get_data(as_text=True)[:2000]
    pages["service agents"] = text(admin.get("/agent/service/agents"))
    assert_escaped(pages["service agents"], "service agents page (flash and table)", PAYLOAD, count=2)
    # The same names, refused (the address is taken): the form gives them back, escaped.
    response = admin.post("/agent/service/agents", data={
        "given_names": LONG, "family_name": LONG, "email": NEW_AGENT_EMAIL, "role": "instructeur",
        "password": NEW_AGENT_PASSWORD})
    assert_escaped(text(response, 422), "service agents form", LONG, count=2)

    # The new agent: queue, dossier, document viewer.
    agent = app.test_client()
    agent_login(app, agent, NEW_AGENT_EMAIL, NEW_AGENT_PASSWORD)
    pages["queue"] = text(agent.get("/agent/"))
    assert reference in pages["queue"]
    assert_escaped(pages["queue"], "agent queue", PAYLOAD, PAYLOAD.upper())
    pages["queue rows (htmx)"] = text(agent.get("/agent/", headers={"HX-Request": "true"}))
    assert_escaped(pages["queue rows (htmx)"], "agent queue rows", PAYLOAD, PAYLOAD.upper())
    body = text(agent.get(f"/agent/dossiers/{reference}"))
    assert_escaped(body, "agent dossier page", PAYLOAD, PAYLOAD.upper(), LONG, FILE_NAME)
    assert agent.post(f"/agent/dossiers/{reference}/prendre").status_code == 302
    pages["agent dossier (taken)"] = body = text(agent.get(f"/agent/dossiers/{reference}"))
    # "instruit par <the new agent's names>", escaped.
    assert_escaped(body, "agent dossier page (taken)", PAYLOAD)
    assert "instruit par " + str(escape(PAYLOAD)) in body
    passport_id = document_ids(app, reference)["passeport"]

    # Conformity: a reason with the payload, shown on the viewer and on the dossier page.
    viewer_url = f"/agent/dossiers/{reference}/documents/{passport_id}"
    assert_escaped(text(agent.get(viewer_url)), "document viewer", FILE_NAME)
    response = agent.post(viewer_url, data={"verdict": "non_conforme", "reason": LONG})
    assert response.status_code == 302, response.get_data(as_text=True)[:2000]
    pages["document viewer"] = text(agent.get(viewer_url))
    assert_escaped(pages["document viewer"], "document viewer", FILE_NAME, LONG)
    body = text(agent.get(f"/agent/dossiers/{reference}"))
    # The reason on the document line, and again in the pre-filled complement message.
    assert_escaped(body, "agent dossier page (conformity)", LONG, count=2)

    # Complement: the agent's reason, the applicant's document and reply.
    deadline = (dt.date.today() + dt.timedelta(days=20)).isoformat()
    response = agent.post(f"/agent/dossiers/{reference}/complement",
                          data={"item": ["document:passeport"], "reason-document:passeport": LONG,
                                "deadline": deadline})
    assert response.status_code == 302, response.get_data(as_text=True)[:2000]
    pages["dossier (complement)"] = text(applicant.get(f"/dossiers/{reference}"))
    assert_escaped(pages["dossier (complement)"], "dossier page (complement)", LONG, count=2)  # alert + timeline
    pages["status fragment (complement)"] = text(applicant.get(f"/dossiers/{reference}", headers={"HX-Request": "true"}))
    assert_escaped(pages["status fragment (complement)"], "status fragment (complement)", LONG, count=2)
    pages["complement page"] = text(applicant.get(f"/dossiers/{reference}/complement"))
    assert_escaped(pages["complement page"], "complement page", LONG)
    assert upload(applicant, reference, "passeport", FILE_NAME, b"%complement").status_code == 302
    pages["complement page (uploaded)"] = text(applicant.get(f"/dossiers/{reference}/complement"))
    assert_escaped(pages["complement page (uploaded)"], "complement page", LONG, FILE_NAME)
    # A reply too long is refused and given back, escaped.
    response = applicant.post(f"/dossiers/{reference}/complement", data={"reply": LONG * 50})
    assert_escaped(text(response), "complement page (reply refused)", LONG)
    assert applicant.post(f"/dossiers/{reference}/complement", data={"reply": LONG}).status_code == 302
    body = text(agent.get(f"/agent/dossiers/{reference}"))
    assert_escaped(body, "agent dossier page (reply)", LONG, count=2)  # complement message and reply in history

    # A refusal: proposed with a motivation, returned by the valideur with a reason, proposed again, signed.
    make_user(VALIDEUR_EMAIL, role="valideur", service="pref-75", given_names="Vincent", family_name="Petit")
    valideur = app.test_client()
    agent_login(app, valideur, VALIDEUR_EMAIL)
    response = agent.post(f"/agent/dossiers/{reference}/decision", data={"decision": "refuse", "motivation": LONG})
    assert response.status_code == 302, response.get_data(as_text=True)[:2000]
    pages["valideur dossier (proposal)"] = text(valideur.get(f"/agent/dossiers/{reference}"))
    assert_escaped(pages["valideur dossier (proposal)"], "valideur dossier page", LONG, count=2)
    pages["applicant dossier (proposal)"] = text(applicant.get(f"/dossiers/{reference}"))
    assert_escaped(pages["applicant dossier (proposal)"], "dossier page (proposal)", LONG)
    response = valideur.post(f"/agent/dossiers/{reference}/renvoyer", data={"reason": PAYLOAD + "\n" + LONG})
    assert response.status_code == 302, response.get_data(as_text=True)[:2000]
    body = text(agent.get(f"/agent/dossiers/{reference}"))
    assert_escaped(body, "agent dossier page (returned)", PAYLOAD + "\n" + LONG)
    # A refusal without motivation is refused: the form comes back, with nothing unescaped.
    response = agent.post(f"/agent/dossiers/{reference}/decision", data={"decision": "refuse", "motivation": " "})
    assert_escaped(text(response, 422), "decision form (refused)")
    response = agent.post(f"/agent/dossiers/{reference}/decision", data={"decision": "refuse", "motivation": LONG})
    assert response.status_code == 302
    assert valideur.post(f"/agent/dossiers/{reference}/signer").status_code == 302
    pages["agent dossier (refused)"] = text(agent.get(f"/agent/dossiers/{reference}"))
    assert "Refusé" in pages["agent dossier (refused)"]
    assert_escaped(pages["agent dossier (refused)"], "agent dossier page (refused)", LONG, PAYLOAD + "\n" + LONG)
    pages["dossier (refused)"] = text(applicant.get(f"/dossiers/{reference}"))
    assert "Refusé" in pages["dossier (refused)"]
    assert_escaped(pages["dossier (refused)"], "dossier page (refused)", LONG, count=2)  # motives + timeline
    pages["status fragment (refused)"] = text(applicant.get(f"/dossiers/{reference}", headers={"HX-Request": "true"}))
    assert_escaped(pages["status fragment (refused)"], "status fragment (refused)", LONG, count=2)
    pages["attestation (refused)"] = text(applicant.get(f"/attestations/{reference}/depot"))
    pages["queue (treated)"] = text(agent.get("/agent/?onglet=traites"))
    assert_escaped(pages["queue (treated)"], "agent queue (treated)", PAYLOAD.upper())

    for where, body in pages.items():
        assert_escaped(body, where)

    # E-mails are text/plain: the payload is there as typed (not HTML-escaped), the subject is one clean line.
    messages = outbox(app)
    assert_clean_subjects(messages)
    [verification] = [m for m in messages if m.recipient == APPLICANT_EMAIL and "/compte/confirmation/" in m.body]
    assert PAYLOAD in verification.body and "&lt;" not in verification.body and "&#" not in verification.body
    [complement] = [m for m in messages if m.recipient == APPLICANT_EMAIL and LONG in m.body]
    assert "Complément demandé" in complement.subject and "&lt;" not in complement.body
    assert all(PAYLOAD not in m.subject for m in messages)
    # The development outbox shows the same bodies as HTML: escaped there.
    assert_escaped(text(applicant.get("/dev/outbox")), "development outbox")
    for message in (verification, complement):
        body = text(applicant.get(f"/dev/outbox/{message.id}"))
        assert_escaped(body, f"development outbox message {message.id}", PAYLOAD)
    # Delivered by SMTP, a name with a line break adds no header.
    sent = []

    class FakeSMTP:
        def __init__(self, *args, **kwargs):
            pass

        def __enter__(self):
            return self

        def __exit__(self, *exc):
            return False

        def starttls(self):
            pass

        def login(self, *args):
            pass

        def send_message(self, message):
            sent.append(message)

    from anef.notifications import services as notifications

    monkeypatch.setattr(notifications.smtplib, "SMTP", FakeSMTP)
    monkeypatch.setitem(app.config, "MAIL_SERVER", "smtp.test.invalid")
    with app.app_context():
        for message in messages:
            notifications.deliver(message_id=message.id)
    assert len(sent) == len(messages)
    for email in sent:
        assert email.get_all("Bcc") is None and email.get_all("Cc") is None
        assert len(email.get_all("To")) == 1 and "evil" not in email["To"]
        headers = email.as_bytes().replace(b"\r\n", b"\n").split(b"\n\n", 1)[0]
        assert b"bcc" not in headers.lower() and b"evil" not in headers.lower(), headers
        assert {name.lower() for name in email.keys()} <= {
            "from", "to", "subject", "content-type", "content-transfer-encoding", "mime-version", "date",
            "message-id", "auto-submitted"}, email.keys()


# ---------------------------------------------------------------- every step answer, even invalid

@pytest.mark.parametrize("demande", ["premiere", "renouvellement"])
def test_every_step_answer_is_escaped_even_when_invalid(app, client, applicant, demande):
    """Each field of each step gets the payload (refused by most validators, saved anyway)."""
    from conftest import login

    login(client, "usager@example.fr")
    reference = start_dossier(client, demande)
    total = 0
    typed = dict(step_fields(app, reference, typed=True))
    for slug, fields in step_fields(app, reference):
        if slug == "situation":
            continue  # its single radio decides which steps exist
        data = {name: (PAYLOAD if name != "explication" else LONG) for name in fields}
        total += len(fields)
        autosave = client.post(f"/dossiers/{reference}/etapes/{slug}", data=data, headers={"HX-Request": "true"})
        assert_escaped(text(autosave), f"autosave fragment of {slug}")
        response = client.post(f"/dossiers/{reference}/etapes/{slug}", data={**data, "go": "next"})
        body = text(response)  # invalid: the page comes back with the errors and the typed values
        assert_escaped(body, f"step {slug} with errors")
        again = text(client.get(f"/dossiers/{reference}/etapes/{slug}"))
        assert_escaped(again, f"step {slug}")
        # Every text, date and number input gives the typed value back, escaped.
        assert_escaped(body, f"step {slug} with errors", PAYLOAD, count=len(typed[slug]))
        assert_escaped(again, f"step {slug}", PAYLOAD, count=len(typed[slug]))
    review = text(client.get(f"/dossiers/{reference}/recapitulatif"))
    # Every answer is listed as typed (text, choice, date or number), escaped.
    assert_escaped(review, "review page", PAYLOAD, count=total)
    assert_escaped(text(client.get("/dossiers/")), "dashboard")
    assert_escaped(text(client.get(f"/dossiers/{reference}", headers={"HX-Request": "true"})), "status fragment")


def test_agent_pages_and_attestation_escape_answers_that_validation_would_refuse(app, client, applicant, agent_75,
                                                                                  filed_dossier):
    """Defence in depth: answers saved without validation (older versions, imports) are still escaped."""
    from anef.dossiers.models import Dossier
    from anef.extensions import db

    fields = [(slug, names) for slug, names in step_fields(app, filed_dossier) if slug != "situation"]
    with app.app_context():
        dossier = db.session.scalar(select(Dossier).where(Dossier.reference == filed_dossier))
        answers = dict(dossier.answers)
        for slug, names in fields:
            answers[slug] = {name: PAYLOAD for name in names}
        dossier.answers = answers
        db.session.commit()
    total = sum(len(names) for _slug, names in fields)
    agent_login(app, client, "instructeur75@example.fr")
    body = text(client.get(f"/agent/dossiers/{filed_dossier}"))
    assert_escaped(body, "agent dossier page", PAYLOAD, count=total)
    applicant_client = app.test_client()
    from conftest import login

    login(applicant_client, "usager@example.fr")
    identity_fields = dict(fields)["identite"]
    body = text(applicant_client.get(f"/attestations/{filed_dossier}/depot"))
    assert_escaped(body, "attestation page", PAYLOAD, count=len(identity_fields))
    pdf = applicant_client.get(f"/attestations/{filed_dossier}/depot.pdf")
    assert pdf.status_code == 200
    assert squeeze(pdf_text(pdf.data)).count(squeeze(PAYLOAD)) >= len(identity_fields)


def test_a_withdrawal_reason_is_escaped_for_the_agent(app, client, applicant, agent_75, filed_dossier):
    from conftest import login

    login(client, "usager@example.fr")
    assert client.post(f"/dossiers/{filed_dossier}/retirer", data={"reason": LONG}).status_code == 302
    assert_escaped(text(client.get(f"/dossiers/{filed_dossier}")), "dossier page (withdrawn)")
    agent = app.test_client()
    agent_login(app, agent, "instructeur75@example.fr")
    assert_escaped(text(agent.get(f"/agent/dossiers/{filed_dossier}")), "agent dossier page (withdrawn)", LONG)


def test_a_validation_message_that_quotes_the_input_is_escaped(app, client, national_admin):
    """The calendar refuses unknown départements by quoting them back."""
    agent_login(app, client, "national@example.fr")
    response = client.post("/admin/calendrier/etudiant", data={"opens_on": "", "territories": PAYLOAD})
    body = text(response)
    # The value in its input, the message under the field and in the error summary.
    assert_escaped(body, "calendar form", PAYLOAD)
    assert_escaped(body, "calendar form errors", PAYLOAD.upper(), count=2)


# ---------------------------------------------------------------- error pages

NASTY_PATHS = [
    "/%3Cscript%3Ealert(1)%3C/script%3E",
    "/dossiers/%22%3E%3Cimg%20src=x%20onerror=alert(1)%3E",
    "/%7B%7B7*7%7D%7D",
    "/attestations/%3Csvg%20onload=alert(1)%3E/depot",
    "/nulle-part?q=%3Cscript%3Ealert(1)%3C/script%3E&lang=%22%3E%3Cimg%20src=x%20onerror=alert(1)%3E",
]


@pytest.mark.parametrize("who", ["anonymous", "applicant", "agent"])
def test_the_404_page_reflects_nothing_of_the_url(app, client, applicant, agent_75, who):
    from conftest import login

    if who == "applicant":
        login(client, "usager@example.fr")
    elif who == "agent":
        agent_login(app, client, "instructeur75@example.fr")
    paths = NASTY_PATHS + (["/agent/dossiers/%3Cscript%3Ealert(1)%3C/script%3E",
                            "/agent/?onglet=%3Cscript%3Ealert(1)%3C/script%3E"] if who == "agent" else [])
    for path in paths:
        response = client.get(path, follow_redirects=True)
        body = response.get_data(as_text=True)
        if who == "anonymous" and response.request.path == "/compte/connexion":
            assert response.status_code == 200  # a page that needs an account: the log-in page, not a 404
        else:
            assert response.status_code == 404, (path, response.status_code)
        assert_escaped(body, f"404 page of {path}")
        for piece in ("alert(1)", "onerror", "onload", "7*7", "nulle-part"):
            assert piece not in body, f"404 page of {path} reflects {piece!r}"


def test_the_500_page_shows_no_traceback_nor_exception_text(app):
    from anef.security import PUBLIC

    secret = "secret-detail-0xDEADBEEF <script>alert(1)</script> /srv/anef/anef/app.py"

    def explode():
        raise RuntimeError(secret)

    explode.access = PUBLIC
    # A route cannot be added once the application has served requests: the view of an existing public
    # route is swapped for the test, and everything is restored after.
    endpoint = "public.accessibility"
    original_view = app.view_functions[endpoint]
    saved = {key: app.config[key] for key in ("TESTING", "PROPAGATE_EXCEPTIONS", "DEBUG")}
    app.view_functions[endpoint] = explode
    app.config.update(TESTING=False, PROPAGATE_EXCEPTIONS=False, DEBUG=False)
    try:
        response = app.test_client().get("/accessibilite")
    finally:
        app.view_functions[endpoint] = original_view
        app.config.update(saved)
    body = response.get_data(as_text=True)
    assert response.status_code == 500
    assert "Erreur du service" in body
    for leak in ("Traceback", "RuntimeError", "secret-detail", "DEADBEEF", "alert(1)", "app.py", 'File "', "/srv/"):
        assert leak not in body, f"the 500 page shows {leak!r}"
    assert_escaped(body, "500 page")
    assert app.test_client().get("/accessibilite").status_code == 200
