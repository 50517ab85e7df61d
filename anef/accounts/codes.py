"""One-time codes sent by SMS or e-mail: a mobile proved at sign-up, a person's consent to a mandate.

A code is six digits, kept only as an HMAC (keyed with the application's secret: six digits alone would be
found by trying a million hashes), valid a few minutes, tried at most ``MAX_ATTEMPTS`` times, used once.
At most ``MAX_PER_HOUR`` codes go to one number or address for one purpose in an hour: a code cannot be
used to flood a stranger's phone.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import secrets
from dataclasses import dataclass

from flask import current_app
from sqlalchemy import JSON, Index, String, func, select, update
from sqlalchemy.orm import Mapped, mapped_column

from anef.extensions import db
from anef.models import UTCDateTime, utcnow

MAX_ATTEMPTS = 5
MAX_PER_HOUR = 5
DEFAULT_TTL = dt.timedelta(minutes=10)

OK = "ok"
WRONG = "wrong"
EXPIRED = "expired"
USED = "used"
LOCKED = "locked"


class OneTimeCode(db.Model):
    """A code sent to ``target`` (a mobile in E.164, an e-mail address) for ``purpose``."""

    __tablename__ = "one_time_codes"
    __table_args__ = (Index("ix_one_time_codes_purpose_target_created", "purpose", "target", "created_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    purpose: Mapped[str] = mapped_column(String(32))
    target: Mapped[str] = mapped_column(String(254))
    code_hash: Mapped[str] = mapped_column(String(64))
    # What the code confirms (a sign-up's names and password hash, a mandate's id): never a clear password.
    payload: Mapped[dict] = mapped_column(JSON, default=dict)
    attempts: Mapped[int] = mapped_column(default=0)
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)
    expires_at: Mapped[dt.datetime] = mapped_column(UTCDateTime)
    used_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)


class TooManyCodes(Exception):
    """Too many codes were sent to this target for this purpose in the last hour."""


@dataclass(frozen=True)
class Check:
    """The outcome of typing a code: ``status`` is OK, WRONG, EXPIRED, USED or LOCKED."""

    status: str
    row: OneTimeCode | None
    attempts_left: int = 0

    @property
    def ok(self) -> bool:
        return self.status == OK


def _digest(code: str) -> str:
    key = current_app.config["SECRET_KEY"].encode()
    return hmac.new(key, b"otc:" + code.encode(), hashlib.sha256).hexdigest()


def _clean(code: str) -> str:
    return "".join(ch for ch in (code or "") if ch in "0123456789")


def sent_last_hour(purpose: str, target: str) -> int:
    """How many codes went to ``target`` for ``purpose`` in the last hour."""
    since = utcnow() - dt.timedelta(hours=1)
    return db.session.scalar(select(func.count()).select_from(OneTimeCode).where(
        OneTimeCode.purpose == purpose, OneTimeCode.target == target, OneTimeCode.created_at >= since))


def issue(purpose: str, target: str, *, payload: dict | None = None, ttl: dt.timedelta = DEFAULT_TTL,
          decoy: bool = False) -> tuple[OneTimeCode, str]:
    """Create a code for ``target`` (the caller sends it, in the same transaction); return the row and the code.

    Earlier unused codes of the same target and purpose stop working: only the latest one sent is valid.
    A ``decoy`` row matches no code (it stands where a code would be when none may be sent, so that both
    cases look the same to the person). Raises :class:`TooManyCodes` past ``MAX_PER_HOUR``. Adds the row
    without committing.
    """
    if sent_last_hour(purpose, target) >= MAX_PER_HOUR:
        raise TooManyCodes(target)
    now = utcnow()
    db.session.execute(update(OneTimeCode).where(
        OneTimeCode.purpose == purpose, OneTimeCode.target == target, OneTimeCode.used_at.is_(None),
        OneTimeCode.expires_at > now).values(expires_at=now).execution_options(synchronize_session=False))
    code = f"{secrets.randbelow(10 ** 6):06d}"
    stored = _digest(secrets.token_hex(16) if decoy else code)
    row = OneTimeCode(purpose=purpose, target=target, code_hash=stored, payload=dict(payload or {}),
                      created_at=now, expires_at=now + ttl)
    db.session.add(row)
    db.session.flush()
    return row, code


def check(row_id: int | None, purpose: str, code: str) -> Check:
    """Compare a typed code with the code ``row_id``; a wrong one counts as an attempt. Commits.

    The row is not marked used here: the caller does it (:func:`consume`) in the transaction of what the code
    allows, so that a failure in between leaves the code usable.
    """
    row = db.session.get(OneTimeCode, row_id) if row_id else None
    if row is None or row.purpose != purpose:
        return Check(WRONG, None)
    if row.used_at is not None:
        return Check(USED, row)
    if row.attempts >= MAX_ATTEMPTS:
        return Check(LOCKED, row)
    if row.expires_at <= utcnow():
        return Check(EXPIRED, row)
    if not hmac.compare_digest(row.code_hash, _digest(_clean(code))):
        row.attempts += 1
        db.session.commit()
        left = MAX_ATTEMPTS - row.attempts
        return Check(LOCKED if left <= 0 else WRONG, row, left)
    return Check(OK, row, MAX_ATTEMPTS - row.attempts)


def consume(row: OneTimeCode) -> bool:
    """Mark the code used, once: False when another request used it first (the caller then stops)."""
    result = db.session.execute(update(OneTimeCode).where(OneTimeCode.id == row.id, OneTimeCode.used_at.is_(None))
                                .values(used_at=utcnow()).execution_options(synchronize_session=False))
    return result.rowcount == 1


def send_sms(*, recipient: str, template: str, locale: str | None, user_id: int | None = None,
             commit: bool = True, **context):
    """Put one SMS (``notifications/sms/<template>.txt``) in the outbox for ``recipient``, like
    :func:`anef.notifications.services.send_email` does for account e-mails; it is delivered through the
    configured SMS provider once the transaction commits."""
    from anef.notifications.models import PENDING, SMS, OutboxMessage
    from anef.notifications.sms import render_sms

    text = render_sms(template, locale, subject="", **context)
    message = OutboxMessage(user_id=user_id, channel=SMS, status=PENDING, event=template, locale=locale,
                            recipient=recipient, subject="", body=text)
    db.session.add(message)
    db.session.info.setdefault("outbox_to_dispatch", []).append((SMS, message))
    if commit:
        db.session.commit()
    return message
