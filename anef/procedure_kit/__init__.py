"""Building blocks for procedure plugins, so that each plugin says only what is its own.

- :mod:`~anef.procedure_kit.fields`: field factories (numéro étranger, SIRET, SIREN, visa,
  passport, postcode, phone, timbre, amounts, yes/no…);
- :mod:`~anef.procedure_kit.forms`: the step forms most procedures share (identity,
  passport, address, visa and entry, current card, family, timbre) and factories for their
  variants;
- :mod:`~anef.procedure_kit.validators`: SIRET/SIREN with Luhn (La Poste's rule), numéro
  étranger, card numbers, French visas, date order, minimum age;
- :mod:`~anef.procedure_kit.checks`: reading answers, and the common checks (resources,
  salary threshold, minimum amount, delay since entry, renewal window, passport, coherent dates);
- :mod:`~anef.procedure_kit.rates`: SMIC, taxes and droit de timbre as dated schedules, fees;
- :mod:`~anef.procedure_kit.documents`: document requirements with shared kind names;
- :mod:`~anef.procedure_kit.decisions`: decision documents as data, the agent's synthesis panel;
- :mod:`~anef.procedure_kit.routing`: the préfecture of the applicant's address.

Plugins import the kit, never each other.
"""
from __future__ import annotations

from anef.procedures import Eligibility


def refer(reason, to: str | None = None) -> Eligibility:
    """Not eligible: ``reason`` in plain words, and the code of the procedure that fits, if one does."""
    return Eligibility(False, reason, suggested_procedure=to)


def eligible(**initial_answers) -> Eligibility:
    """Eligible; ``initial_answers`` (step slug → answers) are copied into the new draft."""
    return Eligibility(True, initial_answers=initial_answers)
