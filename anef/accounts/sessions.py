"""Session time-outs: an idle session and a too old one end, whatever the cookie says."""
import time

from flask import current_app, flash, redirect, request, session, url_for
from flask_babel import gettext as _
from flask_login import current_user, logout_user


def enforce_session_limits():
    """End a session idle too long or open too long; keep the last-seen time fresh."""
    if not current_user.is_authenticated:
        return None
    now = time.time()
    login_at, seen_at = session.get("login_at"), session.get("seen_at")
    idle = current_app.config["SESSION_IDLE_MINUTES"] * 60
    absolute = current_app.config["SESSION_ABSOLUTE_HOURS"] * 3600
    if login_at is None or seen_at is None or now - seen_at > idle or now - login_at > absolute:
        lang = session.get("lang")
        logout_user()
        session.clear()
        if lang:
            session["lang"] = lang
        flash(_("Votre session a expiré. Reconnectez-vous : ce qui était enregistré est conservé."), "info")
        target = request.full_path if request.method == "GET" and not request.headers.get("HX-Request") else None
        return redirect(url_for("accounts.login", next=target) if target else url_for("accounts.login"))
    # Rewriting the cookie once a minute is enough to measure idleness.
    if now - seen_at > 60:
        session["seen_at"] = now
    return None
