"""« Mes coordonnées et notifications »: a mobile in E.164, a postal address, the channels wanted."""
from __future__ import annotations

import html

import pytest

from conftest import login

GOOD = {"mobile_phone": "06 12 34 56 78", "address_lines": "12 rue de la Roquette\r\nBâtiment B",
        "postcode": "75011", "town": "Paris", "notify_email": "y", "notify_sms": "y"}


def saved(app, user_id):
    from anef.accounts.models import User
    from anef.extensions import db

    with app.app_context():
        u = db.session.get(User, user_id)
        return (u.mobile_phone, u.address_lines, u.postcode, u.town, u.notify_email, u.notify_sms, u.notify_post)


def test_the_person_saves_a_mobile_and_an_address(app, client, applicant):
    login(client, "usager@example.fr")
    page = client.get("/compte/coordonnees").get_data(as_text=True)
    assert "Mes coordonnées et notifications" in page and "usager@example.fr" in page
    assert "vous êtes prévenu par courriel." in html.unescape(page)
    response = client.post("/compte/coordonnees", data=GOOD, follow_redirects=True)
    page = html.unescape(response.get_data(as_text=True))
    assert "Vos coordonnées et vos choix de notification sont enregistrés." in page
    assert "vous êtes prévenu par courriel, par SMS." in page
    assert 'value="06 12 34 56 78"' in page  # shown as people write it
    assert saved(app, applicant) == ("+33612345678", "12 rue de la Roquette\nBâtiment B", "75011", "Paris",
                                     True, True, False)


@pytest.mark.parametrize(("number", "stored"), [
    ("+44 7911 123456", "+447911123456"), ("0692 12 34 56", "+262692123456"), ("+33 6 12 34 56 78", "+33612345678")])
def test_foreign_and_overseas_mobiles_are_understood(app, client, applicant, number, stored):
    login(client, "usager@example.fr")
    assert client.post("/compte/coordonnees", data={**GOOD, "mobile_phone": number}).status_code == 302
    assert saved(app, applicant)[0] == stored


@pytest.mark.parametrize(("changes", "field", "message"), [
    ({"mobile_phone": "06 12"}, "mobile_phone", "Indiquez un numéro de portable valide"),
    ({"mobile_phone": "01 42 76 40 40"}, "mobile_phone", "téléphone fixe"),
    ({"mobile_phone": ""}, "mobile_phone", "Indiquez votre numéro de portable pour recevoir des SMS."),
    ({"postcode": "7501"}, "postcode", "Le code postal compte 5 chiffres"),
    ({"town": ""}, "town", "Complétez l'adresse"),
    ({"address_lines": "Résidence des Grands Chênes, escalier C, appartement 12"}, "address_lines", "38 caractères"),
    ({"address_lines": "", "postcode": "", "town": "", "notify_post": "y", "notify_sms": ""}, "address_lines",
     "Indiquez votre adresse pour recevoir des courriers."),
    ({"notify_email": "", "notify_sms": "", "address_lines": "", "postcode": "", "town": ""}, "notify_email",
     "Choisissez au moins un moyen d'être prévenu."),
])
def test_bad_input_is_explained_beside_the_field_and_nothing_is_lost(app, client, applicant, changes, field,
                                                                      message):
    login(client, "usager@example.fr")
    assert client.post("/compte/coordonnees", data=GOOD).status_code == 302
    before = saved(app, applicant)
    data = {k: v for k, v in {**GOOD, **changes}.items() if v != ""}
    response = client.post("/compte/coordonnees", data=data)
    assert response.status_code == 422
    page = html.unescape(response.get_data(as_text=True))
    # The message sits in the field's own message group, and what was typed is still there.
    group = page.split(f'id="{field}-messages"')[1].split("</div>")[0]
    assert message in group.replace("\u00a0", " ")
    for name in ("mobile_phone", "postcode", "town"):
        if data.get(name):
            assert f'value="{data[name]}"' in page
    assert saved(app, applicant) == before


def test_without_email_or_sms_the_person_is_written_to(app, client, applicant):
    login(client, "usager@example.fr")
    data = {k: v for k, v in GOOD.items() if k not in ("notify_email", "notify_sms", "mobile_phone")}
    response = client.post("/compte/coordonnees", data=data, follow_redirects=True)
    assert "vous êtes prévenu par courrier postal." in html.unescape(response.get_data(as_text=True))


def test_agents_have_no_contact_page(client, agent_75):
    login(client, "instructeur75@example.fr")
    assert client.get("/compte/coordonnees").status_code == 404
