"""The home page offers a person exactly the procedures open to them today, in their département: the one they
pick, else their address's, else the kiosk's; then those opening there later, then the others, folded."""
import datetime as dt
import html

import pytest

from conftest import login


def _sections(body):
    """The procedure titles of each section of the home page, in order."""
    body = html.unescape(body)
    parts = {"open": body.split("Démarches ouvertes aujourd'hui", 1)[1]}
    parts["open"], _sep, rest = parts["open"].partition("<h2>Bientôt ouvertes pour vous</h2>") \
        if "Bientôt ouvertes pour vous" in parts["open"] else (parts["open"].partition("<details")[0], "", "")
    parts["coming"] = rest.partition("<details")[0]
    parts["elsewhere"] = body.partition("<details class=\"fr-mb-4w\">")[2]
    return parts


@pytest.fixture
def lyon_only(app):
    """Visiteur open in Rhône only; passeport talent opening in 10 days, in Rhône only; duplicata closed."""
    from anef.calendar.services import set_schedule

    with app.app_context():
        today = dt.date.today()
        set_schedule("visiteur", opens_on=today - dt.timedelta(days=5), territories=["69"], closed=False,
                     by_user_id=None)
        set_schedule("passeport_talent", opens_on=today + dt.timedelta(days=10), territories=["69"], closed=False,
                     by_user_id=None)
        set_schedule("duplicata", opens_on=None, territories=[], closed=True, by_user_id=None)


def test_a_person_who_picks_rhone_sees_what_is_open_there(client, lyon_only):
    parts = _sections(client.get("/", query_string={"departement": "69"}).get_data(as_text=True))
    assert "pour le département Rhône (69)" in html.unescape(client.get("/?departement=69").get_data(as_text=True))
    assert "Carte de séjour «\u00a0visiteur\u00a0»" in parts["open"]
    assert "Carte de séjour «\u00a0étudiant\u00a0»" in parts["open"]
    assert "«\u00a0talent\u00a0»" in parts["coming"] and "Ouverture le" in parts["coming"]
    assert "«\u00a0talent\u00a0»" not in parts["open"]
    assert "Duplicata" in parts["elsewhere"] and "Duplicata" not in parts["open"]


def test_in_paris_the_rhone_only_procedure_is_not_offered(client, lyon_only):
    parts = _sections(client.get("/", query_string={"departement": "75"}).get_data(as_text=True))
    assert "«\u00a0visiteur\u00a0»" not in parts["open"] and "«\u00a0visiteur\u00a0»" in parts["elsewhere"]
    assert "«\u00a0talent\u00a0»" not in parts["open"] and "«\u00a0talent\u00a0»" not in parts["coming"]
    assert "Carte de séjour «\u00a0étudiant\u00a0»" in parts["open"]


def test_without_a_departement_only_what_is_open_everywhere_is_offered(client, lyon_only):
    body = html.unescape(client.get("/").get_data(as_text=True))
    parts = _sections(body)
    assert "partout en France" in body
    assert "«\u00a0visiteur\u00a0»" not in parts["open"] and "«\u00a0visiteur\u00a0»" in parts["elsewhere"]
    assert "choisissez votre département" in body


def test_the_address_of_a_logged_in_person_gives_the_departement(app, client, make_user, lyon_only):
    from anef.accounts.models import User
    from anef.extensions import db

    user_id = make_user("lyonnaise@example.fr")
    with app.app_context():
        db.session.get(User, user_id).postcode = "69003"
        db.session.commit()
    login(client, "lyonnaise@example.fr")
    body = html.unescape(client.get("/").get_data(as_text=True))
    assert "pour le département Rhône (69)" in body
    assert "«\u00a0visiteur\u00a0»" in _sections(body)["open"]


def test_an_unknown_departement_is_said_beside_the_field(client):
    response = client.get("/", query_string={"departement": "999"})
    assert response.status_code == 422
    assert "Choisissez votre département dans la liste." in html.unescape(response.get_data(as_text=True))
