"""What a visit transfers on a slow mobile network: bytes and load time of four pages, first visit and later visit.

Usage: ``make bench-transfer`` (or ``.venv/bin/python -m bench.transfer``). Starts the application on the
embedded default (a throw-away SQLite database with the demo data), static files cached a year as in
production (their URLs carry the file's hash), and drives Chromium through Playwright with the network
throttled by the DevTools protocol to a "Regular 3G" profile: 750 kb/s down, 250 kb/s up, 100 ms latency.

For each page: a first visit with an empty cache (a fresh browser context, only the session cookie when the
page needs a logged-in applicant), then a later visit to the same page (the cache warm). Prints a table and the
dossier page's HTML size (the budget is 60 KB). Nothing is asserted.
"""
from __future__ import annotations

import logging
import os
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

PASSWORD = "demo-anef-2026!"
# kb/s are kilobits (1000 bits); the protocol wants bytes per second.
PROFILE = {"offline": False, "latency": 100, "downloadThroughput": 750_000 / 8, "uploadThroughput": 250_000 / 8}
HTML_BUDGET = 60 * 1024


def serve(instance: str):
    """Migrate a fresh SQLite database, load the demo, and serve the application; returns (base URL, stop,
    the reference of a filed dossier of usager@demo.anef.fr)."""
    from flask_migrate import upgrade
    from sqlalchemy import select
    from werkzeug.serving import make_server

    os.environ["ANEF_INSTANCE_PATH"] = instance
    from anef import create_app
    from anef.accounts.models import User
    from anef.demo import load_demo
    from anef.dossiers.models import Dossier
    from anef.extensions import db

    app = create_app({"SQLALCHEMY_DATABASE_URI": f"sqlite:///{instance}/anef.sqlite3",
                      "STORAGE_PATH": os.path.join(instance, "files"), "JOBS_SYNC": True,
                      "SEND_FILE_MAX_AGE_DEFAULT": 365 * 24 * 3600, "RATELIMIT_ENABLED": False})
    with app.app_context():
        upgrade()
        with app.test_request_context():
            load_demo(PASSWORD)
        owner = db.session.scalar(select(User.id).where(User.email == "usager@demo.anef.fr"))
        reference = db.session.scalar(select(Dossier.reference).where(
            Dossier.applicant_id == owner, Dossier.state == "depose").order_by(Dossier.id))
    logging.getLogger("werkzeug").setLevel(logging.WARNING)
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()

    def stop():
        server.shutdown()
        server.server_close()
        with app.app_context():
            db.session.remove()
            db.engine.dispose()

    return f"http://127.0.0.1:{server.server_port}", stop, reference


def visit(page, cdp, url: str) -> dict:
    """Load ``url`` once; bytes on the wire (headers and bodies, as compressed), requests, and load time."""
    requests: dict[str, dict] = {}

    def on_response(event):
        response = event["response"]
        cached = bool(response.get("fromDiskCache") or response.get("fromMemoryCache"))
        entry = requests.setdefault(event["requestId"], {})
        entry["cached"] = entry.get("cached", False) or cached

    def on_finished(event):
        requests.setdefault(event["requestId"], {})["bytes"] = event["encodedDataLength"]

    def on_cache(event):
        requests.setdefault(event["requestId"], {})["cached"] = True

    cdp.on("Network.responseReceived", on_response)
    cdp.on("Network.loadingFinished", on_finished)
    cdp.on("Network.requestServedFromCache", on_cache)
    started = time.monotonic()
    response = page.goto(url, wait_until="load")
    elapsed = time.monotonic() - started
    page.wait_for_timeout(200)  # the last loadingFinished events
    cdp.remove_listener("Network.responseReceived", on_response)
    cdp.remove_listener("Network.loadingFinished", on_finished)
    cdp.remove_listener("Network.requestServedFromCache", on_cache)
    return {"bytes": sum(r.get("bytes", 0) for r in requests.values()),
            "requests": sum(1 for r in requests.values() if not r.get("cached")),
            "from_cache": sum(1 for r in requests.values() if r.get("cached")),
            "seconds": elapsed, "html": len(response.body()) if response else 0}


def throttled_page(browser, base: str, storage_state=None):
    context = browser.new_context(base_url=base, storage_state=storage_state, locale="fr-FR",
                                  viewport={"width": 360, "height": 780})
    page = context.new_page()
    cdp = context.new_cdp_session(page)
    cdp.send("Network.enable")
    cdp.send("Network.emulateNetworkConditions", PROFILE)
    return context, page, cdp


def main() -> None:
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory(prefix="anef-transfer-") as instance:
        base, stop, reference = serve(instance)
        pages = [("home", "/", False), ("log-in page", "/compte/connexion", False),
                 ("applicant dashboard", "/dossiers/", True), ("dossier page", f"/dossiers/{reference}", True)]
        rows = []
        try:
            with sync_playwright() as playwright:
                # The Debian package, as the browser tests use (CHROMIUM to use another).
                browser = playwright.chromium.launch(
                    executable_path=os.environ.get("CHROMIUM", "/usr/bin/chromium"),
                    args=["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                          "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"])
                # The applicant's session cookie, from a log-in on an unthrottled browser.
                login_context = browser.new_context(base_url=base, locale="fr-FR")
                login_page = login_context.new_page()
                login_page.goto("/compte/connexion")
                login_page.get_by_label("Adresse électronique, numéro de portable ou identifiant").fill(
                    "usager@demo.anef.fr")
                login_page.get_by_label("Mot de passe", exact=True).fill(PASSWORD)
                login_page.get_by_role("main").get_by_role("button", name="Se connecter").click()
                login_page.wait_for_url("**/dossiers/")
                state = login_context.storage_state()
                login_context.close()
                for name, url, logged_in in pages:
                    context, page, cdp = throttled_page(browser, base, state if logged_in else None)
                    first = visit(page, cdp, url)
                    later = visit(page, cdp, url)
                    context.close()
                    rows.append((name, url, first, later))
                browser.close()
        finally:
            stop()

    print(f"Transfer on Regular 3G (750 kb/s down, 250 kb/s up, 100 ms latency), Chromium, {base}")
    print(f"{'page':<22} {'first visit':>24} {'later visit':>28} {'HTML':>9}")
    print(f"{'':<22} {'KB':>8} {'req':>4} {'load s':>8} {'KB':>10} {'req':>4} {'cached':>6} {'load s':>6} {'KB':>9}")
    for name, _url, first, later in rows:
        print(f"{name:<22} {first['bytes'] / 1024:>8.1f} {first['requests']:>4} {first['seconds']:>8.2f} "
              f"{later['bytes'] / 1024:>10.1f} {later['requests']:>4} {later['from_cache']:>6} "
              f"{later['seconds']:>6.2f} {first['html'] / 1024:>9.1f}")
    dossier_html = rows[-1][2]["html"]
    verdict = "under" if dossier_html < HTML_BUDGET else "OVER"
    print(f"\nDossier page HTML: {dossier_html / 1024:.1f} KB ({verdict} the 60 KB budget).")


if __name__ == "__main__":
    main()
