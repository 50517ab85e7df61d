"""What each kind of visitor does, written once for the load generator and for the query-counting pass.

Each scenario is a function ``(http, person)``: ``http`` has ``get(path, name=, headers=)`` and
``post(path, name=, data=, headers=)`` returning a response with ``status_code``, ``text`` and ``headers``
(locust's FastHttpSession, or :class:`bench.national.CountingHttp`); ``person`` is a :class:`Person`
(who is logged in, their dossiers, their CSRF token). A scenario names its requests; the table's row of a
scenario is its request of the same name (helper requests get ``<scenario>:<step>`` names).

Messages and attestation verification are separate functions: they report themselves skipped until
their routes exist on main (see :data:`PENDING`).
"""
from __future__ import annotations

import itertools
import random
import re
import secrets
import uuid
from dataclasses import dataclass, field

CSRF = re.compile(r'"X-CSRFToken": "([^"]+)"')
FORM_CSRF = re.compile(r'name="csrf_token" value="([^"]+)"')
REMOVE_PAGE = re.compile(r'/documents/pages/(\d+)/retirer')

# A small phone-like JPEG, built once (intake re-encodes it; a random trailer makes each upload new).
_JPEG: bytes | None = None


def jpeg() -> bytes:
    global _JPEG
    if _JPEG is None:
        import io

        from PIL import Image

        out = io.BytesIO()
        image = Image.linear_gradient("L").resize((1200, 1600)).convert("RGB")
        image.save(out, format="JPEG", quality=80)
        _JPEG = out.getvalue()
    return _JPEG


@dataclass
class Person:
    """One simulated person: an applicant or an agent, and what they work on."""

    email: str | None = None
    role: str = "anonymous"
    filed: str | None = None
    draft: str | None = None
    service_id: int | None = None
    samples: list = field(default_factory=list)
    csrf: str | None = None
    totp_secret: str | None = None
    page_floor: int = 0
    status_tag: str | None = None


def _token(text: str) -> str | None:
    found = CSRF.search(text) or FORM_CSRF.search(text)
    return found.group(1) if found else None


def _check(response, what: str):
    if response.status_code >= 400:
        raise RuntimeError(f"{what}: HTTP {response.status_code}")
    return response


# ------------------------------------------------------------------ log-in

def log_in(http, person: Person, name: str = "login") -> None:
    """The log-in form, the password (argon2), and for agents the TOTP code; lands on the home page."""
    form = http.get("/compte/connexion", name=f"{name}:form")
    data = {"csrf_token": _token(form.text) or "", "email": person.email, "password": _password()}
    landed = http.post("/compte/connexion", name=name, data=data)
    if person.role != "applicant":
        import pyotp

        code = pyotp.TOTP(person.totp_secret).now()
        landed = http.post("/compte/second-facteur", name=f"{name}:code",
                           data={"csrf_token": _token(landed.text) or "", "code": code})
    _check(landed, f"log-in of {person.email}")
    person.csrf = _token(landed.text)
    if person.csrf is None:
        raise RuntimeError(f"log-in of {person.email} did not land on a page (HTTP {landed.status_code})")


def open_session(http, person: Person, *, secret_key: str, user_id: int, version: int, home: str) -> None:
    """Start as a person already logged in (most people at the peak are): the session cookie a log-in would have
    given, signed with the servers' SECRET_KEY, then their home page for a CSRF token. No password check: the
    log-in scenario measures those, at their share of the traffic."""
    import hashlib
    import time
    from http.cookiejar import Cookie

    from flask.json.tag import TaggedJSONSerializer
    from itsdangerous import URLSafeTimedSerializer

    now = time.time()
    value = URLSafeTimedSerializer(
        secret_key, salt="cookie-session", serializer=TaggedJSONSerializer(),
        signer_kwargs={"key_derivation": "hmac", "digest_method": hashlib.sha1},
    ).dumps({"_user_id": f"{user_id}:{version}", "_fresh": True, "sid": secrets.token_urlsafe(16),
             "login_at": now, "seen_at": now})
    http.cookiejar.set_cookie(Cookie(0, "session", value, None, False, "127.0.0.1", False, False, "/", True, False,
                                     None, False, None, None, {"HttpOnly": None}))
    page = _check(http.get(home, name="setup:session"), f"session of {person.email}")
    person.csrf = _token(page.text)
    if person.csrf is None:
        raise RuntimeError(f"the session of {person.email} did not open ({page.status_code})")


def _password() -> str:
    from bench.seed import PASSWORD

    return PASSWORD


def login(http, person: Person) -> None:
    """A person logging in again (a fraction of the mix): a new session each time."""
    jar = getattr(http, "cookiejar", None)
    if jar is not None:
        jar.clear()
    log_in(http, person, "login" if person.role == "applicant" else "login_agent")


# ------------------------------------------------------------------ anonymous

def home(http, person: Person) -> None:
    http.get("/", name="home")


# ------------------------------------------------------------------ applicants

def procedure_page(http, person: Person) -> None:
    """The start page of the étudiant procedure (eligibility questions and the calendar)."""
    http.get("/dossiers/nouveau/etudiant", name="procedure_page")


def dashboard(http, person: Person) -> None:
    http.get("/dossiers/", name="dashboard")


STATUS_TAG = re.compile(r'"X-Anef-Status": "([^"]+)"')


def status_poll(http, person: Person) -> None:
    """The dossier page's status fragment, which htmx polls every 30 s, sending back the tag of the status it
    shows (an unchanged status is answered 204 with nothing to render)."""
    headers = {"HX-Request": "true"}
    if person.status_tag:
        headers["X-Anef-Status"] = person.status_tag
    response = http.get(f"/dossiers/{person.filed}", name="status_poll", headers=headers)
    found = STATUS_TAG.search(response.text or "") if response.status_code == 200 else None
    if found:
        person.status_tag = found.group(1)


IDENTITY = {"nom": "ZHANG", "prenoms": "Mei", "sexe": "F", "date_naissance": "2002-03-14",
            "lieu_naissance": "Shanghai", "pays_naissance": "Chine", "nationalite": "chinoise",
            "telephone": "06 12 34 56 78"}


def autosave(http, person: Person) -> None:
    """htmx saves a step of the draft as the person types."""
    data = dict(IDENTITY, lieu_naissance=random.choice(("Shanghai", "Pékin", "Canton", "Wuhan")))
    http.post(f"/dossiers/{person.draft}/etapes/identite", name="autosave", data=data,
              headers={"HX-Request": "true", "X-CSRFToken": person.csrf or ""})


def _multipart(fields: dict, filename: str, content: bytes, content_type: str) -> tuple[bytes, str]:
    boundary = uuid.uuid4().hex
    parts = []
    for key, value in fields.items():
        parts.append(f'--{boundary}\r\nContent-Disposition: form-data; name="{key}"\r\n\r\n{value}\r\n'.encode())
    parts.append(f'--{boundary}\r\nContent-Disposition: form-data; name="file"; filename="{filename}"\r\n'
                 f"Content-Type: {content_type}\r\n\r\n".encode() + content + b"\r\n")
    parts.append(f"--{boundary}--\r\n".encode())
    return b"".join(parts), f"multipart/form-data; boundary={boundary}"


def upload(http, person: Person) -> None:
    """A photo of a page sent for the passport; the person then removes it (keeps the draft's size steady)."""
    body, content_type = _multipart({"csrf_token": person.csrf or "", "kind": "passeport"}, "photo.jpg",
                                    jpeg() + secrets.token_bytes(16), "image/jpeg")
    page = _check(http.post(f"/dossiers/{person.draft}/documents", name="upload", data=body,
                            headers={"Content-Type": content_type}), "upload")
    # Pages added by the bench have ids above every seeded page.
    for page_id in sorted({int(i) for i in REMOVE_PAGE.findall(page.text) if int(i) > person.page_floor}):
        http.post(f"/dossiers/{person.draft}/documents/pages/{page_id}/retirer", name="upload:remove",
                  data={"csrf_token": person.csrf or ""})


def message(http, person: Person) -> None:
    """The applicant writes to the service about their dossier (the messages work)."""
    page = http.get(f"/dossiers/{person.filed}/messages", name="message:page")
    _check(page, "messages page")
    http.post(f"/dossiers/{person.filed}/messages", name="message",
              data={"csrf_token": _token(page.text) or person.csrf or "",
                    "body": "Bonjour, pouvez-vous me dire où en est ma demande ? Merci."})


# ------------------------------------------------------------------ agents

def agent_queue(http, person: Person) -> None:
    http.get(random.choice(("/agent/", "/agent/", "/agent/?onglet=en_instruction", "/agent/?onglet=mes_dossiers",
                            "/agent/?expirant=y")), name="agent_queue")


_search_kinds = itertools.cycle(("reference", "name", "passport", "numero_etranger"))


def agent_search(http, person: Person) -> None:
    """A search in the agent's service: by reference, name, passport number or numéro étranger."""
    reference, name, passport, numero = random.choice(person.samples)
    kind = next(_search_kinds)
    term = {"reference": reference, "name": name, "passport": passport, "numero_etranger": numero}[kind] or name
    http.get(f"/agent/?q={term}", name="agent_search")


def agent_dossier(http, person: Person) -> None:
    reference = random.choice(person.samples)[0]
    http.get(f"/agent/dossiers/{reference}", name="agent_dossier")


# ------------------------------------------------------------------ public verification

def attestation_verify(http, person: Person) -> None:
    """A third party checks an attestation's QR code (the attestations work)."""
    token = random.choice(person.samples)
    http.get(f"/verifier/{token}", name="attestation_verify")


def bare(http, person: Person) -> None:
    http.get("/", name="bare_flask")


# name: (function, who runs it, weight in the national mix in percent)
SCENARIOS = {
    "home": (home, "anonymous", 14),
    "procedure_page": (procedure_page, "applicant", 4),
    "login": (login, "applicant", 3),
    "dashboard": (dashboard, "applicant", 12),
    "status_poll": (status_poll, "applicant", 22),
    "autosave": (autosave, "applicant", 12),
    "upload": (upload, "applicant", 2),
    "message": (message, "applicant", 3),
    "agent_queue": (agent_queue, "agent", 10),
    "agent_search": (agent_search, "agent", 5),
    "agent_dossier": (agent_dossier, "agent", 10),
    "attestation_verify": (attestation_verify, "verifier", 3),
}
# Scenarios whose code is not on main yet: name -> the URL rule that must exist for them to run.
PENDING = {"message": "/dossiers/<reference>/messages", "attestation_verify": "/verifier/<token>"}
