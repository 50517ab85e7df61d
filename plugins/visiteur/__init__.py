"""The visitor card (carte de séjour « visiteur »): living in France on one's own resources, without working."""
from __future__ import annotations

import datetime as dt

from flask_babel import lazy_gettext as _l

from anef.i18n import Euros
from anef.procedure_kit import documents as kit_docs
from anef.procedure_kit import eligible, refer
from anef.procedure_kit import forms as kit_forms
from anef.procedure_kit.decisions import REFUSAL, DecisionDocument, date_text, summary_panel
from anef.procedure_kit.plugin import ProcedurePlugin
from anef.procedures import DocumentRequirement, ProcedureInfo, Step
from plugins.visiteur import checks, forms

CODE = "visiteur"


class VisiteurPlugin(ProcedurePlugin):
    code = CODE
    rules = checks
    eligibility_form = forms.EligibilityForm
    DECISIONS = {
        "accepte": [DecisionDocument("carte_visiteur",
                                     _l("Carte de séjour temporaire « visiteur »"), "decision_favorable",
                                     _l("1 an"), _l("Elle n'autorise pas à travailler."))],
        "refuse": [REFUSAL],
    }

    def info(self):
        return ProcedureInfo(
            code=CODE,
            title=_l("Carte de séjour « visiteur »"),
            summary=_l("Première demande ou renouvellement, pour vivre en France de vos propres ressources, sans y "
                       "travailler."),
            filed_by="applicant",
            opens_on=dt.date(2021, 9, 13),
            order=40,
            title_authorises_work=False,
        )

    def eligibility(self, answers):
        motif = answers.get("motif")
        if motif == "etudes":
            return refer(_l("Pour des études supérieures, demandez la carte « étudiant »."), "etudiant")
        if motif == "travail":
            return refer(_l("La carte « visiteur » ne permet pas de travailler. Pour un emploi qualifié, une recherche "
                            "ou un projet d'entreprise, demandez une carte « talent » ; pour un autre emploi salarié, "
                            "votre employeur demande d'abord une autorisation de travail."), "passeport_talent")
        if motif == "famille":
            return refer(_l("Pour vivre auprès de votre famille, demandez la carte « vie privée et familiale »."),
                         "vpf")
        if motif != "visite":
            return refer(_l("La carte « visiteur » est réservée aux personnes qui vivent en France de leurs propres "
                            "ressources sans y travailler. Choisissez la démarche qui correspond à votre situation : "
                            "les autres motifs de séjour ont leur propre démarche."), "autres_sejour")
        if answers.get("demande") == "premiere" and answers.get("vls_ts_non_valide") == "oui":
            return refer(_l("Avec un visa long séjour « visiteur » valant titre de séjour (VLS-TS), vous n'avez pas de "
                            "carte à demander la première année : validez ce visa en ligne dans les 3 mois qui suivent "
                            "votre arrivée, puis demandez le renouvellement avant la fin du visa."), "vlsts")
        return eligible(situation={"demande": answers["demande"]})

    def steps(self, answers):
        renewal = checks.is_renewal(answers)
        return [
            Step("situation", _l("Votre demande"), forms.SituationForm),
            Step("identite", _l("Identité"), kit_forms.IdentiteContactForm),
            Step("passeport", _l("Passeport"), kit_forms.PasseportForm),
            Step("titre", _l("Titre actuel"), forms.TitreForm) if renewal
            else Step("entree", _l("Visa et entrée en France"), kit_forms.EntreeForm),
            Step("adresse", _l("Adresse en France"), forms.AdresseForm),
            Step("ressources", _l("Ressources"), forms.RessourcesForm),
            Step("assurance", _l("Assurance maladie"), forms.AssuranceForm),
            Step("engagements", _l("Situation et engagement"), forms.EngagementsForm),
            Step("timbre", _l("Timbre fiscal"), kit_forms.TimbreForm),
        ]

    def documents(self, answers):
        renewal = checks.is_renewal(answers)
        docs = [kit_docs.passeport(), kit_docs.titre_sejour() if renewal else kit_docs.visa(),
                kit_docs.acte_naissance(),
                *kit_docs.housing(answers),
                kit_docs.ressources(_l("Relevés bancaires des 3 derniers mois, attestations de pension ou de revenus "
                                       "du patrimoine, ou engagement de prise en charge d'un proche avec ses "
                                       "justificatifs.")),
                kit_docs.assurance_maladie(),
                DocumentRequirement("engagement_sans_activite", _l("Engagement de ne pas travailler"),
                                    _l("Écrit à la main, daté et signé : vous vous engagez à n'exercer aucune activité "
                                       "professionnelle en France."))]
        if (answers.get("engagements") or {}).get("situation_familiale") == "marie":
            docs.append(DocumentRequirement("declaration_non_polygamie",
                                            _l("Déclaration sur l'honneur de non-polygamie"),
                                            _l("Datée et signée.")))
        return docs

    def checklist(self, answers):
        items = [
            _l("L'identité déclarée correspond au passeport."),
            _l("Les ressources sont stables, personnelles et atteignent le SMIC net annuel (hors AAH et ASPA), ou un "
               "montant moindre justifié par un logement sans loyer."),
            _l("L'assurance maladie couvre toute la durée de la carte."),
            _l("L'engagement manuscrit de n'exercer aucune activité professionnelle est joint et signé."),
            _l("Le justificatif de domicile a moins de 3 mois et correspond à l'adresse déclarée."),
            _l("Le timbre fiscal est valide, du bon montant et n'a pas déjà été utilisé."),
        ]
        if (answers.get("engagements") or {}).get("situation_familiale") == "marie":
            items.append(_l("La déclaration de non-polygamie est jointe."))
        return items

    def agent_panels(self, dossier):
        answers = dossier.answers or {}
        filed_on = dossier.filed_at.date() if dossier.filed_at else dt.date.today()
        threshold = checks.resources_threshold(filed_on)
        declared = checks.kit.answer_int(answers, "ressources", "montant_annuel")
        rows = [
            (_l("Type de demande"), _l("Renouvellement") if checks.is_renewal(answers) else _l("Première demande")),
            (_l("Ressources annuelles déclarées"), str(Euros(declared)) if declared is not None else ""),
            (_l("Minimum (SMIC net annuel)"), str(Euros(threshold.amount)) if threshold else ""),
            (_l("Fin de l'assurance maladie"),
             date_text(checks.kit.answer_date(answers, "assurance", "couverture_fin"))),
        ]
        return [summary_panel(_l("Synthèse « visiteur »"), rows, self.DECISIONS)]


plugin = VisiteurPlugin()
