import pytest

from anef.territories import (
    DEPARTEMENT_NAMES,
    DEPARTEMENTS,
    departement_from_postcode,
    prefecture_service_code,
)


def test_has_101_departements():
    assert len(DEPARTEMENTS) == 101


def test_codes_are_unique():
    codes = [code for code, _name, _city in DEPARTEMENTS]
    assert len(set(codes)) == len(codes)
    assert "20" not in codes


def test_names_and_cities_are_non_empty():
    for code, name, city in DEPARTEMENTS:
        assert name.strip(), code
        assert city.strip(), code


def test_departement_names_mapping():
    assert len(DEPARTEMENT_NAMES) == 101
    assert DEPARTEMENT_NAMES["13"] == "Bouches-du-Rhône"
    assert DEPARTEMENT_NAMES["2A"] == "Corse-du-Sud"
    assert DEPARTEMENT_NAMES["976"] == "Mayotte"


def test_prefecture_cities():
    cities = {code: city for code, _name, city in DEPARTEMENTS}
    assert cities["75"] == "Paris"
    assert cities["69"] == "Lyon"
    assert cities["01"] == "Bourg-en-Bresse"


@pytest.mark.parametrize(
    ("postcode", "expected"),
    [
        ("75011", "75"),
        ("69003", "69"),
        ("13001", "13"),
        ("20000", "2A"),
        ("20090", "2A"),
        ("20200", "2B"),
        ("20600", "2B"),
        ("97110", "971"),
        ("97400", "974"),
        ("97600", "976"),
        ("98000", None),
        ("7501", None),
        ("ABCDE", None),
        ("00100", None),
        (" 75001 ", "75"),
        ("20300", None),
        ("97500", None),
        ("97133", None),
        ("97150", None),
        ("750011", None),
        ("", None),
    ],
)
def test_departement_from_postcode(postcode, expected):
    assert departement_from_postcode(postcode) == expected


def test_prefecture_service_code():
    assert prefecture_service_code("75") == "pref-75"
    assert prefecture_service_code("2A") == "pref-2A"
