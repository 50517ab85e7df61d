"""The one interface every connector implements, and the data it receives and returns."""
from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Protocol

OK = "ok"
HIT = "hit"
NOT_FOUND = "not_found"
ERROR = "error"
TIMEOUT = "timeout"
STATUSES = (OK, HIT, NOT_FOUND, ERROR, TIMEOUT)


@dataclass(frozen=True)
class Subject:
    """Whom a connector is asked about: the identity and numbers read from a dossier's answers.

    Empty strings for what the dossier does not give (a first request has no numéro étranger).
    ``dossier_state`` and ``card_ready`` let ANTS tell where the card's production stands.
    """

    family_name: str = ""
    given_names: str = ""
    birth_date: str = ""
    nationality: str = ""
    passport_number: str = ""
    numero_etranger: str = ""
    visa_number: str = ""
    siret: str = ""
    dossier_reference: str = ""
    dossier_state: str = ""
    card_ready: bool = False

    def as_dict(self) -> dict:
        return asdict(self)


@dataclass(frozen=True)
class ConnectorResult:
    """What a system answered.

    ``status``: ``ok`` (found, nothing to flag), ``hit`` (something the agent must look at: a match in a file of
    wanted persons, an alert, a discrepancy), ``not_found``, ``error`` or ``timeout``. ``summary``: one plain
    sentence. ``evidence``: (label, value) pairs shown as they are, the proof behind a hit. ``details``: the
    structured answer, kept for the record.
    """

    status: str
    summary: str
    evidence: tuple[tuple[str, str], ...] = ()
    details: dict = field(default_factory=dict)

    def __post_init__(self):
        if self.status not in STATUSES:
            raise ValueError(f"unknown connector status {self.status!r}")


class Connector(Protocol):
    """An adapter to one system: a simulator or an HTTP client, interchangeable."""

    code: str

    def query(self, subject: Subject) -> ConnectorResult:
        """Ask the system about ``subject``; never raises for an unreachable or slow system (``error``,
        ``timeout``)."""
