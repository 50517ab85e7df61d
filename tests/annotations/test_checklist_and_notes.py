"""The checklist ticked by agents (who, when) and the service's private annotations, never shown to the applicant."""
import html

from sqlalchemy import select

from conftest import login


def page(client, reference):
    return html.unescape(client.get(f"/agent/dossiers/{reference}").get_data(as_text=True))


def items(app, reference):
    from anef.annotations import services
    from anef.dossiers.models import Dossier
    from anef.extensions import db

    with app.test_request_context():
        dossier = db.session.scalar(select(Dossier).where(Dossier.reference == reference))
        return services.checklist(dossier)


def test_the_checklist_lists_automatic_checks_and_manual_items_and_keeps_who_ticked(app, client, agent_75,
                                                                                     valideur_75, filed_dossier):
    checklist = items(app, filed_dossier)
    checks = [i for i in checklist if i.check]
    manual = [i for i in checklist if not i.check]
    assert checks and manual and all(i.key.startswith("check:") for i in checks)
    assert len({i.key for i in checklist}) == len(checklist)
    login(client, "instructeur75@example.fr")
    body = page(client, filed_dossier)
    assert "Points à vérifier" in body and "0 point(s) vérifié(s) sur" in body
    assert "L'identité déclarée correspond au passeport." in body
    first, second = manual[0].key, checks[0].key
    shown = [f"{i.key}=0" for i in checklist]
    response = client.post(f"/agent/dossiers/{filed_dossier}/verifications", data={"tick": [first, second],
                                                                                    "shown": shown})
    assert response.status_code == 302 and response.location.endswith("#verifications")
    body = page(client, filed_dossier)
    assert "2 point(s) vérifié(s)" in body and "vérifié par Inès Martin le" in body
    # Another agent unticks one item from a page shown after the ticks; the other tick stays.
    other = app.test_client()
    login(other, "valideur75@example.fr")
    shown = [f"{i.key}={1 if i.key in (first, second) else 0}" for i in checklist]
    response = other.post(f"/agent/dossiers/{filed_dossier}/verifications", data={"tick": [second], "shown": shown},
                          headers={"HX-Request": "true"})
    fragment = html.unescape(response.get_data(as_text=True))
    assert response.status_code == 200 and "<html" not in fragment and "1 point(s) vérifié(s)" in fragment
    # A stale page (shown before any tick) that sends nothing ticked changes nothing already saved.
    stale = [f"{i.key}=0" for i in checklist]
    client.post(f"/agent/dossiers/{filed_dossier}/verifications", data={"shown": stale})
    remaining = [i for i in items(app, filed_dossier) if i.tick]
    assert [(i.key, i.tick.ticked_by_id) for i in remaining] == [(second, agent_75)]
    from anef.audit.models import AuditEvent
    from anef.extensions import db

    with app.app_context():
        actions = [(e.action, e.actor_id) for e in db.session.scalars(
            select(AuditEvent).where(AuditEvent.action.like("checklist_%")).order_by(AuditEvent.id))]
    assert actions == [("checklist_tick", agent_75), ("checklist_tick", agent_75), ("checklist_untick", valideur_75)]


def test_unknown_items_are_ignored_and_a_closed_dossier_is_read_only(app, client, agent_75, filed_dossier):
    from anef.dossiers.models import Dossier
    from anef.extensions import db

    login(client, "instructeur75@example.fr")
    client.post(f"/agent/dossiers/{filed_dossier}/verifications", data={"tick": ["check:nimporte"],
                                                                        "shown": ["check:nimporte=0"]})
    assert not [i for i in items(app, filed_dossier) if i.tick]
    with app.app_context():
        dossier = db.session.scalar(select(Dossier).where(Dossier.reference == filed_dossier))
        dossier.state = "accepte"
        db.session.commit()
    key = items(app, filed_dossier)[0].key
    client.post(f"/agent/dossiers/{filed_dossier}/verifications", data={"tick": [key], "shown": [f"{key}=0"]})
    assert not [i for i in items(app, filed_dossier) if i.tick]
    assert "Enregistrer les vérifications" not in page(client, filed_dossier)


def test_annotations_are_private_to_the_service_with_author_and_date(app, client, applicant, agent_75, agent_69,
                                                                     filed_dossier):
    login(client, "instructeur75@example.fr")
    response = client.post(f"/agent/dossiers/{filed_dossier}/annotations", data={"body": "   "})
    body = html.unescape(response.get_data(as_text=True))
    assert response.status_code == 422 and "Écrivez l'annotation." in body and "<html" in body
    response = client.post(f"/agent/dossiers/{filed_dossier}/annotations", data={"body": "x" * 4001},
                           headers={"HX-Request": "true"})
    body = html.unescape(response.get_data(as_text=True))
    # htmx swaps only 2xx answers: the block comes back with the error and the text typed.
    assert response.status_code == 200 and "dépasse 4000 caractères" in body and "x" * 4001 in body
    assert "<html" not in body and "autofocus" in body
    response = client.post(f"/agent/dossiers/{filed_dossier}/annotations",
                           data={"body": "Appeler l'université <b>avant</b> de décider."})
    assert response.status_code == 302 and response.location.endswith("#annotations")
    body = page(client, filed_dossier)
    assert "Appeler l'université <b>avant</b> de décider." in body
    raw = client.get(f"/agent/dossiers/{filed_dossier}").get_data(as_text=True)
    assert "&lt;b&gt;avant&lt;/b&gt;" in raw  # shown as typed, escaped
    assert "Inès Martin — " in body
    # Never to the applicant, nor to another service.
    applicant_client = app.test_client()
    login(applicant_client, "usager@example.fr")
    assert "Appeler l'université" not in applicant_client.get(f"/dossiers/{filed_dossier}").get_data(as_text=True)
    other = app.test_client()
    login(other, "instructeur69@example.fr")
    assert other.get(f"/agent/dossiers/{filed_dossier}/annotations").status_code == 404
    assert other.post(f"/agent/dossiers/{filed_dossier}/annotations", data={"body": "x"}).status_code == 404


def test_the_dossier_page_shows_the_latest_annotations_and_links_to_all(app, client, agent_75, filed_dossier):
    login(client, "instructeur75@example.fr")
    for n in range(12):
        client.post(f"/agent/dossiers/{filed_dossier}/annotations", data={"body": f"Note numéro {n:02d}"})
    body = page(client, filed_dossier)
    assert "Note numéro 11" in body and "Note numéro 02" in body and "Note numéro 01" not in body
    assert "Toutes les annotations" in body
    full = client.get(f"/agent/dossiers/{filed_dossier}/annotations").get_data(as_text=True)
    assert "Note numéro 00" in full and "Note numéro 11" in full


def test_the_workspace_blocks_cost_the_same_queries_with_more_notes_ticks_avis_and_answers(app, client, agent_75,
                                                                                          filed_dossier):
    from anef.agents.models import Service
    from anef.extensions import db
    from anef.testing.queries import count_queries

    login(client, "instructeur75@example.fr")
    with app.app_context():
        engine = db.engine
        rhone = db.session.scalar(select(Service.id).where(Service.code == "pref-69"))
    client.get(f"/agent/dossiers/{filed_dossier}")
    with count_queries(engine) as few:
        client.get(f"/agent/dossiers/{filed_dossier}")
    client.post(f"/agent/dossiers/{filed_dossier}/connecteurs")
    checklist = items(app, filed_dossier)
    client.post(f"/agent/dossiers/{filed_dossier}/verifications",
                data={"tick": [i.key for i in checklist], "shown": [f"{i.key}=0" for i in checklist]})
    for n in range(15):
        client.post(f"/agent/dossiers/{filed_dossier}/annotations", data={"body": f"Note {n}"})
    for n in range(4):
        client.post(f"/agent/dossiers/{filed_dossier}/avis", data={"service": str(rhone), "question": f"Q{n}"})
    with count_queries(engine) as many:
        client.get(f"/agent/dossiers/{filed_dossier}")
    assert len(many) == len(few)
