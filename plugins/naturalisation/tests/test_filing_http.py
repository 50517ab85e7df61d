"""A naturalisation request through the real screens during the pilot (September 2021), without JavaScript:
Lyon is told when it opens there; from Cantal it is filed, routed to the Clermont-Ferrand platform and instructed
there through its stages, then decided by the national service (an instructeur and a valideur)."""
import datetime as dt
import re

from freezegun import freeze_time

from anef.procedure_kit.testing import file_through_screens, french
from conftest import login
from plugins.naturalisation.samples import sample_answers
from plugins.naturalisation.tests.walk import record

PILOT_DAY = dt.date(2021, 9, 1)
ELIGIBILITY = {"majeur": "oui", "sejour_regulier": "oui", "conjoint_francais": "non"}


def test_naturalisation_during_the_pilot_through_the_screens(app, client, applicant, make_user):
    make_user("instructeur.nat63@example.fr", role="instructeur", service="nat-63")
    make_user("instructeur.sdanf@example.fr", role="instructeur", service="sdanf")
    make_user("valideur.sdanf@example.fr", role="valideur", service="sdanf")
    with freeze_time("2021-09-01 09:00:00"):
        login(client, "usager@example.fr")
        home = client.get("/dossiers/nouveau/naturalisation").get_data(as_text=True)
        assert "Naturalisation par décret" in home and "ouverte dans les départements suivants" in home

        # Lyon is not open yet: the person is told when it opens there, and nothing is created.
        response = client.post("/dossiers/nouveau/naturalisation", data={**ELIGIBILITY, "code_postal": "69003"})
        body = response.get_data(as_text=True)
        assert response.status_code == 200
        assert french("pas encore ouverte dans votre département (Rhône) : elle y ouvrira le 18 janvier 2022") in body

        # From Cantal, covered by the Clermont-Ferrand pilot platform.
        reference, steps, kinds = file_through_screens(client, "naturalisation",
                                                       {**ELIGIBILITY, "code_postal": "15000"},
                                                       sample_answers(postcode="15000", city="Aurillac",
                                                                      today=PILOT_DAY))
        assert steps[:3] == ["situation", "identite", "passeport"] and "conjoint" in steps
        assert "casier_judiciaire_etranger" in kinds and "acte_mariage" in kinds
        page = client.get(f"/dossiers/{reference}").get_data(as_text=True)
        assert "Déposé" in page and "Plateforme d&#39;accès à la nationalité française — Clermont-Ferrand" in page, page
        assert "1 mars 2023" in page.replace("1er", "1")  # 18 months of silence after the complete file

        agent = app.test_client()
        login(agent, "instructeur.nat63@example.fr")
        screen = agent.get(f"/agent/dossiers/{reference}").get_data(as_text=True)
        assert french("Synthèse « naturalisation »") in screen and "entretien d&#39;assimilation" in screen
        assert agent.post(f"/agent/dossiers/{reference}/prendre").status_code == 302
        # The platform's stages, then the national service's decision and décret (signed by a valideur there).
        for code in ("convocation", "entretien", "enquete", "proposition"):
            assert record(agent, reference, code, today=PILOT_DAY).status_code == 302
        national = app.test_client()
        login(national, "instructeur.sdanf@example.fr")
        for code in ("decision", "decret"):
            assert record(national, reference, code, today=PILOT_DAY).status_code == 302
        assert "Décision en cours de signature" in client.get(f"/dossiers/{reference}").get_data(as_text=True)

        valideur = app.test_client()
        login(valideur, "valideur.sdanf@example.fr")
        assert valideur.post(f"/agent/dossiers/{reference}/signer").status_code == 302
        page = client.get(f"/dossiers/{reference}").get_data(as_text=True)
        assert "Accepté" in page
        # The attestation speaks of nationality, not of a residence card.
        code = re.search(rf'/attestations/{reference}/(?!depot)([^".]+)"', page).group(1)
        attestation = client.get(f"/attestations/{reference}/{code}").get_data(as_text=True)
        assert "la naturalisation a été accordée le 1 septembre 2021" in attestation.replace("1er", "1")
        assert "Cérémonie d" in attestation and "titre de séjour est en cours" not in attestation


def test_an_agent_of_another_platform_cannot_see_it(app, client, applicant, make_user):
    make_user("instructeur.nat69@example.fr", role="instructeur", service="nat-69")
    with freeze_time("2021-09-01 09:00:00"):
        login(client, "usager@example.fr")
        reference, _steps, _kinds = file_through_screens(client, "naturalisation",
                                                         {**ELIGIBILITY, "code_postal": "63000"},
                                                         sample_answers(today=PILOT_DAY))
        agent = app.test_client()
        login(agent, "instructeur.nat69@example.fr")
        assert agent.get(f"/agent/dossiers/{reference}").status_code == 404
