"""Browser journeys: a live server with CSRF on, a phone-sized Chromium context, and an accessibility check.

The live server is a second application on the suite's test database, built like production builds it
(CSRF protection enabled), served by Werkzeug in a daemon thread.
"""
from __future__ import annotations

import contextlib
import logging
import threading
from pathlib import Path

import pytest
from werkzeug.serving import make_server

from conftest import make_app

PHONE_WIDTH = 360
PHONE_HEIGHT = 780
AXE_PATH = Path(__file__).with_name("axe.min.js")
HERE = Path(__file__).parent.resolve()


def pytest_collection_modifyitems(config, items):
    """Every test under tests/browser is a browser test (``-m "not browser"`` leaves them out); each test
    module also says so with ``pytestmark``."""
    for item in items:
        if HERE in Path(str(item.path)).resolve().parents:
            item.add_marker(pytest.mark.browser)
            # When Chromium drops a connection mid-download (it does for static files it no longer needs),
            # Werkzeug's development server leaves that static file to the garbage collector. Only those
            # files are let through; any other unraisable error still fails the test.
            item.add_marker(pytest.mark.filterwarnings(
                r"ignore:Exception ignored in. <_io.FileIO name='[^']*/anef/static/"
                r":pytest.PytestUnraisableExceptionWarning"))


@contextlib.contextmanager
def serve(live_app, name: str):
    """Serve ``live_app`` over HTTP on a port the system picks, in a thread; yields its base URL and, on leaving,
    stops the server and releases its database connections."""
    # One log line per request and per static file would drown a failure's report.
    werkzeug_log = logging.getLogger("werkzeug")
    level = werkzeug_log.level
    werkzeug_log.setLevel(logging.WARNING)
    server = make_server("127.0.0.1", 0, live_app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, name=name, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}"
    finally:
        server.shutdown()
        server.server_close()
        from anef.extensions import db

        with live_app.app_context():
            db.session.remove()
            db.engine.dispose()
        thread.join(timeout=10)
        werkzeug_log.setLevel(level)


@pytest.fixture(scope="session")
def live_server(app, instance_dir, _database):
    """Base URL of the application served over HTTP, with CSRF protection enabled.

    Depends on ``app`` so that the migrations have run on the test database first.
    """
    live_app = make_app(instance_dir, _database)
    assert live_app.config.get("WTF_CSRF_ENABLED", True), "the live server must check CSRF tokens"
    with serve(live_app, "anef-live-server") as url:
        yield url


@pytest.fixture(scope="session")
def base_url(live_server):
    """Relative URLs in page.goto() go to the live server.

    Also replaces pytest-playwright's own ``base_url`` fixture, an instance method that pytest 9 warns
    about (and the suite turns warnings into errors).
    """
    return live_server


@pytest.fixture
def phone_context(new_context):
    """A browser context the size of a small phone, in French.

    ``bypass_csp`` is only there so that axe-core can be injected: the application sends a strict CSP.
    """
    context = new_context(viewport={"width": PHONE_WIDTH, "height": PHONE_HEIGHT}, bypass_csp=True,
                          locale="fr-FR", accept_downloads=True)
    context.set_default_timeout(10_000)
    return context


@pytest.fixture
def context(phone_context):
    """pytest-playwright's ``page`` fixture opens its page in the phone context."""
    return phone_context


def _describe(violation: dict) -> str:
    lines = [f"- [{violation.get('impact') or 'n/a'}] {violation['id']}: {violation['help']}",
             f"  {violation.get('helpUrl', '')}"]
    for node in violation.get("nodes", [])[:10]:
        target = " > ".join(" ".join(t) if isinstance(t, list) else str(t) for t in node.get("target", []))
        lines.append(f"    * {target}")
        summary = (node.get("failureSummary") or "").strip().replace("\n", "\n      ")
        if summary:
            lines.append(f"      {summary}")
        html = (node.get("html") or "").strip()
        if html:
            lines.append(f"      {html[:300]}")
    if len(violation.get("nodes", [])) > 10:
        lines.append(f"    … and {len(violation['nodes']) - 10} more nodes")
    return "\n".join(lines)


def assert_accessible(page) -> None:
    """Fail if axe-core finds any violation (WCAG 2.x A/AA and best practices, its default rules) on the
    current page, or if the page scrolls horizontally at phone width."""
    page.wait_for_load_state("load")
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        page.add_script_tag(path=str(AXE_PATH))
    results = page.evaluate("async () => await axe.run(document)")
    violations = results["violations"]
    if violations:
        report = "\n".join(_describe(v) for v in violations)
        pytest.fail(f"axe found {len(violations)} accessibility violation(s) on {page.url}:\n{report}",
                    pytrace=False)
    scroll_width = page.evaluate("() => document.documentElement.scrollWidth")
    if scroll_width > PHONE_WIDTH:
        wide = page.evaluate(
            """(limit) => Array.from(document.querySelectorAll('body *'))
                 .filter(e => e.getBoundingClientRect().right > limit + 0.5)
                 .slice(0, 10)
                 .map(e => `${e.tagName.toLowerCase()}${e.id ? '#' + e.id : ''}`
                           + `${e.className && typeof e.className === 'string' ? '.' + e.className.trim().split(/\\s+/).join('.') : ''}`
                           + ` (right edge ${Math.round(e.getBoundingClientRect().right)}px)`)""",
            PHONE_WIDTH)
        pytest.fail(f"{page.url} scrolls horizontally at {PHONE_WIDTH}px: scrollWidth is {scroll_width}px. "
                    f"Widest elements:\n  " + "\n  ".join(wide), pytrace=False)
