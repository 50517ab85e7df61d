"""User accounts: applicants and agents."""
from __future__ import annotations

import datetime as dt

from flask_login import UserMixin
from sqlalchemy import ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from anef.extensions import db
from anef.models import UTCDateTime, utcnow

APPLICANT = "applicant"
INSTRUCTEUR = "instructeur"
VALIDEUR = "valideur"
ADMIN = "admin"
NATIONAL_ADMIN = "national_admin"
# The national auditor: reads the audit log and any dossier, read-only (anef.oversight); acts on nothing.
AUDITEUR = "auditeur"
# A mediator of a service helps people file, inside a mandate they consented to (anef.mediation); not an
# instructing agent: no queue, no dossier of the service.
MEDIATEUR = "mediateur"
# An agent of the national contact centre (« centre de contact citoyen »): answers callers from any filed dossier's
# state and history, and forwards their questions to the service (anef.contact_centre); no service, no queue, no
# answers, no documents.
CCC = "ccc"
AGENT_ROLES = (INSTRUCTEUR, VALIDEUR, ADMIN)
ROLES = (APPLICANT, *AGENT_ROLES, MEDIATEUR, NATIONAL_ADMIN, AUDITEUR, CCC)
# Kinds of applicant account: a person files for themself; an employer (or its mandataire) files the procedures
# whose ProcedureInfo.filed_by is "employer" (work authorisations), its company in anef.employers.
PERSONNE = "personne"
EMPLOYEUR = "employeur"


class User(UserMixin, db.Model):
    """A person who logs in: an applicant, or an agent of a service."""

    __tablename__ = "users"

    id: Mapped[int] = mapped_column(primary_key=True)
    # None for people without e-mail: they log in with login_phone or access_id (anef.accounts.without_email).
    email: Mapped[str | None] = mapped_column(String(254), unique=True)
    password_hash: Mapped[str] = mapped_column(String(255))
    role: Mapped[str] = mapped_column(String(32), default=APPLICANT)
    service_id: Mapped[int | None] = mapped_column(ForeignKey("services.id"), index=True)
    given_names: Mapped[str] = mapped_column(String(200), default="")
    family_name: Mapped[str] = mapped_column(String(200), default="")
    locale: Mapped[str | None] = mapped_column(String(8))
    email_verified_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    active: Mapped[bool] = mapped_column(default=True)
    # Bumped on log-out and password change so that every older session cookie stops working.
    session_version: Mapped[int] = mapped_column(default=1)
    # Second factor (agents): a TOTP secret, confirmed once, and the last time step used (no replay).
    totp_secret: Mapped[str | None] = mapped_column(String(64))
    totp_confirmed_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    totp_last_step: Mapped[int] = mapped_column(default=0)
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)
    last_login_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    # Contact details for notifications (anef.notifications): a mobile in E.164, a postal address in France,
    # and the channels the person wants (see notifications.services.channels_for).
    mobile_phone: Mapped[str | None] = mapped_column(String(16))
    address_lines: Mapped[str | None] = mapped_column(Text)
    postcode: Mapped[str | None] = mapped_column(String(5))
    town: Mapped[str | None] = mapped_column(String(100))
    notify_email: Mapped[bool] = mapped_column(default=True)
    notify_sms: Mapped[bool] = mapped_column(default=True)
    notify_post: Mapped[bool] = mapped_column(default=False)
    # Accounts without e-mail: a mobile proved by an SMS code, or an identifier printed by a kiosk with a
    # one-time code (argon2 hash) that the person exchanges for a password at first log-in.
    login_phone: Mapped[str | None] = mapped_column(String(16), unique=True)
    access_id: Mapped[str | None] = mapped_column(String(16), unique=True)
    access_code_hash: Mapped[str | None] = mapped_column(String(255))
    access_code_expires_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    # PERSONNE or EMPLOYEUR (role stays applicant: the dossier pages are the same).
    account_kind: Mapped[str] = mapped_column(String(16), default=PERSONNE, server_default=PERSONNE)

    service = relationship("Service", lazy="joined")

    def get_id(self) -> str:
        return f"{self.id}:{self.session_version}"

    @property
    def is_active(self) -> bool:
        return self.active

    @property
    def is_agent(self) -> bool:
        return self.role in AGENT_ROLES

    @property
    def is_national_admin(self) -> bool:
        return self.role == NATIONAL_ADMIN

    @property
    def is_mediator(self) -> bool:
        return self.role == MEDIATEUR

    @property
    def is_employer(self) -> bool:
        """An employer's account (or its mandataire's): it files work authorisations, not its own titres."""
        return self.account_kind == EMPLOYEUR

    @property
    def is_auditor(self) -> bool:
        return self.role == AUDITEUR

    @property
    def is_contact_centre(self) -> bool:
        return self.role == CCC

    @property
    def needs_second_factor(self) -> bool:
        return (self.is_agent or self.is_national_admin or self.is_auditor or self.is_mediator
                or self.is_contact_centre)

    @property
    def login_name(self) -> str:
        """What the person types to log in: e-mail, mobile number or printed identifier."""
        return self.email or self.login_phone or self.access_id or ""

    @property
    def can_sign(self) -> bool:
        return self.role == VALIDEUR

    @property
    def has_postal_address(self) -> bool:
        return bool((self.address_lines or "").strip() and self.postcode and self.town)

    @property
    def display_name(self) -> str:
        full = f"{self.given_names} {self.family_name}".strip()
        return full or self.login_name
