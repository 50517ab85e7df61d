"""Steering: a service's and the country's flows, backlog, processing times, legal clock and complements, as a page
with charts and tables, and as CSV; only for a service's local admin and valideurs, and the national admin."""
import csv
import datetime as dt
import html
import io

import pytest
from sqlalchemy import select

from conftest import login


def _dossiers(app, service_code, specs, start=0):
    """Dossiers written directly (steering only reads them); ``specs`` are dicts of Dossier fields."""
    from anef.accounts.models import User
    from anef.agents.models import Service
    from anef.dossiers.models import Dossier
    from anef.dossiers.services import make_reference
    from anef.extensions import db

    with app.app_context():
        service = db.session.scalar(select(Service).where(Service.code == service_code))
        owner = User(email=f"owner{start}@example.fr", password_hash="x", role="applicant", given_names="Mei",
                     family_name="Zhang")
        db.session.add(owner)
        db.session.flush()
        for n, spec in enumerate(specs, start=start + 1):
            db.session.add(Dossier(procedure="etudiant", applicant_id=owner.id, service_id=service.id,
                                   reference=make_reference(2026, n), answers={}, **spec))
        db.session.commit()


def _ago(days):
    from anef.models import utcnow

    return utcnow() - dt.timedelta(days=days)


@pytest.fixture
def activity(app):
    """Paris: 3 decided (after 10, 20 and 40 days), 2 open of which one past its 4-month clock, 1 complement
    overdue; Lyon: 1 open past its clock."""
    today = dt.date.today()
    _dossiers(app, "pref-75", [
        {"state": "accepte", "filed_at": _ago(30), "complete_at": _ago(30), "decided_at": _ago(20)},
        {"state": "refuse", "filed_at": _ago(40), "complete_at": _ago(40), "decided_at": _ago(20)},
        {"state": "accepte", "filed_at": _ago(50), "complete_at": _ago(50), "decided_at": _ago(10)},
        {"state": "en_instruction", "filed_at": _ago(200), "complete_at": _ago(200)},
        {"state": "depose", "filed_at": _ago(3), "complete_at": _ago(3)},
        {"state": "complement_demande", "filed_at": _ago(60), "complete_at": _ago(60),
         "complement_deadline": today - dt.timedelta(days=2)},
    ])
    _dossiers(app, "pref-69", [{"state": "depose", "filed_at": _ago(150), "complete_at": _ago(150)}], start=100)


def test_a_service_sees_its_own_figures(app, activity, make_user):
    from anef.steering.services import indicators
    from anef.agents.models import Service
    from anef.extensions import db

    with app.test_request_context():
        paris = db.session.scalar(select(Service.id).where(Service.code == "pref-75"))
        figures = indicators(paris)
        assert figures.backlog == {"depose": 1, "en_instruction": 1, "complement_demande": 1, "decision_proposee": 0}
        assert figures.decided == 3
        assert round(figures.median_days) == 20 and round(figures.p90_days) == 40
        assert figures.past_clock == 1
        assert (figures.complements_pending, figures.complements_overdue) == (1, 1)
        assert sum(w.filed for w in figures.weeks) == 5  # filed within the 12 weeks: 3, 30, 40, 50 and 60 days ago
        assert sum(w.decided for w in figures.weeks) == 3
        country = indicators(None)
        assert country.past_clock == 2 and country.backlog_total == 4
        # The most late first, then the biggest backlog.
        assert [(r["code"], r["open"], r["past_clock"], r["complements"]) for r in country.by_service] == [
            ("pref-75", 3, 1, 1), ("pref-69", 1, 1, 0)]


def test_the_page_shows_charts_tables_and_key_figures(app, client, activity, make_user):
    make_user("admin75@example.fr", role="admin", service="pref-75")
    login(client, "admin75@example.fr")
    response = client.get("/pilotage/")
    body = html.unescape(response.get_data(as_text=True))
    assert response.status_code == 200
    assert "Pilotage — Préfecture" in body
    assert body.count('role="img"') == 2 and "Déposées (plein)" in body and "Décidées (hachuré)" in body
    assert "Dossiers au-delà du délai légal" in body and "<dd>1</dd>" in body
    assert "20 jours" in body and "40 jours" in body
    # A service never sees the others.
    assert "Par service" not in body and "Rhône" not in body


def test_the_csv_holds_the_same_figures(app, client, activity, make_user):
    make_user("valideur75b@example.fr", role="valideur", service="pref-75")
    login(client, "valideur75b@example.fr")
    response = client.get("/pilotage/indicateurs.csv")
    assert response.status_code == 200 and response.mimetype == "text/csv"
    assert "attachment" in response.headers["Content-Disposition"]
    rows = list(csv.reader(io.StringIO(response.get_data(as_text=True).lstrip("\ufeff")), delimiter=";"))
    assert rows[0] == ["Indicateur", "Semaine du", "Valeur"]
    values = {r[0]: r[2] for r in rows[1:] if not r[1] or r[0].startswith("Délai")}
    assert values["Dossiers au-delà du délai légal"] == "1"
    assert values["Compléments en retard"] == "1"
    assert sum(int(r[2]) for r in rows if r[0] == "Décisions rendues") == 3


def test_the_national_admin_sees_the_country_and_each_service(app, client, activity, national_admin):
    login(client, "national@example.fr")
    body = html.unescape(client.get("/pilotage/").get_data(as_text=True))
    assert "Pilotage national" in body and "Par service" in body
    assert 'href="/pilotage/?service=pref-69"' in body and 'href="/pilotage/?service=pref-75"' in body
    lyon = html.unescape(client.get("/pilotage/", query_string={"service": "pref-69"}).get_data(as_text=True))
    assert "Pilotage — Préfecture Rhône" in lyon
    assert client.get("/pilotage/", query_string={"service": "nope"}).status_code == 404


@pytest.mark.parametrize("role", ["instructeur", "applicant", "auditeur", "mediateur"])
def test_others_may_not_see_steering(app, client, make_user, role):
    make_user("quelquun@example.fr", role=role, service="pref-75" if role in ("instructeur", "mediateur") else None)
    login(client, "quelquun@example.fr")
    assert client.get("/pilotage/").status_code in (403, 404)
    assert client.get("/pilotage/indicateurs.csv").status_code in (403, 404)


def test_views_and_exports_are_audited(app, client, activity, make_user):
    from anef.audit.models import AuditEvent
    from anef.extensions import db

    make_user("admin75@example.fr", role="admin", service="pref-75")
    login(client, "admin75@example.fr")
    client.get("/pilotage/")
    client.get("/pilotage/indicateurs.csv")
    with app.app_context():
        actions = db.session.scalars(select(AuditEvent.action).where(AuditEvent.action.like("steering_%"))).all()
    assert actions == ["steering_view", "steering_export"]


def test_queries_do_not_grow_with_the_data(app, client, make_user):
    from anef.extensions import db
    from anef.testing.queries import count_queries

    make_user("admin75@example.fr", role="admin", service="pref-75")
    login(client, "admin75@example.fr")
    with app.app_context():
        engine = db.engine
    _dossiers(app, "pref-75", [{"state": "depose", "filed_at": _ago(3), "complete_at": _ago(3)}])
    client.get("/pilotage/")
    with count_queries(engine) as small:
        client.get("/pilotage/")
    _dossiers(app, "pref-75", [{"state": s, "filed_at": _ago(n % 80), "complete_at": _ago(n % 80),
                                "decided_at": _ago(n % 5) if s == "accepte" else None}
                               for n, s in enumerate(["accepte", "depose", "en_instruction"] * 40)], start=500)
    with count_queries(engine) as big:
        client.get("/pilotage/")
    assert len(big) == len(small)
