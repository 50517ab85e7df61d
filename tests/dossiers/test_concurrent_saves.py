"""Two saves of one draft crossing (the autosave of a field and the step's own submit, from two tabs): both land,
no error page. Found by the employer journey on a loaded machine: a 500 « Internal Server Error »."""
from sqlalchemy import update
from werkzeug.datastructures import MultiDict

from conftest import student_answers


def test_a_step_saved_while_another_request_changed_the_draft_keeps_both(app, applicant, draft_dossier):
    from anef.accounts.models import User
    from anef.dossiers import services
    from anef.dossiers.models import Dossier
    from anef.extensions import db

    with app.test_request_context():
        user = db.session.get(User, applicant)
        dossier = services.applicant_dossier(draft_dossier, user)
        step = next(s for s in services.steps_for(dossier) if s.slug == "ressources")
        # Another request (the autosave of the address step) commits first: the version moves on.
        changed = {**dossier.answers, "adresse": {**dossier.answers["adresse"], "commune": "Paris 11e"}}
        with db.engine.begin() as connection:
            connection.execute(update(Dossier).where(Dossier.id == dossier.id)
                               .values(answers=changed, version=Dossier.version + 1))
        typed = {**student_answers()["ressources"], "montant_mensuel": "1234"}
        form = services.save_step(dossier, step, MultiDict(typed))
        assert not form.errors
        db.session.expire_all()
        saved = db.session.get(Dossier, dossier.id).answers
        assert saved["ressources"]["montant_mensuel"] == "1234"
        assert saved["adresse"]["commune"] == "Paris 11e"
