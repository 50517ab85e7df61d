"""Development-only pages: the outbox of notifications, the SMS sink, second-factor codes. Never registered in
production."""
from flask import Blueprint, abort, current_app, render_template
from sqlalchemy import select

from anef.extensions import db
from anef.notifications.models import OutboxMessage
from anef.security import public

bp = Blueprint("dev", __name__, template_folder="templates")


@bp.route("/outbox")
@public
def outbox():
    messages = db.session.scalars(select(OutboxMessage).order_by(OutboxMessage.id.desc()).limit(100)).all()
    return render_template("dev/outbox.html", messages=messages)


@bp.route("/outbox/<int:message_id>")
@public
def outbox_message(message_id):
    message = db.session.get(OutboxMessage, message_id) or abort(404)
    return render_template("dev/outbox_message.html", message=message)


@bp.route("/sms")
@public
def sms():
    """What the local SMS provider received (SMS_PROVIDER=local), newest first."""
    from anef.notifications.sms import LocalSink, get_provider

    provider = get_provider()
    messages = provider.messages(limit=100) if isinstance(provider, LocalSink) else []
    return render_template("dev/sms.html", messages=messages, provider=current_app.config.get("SMS_PROVIDER"))


@bp.route("/totp")
@public
def totp_codes():
    """The next accepted code of every agent with a second factor (development only, in place of a phone)."""
    from anef.accounts.mfa import next_code
    from anef.accounts.models import User

    agents = db.session.scalars(select(User).where(User.totp_secret.is_not(None)).order_by(User.email)).all()
    return render_template("dev/totp.html", codes=[(a.email, next_code(a)) for a in agents])
