"""Sending e-mails: recorded in the outbox, delivered by SMTP when configured."""
from __future__ import annotations

import datetime as dt
import re
import smtplib
from email.message import EmailMessage

from flask import current_app, has_app_context, render_template
from flask_babel import force_locale
from sqlalchemy import event, inspect, select
from sqlalchemy.orm import Session

from anef.extensions import db
from anef.jobs import enqueue
from anef.models import utcnow
from anef.notifications.models import OutboxMessage


def send_email(*, recipient: str, template: str, locale: str | None, user_id: int | None = None,
               commit: bool = True, **context) -> OutboxMessage:
    """Render ``notifications/<template>.txt`` in the person's language and put it in the outbox.

    With ``commit=False`` the message joins the caller's transaction (the change that causes it),
    so both are kept or neither; delivery is queued only once that transaction commits.
    """
    with force_locale(locale or current_app.config["BABEL_DEFAULT_LOCALE"]):
        rendered = render_template(f"notifications/{template}.txt", **context)
    subject, _, body = rendered.strip().partition("\n")
    # A header injection through a name is impossible: the subject is one line.
    subject = re.sub(r"[\r\n]+", " ", subject).strip()[:300]
    message = OutboxMessage(user_id=user_id, recipient=recipient, subject=subject, body=body.strip() + "\n")
    db.session.add(message)
    db.session.info.setdefault("outbox_to_dispatch", []).append(message)
    if commit:
        db.session.commit()
    return message


@event.listens_for(Session, "after_commit")
def _dispatch_after_commit(session) -> None:
    """Queue the delivery of outbox messages once the transaction that wrote them is committed."""
    messages = session.info.pop("outbox_to_dispatch", [])
    if messages and has_app_context() and current_app.config.get("MAIL_SERVER"):
        for message in messages:
            # The primary key without SQL: no statement may run inside after_commit.
            identity = inspect(message).identity
            if identity:
                enqueue("anef.notifications.services.deliver", message_id=identity[0])


@event.listens_for(Session, "after_rollback")
def _forget_after_rollback(session) -> None:
    session.info.pop("outbox_to_dispatch", None)


def sweep_outbox(*, older_than_seconds: int = 60) -> int:
    """Queue again every message still unsent after a while (Redis was down, a worker died); return how many."""
    if not current_app.config.get("MAIL_SERVER"):
        return 0
    limit = utcnow() - dt.timedelta(seconds=older_than_seconds)
    ids = db.session.scalars(select(OutboxMessage.id).where(OutboxMessage.sent_at.is_(None),
                                                           OutboxMessage.created_at < limit)).all()
    for message_id in ids:
        enqueue("anef.notifications.services.deliver", message_id=message_id)
    return len(ids)


def deliver(*, message_id: int) -> None:
    """Job: send one outbox message through SMTP, recording success or the error."""
    message = db.session.get(OutboxMessage, message_id)
    if message is None or message.sent_at is not None:
        return
    config = current_app.config
    email = EmailMessage()
    email["From"] = config["MAIL_SENDER"]
    email["To"] = message.recipient
    email["Subject"] = message.subject
    email.set_content(message.body)
    try:
        with smtplib.SMTP(config["MAIL_SERVER"], config["MAIL_PORT"], timeout=10) as smtp:
            if config["MAIL_USE_TLS"]:
                smtp.starttls()
            if config["MAIL_USERNAME"]:
                smtp.login(config["MAIL_USERNAME"], config["MAIL_PASSWORD"])
            smtp.send_message(email)
    except (OSError, smtplib.SMTPException) as exc:
        message.error = str(exc)[:500]
        db.session.commit()
        raise
    message.sent_at = utcnow()
    message.error = None
    db.session.commit()


def notify(user, event: str, *, key: str, dossier=None, commit: bool = False, **context) -> list:
    """Tell ``user`` about ``event`` (a dossier filed, a message received…) on each of their channels.

    ``key`` makes the notification idempotent: the same key never yields a second notification,
    so a job run twice tells the person once. Templates: ``notifications/<event>.txt`` (e-mail and
    postal letter; the first line is the subject) and ``notifications/sms/<event>.txt`` (one short
    text). Like :func:`send_email`, ``commit=False`` joins the caller's transaction.
    """
    from anef.urls import absolute_url

    if dossier is not None and "link" not in context:
        context["link"] = absolute_url("dossiers.show", reference=dossier.reference)
    return [send_email(recipient=user.email, template=event, locale=user.locale, user_id=user.id,
                       commit=commit, person=user, dossier=dossier, **context)]
