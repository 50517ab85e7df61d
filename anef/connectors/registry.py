"""The connectors known to the platform, which ones a dossier's procedure uses, and how each is reached."""
from __future__ import annotations

import os
from dataclasses import dataclass
from typing import Any, Callable

from flask import current_app
from flask_babel import lazy_gettext as _l

from anef.connectors import simulators
from anef.connectors.base import Connector, Subject


@dataclass(frozen=True)
class Definition:
    """A connector: its code (``CONNECTOR_<CODE>_URL``), its name and what it tells, its simulator, and what
    the subject must give for it to be asked (``None``: always asked)."""

    code: str
    name: str
    about: Any
    simulate: Callable
    needs: Callable[[Subject], bool] | None = None
    missing: Any = ""


CONNECTORS: dict[str, Definition] = {d.code: d for d in (
    Definition("agdref", "AGDREF", _l("Dossier national des étrangers : numéro étranger, titres détenus"),
               simulators.agdref),
    Definition("fpr", "FPR", _l("Fichier des personnes recherchées"), simulators.fpr),
    Definition("cjn", "CJN", _l("Casier judiciaire national, bulletin n° 2"), simulators.cjn),
    Definition("sis", "SIS", _l("Signalements Schengen"), simulators.sis),
    Definition("visabio", "VISABIO", _l("Visas délivrés et biométrie"), simulators.visabio,
               needs=lambda s: bool(s.visa_number), missing=_l("pas de numéro de visa dans la demande")),
    Definition("api_entreprise", "API Entreprise", _l("Employeur : établissement, situation sociale"),
               simulators.api_entreprise, needs=lambda s: bool(s.siret),
               missing=_l("pas de SIRET dans la demande")),
    Definition("ofpra", "OFPRA", _l("Protection internationale"), simulators.ofpra),
    Definition("ants", "ANTS", _l("Production du titre"), simulators.ants),
)}

# Asked for a procedure whose plugin does not answer procedure_connectors: every connector whose subject is
# given (VISABIO only with a visa number, API Entreprise only with a SIRET).
DEFAULT_CONNECTORS: tuple[str, ...] = tuple(CONNECTORS)

# Settings of each connector, read from the application's configuration, else the environment.
DEFAULT_TIMEOUT_SECONDS = 10.0
# A call still pending after this many seconds is shown as lost (a dead worker), and may be asked again.
DEFAULT_STALE_SECONDS = 120


def setting(name: str, default=None):
    """A connector setting: the application's configuration wins over the environment."""
    value = current_app.config.get(name)
    if value is None:
        value = os.environ.get(name)
    return default if value in (None, "") else value


def timeout_for(code: str) -> float:
    """``CONNECTOR_<CODE>_TIMEOUT``, else ``CONNECTOR_TIMEOUT``, else 10 seconds."""
    return float(setting(f"CONNECTOR_{code.upper()}_TIMEOUT", setting("CONNECTOR_TIMEOUT", DEFAULT_TIMEOUT_SECONDS)))


def stale_after() -> int:
    """Seconds after which a pending call counts as lost (``CONNECTOR_STALE_SECONDS``)."""
    return int(setting("CONNECTOR_STALE_SECONDS", DEFAULT_STALE_SECONDS))


def get_connector(code: str) -> Connector:
    """The real endpoint when ``CONNECTOR_<CODE>_URL`` is set, else the local simulator."""
    definition = CONNECTORS[code]
    url = setting(f"CONNECTOR_{code.upper()}_URL")
    if url:
        from anef.connectors.http import HttpConnector

        return HttpConnector(code, url, timeout_for(code), token=setting(f"CONNECTOR_{code.upper()}_TOKEN"))
    return simulators.Simulator(code, definition.simulate)


def connectors_for(procedure: str, answers: dict) -> list[Definition]:
    """The connectors a procedure asks about its dossiers, in the order given: the plugin's
    ``procedure_connectors`` answer, else :data:`DEFAULT_CONNECTORS`. Unknown codes are ignored."""
    from anef.plugins import hook

    codes = hook().procedure_connectors(procedure=procedure, answers=answers)
    if codes is None:
        codes = DEFAULT_CONNECTORS
    return [CONNECTORS[c] for c in dict.fromkeys(codes) if c in CONNECTORS]
