"""The connector panel of the instruction screen: asked by the agent, answered by background jobs, cached per
dossier, shown live, every consultation audited; a hit is flagged with its evidence."""
import datetime as dt
import html
import types

from sqlalchemy import select

from anef import hookimpl
from conftest import login


def set_answers(app, reference, **changes):
    """Change answers of a filed dossier: changes like identite__nom="DALTON"."""
    from anef.dossiers.models import Dossier
    from anef.extensions import db

    with app.app_context():
        dossier = db.session.scalar(select(Dossier).where(Dossier.reference == reference))
        answers = {k: dict(v) if isinstance(v, dict) else v for k, v in dossier.answers.items()}
        for key, value in changes.items():
            step, name = key.split("__")
            answers.setdefault(step, {})[name] = value
        dossier.answers = answers
        db.session.commit()


def calls(app, reference):
    from anef.connectors.models import ConnectorCall
    from anef.dossiers.models import Dossier
    from anef.extensions import db

    with app.app_context():
        dossier_id = db.session.scalar(select(Dossier.id).where(Dossier.reference == reference))
        return {c.connector: (c.status, c.attempt, c.summary) for c in db.session.scalars(
            select(ConnectorCall).where(ConnectorCall.dossier_id == dossier_id))}


def audit(app, action):
    from anef.audit.models import AuditEvent
    from anef.extensions import db

    with app.app_context():
        return [(e.actor_id, e.target, e.detail) for e in db.session.scalars(
            select(AuditEvent).where(AuditEvent.action == action).order_by(AuditEvent.id))]


def test_the_agent_asks_the_files_and_reads_each_answer_with_a_hit_flagged(app, client, agent_75, filed_dossier):
    set_answers(app, filed_dossier, identite__nom="DALTON")
    login(client, "instructeur75@example.fr")
    page = html.unescape(client.get(f"/agent/dossiers/{filed_dossier}").get_data(as_text=True))
    assert "Consultation des fichiers" in page and "Interroger les fichiers" in page
    assert "Les fichiers n'ont pas encore été interrogés" in page
    response = client.post(f"/agent/dossiers/{filed_dossier}/connecteurs")
    assert response.status_code == 302 and response.location.endswith(f"/agent/dossiers/{filed_dossier}#connecteurs")
    answered = calls(app, filed_dossier)
    # A first request: no SIRET in the answers, so API Entreprise is not asked; VISABIO is (a visa number).
    assert set(answered) == {"agdref", "fpr", "cjn", "sis", "visabio", "ofpra", "ants"}
    assert answered["fpr"][0] == "hit" and answered["sis"][0] == "hit" and answered["cjn"][0] == "ok"
    page = html.unescape(client.get(f"/agent/dossiers/{filed_dossier}").get_data(as_text=True))
    assert "FPR\u00a0: correspondance à examiner" in page and "SIS\u00a0: correspondance à examiner" in page
    assert "fr-alert--error" in page and "DALTON" in page and "Bulletin n° 2\u00a0: néant." in page
    assert "Sans objet\u00a0: API Entreprise (pas de SIRET dans la demande)" in page
    assert "Interroger à nouveau" in page and 'hx-trigger="every 2s"' not in page
    # Who consulted which file about whom: one audit entry per connector.
    entries = audit(app, "connector_query")
    assert len(entries) == 7 and {e[2]["connector"] for e in entries} == set(answered)
    assert all(e[0] == agent_75 and e[1] == filed_dossier and e[2]["subject"] for e in entries)


def test_the_panel_polls_while_an_answer_is_awaited_and_a_lost_call_can_be_asked_again(app, client, agent_75,
                                                                                        filed_dossier):
    from anef.connectors.models import ConnectorCall
    from anef.extensions import db
    from anef.models import utcnow

    login(client, "instructeur75@example.fr")
    client.post(f"/agent/dossiers/{filed_dossier}/connecteurs")
    with app.app_context():
        call = db.session.scalar(select(ConnectorCall).where(ConnectorCall.connector == "fpr"))
        call.status, call.answered_at = "pending", None
        db.session.commit()
    fragment = client.get(f"/agent/dossiers/{filed_dossier}/connecteurs", headers={"HX-Request": "true"})
    body = html.unescape(fragment.get_data(as_text=True))
    assert fragment.status_code == 200 and "<html" not in body and "HX-Request" in fragment.headers["Vary"]
    assert 'hx-trigger="every 2s"' in body and "En attente" in body and "Interrogation en cours" in body
    # Without JavaScript, the same URL is a page of its own.
    assert "<html" in client.get(f"/agent/dossiers/{filed_dossier}/connecteurs").get_data(as_text=True)
    with app.app_context():
        call = db.session.scalar(select(ConnectorCall).where(ConnectorCall.connector == "fpr"))
        call.requested_at = utcnow() - dt.timedelta(minutes=10)
        db.session.commit()
    body = html.unescape(client.get(f"/agent/dossiers/{filed_dossier}/connecteurs",
                                    headers={"HX-Request": "true"}).get_data(as_text=True))
    assert 'hx-trigger="every 2s"' not in body and "Sans réponse" in body
    response = client.post(f"/agent/dossiers/{filed_dossier}/connecteurs", headers={"HX-Request": "true"})
    assert response.status_code == 200 and 'id="connecteurs"' in response.get_data(as_text=True)
    assert calls(app, filed_dossier)["fpr"][:2] == ("not_found", 2)
    assert {e[2].get("poll") for e in audit(app, "connector_results_view")} == {True, False}


def test_the_job_of_an_older_question_never_overwrites_a_newer_answer(app, client, agent_75, filed_dossier):
    from anef.connectors import services
    from anef.connectors.models import ConnectorCall
    from anef.extensions import db

    login(client, "instructeur75@example.fr")
    client.post(f"/agent/dossiers/{filed_dossier}/connecteurs")
    with app.app_context():
        call = db.session.scalar(select(ConnectorCall).where(ConnectorCall.connector == "cjn"))
        call.status, call.attempt, call.summary = "pending", 5, ""
        db.session.commit()
        services.run_query(call.id, attempt=4)
        assert db.session.get(ConnectorCall, call.id).status == "pending"
        services.run_query(call.id, attempt=5)
        assert db.session.get(ConnectorCall, call.id).status == "ok"
        services.run_query(call.id, attempt=5)  # a job delivered twice: nothing changes
        assert db.session.get(ConnectorCall, call.id).attempt == 5


def test_a_broken_adapter_is_an_error_answer(app, client, agent_75, filed_dossier, monkeypatch):
    from anef.connectors import registry

    def broken(subject):
        raise RuntimeError("boom")

    monkeypatch.setitem(registry.CONNECTORS, "ofpra", registry.CONNECTORS["ofpra"].__class__(
        "ofpra", "OFPRA", "Protection", broken))
    login(client, "instructeur75@example.fr")
    client.post(f"/agent/dossiers/{filed_dossier}/connecteurs")
    assert calls(app, filed_dossier)["ofpra"][:1] == ("error",)


def test_another_service_gets_404_and_the_attempt_is_recorded(app, client, agent_69, filed_dossier):
    login(client, "instructeur69@example.fr")
    assert client.post(f"/agent/dossiers/{filed_dossier}/connecteurs").status_code == 404
    assert client.get(f"/agent/dossiers/{filed_dossier}/connecteurs").status_code == 404
    assert calls(app, filed_dossier) == {}
    assert [e[0] for e in audit(app, "dossier_access_denied")] == [agent_69, agent_69]


def test_which_connectors_apply_is_the_procedure_s_data(app, client, agent_75, filed_dossier):
    """A plugin answering procedure_connectors chooses the connectors and their order."""
    plugin = types.ModuleType("connectors_choice")

    @hookimpl
    def procedure_connectors(procedure, answers):
        return ["fpr", "api_entreprise", "nimporte"] if procedure == "etudiant" else None

    plugin.procedure_connectors = procedure_connectors
    pm = app.extensions["anef_pm"]
    pm.register(plugin)
    try:
        set_answers(app, filed_dossier, ressources__siret="73282932000074")
        login(client, "instructeur75@example.fr")
        client.post(f"/agent/dossiers/{filed_dossier}/connecteurs")
        answered = calls(app, filed_dossier)
        assert set(answered) == {"fpr", "api_entreprise"} and answered["api_entreprise"][0] == "ok"
        page = client.get(f"/agent/dossiers/{filed_dossier}").get_data(as_text=True)
        assert page.index("FPR") < page.index("API Entreprise") and "AGDREF" not in page
    finally:
        pm.unregister(plugin)
