"""The agents' search in the queue: by reference, family name, passport number or numéro étranger, within the
agent's own service, audited, paged by keyset with a constant number of queries."""
import datetime as dt
import html

import pytest
from sqlalchemy import select

from anef.agents.services import parse_search
from conftest import login, student_answers


def _dossiers(app, service_code, count, *, family_name="ZHANG", start=1, renewal=False):
    """``count`` filed dossiers in ``service_code`` (rows written directly: the queue only reads them)."""
    from anef.accounts.models import User
    from anef.agents.models import Service
    from anef.dossiers.models import Dossier
    from anef.dossiers.services import make_reference
    from anef.extensions import db
    from anef.models import utcnow

    with app.app_context():
        service = db.session.scalar(select(Service).where(Service.code == service_code))
        owner = User(email=f"owner{start}@example.fr", password_hash="x", role="applicant", given_names="Mei",
                     family_name=family_name.title())
        db.session.add(owner)
        db.session.flush()
        now = utcnow()
        references = []
        for n in range(start, start + count):
            answers = student_answers(renewal=renewal)
            answers["identite"]["nom"] = family_name
            answers["passeport"]["numero"] = f"XK{n:07d}"
            if renewal:
                answers["titre"]["numero_etranger"] = f"{n:010d}"
            dossier = Dossier(procedure="etudiant", applicant_id=owner.id, service_id=service.id, state="depose",
                              reference=make_reference(2026, n), filed_at=now - dt.timedelta(minutes=count - n),
                              answers=answers)
            db.session.add(dossier)
            references.append(dossier.reference)
        db.session.commit()
        return references


def _link(reference):
    return f'href="/agent/dossiers/{reference}"'


def _body(response):
    return html.unescape(response.get_data(as_text=True))


@pytest.mark.parametrize("typed, kind, term", [
    ("ANEF-2026-000123-K", "reference", "ANEF-2026-000123-K"),
    (" anef-2026-000123-k ", "reference", "ANEF-2026-000123-K"),
    ("75 0123 4567", "numero_etranger", "7501234567"),
    ("ea 1234567", "passport", "EA1234567"),
    ("Zhang", "name", "ZHANG"),
    ("Ben Ali", "name", "BEN ALI"),
])
def test_what_the_agent_typed_is_read_as_a_kind_of_search(typed, kind, term):
    search = parse_search(typed)
    assert (search.kind, search.term) == (kind, term)


def test_empty_search_is_the_queue():
    assert parse_search("   ") is None and parse_search("") is None


def test_search_finds_a_dossier_by_reference_name_passport_and_numero_etranger(app, client, agent_75):
    [reference] = _dossiers(app, "pref-75", 1, family_name="BENALI", start=7, renewal=True)
    others = _dossiers(app, "pref-75", 2, family_name="DIALLO", start=20)
    login(client, "instructeur75@example.fr")
    for typed in (reference, reference.lower(), "benali", "xk0000007", "0000000007", "00 0000 0007"):
        body = _body(client.get("/agent/", query_string={"q": typed}))
        assert _link(reference) in body, typed
        assert not any(_link(o) in body for o in others), typed
        assert f"Résultats pour «\u00a0{typed.strip()}\u00a0»" in body
    body = _body(client.get("/agent/", query_string={"q": "Durand"}))
    assert "Aucun dossier du service ne correspond à «\u00a0Durand\u00a0»." in body and _link(reference) not in body


def test_search_never_shows_another_service_dossiers(app, client, agent_69):
    [reference] = _dossiers(app, "pref-75", 1, family_name="BENALI", start=3)
    login(client, "instructeur69@example.fr")
    for typed in (reference, "BENALI", "XK0000003"):
        body = _body(client.get("/agent/", query_string={"q": typed}))
        assert _link(reference) not in body and "Aucun dossier du service ne correspond" in body


def test_drafts_are_not_found(app, client, agent_75, draft_dossier):
    login(client, "instructeur75@example.fr")
    assert _link(draft_dossier) not in _body(client.get("/agent/", query_string={"q": draft_dossier}))
    assert _link(draft_dossier) not in _body(client.get("/agent/", query_string={"q": "ZHANG"}))


def test_searches_are_written_to_the_audit_log(app, client, agent_75):
    from anef.audit.models import AuditEvent
    from anef.audit.services import verify_chain
    from anef.extensions import db

    _dossiers(app, "pref-75", 1, family_name="BENALI", start=5)
    login(client, "instructeur75@example.fr")
    client.get("/agent/", query_string={"q": "xk0000005"})
    with app.app_context():
        event = db.session.scalar(select(AuditEvent).where(AuditEvent.action == "dossier_search"))
        assert event.actor_id == agent_75
        assert event.detail["query"] == "xk0000005" and event.detail["kind"] == "passport"
        assert event.detail["found"] == 1
        assert verify_chain() is None


def test_search_results_are_paged_and_the_next_page_keeps_the_search(app, client, agent_75):
    references = _dossiers(app, "pref-75", 55, family_name="NGUYEN", start=100)
    _dossiers(app, "pref-75", 3, family_name="PHAM", start=300)
    login(client, "instructeur75@example.fr")
    first = _body(client.get("/agent/", query_string={"q": "Nguyen"}))
    assert references[0] in first and references[49] in first and references[50] not in first
    assert "q=Nguyen" in first and "Dossiers suivants" in first
    link = first.split('id="queue-more"')[1].split('href="')[1].split('"')[0]
    second = _body(client.get(link, headers={"HX-Request": "true"}))
    assert references[50] in second and references[54] in second and references[0] not in second
    assert "PHAM" not in second


def test_queries_per_queue_and_search_page_do_not_grow_with_the_data(app, client, agent_75):
    from anef.extensions import db
    from anef.testing.queries import count_queries

    login(client, "instructeur75@example.fr")
    with app.app_context():
        engine = db.engine
    _dossiers(app, "pref-75", 3, start=1)
    client.get("/agent/")
    with count_queries(engine) as small_queue:
        client.get("/agent/")
    with count_queries(engine) as small_search:
        client.get("/agent/", query_string={"q": "ZHANG"})
    _dossiers(app, "pref-75", 120, start=10)
    with count_queries(engine) as big_queue:
        assert client.get("/agent/").status_code == 200
    with count_queries(engine) as big_search:
        assert client.get("/agent/", query_string={"q": "ZHANG"}).status_code == 200
    assert len(big_queue) == len(small_queue)
    assert len(big_search) == len(small_search)


def test_tab_counts_stop_at_a_cap_on_big_backlogs(app, client, agent_75, monkeypatch):
    from anef.agents import services

    monkeypatch.setattr(services, "COUNT_CAP", 3)
    _dossiers(app, "pref-75", 5, start=1)
    login(client, "instructeur75@example.fr")
    body = _body(client.get("/agent/"))
    assert "À traiter (3+)" in body and "En instruction (0)" in body
    monkeypatch.setattr(services, "COUNT_CAP", 1000)
    assert "À traiter (5)" in _body(client.get("/agent/"))
