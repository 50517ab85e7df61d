"""The « vie privée et familiale » card: spouse or parent of a French national, family reunification, personal ties."""
from __future__ import annotations

import datetime as dt

from flask_babel import lazy_gettext as _l

from anef.procedure_kit import documents as kit_docs
from anef.procedure_kit import eligible, refer
from anef.procedure_kit import forms as kit_forms
from anef.procedure_kit.decisions import REFUSAL, DecisionDocument, date_text, summary_panel
from anef.procedure_kit.plugin import ProcedurePlugin
from anef.procedures import DocumentRequirement, ProcedureInfo, Step
from plugins.vpf import checks, forms

CODE = "vpf"

KIND_STEPS = {
    "conjoint_francais": Step("conjoint", _l("Votre mariage"), forms.ConjointForm),
    "parent_enfant_francais": Step("parent", _l("Votre enfant français"), forms.ParentForm),
    "regroupement_familial": Step("regroupement", _l("La personne rejointe"), forms.RegroupementForm),
    "liens_personnels": Step("liens", _l("Vos liens en France"), forms.LiensForm),
}
# Entered with a long-stay visa: the spouse of a French national, and family reunification.
WITH_VISA = {"conjoint_francais", "regroupement_familial"}
KIND_DOCUMENTS = {
    "conjoint_francais": [
        DocumentRequirement("acte_mariage", _l("Acte de mariage"),
                            _l("Français, ou étranger transcrit par le service central d'état civil, de moins de 3 mois."),
                            max_age_days=90),
        DocumentRequirement("nationalite_conjoint", _l("Preuve de la nationalité française du conjoint"),
                            _l("Sa carte nationale d'identité ou un certificat de nationalité française.")),
        DocumentRequirement("vie_commune", _l("Preuves de la vie commune"),
                            _l("Bail, factures ou avis d'imposition aux deux noms.")),
    ],
    "parent_enfant_francais": [
        DocumentRequirement("acte_naissance_enfant", _l("Acte de naissance de l'enfant"),
                            _l("Avec la filiation, de moins de 3 mois."), max_age_days=90),
        DocumentRequirement("nationalite_enfant", _l("Preuve de la nationalité française de l'enfant"),
                            _l("Sa carte nationale d'identité ou un certificat de nationalité française.")),
        DocumentRequirement("contribution_enfant", _l("Preuves de votre contribution à l'entretien et à l'éducation"),
                            _l("Virements, factures d'école ou de crèche, certificats médicaux, attestations.")),
    ],
    "regroupement_familial": [
        DocumentRequirement("titre_regroupant", _l("Carte de séjour de la personne rejointe"), _l("Recto et verso."),
                            identity=True),
        DocumentRequirement("lien_familial", _l("Acte de mariage ou de naissance"),
                            _l("Celui qui prouve votre lien avec la personne rejointe.")),
    ],
    "liens_personnels": [
        DocumentRequirement("preuves_presence", _l("Preuves de votre présence en France"),
                            _l("Au moins une par semestre : avis d'imposition, factures, attestations médicales, "
                               "bulletins de salaire.")),
        DocumentRequirement("preuves_liens", _l("Preuves de vos liens familiaux et de votre insertion"),
                            _l("Actes d'état civil, certificats de scolarité des enfants, attestations, diplômes de "
                               "français.")),
    ],
}


CHECKLIST = {
    "conjoint_francais": [_l("Le mariage est transcrit s'il a eu lieu à l'étranger, et n'est pas polygame."),
                          _l("La communauté de vie depuis le mariage et la nationalité française du conjoint sont "
                             "prouvées.")],
    "parent_enfant_francais": [_l("L'enfant est français, mineur et vit en France."),
                               _l("La contribution à l'entretien et à l'éducation depuis la naissance ou depuis 2 ans "
                                  "est prouvée (article 371-2 du code civil).")],
    "regroupement_familial": [_l("La personne rejointe détient une carte de séjour ou de résident en cours de "
                                 "validité ; le lien familial est prouvé.")],
    "liens_personnels": [_l("Un refus porterait une atteinte disproportionnée à la vie privée et familiale "
                            "(article 8 de la CEDH) : durée du séjour, famille en France, insertion, attaches dans le "
                            "pays d'origine.")],
}


class VpfPlugin(ProcedurePlugin):
    code = CODE
    rules = checks
    eligibility_form = forms.EligibilityForm

    def info(self):
        return ProcedureInfo(
            code=CODE,
            title=_l("Carte de séjour « vie privée et familiale »"),
            summary=_l("Conjoint ou parent d'enfant français, regroupement familial, liens personnels et familiaux en "
                       "France : première demande ou renouvellement."),
            filed_by="applicant",
            opens_on=dt.date(2022, 7, 1),  # 2022 Q3 in the seeds' calendar
            order=80,
            title_authorises_work=True,
        )

    def eligibility(self, answers):
        kind = answers.get("motif")
        if kind == "conjoint_europeen":
            return refer(_l("Les membres de la famille d'un citoyen européen demandent la carte prévue pour eux."),
                         "citoyen_ue")
        if kind not in KIND_STEPS:
            return refer(_l("La carte « vie privée et familiale » correspond aux situations proposées. Pour un autre "
                            "motif (santé, motif humanitaire, admission exceptionnelle…), choisissez la démarche qui "
                            "lui correspond."), "autres_sejour")
        if (answers.get("demande") == "premiere" and kind in WITH_VISA and answers.get("vls_ts_non_valide") == "oui"):
            return refer(_l("Avec un visa long séjour valant titre de séjour (VLS-TS), vous n'avez pas de carte à "
                            "demander la première année : validez ce visa en ligne dans les 3 mois qui suivent votre "
                            "arrivée, puis demandez le renouvellement avant la fin du visa."), "vlsts")
        return eligible(situation={"motif": kind, "demande": answers["demande"]})

    def steps(self, answers):
        kind, renewal = checks.motif(answers), checks.is_renewal(answers)
        steps = [Step("situation", _l("Votre demande"), forms.SituationForm),
                 Step("identite", _l("Identité"), kit_forms.IdentiteContactForm),
                 Step("passeport", _l("Passeport"), kit_forms.PasseportForm)]
        if renewal:
            steps.append(Step("titre", _l("Titre actuel"), forms.TitreForm))
        elif kind in WITH_VISA:
            steps.append(Step("entree", _l("Visa et entrée en France"), kit_forms.EntreeForm))
        steps.append(Step("adresse", _l("Adresse en France"), forms.AdresseForm))
        if kind in KIND_STEPS:
            steps.append(KIND_STEPS[kind])
        if renewal:
            # Only a one-year card leads to a first multi-year card, but the kind of card is known only from this step
            # on.
            steps.append(Step("integration", _l("Français et examen civique"), forms.IntegrationForm))
        steps.append(Step("timbre", _l("Timbre fiscal"), kit_forms.TimbreForm))
        return steps

    def documents(self, answers):
        kind, renewal = checks.motif(answers), checks.is_renewal(answers)
        docs = [kit_docs.passeport()]
        if renewal:
            docs.append(kit_docs.titre_sejour())
        elif kind in WITH_VISA:
            docs.append(kit_docs.visa())
        if not renewal:
            docs.append(kit_docs.acte_naissance())
        docs += kit_docs.housing(answers)
        docs += KIND_DOCUMENTS.get(kind, [])
        if renewal and checks.first_multi_year_card(answers):
            docs.append(DocumentRequirement("attestation_francais", _l("Diplôme ou attestation de niveau de français"),
                                            _l("Et l'attestation de réussite de l'examen civique, si vous l'avez."),
                                            mandatory=False))
        return docs

    def checklist(self, answers):
        items = [_l("L'identité déclarée correspond au passeport."), *CHECKLIST.get(checks.motif(answers), [])]
        if checks.first_multi_year_card(answers):
            items.append(_l("Pour une carte pluriannuelle : niveau A2 en français et examen civique réussi (sauf "
                            "dispense ou ressortissant algérien)."))
        items += [_l("Le justificatif de domicile a moins de 3 mois et correspond à l'adresse déclarée."),
                  _l("Le timbre fiscal est valide, du bon montant et n'a pas déjà été utilisé.")]
        return items

    def decisions(self, answers: dict) -> dict:
        if checks.is_renewal(answers):
            card = DecisionDocument("carte_vpf", _l("Carte de séjour pluriannuelle « vie privée et familiale »"),
                                    "decision_favorable", _l("4 ans au plus"),
                                    _l("Ou une carte d'un an quand les conditions d'une carte pluriannuelle ne sont "
                                       "pas remplies."))
        else:
            card = DecisionDocument("carte_vpf", _l("Carte de séjour temporaire « vie privée et familiale »"),
                                    "decision_favorable", _l("1 an"), _l("Elle permet de travailler."))
        return {"accepte": [card], "refuse": [REFUSAL]}

    def agent_panels(self, dossier):
        answers = dossier.answers or {}
        kind = checks.motif(answers)
        rows = [(_l("Situation"), forms.MOTIF_NAMES.get(kind, "")),
                (_l("Type de demande"), _l("Renouvellement") if checks.is_renewal(answers) else _l("Première demande"))]
        if kind == "conjoint_francais":
            rows.append((_l("Date du mariage"), date_text(checks.kit.answer_date(answers, "conjoint", "date_mariage"))))
        if kind == "parent_enfant_francais":
            rows.append((_l("Naissance de l'enfant"),
                         date_text(checks.kit.answer_date(answers, "parent", "enfant_naissance"))))
        if kind == "liens_personnels":
            rows.append((_l("Arrivée en France"), date_text(checks.kit.answer_date(answers, "liens", "date_arrivee"))))
        return [summary_panel(_l("Synthèse « vie privée et familiale »"), rows, self.decisions(answers))]


plugin = VpfPlugin()
