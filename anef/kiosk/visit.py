"""What an enrolled kiosk changes on every request: the device is recognised by its cookie, pages are never
stored, personal fields are never remembered by the browser, and a visit idle too long ends with everything
cleared (:func:`end_visit`)."""
from __future__ import annotations

import re
import time

from flask import current_app, g, redirect, request, session, url_for
from flask_login import current_user, logout_user

from anef.kiosk import services
from anef.kiosk.blueprint import bp

COOKIE_MAX_AGE = 400 * 24 * 3600  # the longest lifetime Chromium accepts
CLEAR_SITE_DATA = '"cache", "cookies", "storage"'
# Seconds beyond the kiosk's warning before the server itself ends an idle visit (JavaScript off, or lost).
SERVER_GRACE = 30


def cookie_name() -> str:
    # __Host-: only over HTTPS, for this host and path / (production).
    return "__Host-anef_borne" if current_app.config["ANEF_ENV"] == "production" else "anef_borne"


def set_device_cookie(response, token: str) -> None:
    """Give the browser its device token: Secure (browsers accept it on http://localhost and 127.0.0.1
    too), HttpOnly, SameSite=Strict, long-lived."""
    response.set_cookie(cookie_name(), token, max_age=COOKIE_MAX_AGE, secure=True, httponly=True,
                        samesite="Strict", path="/")


def current_device():
    """The kiosk this request comes from, or None."""
    return g.get("kiosk")


def idle_limit() -> int:
    config = current_app.config
    return config["KIOSK_IDLE_SECONDS"] + config["KIOSK_WARNING_SECONDS"] + SERVER_GRACE


def end_visit(device):
    """End whatever the person at the kiosk was doing: log out (every session of the account ends), empty the
    session, and answer with a redirect that clears the browser's cache, cookies and storage on its way to the
    one-time link that gives the device a new token."""
    from anef.accounts.services import end_sessions

    if current_user.is_authenticated:
        end_sessions(current_user._get_current_object())
        logout_user()
    session.clear()
    secret = services.start_rearm(device)
    target = url_for("kiosk.resume", jeton=secret)
    if request.headers.get("HX-Request"):
        # An htmx request would follow a redirect inside the page: make the whole page go instead.
        response = current_app.response_class(status=204)
        response.headers["HX-Redirect"] = target
    else:
        response = redirect(target, 303)
    response.headers["Clear-Site-Data"] = CLEAR_SITE_DATA
    g.kiosk_ended = True
    return response


@bp.before_app_request
def recognise_device():
    """Know the kiosk by its cookie; end a visit left idle longer than the kiosk's time-out."""
    g.kiosk = None
    if request.endpoint == "static":
        return None
    token = request.cookies.get(cookie_name())
    if not token:
        return None
    device = services.device_for_token(token)
    if device is None:
        g.kiosk_forget = True  # revoked, or replaced by a newer enrolment
        return None
    g.kiosk = device
    if request.endpoint in ("kiosk.end", "kiosk.resume"):
        return None
    now = time.time()
    seen = session.get("kiosk_seen")
    # Anything in the session but the language belongs to the person who was here.
    personal = any(key not in ("lang", "kiosk_seen", "_flashes", "csrf_token") for key in session)
    if seen is not None and now - seen > idle_limit() and (personal or current_user.is_authenticated):
        return end_visit(device)
    if request.endpoint == "accounts.logout" and request.method == "POST":
        return end_visit(device)
    # A page polling on its own (htmx) is not someone at the kiosk.
    polling = request.method == "GET" and request.headers.get("HX-Request")
    if not polling or seen is None:
        session["kiosk_seen"] = now
    return None


_FIELD_TAG = re.compile(r"<(input|textarea|select|form)\b[^>]*>", re.IGNORECASE)
_AUTOCOMPLETE = re.compile(r"\s+autocomplete=(\"[^\"]*\"|'[^']*'|[^\s>]+)", re.IGNORECASE)


def _no_autocomplete(match: re.Match) -> str:
    tag = _AUTOCOMPLETE.sub("", match.group(0))
    if re.search(r"\btype=[\"']?hidden\b", tag, re.IGNORECASE):
        return tag
    return f"<{match.group(1)} autocomplete=\"off\"{tag[len(match.group(1)) + 1:]}"


def without_autocomplete(html: str) -> str:
    """The page with every form and field set to ``autocomplete="off"``: a shared kiosk must not offer the
    next person what the last one typed."""
    return _FIELD_TAG.sub(_no_autocomplete, html)


@bp.after_app_request
def kiosk_headers(response):
    """On a kiosk: nothing is ever stored by the browser, fields are never remembered; a revoked token is
    removed."""
    if g.get("kiosk_forget") and not g.get("kiosk_ended"):
        response.delete_cookie(cookie_name(), path="/", secure=True, httponly=True, samesite="Strict")
    if g.get("kiosk") is None or request.endpoint == "static":
        return response
    response.headers["Cache-Control"] = "no-store"
    if response.mimetype == "text/html" and not response.direct_passthrough and not response.is_streamed:
        response.set_data(without_autocomplete(response.get_data(as_text=True)))
    return response


@bp.app_context_processor
def kiosk_context():
    device = g.get("kiosk")
    if device is None:
        return {"kiosk": None}
    config = current_app.config
    return {"kiosk": device, "kiosk_idle_seconds": config["KIOSK_IDLE_SECONDS"],
            "kiosk_warning_seconds": config["KIOSK_WARNING_SECONDS"]}
