"""Account rules: passwords, sign-up, e-mail verification, password reset."""
from __future__ import annotations

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError
from flask import current_app
from itsdangerous import BadSignature, SignatureExpired, URLSafeTimedSerializer
from sqlalchemy import func, select

from anef.accounts.models import APPLICANT, User
from anef.extensions import db
from anef.models import utcnow
from anef.notifications.services import send_email

# ASVS minimum for argon2id (t=2, m=19 MiB, p=1): about 27 ms a verification here.
_hasher = PasswordHasher(time_cost=2, memory_cost=19 * 1024, parallelism=1)
# Verified against when the e-mail is unknown, so that both answers take the same time.
_DUMMY_HASH = _hasher.hash("not a real password, only for timing")

VERIFY_MAX_AGE = 60 * 60 * 48
RESET_MAX_AGE = 60 * 60


def hash_password(password: str) -> str:
    """Hash a password with argon2id."""
    return _hasher.hash(password)


def normalise_email(email: str) -> str:
    """Trim and lower-case an e-mail address so one person has one account."""
    return email.strip().lower()


def find_user(email: str) -> User | None:
    """The account with this e-mail address, or None."""
    return db.session.scalar(select(User).where(func.lower(User.email) == normalise_email(email)))


def find_login(identifier: str) -> User | None:
    """The account named by what a person types to log in: an e-mail address, the mobile number of an account
    opened by SMS, or the identifier printed by a kiosk."""
    from anef.accounts.without_email import normalise_access_id, normalise_phone

    identifier = (identifier or "").strip()
    if "@" in identifier:
        return find_user(identifier)
    phone = normalise_phone(identifier) if any(ch.isdigit() for ch in identifier) else None
    if phone and sum(ch.isdigit() for ch in identifier) >= 9:
        return db.session.scalar(select(User).where(User.login_phone == phone))
    return db.session.scalar(select(User).where(User.access_id == normalise_access_id(identifier)))


def authenticate(email: str, password: str) -> User | None:
    """Return the active user with these credentials, rehashing an outdated hash; ``email`` may also be a
    mobile number or a kiosk identifier (:func:`find_login`)."""
    user = find_login(email)
    try:
        if user is None:
            _hasher.verify(_DUMMY_HASH, password)
            return None
        _hasher.verify(user.password_hash, password)
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        return None
    if not user.active:
        return None
    if _hasher.check_needs_rehash(user.password_hash):
        user.password_hash = hash_password(password)
    user.last_login_at = utcnow()
    db.session.commit()
    return user


def _serializer(salt: str) -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(current_app.config["SECRET_KEY"], salt=salt)


def make_token(user: User, purpose: str) -> str:
    """A signed token for ``purpose`` that stops working once the password changes."""
    # The hash tail ties the token to the current password: a used reset link dies.
    return _serializer(purpose).dumps({"id": user.id, "h": user.password_hash[-12:]})


def read_token(token: str, purpose: str, max_age: int) -> User | None:
    """The user a token was made for, or None if it is forged, expired or used."""
    try:
        data = _serializer(purpose).loads(token, max_age=max_age)
    except (BadSignature, SignatureExpired):
        return None
    user = db.session.get(User, data.get("id"))
    if user is None or user.password_hash[-12:] != data.get("h"):
        return None
    return user


def _absolute(endpoint: str, **values) -> str:
    from anef.urls import absolute_url

    return absolute_url(endpoint, **values)


def sign_up(*, email: str, password: str, given_names: str, family_name: str,
            locale: str | None) -> None:
    """Create an applicant account and send the verification e-mail.

    If the address already has an account, its owner is told by e-mail instead, so the
    person signing up sees the same answer either way.
    """
    existing = find_user(email)
    if existing is not None:
        send_email(recipient=existing.email, template="account_exists", locale=existing.locale,
                   user_id=existing.id, login_url=_absolute("accounts.login"),
                   reset_url=_absolute("accounts.forgot_password"))
        return
    user = User(email=normalise_email(email), password_hash=hash_password(password), role=APPLICANT,
                given_names=given_names.strip(), family_name=family_name.strip(), locale=locale)
    db.session.add(user)
    db.session.commit()
    send_verification(user)


def send_verification(user: User) -> None:
    """E-mail the link that confirms the address of an account."""
    token = make_token(user, "verify-email")
    send_email(recipient=user.email, template="verify_email", locale=user.locale, user_id=user.id,
               user=user, link=_absolute("accounts.verify_email", token=token))


def verify_email(token: str) -> User | None:
    """Mark the address of the token's account as verified; None when the link is invalid."""
    user = read_token(token, "verify-email", VERIFY_MAX_AGE)
    if user is None:
        return None
    if user.email_verified_at is None:
        user.email_verified_at = utcnow()
        db.session.commit()
    return user


def request_password_reset(email: str) -> None:
    """E-mail a reset link if the address has an account; do nothing visible otherwise."""
    user = find_user(email)
    if user is None or not user.active:
        return
    token = make_token(user, "reset-password")
    send_email(recipient=user.email, template="reset_password", locale=user.locale,
               user_id=user.id, user=user, link=_absolute("accounts.reset_password", token=token))


def set_password(user: User, password: str) -> None:
    """Change a password and end every session of the account."""
    user.password_hash = hash_password(password)
    user.session_version += 1
    # Whoever could read the reset e-mail owns the address.
    if user.email_verified_at is None:
        user.email_verified_at = utcnow()
    db.session.commit()


def end_sessions(user: User) -> None:
    """Invalidate every session cookie issued to the user so far."""
    user.session_version += 1
    db.session.commit()


def create_agent(*, email: str, password: str, role: str, service_id: int | None,
                 given_names: str = "", family_name: str = "") -> User:
    """Create an agent (or national administrator) account, already verified."""
    user = User(email=normalise_email(email), password_hash=hash_password(password), role=role,
                service_id=service_id, given_names=given_names, family_name=family_name,
                email_verified_at=utcnow())
    db.session.add(user)
    db.session.commit()
    return user


COMMON_PASSWORDS = frozenset({
    "motdepasse", "password", "123456789012", "azertyuiop", "qwertyuiop", "anef", "prefecture",
    "préfecture", "titredesejour", "etudiant", "france", "bonjour", "soleil",
})


def password_problem(password: str, email: str = "") -> str | None:
    """Why a new password is too weak, as a code, or None when it is acceptable."""
    if len(password) < 12:
        return "too_short"
    if len(password) > 128:
        return "too_long"
    lowered = password.lower()
    local = normalise_email(email).partition("@")[0]
    stripped = "".join(ch for ch in lowered if ch.isalpha())
    if lowered in COMMON_PASSWORDS or stripped in COMMON_PASSWORDS or len(set(password)) < 4:
        return "common"
    # A context word ("prefecture", "anef"…) with little around it is as guessable as the word alone.
    residue = stripped
    for word in COMMON_PASSWORDS:
        residue = residue.replace(word, "")
    if residue != stripped and len(residue) < 8:
        return "common"
    if local and len(local) >= 4 and local in lowered:
        return "contains_email"
    return None
