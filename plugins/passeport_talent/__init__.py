"""The talent card (carte de séjour « talent », formerly « passeport talent »), by kind of talent."""
from __future__ import annotations

import datetime as dt

from flask_babel import lazy_gettext as _l

from anef.i18n import Euros
from anef.procedure_kit import documents as kit_docs
from anef.procedure_kit import eligible, refer
from anef.procedure_kit import forms as kit_forms
from anef.procedure_kit import work_authorisation
from anef.procedure_kit.decisions import REFUSAL, DecisionDocument, summary_panel
from anef.procedure_kit.plugin import ProcedurePlugin
from anef.procedures import DocumentRequirement, ProcedureInfo, Step
from plugins.passeport_talent import checks, forms

CODE = "passeport_talent"
KIND_NAMES = forms.KIND_NAMES

# The step that asks each kind's own answers.
LINK_STEP = Step("autorisation", _l("Autorisation de travail"), forms.AutorisationForm)
KIND_STEPS = {
    "salarie_qualifie": [Step("qualification", _l("Diplôme et expérience"), forms.QualificationForm), LINK_STEP,
                         Step("emploi", _l("Emploi en France"), forms.EmploiForm)],
    "carte_bleue": [Step("qualification", _l("Diplôme et expérience"), forms.QualificationForm), LINK_STEP,
                    Step("emploi", _l("Emploi en France"), forms.EmploiForm)],
    "chercheur": [Step("qualification", _l("Diplôme et expérience"), forms.QualificationForm),
                  Step("recherche", _l("Accueil de recherche"), forms.RechercheForm)],
    "creation_entreprise": [Step("qualification", _l("Diplôme et expérience"), forms.QualificationForm),
                            Step("projet", _l("Projet d'entreprise"), forms.ProjetForm)],
    "projet_innovant": [Step("projet", _l("Projet innovant"), forms.ProjetInnovantForm)],
    "investisseur": [Step("investissement", _l("Investissement"), forms.InvestissementForm)],
    "mandataire_social": [Step("mandat", _l("Mandat social"), forms.MandatForm)],
    "artiste": [Step("artiste", _l("Activité artistique"), forms.ArtisteForm)],
    "renommee": [Step("renommee", _l("Renommée"), forms.RenommeeForm)],
}

PROOF_OF_DEGREE = DocumentRequirement("diplome", _l("Diplôme"),
                                      _l("Le diplôme le plus élevé, avec sa traduction s'il n'est pas en français."))
KIND_DOCUMENTS = {
    "salarie_qualifie": [PROOF_OF_DEGREE, kit_docs.contrat_travail()],
    "carte_bleue": [DocumentRequirement("diplome", _l("Diplôme ou preuve d'expérience"),
                                        _l("Un diplôme sanctionnant au moins 3 ans d'études supérieures, ou les "
                                           "certificats de travail prouvant 5 ans d'expérience.")),
                    kit_docs.contrat_travail()],
    "chercheur": [PROOF_OF_DEGREE,
                  DocumentRequirement("convention_accueil", _l("Convention d'accueil"),
                                      _l("Signée par l'organisme de recherche agréé et par vous."))],
    "creation_entreprise": [DocumentRequirement("diplome", _l("Diplôme ou preuve d'expérience"),
                                                _l("Un diplôme de niveau master, ou les justificatifs de 5 ans "
                                                   "d'expérience professionnelle.")),
                            DocumentRequirement("projet_entreprise", _l("Présentation du projet d'entreprise"),
                                                _l("Activité, prévisions et plan de financement.")),
                            DocumentRequirement("financement", _l("Preuve du financement"),
                                                _l("Relevés, attestations de prêt ou d'apport : au moins 30 000 €."))],
    "projet_innovant": [DocumentRequirement("projet_entreprise", _l("Présentation du projet d'entreprise"),
                                            _l("Activité, prévisions et plan de financement.")),
                        DocumentRequirement("reconnaissance_projet", _l("Reconnaissance du caractère innovant"),
                                            _l("L'attestation de l'organisme public qui reconnaît le projet."))],
    "investisseur": [DocumentRequirement("preuve_investissement", _l("Preuve de l'investissement"),
                                         _l("Actes d'acquisition, factures ou relevés : au moins 300 000 € "
                                            "d'immobilisations.")),
                     DocumentRequirement("emplois", _l("Emplois créés ou maintenus"),
                                         _l("Registre du personnel ou attestation de l'expert-comptable."))],
    "mandataire_social": [DocumentRequirement("mandat_social", _l("Acte de nomination comme mandataire social"),
                                              _l("Procès-verbal ou extrait Kbis qui vous désigne.")),
                          DocumentRequirement("attestation_groupe", _l("Attestation de l'employeur"),
                                              _l("Elle indique l'appartenance au groupe, votre ancienneté et votre "
                                                 "rémunération."))],
    "artiste": [DocumentRequirement("contrats_artistiques", _l("Contrats ou engagements artistiques"),
                                    _l("Contrats d'engagement, contrats d'édition ou de cession de droits.")),
                kit_docs.ressources(_l("Relevés de droits d'auteur, cachets ou relevés bancaires des 12 derniers "
                                       "mois."))],
    "renommee": [DocumentRequirement("justificatifs_renommee", _l("Justificatifs de la renommée"),
                                     _l("Prix, publications, articles de presse, sélections, attestations de pairs.")),
                 DocumentRequirement("projet_france", _l("Description du projet en France"))],
}
SALARIED = {"salarie_qualifie", "carte_bleue", "mandataire_social"}

CHECKLIST = {
    "salarie_qualifie": [_l("Le diplôme est au moins de niveau master (ou équivalent reconnu)."),
                         _l("Le contrat dure plus de 3 mois et la rémunération atteint le seuil.")],
    "carte_bleue": [_l("Le diplôme sanctionne 3 ans d'études supérieures, ou 5 ans d'expérience sont prouvés."),
                    _l("La rémunération atteint le seuil de la carte bleue européenne.")],
    "chercheur": [_l("La convention d'accueil est signée par un organisme agréé et couvre la durée demandée.")],
    "creation_entreprise": [_l("Le projet est réel et sérieux ; le financement d'au moins 30 000 € est prouvé.")],
    "projet_innovant": [_l("La reconnaissance du projet émane d'un organisme public ou d'un partenaire agréé.")],
    "investisseur": [_l("Les 300 000 € d'immobilisations et les emplois créés ou maintenus sont prouvés."),
                     _l("En cas d'investissement par une société, celle-ci est détenue à 30 % au moins.")],
    "mandataire_social": [_l("Le mandat social, l'ancienneté de 3 mois dans le groupe et la rémunération de 3 SMIC "
                             "sont prouvés.")],
    "artiste": [_l("Les ressources tirées de l'activité atteignent 70 % du SMIC brut mensuel.")],
    "renommee": [_l("La renommée nationale ou internationale est établie par des pièces objectives.")],
}


class PasseportTalentPlugin(ProcedurePlugin):
    code = CODE
    rules = checks
    eligibility_form = forms.EligibilityForm

    def info(self):
        return ProcedureInfo(
            code=CODE,
            title=_l("Carte de séjour « talent »"),
            summary=_l("Première demande ou renouvellement : salariés qualifiés, carte bleue européenne, chercheurs, "
                       "créateurs d'entreprise, investisseurs, mandataires sociaux, artistes et personnes renommées."),
            filed_by="applicant",
            opens_on=dt.date(2021, 5, 25),
            order=30,
            title_authorises_work=True,
        )

    def eligibility(self, answers):
        if answers.get("categorie") not in KIND_STEPS:
            return refer(_l("Aucune carte « talent » ne correspond à votre situation. Pour un autre emploi salarié, "
                            "votre employeur demande d'abord une autorisation de travail ; pour un autre motif de "
                            "séjour, choisissez la démarche qui lui correspond."), "autorisation_travail")
        if answers.get("demande") == "premiere" and answers.get("vls_ts_non_valide") == "oui":
            return refer(_l("Avec un visa long séjour « talent » valant titre de séjour (VLS-TS), vous n'avez pas de "
                            "carte à demander la première année : validez ce visa en ligne dans les 3 mois qui suivent "
                            "votre arrivée, puis demandez le renouvellement avant la fin du visa."), "vlsts")
        return eligible(situation={"categorie": answers["categorie"], "demande": answers["demande"]})

    def steps(self, answers):
        renewal = checks.is_renewal(answers)
        return [
            Step("situation", _l("Votre demande"), forms.SituationForm),
            Step("identite", _l("Identité"), kit_forms.IdentiteContactForm),
            Step("passeport", _l("Passeport"), kit_forms.PasseportForm),
            Step("titre", _l("Titre actuel"), forms.TitreForm) if renewal
            else Step("entree", _l("Visa et entrée en France"), kit_forms.EntreeForm),
            Step("adresse", _l("Adresse en France"), forms.AdresseForm),
            *KIND_STEPS.get(checks.kind(answers), []),
            Step("timbre", _l("Timbre fiscal"), kit_forms.TimbreForm),
        ]

    def prefill(self, dossier, step):
        """A work authorisation's number, when given, fills the job (and what the person left empty of the identity
        and passport); the job stays editable, so only when the number itself is saved."""
        if step != LINK_STEP.slug:
            return None
        return work_authorisation.prefill(dossier.answers or {}, forms.EmploiForm,
                                          identity_form=kit_forms.IdentiteContactForm,
                                          passport_form=kit_forms.PasseportForm)

    def documents(self, answers):
        renewal = checks.is_renewal(answers)
        card = checks.kind(answers)
        docs = [kit_docs.passeport(), kit_docs.titre_sejour() if renewal else kit_docs.visa()]
        if not renewal:
            docs.append(kit_docs.acte_naissance())
        docs += [*kit_docs.housing(answers), *KIND_DOCUMENTS.get(card, [])]
        if renewal and card in SALARIED:
            docs.append(kit_docs.bulletins_salaire())
        return docs

    def checklist(self, answers):
        return [
            _l("L'identité déclarée correspond au passeport."),
            *CHECKLIST.get(checks.kind(answers), []),
            _l("Le justificatif de domicile a moins de 3 mois et correspond à l'adresse déclarée."),
            _l("Le timbre fiscal est valide, du bon montant et n'a pas déjà été utilisé."),
        ]

    def decisions(self, answers: dict) -> dict:
        card = checks.kind(answers)
        validity = (_l("la durée des travaux de recherche, 4 ans au plus") if card == "chercheur"
                    else _l("4 ans au plus, selon la durée du contrat ou du projet"))
        title = (_l("Carte de séjour pluriannuelle « talent — %(kind)s »", kind=KIND_NAMES[card]) if card in KIND_NAMES
                 else _l("Carte de séjour pluriannuelle « talent »"))
        return {"accepte": [DecisionDocument("carte_talent", title, "decision_favorable", validity,
                                             _l("Elle autorise l'activité pour laquelle elle est délivrée, sans "
                                                "autorisation de travail ; la famille reçoit une carte de même "
                                                "durée."))],
                "refuse": [REFUSAL]}

    def agent_panels(self, dossier):
        answers = dossier.answers or {}
        filed_on = dossier.filed_at.date() if dossier.filed_at else dt.date.today()
        card = checks.kind(answers)
        step = "mandat" if card == "mandataire_social" else "emploi"
        salary = checks.kit.answer_int(answers, step, "salaire_annuel")
        invested = checks.kit.answer_int(answers, "investissement" if card == "investisseur" else "projet",
                                         "montant_investi")
        rows = [
            (_l("Catégorie"), KIND_NAMES.get(card, "")),
            (_l("Type de demande"), _l("Renouvellement") if checks.is_renewal(answers) else _l("Première demande")),
            (_l("Employeur (SIRET)"), "%s (%s)" % (checks.kit.value(answers, step, "employeur"),
                                                   checks.kit.value(answers, step, "siret"))
             if card in SALARIED and checks.kit.value(answers, step, "siret") else ""),
            (_l("Rémunération annuelle brute"), str(Euros(salary)) if salary is not None and card in SALARIED else ""),
            (_l("Seuil de rémunération"), checks.threshold_text(checks.salary_threshold(card, filed_on))),
            (_l("Montant investi"), str(Euros(invested)) if invested is not None and card in (
                "creation_entreprise", "projet_innovant", "investisseur") else ""),
        ]
        return [summary_panel(_l("Synthèse « talent »"), rows, self.decisions(answers))]


plugin = PasseportTalentPlugin()
