"""The home page is rendered once for every anonymous visitor of a language and a département: each answer still
has its own script nonce and CSRF token, and nothing personal is ever kept or shown to someone else."""
import re

import pytest

from conftest import login

NONCE = re.compile(r'<script nonce="([^"]+)"')
HX_CSRF = re.compile(r'"X-CSRFToken": "([^"]+)"')


@pytest.fixture
def csrf_app(instance_dir, _database, app):
    """The suite's application with CSRF checks on (the suite's own turns them off)."""
    from anef.extensions import db
    from conftest import make_app

    application = make_app(instance_dir, _database)
    yield application
    with application.app_context():
        db.engine.dispose()  # its own pool: closed here, not left to the garbage collector


def test_each_anonymous_visitor_gets_the_kept_page_with_their_own_nonce_and_token(csrf_app):
    from anef.extensions import db
    from anef.testing.queries import count_queries

    first, second = csrf_app.test_client(), csrf_app.test_client()
    with csrf_app.app_context():
        engine = db.engine
    with count_queries(engine) as rendering:
        pages = [first.get("/")]
    with count_queries(engine) as kept:
        pages.append(second.get("/"))
    assert len(rendering) >= 1 and len(kept) == 0  # the calendar is read once
    for page in pages:
        body = page.get_data(as_text=True)
        nonces = set(NONCE.findall(body))
        assert len(nonces) == 1 and f"'nonce-{nonces.pop()}'" in page.headers["Content-Security-Policy"]
        assert "\x00" not in body
    bodies = [page.get_data(as_text=True) for page in pages]
    assert NONCE.findall(bodies[0])[0] != NONCE.findall(bodies[1])[0]
    assert HX_CSRF.search(bodies[0]).group(1) != HX_CSRF.search(bodies[1]).group(1)
    # Apart from them, the same page.
    assert NONCE.sub("", HX_CSRF.sub("", bodies[0])) == NONCE.sub("", HX_CSRF.sub("", bodies[1]))
    # The second visitor's token, from the kept page, is accepted for their own session (a wrong password is
    # refused as such, not as an expired form).
    answer = second.post("/compte/connexion", data={"email": "personne@example.fr", "password": "faux"},
                         headers={"X-CSRFToken": HX_CSRF.search(bodies[1]).group(1)})
    assert answer.status_code == 401  # not 400, the expired form's answer


def test_a_logged_in_person_s_home_is_never_kept_nor_shown_to_others(client, app, applicant):
    anonymous = app.test_client()
    assert "Se connecter" in anonymous.get("/").get_data(as_text=True)
    login(client, "usager@example.fr")
    mine = client.get("/").get_data(as_text=True)
    assert "Se déconnecter" in mine
    assert "Se déconnecter" not in anonymous.get("/").get_data(as_text=True)


def test_a_message_waiting_for_the_visitor_is_shown_to_them_only(client, app, applicant):
    login(client, "usager@example.fr")
    client.post("/compte/deconnexion")
    assert "Vous êtes déconnecté" in client.get("/").get_data(as_text=True)
    assert "Vous êtes déconnecté" not in app.test_client().get("/").get_data(as_text=True)


def test_a_change_of_the_calendar_shows_at_once(app, client):
    import datetime as dt

    from anef.calendar.services import set_schedule

    def opening_later():
        body = client.get("/").get_data(as_text=True)
        return body.partition("Bientôt ouvertes pour vous")[2].partition("<details")[0]

    assert "Carte de séjour «\u00a0visiteur\u00a0»" not in opening_later()
    with app.app_context():
        set_schedule("visiteur", opens_on=dt.date.today() + dt.timedelta(days=30), territories=[], closed=False,
                     by_user_id=None)
    assert "Carte de séjour «\u00a0visiteur\u00a0»" in opening_later()
