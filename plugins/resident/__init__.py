"""The 10-year resident card (carte de résident), on family grounds or as a long-term resident."""
from __future__ import annotations

import datetime as dt

from flask_babel import lazy_gettext as _l

from anef.i18n import Euros
from anef.procedure_kit import documents as kit_docs
from anef.procedure_kit import eligible, refer
from anef.procedure_kit import forms as kit_forms
from anef.procedure_kit.decisions import REFUSAL, DecisionDocument, summary_panel
from anef.procedure_kit.plugin import ProcedurePlugin
from anef.procedures import DocumentRequirement, ProcedureInfo, Step
from plugins.resident import checks, forms

CODE = "resident"

KIND_STEPS = {
    "conjoint_francais": Step("mariage", _l("Votre mariage"), forms.MariageForm),
    "regroupement_familial": Step("regroupement", _l("Regroupement familial"), forms.RegroupementForm),
    "parent_enfant_francais": Step("parent", _l("Votre enfant français"), forms.ParentForm),
    "longue_duree_ue": Step("longue_duree", _l("Séjour et ressources"), forms.LongueDureeForm),
}
KIND_DOCUMENTS = {
    "conjoint_francais": [
        DocumentRequirement("acte_mariage", _l("Acte de mariage"), _l("De moins de 3 mois."), max_age_days=90),
        DocumentRequirement("nationalite_conjoint", _l("Preuve de la nationalité française du conjoint")),
        DocumentRequirement("vie_commune", _l("Preuves de la vie commune"),
                            _l("Bail, factures ou avis d'imposition aux deux noms, sur les 3 dernières années.")),
    ],
    "regroupement_familial": [DocumentRequirement("titre_regroupant", _l("Carte de séjour de la personne rejointe"),
                                                  _l("Recto et verso."), identity=True)],
    "parent_enfant_francais": [
        DocumentRequirement("acte_naissance_enfant", _l("Acte de naissance de l'enfant"), max_age_days=90),
        DocumentRequirement("contribution_enfant", _l("Preuves de votre contribution à l'entretien et à l'éducation")),
    ],
    "longue_duree_ue": [
        DocumentRequirement("preuves_residence", _l("Preuves de 5 ans de séjour régulier"),
                            _l("Vos titres de séjour successifs, ou leurs références.")),
        kit_docs.ressources(_l("Avis d'imposition des 3 dernières années et bulletins de salaire ou pensions.")),
        kit_docs.assurance_maladie(),
    ],
}


class ResidentPlugin(ProcedurePlugin):
    code = CODE
    rules = checks
    eligibility_form = forms.EligibilityForm

    def info(self):
        return ProcedureInfo(
            code=CODE,
            title=_l("Carte de résident (10 ans)"),
            summary=_l("Conjoint ou parent de Français, famille rejointe, résident de longue durée : la carte de 10 "
                       "ans, et son renouvellement."),
            filed_by="applicant",
            opens_on=dt.date(2022, 7, 1),  # 2022 Q3 in the seeds' calendar
            order=90,
            title_authorises_work=True,
        )

    def eligibility(self, answers):
        kind = answers.get("motif")
        if kind == "refugie":
            return refer(_l("Les réfugiés reçoivent leur carte de résident par la démarche des bénéficiaires de la "
                            "protection internationale."), "bpi")
        if kind not in KIND_STEPS:
            return refer(_l("La carte de résident s'obtient dans les situations proposées, après plusieurs années de "
                            "séjour régulier. Sinon, demandez le renouvellement de votre carte actuelle dans sa "
                            "démarche."))
        return eligible(situation={"motif": kind, "demande": answers["demande"]})

    def steps(self, answers):
        steps = [Step("situation", _l("Votre demande"), forms.SituationForm),
                 Step("identite", _l("Identité"), kit_forms.IdentiteContactForm),
                 Step("passeport", _l("Passeport"), kit_forms.PasseportForm),
                 Step("titre", _l("Titre actuel"), forms.TitreForm),
                 Step("adresse", _l("Adresse en France"), forms.AdresseForm)]
        if not checks.is_renewal(answers):
            kind = checks.motif(answers)
            if kind in KIND_STEPS:
                steps.append(KIND_STEPS[kind])
            steps.append(Step("integration", _l("Français et examen civique"), forms.IntegrationForm))
        steps.append(Step("timbre", _l("Timbre fiscal"), kit_forms.TimbreForm))
        return steps

    def documents(self, answers):
        docs = [kit_docs.passeport(), kit_docs.titre_sejour(), *kit_docs.housing(answers)]
        if not checks.is_renewal(answers):
            docs.append(kit_docs.acte_naissance())
            docs += KIND_DOCUMENTS.get(checks.motif(answers), [])
            docs.append(DocumentRequirement("attestation_francais", _l("Diplôme ou attestation de niveau de français"),
                                            _l("Et l'attestation de réussite de l'examen civique, sauf dispense.")))
        return docs

    def checklist(self, answers):
        items = [_l("L'identité déclarée correspond au passeport.")]
        if not checks.is_renewal(answers):
            items += [_l("Les années de séjour ou de mariage requises sont prouvées."),
                      _l("L'intégration républicaine est établie : français B1 et examen civique depuis 2026, sauf "
                         "dispense ou ressortissant algérien."),
                      _l("Pas de menace pour l'ordre public ; pas de polygamie.")]
            if checks.motif(answers) == "longue_duree_ue":
                items.append(_l("Les ressources sont stables et au moins égales au SMIC ; l'assurance maladie est "
                                "prouvée."))
        items += [_l("Le justificatif de domicile a moins de 3 mois et correspond à l'adresse déclarée."),
                  _l("Le timbre fiscal est valide, du bon montant et n'a pas déjà été utilisé.")]
        return items

    def decisions(self, answers: dict) -> dict:
        title = (_l("Carte de résident de longue durée-UE") if checks.motif(answers) == "longue_duree_ue"
                 else _l("Carte de résident"))
        return {"accepte": [DecisionDocument("carte_resident", title, "decision_favorable", _l("10 ans"),
                                             _l("Elle permet de travailler ; elle se renouvelle de plein droit."))],
                "refuse": [REFUSAL]}

    def agent_panels(self, dossier):
        answers = dossier.answers or {}
        filed_on = dossier.filed_at.date() if dossier.filed_at else dt.date.today()
        declared = checks.kit.answer_int(answers, "longue_duree", "ressources_annuelles")
        threshold = checks.resources_threshold(filed_on)
        rows = [(_l("Fondement"), forms.MOTIF_NAMES.get(checks.motif(answers), "")),
                (_l("Type de demande"), _l("Renouvellement") if checks.is_renewal(answers) else _l("Première demande")),
                (_l("Ressources annuelles déclarées"), str(Euros(declared)) if declared is not None else ""),
                (_l("Minimum (SMIC net annuel)"), str(Euros(threshold.amount))
                 if threshold and checks.motif(answers) == "longue_duree_ue" else "")]
        return [summary_panel(_l("Synthèse « carte de résident »"), rows, self.decisions(answers))]


plugin = ResidentPlugin()
