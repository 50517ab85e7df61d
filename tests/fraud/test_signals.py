"""Fraud signals on the instruction screen (shared passport, numéro étranger or file with another account's dossier;
identity changed since a previous dossier) and volume alerts on agents, for the service's local admin."""
import datetime as dt
import html

from sqlalchemy import select

from conftest import login, student_answers


def add_dossier(app, applicant_id, service="pref-75", state="en_instruction", filed_days_ago=10, reference=None,
                procedure="etudiant", **changes):
    """A dossier written directly (its answers changed by step__field=value); returns its reference."""
    from anef.agents.models import Service
    from anef.dossiers.models import Dossier
    from anef.extensions import db
    from anef.models import utcnow

    answers = student_answers(renewal=True)
    for key, value in changes.items():
        step, name = key.split("__")
        answers.setdefault(step, {})[name] = value
    with app.app_context():
        service_id = db.session.scalar(select(Service.id).where(Service.code == service))
        count = db.session.query(Dossier).count()
        dossier = Dossier(procedure=procedure, applicant_id=applicant_id, service_id=service_id, state=state,
                          reference=reference or f"ANEF-2026-{900000 + count:06d}-F", answers=answers,
                          filed_at=utcnow() - dt.timedelta(days=filed_days_ago))
        db.session.add(dossier)
        db.session.commit()
        return dossier.reference


def page(client, reference):
    return html.unescape(client.get(f"/agent/dossiers/{reference}").get_data(as_text=True))


def section(body):
    """The signals' section of the dossier page ("" when there is none)."""
    if 'id="signalements"' not in body:
        return ""
    return body.split('id="signalements"')[1].split("</section>")[0]


def test_no_signal_for_a_dossier_alone(app, client, applicant, agent_75):
    mine = add_dossier(app, applicant)
    login(client, "instructeur75@example.fr")
    assert section(page(client, mine)) == ""


def test_same_passport_or_numero_etranger_in_another_account_with_links_only_where_the_agent_may_look(
        app, client, applicant, other_applicant, make_user, agent_75):
    third = make_user("tiers@example.fr")
    mine = add_dossier(app, applicant)
    here = add_dossier(app, other_applicant, passeport__numero="ea1234567", titre__numero_etranger="1111111111")
    there = add_dossier(app, third, service="pref-69", titre__numero_etranger="7501234567",
                        passeport__numero="ZZ0000000")
    add_dossier(app, applicant, state="brouillon", passeport__numero="EA1234567")  # own drafts do not count
    login(client, "instructeur75@example.fr")
    found = section(page(client, mine))
    assert "Même numéro de passeport dans les dossiers d'autres comptes" in found and "EA1234567" in found
    assert f'href="/agent/dossiers/{here}"' in found
    assert "Même numéro étranger dans les dossiers d'autres comptes" in found and "7501234567" in found
    # The other service's dossier: its service and a count, never its reference or content.
    assert there not in found and "1 dossier d'un autre service\u00a0: Préfecture Rhône (Lyon)" in found


def test_a_file_of_the_dossier_found_in_another_person_s_dossier(app, client, applicant, other_applicant, agent_75,
                                                                 filed_dossier):
    """The test documents are all the same PDF: stored once under its SHA-256, given by two people."""
    import io

    from werkzeug.datastructures import FileStorage

    from anef.documents.services import add_page
    from anef.dossiers.models import Dossier
    from anef.extensions import db
    from conftest import PDF_BYTES

    other = add_dossier(app, other_applicant, passeport__numero="XY9999999", titre__numero_etranger="2222222222")
    with app.test_request_context():
        other_id = db.session.scalar(select(Dossier.id).where(Dossier.reference == other))
        add_page(other_id, "passeport", FileStorage(io.BytesIO(PDF_BYTES), filename="p.pdf"), other_applicant)
    login(client, "instructeur75@example.fr")
    found = section(page(client, filed_dossier))
    assert "Fichier identique dans le dossier d'une autre personne" in found and "SHA-256" in found
    assert f'href="/agent/dossiers/{other}"' in found


def test_a_file_many_people_share_shows_the_latest_dossiers_up_to_the_limit(app, client, applicant, other_applicant,
                                                                           agent_75, filed_dossier, monkeypatch):
    """A file in very many dossiers (a popular form) is read through its index up to the limit, newest first;
    drafts and the person's own dossiers are not counted."""
    import io

    from werkzeug.datastructures import FileStorage

    from anef.documents.services import add_page
    from anef.dossiers.models import Dossier
    from anef.extensions import db
    from anef.fraud import services as fraud
    from conftest import PDF_BYTES

    monkeypatch.setattr(fraud, "MATCH_LIMIT", 3)
    others = [add_dossier(app, other_applicant, passeport__numero=f"XY{n:07d}") for n in range(5)]
    draft = add_dossier(app, other_applicant, state="brouillon", passeport__numero="XY7777777")
    own = add_dossier(app, applicant, passeport__numero="EA7654321")
    with app.test_request_context():
        for reference in [*others, draft, own]:
            dossier_id = db.session.scalar(select(Dossier.id).where(Dossier.reference == reference))
            owner = other_applicant if reference != own else applicant
            add_page(dossier_id, "passeport", FileStorage(io.BytesIO(PDF_BYTES), filename="p.pdf"), owner)
    login(client, "instructeur75@example.fr")
    found = section(page(client, filed_dossier))
    assert "Fichier identique dans le dossier d'une autre personne" in found
    shown = [reference for reference in others if f'href="/agent/dossiers/{reference}"' in found]
    assert shown == others[-3:]
    assert draft not in found and own not in found


def test_identity_answers_that_differ_from_a_previous_dossier_of_the_same_person(app, client, applicant, agent_75,
                                                                                 agent_69):
    add_dossier(app, applicant, state="accepte", filed_days_ago=400, identite__date_naissance="2001-03-14",
                passeport__numero="OLD000001")
    elsewhere = add_dossier(app, applicant, service="pref-69", state="refuse", filed_days_ago=300,
                            identite__nationalite="taïwanaise", passeport__numero="OLD000002")
    mine = add_dossier(app, applicant, filed_days_ago=1)
    later = add_dossier(app, applicant, filed_days_ago=0, identite__nom="AUTRE", passeport__numero="NEW000001")
    login(client, "instructeur75@example.fr")
    found = section(page(client, mine))
    assert "Identité différente d'un précédent dossier de la même personne" in found
    assert "2002-03-14 ≠ 2001-03-14" in found  # visible: the same service
    assert "taïwanaise" not in found and elsewhere not in found
    assert "1 dossier d'un autre service\u00a0: Préfecture Rhône (Lyon)" in found
    assert later not in found  # only previous dossiers


def test_a_minor_s_document_filed_by_a_parent_is_not_an_identity_change(app, client, applicant, agent_75):
    """A DCEM's identity step is the child's: it is never compared with the parent's own dossiers."""
    add_dossier(app, applicant, procedure="dcem", filed_days_ago=30, identite__prenoms="Lina",
                identite__date_naissance="2015-06-01")
    mine = add_dossier(app, applicant, filed_days_ago=1)
    login(client, "instructeur75@example.fr")
    assert "Identité différente" not in section(page(client, mine))


def test_the_signals_cost_the_same_queries_with_more_matches(app, client, applicant, other_applicant, agent_75):
    from anef.extensions import db
    from anef.testing.queries import count_queries

    mine = add_dossier(app, applicant)
    add_dossier(app, other_applicant)
    login(client, "instructeur75@example.fr")
    with app.app_context():
        engine = db.engine
    with count_queries(engine) as few:
        client.get(f"/agent/dossiers/{mine}")
    for _n in range(6):
        add_dossier(app, other_applicant)
        add_dossier(app, applicant, filed_days_ago=30, identite__nom="CHANGÉ")
    with count_queries(engine) as many:
        client.get(f"/agent/dossiers/{mine}")
    assert len(many) == len(few)


def record_views(app, agent_id, references, at):
    from anef.audit.services import record
    from anef.extensions import db

    with app.test_request_context():
        for reference in references:
            record("dossier_view", reference, actor_id=agent_id).at = at
        db.session.commit()


def test_volume_alert_for_an_agent_opening_many_dossiers_not_assigned_to_them(app, client, make_user, applicant,
                                                                              agent_75, valideur_75):
    from anef.dossiers.models import Dossier
    from anef.extensions import db
    from anef.models import utcnow

    app.config["FRAUD_VIEW_ALERT_THRESHOLD"] = 3
    try:
        make_user("admin75@example.fr", role="admin", service="pref-75")
        make_user("admin69@example.fr", role="admin", service="pref-69")
        references = [add_dossier(app, applicant) for _n in range(5)]
        with app.app_context():
            for dossier in db.session.scalars(select(Dossier).where(Dossier.reference.in_(references[:2]))):
                dossier.assigned_agent_id = agent_75
            db.session.commit()
        hour = utcnow().replace(minute=5, second=0, microsecond=0) - dt.timedelta(hours=2)
        record_views(app, valideur_75, references, utcnow() - dt.timedelta(days=9))  # too old
        record_views(app, agent_75, references, hour)            # 3 not assigned: not more than 3
        record_views(app, valideur_75, references, hour)         # 5 not assigned: an alert
        record_views(app, valideur_75, references[:3], hour + dt.timedelta(hours=1))
        login(client, "admin75@example.fr")
        body = html.unescape(client.get("/agent/service/alertes").get_data(as_text=True))
        assert "Alertes de consultation" in body and "plus de 3 dossiers" in body
        assert "Vincent Petit" in body and "5 dossiers ouverts" in body and "Inès Martin" not in body
        assert body.count("dossiers ouverts") == 1
        assert "/agent/audit?agent=valideur75@example.fr&amp;du=" in client.get(
            "/agent/service/alertes").get_data(as_text=True)
        other = app.test_client()
        login(other, "admin69@example.fr")
        assert "Aucune alerte." in other.get("/agent/service/alertes").get_data(as_text=True)
        agent = app.test_client()
        login(agent, "instructeur75@example.fr")
        assert agent.get("/agent/service/alertes").status_code == 404
    finally:
        app.config.pop("FRAUD_VIEW_ALERT_THRESHOLD", None)
