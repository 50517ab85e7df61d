"""The language a person picks just before logging in wins over the one their account remembers, and the
account then remembers it; a language the person did not pick (kept after someone else's log-out) does not."""
from __future__ import annotations

import re

from conftest import login


def _html_lang(response) -> str:
    return re.search(r'<html lang="([^"]+)"', response.get_data(as_text=True)).group(1)


def _locale(app, user_id):
    from anef.accounts.models import User
    from anef.extensions import db

    with app.app_context():
        return db.session.get(User, user_id).locale


def test_a_language_picked_before_log_in_is_kept_and_stored_on_the_account(app, client, make_user):
    user_id = make_user("amal@example.fr", locale="zh")
    assert _html_lang(client.get("/?lang=ar")) == "ar"
    response = login(client, "amal@example.fr")
    assert response.status_code == 302
    page = client.get("/dossiers/")
    assert _html_lang(page) == "ar"
    assert 'dir="rtl"' in page.get_data(as_text=True)
    assert _locale(app, user_id) == "ar"


def test_without_a_pick_the_account_language_is_used(app, client, make_user):
    user_id = make_user("li@example.fr", locale="zh")
    login(client, "li@example.fr")
    assert _html_lang(client.get("/dossiers/", headers={"Accept-Language": "en"})) == "zh-Hans"
    assert _locale(app, user_id) == "zh"


def test_the_previous_persons_language_is_not_a_pick(app, client, make_user):
    make_user("li@example.fr", locale="zh")
    other_id = make_user("john@example.fr", locale="en")
    login(client, "li@example.fr")
    client.post("/compte/deconnexion")
    # The log-out page stays in the language of the person who left...
    assert _html_lang(client.get("/")) == "zh-Hans"
    # ...but the next person did not choose it: their account's language comes back, and is not changed.
    login(client, "john@example.fr")
    assert _html_lang(client.get("/dossiers/")) == "en"
    assert _locale(app, other_id) == "en"


def test_a_pick_after_someone_elses_log_out_is_kept(app, client, make_user):
    make_user("li@example.fr", locale="zh")
    other_id = make_user("john@example.fr", locale="en")
    login(client, "li@example.fr")
    client.post("/compte/deconnexion")
    client.get("/?lang=fr")
    login(client, "john@example.fr")
    assert _html_lang(client.get("/dossiers/")) == "fr"
    assert _locale(app, other_id) == "fr"
