"""A work authorisation granted through the real screens, for the tests of the employee's cards (immigration_pro,
passeport_talent): an employer account files it, an instructeur of the platform grants it."""
from __future__ import annotations

from sqlalchemy import select

from anef.procedure_kit.testing import file_through_screens, take_and_decide
from conftest import PASSWORD, login

EMPLOYER_EMAIL = "rh@example.fr"


def platform_agent(app, make_user, service: str = "moe-75") -> str:
    """An instructeur of the platform (created once)."""
    from anef.accounts.services import find_user

    email = f"instructeur.{service}@example.fr"
    with app.app_context():
        if find_user(email) is None:
            make_user(email, role="instructeur", service=service)
    return email


def file_authorisation(app, **answers) -> str:
    """File a work authorisation from the samples' employer account (created once); returns its reference."""
    from anef.accounts.services import find_user
    from anef.employers.testing import make_employer
    from plugins.autorisation_travail import samples

    with app.app_context():
        if find_user(EMPLOYER_EMAIL) is None:
            make_employer(EMPLOYER_EMAIL, PASSWORD, samples.EMPLOYER["siret"])
    employer = app.test_client()
    login(employer, EMPLOYER_EMAIL)
    eligibility = {**samples.ELIGIBLE, "emploi": {"cdi": "salarie", "cdd": "temporaire", "saisonnier": "saisonnier"}[
        answers.get("contract", "cdi")]}
    reference, _steps, _kinds = file_through_screens(employer, "autorisation_travail", eligibility,
                                                     samples.sample_answers(**answers))
    return reference


def accept(app, agent_email: str, reference: str) -> str:
    """An instructeur of the platform grants the authorisation; returns its number."""
    from anef.dossiers.models import Dossier
    from anef.extensions import db

    agent = app.test_client()
    login(agent, agent_email)
    take_and_decide(agent, reference)
    with app.app_context():
        return db.session.scalar(select(Dossier.decision_reference).where(Dossier.reference == reference))


def grant(app, make_user, **answers) -> tuple[str, str]:
    """A granted work authorisation: (its number, the employer's SIRET)."""
    from plugins.autorisation_travail import samples

    service = "moe-saisonnier" if answers.get("contract") == "saisonnier" else "moe-75"
    return (accept(app, platform_agent(app, make_user, service), file_authorisation(app, **answers)),
            samples.EMPLOYER["siret"])
