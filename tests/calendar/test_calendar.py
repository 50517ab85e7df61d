import datetime as dt

from conftest import login


def cli(app, *args):
    return app.test_cli_runner().invoke(args=list(args))


def test_procedures_list_prints_code_status_date_territories(app):
    result = cli(app, "procedures", "list")
    assert result.exit_code == 0
    assert "etudiant\topen\t2020-09-17\tall" in result.output.splitlines()


def test_national_admin_schedules_and_restricts_a_procedure(app, client, national_admin, applicant):
    login(client, "national@example.fr")
    assert "etudiant" in client.get("/admin/calendrier/").get_data(as_text=True)
    future = dt.date.today() + dt.timedelta(days=40)
    response = client.post("/admin/calendrier/etudiant", data={"opens_on": future.isoformat(), "territories": "69, 38"})
    assert response.status_code == 302
    assert f"etudiant\tscheduled\t{future.isoformat()}\t38,69" in cli(app, "procedures", "list").output
    person = app.test_client()
    login(person, "usager@example.fr")
    response = person.get("/dossiers/nouveau/etudiant")
    assert response.status_code == 403 and "Elle ouvrira le" in response.get_data(as_text=True)
    client.post("/admin/calendrier/etudiant", data={"opens_on": "", "territories": "", "closed": "y"})
    response = person.get("/dossiers/nouveau/etudiant")
    assert response.status_code == 403 and "Aucune date d'ouverture" in response.get_data(as_text=True).replace("&#39;", "'")


def test_unknown_territories_are_refused_beside_the_field(client, national_admin):
    login(client, "national@example.fr")
    response = client.post("/admin/calendrier/etudiant", data={"opens_on": "2020-09-17", "territories": "75, 99"})
    assert response.status_code == 200 and "Départements inconnus\u00a0: 99" in response.get_data(as_text=True)


def test_a_procedure_open_elsewhere_cannot_be_filed_from_outside_its_territories(app, client, applicant, national_admin,
                                                                               draft_dossier):
    admin = app.test_client()
    login(admin, "national@example.fr")
    admin.post("/admin/calendrier/etudiant", data={"opens_on": "2020-09-17", "territories": "69"})
    login(client, "usager@example.fr")
    response = client.post(f"/dossiers/{draft_dossier}/deposer")
    assert response.status_code == 422
    assert "pas encore ouverte dans votre département" in response.get_data(as_text=True)
