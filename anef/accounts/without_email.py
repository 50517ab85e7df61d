"""Accounts without e-mail: sign-up with a mobile number proved by an SMS code, and accounts opened at a
préfecture kiosk with a printed identifier and one-time access code, exchanged for a password at first log-in.

Such accounts have no e-mail address: they log in with their mobile number or their identifier, and hear of
their dossiers by SMS and postal letter (:func:`anef.notifications.services.channels_for`).
"""
from __future__ import annotations

import datetime as dt
import secrets
from dataclasses import dataclass

from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError
from sqlalchemy import select

from anef.accounts import codes
from anef.accounts.models import APPLICANT, User
from anef.accounts.services import _DUMMY_HASH, _hasher, hash_password
from anef.extensions import db
from anef.models import utcnow

SIGNUP_PURPOSE = "signup_phone"
# Letters and digits nobody confuses when reading a printed slip aloud (no 0/O, 1/I/L, 5/S, 8/B).
SLIP_ALPHABET = "ACDEFGHJKMNPQRTUVWXY234679"
ACCESS_CODE_VALIDITY = dt.timedelta(days=30)


def normalise_phone(value: str) -> str | None:
    """A typed mobile number in E.164 (+33612345678), or None when it is not a valid mobile number."""
    from anef.notifications.phones import to_e164

    return to_e164(value)


def normalise_access_id(value: str) -> str:
    """A typed identifier as printed: upper case, in two groups of four (``K7MA-Q2XP``)."""
    compact = "".join(ch for ch in (value or "").upper() if ch.isalnum())
    return f"{compact[:4]}-{compact[4:]}" if len(compact) == 8 else compact


# ---------------------------------------------------------------- sign-up with a mobile number

@dataclass(frozen=True)
class PhoneSignup:
    """A sign-up waiting for its SMS code: the code row the person must answer."""

    code_id: int
    phone: str


def start_phone_signup(*, phone: str, password: str, given_names: str, family_name: str,
                       locale: str | None) -> PhoneSignup:
    """Send a code by SMS to ``phone`` (a valid mobile, as typed) to open an account; nothing is created before
    the code comes back.

    If the number already opens an account, its owner is told by SMS instead and no code can succeed, so
    the person signing up sees the same answer either way. Raises :class:`codes.TooManyCodes`.
    """
    phone = normalise_phone(phone) or phone
    existing = db.session.scalar(select(User).where(User.login_phone == phone))
    payload = {"given_names": given_names.strip(), "family_name": family_name.strip(), "locale": locale,
               "password_hash": hash_password(password), "exists": existing is not None}
    row, code = codes.issue(SIGNUP_PURPOSE, phone, payload=payload, decoy=existing is not None)
    if existing is not None:
        codes.send_sms(recipient=phone, template="account_exists_phone", locale=existing.locale,
                       user_id=existing.id, commit=False, login_url=_absolute("accounts.login"))
    else:
        codes.send_sms(recipient=phone, template="signup_code", locale=locale, commit=False, code=code)
    db.session.commit()
    return PhoneSignup(row.id, phone)


def resend_phone_signup(code_id: int | None) -> PhoneSignup | None:
    """Send a new code for the same sign-up (the old one stops working); None when there is no such sign-up.
    Raises :class:`codes.TooManyCodes`."""
    row = db.session.get(codes.OneTimeCode, code_id) if code_id else None
    if row is None or row.purpose != SIGNUP_PURPOSE or row.used_at is not None:
        return None
    payload = dict(row.payload)
    new, code = codes.issue(SIGNUP_PURPOSE, row.target, payload=payload, decoy=bool(payload.get("exists")))
    if not payload.get("exists"):
        codes.send_sms(recipient=row.target, template="signup_code", locale=payload.get("locale"), commit=False,
                       code=code)
    db.session.commit()
    return PhoneSignup(new.id, row.target)


def finish_phone_signup(code_id: int | None, code: str) -> tuple[codes.Check, User | None]:
    """Check the code typed; when right, open the account (mobile proved, notices by SMS) and return it."""
    result = codes.check(code_id, SIGNUP_PURPOSE, code)
    if not result.ok:
        return result, None
    row = result.row
    if not codes.consume(row):
        return codes.Check(codes.USED, row), None
    payload = row.payload
    if db.session.scalar(select(User.id).where(User.login_phone == row.target)) is not None:
        # Two sign-ups for one number raced: the first one won.
        db.session.rollback()
        return codes.Check(codes.USED, row), None
    user = User(email=None, login_phone=row.target, mobile_phone=row.target, password_hash=payload["password_hash"],
                role=APPLICANT, given_names=payload.get("given_names", ""), family_name=payload.get("family_name", ""),
                locale=payload.get("locale"), notify_email=False, notify_sms=True, notify_post=False)
    db.session.add(user)
    db.session.commit()
    return result, user


RESET_PURPOSE = "reset_phone"


def start_phone_reset(phone: str) -> int:
    """Send a code by SMS to reset the password of the account that logs in with ``phone``; the answer (a code
    row to answer) is the same when no account has that number, and then no SMS goes out. Raises
    :class:`codes.TooManyCodes`."""
    phone = normalise_phone(phone) or phone
    user = db.session.scalar(select(User).where(User.login_phone == phone))
    usable = user is not None and user.active
    row, code = codes.issue(RESET_PURPOSE, phone, payload={"user": user.id if usable else None}, decoy=not usable)
    if usable:
        codes.send_sms(recipient=phone, template="reset_code", locale=user.locale, user_id=user.id, commit=False,
                       code=code)
    db.session.commit()
    return row.id


def finish_phone_reset(code_id: int | None, code: str, password: str) -> tuple[codes.Check, User | None]:
    """Check the code typed; when right, set the new password and end every session of the account."""
    result = codes.check(code_id, RESET_PURPOSE, code)
    if not result.ok:
        return result, None
    user = db.session.get(User, result.row.payload.get("user"))
    if user is None or not codes.consume(result.row):
        db.session.rollback()
        return codes.Check(codes.USED, result.row), None
    user.password_hash = hash_password(password)
    user.session_version += 1
    db.session.commit()
    return result, user


# ---------------------------------------------------------------- accounts opened at a kiosk

def _slip_chunk(length: int) -> str:
    return "".join(secrets.choice(SLIP_ALPHABET) for _ in range(length))


def new_access_id() -> str:
    """An identifier for a printed slip that no account has yet."""
    while True:
        candidate = f"{_slip_chunk(4)}-{_slip_chunk(4)}"
        if db.session.scalar(select(User.id).where(User.access_id == candidate)) is None:
            return candidate


def open_access_account(*, given_names: str, family_name: str, address_lines: str, postcode: str, town: str,
                        mobile_phone: str | None, locale: str | None) -> tuple[User, str]:
    """Open an account with a printed identifier and a one-time access code (returned once, never stored in
    clear); the person chooses a password at first log-in. Notices go by post (and SMS with a mobile)."""
    code = f"{_slip_chunk(4)}-{_slip_chunk(4)}"
    user = User(email=None, access_id=new_access_id(), role=APPLICANT,
                password_hash=hash_password(secrets.token_urlsafe(32)),
                access_code_hash=hash_password(code.replace("-", "")),
                access_code_expires_at=utcnow() + ACCESS_CODE_VALIDITY,
                given_names=given_names.strip(), family_name=family_name.strip(), locale=locale,
                address_lines=address_lines.strip(), postcode=postcode.strip(), town=town.strip(),
                mobile_phone=normalise_phone(mobile_phone or ""), notify_email=False, notify_sms=bool(mobile_phone),
                notify_post=True)
    db.session.add(user)
    db.session.commit()
    return user, code


def access_code_user(identifier: str, code: str) -> User | None:
    """The account whose printed identifier and still unused, unexpired access code these are, else None."""
    user = db.session.scalar(select(User).where(User.access_id == normalise_access_id(identifier)))
    typed = "".join(ch for ch in (code or "").upper() if ch.isalnum())
    try:
        if user is None or user.access_code_hash is None:
            _hasher.verify(_DUMMY_HASH, typed)  # the same time whether the identifier exists or not
            return None
        _hasher.verify(user.access_code_hash, typed)
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        return None
    if not user.active or user.access_code_expires_at is None or user.access_code_expires_at <= utcnow():
        return None
    return user


def set_first_password(user: User, password: str) -> None:
    """Replace the one-time access code by the password the person chose: the code never works again."""
    user.password_hash = hash_password(password)
    user.access_code_hash = None
    user.access_code_expires_at = None
    user.session_version += 1
    db.session.commit()


def _absolute(endpoint: str, **values) -> str:
    from anef.urls import absolute_url

    return absolute_url(endpoint, **values)
