"""Moving an open dossier to another service (transfer_dossier), and the hook apply_transition."""
import pytest
from sqlalchemy import select

NBSP = "\u00a0"


@pytest.fixture
def objects(app, applicant, agent_75, valideur_75, agent_69, filed_dossier):
    from anef.accounts.models import User
    from anef.agents.models import Service
    from anef.dossiers import services
    from anef.extensions import db

    with app.test_request_context():
        user = db.session.get(User, applicant)
        yield {"dossier": services.applicant_dossier(filed_dossier, user), "applicant": user,
               "agent": db.session.get(User, agent_75), "valideur": db.session.get(User, valideur_75),
               "agent_69": db.session.get(User, agent_69),
               "lyon": db.session.scalar(select(Service).where(Service.code == "pref-69")), "services": services}


def test_a_dossier_in_instruction_moves_with_its_history_and_no_instructeur(objects):
    from werkzeug.exceptions import NotFound

    from anef.extensions import db

    s, d = objects["services"], objects["dossier"]
    s.take(d, objects["agent"])
    entry = s.transfer_dossier(d, objects["lyon"], "De Paris à Lyon", actor=objects["applicant"])
    db.session.commit()
    assert entry.action == "transfer" and (entry.from_state, entry.to_state) == ("en_instruction", "en_instruction")
    assert d.service.code == "pref-69" and d.assigned_agent_id is None and d.state == "en_instruction"
    with pytest.raises(NotFound):
        s.agent_dossier(d.reference, objects["agent"])
    assert s.agent_dossier(d.reference, objects["agent_69"]) is d
    [event] = [e for e in s.timeline(d) if e["reason"] == "De Paris à Lyon"]
    assert str(event["text"]) == "Votre demande a été transmise au service désormais compétent."
    assert s.transfer_dossier(d, objects["lyon"], "encore") is None


def test_a_proposed_decision_goes_back_to_instruction_before_moving(objects):
    from anef.extensions import db

    s, d = objects["services"], objects["dossier"]
    s.take(d, objects["agent"])
    assert s.decide(d, objects["agent"], decision="refuse", motivation="Ressources insuffisantes") == "propose_decision"
    s.transfer_dossier(d, objects["lyon"], "Changement d'adresse")
    db.session.commit()
    assert d.state == "en_instruction" and d.proposed_decision is None and d.proposed_by_id is None
    assert [t.action for t in d.transitions][-2:] == ["return_proposal", "transfer"]


def test_a_decided_dossier_does_not_move(objects):
    s, d = objects["services"], objects["dossier"]
    s.take(d, objects["agent"])
    s.decide(d, objects["agent"], decision="accepte", motivation="")
    with pytest.raises(s.TransitionError):
        s.transfer_dossier(d, objects["lyon"], "trop tard")


def test_every_transition_is_offered_to_the_plugins(objects, app):
    from anef.plugins import get_pm

    seen = []

    class Spy:
        from anef import hookimpl

        @hookimpl
        def apply_transition(self, procedure, dossier, action, actor):
            seen.append((procedure, action, actor.id if actor else None))

    spy = Spy()
    get_pm().register(spy, name="spy")
    try:
        objects["services"].take(objects["dossier"], objects["agent"])
    finally:
        get_pm().unregister(name="spy")
    assert seen == [("etudiant", "take", objects["agent"].id)]
