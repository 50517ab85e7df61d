"""Other residence cards: intern, foreign national in need of care, victim of trafficking, exceptional admission."""
from __future__ import annotations

import datetime as dt

from flask_babel import lazy_gettext as _l

from anef.procedure_kit import documents as kit_docs
from anef.procedure_kit import eligible, refer
from anef.procedure_kit import forms as kit_forms
from anef.procedure_kit.decisions import REFUSAL, DecisionDocument, summary_panel
from anef.procedure_kit.plugin import ProcedurePlugin
from anef.procedures import DocumentRequirement, ProcedureInfo, Step
from plugins.autres_sejour import checks, forms

CODE = "autres_sejour"

KIND_STEPS = {
    "stagiaire": Step("stage", _l("Votre stage"), forms.StageForm),
    "etranger_malade": Step("soins", _l("Séjour et soins"), forms.SoinsForm),
    "victime_traite": Step("plainte", _l("Plainte ou témoignage"), forms.PlainteForm),
    "admission_exceptionnelle": Step("presence", _l("Présence en France"), forms.PresenceForm),
}
KIND_DOCUMENTS = {
    "stagiaire": [DocumentRequirement("convention_stage", _l("Convention de stage"),
                                      _l("Signée par vous, l'organisme d'accueil et l'établissement d'enseignement.")),
                  kit_docs.ressources()],
    "etranger_malade": [DocumentRequirement("preuves_presence", _l("Preuves de votre présence en France"),
                                            _l("Factures, attestations, ordonnances depuis votre arrivée."),
                                            mandatory=False)],
    "victime_traite": [DocumentRequirement("recepisse_plainte", _l("Récépissé de la plainte ou preuve du témoignage"),
                                           _l("Remis par le service qui l'a reçue."))],
    "admission_exceptionnelle": [
        DocumentRequirement("preuves_presence", _l("Preuves de votre présence en France"),
                            _l("Au moins une par semestre : avis d'imposition, factures, attestations médicales, "
                               "bulletins de salaire.")),
    ],
}
WORK_DOCUMENTS = [kit_docs.contrat_travail(), kit_docs.bulletins_salaire()]
DECISIONS = {
    "stagiaire": DecisionDocument("carte_stagiaire", _l("Carte de séjour temporaire « stagiaire »"),
                                  "decision_favorable", _l("la durée du stage, 1 an au plus")),
    "etranger_malade": DecisionDocument("carte_vpf_soins", _l("Carte de séjour temporaire « vie privée et familiale »"
                                                              " (soins)"), "decision_favorable", _l("1 an"),
                                        _l("Après l'avis du collège de médecins de l'OFII.")),
    "victime_traite": DecisionDocument("carte_vpf_victime", _l("Carte de séjour temporaire « vie privée et "
                                                               "familiale »"), "decision_favorable", _l("1 an"),
                                       _l("Délivrée sans taxe ni droit de timbre.")),
    "admission_exceptionnelle": DecisionDocument("carte_admission_exceptionnelle",
                                                 _l("Carte de séjour temporaire « salarié » ou « vie privée et "
                                                    "familiale »"), "decision_favorable", _l("1 an"),
                                                 _l("Selon le fondement retenu.")),
}


CHECKLIST = {
    "stagiaire": [_l("La convention de stage est signée par les trois parties ; les ressources couvrent le séjour.")],
    "etranger_malade": [_l("L'avis du collège de médecins de l'OFII est reçu : le défaut de soins aurait des "
                           "conséquences d'une exceptionnelle gravité et le traitement n'est pas accessible dans le "
                           "pays d'origine.")],
    "victime_traite": [_l("La plainte ou le témoignage visant les auteurs est établi ; la personne a rompu tout lien "
                          "avec eux.")],
    "admission_exceptionnelle": [_l("Les considérations humanitaires ou les motifs exceptionnels sont appréciés : "
                                    "ancienneté de présence, insertion, emploi ; pour un métier en tension, 3 ans de "
                                    "présence et le métier sur la liste de la région.")],
}


class AutresSejourPlugin(ProcedurePlugin):
    code = CODE
    rules = checks
    eligibility_form = forms.EligibilityForm

    def info(self):
        return ProcedureInfo(
            code=CODE,
            title=_l("Autres cartes de séjour"),
            summary=_l("Stagiaire, soins en France, victime de traite ou de proxénétisme, admission exceptionnelle au "
                       "séjour."),
            filed_by="applicant",
            opens_on=dt.date(2022, 10, 1),  # 2022 Q4 in the seeds' calendar
            order=110,
            title_authorises_work=True,
        )

    def eligibility(self, answers):
        if answers.get("motif") not in KIND_STEPS:
            return refer(_l("Aucune des cartes de cette démarche ne correspond. Les études, le travail qualifié, la "
                            "famille, la protection internationale et les citoyens européens ont chacun leur "
                            "démarche : revenez à la liste des démarches pour choisir la vôtre."))
        return eligible(situation={"motif": answers["motif"], "demande": answers["demande"]})

    def steps(self, answers):
        kind, renewal = checks.motif(answers), checks.is_renewal(answers)
        steps = [Step("situation", _l("Votre demande"), forms.SituationForm),
                 Step("identite", _l("Identité"), kit_forms.IdentiteContactForm),
                 Step("passeport", _l("Passeport"), kit_forms.PasseportForm)]
        if renewal:
            steps.append(Step("titre", _l("Titre actuel"), forms.TitreForm))
        elif kind == "stagiaire":
            steps.append(Step("entree", _l("Visa et entrée en France"), kit_forms.EntreeForm))
        steps.append(Step("adresse", _l("Adresse en France"), forms.AdresseForm))
        if kind in KIND_STEPS:
            steps.append(KIND_STEPS[kind])
        if not checks.is_free(answers):
            steps.append(Step("timbre", _l("Timbre fiscal"), kit_forms.TimbreForm))
        return steps

    def documents(self, answers):
        kind, renewal = checks.motif(answers), checks.is_renewal(answers)
        docs = [kit_docs.passeport()]
        if renewal:
            docs.append(kit_docs.titre_sejour())
        elif kind == "stagiaire":
            docs.append(kit_docs.visa())
        if not renewal:
            docs.append(kit_docs.acte_naissance())
        docs += kit_docs.housing(answers)
        docs += KIND_DOCUMENTS.get(kind, [])
        if kind == "admission_exceptionnelle" and checks.kit.value(answers, "presence", "voie") in (
                "metiers_en_tension", "salarie"):
            docs += WORK_DOCUMENTS
        return docs

    def checklist(self, answers):
        items = [_l("L'identité déclarée correspond au passeport."), *CHECKLIST.get(checks.motif(answers), []),
                 _l("Le justificatif de domicile a moins de 3 mois et correspond à l'adresse déclarée.")]
        if not checks.is_free(answers):
            items.append(_l("Le timbre fiscal est valide, du bon montant et n'a pas déjà été utilisé."))
        return items

    def decisions(self, answers: dict) -> dict:
        card = DECISIONS.get(checks.motif(answers))
        return {"accepte": [card] if card else [], "refuse": [REFUSAL]}

    def agent_panels(self, dossier):
        answers = dossier.answers or {}
        rows = [(_l("Motif"), forms.KIND_NAMES.get(checks.motif(answers), "")),
                (_l("Type de demande"), _l("Renouvellement") if checks.is_renewal(answers) else _l("Première demande")),
                (_l("Voie"), dict(forms.VOIES).get(checks.kit.value(answers, "presence", "voie"), ""))]
        return [summary_panel(_l("Synthèse « autres cartes de séjour »"), rows, self.decisions(answers))]


plugin = AutresSejourPlugin()
