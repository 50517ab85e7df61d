"""The applicant's pages, through HTTP as a browser without JavaScript would use them."""
import html
import io

from sqlalchemy import select

from conftest import PDF_BYTES, login, student_answers


def start(client):
    response = client.post("/dossiers/nouveau/etudiant",
                           data={"inscrit": "oui", "demande": "premiere", "vls_ts_non_valide": "non"})
    assert response.status_code == 302, response.get_data(as_text=True)
    return response.location.split("/dossiers/")[1].split("/")[0]


def test_eligibility_sends_vls_ts_holders_to_the_validation_instead(client, applicant):
    login(client, "usager@example.fr")
    response = client.post("/dossiers/nouveau/etudiant",
                           data={"inscrit": "oui", "demande": "premiere", "vls_ts_non_valide": "oui"})
    body = response.get_data(as_text=True)
    assert response.status_code == 200 and "valider ce visa en ligne" in body
    response = client.post("/dossiers/nouveau/etudiant",
                           data={"inscrit": "non", "demande": "premiere", "vls_ts_non_valide": "non"})
    assert "réservée aux personnes inscrites" in response.get_data(as_text=True)


def test_a_whole_filing_without_javascript(app, client, applicant):
    login(client, "usager@example.fr")
    ref = start(client)
    answers = student_answers(postcode="75011")
    for slug in ["situation", "identite", "passeport", "entree", "adresse", "etudes", "ressources", "timbre"]:
        response = client.post(f"/dossiers/{ref}/etapes/{slug}", data={**answers[slug], "go": "next"})
        assert response.status_code == 302, (slug, response.get_data(as_text=True)[:3000])
    assert response.location.endswith(f"/dossiers/{ref}/documents")
    page = client.get(f"/dossiers/{ref}/documents").get_data(as_text=True)
    kinds = ["passeport", "visa", "justificatif_domicile", "inscription", "ressources"]
    for kind in kinds:
        assert f'id="doc-{kind}"' in page
    # Filing too early lists what is missing and files nothing.
    response = client.post(f"/dossiers/{ref}/deposer")
    assert response.status_code == 422 and "Document à ajouter" in response.get_data(as_text=True)
    for kind in kinds:
        response = client.post(f"/dossiers/{ref}/documents", data={
            "kind": kind, "file": (io.BytesIO(PDF_BYTES), f"{kind}.pdf")}, content_type="multipart/form-data")
        assert response.status_code == 302
    review = client.get(f"/dossiers/{ref}/recapitulatif").get_data(as_text=True)
    assert "Il manque encore" not in review and "FRA123456789" in review
    response = client.post(f"/dossiers/{ref}/deposer")
    assert response.status_code == 302
    page = client.get(f"/dossiers/{ref}").get_data(as_text=True)
    assert "Déposé" in page and "Préfecture Paris" in page
    pdf = client.get(f"/attestations/{ref}/depot.pdf")
    assert pdf.status_code == 200 and pdf.data.startswith(b"%PDF")
    assert pdf.headers["Content-Type"] == "application/pdf"
    # Once filed, the steps are closed to edits.
    assert client.post(f"/dossiers/{ref}/etapes/identite", data={"nom": "X"}).status_code == 302


def test_invalid_answers_are_saved_shown_beside_the_field_and_not_lost(app, client, applicant):
    login(client, "usager@example.fr")
    ref = start(client)
    data = {**student_answers()["timbre"], "numero_timbre": "12345"}
    response = client.post(f"/dossiers/{ref}/etapes/timbre", data={**data, "go": "next"})
    body = response.get_data(as_text=True)
    assert response.status_code == 200 and "compte 16 chiffres" in body and 'value="12345"' in body
    assert 'id="numero_timbre-error-1"' in body
    again = client.get(f"/dossiers/{ref}/etapes/timbre").get_data(as_text=True)
    assert 'value="12345"' in again  # the typed value survived
    bad_dates = {**student_answers()["passeport"], "date_delivrance": "2030-01-01", "date_expiration": "2020-01-01"}
    body = client.post(f"/dossiers/{ref}/etapes/passeport", data=bad_dates).get_data(as_text=True)
    assert "ne peut pas être dans le futur" in body and "après la date de délivrance" in body


def test_going_back_or_later_never_blocks_on_errors(client, applicant):
    login(client, "usager@example.fr")
    ref = start(client)
    response = client.post(f"/dossiers/{ref}/etapes/identite", data={"nom": "ZHANG", "go": "previous"})
    assert response.status_code == 302 and response.location.endswith("/etapes/situation")
    response = client.post(f"/dossiers/{ref}/etapes/identite", data={"nom": "ZHANG", "go": "later"})
    assert response.location.endswith("/dossiers/")


def test_htmx_autosave_returns_a_status_fragment(client, applicant):
    login(client, "usager@example.fr")
    ref = start(client)
    response = client.post(f"/dossiers/{ref}/etapes/identite", data={"nom": "ZHANG"}, headers={"HX-Request": "true"})
    body = response.get_data(as_text=True)
    assert response.status_code == 200 and "<html" not in body and "Brouillon enregistré" in body
    assert "HX-Request" in response.headers["Vary"]
    assert 'value="ZHANG"' in client.get(f"/dossiers/{ref}/etapes/identite").get_data(as_text=True)


def test_renewal_asks_for_the_current_card_and_the_transcripts(client, applicant):
    login(client, "usager@example.fr")
    ref = start(client)
    client.post(f"/dossiers/{ref}/etapes/situation", data={"demande": "renouvellement"})
    page = client.get(f"/dossiers/{ref}/etapes/titre")
    assert page.status_code == 200 and "Numéro étranger" in page.get_data(as_text=True)
    assert client.get(f"/dossiers/{ref}/etapes/entree").status_code == 404
    docs = client.get(f"/dossiers/{ref}/documents").get_data(as_text=True)
    assert 'id="doc-releves_notes"' in docs and 'id="doc-titre_sejour"' in docs and 'id="doc-visa"' not in docs


def test_uploads_are_sniffed_by_content_not_by_name(client, applicant, draft_dossier):
    login(client, "usager@example.fr")
    response = client.post(f"/dossiers/{draft_dossier}/documents", data={
        "kind": "passeport", "file": (io.BytesIO(b"<html><script>alert(1)</script></html>"), "passport.pdf")},
        content_type="multipart/form-data")
    assert response.status_code == 400 and "type de fichier n'est pas accepté" in html.unescape(response.get_data(as_text=True))
    response = client.post(f"/dossiers/{draft_dossier}/documents", data={
        "kind": "passeport", "file": (io.BytesIO(b""), "vide.pdf")}, content_type="multipart/form-data")
    assert "vide" in response.get_data(as_text=True)
    png = (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x02\x00\x00\x00\x90wS\xde"
           b"\x00\x00\x00\x0cIDATx\x9cc\xf8\xcf\xc0\x00\x00\x03\x01\x01\x00\xc9\xfe\x92\xef\x00\x00\x00\x00IEND\xaeB`\x82")
    response = client.post(f"/dossiers/{draft_dossier}/documents", data={
        "kind": "passeport", "file": (io.BytesIO(png), "../../etc/photo.jpg")}, content_type="multipart/form-data")
    assert response.status_code == 302
    docs = client.get(f"/dossiers/{draft_dossier}/documents").get_data(as_text=True)
    assert "photo.jpg" in docs and "../" not in docs


def test_an_upload_of_an_unknown_kind_is_refused(client, applicant, draft_dossier):
    login(client, "usager@example.fr")
    response = client.post(f"/dossiers/{draft_dossier}/documents", data={
        "kind": "nimporte", "file": (io.BytesIO(PDF_BYTES), "a.pdf")}, content_type="multipart/form-data")
    assert response.status_code == 400


def test_dashboard_lists_each_dossier_with_its_next_step(client, applicant, filed_dossier):
    login(client, "usager@example.fr")
    body = client.get("/dossiers/").get_data(as_text=True)
    assert filed_dossier in body and "Un agent de la préfecture va l'examiner" in body


def test_status_fragment_for_live_refresh(client, applicant, filed_dossier):
    login(client, "usager@example.fr")
    response = client.get(f"/dossiers/{filed_dossier}", headers={"HX-Request": "true"})
    body = response.get_data(as_text=True)
    assert response.status_code == 200 and "<html" not in body and 'hx-trigger="every 30s"' in body


def status_tag(body):
    import re

    return re.search(r'hx-headers=\'\{"X-Anef-Status": "([^"]+)"\}\'', body).group(1)


def test_an_unchanged_status_answers_204_and_a_change_sends_the_new_status(app, client, applicant, other_applicant,
                                                                            agent_75, filed_dossier):
    """The poll sends back the tag of what it shows: nothing changed, nothing is sent (htmx keeps the page);
    once an agent takes the dossier, the new status comes with a new tag."""
    from anef.accounts.models import User
    from anef.dossiers import services
    from anef.extensions import db

    login(client, "usager@example.fr")
    poll = {"HX-Request": "true"}
    tag = status_tag(client.get(f"/dossiers/{filed_dossier}").get_data(as_text=True))
    unchanged = client.get(f"/dossiers/{filed_dossier}", headers={**poll, "X-Anef-Status": tag})
    assert unchanged.status_code == 204 and unchanged.data == b""
    # Another language is another status.
    assert client.get(f"/dossiers/{filed_dossier}?lang=en", headers={**poll, "X-Anef-Status": tag}).status_code == 200
    client.get("/?lang=fr")
    with app.test_request_context():
        agent = db.session.get(User, agent_75)
        services.take(services.agent_dossier(filed_dossier, agent), agent)
    changed = client.get(f"/dossiers/{filed_dossier}", headers={**poll, "X-Anef-Status": tag})
    body = changed.get_data(as_text=True)
    assert changed.status_code == 200 and "En cours d'instruction" in body and status_tag(body) != tag
    # Someone else holding the tag learns nothing: the dossier is not theirs.
    client.post("/compte/deconnexion")
    login(client, "autre@example.fr")
    assert client.get(f"/dossiers/{filed_dossier}", headers={**poll, "X-Anef-Status": tag}).status_code == 404


def test_a_draft_can_be_deleted(client, applicant, draft_dossier):
    login(client, "usager@example.fr")
    assert client.post(f"/dossiers/{draft_dossier}/supprimer").status_code == 302
    assert client.get(f"/dossiers/{draft_dossier}/recapitulatif").status_code == 404


def test_filing_e_mails_the_applicant(app, client, applicant, filed_dossier):
    from anef.extensions import db
    from anef.notifications.models import OutboxMessage

    with app.app_context():
        [message] = db.session.scalars(select(OutboxMessage)).all()
    assert message.subject == f"Demande déposée\u00a0: {filed_dossier}" and f"/dossiers/{filed_dossier}" in message.body


def test_the_dossier_page_lists_the_documents_given(client, applicant, filed_dossier):
    login(client, "usager@example.fr")
    page = client.get(f"/dossiers/{filed_dossier}").get_data(as_text=True)
    assert "Documents donnés" in page and "passeport.pdf" in page and "1 page" in page
    client.get("/?lang=en")
    assert "Passport:" in client.get(f"/dossiers/{filed_dossier}").get_data(as_text=True)
