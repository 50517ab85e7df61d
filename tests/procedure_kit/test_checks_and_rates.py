"""Common checks and dated amounts: thresholds follow the filing date, VERIFY amounts stay flagged."""
import datetime as dt

import pytest

from anef.procedure_kit import checks, documents, rates
from anef.procedure_kit.routing import prefecture_of_address
from anef.procedures import FeeRate


def test_answers_are_read_leniently():
    answers = {"a": {"d": "2026-02-30", "n": "12", "x": ["1", "2"]}}
    assert checks.answer_date(answers, "a", "d") is None and checks.answer_int(answers, "a", "n") == 12
    assert checks.value(answers, "a", "x") == "" and checks.answer_int(answers, "missing", "n") is None


def test_add_months_keeps_the_day_or_the_end_of_month():
    assert checks.add_months(dt.date(2026, 1, 31), 1) == dt.date(2026, 2, 28)
    assert checks.add_months(dt.date(2026, 11, 15), 3) == dt.date(2027, 2, 15)
    assert checks.add_months(dt.date(2026, 3, 31), -1) == dt.date(2026, 2, 28)


def test_resources_against_a_monthly_or_yearly_minimum(ctx):
    minimum = FeeRate(dt.date(2026, 1, 1), 1000)
    assert checks.resources_check(1000, minimum).status == "ok"
    low = checks.resources_check(999, minimum, yearly=True, lowered=True)
    assert low.status == "warning" and "par an" in str(low.detail) and "abaissé" in str(low.detail)
    assert checks.resources_check(None, minimum) is None and checks.resources_check(5, None) is None


def test_salary_threshold_and_its_verify_flag(ctx):
    threshold = FeeRate(dt.date(2025, 8, 31), 39582, verify=True)
    assert checks.salary_check(39582, threshold).status == "ok"
    below = checks.salary_check(39581, threshold, status_below="error")
    assert below.blocking and "en cours de confirmation" in str(below.detail)


def test_within_months_of_entry(ctx):
    entry = dt.date(2026, 1, 31)
    kwargs = {"code": "delai", "label_ok": "ok", "label_late": "tard", "detail_late": "trop tard"}
    assert checks.within_months_of_entry(entry, dt.date(2026, 4, 30), 3, **kwargs).status == "ok"
    late = checks.within_months_of_entry(entry, dt.date(2026, 5, 1), 3, status_late="error", **kwargs)
    assert late.status == "error" and late.detail == "trop tard"


@pytest.mark.parametrize("days_left,status", [(150, "warning"), (120, "ok"), (60, "ok"), (59, "warning"),
                                              (-10, "warning"), (-200, "warning")])
def test_renewal_window(ctx, days_left, status):
    today = dt.date(2026, 11, 24)
    assert checks.renewal_window_check(today + dt.timedelta(days=days_left), today).status == status
    assert checks.renewal_on_time(today + dt.timedelta(days=days_left), today) is (days_left >= 60)


def test_passport_issued_before_birth_blocks(ctx):
    answers = {"identite": {"date_naissance": "1990-01-01"}, "passeport": {"date_delivrance": "1989-01-01"}}
    assert checks.identity_dates_check(answers).blocking
    answers["passeport"]["date_delivrance"] = "2020-01-01"
    assert checks.identity_dates_check(answers) is None


def test_card_fee_follows_the_filing_date(ctx):
    assert rates.card_fee(dt.date(2026, 4, 30), renewal=False).amount == 225
    may = rates.card_fee(dt.date(2026, 5, 1), renewal=False)
    assert may.amount == 350 and may.verify
    assert rates.card_fee(dt.date(2026, 5, 1), renewal=True, reduced=True).amount == 100
    assert rates.card_fee(dt.date(2019, 6, 1), renewal=True) is None  # before the schedules begin


def test_smic_multiples(ctx):
    assert rates.smic_multiple(dt.date(2026, 3, 1), 1).amount == pytest.approx(21876.36)
    assert rates.smic_multiple(dt.date(2025, 3, 1), 2).amount == pytest.approx(43243.20)
    net = rates.smic_multiple(dt.date(2026, 3, 1), 1, net=True)
    assert net.amount == pytest.approx(17317.32) and not net.verify
    assert rates.smic_multiple(dt.date(2026, 3, 1), 0.7, months=1).amount == pytest.approx(1276.12)
    assert rates.smic_multiple(dt.date(2020, 3, 1), 1) is None


def test_housing_documents_and_routing(ctx):
    hosted = {"adresse": {"code_postal": "20200", "hebergement": "tiers"}}
    assert [d.kind for d in documents.housing(hosted)] == ["justificatif_domicile", "attestation_hebergement"]
    assert [d.kind for d in documents.housing({})] == ["justificatif_domicile"]
    assert prefecture_of_address(hosted) == "pref-2B" and prefecture_of_address({}) is None
