"""A salaried talent card may link a work authorisation the employer obtained (optional: the card needs none); its
number then fills the job step, which stays editable."""
from sqlalchemy import select

from anef.procedure_kit.testing import start
from conftest import login
from plugins.autorisation_travail.tests.helpers import grant

ELIGIBLE = {"categorie": "salarie_qualifie", "demande": "premiere", "vls_ts_non_valide": "non"}


def saved(app, reference):
    from anef.dossiers.models import Dossier
    from anef.extensions import db

    with app.app_context():
        return db.session.scalar(select(Dossier.answers).where(Dossier.reference == reference))


def test_the_link_is_optional_and_fills_the_job_when_given(app, client, applicant, make_user):
    number, siret = grant(app, make_user, salary="3500")
    login(client, "usager@example.fr")
    reference, _first = start(client, "passeport_talent", ELIGIBLE)
    url = f"/dossiers/{reference}/etapes/autorisation"
    assert client.post(url, data={"a_autorisation": "non", "go": "next"}).location.endswith("/etapes/emploi")
    assert "emploi" not in saved(app, reference)
    response = client.post(url, data={"a_autorisation": "oui", "numero_autorisation": "AT-2026-0000-0000",
                                      "siret_employeur": siret, "go": "next"})
    assert response.status_code == 200 and 'id="numero_autorisation-error-1"' in response.get_data(as_text=True)
    client.post(url, data={"a_autorisation": "oui", "numero_autorisation": number, "siret_employeur": siret,
                           "go": "next"})
    job = saved(app, reference)["emploi"]
    assert (job["siret"], job["type_contrat"], job["salaire_annuel"]) == (siret, "cdi", "42000")
    assert saved(app, reference)["identite"]["nom"] == "NGUYEN"
    # Editable: a change typed on the job step stays.
    client.post(f"/dossiers/{reference}/etapes/emploi", data={**job, "salaire_annuel": "43000", "go": "next"})
    assert saved(app, reference)["emploi"]["salaire_annuel"] == "43000"
