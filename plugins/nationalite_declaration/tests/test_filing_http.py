"""A declaration by marriage through the real screens, without JavaScript: closed before February 2023, a marriage
too recent sent to naturalisation with its date, then filed from Nantes, routed to its platform and registered."""
import datetime as dt
import re

from freezegun import freeze_time

from anef.procedure_kit.testing import file_through_screens, take_and_decide
from conftest import login
from plugins.nationalite_declaration.samples import sample_answers, sample_eligibility

DAY = dt.date(2023, 3, 1)


def test_closed_before_its_opening_date(client, applicant):
    with freeze_time("2023-01-10 09:00:00"):
        login(client, "usager@example.fr")
        response = client.get("/dossiers/nouveau/nationalite_declaration")
        assert response.status_code == 403 and "Elle ouvrira le 5 février 2023" in response.get_data(as_text=True)


def test_a_declaration_by_marriage_through_the_screens(app, client, applicant, make_user):
    make_user("instructeur.nat44@example.fr", role="instructeur", service="nat-44")
    with freeze_time("2023-03-01 09:00:00"):
        login(client, "usager@example.fr")
        recent = {**sample_eligibility(DAY), "date_mariage": "2021-06-12"}
        body = client.post("/dossiers/nouveau/nationalite_declaration", data=recent).get_data(as_text=True)
        assert "à partir du 12 juin 2025" in body and 'href="/dossiers/nouveau/naturalisation"' in body

        reference, steps, kinds = file_through_screens(client, "nationalite_declaration", sample_eligibility(DAY),
                                                       sample_answers(today=DAY))
        assert steps[0] == "mariage" and "attestation_communaute_vie" in kinds
        page = client.get(f"/dossiers/{reference}").get_data(as_text=True)
        assert "Nantes" in page and "refus implicite" not in page
        assert "Date limite d'un refus d'enregistrement" in page and "1 mars 2024" in page.replace("1er", "1")

        agent = app.test_client()
        login(agent, "instructeur.nat44@example.fr")
        take_and_decide(agent, reference)
        page = client.get(f"/dossiers/{reference}").get_data(as_text=True)
        assert "Accepté" in page and "Fin du délai d'opposition du Gouvernement" in page
        code = re.search(rf'/attestations/{reference}/(?!depot)([^".]+)"', page).group(1)
        attestation = client.get(f"/attestations/{reference}/{code}").get_data(as_text=True)
        attestation = attestation.replace("1er", "1").replace("&#39;", "'")
        assert "à raison du mariage décrite ci-dessous a été enregistrée le 1 mars 2023" in attestation
        assert "Jusqu'au 1 mars 2025, le Gouvernement peut encore s'opposer" in attestation
