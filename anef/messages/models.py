"""Messages of a dossier between its applicant and the instructing service, and the service's reply templates."""
from __future__ import annotations

import datetime as dt

from sqlalchemy import ForeignKey, Index, String, Text, text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from anef.accounts.models import CCC
from anef.extensions import db
from anef.models import UTCDateTime, utcnow


class Message(db.Model):
    """One message of a dossier's thread, written by its applicant or by an agent of the instructing service."""

    __tablename__ = "messages"
    __table_args__ = (
        # The thread in order, and the poll's "anything new?" (max id, reads) for one dossier.
        Index("ix_messages_dossier_id_id", "dossier_id", "id"),
        # Unread counts of a page of dossiers: only unread rows are indexed, so the index stays small.
        Index("ix_messages_unread", "dossier_id", "from_service",
              sqlite_where=text("read_at IS NULL"), postgresql_where=text("read_at IS NULL")),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    dossier_id: Mapped[int] = mapped_column(ForeignKey("dossiers.id"))
    author_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    # True when an agent wrote it: the applicant sees the service's name, never the agent's.
    from_service: Mapped[bool]
    body: Mapped[str] = mapped_column(Text)
    # An attached file: a document of the dossier of kind MESSAGE_KIND, processed by the document pipeline.
    document_id: Mapped[int | None] = mapped_column(ForeignKey("documents.id"))
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)
    # When the other side first opened the thread with this message in it (the writer's read receipt).
    read_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    read_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))

    author = relationship("User", foreign_keys=[author_id], lazy="joined")
    document = relationship("Document", lazy="joined")

    @property
    def forwarded_by_contact_centre(self) -> bool:
        """A caller's question written down by the national contact centre (anef.contact_centre): it stands on the
        applicant's side of the thread (``from_service`` false, so the service counts it unread)."""
        return self.author is not None and self.author.role == CCC


class ReplyTemplate(db.Model):
    """A ready-made reply agents insert into a message: a service's own, or a national one (no service)."""

    __tablename__ = "message_templates"

    id: Mapped[int] = mapped_column(primary_key=True)
    service_id: Mapped[int | None] = mapped_column(ForeignKey("services.id"), index=True)
    title: Mapped[str] = mapped_column(String(120))
    body: Mapped[str] = mapped_column(Text)
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)

    @property
    def national(self) -> bool:
        return self.service_id is None
