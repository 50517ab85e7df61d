"""What a decision produces, as data: the documents a procedure issues when it accepts or refuses."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from flask_babel import lazy_gettext as _l

from anef.procedures import Panel

ACCEPTE = "accepte"
REFUSE = "refuse"


@dataclass(frozen=True)
class DecisionDocument:
    """A document issued on a decision.

    ``attestation``: the core attestation that carries it today (``decision_favorable`` or
    ``refus``, see :mod:`anef.attestations`); ``validity``: how long the title lasts, in words.
    """

    kind: str
    title: Any
    attestation: str
    validity: Any = ""
    detail: Any = ""


@dataclass(frozen=True)
class DecisionAttestation:
    """What an attestation de décision favorable says when the procedure grants no residence title (hook
    ``decision_attestation``): ``statement`` replaces the opening sentence, ``allows`` and ``does_not_allow`` the
    two lists of rights, ``facts`` are (label, value) rows added to the attestation's facts."""

    statement: Any
    allows: tuple = ()
    does_not_allow: tuple = ()
    facts: tuple = ()


REFUSAL = DecisionDocument("refus", _l("Décision de refus motivée"), "refus",
                           detail=_l("Elle indique les voies et délais de recours."))


def date_text(day) -> str:
    """A date as the reader's language writes it in full, or an empty string."""
    from flask_babel import format_date

    return format_date(day, "long") if day else ""


def summary_panel(title, rows, decisions: dict, priority: int = 10) -> Panel:
    """The agent's synthesis panel of a procedure.

    ``rows``: (label, value) pairs, empty values left out; ``decisions``: decision (``accepte`` or
    ``refuse``) → its :class:`DecisionDocument` list.
    """
    from anef.dossiers.lifecycle import STATE_LABELS

    return Panel(title=title, template="procedure_kit/_summary.html", priority=priority,
                 context={"rows": [(label, value) for label, value in rows if value not in (None, "")],
                          "decisions": [(STATE_LABELS[d], doc) for d, docs in decisions.items() for doc in docs]})
