"""Attestations: issued with the lifecycle, signed, renewed, rendered as a page and a PDF, verified by anyone."""
from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import secrets
from dataclasses import dataclass

from flask import abort, current_app, has_request_context, render_template, request
from flask_babel import lazy_gettext as _l
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from anef.attestations import signing
from anef.attestations.models import (CURRENT, DECISION_FAVORABLE, DEPOT, PROLONGATION, REFUS, REVOKED, SUPERSEDED,
                                      Attestation, Verification)
from anef.calendar.services import add_months, local_date
from anef.dossiers import lifecycle
from anef.dossiers import services as dossier_services
from anef.extensions import db
from anef.models import utcnow
from anef.plugins import hook, procedures

CROCKFORD = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
CODE_LENGTH = 12
VALIDITY_MONTHS = 3  # attestation de prolongation d'instruction, ADF: at most 3 months (DOMAIN §13)

# i18n: the name of a kind of attestation, as its title.
KIND_LABELS = {
    DEPOT: _l("Attestation de dépôt"),
    PROLONGATION: _l("Attestation de prolongation d'instruction"),
    DECISION_FAVORABLE: _l("Attestation de décision favorable"),
    REFUS: _l("Décision de refus"),
}
# i18n: the state of an attestation in the applicant's list.
STATUS_LABELS = {
    CURRENT: _l("En vigueur"),
    SUPERSEDED: _l("Remplacée"),
    REVOKED: _l("Retirée"),
}

# What a verification concludes.
GENUINE = "current"
EXPIRED = "expired"
NOT_GENUINE = "not_genuine"
UNKNOWN = "unknown"  # signed by us, but not in our records (e.g. restored from an older backup)
NOT_FOUND = "not_found"  # a typed short code that no attestation has
OUTCOMES = (GENUINE, SUPERSEDED, REVOKED, EXPIRED, NOT_GENUINE, UNKNOWN, NOT_FOUND)


# ---------------------------------------------------------------- codes, dates and holders

def new_code() -> str:
    """A random short code: 12 Crockford base32 characters (60 bits), easy to read aloud and type."""
    return "".join(secrets.choice(CROCKFORD) for _ in range(CODE_LENGTH))


def normalise_code(text: str | None) -> str | None:
    """A typed short code in its stored form, forgiving case, separators and look-alikes (O→0, I/L→1)."""
    if not text:
        return None
    code = "".join(c for c in text.upper() if c not in " -–.\u00a0\t")
    code = code.translate(str.maketrans("OIL", "011"))
    if len(code) != CODE_LENGTH or any(c not in CROCKFORD for c in code):
        return None
    return code


def _today() -> dt.date:
    from anef.calendar.services import today

    return today()


def holder_of(dossier) -> tuple[str, dt.date | None]:
    """The holder's name and birth date as the dossier's identity answers give them (the account's name otherwise).

    Procedures keep the identity in the ``identite`` step (``prenoms``, ``nom``, ``date_naissance``).
    """
    identity = (dossier.answers or {}).get("identite") or {}
    given = str(identity.get("prenoms") or "").strip() or dossier.applicant.given_names
    family = str(identity.get("nom") or "").strip() or dossier.applicant.family_name
    try:
        born = dt.date.fromisoformat(str(identity.get("date_naissance") or ""))
    except ValueError:
        born = None
    return f"{given} {family.upper()}".strip()[:400], born


# ---------------------------------------------------------------- issuing with the lifecycle

def current_of(dossier, kind: str) -> Attestation | None:
    """The dossier's current attestation of this kind, if any."""
    return db.session.scalar(select(Attestation).where(Attestation.dossier_id == dossier.id, Attestation.kind == kind,
                                                       Attestation.status == CURRENT))


def _payload(attestation: Attestation) -> dict:
    return {"c": attestation.code, "t": attestation.kind, "n": attestation.holder_name,
            "b": attestation.holder_birth_date.isoformat() if attestation.holder_birth_date else None,
            "f": attestation.valid_from.isoformat(),
            "u": attestation.valid_until.isoformat() if attestation.valid_until else None,
            "w": attestation.authorises_work}


def issue(dossier, kind: str, *, valid_from: dt.date, valid_until: dt.date | None = None,
          authorises_work: bool = False, replacing: Attestation | None = None) -> Attestation:
    """Issue and sign an attestation for ``dossier`` in the caller's transaction; ``replacing`` becomes superseded."""
    now = utcnow()
    if replacing is not None:
        replacing.status = SUPERSEDED
        replacing.superseded_at = now
        # The old one stops being current before the new one exists (one current attestation per kind).
        db.session.flush()
    name, born = holder_of(dossier)
    attestation = Attestation(code=new_code(), dossier=dossier, kind=kind, status=CURRENT, issued_at=now,
                              valid_from=valid_from, valid_until=valid_until, holder_name=name,
                              holder_birth_date=born, authorises_work=authorises_work)
    attestation.token = signing.sign(_payload(attestation))
    db.session.add(attestation)
    db.session.flush()
    if replacing is not None:
        replacing.superseded_by_id = attestation.id
    return attestation


def _supersede(attestation: Attestation | None, by: Attestation | None = None) -> None:
    if attestation is not None:
        attestation.status = SUPERSEDED
        attestation.superseded_at = utcnow()
        attestation.superseded_by_id = by.id if by is not None else None


def revoke(attestation: Attestation, reason: str) -> None:
    """Withdraw an attestation: it no longer has any effect (a verification says so)."""
    attestation.status = REVOKED
    attestation.revoked_at = utcnow()
    attestation.revoked_reason = reason[:32]


def issue_for_transition(dossier, action: str) -> None:
    """Issue, supersede or revoke the dossier's attestations after ``action``, in the caller's transaction."""
    today = _today()
    if action == "submit":
        issue(dossier, DEPOT, valid_from=today)
        extension = hook().instruction_extension(procedure=dossier.procedure, answers=dossier.answers or {},
                                                 filed_on=today)
        if extension is not None and extension.due:
            issue(dossier, PROLONGATION, valid_from=today,
                  valid_until=add_months(today, VALIDITY_MONTHS) - dt.timedelta(days=1),
                  authorises_work=extension.authorises_work)
    elif action in ("accept", "refuse"):
        prolongation = current_of(dossier, PROLONGATION)
        if prolongation is not None:
            # Not current any more before the decision's attestation is issued.
            prolongation.status = SUPERSEDED
            db.session.flush()
        if action == "accept":
            info = procedures().get(dossier.procedure)
            decision = issue(dossier, DECISION_FAVORABLE, valid_from=today,
                             valid_until=add_months(today, VALIDITY_MONTHS) - dt.timedelta(days=1),
                             authorises_work=bool(info and info.title_authorises_work))
        else:
            decision = issue(dossier, REFUS, valid_from=today)
        _supersede(prolongation, by=decision)
    elif action in ("withdraw", "close"):
        prolongation = current_of(dossier, PROLONGATION)
        if prolongation is not None:
            revoke(prolongation, action)
    elif action == "hand_over":
        # The card itself now proves the holder's rights.
        _supersede(current_of(dossier, DECISION_FAVORABLE))


def deposit_attestation(dossier) -> Attestation:
    """The dossier's attestation de dépôt; one is issued now for a dossier filed before attestations were signed."""
    attestation = db.session.scalar(select(Attestation).where(Attestation.dossier_id == dossier.id,
                                                              Attestation.kind == DEPOT)
                                    .order_by(Attestation.id.desc()).limit(1))
    if attestation is None:
        filed_on = local_date(dossier.filed_at) if dossier.filed_at else _today()
        attestation = issue(dossier, DEPOT, valid_from=filed_on)
        try:
            db.session.commit()
        except IntegrityError:
            # Another request issued it at the same moment: use theirs.
            db.session.rollback()
            return deposit_attestation(dossier)
    return attestation


# ---------------------------------------------------------------- renewal

def renew_prolongations(today: dt.date | None = None) -> int:
    """Renew every current prolongation ending within ``ATTESTATION_RENEWAL_DAYS`` while its dossier is examined.

    The new attestation runs from today until 3 months after the old one's end; the old one is
    superseded and the holder told (event ``attestation_renewed``). Each renewal is committed on its
    own; running the job again the same day renews nothing more. Returns how many were renewed.
    """
    from anef.dossiers.models import Dossier
    from anef.notifications.services import notify
    from anef.urls import absolute_url

    today = today or _today()
    horizon = today + dt.timedelta(days=int(current_app.config["ATTESTATION_RENEWAL_DAYS"]))
    due = db.session.scalars(
        select(Attestation.id).join(Dossier, Dossier.id == Attestation.dossier_id)
        .where(Attestation.kind == PROLONGATION, Attestation.status == CURRENT, Attestation.valid_until <= horizon,
               Dossier.state.in_(lifecycle.OPEN_STATES))
        .order_by(Attestation.id)
    ).all()
    renewed = 0
    for attestation_id in due:
        old = db.session.get(Attestation, attestation_id)
        dossier = old.dossier
        if old.status != CURRENT or dossier.state not in lifecycle.OPEN_STATES:
            continue
        until = add_months(old.valid_until, VALIDITY_MONTHS)
        while until <= horizon:  # the job did not run for months: catch up in one attestation
            until = add_months(until, VALIDITY_MONTHS)
        try:
            new = issue(dossier, PROLONGATION, valid_from=today, valid_until=until,
                        authorises_work=old.authorises_work, replacing=old)
            notify(dossier.applicant, "attestation_renewed", key=f"attestation:{new.id}", dossier=dossier,
                   commit=False, attestation=new, kind_label=KIND_LABELS[PROLONGATION],
                   link=absolute_url("attestations.show", reference=dossier.reference, code=new.code))
            db.session.commit()
        except IntegrityError:
            # Another run renewed it first (one current prolongation per dossier): nothing more to do.
            db.session.rollback()
            continue
        renewed += 1
    return renewed


def resign_current(batch: int = 500) -> int:
    """Sign every current attestation again with the current key (after a key is withdrawn); return how many.

    Same code and data: the holder's page and PDF show the new token; the old one verifies only while its
    key is still published.
    """
    kid = signing.keyring().kid
    count, last_id = 0, 0
    while True:
        rows = db.session.scalars(select(Attestation).where(Attestation.status == CURRENT, Attestation.id > last_id)
                                  .order_by(Attestation.id).limit(batch)).all()
        if not rows:
            return count
        for attestation in rows:
            if signing.payload_of(attestation.token).get("k") != kid:
                attestation.token = signing.sign(_payload(attestation))
                count += 1
        last_id = rows[-1].id
        db.session.commit()


# ---------------------------------------------------------------- pages and PDFs

def applicant_attestation(dossier, code: str) -> Attestation:
    """The attestation with this code among the dossier's; 404 otherwise."""
    normal = normalise_code(code)
    attestation = normal and db.session.scalar(select(Attestation).where(Attestation.code == normal,
                                                                         Attestation.dossier_id == dossier.id))
    if not attestation:
        abort(404)
    return attestation


def verification_url(attestation: Attestation) -> str:
    """The public address that checks this attestation, printed as a QR code."""
    from anef.urls import absolute_url

    return absolute_url("verify.result", token=attestation.token)


def qr_svg(url: str, *, inline: bool = False) -> str:
    """The QR code of ``url``: an SVG data URI for an <img> (a strict CSP allows ``data:`` images), or inline SVG."""
    import segno

    code = segno.make(url, error="m")
    if inline:
        return code.svg_inline(scale=1, border=4, omitsize=True)
    return code.svg_data_uri(scale=4, border=4)


def appeal_deadlines(dossier) -> list[tuple]:
    """The refusal's appeal routes, each with the date its deadline ends if notified on the decision's day."""
    info = procedures().get(dossier.procedure)
    decided = local_date(dossier.decided_at) if dossier.decided_at else _today()
    return [(route, add_months(decided, route.months)) for route in (info.appeal_routes if info else ())]


def attestation_context(attestation: Attestation) -> dict:
    """Everything an attestation's page and PDF show."""
    dossier = attestation.dossier
    context = {"attestation": attestation, "dossier": dossier, "info": procedures()[dossier.procedure],
               "kind_label": KIND_LABELS[attestation.kind], "status_labels": STATUS_LABELS,
               "verify_url": verification_url(attestation), "today": _today()}
    if attestation.kind == DEPOT:
        context.update(deposit_context(dossier))
    if attestation.kind == REFUS:
        context["appeals"] = appeal_deadlines(dossier)
    if attestation.kind == DECISION_FAVORABLE:
        # A procedure that grants no residence title words its decision itself (hook decision_attestation).
        context["decision_text"] = hook().decision_attestation(procedure=dossier.procedure, dossier=dossier)
    return context


def deposit_context(dossier) -> dict:
    """What the attestation de dépôt shows: who filed what, when, where, with which documents."""
    requirements = {r.kind: r for r in dossier_services.required_documents(dossier)}
    documents = [(requirements[k].label if k in requirements else k, d)
                 for k, d in dossier_services.current_documents(dossier).items()]
    return {"dossier": dossier, "info": procedures()[dossier.procedure], "documents": documents,
            "summary": dossier_services.answer_summary(dossier)}


def attestation_pdf(attestation: Attestation) -> bytes:
    """Render an attestation as a PDF with WeasyPrint: nothing is fetched but our own static files."""
    from weasyprint import HTML

    context = attestation_context(attestation)
    html = render_template("attestations/pdf.html", qr=qr_svg(context["verify_url"], inline=True), **context)
    fetcher = _static_only_fetcher(request.host_url.rstrip("/") + "/static/", current_app.static_folder)
    return HTML(string=html, base_url=request.host_url, url_fetcher=fetcher).write_pdf()


def pdf_filename(attestation: Attestation) -> str:
    reference = attestation.dossier.reference
    if attestation.kind == DEPOT:
        return f"attestation-depot-{reference}.pdf"
    return f"attestation-{attestation.kind.replace('_', '-')}-{reference}-{attestation.code}.pdf"


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


# ---------------------------------------------------------------- public verification

@dataclass(frozen=True)
class Result:
    """What a verification concludes, and what it may show: the signed data, never more of the dossier."""

    outcome: str
    attestation: Attestation | None = None
    payload: dict | None = None

    @property
    def genuine(self) -> bool:
        return self.outcome != NOT_GENUINE

    @property
    def holder_name(self) -> str:
        return self.payload["n"] if self.payload else ""

    def date(self, key: str) -> dt.date | None:
        value = self.payload.get(key) if self.payload else None
        try:
            return dt.date.fromisoformat(value) if isinstance(value, str) else None
        except ValueError:
            return None

    @property
    def kind(self) -> str | None:
        return self.payload.get("t") if self.payload else None


def check(token: str, *, today: dt.date | None = None) -> Result:
    """Verify a token offline-style (signature against our published keys), then look up its status."""
    try:
        payload = signing.verify(token)
    except signing.InvalidToken:
        return Result(NOT_GENUINE)
    if payload.get("t") not in KIND_LABELS or not isinstance(payload.get("c"), str):
        return Result(NOT_GENUINE)
    attestation = db.session.scalar(select(Attestation).where(Attestation.code == payload["c"]))
    if attestation is None:
        return Result(UNKNOWN, payload=payload)
    if attestation.status != CURRENT:
        return Result(attestation.status, attestation, payload)
    if attestation.valid_until is not None and attestation.valid_until < (today or _today()):
        return Result(EXPIRED, attestation, payload)
    return Result(GENUINE, attestation, payload)


def token_for_code(code: str | None) -> str | None:
    """The token of the attestation with this short code, if there is one."""
    normal = normalise_code(code)
    if normal is None:
        return None
    return db.session.scalar(select(Attestation.token).where(Attestation.code == normal))


def log_verification(outcome: str, *, via: str, attestation: Attestation | None = None) -> None:
    """Record a verification with a keyed hash of the visitor's address (the address itself is never kept)."""
    address = request.remote_addr if has_request_context() else ""
    key = current_app.config["SECRET_KEY"]
    digest = hmac.new(key.encode() if isinstance(key, str) else key, (address or "").encode(), hashlib.sha256)
    db.session.add(Verification(at=utcnow(), attestation_id=attestation.id if attestation else None,
                                outcome=outcome, via=via, ip_hash=digest.hexdigest()))
    db.session.commit()
