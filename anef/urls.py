"""Absolute links for e-mails and documents, from a request, a job or the command line."""
from flask import current_app, has_request_context, url_for


def absolute_url(endpoint: str, **values) -> str:
    """The full URL of ``endpoint``, based on PUBLIC_URL when set, else on the current request."""
    base = current_app.config.get("PUBLIC_URL")
    if has_request_context():
        return base + url_for(endpoint, **values) if base else url_for(endpoint, _external=True, **values)
    with current_app.test_request_context(base_url=base or "http://127.0.0.1:5000"):
        return url_for(endpoint, _external=True, **values)
