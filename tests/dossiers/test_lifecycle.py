"""The lifecycle table and the services that apply it."""
import datetime as dt

import pytest

from anef.dossiers import lifecycle


def test_every_state_has_a_label_a_badge_and_a_next_step():
    for state in lifecycle.STATES:
        assert state in lifecycle.STATE_LABELS and state in lifecycle.STATE_BADGES and state in lifecycle.NEXT_STEP


def test_every_action_goes_between_known_states():
    for action in lifecycle.ACTIONS.values():
        assert set(action.sources) <= set(lifecycle.STATES) and action.target in lifecycle.STATES


def test_final_states_allow_nothing_but_handing_over_the_card():
    for state in lifecycle.FINAL_STATES:
        names = {a.name for actor in ("applicant", "agent", "valideur") for a in lifecycle.allowed_actions(state, actor)}
        assert names <= {"hand_over"}


@pytest.fixture
def objects(app, applicant, agent_75, valideur_75, filed_dossier):
    from anef.accounts.models import User
    from anef.dossiers import services
    from anef.extensions import db

    with app.test_request_context():
        user = db.session.get(User, applicant)
        yield {"dossier": services.applicant_dossier(filed_dossier, user), "applicant": user,
               "agent": db.session.get(User, agent_75), "valideur": db.session.get(User, valideur_75),
               "services": services}


def test_filing_routes_to_the_prefecture_and_records_who_and_when(objects):
    dossier = objects["dossier"]
    assert dossier.state == "depose" and dossier.service.code == "pref-75" and dossier.filed_at
    [transition] = dossier.transitions
    assert (transition.action, transition.from_state, transition.to_state, transition.actor_id) == (
        "submit", "brouillon", "depose", objects["applicant"].id)


def test_complement_round_trip_then_acceptance(objects):
    from anef.dossiers import corrections as c

    s, d, agent = objects["services"], objects["dossier"], objects["agent"]
    s.take(d, agent)
    assert d.state == "en_instruction" and d.assigned_agent_id == agent.id
    c.request_complement(d, agent, items=[c.ItemRequest("answer", "etudes", "Précisez l'établissement")],
                         deadline=dt.date.today() + dt.timedelta(days=15))
    assert d.state == "complement_demande" and d.complement_steps == ["etudes"]
    c.answer_complement(d, objects["applicant"], reply="L'établissement indiqué est le bon.")
    assert d.state == "en_instruction" and d.open_complement is None and d.complement_deadline is None
    assert s.decide(d, agent, decision="accepte", motivation="") == "accept"
    assert d.state == "accepte" and d.decided_at
    assert [t.action for t in d.transitions] == ["submit", "take", "request_complement", "answer_complement", "accept"]


def test_a_complement_asking_for_a_document_needs_a_new_upload(objects):
    from anef.dossiers import corrections as c

    s, d, agent = objects["services"], objects["dossier"], objects["agent"]
    s.take(d, agent)
    c.request_complement(d, agent, items=[c.ItemRequest("document", "passeport", "Passeport expiré")],
                         deadline=dt.date.today() + dt.timedelta(days=15))
    assert c.documents_pending(d) == ["passeport"]
    with pytest.raises(s.TransitionError):
        c.answer_complement(d, objects["applicant"], reply="")
    assert d.state == "complement_demande"


def test_refusal_needs_a_valideur_other_than_the_proposer(objects):
    s, d, agent, valideur = objects["services"], objects["dossier"], objects["agent"], objects["valideur"]
    s.take(d, agent)
    with pytest.raises(s.TransitionError):
        s.decide(d, agent, decision="refuse", motivation="")  # a refusal must be motivated
    assert s.decide(d, agent, decision="refuse", motivation="Ressources insuffisantes") == "propose_decision"
    assert d.state == "decision_proposee"
    with pytest.raises(s.TransitionError):
        s.decide(d, agent, decision="refuse", motivation="")  # the proposer cannot sign
    with pytest.raises(s.TransitionError):
        s.decide(d, valideur, decision="accepte", motivation="")  # signs only what was proposed
    assert s.decide(d, valideur, decision="refuse", motivation="") == "refuse"
    assert d.state == "refuse" and d.decision_motivation == "Ressources insuffisantes"


def test_valideur_can_send_a_proposal_back(objects):
    s, d, agent, valideur = objects["services"], objects["dossier"], objects["agent"], objects["valideur"]
    s.take(d, agent)
    s.decide(d, agent, decision="refuse", motivation="Doute")
    s.return_proposal(d, valideur, reason="Demander plutôt un complément")
    assert d.state == "en_instruction" and d.proposed_decision is None


def test_actions_out_of_order_are_refused_and_change_nothing(objects):
    s, d, agent = objects["services"], objects["dossier"], objects["agent"]
    with pytest.raises(s.TransitionError):
        s.decide(d, agent, decision="accepte", motivation="")  # not taken yet
    from anef.dossiers import corrections

    with pytest.raises(s.TransitionError):
        corrections.answer_complement(d, objects["applicant"], reply="")
    assert d.state == "depose" and len(d.transitions) == 1


def test_applicant_can_withdraw_before_the_decision(objects):
    s, d = objects["services"], objects["dossier"]
    s.withdraw(d, objects["applicant"], reason="Je quitte la France")
    assert d.state == "classe_sans_suite"
    with pytest.raises(s.TransitionError):
        s.withdraw(d, objects["applicant"])


def test_two_agents_acting_at_once_cannot_both_win(app, objects, agent_75):
    """Optimistic locking: the second agent's stale copy is refused."""
    from sqlalchemy import create_engine, text

    s, d = objects["services"], objects["dossier"]
    # Another agent takes the dossier through another connection, behind this session's back.
    engine = create_engine(app.config["SQLALCHEMY_DATABASE_URI"])
    with engine.begin() as conn:
        conn.execute(text("UPDATE dossiers SET state='en_instruction', version=version+1 WHERE id=:id"), {"id": d.id})
    engine.dispose()
    with pytest.raises(s.TransitionError):
        s.take(d, objects["agent"])


def test_timeline_speaks_plainly_and_hides_internal_reasons(objects):
    s, d, agent = objects["services"], objects["dossier"], objects["agent"]
    s.take(d, agent)
    texts = [str(e["text"]) for e in s.timeline(d)]
    assert texts == ["Brouillon créé.", "Demande déposée. L'attestation de dépôt est disponible.",
                     "Un agent a pris votre demande en charge."]
