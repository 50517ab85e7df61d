"""Data types that procedure plugins return to the core, and the registry of procedures."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from flask_babel import lazy_gettext as _l


@dataclass(frozen=True)
class FeeRate:
    """One line of a dated fee schedule: ``amount`` euros from ``effective_from``."""

    effective_from: dt.date
    amount: int | float
    verify: bool = False


@dataclass(frozen=True)
class AppealRoute:
    """A way to contest a refusal: its name, before whom, within how many months of the notification."""

    name: Any
    authority: Any
    months: int
    detail: Any = ""


# The usual routes against a préfecture's refusal of a residence permit (a procedure may give others).
DEFAULT_APPEAL_ROUTES = (
    AppealRoute(_l("Recours gracieux"), _l("auprès du préfet qui a pris la décision"), 2),
    AppealRoute(_l("Recours hiérarchique"), _l("auprès du ministre de l'Intérieur"), 2),
    AppealRoute(_l("Recours contentieux"), _l("devant le tribunal administratif"), 2,
                _l("Le délai court à partir de la notification de la décision ; un recours gracieux ou "
                   "hiérarchique fait dans les 2 mois le prolonge jusqu'à la réponse de l'administration.")),
)


@dataclass(frozen=True)
class Opening:
    """One stage of a procedure deployed territory by territory: ``territories`` (départements; empty:
    everywhere) open on ``opens_on``. ``verify``: the date or the list is not confirmed by the sources."""

    opens_on: dt.date
    territories: tuple[str, ...] = ()
    verify: bool = False


@dataclass(frozen=True)
class LegalDeadline:
    """A date the law sets for the administration, ``months`` after the file is complete (its récépissé),
    shown on the legal clock. ``after_decision``: still shown once the request is granted (e.g. the
    government may oppose a registered declaration of nationality for 2 years)."""

    label: Any
    months: int
    explanation: Any = ""
    after_decision: bool = False


@dataclass(frozen=True)
class ProcedureInfo:
    """Identity of a procedure, as a plugin declares it.

    ``appeal_routes``: printed on a refusal. ``title_authorises_work``: whether the title granted
    lets its holder work (shown on the attestation de décision favorable).
    """

    code: str
    title: Any
    summary: Any
    filed_by: str = "applicant"
    opens_on: dt.date | None = None
    territories: tuple[str, ...] = ()
    order: int = 100
    appeal_routes: tuple[AppealRoute, ...] = DEFAULT_APPEAL_ROUTES
    title_authorises_work: bool = False
    # The legal clock: months of silence after the file is complete that are worth a refusal (R.432-2 CESEDA).
    silence_months: int = 4
    # Staged openings by territory (a pilot, then more départements, then everywhere); when given, the calendar
    # derives the opening date and the territories open on a given day from them instead of the two fields above.
    openings: tuple[Opening, ...] = ()
    # Other legal deadlines of the administration shown on the legal clock.
    deadlines: tuple[LegalDeadline, ...] = ()
    # Whether an accepted request ends with a card to collect at the préfecture (« Titre prêt », the booked visit,
    # the hand-over). A naturalisation, a declaration of nationality, a work authorisation: no card.
    issues_card: bool = True
    # What happens once the request is accepted, in plain words for the applicant (dossier page, the acceptance's
    # e-mail); None: the core's « you will be invited to collect your card ».
    after_acceptance: Any = None


@dataclass(frozen=True)
class Step:
    """One form step: its URL slug, its title and the WTForms class that asks it."""

    slug: str
    title: Any
    form_class: type


@dataclass(frozen=True)
class DocumentRequirement:
    """A kind of document a dossier needs, and how long a given one stays usable.

    ``max_age_days``: the document must be more recent than that (a proof of address: 90).
    ``expiry_answer``: (step, field) of the answer that holds its expiry date (a passport).
    ``identity``: an identity document, watermarked when an agent downloads it.
    """

    kind: str
    label: Any
    help: Any = ""
    mandatory: bool = True
    max_age_days: int | None = None
    expiry_answer: tuple[str, str] | None = None
    identity: bool = False


@dataclass(frozen=True)
class CheckResult:
    """The outcome of one automatic check: ``ok``, ``warning`` or ``error``."""

    code: str
    label: Any
    status: str
    detail: Any = ""

    @property
    def blocking(self) -> bool:
        return self.status == "error"


@dataclass(frozen=True)
class Eligibility:
    """Whether a person may use a procedure, and why not."""

    eligible: bool
    reason: Any = ""
    suggested_procedure: str | None = None
    initial_answers: dict = field(default_factory=dict)


@dataclass(frozen=True)
class Fee:
    """The fee due for a dossier, in euros, with its parts."""

    amount: int | float
    parts: tuple[tuple[Any, int], ...] = ()
    verify: bool = False


@dataclass(frozen=True)
class InstructionExtension:
    """Whether filing a dossier opens the right to an attestation de prolongation d'instruction.

    ``due``: the dossier renews a card and was filed on time, so the holder keeps the previous
    title's rights while it is examined. ``authorises_work``: whether that previous title let them work.
    """

    due: bool
    authorises_work: bool = False


@dataclass(frozen=True)
class Panel:
    """An HTML panel a plugin adds to a core page."""

    title: Any
    template: str
    context: dict = field(default_factory=dict)
    priority: int = 100


# A stage acted on by the service the dossier was routed to when it was filed (hook route_dossier).
ROUTED_SERVICE = "routed"


@dataclass(frozen=True)
class Stage:
    """A step of a procedure's own instruction after filing (naturalisation: interview, enquiry, proposal, the
    ministry's decision, décret, ceremony), declared in order by the hook ``procedure_stages``.

    ``service``: who acts, :data:`ROUTED_SERVICE` or a service code (``sdanf``); the dossier moves there when the
    stage before it is recorded. ``form_class``: what the agent records, a subclass of
    :class:`anef.stages.forms.StageForm`. ``states``: the lifecycle states in which it may be recorded.
    ``explanation``: what happens while it is the next stage, in plain words for the applicant.
    """

    code: str
    agent_label: Any
    applicant_label: Any
    explanation: Any
    form_class: type
    service: str = ROUTED_SERVICE
    states: tuple[str, ...] = ("en_instruction",)


@dataclass(frozen=True)
class StageOutcome:
    """What recording a stage decides: nothing more (``decision`` None: the stage is done), or the dossier's
    decision, ``accepte`` or ``refuse``, taken through the core's decision (four-eyes when the plugin says so)
    with ``motivation``; the stage is done when that decision is (signed)."""

    decision: str | None = None
    motivation: str = ""


def rate_on(schedule: tuple[FeeRate, ...], day: dt.date) -> FeeRate | None:
    """Return the rate of a dated schedule in force on ``day`` (the latest one not after it)."""
    current = None
    for rate in sorted(schedule, key=lambda r: r.effective_from):
        if rate.effective_from <= day:
            current = rate
    return current
