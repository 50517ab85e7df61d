"""Stored files, the documents of a dossier and their pages, the applicant's wallet, and document access."""
from __future__ import annotations

import datetime as dt

from sqlalchemy import Date, ForeignKey, Index, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from anef.extensions import db
from anef.models import UTCDateTime, utcnow

# Files attached to messages are documents of the dossier of this kind: never a required document.
MESSAGE_KIND = "message"

PROCESSING = "en_cours"
READY = "pret"
REFUSED = "refuse"


class StoredFile(db.Model):
    """File content, stored once under its SHA-256."""

    __tablename__ = "stored_files"

    id: Mapped[int] = mapped_column(primary_key=True)
    sha256: Mapped[str] = mapped_column(String(64), unique=True)
    size: Mapped[int]
    content_type: Mapped[str] = mapped_column(String(100))
    pages: Mapped[int] = mapped_column(default=1)
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)


class Document(db.Model):
    """A document given for a dossier: its kind, its pages, the assembled file the agent reads."""

    __tablename__ = "documents"

    id: Mapped[int] = mapped_column(primary_key=True)
    dossier_id: Mapped[int] = mapped_column(ForeignKey("dossiers.id"), index=True)
    kind: Mapped[str] = mapped_column(String(64))
    # The assembled file (one image, or a PDF of every page); empty while pages are processed.
    file_id: Mapped[int | None] = mapped_column(ForeignKey("stored_files.id"))
    filename: Mapped[str] = mapped_column(String(255))
    status: Mapped[str] = mapped_column(String(16), default=READY)
    uploaded_by_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    uploaded_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)
    # Replaced documents stay for the record; only the current one counts.
    replaced_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    # The agent's verdict: conforme / non_conforme, with a reason that feeds a complement request.
    conformity: Mapped[str | None] = mapped_column(String(16))
    conformity_reason: Mapped[str | None] = mapped_column(Text)
    checked_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    checked_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    wallet_item_id: Mapped[int | None] = mapped_column(ForeignKey("wallet_items.id"))

    file = relationship("StoredFile", lazy="joined")
    pages = relationship("DocumentPage", order_by="DocumentPage.position", back_populates="document",
                         lazy="selectin")


class DocumentPage(db.Model):
    """One file the person added to a document (a photo of a page, or a PDF), in its place."""

    __tablename__ = "document_pages"

    id: Mapped[int] = mapped_column(primary_key=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id"), index=True)
    position: Mapped[int]
    # What was received, kept only until it is processed.
    raw_file_id: Mapped[int | None] = mapped_column(ForeignKey("stored_files.id"))
    file_id: Mapped[int | None] = mapped_column(ForeignKey("stored_files.id"))
    filename: Mapped[str] = mapped_column(String(255))
    status: Mapped[str] = mapped_column(String(16), default=PROCESSING)
    error: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)

    document = relationship("Document", back_populates="pages")
    file = relationship("StoredFile", foreign_keys=[file_id], lazy="joined")


class WalletItem(db.Model):
    """A document the person already gave, offered again to the next dossier that needs its kind."""

    __tablename__ = "wallet_items"
    __table_args__ = (
        UniqueConstraint("user_id", "kind", "file_id", name="uq_wallet_items_user_kind_file"),
        Index("ix_wallet_items_user_kind", "user_id", "kind"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    kind: Mapped[str] = mapped_column(String(64))
    file_id: Mapped[int] = mapped_column(ForeignKey("stored_files.id"))
    filename: Mapped[str] = mapped_column(String(255))
    given_on: Mapped[dt.date] = mapped_column(Date)
    valid_until: Mapped[dt.date | None] = mapped_column(Date)

    file = relationship("StoredFile", lazy="joined")


class DocumentAccess(db.Model):
    """Who viewed or downloaded which document, and when (traceability of leaks)."""

    __tablename__ = "document_accesses"

    id: Mapped[int] = mapped_column(primary_key=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id"), index=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    action: Mapped[str] = mapped_column(String(16))
    at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)
