"""The talent card's rules by kind: eligibility, steps, documents, thresholds, fees, routing."""
import datetime as dt

import pytest
from werkzeug.datastructures import MultiDict

from plugins.passeport_talent import checks, forms
from plugins.passeport_talent.samples import KINDS, sample_answers

AFTER_ARRETE = dt.date(2026, 3, 2)


@pytest.fixture
def hooks(app):
    with app.test_request_context():
        from anef.plugins import hook

        yield hook()


def by_code(results):
    return {c.code: c for c in results}


def test_no_kind_fits_says_so_and_points_to_the_work_authorisation(hooks):
    verdict = hooks.assess_eligibility(procedure="passeport_talent",
                                       answers={"categorie": "aucune", "demande": "premiere", "vls_ts_non_valide": "non"})
    assert not verdict.eligible and verdict.suggested_procedure == "autorisation_travail"
    assert "Aucune carte" in str(verdict.reason)


def test_unvalidated_talent_vls_ts_goes_to_the_validation(hooks):
    verdict = hooks.assess_eligibility(procedure="passeport_talent", answers={
        "categorie": "chercheur", "demande": "premiere", "vls_ts_non_valide": "oui"})
    assert not verdict.eligible and verdict.suggested_procedure == "vlsts"
    verdict = hooks.assess_eligibility(procedure="passeport_talent", answers={
        "categorie": "chercheur", "demande": "renouvellement", "vls_ts_non_valide": "oui"})
    assert verdict.eligible and verdict.initial_answers["situation"]["categorie"] == "chercheur"


@pytest.mark.parametrize("kind,own_steps", [
    ("salarie_qualifie", ["qualification", "autorisation", "emploi"]), ("carte_bleue", ["qualification", "autorisation", "emploi"]),
    ("chercheur", ["qualification", "recherche"]), ("creation_entreprise", ["qualification", "projet"]),
    ("projet_innovant", ["projet"]), ("investisseur", ["investissement"]), ("mandataire_social", ["mandat"]),
    ("artiste", ["artiste"]), ("renommee", ["renommee"]),
])
def test_each_kind_asks_its_own_steps(hooks, kind, own_steps):
    slugs = [s.slug for s in hooks.procedure_steps(procedure="passeport_talent", answers=sample_answers(kind))]
    assert slugs == ["situation", "identite", "passeport", "entree", "adresse", *own_steps, "timbre"]


@pytest.mark.parametrize("kind,own_documents", [
    ("salarie_qualifie", ["diplome", "contrat_travail"]), ("carte_bleue", ["diplome", "contrat_travail"]),
    ("chercheur", ["diplome", "convention_accueil"]),
    ("creation_entreprise", ["diplome", "projet_entreprise", "financement"]),
    ("projet_innovant", ["projet_entreprise", "reconnaissance_projet"]),
    ("investisseur", ["preuve_investissement", "emplois"]), ("mandataire_social", ["mandat_social", "attestation_groupe"]),
    ("artiste", ["contrats_artistiques", "ressources"]), ("renommee", ["justificatifs_renommee", "projet_france"]),
])
def test_documents_by_kind(hooks, kind, own_documents):
    kinds = [d.kind for d in hooks.required_documents(procedure="passeport_talent", answers=sample_answers(kind))]
    assert kinds == ["passeport", "visa", "acte_naissance", "justificatif_domicile", *own_documents]


def test_renewal_of_a_salaried_card_asks_for_payslips_and_the_current_card(hooks):
    kinds = [d.kind for d in hooks.required_documents(procedure="passeport_talent",
                                                       answers=sample_answers(renewal=True))]
    assert kinds == ["passeport", "titre_sejour", "justificatif_domicile", "diplome", "contrat_travail",
                     "bulletins_salaire"]


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("renewal", [False, True])
def test_every_check_passes_on_the_samples(ctx, kind, renewal):
    results = checks.run(sample_answers(kind, renewal=renewal, today=AFTER_ARRETE), AFTER_ARRETE)
    assert results and all(c.status == "ok" for c in results), results


@pytest.mark.parametrize("kind,day,salary,status", [
    # Salarié qualifié: 2 × SMIC (43 243.20 €) until the arrêté of August 2025, then 39 582 €.
    ("salarie_qualifie", dt.date(2025, 6, 1), 42000, "error"),
    ("salarie_qualifie", dt.date(2025, 9, 1), 42000, "ok"),
    ("salarie_qualifie", dt.date(2025, 9, 1), 39581, "error"),
    # EU Blue Card: 53 836.50 € then 59 373 €.
    ("carte_bleue", dt.date(2025, 6, 1), 55000, "ok"),
    ("carte_bleue", dt.date(2025, 9, 1), 55000, "error"),
    # Mandataire social: 3 × SMIC a year (65 629.08 € in 2026).
    ("mandataire_social", dt.date(2026, 3, 1), 65000, "error"),
    ("mandataire_social", dt.date(2026, 3, 1), 65700, "ok"),
])
def test_salary_thresholds_follow_the_filing_date(ctx, kind, day, salary, status):
    answers = sample_answers(kind, today=day)
    step = "mandat" if kind == "mandataire_social" else "emploi"
    answers[step]["salaire_annuel"] = str(salary)
    result = by_code(checks.run(answers, day))["remuneration"]
    assert result.status == status


def test_blue_card_threshold_before_the_arrete_stays_flagged(ctx):
    assert checks.salary_threshold("carte_bleue", dt.date(2025, 6, 1)).verify
    assert not checks.salary_threshold("carte_bleue", dt.date(2025, 9, 1)).verify
    assert checks.salary_threshold("artiste", dt.date(2025, 9, 1)) is None


def test_contract_length(ctx):
    answers = sample_answers(today=AFTER_ARRETE)
    answers["emploi"].update(type_contrat="cdd", duree_mois="3")
    assert by_code(checks.run(answers, AFTER_ARRETE))["contrat"].blocking
    blue = sample_answers("carte_bleue", today=AFTER_ARRETE)
    blue["emploi"].update(type_contrat="cdd", duree_mois="4")
    assert by_code(checks.run(blue, AFTER_ARRETE))["contrat"].status == "warning"


def test_investments_and_shares(ctx):
    creation = sample_answers("creation_entreprise", today=AFTER_ARRETE)
    creation["projet"]["montant_investi"] = "29999"
    assert by_code(checks.run(creation, AFTER_ARRETE))["investissement"].blocking
    investor = sample_answers("investisseur", today=AFTER_ARRETE)
    investor["investissement"].update(montant_investi="299000", part_detenue="29")
    results = by_code(checks.run(investor, AFTER_ARRETE))
    assert results["investissement"].blocking and results["part_detenue"].blocking
    assert "29" in str(results["part_detenue"].detail)
    investor["investissement"].update(mode="direct")
    assert "part_detenue" not in by_code(checks.run(investor, AFTER_ARRETE))


def test_artist_resources_and_degrees(ctx):
    artist = sample_answers("artiste", today=AFTER_ARRETE)
    artist["artiste"]["ressources_mensuelles"] = "1200"  # 70 % of 1 823.03 € is 1 276.12 €
    assert by_code(checks.run(artist, AFTER_ARRETE))["ressources"].status == "warning"
    blue = sample_answers("carte_bleue", today=AFTER_ARRETE)
    blue["qualification"].update(niveau_diplome="autre", experience_annees="5")
    assert by_code(checks.run(blue, AFTER_ARRETE))["qualification"].status == "ok"
    qualified = sample_answers(today=AFTER_ARRETE)
    qualified["qualification"]["niveau_diplome"] = "licence"
    assert by_code(checks.run(qualified, AFTER_ARRETE))["qualification"].status == "warning"


def test_fee_follows_the_filing_date(ctx):
    assert checks.fee(sample_answers(), dt.date(2026, 4, 30)).amount == 225
    may = checks.fee(sample_answers(), dt.date(2026, 5, 1))
    assert may.amount == 350 and may.verify


@pytest.mark.parametrize("postcode,service", [("75011", "pref-75"), ("69003", "pref-69"), ("98000", None)])
def test_routing_to_the_prefecture_of_the_address(hooks, postcode, service):
    assert hooks.route_dossier(procedure="passeport_talent", answers=sample_answers(postcode=postcode)) == service


@pytest.mark.parametrize("form_class,data,field,message", [
    (forms.EmploiForm, {"employeur": "X", "siret": "55210055400014", "poste": "P", "type_contrat": "cdi",
                        "date_debut": "2026-01-01", "salaire_annuel": "50000"}, "siret", "n'existe pas"),
    (forms.EmploiForm, {"employeur": "X", "siret": "55210055400013", "poste": "P", "type_contrat": "cdd",
                        "date_debut": "2026-01-01", "salaire_annuel": "50000"}, "duree_mois", "durée du CDD"),
    (forms.ProjetForm, {"nom_projet": "N", "description": "D", "entreprise_creee": "oui",
                        "montant_investi": "1"}, "siren", "SIREN"),
    (forms.ProjetForm, {"nom_projet": "N", "description": "D", "entreprise_creee": "non", "siren": "123",
                        "montant_investi": "1"}, "siren", "9 chiffres"),
    (forms.InvestissementForm, {"societe": "S", "siren": "443061841", "mode": "societe", "montant_investi": "1",
                                "emplois": "0"}, "part_detenue", "part du capital"),
    (forms.RechercheForm, {"organisme": "O", "convention_date": "2999-01-01", "duree_mois": "12", "sujet": "S"},
     "convention_date", "déjà être signée"),
])
def test_validation_messages(ctx, form_class, data, field, message):
    form = form_class(formdata=MultiDict(data))
    assert not form.validate()
    assert field in form.errors and message in " ".join(str(e) for e in form.errors[field])


def test_a_cdi_needs_no_length(ctx):
    data = {"employeur": "X", "siret": "55210055400013", "poste": "P", "type_contrat": "cdi",
            "date_debut": "2026-01-01", "duree_mois": "", "salaire_annuel": "50000"}
    assert forms.EmploiForm(formdata=MultiDict(data)).validate()


def test_decision_documents_name_the_kind(hooks):
    [card] = hooks.decision_documents(procedure="passeport_talent", answers=sample_answers("chercheur"),
                                      decision="accepte")
    assert "chercheur" in str(card.title) and "recherche" in str(card.validity)
    assert hooks.decision_requires_signature(procedure="passeport_talent", decision="refuse") is True
