"""Sending e-mails: recorded in the outbox, delivered by SMTP when configured."""
from __future__ import annotations

import smtplib
from email.message import EmailMessage

from flask import current_app, render_template
from flask_babel import force_locale

from anef.extensions import db
from anef.jobs import enqueue
from anef.models import utcnow
from anef.notifications.models import OutboxMessage


def send_email(*, recipient: str, template: str, locale: str | None, user_id: int | None = None,
               **context) -> OutboxMessage:
    """Render ``notifications/<template>.txt`` in the person's language, store it, queue delivery."""
    with force_locale(locale or current_app.config["BABEL_DEFAULT_LOCALE"]):
        rendered = render_template(f"notifications/{template}.txt", **context)
    subject, _, body = rendered.strip().partition("\n")
    message = OutboxMessage(user_id=user_id, recipient=recipient, subject=subject.strip(),
                            body=body.strip() + "\n")
    db.session.add(message)
    db.session.commit()
    if current_app.config.get("MAIL_SERVER"):
        enqueue("anef.notifications.services.deliver", message_id=message.id)
    return message


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
