"""The shared step forms: identity, passport, address, visa and entry, current card."""
import datetime as dt

from werkzeug.datastructures import MultiDict

from anef.procedure_kit import forms

IDENTITY = {"nom": "DIALLO", "prenoms": "Awa", "sexe": "F", "date_naissance": "1990-05-04", "lieu_naissance": "Dakar",
            "pays_naissance": "Sénégal", "nationalite": "sénégalaise", "telephone": "06 12 34 56 78"}


def errors(form_class, data):
    form = form_class(formdata=MultiDict(data))
    form.validate()
    return {name: " ".join(str(e) for e in errs) for name, errs in form.errors.items()}


def test_identity_with_contact_and_its_minimum_age(ctx):
    assert errors(forms.IdentiteContactForm, IDENTITY) == {}
    young = {**IDENTITY, "date_naissance": (dt.date.today() - dt.timedelta(days=365 * 17)).isoformat()}
    assert "au moins 18 ans" in errors(forms.IdentiteContactForm, young)["date_naissance"]
    assert "futur" in errors(forms.IdentiteForm, {**IDENTITY, "date_naissance": "2999-01-01"})["date_naissance"]
    assert "téléphone" in errors(forms.IdentiteContactForm, {**IDENTITY, "telephone": "12"})["telephone"]


def test_passport_dates_in_order(ctx):
    data = {"numero": "AB123456", "pays_delivrance": "Sénégal", "date_delivrance": "2022-01-01",
            "date_expiration": "2021-01-01"}
    assert "après la date de délivrance" in errors(forms.PasseportForm, data)["date_expiration"]


def test_address_postcode_and_housing(ctx):
    form_class = forms.make_adresse_form()
    data = {"adresse": "3 rue de la Paix", "code_postal": "69003", "commune": "Lyon", "hebergement": "tiers"}
    assert errors(form_class, data) == {}
    assert "5 chiffres" in errors(form_class, {**data, "code_postal": "6900"})["code_postal"]
    assert "hebergement" not in errors(forms.AdresseForm, {**data, "hebergement": ""})


def test_entry_must_fall_within_the_visa(ctx):
    data = {"visa_numero": "FRA123456789", "visa_type": "long_sejour_titre", "visa_debut": "2026-09-01",
            "visa_fin": "2027-08-31", "date_entree": "2026-08-31"}
    assert "comprise dans la validité" in errors(forms.EntreeForm, data)["date_entree"]
    assert "après le début" in errors(forms.EntreeForm, {**data, "visa_fin": "2026-08-01"})["visa_fin"]


def test_current_card_form_with_or_without_its_number(ctx):
    plain = forms.make_titre_form([("carte", "Carte")])
    numbered = forms.make_titre_form([("carte", "Carte")], with_card_number=True)
    data = {"numero_etranger": "7501234567", "titre_type": "carte", "titre_expiration": "2027-01-01"}
    assert errors(plain, data) == {} and "numero_carte" not in [f.name for f in plain()]
    assert list(errors(numbered, data)) == ["numero_carte"]
    assert [f.name for f in numbered()] == ["numero_etranger", "numero_carte", "titre_type", "titre_expiration"]
