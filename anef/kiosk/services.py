"""Kiosk rules: creating and enrolling a device, knowing it by its token, revoking it, and ending a visit so
that the next person finds nothing of the last.

The device token lives in a cookie (Secure, HttpOnly, SameSite=Strict, 400 days). Ending a visit sends
``Clear-Site-Data: "cache", "cookies", "storage"``, which also deletes that cookie, and Chromium applies it
after the response's own Set-Cookie headers (checked: a cookie set in the same response does not survive).
So the end of a visit answers with a redirect carrying Clear-Site-Data to a one-time re-arm link (valid
two minutes), and that link sets a fresh device token: the device stays enrolled, with a new token each visit.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import secrets

from sqlalchemy import select, update

from anef.extensions import db
from anef.kiosk.models import KioskDevice
from anef.models import utcnow

ENROL_VALIDITY = dt.timedelta(hours=24)
REARM_VALIDITY = dt.timedelta(minutes=2)
# Letters and digits that read aloud and type without confusion.
CODE_ALPHABET = "ACDEFGHJKMNPQRTUVWXY234679"


def _digest(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def normalise_code(code: str) -> str:
    """An enrolment code as typed, compared without spaces, dashes or case."""
    return "".join(ch for ch in (code or "").upper() if ch.isalnum())


def _new_code() -> str:
    raw = "".join(secrets.choice(CODE_ALPHABET) for _ in range(12))
    return f"{raw[:4]}-{raw[4:8]}-{raw[8:]}"


def create_device(*, service_id: int, name: str, created_by_id: int) -> tuple[KioskDevice, str]:
    """A new device of the service and its one-time enrolment code (shown once, valid 24 hours)."""
    code = _new_code()
    device = KioskDevice(service_id=service_id, name=name.strip(), created_by_id=created_by_id,
                         enrol_code_hash=_digest(normalise_code(code)), enrol_expires_at=utcnow() + ENROL_VALIDITY)
    db.session.add(device)
    db.session.commit()
    return device, code


def new_enrolment_code(device: KioskDevice) -> str:
    """A fresh enrolment code for an existing device (a new browser, or one that lost its cookie); the
    previous code stops working, and the current token works until the new enrolment replaces it."""
    code = _new_code()
    device.enrol_code_hash = _digest(normalise_code(code))
    device.enrol_expires_at = utcnow() + ENROL_VALIDITY
    db.session.commit()
    return code


def enrol(code: str) -> tuple[KioskDevice, str] | None:
    """Exchange a valid enrolment code for a device token (the code dies); None when the code is unknown,
    used, expired or its device revoked."""
    digest = _digest(normalise_code(code))
    device = db.session.scalar(select(KioskDevice).where(KioskDevice.enrol_code_hash == digest))
    if device is None or device.revoked_at is not None or device.enrol_expires_at is None \
            or device.enrol_expires_at <= utcnow():
        return None
    token = secrets.token_urlsafe(32)
    # One conditional update: two browsers racing with the same code cannot both be enrolled.
    now = utcnow()
    result = db.session.execute(
        update(KioskDevice).where(KioskDevice.id == device.id, KioskDevice.enrol_code_hash == digest)
        .values(enrol_code_hash=None, enrol_expires_at=None, token_hash=_digest(token), enrolled_at=now,
                last_seen_at=now, rearm_hash=None, rearm_expires_at=None)
        .execution_options(synchronize_session=False))
    db.session.commit()
    if result.rowcount != 1:
        return None
    db.session.refresh(device)
    return device, token


def device_for_token(token: str | None) -> KioskDevice | None:
    """The enrolled, unrevoked device whose browser holds ``token``, else None."""
    if not token or len(token) > 200:
        return None
    device = db.session.scalar(select(KioskDevice).where(KioskDevice.token_hash == _digest(token)))
    if device is None or device.revoked_at is not None:
        return None
    now = utcnow()
    if device.last_seen_at is None or now - device.last_seen_at > dt.timedelta(minutes=10):
        device.last_seen_at = now
        db.session.commit()
    return device


def revoke(device: KioskDevice, admin_id: int) -> None:
    """Stop the device being a kiosk: its token, enrolment code and re-arm link stop working at once."""
    device.revoked_at = utcnow()
    device.revoked_by_id = admin_id
    device.token_hash = None
    device.enrol_code_hash = None
    device.enrol_expires_at = None
    device.rearm_hash = None
    device.rearm_expires_at = None
    db.session.commit()


def start_rearm(device: KioskDevice) -> str:
    """A one-time link secret that gives the device a new token once its browser's data is cleared."""
    secret = secrets.token_urlsafe(24)
    device.rearm_hash = _digest(secret)
    device.rearm_expires_at = utcnow() + REARM_VALIDITY
    db.session.commit()
    return secret


def rearm(secret: str | None) -> tuple[KioskDevice, str] | None:
    """Exchange a re-arm secret for a new device token (the previous token and the secret die); None when it
    is unknown, used, expired or the device revoked."""
    if not secret or len(secret) > 100:
        return None
    digest = _digest(secret)
    device = db.session.scalar(select(KioskDevice).where(KioskDevice.rearm_hash == digest))
    if device is None or device.revoked_at is not None or device.rearm_expires_at is None \
            or device.rearm_expires_at <= utcnow():
        return None
    token = secrets.token_urlsafe(32)
    result = db.session.execute(
        update(KioskDevice).where(KioskDevice.id == device.id, KioskDevice.rearm_hash == digest)
        .values(rearm_hash=None, rearm_expires_at=None, token_hash=_digest(token), last_seen_at=utcnow())
        .execution_options(synchronize_session=False))
    db.session.commit()
    if result.rowcount != 1:
        return None
    db.session.refresh(device)
    return device, token


def service_devices(service_id: int) -> list[KioskDevice]:
    """The devices of a service, active ones first, then by name."""
    return db.session.scalars(select(KioskDevice).where(KioskDevice.service_id == service_id)
                              .order_by(KioskDevice.revoked_at.is_not(None), KioskDevice.name,
                                        KioskDevice.id)).all()


def service_device(service_id: int, device_id: int) -> KioskDevice | None:
    """The device ``device_id`` if it belongs to the service, else None."""
    device = db.session.get(KioskDevice, device_id)
    return device if device is not None and device.service_id == service_id else None
