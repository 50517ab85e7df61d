"""Services that instruct dossiers: préfectures and platforms."""
from sqlalchemy import JSON, String
from sqlalchemy.orm import Mapped, mapped_column

from anef.extensions import db


class Service(db.Model):
    """An administrative unit whose agents instruct the dossiers routed to it."""

    __tablename__ = "services"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(32), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    kind: Mapped[str] = mapped_column(String(32), default="prefecture")
    departements: Mapped[list] = mapped_column(JSON, default=list)

    def __repr__(self) -> str:
        return f"<Service {self.code}>"
