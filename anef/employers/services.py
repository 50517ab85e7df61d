"""Employer accounts: the company found by SIRET (API Entreprise), sign-up, and what a dossier knows of it."""
from __future__ import annotations

from dataclasses import dataclass

from flask_babel import lazy_gettext as _l

from anef.accounts.models import APPLICANT, EMPLOYEUR, User
from anef.accounts.services import find_user, hash_password, normalise_email, send_verification, sign_up
from anef.employers.models import EMPLOYEUR as CAPACITY_EMPLOYEUR
from anef.employers.models import MANDATAIRE, EmployerProfile
from anef.extensions import db
from anef.procedure_kit.validators import siret_valid


@dataclass(frozen=True)
class Company:
    """An active establishment as API Entreprise describes it."""

    siret: str
    name: str
    address: str = ""
    naf: str = ""


class CompanyNotFound(Exception):
    """No active establishment for a SIRET; the message is for the person, beside the field."""


def compact_siret(value: str | None) -> str:
    """A SIRET as typed, without the spaces, dots or dashes people put between its groups."""
    return "".join(ch for ch in (value or "") if ch not in " .-\u00a0")


def look_up_company(siret: str) -> Company:
    """The active establishment of ``siret``, asked of API Entreprise (its simulator offline).

    Raises :class:`CompanyNotFound` for a SIRET that fails the Luhn check, is unknown, or names a closed
    establishment, and when the system does not answer.
    """
    from anef.connectors.base import HIT, OK, Subject
    from anef.connectors.registry import get_connector

    siret = compact_siret(siret)
    if not siret_valid(siret):
        raise CompanyNotFound(str(_l("Ce numéro SIRET n'existe pas : vérifiez chaque chiffre.")))
    answer = get_connector("api_entreprise").query(Subject(siret=siret))
    if answer.status == HIT:
        raise CompanyNotFound(str(_l("Cet établissement est fermé selon API Entreprise : indiquez le SIRET de "
                                     "l'établissement en activité.")))
    if answer.status != OK:
        if answer.status in ("error", "timeout"):
            raise CompanyNotFound(str(_l("API Entreprise ne répond pas pour l'instant : réessayez dans quelques "
                                         "minutes.")))
        raise CompanyNotFound(str(_l("Aucun établissement en activité ne porte ce numéro SIRET.")))
    details = answer.details or {}
    return Company(siret=siret, name=str(details.get("raison_sociale") or "").strip() or siret,
                   address=str(details.get("adresse") or "").strip(), naf=str(details.get("naf") or "").strip())


def sign_up_employer(*, email: str, password: str, given_names: str, family_name: str, locale: str | None,
                     company: Company, agency: Company | None = None) -> None:
    """Create an employer account (``agency``: the mandataire's own company, when an agency acts for the employer)
    and send the verification e-mail.

    An address that already has an account gets the same answer as on the ordinary sign-up: its owner is told by
    e-mail, and nothing is attached to that account.
    """
    if find_user(email) is not None:
        sign_up(email=email, password=password, given_names=given_names, family_name=family_name, locale=locale)
        return
    user = create_employer(email=email, password=password, given_names=given_names, family_name=family_name,
                           locale=locale, company=company, agency=agency)
    db.session.commit()
    send_verification(user)


def create_employer(*, email: str, password: str, given_names: str, family_name: str, locale: str | None,
                    company: Company, agency: Company | None = None, verified_at=None) -> User:
    """An employer account and its company, in the caller's transaction (sign-up, demo data, tests)."""
    user = User(email=normalise_email(email), password_hash=hash_password(password), role=APPLICANT,
                account_kind=EMPLOYEUR, given_names=given_names.strip(), family_name=family_name.strip(),
                locale=locale, email_verified_at=verified_at)
    db.session.add(user)
    db.session.flush()
    db.session.add(EmployerProfile(
        user_id=user.id, capacity=MANDATAIRE if agency else CAPACITY_EMPLOYEUR, siret=company.siret,
        company_name=company.name[:200], company_address=company.address[:300] or None, naf=company.naf or None,
        agency_siret=agency.siret if agency else None, agency_name=agency.name[:200] if agency else None))
    return user


def offered_to(info, user) -> bool:
    """Whether a procedure is offered to this account: the ones an employer files (``ProcedureInfo.filed_by``)
    to employer accounts only, every other one to persons' accounts only."""
    return (info.filed_by == "employer") == bool(getattr(user, "is_employer", False))


def profile_of(user) -> EmployerProfile | None:
    """The company of an employer account, or None for a person's account."""
    if user is None or not getattr(user, "is_employer", False):
        return None
    return db.session.get(EmployerProfile, user.id)


def employer_answers(user) -> dict:
    """What a dossier filed by this employer account knows without asking: the employer's SIRET and name, and the
    mandataire's when an agency files (empty for a person's account)."""
    profile = profile_of(user)
    if profile is None:
        return {}
    answers = {"siret": profile.siret, "raison_sociale": profile.company_name}
    if profile.company_address:
        answers["adresse_entreprise"] = profile.company_address
    if profile.is_mandataire:
        answers.update(mandataire_nom=profile.agency_name or "", mandataire_siret=profile.agency_siret or "")
    return answers
