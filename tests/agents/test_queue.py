"""The agents' queue: « Mes dossiers », filters, the order by rights expiring soonest, and batch actions."""
import datetime as dt
import html

from sqlalchemy import select

from conftest import login, student_answers


def _filed(app, service_code, specs, *, owner_email="owner@example.fr", start=0):
    """Filed dossiers written directly (the queue only reads them): ``specs`` are dicts of Dossier fields."""
    from anef.accounts.models import User
    from anef.agents.models import Service
    from anef.dossiers.models import Dossier
    from anef.dossiers.services import make_reference
    from anef.extensions import db
    from anef.models import utcnow

    with app.app_context():
        service = db.session.scalar(select(Service).where(Service.code == service_code))
        owner = User(email=owner_email, password_hash="x", role="applicant", given_names="Mei", family_name="Zhang")
        db.session.add(owner)
        db.session.flush()
        references = []
        for n, spec in enumerate(specs, start=1):
            fields = {"state": "depose", "filed_at": utcnow() - dt.timedelta(hours=len(specs) - n), **spec}
            dossier = Dossier(procedure=fields.pop("procedure", "etudiant"), applicant_id=owner.id,
                              service_id=service.id, reference=make_reference(2026, start + n + 100 * service.id),
                              answers=student_answers(), **fields)
            db.session.add(dossier)
            references.append(dossier.reference)
        db.session.commit()
        return references


def _body(response):
    return html.unescape(response.get_data(as_text=True))


def _order(body, references):
    """The references in the order the page lists them."""
    return sorted((r for r in references if f'href="/agent/dossiers/{r}"' in body),
                  key=lambda r: body.index(f'href="/agent/dossiers/{r}"'))


def _dossier(app, reference):
    from anef.dossiers.models import Dossier
    from anef.extensions import db

    with app.app_context():
        return db.session.scalar(select(Dossier).where(Dossier.reference == reference))


def test_people_whose_rights_expire_soonest_come_first(app, client, agent_75):
    today = dt.date.today()
    # Filed oldest first: no date, rights in 200 days, rights expired 3 days ago, rights in 20 days.
    refs = _filed(app, "pref-75", [{}, {"rights_expire_on": today + dt.timedelta(days=200)},
                                   {"rights_expire_on": today - dt.timedelta(days=3)},
                                   {"rights_expire_on": today + dt.timedelta(days=20)}])
    login(client, "instructeur75@example.fr")
    body = _body(client.get("/agent/"))
    assert _order(body, refs) == [refs[2], refs[3], refs[1], refs[0]]
    assert "droits expirant le plus tôt d'abord" in body
    assert body.count("expirés</span>") == 1 and body.count("bientôt</span>") == 1
    by_filing = _body(client.get("/agent/", query_string={"tri": "depot"}))
    assert _order(by_filing, refs) == refs


def test_rights_expiry_is_read_from_the_answers_at_filing(app, applicant, draft_dossier):
    """The core's default reads the long-stay visa of a first request, the card of a renewal; a DCEM's card is the
    parent's, so it has none."""
    from anef.accounts.models import User
    from anef.dossiers import services
    from anef.dossiers.models import Dossier
    from anef.extensions import db
    from anef.plugins import hook

    with app.test_request_context():
        user = db.session.get(User, applicant)
        dossier = services.applicant_dossier(draft_dossier, user)
        assert services.file_dossier(dossier, user).ok
        stored = db.session.scalar(select(Dossier.rights_expire_on).where(Dossier.id == dossier.id))
        assert stored == dt.date.fromisoformat(dossier.answers["entree"]["visa_fin"])
        renewal = student_answers(renewal=True)
        assert hook().rights_expiry(procedure="etudiant", answers=renewal) == \
            dt.date.fromisoformat(renewal["titre"]["titre_expiration"])
        assert hook().rights_expiry(procedure="dcem", answers=renewal) is False


def test_filters_by_state_dates_and_rights_expiring_soon(app, client, agent_75):
    from anef.models import utcnow

    today, now = dt.date.today(), utcnow()
    refs = _filed(app, "pref-75", [
        {"state": "accepte", "filed_at": now - dt.timedelta(days=40)},
        {"state": "refuse", "filed_at": now - dt.timedelta(days=10)},
        {"rights_expire_on": today + dt.timedelta(days=30)},
        {"rights_expire_on": today + dt.timedelta(days=90)},
    ])
    login(client, "instructeur75@example.fr")
    decided = _body(client.get("/agent/", query_string={"onglet": "traites", "etat": "refuse"}))
    assert _order(decided, refs) == [refs[1]]
    since = (today - dt.timedelta(days=20)).isoformat()
    recent = _body(client.get("/agent/", query_string={"onglet": "traites", "depose_du": since}))
    assert _order(recent, refs) == [refs[1]]
    soon = _body(client.get("/agent/", query_string={"expirant": "y"}))
    assert _order(soon, refs) == [refs[2]]
    # The filters stay on the tabs' links and on the next page's.
    assert 'expirant=y' in soon.split('aria-label="Onglets de la file"')[1].split("</nav>")[0]


def test_a_mistyped_date_is_shown_beside_its_field_and_not_applied(app, client, agent_75):
    refs = _filed(app, "pref-75", [{}])
    login(client, "instructeur75@example.fr")
    response = client.get("/agent/", query_string={"depose_du": "31/02/2026"})
    body = _body(response)
    assert response.status_code == 200
    assert 'id="depose_du-error-1"' in body and refs[0] in body
    reversed_dates = _body(client.get("/agent/", query_string={"depose_du": "2026-05-10", "depose_au": "2026-05-01"}))
    assert "Cette date doit être le même jour ou après la date «\u00a0à partir du\u00a0»." in reversed_dates


def test_batch_take_puts_the_ticked_dossiers_in_my_tab(app, client, agent_75, agent_69):
    mine = _filed(app, "pref-75", [{}, {}, {"state": "en_instruction"}])
    elsewhere = _filed(app, "pref-69", [{}], owner_email="lyon@example.fr")
    login(client, "instructeur75@example.fr")
    response = client.post("/agent/?onglet=a_traiter", data={
        "csrf_token": "", "action": "prendre", "dossier": [mine[0], mine[1], mine[2], elsewhere[0]]})
    assert response.status_code == 302
    body = _body(client.get(response.location))
    assert "2 dossiers pris en instruction." in body
    assert f"{mine[2]}\u00a0: Il n'est plus à traiter." in body
    assert f"{elsewhere[0]}\u00a0: Dossier introuvable dans le service." in body
    for reference in mine[:2]:
        dossier = _dossier(app, reference)
        assert dossier.state == "en_instruction" and dossier.assigned_agent_id == agent_75
    assert _dossier(app, elsewhere[0]).state == "depose"
    with app.app_context():
        from anef.audit.models import AuditEvent
        from anef.extensions import db

        denied = db.session.scalars(select(AuditEvent.target).where(AuditEvent.action == "dossier_access_denied"))
        assert list(denied) == [elsewhere[0]]
    tab = _body(client.get("/agent/", query_string={"onglet": "mes_dossiers"}))
    assert _order(tab, mine) == mine[:2] and "Mes dossiers (2)" in tab


def test_batch_assignment_to_a_colleague_is_audited(app, client, agent_75, valideur_75, make_user):
    from anef.audit.models import AuditEvent
    from anef.extensions import db

    colleague = make_user("collegue75@example.fr", role="instructeur", service="pref-75", given_names="Paul",
                          family_name="Durand")
    refs = _filed(app, "pref-75", [{}, {"assigned_agent_id": valideur_75, "state": "en_instruction"}])
    login(client, "instructeur75@example.fr")
    client.post("/agent/", data={"action": "attribuer", "agent": colleague, "dossier": refs})
    assert _dossier(app, refs[0]).assigned_agent_id == colleague
    assert _dossier(app, refs[0]).state == "depose"
    # An instructeur does not take a dossier away from another agent; a valideur may.
    assert _dossier(app, refs[1]).assigned_agent_id == valideur_75
    with app.app_context():
        events = db.session.scalars(select(AuditEvent).where(AuditEvent.action == "dossier_assign")).all()
        assert [(e.target, e.actor_id, e.detail["to_agent"]) for e in events] == [(refs[0], agent_75, colleague)]
    client.post("/compte/deconnexion")
    login(client, "valideur75@example.fr")
    client.post("/agent/", data={"action": "attribuer", "agent": colleague, "dossier": [refs[1]]})
    assert _dossier(app, refs[1]).assigned_agent_id == colleague
    body = _body(client.get("/agent/", query_string={"onglet": "en_instruction"}))
    assert "Paul Durand" in body


def test_a_batch_without_a_ticked_dossier_or_agent_says_what_is_missing(app, client, agent_75, agent_69):
    refs = _filed(app, "pref-75", [{}])
    login(client, "instructeur75@example.fr")
    response = client.post("/agent/", data={"action": "prendre"})
    assert response.status_code == 422
    assert "Cochez au moins un dossier dans la liste." in _body(response)
    # An agent of another service is not in the list, and cannot be slipped in.
    response = client.post("/agent/", data={"action": "attribuer", "agent": agent_69, "dossier": refs})
    assert response.status_code == 422 and "Choisissez un agent du service." in _body(response)
    assert _dossier(app, refs[0]).assigned_agent_id is None


def test_queue_queries_stay_constant_with_filters_and_both_orders(app, client, agent_75):
    from anef.extensions import db
    from anef.testing.queries import count_queries

    login(client, "instructeur75@example.fr")
    with app.app_context():
        engine = db.engine
    today = dt.date.today()
    _filed(app, "pref-75", [{"rights_expire_on": today + dt.timedelta(days=n)} for n in range(3)] + [{}])
    arguments = ({}, {"tri": "depot"}, {"expirant": "y", "procedure": "etudiant"}, {"onglet": "mes_dossiers"})
    client.get("/agent/")
    small = []
    for query in arguments:
        with count_queries(engine) as queries:
            client.get("/agent/", query_string=query)
        small.append(len(queries))
    _filed(app, "pref-75", [{"rights_expire_on": today + dt.timedelta(days=n % 40)} for n in range(80)] +
           [{} for _ in range(40)], owner_email="many@example.fr", start=10000)
    for query, before in zip(arguments, small, strict=True):
        with count_queries(engine) as queries:
            assert client.get("/agent/", query_string=query).status_code == 200
        # By rights, a full page of dated dossiers needs no second range: one query fewer, never more.
        assert len(queries) in (before, before - 1), query
