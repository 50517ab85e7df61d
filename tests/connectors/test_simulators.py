"""The simulators answer deterministically from the dossier's data, by the documented rules."""
import pytest

from anef.connectors import simulators
from anef.connectors.base import HIT, NOT_FOUND, OK, ConnectorResult, Subject


@pytest.fixture(autouse=True)
def _context(ctx):
    yield


def subject(**fields):
    base = dict(family_name="Zhang", given_names="Mei", birth_date="2002-03-14", nationality="chinoise",
                passport_number="EA1234567")
    base.update(fields)
    return Subject(**base)


def test_fpr_flags_the_documented_test_names_with_their_evidence_and_nobody_else():
    hit = simulators.fpr(subject(family_name="Dalton"))
    assert hit.status == HIT and "FPR" in hit.summary
    assert ("Nom", "DALTON") in hit.evidence and hit.details["rule"] == "test_name"
    assert simulators.fpr(subject(family_name="  lupin ")).status == HIT
    for name in ("Zhang", "Benali", "Martin", "Petit"):
        assert simulators.fpr(subject(family_name=name)).status == NOT_FOUND, name


def test_fpr_hash_rule_hits_one_identity_in_4096_whatever_the_name():
    identities = [subject(family_name=f"NOM{i}", birth_date="1990-01-01") for i in range(20000)]
    hits = [s for s in identities if simulators.fpr(s).status == HIT]
    assert 1 <= len(hits) <= 15
    assert all(simulators.fpr_hash_hit(s) for s in hits)
    assert simulators.fpr(hits[0]).details["rule"] == "hash"


def test_cjn_is_neant_except_for_test_names():
    assert simulators.cjn(subject()).status == OK and "néant" in simulators.cjn(subject()).summary
    record = simulators.cjn(subject(family_name="Fantômas"))
    assert record.status == HIT and record.details["condamnations"] == 1


def test_sis_alerts_on_test_names_and_passports_starting_with_sis():
    assert simulators.sis(subject()).status == NOT_FOUND
    assert simulators.sis(subject(passport_number="SIS123456")).status == HIT
    assert simulators.sis(subject(family_name="DALTON")).status == HIT


def test_agdref_gives_the_card_history_of_a_numero_etranger():
    history = simulators.agdref(subject(numero_etranger="7501234567"))
    assert history.status == OK and len(history.details["titres"]) == 2  # 1 + 7 % 3
    assert history.details["titres"][0]["du"] == "2021-09-01"  # 2015 + 6 % 8
    assert simulators.agdref(subject(numero_etranger="0012345678")).status == NOT_FOUND
    other = simulators.agdref(subject(numero_etranger="7501234513"))
    assert other.status == HIT and "autre identité" in other.summary
    assert simulators.agdref(subject()).status == NOT_FOUND


def test_visabio_matches_the_visa_number():
    visa = simulators.visabio(subject(visa_number="FRA123456789"))
    assert visa.status == OK and visa.details["poste"] == "FRA"
    assert simulators.visabio(subject(visa_number="FRA123456799")).status == HIT
    assert simulators.visabio(subject(visa_number="12")).status == NOT_FOUND


def test_api_entreprise_returns_a_company_for_a_siret_passing_luhn():
    company = simulators.api_entreprise(subject(siret="73282932000074"))
    assert company.status == OK and company.details["raison_sociale"].endswith("732829320")
    assert simulators.api_entreprise(subject(siret="73282932000075")).status == NOT_FOUND
    from anef.procedure_kit.validators import siret_valid

    # A closed establishment: an establishment number (NIC) starting with 9, passing Luhn.
    closed = next(f"732829320{n:05d}" for n in range(90000, 99999) if siret_valid(f"732829320{n:05d}"))
    assert simulators.api_entreprise(subject(siret=closed)).status == HIT


def test_ofpra_and_ants():
    assert simulators.ofpra(subject()).status == NOT_FOUND
    assert simulators.ofpra(subject(family_name="Nansen")).details["statut"] == "refugie"
    assert simulators.ants(subject(dossier_state="en_instruction")).status == NOT_FOUND
    assert simulators.ants(subject(dossier_state="accepte")).details["production"] == "fabrication"
    assert simulators.ants(subject(dossier_state="accepte", card_ready=True)).details["production"] == "disponible"
    assert simulators.ants(subject(dossier_state="titre_remis")).details["production"] == "remis"


def test_a_result_has_a_known_status():
    with pytest.raises(ValueError):
        ConnectorResult("maybe", "?")
