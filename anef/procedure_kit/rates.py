"""Dated amounts shared by procedures: SMIC, taxes on residence cards, droit de timbre (DOMAIN §0).

Each schedule is a tuple of :class:`anef.procedures.FeeRate` (amount in euros from a date), read
with :func:`anef.procedures.rate_on` at the filing date. Amounts of the 2026 finance law carry
``verify=True``: DOMAIN.md flags their date of entry into force (1 May 2026) as unconfirmed.
"""
from __future__ import annotations

import datetime as dt

from flask_babel import lazy_gettext as _l

from anef.procedures import Fee, FeeRate, rate_on

MAY_2026 = dt.date(2026, 5, 1)
JAN_2020 = dt.date(2020, 1, 2)

# Gross monthly SMIC. 2024 figures derived from DOMAIN §4 (3 × SMIC = 63 609 € a year in January 2024;
# 2 × SMIC = 43 243.20 € before August 2025); the 1 November 2024 date is the revaluation's.
SMIC_MONTHLY_GROSS = (
    FeeRate(dt.date(2024, 1, 1), 1766.92),
    FeeRate(dt.date(2024, 11, 1), 1801.80),
    FeeRate(dt.date(2026, 1, 1), 1823.03),
)
# Net monthly SMIC: only the 2026 figure is in DOMAIN §0; the earlier one is not confirmed.
SMIC_MONTHLY_NET = (
    FeeRate(dt.date(2024, 11, 1), 1426.30, verify=True),
    FeeRate(dt.date(2026, 1, 1), 1443.11),
)

# Tax on a first card (L.436-1), normal and reduced rate; on a renewal; the droit de timbre (L.436-7).
FIRST_CARD_TAX = (FeeRate(JAN_2020, 200), FeeRate(MAY_2026, 300, verify=True))
FIRST_CARD_TAX_REDUCED = (FeeRate(JAN_2020, 50), FeeRate(MAY_2026, 100, verify=True))
RENEWAL_TAX = (FeeRate(JAN_2020, 200),)
RENEWAL_TAX_REDUCED = (FeeRate(JAN_2020, 50),)
DROIT_DE_TIMBRE = (FeeRate(JAN_2020, 25), FeeRate(MAY_2026, 50, verify=True))
# Droit de timbre on a naturalisation request or a declaration of nationality (CGI 958), 27.50 € in Guyane before
# the 2026 finance law; DOMAIN gives no Guyane rate after it, so the general 255 € applies there, flagged.
NATIONALITY_DUTY = (FeeRate(JAN_2020, 55), FeeRate(MAY_2026, 255, verify=True))
NATIONALITY_DUTY_GUYANE = (FeeRate(JAN_2020, 27.5), FeeRate(MAY_2026, 255, verify=True))


def smic_multiple(on: dt.date, factor: float, *, months: int = 12, net: bool = False) -> FeeRate | None:
    """``factor`` times the SMIC over ``months`` (a yearly threshold by default), as in force on ``on``."""
    base = rate_on(SMIC_MONTHLY_NET if net else SMIC_MONTHLY_GROSS, on)
    if base is None:
        return None
    return FeeRate(base.effective_from, round(base.amount * factor * months, 2), verify=base.verify)


def fee_of(filed_on: dt.date, *parts) -> Fee | None:
    """A fee made of (label, schedule) parts, each at its rate on ``filed_on``; None when nothing is due."""
    lines, verify = [], False
    for label, schedule in parts:
        rate = rate_on(schedule, filed_on)
        if rate is None or not rate.amount:
            continue
        lines.append((label, rate.amount))
        verify = verify or rate.verify
    if not lines:
        return None
    return Fee(amount=sum(amount for _, amount in lines), parts=tuple(lines), verify=verify)


def card_fee(filed_on: dt.date, *, renewal: bool, reduced: bool = False) -> Fee | None:
    """The usual fee of a residence card: the tax (first card or renewal, normal or reduced) and the droit de timbre."""
    if renewal:
        tax = RENEWAL_TAX_REDUCED if reduced else RENEWAL_TAX
    else:
        tax = FIRST_CARD_TAX_REDUCED if reduced else FIRST_CARD_TAX
    return fee_of(filed_on, (_l("Taxe (tarif réduit)") if reduced else _l("Taxe"), tax),
                  (_l("Droit de timbre"), DROIT_DE_TIMBRE))
