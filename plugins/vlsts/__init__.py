"""Validation of a long-stay visa « valant titre de séjour » (VLS-TS): granted at once when every check passes."""
from __future__ import annotations

import datetime as dt

from flask_babel import lazy_gettext as _l

from anef.procedure_kit import documents as kit_docs
from anef.procedure_kit import eligible, refer
from anef.procedure_kit import forms as kit_forms
from anef.procedure_kit.decisions import REFUSAL, DecisionDocument, date_text, summary_panel
from anef.procedure_kit.plugin import ProcedurePlugin
from anef.procedures import ProcedureInfo, Step
from plugins.vlsts import checks, forms

CODE = "vlsts"


class VlstsPlugin(ProcedurePlugin):
    code = CODE
    rules = checks
    eligibility_form = forms.EligibilityForm
    DECISIONS = {
        "accepte": [DecisionDocument("attestation_validation", _l("Attestation de validation du visa long séjour"),
                                     "decision_favorable", _l("jusqu'à la fin du visa"),
                                     _l("Avec le visa, elle vaut titre de séjour. Le renouvellement se demande avant "
                                        "la fin du visa."))],
        "refuse": [REFUSAL],
    }

    def info(self):
        return ProcedureInfo(
            code=CODE,
            title=_l("Validation du visa long séjour valant titre de séjour (VLS-TS)"),
            summary=_l("Dans les 3 mois qui suivent votre arrivée, validez votre visa en ligne : quand toutes les "
                       "vérifications sont concluantes, l'attestation de validation est délivrée aussitôt."),
            filed_by="applicant",
            opens_on=dt.date(2019, 2, 19),
            order=10,
            # The rights to work depend on the visa's purpose (a visitor may not work): the attestation does not grant
            # it.
            title_authorises_work=False,
            issues_card=False,
            after_acceptance=_l("Votre visa est validé : avec l'attestation de validation, il vaut titre de séjour "
                                "jusqu'à sa date de fin. Aucune carte n'est à retirer."),
        )

    def eligibility(self, answers):
        if answers.get("mention") != "oui":
            return refer(_l("Seul un visa long séjour valant titre de séjour (VLS-TS) se valide en ligne. Avec un visa "
                            "de long séjour temporaire (VLS-T) ou un visa de court séjour, vous n'avez rien à "
                            "valider ; pour rester au-delà de sa durée, demandez la carte de séjour qui correspond à "
                            "votre situation."))
        if answers.get("algerien") == "oui":
            return refer(_l("Les ressortissants algériens relèvent de l'accord franco-algérien de 1968 : leur visa ne "
                            "se valide pas en ligne. Demandez un certificat de résidence à la préfecture de votre "
                            "domicile."))
        return eligible(visa={"motif": answers["motif"]})

    def steps(self, answers):
        return [
            Step("visa", _l("Visa et entrée en France"), forms.VisaForm),
            Step("identite", _l("Identité"), kit_forms.IdentiteContactForm),
            Step("famille", _l("Situation familiale"), kit_forms.FamilleForm),
            Step("passeport", _l("Passeport"), kit_forms.PasseportForm),
            Step("adresse", _l("Adresse en France"), forms.AdresseForm),
            Step("timbre", _l("Paiement de la taxe"), kit_forms.TimbreForm),
        ]

    def documents(self, answers):
        return [kit_docs.visa("visa", "visa_fin"), kit_docs.passeport()]

    def accepts_at_once(self, answers, checks):
        return self.rules.decides_automatically(checks)

    def checklist(self, answers):
        return [
            _l("Le visa est authentique, délivré par la France et porte la mention « VLS-TS »."),
            _l("La date d'entrée correspond au tampon apposé sur le passeport."),
            _l("Une validation hors délai ou un visa expiré : la situation de séjour est examinée (droit de visa de "
               "régularisation)."),
            _l("Le timbre fiscal est valide, du bon montant et n'a pas déjà été utilisé."),
        ]

    def agent_panels(self, dossier):
        answers = dossier.answers or {}
        visa = answers.get("visa") or {}
        rows = [
            (_l("Motif du visa"), dict(forms.MOTIFS).get(visa.get("motif"), "")),
            (_l("Numéro du visa"), visa.get("visa_numero", "")),
            (_l("Entrée en France"), date_text(checks.kit.answer_date(answers, "visa", "date_entree"))),
            (_l("Fin du visa"), date_text(checks.kit.answer_date(answers, "visa", "visa_fin"))),
        ]
        return [summary_panel(_l("Synthèse « VLS-TS »"), rows, self.DECISIONS)]


plugin = VlstsPlugin()
