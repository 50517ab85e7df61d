"""What a declared change of address does: the person's postal address, and their open dossiers follow them."""
from __future__ import annotations

from flask_babel import force_locale
from flask_babel import gettext as _
from sqlalchemy import select

from anef.agents.models import Service
from anef.dossiers import lifecycle
from anef.dossiers.models import Dossier
from anef.dossiers.services import transfer_dossier
from anef.extensions import db
from anef.plugins import hook

# The address fields every procedure's ``adresse`` step shares (anef.procedure_kit.forms.AdresseForm).
ADDRESS_FIELDS = ("adresse", "complement", "code_postal", "commune")


def new_address(answers: dict) -> dict:
    """The declared address, as the ``adresse`` step of any procedure holds it."""
    given = answers.get("adresse") or {}
    return {name: given[name] for name in ADDRESS_FIELDS if given.get(name)}


def update_profile(user, answers: dict) -> None:
    """The account's postal address (letters, the print queue's préfecture) becomes the declared one."""
    address = new_address(answers)
    user.address_lines = "\n".join(v for v in (address.get("adresse"), address.get("complement")) if v) or None
    user.postcode = address.get("code_postal") or None
    user.town = address.get("commune") or None


def destinations(declaration: Dossier) -> list[tuple[Dossier, Service]]:
    """The applicant's other open dossiers that their own procedure routes to another service for the new address,
    each with that service (two queries, whatever the number of dossiers)."""
    address = new_address(declaration.answers or {})
    others = db.session.scalars(select(Dossier).where(
        Dossier.applicant_id == declaration.applicant_id, Dossier.id != declaration.id,
        Dossier.state.in_(lifecycle.OPEN_STATES), Dossier.service_id.is_not(None)).order_by(Dossier.id)).all()
    wanted = {}
    for dossier in others:
        answers = dict(dossier.answers or {})
        # Asked as if the dossier had been filed from the new address: a procedure routed by the workplace or a
        # platform covering both départements answers with the service it already has.
        answers["adresse"] = {**(answers.get("adresse") or {}), **address}
        code = hook().route_dossier(procedure=dossier.procedure, answers=answers)
        if code:
            wanted[dossier.id] = code
    found = {s.code: s for s in db.session.scalars(select(Service).where(Service.code.in_(set(wanted.values()))))}
    return [(d, found[wanted[d.id]]) for d in others
            if wanted.get(d.id) in found and found[wanted[d.id]].id != d.service_id]


def apply_new_address(declaration: Dossier, actor) -> list[Dossier]:
    """The declaration has just been filed (in its transaction): update the person's postal address and move each
    of their other open dossiers to the service of the new address. Returns the dossiers moved."""
    update_profile(declaration.applicant, declaration.answers or {})
    moved = []
    for dossier, service in destinations(declaration):
        # Agents read the history in French, whatever the language the applicant files in.
        with force_locale("fr"):
            reason = _("Dossier transféré de « %(old)s » à « %(new)s », après la déclaration de changement d'adresse "
                       "%(reference)s.",
                       old=dossier.service.name, new=service.name, reference=declaration.reference)
        transfer_dossier(dossier, service, reason, actor=actor)
        moved.append(dossier)
    return moved


def other_open_dossiers(declaration: Dossier) -> list[Dossier]:
    """The applicant's other open dossiers in the declaration's service (those moved with it among them), in one
    query: the agent who checks the new address takes them up."""
    return db.session.scalars(select(Dossier).where(
        Dossier.applicant_id == declaration.applicant_id, Dossier.id != declaration.id,
        Dossier.service_id == declaration.service_id, Dossier.state.in_(lifecycle.OPEN_STATES))
        .order_by(Dossier.filed_at, Dossier.id)).all()
