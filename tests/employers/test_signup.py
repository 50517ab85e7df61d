"""« Espace employeur »: an employer signs up with a SIRET checked by Luhn and by API Entreprise, confirms the
company shown, and gets an employer account; a mandataire states for which employer it acts."""
import re

from sqlalchemy import select

from anef.procedure_kit.testing import french
from conftest import PASSWORD, login

SIRET = "73282932000074"  # Luhn-valid: API Entreprise's simulator knows it as an active establishment
AGENCY = "44306184100047"
ACCOUNT = {"given_names": "Claire", "family_name": "Durand", "email": "Claire.Durand@Example.fr",
           "password": "une phrase assez longue", "password_confirm": "une phrase assez longue"}


def body(response):
    return response.get_data(as_text=True).replace("&#39;", "'")


def outbox(app):
    from anef.extensions import db
    from anef.notifications.models import OutboxMessage

    with app.app_context():
        return db.session.scalars(select(OutboxMessage).order_by(OutboxMessage.id)).all()


def test_the_employer_space_says_what_it_is_for(client):
    page = body(client.get("/employeur/"))
    assert "Espace employeur" in page and "/employeur/inscription" in page
    assert "Autorisation de travail d'un salarié étranger" in page
    assert "/employeur/" in body(client.get("/"))  # the home page sends employers there


def test_a_siret_failing_luhn_is_refused_beside_the_field_and_kept(client):
    response = client.post("/employeur/inscription", data={"capacity": "employeur", "siret": "732 829 320 00075",
                                                           "stage": "entreprise"})
    page = body(response)
    assert response.status_code == 422 and 'id="siret-error-1"' in page
    assert french("Ce numéro SIRET n'existe pas : vérifiez chaque chiffre.") in page
    assert 'value="732 829 320 00075"' in page


def test_a_closed_establishment_is_refused(client):
    response = client.post("/employeur/inscription", data={"capacity": "employeur", "siret": "73282932090000",
                                                           "stage": "entreprise"})
    assert response.status_code == 422 and "Cet établissement est fermé" in body(response)


def test_the_company_is_shown_then_the_account_is_created_and_confirmed(app, client):
    response = client.post("/employeur/inscription", data={"capacity": "employeur", "siret": "732 829 320 00074",
                                                           "stage": "entreprise"})
    page = body(response)
    assert response.status_code == 200 and "Entreprise trouvée par API Entreprise" in page
    assert "Entreprise de démonstration 732829320" in page and "6201Z" in page
    response = client.post("/employeur/inscription", data={"stage": "compte", "capacity": "employeur",
                                                           "siret": SIRET, "agency_siret": "", **ACCOUNT})
    assert response.status_code == 200 and "claire.durand@example.fr" in body(response)
    [message] = outbox(app)
    link = re.search(r"http://\S+", message.body).group(0).replace("http://localhost", "")
    assert client.get(link).status_code == 302
    assert login(client, "claire.durand@example.fr", ACCOUNT["password"]).location.endswith("/dossiers/")
    from anef.accounts.models import User
    from anef.employers.models import EmployerProfile
    from anef.extensions import db

    with app.app_context():
        user = db.session.scalar(select(User).where(User.email == "claire.durand@example.fr"))
        profile = db.session.get(EmployerProfile, user.id)
        assert user.is_employer and user.role == "applicant"
        assert (profile.siret, profile.company_name, profile.is_mandataire) == (
            SIRET, "Entreprise de démonstration 732829320", False)
    page = body(client.get("/employeur/"))
    assert "Votre entreprise" in page and SIRET in page


def test_hidden_fields_are_checked_again_when_the_account_is_created(app, client):
    response = client.post("/employeur/inscription", data={"stage": "compte", "capacity": "employeur",
                                                           "siret": "73282932090000", "agency_siret": "", **ACCOUNT})
    assert response.status_code == 422 and "Cet établissement est fermé" in body(response)
    assert outbox(app) == []


def test_going_back_from_the_confirmation_keeps_the_siret(client):
    response = client.post("/employeur/inscription", data={"stage": "compte", "modifier": "1",
                                                           "capacity": "employeur", "siret": SIRET, **ACCOUNT})
    page = body(response)
    assert response.status_code == 200 and "Étape 1 sur 2" in page and f'value="{SIRET}"' in page


def test_a_mandataire_gives_the_employers_siret_and_its_own(app, client):
    response = client.post("/employeur/inscription", data={"capacity": "mandataire", "siret": SIRET,
                                                           "agency_siret": "", "stage": "entreprise"})
    assert response.status_code == 422 and 'id="agency_siret-error-1"' in body(response)
    response = client.post("/employeur/inscription", data={"capacity": "mandataire", "siret": SIRET,
                                                           "agency_siret": AGENCY, "stage": "entreprise"})
    page = body(response)
    assert "Entreprise de démonstration 443061841" in page and "Mandataire" in page
    client.post("/employeur/inscription", data={"stage": "compte", "capacity": "mandataire", "siret": SIRET,
                                                "agency_siret": AGENCY, **ACCOUNT})
    from anef.accounts.models import User
    from anef.employers.models import EmployerProfile
    from anef.employers.services import employer_answers
    from anef.extensions import db

    with app.app_context():
        user = db.session.scalar(select(User).where(User.email == "claire.durand@example.fr"))
        profile = db.session.get(EmployerProfile, user.id)
        assert profile.is_mandataire and profile.siret == SIRET and profile.agency_siret == AGENCY
        assert employer_answers(user)["mandataire_siret"] == AGENCY


def test_an_address_with_an_account_gets_the_same_answer_and_no_company(app, client, applicant):
    response = client.post("/employeur/inscription", data={"stage": "compte", "capacity": "employeur",
                                                           "siret": SIRET, **{**ACCOUNT, "email": "usager@example.fr"}})
    assert response.status_code == 200 and "usager@example.fr" in body(response)
    assert [m.subject for m in outbox(app)] == ["Vous avez déjà un compte"]
    from anef.accounts.models import User
    from anef.extensions import db

    with app.app_context():
        assert not db.session.scalar(select(User).where(User.email == "usager@example.fr")).is_employer


def test_a_persons_account_is_told_to_open_an_employer_account(client, applicant):
    login(client, "usager@example.fr", PASSWORD)
    assert "compte personnel" in body(client.get("/employeur/"))
