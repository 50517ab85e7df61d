"""Data types that procedure plugins return to the core, and the registry of procedures."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class FeeRate:
    """One line of a dated fee schedule: ``amount`` euros from ``effective_from``."""

    effective_from: dt.date
    amount: int | float
    verify: bool = False


@dataclass(frozen=True)
class ProcedureInfo:
    """Identity of a procedure, as a plugin declares it."""

    code: str
    title: Any
    summary: Any
    filed_by: str = "applicant"
    opens_on: dt.date | None = None
    territories: tuple[str, ...] = ()
    order: int = 100


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
class Panel:
    """An HTML panel a plugin adds to a core page."""

    title: Any
    template: str
    context: dict = field(default_factory=dict)
    priority: int = 100


def rate_on(schedule: tuple[FeeRate, ...], day: dt.date) -> FeeRate | None:
    """Return the rate of a dated schedule in force on ``day`` (the latest one not after it)."""
    current = None
    for rate in sorted(schedule, key=lambda r: r.effective_from):
        if rate.effective_from <= day:
            current = rate
    return current
