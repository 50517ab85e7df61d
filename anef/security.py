"""Response headers, redirects and access helpers shared by every module."""
from __future__ import annotations

from functools import wraps
from urllib.parse import urlsplit

from flask import abort, request
from flask_login import current_user

CSP = "; ".join([
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
])


def set_security_headers(response):
    """Strict CSP and the usual hardening headers on every response."""
    response.headers.setdefault("Content-Security-Policy", CSP)
    response.headers.setdefault("X-Content-Type-Options", "nosniff")
    response.headers.setdefault("Referrer-Policy", "same-origin")
    response.headers.setdefault("X-Frame-Options", "DENY")
    response.headers.setdefault("Permissions-Policy", "camera=(self), geolocation=(), microphone=()")
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
