"""The work authorisation's number, and finding an authorisation for the employee's own titre request.

The employee's procedures never read these dossiers themselves: they ask through the hook
``find_work_authorisation``, answered here from the dossier's answers.
"""
from __future__ import annotations

import secrets

from sqlalchemy import select

from anef.calendar.services import local_date
from anef.dossiers import lifecycle
from anef.dossiers.models import Dossier
from anef.extensions import db
from anef.procedure_kit import work_authorisation as wa

CODE = "autorisation_travail"
STATES = {lifecycle.ACCEPTE: wa.GRANTED, lifecycle.TITRE_REMIS: wa.GRANTED, lifecycle.REFUSE: wa.REFUSED,
          lifecycle.CLASSE_SANS_SUITE: wa.CLOSED}


def new_number(year: int) -> str:
    """A fresh number ``AT-<year>-XXXX-XXXX``: 8 random characters (about 10¹² per year), so that a number
    cannot be guessed from another; drawn again in the unlikely case it is taken."""
    while True:
        tail = "".join(secrets.choice(wa.ALPHABET) for _ in range(8))
        number = f"AT-{year:04d}-{tail[:4]}-{tail[4:]}"
        if db.session.scalar(select(Dossier.id).where(Dossier.decision_reference == number)) is None:
            return number


def authorisation_of(dossier: Dossier) -> wa.WorkAuthorisation:
    """A work-authorisation dossier as the employee's request sees it."""
    answers = dossier.answers or {}
    employer = answers.get("employeur") or {}
    place = answers.get("lieu_travail") or {}
    job = {name: (answers.get("emploi") or {}).get(name, "")
           for name in ("poste", "type_contrat", "date_debut", "duree_mois", "heures_hebdo", "salaire_mensuel_brut")}
    if job["type_contrat"] == "cdi":
        job["duree_mois"] = ""
    job.update(lieu_code_postal=place.get("code_postal", ""), lieu_commune=place.get("commune", ""))
    identity = {k: v for k, v in (answers.get("identite") or {}).items() if isinstance(v, str)}
    passport = {k: v for k, v in (answers.get("passeport") or {}).items() if isinstance(v, str)}
    return wa.WorkAuthorisation(
        number=dossier.decision_reference or "", state=STATES.get(dossier.state, wa.PENDING),
        siret=employer.get("siret", ""), employer_name=employer.get("raison_sociale", ""),
        granted_on=local_date(dossier.decided_at) if dossier.decided_at and dossier.decision_reference else None,
        identity=identity, passport=passport, job=job)


def find(number: str | None, siret: str | None) -> wa.WorkAuthorisation | None:
    """The work authorisation of this number — or, before it is granted, of this request reference — whose
    employer has this SIRET; None otherwise (unknown, a draft, or another employer's: the same answer)."""
    typed = (number or "").strip().upper()
    siret = wa.compact_siret(siret)
    if not typed or not siret:
        return None
    if wa.REFERENCE_RE.fullmatch(typed):
        where = Dossier.reference == typed
    else:
        normalised = wa.normalise_number(typed)
        if normalised is None:
            return None
        where = Dossier.decision_reference == normalised
    dossier = db.session.scalar(select(Dossier).where(where, Dossier.procedure == CODE,
                                                      Dossier.state != lifecycle.BROUILLON))
    if dossier is None or ((dossier.answers or {}).get("employeur") or {}).get("siret") != siret:
        return None
    return authorisation_of(dossier)

