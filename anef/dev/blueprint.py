"""Development-only pages: the e-mail outbox. Never registered in production."""
from flask import Blueprint, abort, render_template
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


@bp.route("/totp")
@public
def totp_codes():
    """The next accepted code of every agent with a second factor (development only, in place of a phone)."""
    from anef.accounts.mfa import next_code
    from anef.accounts.models import User

    agents = db.session.scalars(select(User).where(User.totp_secret.is_not(None)).order_by(User.email)).all()
    return render_template("dev/totp.html", codes=[(a.email, next_code(a)) for a in agents])
