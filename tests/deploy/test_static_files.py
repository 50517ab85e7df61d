"""Static files for a year: hashed URLs, gzip; and the client's address behind a load balancer."""
import gzip
import re
from pathlib import Path

from conftest import make_app

STATIC = Path(__file__).resolve().parents[2] / "anef" / "static"


def test_static_urls_carry_a_hash_of_the_file_so_a_release_is_seen_at_once(client):
    page = client.get("/").get_data(as_text=True)
    versions = dict(re.findall(r'/static/(vendor/dsfr/dsfr\.min\.css|css/anef\.css)\?v=([0-9a-f]{12})"', page))
    assert set(versions) == {"vendor/dsfr/dsfr.min.css", "css/anef.css"}
    assert versions["css/anef.css"] != versions["vendor/dsfr/dsfr.min.css"]


def test_stylesheets_and_scripts_go_out_gzipped_to_browsers_that_accept_it(client):
    original = (STATIC / "vendor/dsfr/dsfr.min.css").read_bytes()
    response = client.get("/static/vendor/dsfr/dsfr.min.css", headers={"Accept-Encoding": "gzip, br"})
    assert response.status_code == 200 and response.headers["Content-Encoding"] == "gzip"
    assert "Accept-Encoding" in response.headers["Vary"]
    assert len(response.data) < len(original) / 4 and gzip.decompress(response.data) == original
    with client.get("/static/vendor/dsfr/dsfr.min.css") as plain:
        assert "Content-Encoding" not in plain.headers and plain.data == original
    # Images are already compressed: sent as they are.
    with client.get("/static/vendor/dsfr/favicon/apple-touch-icon.png", headers={"Accept-Encoding": "gzip"}) as png:
        assert png.status_code == 200 and "Content-Encoding" not in png.headers


def _home_headers(app, headers):
    from anef.extensions import db

    try:
        return app.test_client().get("/", headers=headers).headers
    finally:
        with app.app_context():
            db.session.remove()
            db.engine.dispose()  # an extra app: its connections are closed here, not at exit


def test_behind_a_load_balancer_the_client_scheme_comes_from_its_headers(instance_dir, _database):
    forwarded = {"X-Forwarded-Proto": "https", "X-Forwarded-For": "203.0.113.9"}
    assert "Strict-Transport-Security" not in _home_headers(make_app(instance_dir, _database), forwarded)
    assert "Strict-Transport-Security" in _home_headers(make_app(instance_dir, _database, PROXY_HOPS=1), forwarded)
