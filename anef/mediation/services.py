"""Mandate rules: finding the person, asking and recording their consent, its scope and end, and the record of
what the mediator did for them."""
from __future__ import annotations

import datetime as dt
from collections import defaultdict

from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from anef.accounts import codes
from anef.accounts.models import APPLICANT, User
from anef.extensions import db
from anef.mediation.models import (CONSENT_EMAIL, CONSENT_SIGNATURE, CONSENT_SMS, Mandate, MediationAct)
from anef.models import utcnow

CONSENT_PURPOSE = "mandate_consent"
# Like Aidants Connect's mandates: from one hour (one visit) to one year.
DURATIONS = {
    "1": _l("1 heure (ce rendez-vous)"),
    "24": _l("1 jour"),
    "168": _l("1 semaine"),
    "720": _l("1 mois"),
    "4380": _l("6 mois"),
    "8760": _l("1 an"),
}
CONSENT_LABELS = {
    CONSENT_SMS: _l("code reçu par SMS et saisi par la personne"),
    CONSENT_EMAIL: _l("code reçu par courriel et saisi par la personne"),
    CONSENT_SIGNATURE: _l("formulaire signé au guichet"),
}


class MandateError(Exception):
    """A mandate cannot be asked as requested (the message says why, for the mediator)."""


def find_person(identifier: str) -> User | None:
    """The applicant's account named by an e-mail address, a mobile number or a kiosk identifier."""
    from anef.accounts.services import find_login

    user = find_login(identifier)
    if user is None or user.role != APPLICANT or not user.active:
        return None
    return user


def duration_label(hours: int):
    """How a duration reads (« 1 semaine »); other values in hours."""
    return DURATIONS.get(str(hours)) or _l("%(n)s heures", n=hours)


def scope_label(procedure: str | None):
    """« toutes ses demandes », or the procedure's title."""
    if procedure is None:
        return _l("toutes les demandes")
    from anef.plugins import procedures

    info = procedures().get(procedure)
    return info.title if info else procedure


def _mask(target: str) -> str:
    """Where a code went, without giving it away: ``+33 6•• •• •• 78``, ``m••@example.fr``."""
    if "@" in target:
        local, _sep, domain = target.partition("@")
        return f"{local[:1]}••@{domain}"
    return f"{target[:5]}•••••{target[-2:]}"


def code_channel(person: User) -> tuple[str, str] | None:
    """Where a consent code can reach the person: (method, target), SMS first, else e-mail; None if nowhere."""
    phone = person.mobile_phone or person.login_phone
    if phone:
        return CONSENT_SMS, phone
    if person.email:
        return CONSENT_EMAIL, person.email
    return None


def ask_consent(mediator: User, person: User, *, procedure: str | None, duration_hours: int, by_code: bool
                ) -> Mandate:
    """Create a mandate waiting for the person's consent; with ``by_code``, send them the code (SMS or e-mail)
    that they type on the mediator's screen. Raises :class:`MandateError` or :class:`codes.TooManyCodes`."""
    if not mediator.is_mediator or mediator.service_id is None:
        raise MandateError(str(_l("Seul un médiateur d'un service peut ouvrir un accompagnement.")))
    if str(duration_hours) not in DURATIONS:
        raise MandateError(str(_l("Durée inconnue.")))
    mandate = Mandate(person_id=person.id, mediator_id=mediator.id, service_id=mediator.service_id,
                      procedure=procedure, duration_hours=duration_hours, consent_method=CONSENT_SIGNATURE,
                      created_at=utcnow())
    db.session.add(mandate)
    db.session.flush()
    if by_code:
        _send_code(mandate)
    db.session.commit()
    return mandate


def _send_code(mandate: Mandate) -> None:
    from anef.notifications.services import send_email

    person = mandate.person
    channel = code_channel(person)
    if channel is None:
        raise MandateError(str(_l("Cette personne n'a ni téléphone portable ni adresse électronique : recueillez "
                                  "sa signature au guichet.")))
    method, target = channel
    row, code = codes.issue(CONSENT_PURPOSE, target, payload={"mandate": mandate.id})
    mandate.consent_method = method
    mandate.consent_code_id = row.id
    mandate.consent_reference = _mask(target)
    context = {"code": code, "mediator": mandate.mediator.display_name,
               "service": mandate.service.name if mandate.service else "",
               "scope": scope_label(mandate.procedure), "duration": duration_label(mandate.duration_hours)}
    if method == CONSENT_SMS:
        codes.send_sms(recipient=target, template="mandate_consent", locale=person.locale, user_id=person.id,
                       commit=False, **context)
    else:
        send_email(recipient=target, template="mandate_consent", locale=person.locale, user_id=person.id,
                   commit=False, **context)


def resend_code(mandate: Mandate) -> None:
    """Send a new consent code (the previous one stops working). Raises like :func:`ask_consent`."""
    if mandate.consented_at is not None or mandate.revoked_at is not None:
        raise MandateError(str(_l("Cet accompagnement n'attend plus de consentement.")))
    _send_code(mandate)
    db.session.commit()


def _activate(mandate: Mandate) -> None:
    now = utcnow()
    mandate.consented_at = now
    mandate.expires_at = now + dt.timedelta(hours=mandate.duration_hours)


def consent_by_code(mandate: Mandate, code: str) -> codes.Check:
    """The person typed the code they received: the mandate starts now, for its duration."""
    if mandate.consented_at is not None or mandate.revoked_at is not None or mandate.consent_code_id is None:
        return codes.Check(codes.USED, None)
    result = codes.check(mandate.consent_code_id, CONSENT_PURPOSE, code)
    if result.ok:
        if not codes.consume(result.row):
            db.session.rollback()
            return codes.Check(codes.USED, result.row)
        _activate(mandate)
        db.session.commit()
    return result


def consent_by_signature(mandate: Mandate, form_reference: str) -> None:
    """The person signed the consent form at the counter: the mandate starts now, with the form's number."""
    if mandate.consented_at is not None or mandate.revoked_at is not None:
        raise MandateError(str(_l("Cet accompagnement n'attend plus de consentement.")))
    mandate.consent_method = CONSENT_SIGNATURE
    mandate.consent_reference = form_reference.strip()[:100] or None
    mandate.consent_code_id = None
    _activate(mandate)
    db.session.commit()


def revoke(mandate: Mandate, by: User) -> None:
    """End a mandate now (the person, or the mediator); an acting session under it ends at its next request."""
    if mandate.revoked_at is None:
        mandate.revoked_at = utcnow()
        mandate.revoked_by_id = by.id
        db.session.commit()


def mediator_mandate(mandate_id: int, mediator: User) -> Mandate | None:
    """The mandate if this mediator asked for it, else None (the view answers 404)."""
    mandate = db.session.get(Mandate, mandate_id)
    return mandate if mandate is not None and mandate.mediator_id == mediator.id else None


def person_mandate(mandate_id: int, person: User) -> Mandate | None:
    """The mandate if it was given by this person, else None."""
    mandate = db.session.get(Mandate, mandate_id)
    return mandate if mandate is not None and mandate.person_id == person.id else None


def mediator_mandates(mediator: User, limit: int = 100) -> list[Mandate]:
    """The mediator's mandates, newest first."""
    return db.session.scalars(select(Mandate).where(Mandate.mediator_id == mediator.id)
                              .order_by(Mandate.created_at.desc(), Mandate.id.desc()).limit(limit)).all()


def person_mandates(person: User) -> list[tuple[Mandate, list[dict]]]:
    """The person's consented mandates, live ones first, each with what was done under it (two queries)."""
    from anef.dossiers import lifecycle
    from anef.dossiers.models import Dossier, Transition

    mandates = db.session.scalars(select(Mandate).where(Mandate.person_id == person.id,
                                                        Mandate.consented_at.is_not(None))
                                  .order_by(Mandate.consented_at.desc())).all()
    acts = defaultdict(list)
    if mandates:
        rows = db.session.execute(
            select(MediationAct, Dossier.reference, Transition.action)
            .outerjoin(Dossier, Dossier.id == MediationAct.dossier_id)
            .outerjoin(Transition, Transition.id == MediationAct.transition_id)
            .where(MediationAct.mandate_id.in_([m.id for m in mandates]))
            .order_by(MediationAct.at, MediationAct.id)).all()
        for act, reference, action in rows:
            acts[act.mandate_id].append({"at": act.at, "reference": reference,
                                         "text": lifecycle.history_text(action) if action else act_label(act.endpoint)})
    now = utcnow()
    mandates = sorted(mandates, key=lambda m: not m.is_live(now))
    return [(m, acts[m.id]) for m in mandates]


ACT_LABELS = {
    "dossiers.start": _l("Nouvelle demande commencée"),
    "dossiers.step": _l("Réponses enregistrées"),
    "dossiers.documents": _l("Document ajouté"),
    "dossiers.change_page": _l("Pages d'un document modifiées"),
    "dossiers.use_wallet": _l("Document repris du portefeuille"),
    "dossiers.delete": _l("Brouillon supprimé"),
    "dossiers.complement": _l("Complément envoyé"),
    "messages.applicant_thread": _l("Message envoyé"),
}
BLUEPRINT_LABELS = {
    "dossiers": _l("Demande modifiée"),
    "appointments": _l("Rendez-vous réservé, déplacé ou annulé"),
    "messages": _l("Message envoyé"),
    "documents": _l("Document modifié"),
}


def act_label(endpoint: str):
    """How the person's list words an action that was not a change of state."""
    return ACT_LABELS.get(endpoint) or BLUEPRINT_LABELS.get(endpoint.partition(".")[0]) or \
        _l("Action dans votre espace")


def mediated_transition_ids(dossier_id: int) -> set[int]:
    """The transitions of a dossier that a mediator made for its applicant (one query)."""
    return set(db.session.scalars(select(MediationAct.transition_id).where(
        MediationAct.dossier_id == dossier_id, MediationAct.transition_id.is_not(None))))
