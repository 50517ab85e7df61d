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


def test_answers_asked_only_in_some_cases(ctx):
    from wtforms import ValidationError

    from anef.forms import StepForm
    from anef.procedure_kit import fields

    class ContractForm(StepForm):
        kind = fields.radio("Contrat", [("cdi", "CDI"), ("cdd", "CDD")], "Choisissez.")
        months = fields.optional_count("Durée en mois", minimum=1, maximum=120)
        reason = fields.conditional_text("Motif du CDD")

        def validate_months(self, field):
            if self.kind.data == "cdd" and field.data is None and not field.errors:
                raise ValidationError("Indiquez la durée.")

        def validate_reason(self, field):
            if self.kind.data == "cdd" and not (field.data or "").strip():
                raise ValidationError("Indiquez le motif.")

    assert errors(ContractForm, {"kind": "cdi", "months": "", "reason": ""}) == {}
    assert set(errors(ContractForm, {"kind": "cdd", "months": "", "reason": ""})) == {"months", "reason"}
    assert "entre 1 et 120" in errors(ContractForm, {"kind": "cdi", "months": "200"})["months"]


def test_the_synthesis_panel_leaves_out_empty_rows_and_names_each_decision(ctx):
    import datetime as dt

    from anef.procedure_kit.decisions import REFUSAL, DecisionDocument, date_text, summary_panel

    card = DecisionDocument("carte", "Carte", "decision_favorable", "1 an")
    panel = summary_panel("Synthèse", [("A", "1"), ("B", ""), ("C", None)], {"accepte": [card], "refuse": [REFUSAL]})
    assert panel.template == "procedure_kit/_summary.html" and panel.context["rows"] == [("A", "1")]
    assert [(str(label), doc.kind) for label, doc in panel.context["decisions"]] == [("Accepté", "carte"),
                                                                                     ("Refusé", "refus")]
    assert date_text(dt.date(2026, 3, 2)) == "2 mars 2026" and date_text(None) == ""
