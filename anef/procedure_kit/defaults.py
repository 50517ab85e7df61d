"""The core's default hook implementations, registered after every procedure plugin (Datasette's DEFAULT_PLUGINS).

A hook here answers only when no plugin did (firstresult hooks, ``trylast``).
"""
from __future__ import annotations

from anef import hookimpl
from anef.procedure_kit.checks import current_rights_end


@hookimpl(trylast=True)
def rights_expiry(procedure, answers):
    """The card's expiry, else the long-stay visa's end, as most procedures ask them (see the kit's step forms)."""
    return current_rights_end(answers)
