"""Cards of beneficiaries of international protection (BPI): réfugiés, protection subsidiaire, apatrides."""
from __future__ import annotations

import datetime as dt

from flask_babel import lazy_gettext as _l

from anef.procedure_kit import documents as kit_docs
from anef.procedure_kit import eligible, refer
from anef.procedure_kit import forms as kit_forms
from anef.procedure_kit.decisions import REFUSAL, DecisionDocument, date_text, summary_panel
from anef.procedure_kit.plugin import ProcedurePlugin
from anef.procedures import DocumentRequirement, ProcedureInfo, Step
from plugins.bpi import checks, forms

CODE = "bpi"

CARDS = {
    "refugie": DecisionDocument("carte_resident_refugie", _l("Carte de résident « réfugié »"), "decision_favorable",
                                _l("10 ans")),
    "protection_subsidiaire": DecisionDocument("csp_protection_subsidiaire",
                                               _l("Carte de séjour pluriannuelle « bénéficiaire de la protection "
                                                  "subsidiaire »"), "decision_favorable", _l("4 ans")),
    "apatride": DecisionDocument("csp_apatride", _l("Carte de séjour pluriannuelle « apatride »"),
                                 "decision_favorable", _l("4 ans")),
}


class BpiPlugin(ProcedurePlugin):
    code = CODE
    rules = checks
    eligibility_form = forms.EligibilityForm

    def info(self):
        return ProcedureInfo(
            code=CODE,
            title=_l("Carte de séjour des bénéficiaires d'une protection internationale"),
            summary=_l("Réfugiés, bénéficiaires de la protection subsidiaire et apatrides : la carte après la décision "
                       "de l'OFPRA ou de la CNDA, et son renouvellement."),
            filed_by="applicant",
            opens_on=dt.date(2022, 4, 1),  # 2022 Q2 in the seeds' calendar
            order=60,
            title_authorises_work=True,
        )

    def eligibility(self, answers):
        if answers.get("statut") == "demandeur_asile":
            return refer(_l("Pendant l'examen de votre demande d'asile, votre droit au séjour est prouvé par "
                            "l'attestation de demande d'asile remise au guichet unique. Cette démarche s'ouvre quand "
                            "l'OFPRA ou la CNDA vous a accordé une protection."))
        if answers.get("statut") not in checks.STATUTS:
            return refer(_l("Cette démarche est réservée aux réfugiés, aux bénéficiaires de la protection subsidiaire "
                            "et aux apatrides reconnus par l'OFPRA ou la CNDA."), "autres_sejour")
        return eligible(situation={"statut": answers["statut"], "demande": answers["demande"]})

    def steps(self, answers):
        steps = [Step("situation", _l("Votre demande"), forms.SituationForm),
                 Step("identite", _l("Identité"), forms.IdentiteForm),
                 Step("protection", _l("Décision de protection"), forms.ProtectionForm)]
        if checks.is_renewal(answers):
            steps.append(Step("titre", _l("Titre actuel"), forms.TitreForm))
        steps += [Step("adresse", _l("Adresse en France"), forms.AdresseForm),
                  Step("famille", _l("Situation familiale"), kit_forms.FamilleForm),
                  Step("timbre", _l("Timbre fiscal"), kit_forms.TimbreForm)]
        return steps

    def documents(self, answers):
        docs = [DocumentRequirement("decision_protection", _l("Décision de l'OFPRA ou de la CNDA"),
                                    _l("La décision qui vous accorde la protection."))]
        if checks.is_renewal(answers):
            docs.append(kit_docs.titre_sejour())
        else:
            docs.append(DocumentRequirement("etat_civil_ofpra", _l("Documents d'état civil établis par l'OFPRA"),
                                            _l("Si vous les avez déjà reçus : ils remplacent les actes de votre pays."),
                                            mandatory=False))
        docs += kit_docs.housing(answers)
        return docs

    def checklist(self, answers):
        return [_l("La protection est confirmée par l'OFPRA (statut, date, numéro de dossier)."),
                _l("L'identité est celle des documents d'état civil établis par l'OFPRA, quand ils existent."),
                _l("Le justificatif de domicile (ou d'hébergement) correspond à l'adresse déclarée."),
                _l("Le timbre fiscal est valide, du bon montant et n'a pas déjà été utilisé.")]

    def decisions(self, answers: dict) -> dict:
        card = CARDS.get(checks.statut(answers))
        return {"accepte": [card] if card else [], "refuse": [REFUSAL]}

    def agent_panels(self, dossier):
        answers = dossier.answers or {}
        protection = answers.get("protection") or {}
        rows = [(_l("Protection"), dict(forms.STATUTS).get(checks.statut(answers), "")),
                (_l("Autorité"), (protection.get("autorite") or "").upper()),
                (_l("Date de la décision"), date_text(checks.kit.answer_date(answers, "protection", "date_decision"))),
                (_l("Numéro de dossier OFPRA"), protection.get("numero_ofpra", ""))]
        return [summary_panel(_l("Synthèse « protection internationale »"), rows, self.decisions(answers))]


plugin = BpiPlugin()
