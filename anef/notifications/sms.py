"""SMS: short texts rendered per event, and the providers that carry them.

A provider has one method, ``send(to, text, *, reference=None) -> provider id``; it raises
:class:`SmsRejected` when the message can never be sent (bad number, refused) and :class:`SmsUnavailable`
when trying again later may work. ``SMS_PROVIDER`` chooses one: ``local`` (a sink, a JSON-lines file that a
developer reads at ``/dev/sms`` and tests read directly), ``http`` (a JSON API) or ``none`` (nothing is sent;
the messages wait in the outbox).
"""
from __future__ import annotations

import json
import os
import re
import secrets
import urllib.error
import urllib.request
from pathlib import Path

from flask import current_app, render_template
from flask_babel import force_locale
from jinja2 import TemplateNotFound

from anef.models import utcnow

MAX_LENGTH = 320


class SmsError(Exception):
    """Sending an SMS failed."""


class SmsRejected(SmsError):
    """The provider refused the message for good: trying again would not help."""


class SmsUnavailable(SmsError):
    """The provider could not be reached or failed: try again later."""


def render_sms(event: str, locale: str | None, *, subject: str, **context) -> str:
    """The one-line text of ``notifications/sms/<event>.txt`` in ``locale``, at most 320 characters.

    An event without an SMS template is told by its e-mail subject and its link.
    """
    with force_locale(locale or current_app.config["BABEL_DEFAULT_LOCALE"]):
        try:
            text = render_template(f"notifications/sms/{event}.txt", **context)
        except TemplateNotFound:
            text = f"{subject} {context.get('link') or ''}"
    # No-break spaces (French typography) are outside the GSM alphabet: one would halve the SMS length.
    text = re.sub(r"\s+", " ", text.replace("\u00a0", " ").replace("\u202f", " ")).strip()
    if len(text) <= MAX_LENGTH:
        return text
    # Too long (a long name or title): shorten the words, never the link.
    link = context.get("link") or ""
    if link and link in text:
        head = re.sub(r"\s+", " ", text.replace(link, " ")).strip()
        return head[:MAX_LENGTH - len(link) - 2].rstrip() + "… " + link
    return text[:MAX_LENGTH - 1].rstrip() + "…"


class LocalSink:
    """Keeps every SMS in a JSON-lines file instead of sending it (development and tests)."""

    def __init__(self, path: str):
        self.path = Path(path)

    def send(self, to: str, text: str, *, reference: str | None = None) -> str:
        provider_id = "local-" + secrets.token_hex(8)
        line = json.dumps({"id": provider_id, "to": to, "text": text, "reference": reference,
                           "at": utcnow().isoformat()}, ensure_ascii=False)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        # One write of one line in append mode: lines of concurrent workers do not interleave.
        fd = os.open(self.path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
        with os.fdopen(fd, "a", encoding="utf-8") as f:
            f.write(line + "\n")
        return provider_id

    def messages(self, limit: int | None = None) -> list[dict]:
        """The messages kept, newest first."""
        if not self.path.exists():
            return []
        lines = self.path.read_text(encoding="utf-8").splitlines()
        kept = [json.loads(line) for line in reversed(lines) if line.strip()]
        return kept[:limit] if limit else kept


class HttpProvider:
    """A provider with a JSON API: ``POST SMS_API_URL`` with ``{"to", "text", "sender", "reference"}`` and
    ``Authorization: Bearer SMS_API_KEY``; it answers 2xx with ``{"id": …}``.

    A skeleton: adapt the payload to the contracted provider (most take these four fields under other names).
    """

    def __init__(self, url: str, key: str | None, sender: str, timeout: float):
        if not url or not url.startswith(("https://", "http://")):
            raise ValueError("SMS_API_URL must be an http(s) URL")
        self.url = url
        self.key = key
        self.sender = sender
        self.timeout = timeout

    def send(self, to: str, text: str, *, reference: str | None = None) -> str:
        payload = json.dumps({"to": to, "text": text, "sender": self.sender, "reference": reference}).encode()
        headers = {"Content-Type": "application/json", "Accept": "application/json"}
        if self.key:
            headers["Authorization"] = f"Bearer {self.key}"
        request = urllib.request.Request(self.url, data=payload, headers=headers, method="POST")
        try:
            # The scheme is checked in __init__: only http(s) to the configured provider.
            with urllib.request.urlopen(request, timeout=self.timeout) as response:  # nosec B310
                answer = json.loads(response.read(65536) or b"{}")
        except urllib.error.HTTPError as exc:
            if 400 <= exc.code < 500 and exc.code not in (408, 429):
                raise SmsRejected(f"provider refused the message: HTTP {exc.code}") from None
            raise SmsUnavailable(f"provider error: HTTP {exc.code}") from None
        except (OSError, ValueError) as exc:  # time-out, refused connection, an answer that is not JSON
            raise SmsUnavailable(f"provider unreachable: {exc}") from None
        provider_id = answer.get("id") if isinstance(answer, dict) else None
        if not provider_id:
            raise SmsUnavailable("provider answered without a message id")
        return str(provider_id)[:200]


def get_provider():
    """The configured provider, or None when SMS are not sent (``SMS_PROVIDER=none``)."""
    config = current_app.config
    name = (config.get("SMS_PROVIDER") or "none").lower()
    if name == "local":
        return LocalSink(config.get("SMS_SINK_PATH") or os.path.join(current_app.instance_path, "sms-sink.jsonl"))
    if name == "http":
        return HttpProvider(config.get("SMS_API_URL") or "", config.get("SMS_API_KEY"),
                            config.get("SMS_SENDER") or "ANEF", float(config.get("SMS_API_TIMEOUT") or 10))
    return None
