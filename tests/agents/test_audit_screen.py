"""The read-only auditor (national) and the local admin (their service) read the audit log; the auditor opens any
dossier read-only, every reading audited, and can do nothing else; applicants see which services consulted them."""
import datetime as dt
import html

from sqlalchemy import select

from conftest import PASSWORD, login


def text(response):
    return html.unescape(response.get_data(as_text=True))


def events(app, action):
    from anef.audit.models import AuditEvent
    from anef.extensions import db

    with app.app_context():
        return [(e.actor_id, e.target) for e in db.session.scalars(select(AuditEvent).where(AuditEvent.action == action))]


def add_events(app, actor_id, count, target="ANEF-2026-000999-X", at=None):
    from anef.audit.services import record

    with app.test_request_context():
        for n in range(count):
            event = record("dossier_view", target, actor_id=actor_id, n=n)
            if at is not None:
                event.at = at  # the chain is not verified here: only the screen's date filter is
        if at is not None:
            from anef.extensions import db

            db.session.commit()


def test_the_auditor_logs_in_with_a_second_factor_and_reads_the_whole_log_by_pages(app, client, make_user, agent_75,
                                                                                   agent_69):
    auditor = make_user("auditrice@example.fr", role="auditeur", given_names="Aurore", family_name="Lefèvre")
    first = client.post("/compte/connexion", data={"email": "auditrice@example.fr", "password": PASSWORD})
    assert first.status_code == 302 and first.location.endswith("/compte/second-facteur")
    login(client, "auditrice@example.fr")
    add_events(app, agent_75, 30)
    add_events(app, agent_69, 30, target="ANEF-2026-000998-Y")
    page = text(client.get("/agent/audit"))
    assert "Journal d'audit" in page and "Consultation du dossier" in page
    assert "Préfecture Paris (Paris)" in page and "Préfecture Rhône (Lyon)" in page
    # 60 views, then this reading of the log itself (recorded first): 50 events a page, newest first.
    assert "Lecture du journal d'audit" in page and page.count("<strong>Consultation du dossier</strong>") == 49
    assert "n=29" in page and "Événements plus anciens" in page
    cursor = page.split('href="/agent/audit?avant=')[1].split('"')[0]
    older = text(client.get(f"/agent/audit?avant={cursor}"))
    assert older.count("<strong>Consultation du dossier</strong>") == 11 and "Événements plus anciens" not in older
    assert "n=0" in older and "Lecture du journal d'audit" not in older
    assert (auditor, "audit") in events(app, "audit_log_view")


def test_filters_by_agent_reference_and_date(app, client, make_user, agent_75, agent_69):
    make_user("auditrice@example.fr", role="auditeur")
    login(client, "auditrice@example.fr")
    long_ago = dt.datetime(2025, 3, 10, 12, tzinfo=dt.timezone.utc)
    add_events(app, agent_75, 2, target="ANEF-2025-000001-A", at=long_ago)
    add_events(app, agent_69, 3, target="ANEF-2026-000002-B")
    by_agent = text(client.get("/agent/audit?agent=instructeur69@example.fr"))
    assert by_agent.count("<strong>Consultation du dossier</strong>") == 3 and "ANEF-2025-000001-A" not in by_agent
    by_reference = text(client.get("/agent/audit?reference=anef-2025-000001-a"))
    assert by_reference.count("<strong>Consultation du dossier</strong>") == 2
    by_day = text(client.get("/agent/audit?du=2025-03-10&au=2025-03-10"))
    assert by_day.count("<strong>Consultation du dossier</strong>") == 2 and "ANEF-2026-000002-B" not in by_day
    assert "Aucun événement." in text(client.get("/agent/audit?du=2099-01-01"))
    response = client.get("/agent/audit?du=10/03/2025")
    assert response.status_code == 422 and "Indiquez une date valide." in text(response)


def test_a_local_admin_reads_only_their_service_and_others_get_404(app, client, make_user, applicant, agent_75,
                                                                   agent_69):
    admin = make_user("admin75@example.fr", role="admin", service="pref-75")
    add_events(app, agent_75, 2, target="ANEF-2026-000003-C")
    add_events(app, agent_69, 2, target="ANEF-2026-000004-D")
    login(client, "admin75@example.fr")
    page = text(client.get("/agent/audit"))
    assert "ANEF-2026-000003-C" in page and "ANEF-2026-000004-D" not in page
    assert "agents de votre service" in page and "Ouvrir un dossier en lecture seule" not in page
    assert text(client.get("/agent/audit?agent=instructeur69@example.fr")).count("<strong>Consultation du dossier</strong>") == 0
    assert client.get("/agent/audit/dossiers/ANEF-2026-000003-C").status_code == 404
    assert (admin, f"service:{_service(app, 'pref-75')}") in events(app, "audit_log_view")
    for email in ("instructeur75@example.fr", "usager@example.fr"):
        other = app.test_client()
        login(other, email)
        assert other.get("/agent/audit").status_code == 404, email


def _service(app, code):
    from anef.agents.models import Service
    from anef.extensions import db

    with app.app_context():
        return db.session.scalar(select(Service.id).where(Service.code == code))


def test_the_auditor_opens_any_dossier_read_only_and_cannot_act(app, client, make_user, agent_75, filed_dossier):
    auditor = make_user("auditrice@example.fr", role="auditeur")
    worker = app.test_client()
    login(worker, "instructeur75@example.fr")
    worker.post(f"/agent/dossiers/{filed_dossier}/annotations", data={"body": "Vérifier l'inscription."})
    login(client, "auditrice@example.fr")
    page = text(client.get(f"/agent/audit/dossiers/{filed_dossier}"))
    assert "Lecture seule" in page and "ZHANG" in page and "EA1234567" in page and "Vérifier l'inscription." in page
    assert "Ajouter l'annotation" not in page and "Interroger" not in page and "Enregistrer les vérifications" not in page
    assert (auditor, filed_dossier) in events(app, "dossier_view_audit")
    response = client.get(f"/agent/audit/dossier?reference={filed_dossier.lower()}")
    assert response.status_code == 302 and response.location.endswith(f"/agent/audit/dossiers/{filed_dossier}")
    assert client.get("/agent/audit/dossiers/ANEF-2026-999999-A").status_code == 404
    for method, url in [("GET", f"/agent/dossiers/{filed_dossier}"), ("POST", f"/agent/dossiers/{filed_dossier}/prendre"),
                        ("POST", f"/agent/dossiers/{filed_dossier}/connecteurs"),
                        ("POST", f"/agent/dossiers/{filed_dossier}/annotations"), ("GET", "/agent/"),
                        ("GET", "/agent/avis"), ("GET", "/agent/service/alertes")]:
        assert client.open(url, method=method).status_code == 404, url


def test_the_auditor_opens_the_documents_and_each_read_is_logged(app, client, make_user, filed_dossier):
    import re

    auditor = make_user("auditrice@example.fr", role="auditeur")
    login(client, "auditrice@example.fr")
    page = text(client.get(f"/agent/audit/dossiers/{filed_dossier}"))
    links = re.findall(r'href="/documents/(\d+)"', page)
    assert links
    with client.get(f"/documents/{links[0]}") as response:
        assert response.status_code == 200 and response.mimetype == "application/pdf"
    assert (auditor, f"document:{links[0]}") in events(app, "document_view")
    with client.get(f"/documents/{links[0]}/telecharger") as response:
        assert response.status_code == 200
    assert (auditor, f"document:{links[0]}") in events(app, "document_download")


def test_the_applicant_sees_which_services_consulted_the_dossier_never_who(app, client, applicant, make_user,
                                                                          agent_75, filed_dossier):
    make_user("auditrice@example.fr", role="auditeur")
    login(client, "usager@example.fr")
    page = text(client.get(f"/dossiers/{filed_dossier}"))
    assert "Consultations de votre demande" in page and "Aucun service n'a encore consulté votre demande." in page
    agent = app.test_client()
    login(agent, "instructeur75@example.fr")
    agent.get(f"/agent/dossiers/{filed_dossier}")
    agent.get(f"/agent/dossiers/{filed_dossier}")
    auditor = app.test_client()
    login(auditor, "auditrice@example.fr")
    auditor.get(f"/agent/audit/dossiers/{filed_dossier}")
    page = text(client.get(f"/dossiers/{filed_dossier}"))
    assert "Préfecture Paris (Paris) (2 consultations)" in page
    assert "Contrôle interne du ministère (1 consultation)" in page
    assert "Inès" not in page and "Martin" not in page
