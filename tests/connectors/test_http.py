"""A connector's real endpoint: the subject posted as JSON to a tiny local server on port 0; every failure is an
answer (error, timeout), never an exception."""
import json
import socket
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from anef.connectors.base import ERROR, HIT, TIMEOUT, Subject
from anef.connectors.http import HttpConnector
from anef.connectors.registry import get_connector, timeout_for


class Endpoint:
    """What the server answers next, and what it received."""

    def __init__(self):
        self.status = 200
        self.body = json.dumps({"status": "hit", "summary": "Fiche trouvée.", "evidence": [["Fiche", "F-1"]],
                                "details": {"fiche": "F-1"}}).encode()
        self.delay = 0.0
        self.received = []
        self.url = ""


@pytest.fixture
def endpoint():
    api = Endpoint()

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self):
            length = int(self.headers.get("Content-Length", 0))
            api.received.append({"headers": dict(self.headers), "json": json.loads(self.rfile.read(length))})
            time.sleep(api.delay)
            self.send_response(api.status)
            self.send_header("Content-Type", "application/json")
            self.end_headers()
            self.wfile.write(api.body)

        def log_message(self, *args):
            pass

    class Server(ThreadingHTTPServer):
        def handle_error(self, request, client_address):
            pass  # the client gave up on a slow answer: that is the time-out test

    server = Server(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, name="test-connector", daemon=True)
    thread.start()
    api.url = f"http://127.0.0.1:{server.server_port}/fpr"
    try:
        yield api
    finally:
        server.shutdown()
        server.server_close()
        thread.join(10)


@pytest.fixture(autouse=True)
def _context(ctx):
    yield


SUBJECT = Subject(family_name="ZHANG", given_names="Mei", birth_date="2002-03-14", passport_number="EA1234567")


def test_the_subject_is_posted_as_json_and_the_answer_read(endpoint):
    result = HttpConnector("fpr", endpoint.url, timeout=2, token="secret").query(SUBJECT)
    assert result.status == HIT and result.summary == "Fiche trouvée." and result.evidence == (("Fiche", "F-1"),)
    sent = endpoint.received[0]
    assert sent["json"]["connector"] == "fpr" and sent["json"]["subject"]["family_name"] == "ZHANG"
    assert sent["headers"]["Authorization"] == "Bearer secret"


@pytest.mark.parametrize("status,body", [(500, b"{}"), (200, b"not json"), (200, b'{"status": "maybe"}'),
                                         (200, b'{"status": "ok", "summary": 3}'), (404, b"")])
def test_an_http_error_or_an_answer_out_of_format_is_an_error(endpoint, status, body):
    endpoint.status, endpoint.body = status, body
    assert HttpConnector("fpr", endpoint.url, timeout=2).query(SUBJECT).status == ERROR


def test_a_slow_system_times_out(endpoint):
    endpoint.delay = 1.5
    started = time.monotonic()
    result = HttpConnector("fpr", endpoint.url, timeout=0.3).query(SUBJECT)
    assert result.status == TIMEOUT and "0.3" in result.summary
    assert time.monotonic() - started < 1.4


def test_a_refused_connection_is_an_error():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    result = HttpConnector("fpr", f"http://127.0.0.1:{port}/", timeout=1).query(SUBJECT)
    assert result.status == ERROR


def test_only_http_urls_are_accepted():
    with pytest.raises(ValueError):
        HttpConnector("fpr", "file:///etc/passwd", timeout=1)


def test_the_url_setting_chooses_the_real_endpoint_and_the_time_out_setting_applies(app, endpoint):
    assert get_connector("fpr").query(SUBJECT).status == "not_found"  # the simulator
    app.config.update(CONNECTOR_FPR_URL=endpoint.url, CONNECTOR_TIMEOUT="4", CONNECTOR_FPR_TIMEOUT=None)
    try:
        connector = get_connector("fpr")
        assert isinstance(connector, HttpConnector) and connector.timeout == 4.0
        assert connector.query(SUBJECT).status == HIT
        app.config["CONNECTOR_FPR_TIMEOUT"] = "0.5"
        assert timeout_for("fpr") == 0.5 and timeout_for("cjn") == 4.0
    finally:
        for key in ("CONNECTOR_FPR_URL", "CONNECTOR_TIMEOUT", "CONNECTOR_FPR_TIMEOUT"):
            app.config.pop(key, None)
