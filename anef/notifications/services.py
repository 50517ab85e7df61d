"""Telling people things: e-mail, SMS and postal letter, recorded in the outbox and delivered by jobs.

How a notification flows (see docs/architecture.md): :func:`notify` renders the event's templates in the
person's language, on each of the person's channels (:func:`channels_for`), and inserts one outbox row per
channel in the caller's transaction, once per idempotency key. After that transaction commits, a
:func:`deliver` job is queued per e-mail and SMS; letters wait in their service's print queue
(:mod:`anef.notifications.letters`). :func:`sweep_outbox` queues again whatever a lost queue or a dead
worker left.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import re
import secrets
import smtplib
import time
from email.message import EmailMessage
from email.utils import format_datetime, parseaddr
from pathlib import Path

from flask import current_app, has_app_context, render_template
from flask_babel import force_locale
from sqlalchemy import event, inspect, or_, select, update
from sqlalchemy.orm import Session

from anef.extensions import db
from anef.jobs import enqueue
from anef.models import utcnow
from anef.notifications.models import (EMAIL, FAILED, LETTER, PENDING, SENT, SMS, TO_PRINT, OutboxMessage)

DELIVER_JOB = "anef.notifications.services.deliver"
# After this many failed attempts a message is given up (status ``echec``) and shown as such.
MAX_ATTEMPTS = 5
# Too slow for a letter to be of any use: these events are never printed (e-mail stands in if needed).
NO_LETTER_EVENTS = frozenset({"earlier_slot", "appointment_reminder"})


# ---------------------------------------------------------------- rendering

def render_email(template: str, locale: str | None, **context) -> tuple[str, str]:
    """``notifications/<template>.txt`` in ``locale``: its first line is the subject, the rest the body."""
    with force_locale(locale or current_app.config["BABEL_DEFAULT_LOCALE"]):
        rendered = render_template(f"notifications/{template}.txt", **context)
    subject, _, body = rendered.strip().partition("\n")
    # A header injection through a name is impossible: the subject is one line.
    subject = re.sub(r"[\r\n]+", " ", subject).strip()[:300]
    return subject, body.strip() + "\n"


def send_email(*, recipient: str, template: str, locale: str | None, user_id: int | None = None,
               commit: bool = True, **context) -> OutboxMessage:
    """Render ``notifications/<template>.txt`` in the person's language and put it in the outbox.

    For account e-mails (address verification, password reset…), which go by e-mail only; everything else
    tells the person through :func:`notify`. With ``commit=False`` the message joins the caller's transaction
    (the change that causes it), so both are kept or neither; delivery is queued only once that transaction
    commits.
    """
    subject, body = render_email(template, locale, **context)
    message = OutboxMessage(user_id=user_id, channel=EMAIL, status=PENDING, event=template, locale=locale,
                            recipient=recipient, subject=subject, body=body)
    db.session.add(message)
    db.session.info.setdefault("outbox_to_dispatch", []).append((EMAIL, message))
    if commit:
        db.session.commit()
    return message


# ---------------------------------------------------------------- channels

def channels_for(user, event: str | None = None) -> list[str]:
    """The channels on which ``user`` hears of ``event``.

    E-mail when they have an address and want it; SMS when they gave a mobile and want it; a postal letter
    when they ask for it, or when neither of the others is left. Nobody is left without any: the account's
    e-mail address stands in when nothing else applies.
    """
    wanted = []
    if user.email and user.notify_email:
        wanted.append(EMAIL)
    if sms_number(user) and user.notify_sms:
        wanted.append(SMS)
    if user.has_postal_address and (user.notify_post or not wanted) and event not in NO_LETTER_EVENTS:
        wanted.append(LETTER)
    if not wanted and user.email:
        wanted.append(EMAIL)
    return wanted


def sms_number(user) -> str | None:
    """The mobile that receives the person's SMS: the one they gave, else the one they log in with."""
    return user.mobile_phone or getattr(user, "login_phone", None)


def save_contact_details(user, *, mobile_phone: str | None, address_lines: str | None, postcode: str | None,
                         town: str | None, notify_email: bool, notify_sms: bool, notify_post: bool) -> None:
    """Keep the person's mobile (stored in E.164; a number that is not a mobile is dropped), postal address and
    channel choices (the form has checked them)."""
    from anef.notifications.phones import to_e164

    user.mobile_phone = to_e164(mobile_phone)
    user.address_lines = (address_lines or "").strip() or None
    user.postcode = (postcode or "").strip() or None
    user.town = (town or "").strip() or None
    user.notify_email = bool(notify_email)
    user.notify_sms = bool(notify_sms)
    user.notify_post = bool(notify_post)
    db.session.commit()


def postal_block(user) -> str:
    """The address block of a letter, as La Poste reads it: name, street lines, then POSTCODE TOWN."""
    lines = [user.display_name if user.given_names or user.family_name else ""]
    lines += [line.strip() for line in (user.address_lines or "").splitlines() if line.strip()]
    lines.append(f"{user.postcode} {(user.town or '').strip().upper()}")
    return "\n".join(line for line in lines if line)


def letter_service_id(user, dossier=None) -> int | None:
    """The service that prints a letter: the dossier's, else the préfecture of the person's postcode."""
    from anef.agents.models import Service
    from anef.territories import departement_from_postcode, prefecture_service_code

    if dossier is not None and dossier.service_id:
        return dossier.service_id
    departement = departement_from_postcode(user.postcode or "")
    if departement is None:
        return None
    return db.session.scalar(select(Service.id).where(Service.code == prefecture_service_code(departement)))


# ---------------------------------------------------------------- notify

def _procedure_title(code: str):
    from anef.plugins import procedures

    info = procedures().get(code)
    return info.title if info else code


def notify(user, event: str, *, key: str, dossier=None, commit: bool = False, **context) -> list:
    """Tell ``user`` about ``event`` (a dossier filed, a message received…) on each of their channels.

    ``key`` makes the notification idempotent: once a notification exists for a key, calling again with it
    creates nothing (it returns what exists), so a job run twice, or two requests racing, tell the person
    once; the database enforces it with a unique (key, channel) constraint. Templates:
    ``notifications/<event>.txt`` (e-mail and postal letter; the first line is the subject) and
    ``notifications/sms/<event>.txt`` (one short line). The context always has ``person``, ``dossier``,
    ``link`` (the dossier's page when there is a dossier) and ``title`` (its procedure's title). Like
    :func:`send_email`, ``commit=False`` joins the caller's transaction.
    """
    from anef.notifications.sms import render_sms
    from anef.urls import absolute_url

    if not key:
        raise ValueError("notify() needs an idempotency key")
    existing = list(db.session.scalars(select(OutboxMessage).where(OutboxMessage.idempotency_key == key)
                                       .order_by(OutboxMessage.id)))
    if existing:
        if commit:
            db.session.commit()
        return existing
    if dossier is not None:
        context.setdefault("link", absolute_url("dossiers.show", reference=dossier.reference))
        context.setdefault("title", _procedure_title(dossier.procedure))
    context.setdefault("link", absolute_url("dossiers.dashboard"))
    context.setdefault("person", user)
    locale = user.locale or current_app.config["BABEL_DEFAULT_LOCALE"]
    channels = channels_for(user, event)
    if not channels:
        # No e-mail, no mobile, no address: only their space online will show it.
        current_app.logger.warning("notification %s for user %s: no channel to reach them", event, user.id)
        return []
    subject, body = render_email(event, locale, dossier=dossier, **context)
    rows = []
    for channel in channels:
        row = {"user_id": user.id, "channel": channel, "event": event, "locale": locale, "idempotency_key": key,
               "dossier_id": dossier.id if dossier is not None else None, "created_at": utcnow(),
               "attempts": 0, "subject": subject, "body": body}
        if channel == EMAIL:
            row.update(status=PENDING, recipient=user.email)
        elif channel == SMS:
            text = render_sms(event, locale, subject=subject, dossier=dossier, **context)
            row.update(status=PENDING, recipient=sms_number(user), subject="", body=text)
        else:
            row.update(status=TO_PRINT, recipient=user.display_name[:254], postal_address=postal_block(user),
                       service_id=letter_service_id(user, dossier))
        rows.append(row)
    for row in rows:
        # None when another transaction recorded this key meanwhile: that one tells the person.
        message_id = _insert_once(row)
        if message_id and row["channel"] in (EMAIL, SMS):
            db.session.info.setdefault("outbox_to_dispatch", []).append((row["channel"], message_id))
    messages = list(db.session.scalars(select(OutboxMessage).where(OutboxMessage.idempotency_key == key)
                                       .order_by(OutboxMessage.id)))
    if commit:
        db.session.commit()
    return messages


def _insert_once(row: dict) -> int | None:
    """Insert an outbox row unless its (key, channel) exists, without aborting the caller's transaction;
    return its id, or None when it existed (PostgreSQL waits for a concurrent insert to commit, then skips)."""
    dialect = db.session.get_bind().dialect.name
    if dialect == "postgresql":
        from sqlalchemy.dialects.postgresql import insert
    else:
        from sqlalchemy.dialects.sqlite import insert
    statement = (insert(OutboxMessage.__table__).values(**row)
                 .on_conflict_do_nothing(index_elements=["idempotency_key", "channel"])
                 .returning(OutboxMessage.__table__.c.id))
    return db.session.execute(statement).scalar()


# ---------------------------------------------------------------- dispatch

@event.listens_for(Session, "after_commit")
def _dispatch_after_commit(session) -> None:
    """Queue the delivery of outbox messages once the transaction that wrote them is committed."""
    pending = session.info.pop("outbox_to_dispatch", [])
    if not pending or not has_app_context():
        return
    # Without SMTP server or SMS provider, messages wait in the outbox (the development default).
    transports = _transports()
    ids = []
    for channel, item in pending:
        # The primary key without SQL: no statement may run inside after_commit.
        identity = item if isinstance(item, int) else (inspect(item).identity or (None,))[0]
        if identity and channel in transports:
            ids.append(identity)
    if not ids:
        return
    # Inline jobs query the database, which this session may not do now: they run in an application context
    # of their own, hence with a session of their own.
    with current_app.app_context():
        for message_id in ids:
            enqueue(DELIVER_JOB, message_id=message_id)


@event.listens_for(Session, "after_rollback")
def _forget_after_rollback(session) -> None:
    session.info.pop("outbox_to_dispatch", None)


def _transports() -> list[str]:
    """Channels that have somewhere to go: SMTP for e-mail, a provider for SMS."""
    from anef.notifications.sms import get_provider

    channels = []
    if current_app.config.get("MAIL_SERVER"):
        channels.append(EMAIL)
    if get_provider() is not None:
        channels.append(SMS)
    return channels


def _lease() -> dt.timedelta:
    value = current_app.config.get("NOTIFY_CLAIM_LEASE_SECONDS")
    return dt.timedelta(seconds=float(300 if value in (None, "") else value))


def sweep_outbox(*, older_than_seconds: int = 60) -> int:
    """Queue again every e-mail and SMS still unsent after a while and not held by a live delivery (Redis was
    down, a worker died); return how many."""
    channels = _transports()
    if not channels:
        return 0
    now = utcnow()
    ids = db.session.scalars(select(OutboxMessage.id).where(
        OutboxMessage.status == PENDING, OutboxMessage.channel.in_(channels),
        OutboxMessage.created_at < now - dt.timedelta(seconds=older_than_seconds),
        or_(OutboxMessage.claimed_at.is_(None), OutboxMessage.claimed_at < now - _lease()))).all()
    for message_id in ids:
        enqueue(DELIVER_JOB, message_id=message_id)
    return len(ids)


# ---------------------------------------------------------------- delivery

class _Permanent(Exception):
    """A failure that trying again would not cure (an address or number refused)."""


def claim(message_id: int) -> str | None:
    """Take the message for one delivery run; return the claim's token, or None if it is not ours to send.

    One conditional UPDATE: only a pending message that nobody holds (or whose holder's lease has run out)
    is taken, so two workers cannot both send it. The claim is committed before anything is sent.
    """
    now = utcnow()
    token = secrets.token_hex(16)
    result = db.session.execute(
        update(OutboxMessage)
        .where(OutboxMessage.id == message_id, OutboxMessage.status == PENDING,
               or_(OutboxMessage.claimed_at.is_(None), OutboxMessage.claimed_at < now - _lease()))
        .values(claimed_at=now, claim_token=token, attempts=OutboxMessage.attempts + 1)
        .execution_options(synchronize_session=False))
    db.session.commit()
    return token if result.rowcount == 1 else None


def deliver(*, message_id: int) -> None:
    """Job: send one outbox e-mail or SMS, at most once per successful run.

    Claim (:func:`claim`), send, record. A run after success finds the message ``envoye`` and does nothing; a
    run while another holds the claim does nothing either (the sweeper tries again once the lease is over).

    The window that remains: the SMTP server (or SMS provider) has accepted the message and the worker dies
    before the one UPDATE that records it. The message then looks unsent and is sent again once the claim's
    lease (``NOTIFY_CLAIM_LEASE_SECONDS``, 300 s, longer than the job's 120 s time-out so that a slow live
    run is never overtaken) has run out. That window lasts from the server's final reply to the commit of
    that UPDATE, milliseconds, and needs a crash inside it; the repeat carries the same Message-ID (derived
    from the idempotency key), by which mail clients and mailbox providers recognise a duplicate. Closing it
    fully would need the server to take part in the transaction, which SMTP cannot.
    """
    token = claim(message_id)
    if token is None:
        return
    message = db.session.get(OutboxMessage, message_id)
    try:
        if message.channel == EMAIL:
            provider_id = _send_email(message)
        elif message.channel == SMS:
            provider_id = _send_sms(message)
        else:
            return
    except _Permanent as exc:
        _record_failure(message_id, token, str(exc), final=True)
        return
    except Exception as exc:  # noqa: BLE001 - any other failure is worth a retry; the job's queue retries it
        _record_failure(message_id, token, f"{type(exc).__name__}: {exc}", final=False)
        raise
    db.session.execute(
        update(OutboxMessage).where(OutboxMessage.id == message_id, OutboxMessage.claim_token == token)
        .values(status=SENT, sent_at=utcnow(), provider_id=provider_id, error=None)
        .execution_options(synchronize_session=False))
    db.session.commit()


def _record_failure(message_id: int, token: str, error: str, *, final: bool) -> None:
    """Release the claim with the error; give up after MAX_ATTEMPTS or on a permanent refusal."""
    db.session.rollback()
    message = db.session.get(OutboxMessage, message_id)
    if message is None or message.claim_token != token:
        return
    message.error = error[:500]
    message.claimed_at = None
    if final or message.attempts >= MAX_ATTEMPTS:
        message.status = FAILED
    db.session.commit()


def message_id_header(message: OutboxMessage) -> str:
    """A Message-ID that is the same for every attempt at the same notification (derived from its key)."""
    basis = f"{message.idempotency_key}:{message.channel}" if message.idempotency_key else f"outbox:{message.id}"
    digest = hashlib.sha256(basis.encode()).hexdigest()[:40]
    domain = parseaddr(current_app.config["MAIL_SENDER"])[1].rpartition("@")[2] or "anef.localhost"
    return f"<{digest}@{domain}>"


def _send_email(message: OutboxMessage) -> str:
    config = current_app.config
    email = EmailMessage()
    email["From"] = config["MAIL_SENDER"]
    email["To"] = message.recipient
    email["Subject"] = message.subject
    email["Date"] = format_datetime(message.created_at)
    email["Message-ID"] = message_id_header(message)
    email["Auto-Submitted"] = "auto-generated"
    email.set_content(message.body)
    try:
        with smtplib.SMTP(config["MAIL_SERVER"], config["MAIL_PORT"], timeout=10) as smtp:
            if config["MAIL_USE_TLS"]:
                smtp.starttls()
            if config["MAIL_USERNAME"]:
                smtp.login(config["MAIL_USERNAME"], config["MAIL_PASSWORD"])
            if _fault_pause():
                _send_with_pause(smtp, email)
            else:
                smtp.send_message(email)
    except (smtplib.SMTPRecipientsRefused, smtplib.SMTPSenderRefused) as exc:
        raise _Permanent(f"refused: {exc}") from None
    except smtplib.SMTPResponseException as exc:
        if 500 <= exc.smtp_code < 600:
            raise _Permanent(f"refused: {exc.smtp_code} {exc.smtp_error!r}") from None
        raise
    return email["Message-ID"]


def _send_sms(message: OutboxMessage) -> str:
    from anef.notifications.sms import SmsRejected, get_provider

    provider = get_provider()
    if provider is None:
        raise RuntimeError("no SMS provider configured")
    try:
        return provider.send(message.recipient, message.body, reference=message_id_header(message).strip("<>"))
    except SmsRejected as exc:
        raise _Permanent(str(exc)) from None


# ---------------------------------------------------------------- fault injection (tests only)

def _fault_pause() -> float:
    """Seconds to stop in the middle of DATA (``FAULT_SMTP_PAUSE_SECONDS``), never in production."""
    config = current_app.config
    if config.get("ANEF_ENV") == "production":
        return 0.0
    return float(config.get("FAULT_SMTP_PAUSE_SECONDS") or 0)


def _send_with_pause(smtp: smtplib.SMTP, email: EmailMessage) -> None:
    """Send like ``send_message``, but stop half-way through DATA so that a test can kill the worker there.

    Before stopping, the process writes its id to ``FAULT_SMTP_PAUSE_MARKER``: the test kills that process.
    """
    sender = parseaddr(email["From"])[1]
    smtp.ehlo_or_helo_if_needed()
    smtp.mail(sender)
    smtp.rcpt(email["To"])
    code, reply = smtp.docmd("DATA")
    if code != 354:
        raise smtplib.SMTPDataError(code, reply)
    payload = smtplib.quotedata(email.as_string()).encode("utf-8")
    half = len(payload) // 2
    smtp.sock.sendall(payload[:half])
    marker = current_app.config.get("FAULT_SMTP_PAUSE_MARKER")
    if marker:
        import os

        Path(marker).write_text(str(os.getpid()))
    time.sleep(_fault_pause())
    smtp.sock.sendall(payload[half:] + b"\r\n.\r\n")
    code, reply = smtp.getreply()
    if code != 250:
        raise smtplib.SMTPDataError(code, reply)
