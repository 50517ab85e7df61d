"""Fixtures of the notification tests: a real SMTP server and a tiny SMS provider on loopback, a sink per test."""
from __future__ import annotations

import asyncio
import email
import email.policy
import json
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest


@dataclass
class SmtpServer:
    """An aiosmtpd server on 127.0.0.1 (port chosen by the system); ``messages`` is what it accepted."""

    port: int = 0
    messages: list = field(default_factory=list)
    refuse: set = field(default_factory=set)

    def wait_for(self, count: int, timeout: float = 10) -> list:
        deadline = time.time() + timeout
        while len(self.messages) < count and time.time() < deadline:
            time.sleep(0.05)
        return self.messages


class _Handler:
    def __init__(self, server: SmtpServer):
        self.server = server

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address in self.server.refuse:
            return "550 5.1.1 No such mailbox"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        message = email.message_from_bytes(envelope.original_content or envelope.content, policy=email.policy.default)
        self.server.messages.append({"from": envelope.mail_from, "to": list(envelope.rcpt_tos), "message": message})
        return "250 Message accepted for delivery"


@pytest.fixture
def smtp_server(app):
    """A real SMTP server on loopback, and the application pointed at it for the test."""
    from aiosmtpd.smtp import SMTP

    state = SmtpServer()
    loop = asyncio.new_event_loop()
    ready = threading.Event()
    holder = {}

    def run():
        asyncio.set_event_loop(loop)
        server = loop.run_until_complete(loop.create_server(
            lambda: SMTP(_Handler(state), hostname="smtp.test.localhost"), "127.0.0.1", 0))
        holder["server"] = server
        state.port = server.sockets[0].getsockname()[1]
        ready.set()
        loop.run_forever()

    thread = threading.Thread(target=run, name="test-smtp", daemon=True)
    thread.start()
    assert ready.wait(10)

    async def shutdown():
        holder["server"].close()
        await holder["server"].wait_closed()
        tasks = [t for t in asyncio.all_tasks() if t is not asyncio.current_task()]
        for task in tasks:
            task.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)

    saved = {k: app.config.get(k) for k in ("MAIL_SERVER", "MAIL_PORT")}
    app.config.update(MAIL_SERVER="127.0.0.1", MAIL_PORT=state.port)
    try:
        yield state
    finally:
        app.config.update(saved)
        asyncio.run_coroutine_threadsafe(shutdown(), loop).result(10)
        loop.call_soon_threadsafe(loop.stop)
        thread.join(10)
        loop.close()


@pytest.fixture
def sms_sink(app, tmp_path):
    """The local SMS provider writing to a file of this test; returns the sink to read it."""
    from anef.notifications.sms import LocalSink

    saved = {k: app.config.get(k) for k in ("SMS_PROVIDER", "SMS_SINK_PATH")}
    path = tmp_path / "sms.jsonl"
    app.config.update(SMS_PROVIDER="local", SMS_SINK_PATH=str(path))
    yield LocalSink(str(path))
    app.config.update(saved)


@dataclass
class SmsApi:
    """A tiny SMS provider: records each request; answers with ``status`` (and sleeps ``delay`` first)."""

    url: str = ""
    requests: list = field(default_factory=list)
    status: int = 200
    delay: float = 0.0


@pytest.fixture
def sms_api(app):
    """An HTTP SMS provider on loopback, and the application configured to use it."""
    api = SmsApi()

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self):
            body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
            api.requests.append({"path": self.path, "headers": dict(self.headers), "json": json.loads(body)})
            time.sleep(api.delay)
            answer = json.dumps({"id": f"prov-{len(api.requests)}"} if api.status == 200 else {"error": "no"})
            self.send_response(api.status)
            self.send_header("Content-Type", "application/json")
            self.end_headers()
            self.wfile.write(answer.encode())

        def log_message(self, *args):
            pass

    class Server(ThreadingHTTPServer):
        def handle_error(self, request, client_address):
            pass  # the client gave up (the time-out test): that is the point, not an error

    server = Server(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, name="test-sms-api", daemon=True)
    thread.start()
    api.url = f"http://127.0.0.1:{server.server_port}/v1/sms"
    keys = ("SMS_PROVIDER", "SMS_API_URL", "SMS_API_KEY", "SMS_SENDER", "SMS_API_TIMEOUT")
    saved = {k: app.config.get(k) for k in keys}
    app.config.update(SMS_PROVIDER="http", SMS_API_URL=api.url, SMS_API_KEY="test-key", SMS_SENDER="PREFECTURE",
                      SMS_API_TIMEOUT=1)
    try:
        yield api
    finally:
        app.config.update(saved)
        server.shutdown()
        server.server_close()
        thread.join(10)


@pytest.fixture
def contact(app):
    """Set contact details on a user: contact(user_id, mobile_phone=…, address=(lines, postcode, town), …)."""
    def set_details(user_id, *, mobile_phone=None, address=None, email=True, sms=True, post=False, locale=None):
        from anef.accounts.models import User
        from anef.extensions import db

        with app.app_context():
            user = db.session.get(User, user_id)
            user.mobile_phone = mobile_phone
            if address:
                user.address_lines, user.postcode, user.town = address
            user.notify_email, user.notify_sms, user.notify_post = email, sms, post
            if locale:
                user.locale = locale
            db.session.commit()
        return user_id
    return set_details
