"""The outbox: every notification the platform sends (e-mail, SMS, postal letter), kept in the database."""
from __future__ import annotations

import datetime as dt

from sqlalchemy import ForeignKey, Index, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from anef.extensions import db
from anef.models import UTCDateTime, utcnow

EMAIL = "email"
SMS = "sms"
LETTER = "courrier"
CHANNELS = (EMAIL, SMS, LETTER)

PENDING = "en_attente"
SENT = "envoye"
FAILED = "echec"
TO_PRINT = "a_imprimer"
PRINTED = "imprime"
STATUSES = (PENDING, SENT, FAILED, TO_PRINT, PRINTED)


class OutboxMessage(db.Model):
    """One notification on one channel: stored first (in the transaction of the change it tells about), then
    delivered by a job (e-mail, SMS) or printed by the service's agents (letter).

    ``recipient`` is the e-mail address, the mobile number (E.164) or, for a letter, the person's name;
    ``subject`` and ``body`` are the rendered text (an SMS has no subject).
    """

    __tablename__ = "outbox_messages"
    __table_args__ = (
        # Idempotency: one notification per key and channel, whatever retries and repeats do.
        UniqueConstraint("idempotency_key", "channel", name="uq_outbox_messages_idempotency_key_channel"),
        Index("ix_outbox_messages_status_created", "status", "created_at"),
        Index("ix_outbox_messages_service_status", "service_id", "status", "id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"), index=True)
    channel: Mapped[str] = mapped_column(String(16), default=EMAIL)
    status: Mapped[str] = mapped_column(String(16), default=PENDING)
    event: Mapped[str | None] = mapped_column(String(64))
    dossier_id: Mapped[int | None] = mapped_column(ForeignKey("dossiers.id"), index=True)
    idempotency_key: Mapped[str | None] = mapped_column(String(200))
    locale: Mapped[str | None] = mapped_column(String(8))
    recipient: Mapped[str] = mapped_column(String(254), index=True)
    subject: Mapped[str] = mapped_column(String(300))
    body: Mapped[str] = mapped_column(Text)
    # A letter: the address block as printed in the envelope's window, one line each.
    postal_address: Mapped[str | None] = mapped_column(Text)
    # A letter: the service whose agents print and post it.
    service_id: Mapped[int | None] = mapped_column(ForeignKey("services.id"))
    attempts: Mapped[int] = mapped_column(default=0)
    # A delivery job holds the message from claimed_at for the claim's lease; the token says which run.
    claimed_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    claim_token: Mapped[str | None] = mapped_column(String(32))
    # The SMTP Message-ID or the SMS provider's identifier of what was sent.
    provider_id: Mapped[str | None] = mapped_column(String(200))
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow, index=True)
    sent_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    printed_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    printed_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    error: Mapped[str | None] = mapped_column(Text)

    @property
    def address_lines(self) -> list[str]:
        return [line for line in (self.postal_address or "").splitlines() if line.strip()]
