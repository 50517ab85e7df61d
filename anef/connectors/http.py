"""A connector reached over HTTP: ``POST`` the subject as JSON to the configured endpoint.

The exchange (the same for every system; a gateway of the ministry adapts it to each one):

    request   {"connector": "fpr", "subject": {"family_name": …, "birth_date": …, …}}
    answer    {"status": "ok|hit|not_found", "summary": "…", "evidence": [["label", "value"], …],
               "details": {…}}

A time-out gives ``timeout``; a refused connection, an HTTP error or an answer that does not follow the
format gives ``error``. Nothing raises: a slow or broken system never breaks the agent's screen.
"""
from __future__ import annotations

import json
import socket
import urllib.error
import urllib.request

from flask_babel import gettext as _

from anef.connectors.base import ERROR, HIT, NOT_FOUND, OK, TIMEOUT, ConnectorResult, Subject

MAX_ANSWER_BYTES = 256 * 1024


class HttpConnector:
    """One system's real endpoint."""

    def __init__(self, code: str, url: str, timeout: float, token: str | None = None):
        if not url.startswith(("https://", "http://")):
            raise ValueError(f"the URL of connector {code} must be http(s)")
        self.code = code
        self.url = url
        self.timeout = timeout
        self.token = token

    def query(self, subject: Subject) -> ConnectorResult:
        payload = json.dumps({"connector": self.code, "subject": subject.as_dict()}).encode()
        headers = {"Content-Type": "application/json", "Accept": "application/json"}
        if self.token:
            headers["Authorization"] = f"Bearer {self.token}"
        request = urllib.request.Request(self.url, data=payload, headers=headers, method="POST")
        try:
            # The scheme is checked in __init__: only http(s) to the configured endpoint.
            with urllib.request.urlopen(request, timeout=self.timeout) as response:  # nosec B310
                body = response.read(MAX_ANSWER_BYTES + 1)
        except urllib.error.HTTPError as exc:
            return ConnectorResult(ERROR, _("Le système a répondu par une erreur (HTTP %(code)s).", code=exc.code),
                                   details={"http_status": exc.code})
        except (TimeoutError, socket.timeout):
            return _timed_out(self.timeout)
        except urllib.error.URLError as exc:
            if isinstance(exc.reason, (TimeoutError, socket.timeout)):
                return _timed_out(self.timeout)
            return ConnectorResult(ERROR, _("Le système ne répond pas."), details={"error": str(exc.reason)[:200]})
        except OSError as exc:  # the connection dropped mid-answer
            return ConnectorResult(ERROR, _("Le système ne répond pas."), details={"error": str(exc)[:200]})
        return parse_answer(body)


def _timed_out(seconds: float) -> ConnectorResult:
    return ConnectorResult(TIMEOUT, _("Pas de réponse en %(seconds)s secondes.", seconds=f"{seconds:g}"),
                           details={"timeout": seconds})


def parse_answer(body: bytes) -> ConnectorResult:
    """Read an endpoint's JSON answer; anything outside the format is an ``error``."""
    invalid = ConnectorResult(ERROR, _("Réponse du système illisible."))
    if len(body) > MAX_ANSWER_BYTES:
        return invalid
    try:
        answer = json.loads(body)
    except ValueError:
        return invalid
    if not isinstance(answer, dict) or answer.get("status") not in (OK, HIT, NOT_FOUND):
        return invalid
    summary = answer.get("summary")
    evidence = answer.get("evidence") or []
    details = answer.get("details") or {}
    if not isinstance(summary, str) or not isinstance(details, dict) or not isinstance(evidence, list):
        return invalid
    pairs = []
    for pair in evidence[:50]:
        if not (isinstance(pair, list) and len(pair) == 2 and all(isinstance(p, str) for p in pair)):
            return invalid
        pairs.append((pair[0][:200], pair[1][:1000]))
    return ConnectorResult(answer["status"], summary[:500], evidence=tuple(pairs), details=details)
