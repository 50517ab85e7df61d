"""Demo data: accounts for each role and dossiers in several states. Idempotent."""
from __future__ import annotations

import datetime as dt
import functools
import io

from sqlalchemy import select

from anef.accounts import mfa
from anef.accounts.models import APPLICANT, User
from anef.accounts.services import create_agent, hash_password
from anef.agents.models import Service
from anef.cli import ensure_prefectures
from anef.documents.models import StoredFile
from anef.documents.services import attach
from anef.documents.storage import get_storage
from anef.dossiers import corrections
from anef.dossiers import services as dossiers
from anef.dossiers.models import Dossier
from anef.extensions import db
from anef.models import utcnow

AGENTS = [
    ("instructeur.75@demo.anef.fr", "instructeur", "pref-75", "Inès", "Martin"),
    ("valideur.75@demo.anef.fr", "valideur", "pref-75", "Vincent", "Petit"),
    ("admin.75@demo.anef.fr", "admin", "pref-75", "Alice", "Durand"),
    ("instructeur.69@demo.anef.fr", "instructeur", "pref-69", "Idriss", "Bernard"),
    ("valideur.69@demo.anef.fr", "valideur", "pref-69", "Valérie", "Thomas"),
    ("admin.69@demo.anef.fr", "admin", "pref-69", "Armand", "Robert"),
    ("national@demo.anef.fr", "national_admin", None, "Nadia", "Richard"),
    ("mediateur.75@demo.anef.fr", "mediateur", "pref-75", "Malik", "Haddad"),
    ("auditeur@demo.anef.fr", "auditeur", None, "Aurore", "Lefèvre"),
    # The national contact centre: answers callers about any filed dossier, forwards their questions (anef.contact_centre).
    ("ccc@demo.anef.fr", "ccc", None, "Camille", "Lemoine"),
    # The work-authorisation platform covering Île-de-France (anef.employers, plugins/autorisation_travail).
    ("instructeur.moe75@demo.anef.fr", "instructeur", "moe-75", "Paul", "Girard"),
    ("valideur.moe75@demo.anef.fr", "valideur", "moe-75", "Valentin", "Roux"),
    # Naturalisation: the Lyon platform, and the ministry's national service that decides (plugins/naturalisation).
    ("instructeur.nat69@demo.anef.fr", "instructeur", "nat-69", "Nora", "Mercier"),
    ("valideur.nat69@demo.anef.fr", "valideur", "nat-69", "Victor", "Garnier"),
    ("instructeur.sdanf@demo.anef.fr", "instructeur", "sdanf", "Hugo", "Lambert"),
    ("valideur.sdanf@demo.anef.fr", "valideur", "sdanf", "Sarah", "Fontaine"),
]
APPLICANTS = [
    ("usager@demo.anef.fr", "Mei", "Zhang"),
    ("usager2@demo.anef.fr", "Youssef", "Benali"),
]
# A tiny valid PDF, so that demo documents open in the viewer.
@functools.cache
def minimal_pdf() -> bytes:
    """A valid one-page blank PDF, so that demo and test documents open in the viewer."""
    import pikepdf

    pdf = pikepdf.new()
    pdf.add_blank_page(page_size=(595, 842))
    buffer = io.BytesIO()
    pdf.save(buffer, static_id=True)
    return buffer.getvalue()


def _demo_file() -> StoredFile:
    sha, size, _ = get_storage().put(io.BytesIO(minimal_pdf()), 1024 * 1024)
    stored = db.session.scalar(select(StoredFile).where(StoredFile.sha256 == sha))
    if stored is None:
        stored = StoredFile(sha256=sha, size=size, content_type="application/pdf")
        db.session.add(stored)
        db.session.commit()
    return stored


def _filed_dossier(applicant: User, postcode: str, city: str, renewal: bool) -> Dossier:
    from plugins.etudiant.samples import sample_answers

    dossier = dossiers.create_draft(applicant, "etudiant")
    dossier.answers = sample_answers(postcode=postcode, city=city, renewal=renewal,
                                     given_names=applicant.given_names, family_name=applicant.family_name)
    db.session.commit()
    stored = _demo_file()
    for requirement in dossiers.required_documents(dossier):
        attach(dossier.id, requirement.kind, stored, f"{requirement.kind}.pdf", applicant.id)
    result = dossiers.file_dossier(dossier, applicant)
    if not result.ok:
        raise RuntimeError(f"demo dossier incomplete: {result}")
    return dossier


def load_demo(password: str) -> list[str]:
    """Create the demo accounts and dossiers if they are missing; return what was done."""
    report = [f"{ensure_prefectures()} préfecture(s) created"]
    from anef.appointments.services import seed_agenda

    for code in ("pref-75", "pref-69"):
        service = db.session.scalar(select(Service).where(Service.code == code))
        seed_agenda(service.id, dt.date.today(), days=42)
    services = {s.code: s for s in db.session.scalars(select(Service))}
    for email, role, service_code, given, family in AGENTS:
        if db.session.scalar(select(User).where(User.email == email)) is None:
            agent = create_agent(email=email, password=password, role=role,
                                 service_id=services[service_code].id if service_code else None,
                                 given_names=given, family_name=family)
            # Demo agents come enrolled; their codes are shown at /dev/totp in development.
            mfa.confirm(agent, mfa.new_secret())
            report.append(f"agent {email} ({role})")
    applicants = []
    for email, given, family in APPLICANTS:
        user = db.session.scalar(select(User).where(User.email == email))
        if user is None:
            user = User(email=email, password_hash=hash_password(password), role=APPLICANT, given_names=given,
                        family_name=family, locale="fr", email_verified_at=utcnow())
            db.session.add(user)
            db.session.commit()
            report.append(f"applicant {email}")
        applicants.append(user)
    main, second = applicants
    if main.mobile_phone is None:
        # So that a mediator's consent code reaches the demo applicant by SMS (shown at /dev/sms).
        main.mobile_phone = "+33612345678"
        db.session.commit()
    report += _demo_without_email(password)
    report += _demo_employer(password)
    if db.session.scalar(select(Dossier.id).where(Dossier.applicant_id == second.id).limit(1)) is None:
        instructeur_75 = db.session.scalar(select(User).where(User.email == "instructeur.75@demo.anef.fr"))
        instructeur_69 = db.session.scalar(select(User).where(User.email == "instructeur.69@demo.anef.fr"))
        dossiers.create_draft(main, "etudiant", {"situation": {"demande": "premiere"}})
        filed = _filed_dossier(main, "75005", "Paris", renewal=False)
        taken = _filed_dossier(main, "75013", "Paris", renewal=True)
        dossiers.take(taken, instructeur_75)
        complement = _filed_dossier(second, "69007", "Lyon", renewal=False)
        dossiers.take(complement, instructeur_69)
        corrections.request_complement(
            complement, instructeur_69, deadline=dt.date.today() + dt.timedelta(days=30),
            items=[corrections.ItemRequest("document", "inscription",
                                           "Le certificat d'inscription fourni est provisoire : envoyez le certificat définitif.")])
        accepted = _filed_dossier(second, "69003", "Lyon", renewal=True)
        dossiers.take(accepted, instructeur_69)
        dossiers.decide(accepted, instructeur_69, decision="accepte", motivation="")
        for d in (filed, taken, complement, accepted):
            report.append(f"dossier {d.reference} ({d.state})")
    report += _demo_naturalisation(second)
    return report


# An account opened with a mobile number (no e-mail): log in with « 06 98 00 00 01 ».
PHONE_APPLICANT = ("+33698000001", "Awa", "Traoré")


def _demo_without_email(password: str) -> list[str]:
    phone, given, family = PHONE_APPLICANT
    if db.session.scalar(select(User.id).where(User.login_phone == phone)) is not None:
        return []
    db.session.add(User(email=None, login_phone=phone, mobile_phone=phone, password_hash=hash_password(password),
                        role=APPLICANT, given_names=given, family_name=family, locale="fr", notify_email=False,
                        notify_sms=True))
    db.session.commit()
    return [f"applicant without e-mail {phone}"]


# An employer account (SIRET checked by API Entreprise's simulator) with a work authorisation granted by the
# Paris platform: its number, with the SIRET, fills an employee's « salarié » card (immigration_pro).
EMPLOYER = ("employeur@demo.anef.fr", "Claire", "Durand")


def _demo_employer(password: str) -> list[str]:
    from anef.employers.services import create_employer, look_up_company
    from plugins.autorisation_travail import samples

    email, given, family = EMPLOYER
    if db.session.scalar(select(User.id).where(User.email == email)) is not None:
        return []
    employer = create_employer(email=email, password=password, given_names=given, family_name=family, locale="fr",
                               company=look_up_company(samples.EMPLOYER["siret"]), verified_at=utcnow())
    db.session.commit()
    dossier = dossiers.create_draft(employer, "autorisation_travail")
    dossier.answers = samples.sample_answers()
    db.session.commit()
    stored = _demo_file()
    for requirement in dossiers.required_documents(dossier):
        if requirement.mandatory:
            attach(dossier.id, requirement.kind, stored, f"{requirement.kind}.pdf", employer.id)
    result = dossiers.file_dossier(dossier, employer)
    if not result.ok:
        raise RuntimeError(f"demo work authorisation incomplete: {result}")
    agent = db.session.scalar(select(User).where(User.email == "instructeur.moe75@demo.anef.fr"))
    dossiers.take(dossier, agent)
    dossiers.decide(dossier, agent, decision="accepte", motivation="")
    return [f"employer {email}", f"work authorisation {dossier.decision_reference} (SIRET {samples.EMPLOYER['siret']})"]


def _demo_naturalisation(applicant: User) -> list[str]:
    """A naturalisation of the second demo applicant (Lyon), through the platform's stages up to its favourable
    proposal: it waits for the ministry's decision at the national service (``instructeur.sdanf@…``)."""
    from flask import current_app
    from werkzeug.datastructures import MultiDict

    from anef.stages import services as stages
    from plugins.naturalisation.samples import sample_answers, sample_stage_answers

    if db.session.scalar(select(Dossier.id).where(Dossier.applicant_id == applicant.id,
                                                  Dossier.procedure == "naturalisation").limit(1)) is not None:
        return []
    dossier = dossiers.create_draft(applicant, "naturalisation")
    dossier.answers = sample_answers(postcode="69003", city="Lyon")
    db.session.commit()
    stored = _demo_file()
    for requirement in dossiers.required_documents(dossier):
        attach(dossier.id, requirement.kind, stored, f"{requirement.kind}.pdf", applicant.id)
    result = dossiers.file_dossier(dossier, applicant)
    if not result.ok:
        raise RuntimeError(f"demo naturalisation incomplete: {result}")
    agent = db.session.scalar(select(User).where(User.email == "instructeur.nat69@demo.anef.fr"))
    dossiers.take(dossier, agent)
    answers = sample_stage_answers()
    with current_app.test_request_context():
        for stage in stages.stages_for(dossier)[:4]:
            form = stage.form_class(formdata=MultiDict(answers[stage.code]), meta={"csrf": False})
            if not form.validate():
                raise RuntimeError(f"demo naturalisation stage {stage.code}: {form.errors}")
            stages.record(dossier, agent, stage, form)
    return [f"naturalisation {dossier.reference} (at the national service, awaiting the ministry's decision)"]
