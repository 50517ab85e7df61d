"""Response headers, redirects and access helpers shared by every module."""
from __future__ import annotations

import secrets
from functools import wraps
from urllib.parse import urlsplit

from flask import abort, current_app, g, request
from flask_login import current_user

CSP_DIRECTIVES = [
    "default-src 'self'",
    "script-src 'self' 'nonce-{nonce}'",
    "style-src 'self'",
    "img-src 'self' data:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
]


def csp_nonce() -> str:
    """This response's script nonce (templates put it on every <script>)."""
    if "csp_nonce" not in g:
        g.csp_nonce = secrets.token_urlsafe(18)
    return g.csp_nonce


def set_security_headers(response):
    """Strict CSP with a per-response nonce, HSTS in production, and the usual hardening headers."""
    response.headers.setdefault("Content-Security-Policy", "; ".join(CSP_DIRECTIVES).format(nonce=csp_nonce()))
    response.headers.setdefault("X-Content-Type-Options", "nosniff")
    response.headers.setdefault("Referrer-Policy", "same-origin")
    response.headers.setdefault("X-Frame-Options", "DENY")
    response.headers.setdefault("Cross-Origin-Opener-Policy", "same-origin")
    response.headers.setdefault("Permissions-Policy", "camera=(self), geolocation=(), microphone=()")
    if current_app.config["ANEF_ENV"] == "production" or request.is_secure:
        response.headers.setdefault("Strict-Transport-Security", "max-age=63072000; includeSubDomains")
    if request.endpoint != "static":
        # Pages hold personal data: never keep them in a shared cache.
        response.headers.setdefault("Cache-Control", "no-store")
        response.vary.add("HX-Request")
    return response


def safe_next_url(target: str | None) -> str | None:
    """Accept only a local path as a redirect target."""
    if not target:
        return None
    parts = urlsplit(target)
    if parts.scheme or parts.netloc or not target.startswith("/") or target.startswith("//") \
            or "\\" in target:
        return None
    return target


PUBLIC = "public"
SIGNED_IN = "signed_in"


def public(view):
    """Mark a view as open to everyone: every route must say who may use it (deny by default)."""
    view.access = PUBLIC
    return view


def signed_in(view):
    """Allow the view to any logged-in person; the view itself checks what they may see."""

    @wraps(view)
    def wrapped(*args, **kwargs):
        if not current_user.is_authenticated:
            from anef.extensions import login_manager

            return login_manager.unauthorized()
        return view(*args, **kwargs)

    wrapped.access = SIGNED_IN
    return wrapped


def enforce_access_rule():
    """Refuse any route whose view declares no access rule, so a forgotten decorator fails closed."""
    from flask import current_app

    if request.endpoint is None or request.endpoint == "static":
        return None
    view = current_app.view_functions.get(request.endpoint)
    if getattr(view, "access", None) is None:
        abort(404)
    return None


def roles_required(*roles):
    """Allow the view only to logged-in users with one of ``roles``; others get 404."""

    def decorator(view):
        @wraps(view)
        def wrapped(*args, **kwargs):
            if not current_user.is_authenticated:
                from anef.extensions import login_manager

                return login_manager.unauthorized()
            if current_user.role not in roles:
                abort(404)
            return view(*args, **kwargs)

        wrapped.access = roles
        return wrapped

    return decorator
