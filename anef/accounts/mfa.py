"""The agents' second factor: TOTP (RFC 6238) codes that cannot be replayed."""
from __future__ import annotations

import time

import pyotp
import segno
from flask import current_app

from anef.accounts.models import User
from anef.extensions import db
from anef.models import utcnow

ISSUER = "ANEF"


def new_secret() -> str:
    """A fresh random base32 secret."""
    return pyotp.random_base32()


def provisioning_uri(user: User, secret: str) -> str:
    """The otpauth:// link an authenticator app scans."""
    return pyotp.TOTP(secret).provisioning_uri(name=user.email, issuer_name=ISSUER)


def qr_svg_data_uri(uri: str) -> str:
    """The link as a QR code, an SVG data URI (allowed by the CSP's img-src)."""
    return segno.make(uri, error="m").svg_data_uri(scale=4, border=2)


def _matching_step(secret: str, code: str, now: float) -> int | None:
    window = current_app.config["TOTP_VALID_WINDOW"]
    totp = pyotp.TOTP(secret)
    current = totp.timecode(int(now))
    code = "".join(ch for ch in code if ch.isdigit())
    for step in range(current - window, current + window + 1):
        if len(code) == 6 and pyotp.utils.strings_equal(totp.generate_otp(step), code):
            return step
    return None


def verify(user: User, code: str, *, secret: str | None = None, now: float | None = None) -> bool:
    """Check a code against the user's secret (or ``secret`` while enrolling); a used step never works twice."""
    secret = secret or user.totp_secret
    if not secret:
        return False
    step = _matching_step(secret, code or "", now if now is not None else time.time())
    if step is None or step <= user.totp_last_step:
        return False
    user.totp_last_step = step
    db.session.commit()
    return True


def confirm(user: User, secret: str) -> None:
    """Keep a secret the agent has proved to hold."""
    user.totp_secret = secret
    user.totp_confirmed_at = utcnow()
    db.session.commit()


def next_code(user: User, now: float | None = None) -> str | None:
    """The next code that would be accepted (development helper and tests)."""
    if not user.totp_secret:
        return None
    totp = pyotp.TOTP(user.totp_secret)
    current = totp.timecode(int(now if now is not None else time.time()))
    window = current_app.config["TOTP_VALID_WINDOW"]
    # The current step when unused, else the next one: never an old step that may leave the window before use.
    step = max(current, user.totp_last_step + 1)
    return totp.generate_otp(step) if step <= current + window else None
