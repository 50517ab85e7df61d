"""Declarations of the substitute channel: recording one with its timestamp, its receipt (page, PDF, message),
and the service's list."""
from __future__ import annotations

from flask import render_template
from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from anef.extensions import db
from anef.declarations.models import SubstituteDeclaration
from anef.models import utcnow

REASONS = {
    "equipement": _l("Je n'ai pas d'ordinateur, de téléphone adapté ou d'accès à internet"),
    "numerique": _l("Je ne sais pas utiliser le site seul, et personne ne peut m'aider"),
    "handicap": _l("Une situation de handicap m'en empêche"),
    "site": _l("Le site ne fonctionne pas pour ma situation"),
    "autre": _l("Autre raison"),
}
LIST_LIMIT = 200


def service_for_postcode(postcode: str):
    """The préfecture of the postcode's département, or None."""
    from anef.agents.models import Service
    from anef.territories import departement_from_postcode, prefecture_service_code

    departement = departement_from_postcode(postcode or "")
    if departement is None:
        return None
    return db.session.scalar(select(Service).where(Service.code == prefecture_service_code(departement)))


def declare(*, given_names: str, family_name: str, birth_date, procedure: str | None, reason: str, details: str,
            deadline, address_lines: str, postcode: str, town: str, phone: str | None, email: str | None,
            channel: str, kiosk_id: int | None = None, mediator_id: int | None = None, user_id: int | None = None,
            locale: str | None = None) -> SubstituteDeclaration:
    """Record a declaration, stamped now, for the préfecture of the postcode; send its receipt by SMS and e-mail
    when the person gave a number or an address."""
    from anef.accounts.codes import send_sms
    from anef.notifications.phones import to_e164
    from anef.notifications.services import send_email

    service = service_for_postcode(postcode)
    declaration = SubstituteDeclaration(
        given_names=given_names.strip(), family_name=family_name.strip(), birth_date=birth_date,
        procedure=procedure or None, reason=reason, details=(details or "").strip() or None, deadline=deadline,
        address_lines=address_lines.strip(), postcode=postcode.strip(), town=town.strip(),
        phone=to_e164(phone), email=(email or "").strip().lower() or None,
        service_id=service.id if service else None, channel=channel, kiosk_id=kiosk_id,
        mediator_id=mediator_id, user_id=user_id, received_at=utcnow().replace(microsecond=0))
    db.session.add(declaration)
    db.session.flush()
    declaration.number = f"DEC-{declaration.received_at.year}-{declaration.id:06d}"
    context = {"declaration": declaration, "service": service, "procedure_title": procedure_title(declaration)}
    if declaration.email:
        send_email(recipient=declaration.email, template="declaration_receipt", locale=locale, user_id=user_id,
                   commit=False, **context)
    if declaration.phone:
        send_sms(recipient=declaration.phone, template="declaration_receipt", locale=locale, user_id=user_id,
                 commit=False, **context)
    db.session.commit()
    return declaration


def procedure_title(declaration: SubstituteDeclaration):
    """The title of the declared procedure, or « autre démarche »."""
    from anef.plugins import procedures

    info = procedures().get(declaration.procedure or "")
    return info.title if info else _l("Autre démarche")


def service_declarations(service_id: int, *, handled: bool = False, limit: int = LIST_LIMIT
                         ) -> list[SubstituteDeclaration]:
    """The service's declarations to handle (oldest first: the longest waiting), or handled ones (newest first)."""
    query = select(SubstituteDeclaration).where(SubstituteDeclaration.service_id == service_id)
    if handled:
        query = query.where(SubstituteDeclaration.handled_at.is_not(None)).order_by(
            SubstituteDeclaration.handled_at.desc())
    else:
        query = query.where(SubstituteDeclaration.handled_at.is_(None)).order_by(
            SubstituteDeclaration.received_at, SubstituteDeclaration.id)
    return db.session.scalars(query.limit(limit)).all()


def mark_handled(declaration: SubstituteDeclaration, agent) -> None:
    """The service has contacted the person (an appointment, a paper file): the declaration leaves the list."""
    if declaration.handled_at is None:
        declaration.handled_at = utcnow()
        declaration.handled_by_id = agent.id
        db.session.commit()


def receipt_pdf(declaration: SubstituteDeclaration) -> bytes:
    """The receipt as a PDF (self-contained: nothing is fetched)."""
    from weasyprint import HTML
    from weasyprint.urls import URLFetcher

    class NothingFetched(URLFetcher):
        def fetch(self, url, headers=None):
            raise ValueError(f"no external resource in a receipt: {url}")

    html = render_template("declarations/receipt_pdf.html", declaration=declaration,
                           reason=REASONS.get(declaration.reason, declaration.reason),
                           procedure=procedure_title(declaration))
    return HTML(string=html, base_url="http://anef.invalid/", url_fetcher=NothingFetched()).write_pdf()
