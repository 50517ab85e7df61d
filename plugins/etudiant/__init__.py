"""The student residence permit (carte de séjour « étudiant »): first card and renewal."""
from __future__ import annotations

import datetime as dt

from flask_babel import lazy_gettext as _l

from anef.procedure_kit.plugin import ProcedurePlugin
from anef.procedures import DocumentRequirement, Eligibility, Panel, ProcedureInfo, Step
from anef.procedure_kit import documents as kit_docs
from anef.procedure_kit.decisions import REFUSAL, DecisionDocument
from plugins.etudiant import checks, forms

CODE = "etudiant"


class EtudiantPlugin(ProcedurePlugin):
    code = CODE
    rules = checks
    eligibility_form = forms.EligibilityForm

    def info(self):
        return ProcedureInfo(
            code=CODE,
            title=_l("Carte de séjour « étudiant »"),
            summary=_l("Première demande ou renouvellement, pour suivre des études supérieures en France."),
            filed_by="applicant",
            opens_on=dt.date(2020, 9, 17),
            order=20,
            # A student card lets its holder work 964 hours a year (DOMAIN §2).
            title_authorises_work=True,
        )

    def eligibility(self, answers):
        if answers.get("inscrit") != "oui":
            return Eligibility(False, _l("La carte « étudiant » est réservée aux personnes inscrites ou admises dans "
                                         "un établissement d'enseignement supérieur en France. Si vous venez pour une "
                                         "autre raison, choisissez la démarche qui correspond à votre situation."))
        if answers.get("demande") == "premiere" and answers.get("vls_ts_non_valide") == "oui":
            return Eligibility(False, _l("Avec un visa long séjour valant titre de séjour (VLS-TS), vous n'avez pas de "
                                         "carte à demander la première année : vous devez valider ce visa en ligne "
                                         "dans les 3 mois qui suivent votre arrivée. Vous demanderez le renouvellement "
                                         "avant la fin du visa."),
                               suggested_procedure="vlsts")
        return Eligibility(True, initial_answers={"situation": {"demande": answers["demande"]}})

    def steps(self, answers):
        renewal = checks.is_renewal(answers)
        steps = [
            Step("situation", _l("Votre demande"), forms.SituationForm),
            Step("identite", _l("Identité"), forms.IdentiteForm),
            Step("passeport", _l("Passeport"), forms.PasseportForm),
            Step("titre", _l("Titre actuel"), forms.TitreForm) if renewal
            else Step("entree", _l("Visa et entrée en France"), forms.EntreeForm),
            Step("adresse", _l("Adresse en France"), forms.AdresseForm),
            Step("etudes", _l("Études"), forms.EtudesForm),
        ]
        if renewal:
            steps.append(Step("parcours", _l("Parcours depuis le dernier titre"), forms.ParcoursForm))
        steps += [
            Step("ressources", _l("Ressources"), forms.RessourcesForm),
            Step("timbre", _l("Timbre fiscal"), forms.TimbreForm),
        ]
        return steps

    def documents(self, answers):
        renewal = checks.is_renewal(answers)
        docs = [kit_docs.passeport(), kit_docs.titre_sejour() if renewal else kit_docs.visa(),
                *kit_docs.housing(answers)]
        docs.append(DocumentRequirement("inscription", _l("Certificat d'inscription définitive"),
                                        _l("Pour l'année en cours. Une carte d'étudiant seule ne suffit pas.")))
        if renewal:
            docs.append(DocumentRequirement("releves_notes", _l("Relevés de notes et diplômes"),
                                            _l("Tous ceux obtenus depuis votre arrivée en France.")))
            if answers.get("etudes", {}).get("niveau") == "doctorat":
                docs.append(DocumentRequirement("attestation_these", _l("Attestation du directeur de thèse")))
        docs.append(kit_docs.ressources(_l("Attestation de bourse, relevés bancaires, 3 derniers bulletins de salaire "
                                           "avec le contrat, ou engagement de prise en charge d'un garant avec ses "
                                           "justificatifs.")))
        return docs

    def checklist(self, answers):
        items = [
            _l("L'identité déclarée correspond au passeport."),
            _l("Le certificat d'inscription est définitif et porte sur l'année en cours."),
            _l("Les ressources justifiées couvrent le minimum mensuel sur l'année."),
            _l("Le justificatif de domicile a moins de 3 mois et correspond à l'adresse déclarée."),
            _l("Le timbre fiscal est valide, du bon montant et n'a pas déjà été utilisé."),
        ]
        if checks.is_renewal(answers):
            items.append(_l("Les relevés de notes montrent des études réelles et sérieuses (un redoublement par cycle "
                            "est toléré)."))
        return items

    def agent_panels(self, dossier):
        answers = dossier.answers or {}
        filed_on = dossier.filed_at.date() if dossier.filed_at else dt.date.today()
        return [Panel(title=_l("Synthèse « étudiant »"), template="etudiant/_agent_summary.html", priority=10,
                      context={"renewal": checks.is_renewal(answers), "etudes": answers.get("etudes", {}),
                               "ressources": answers.get("ressources", {}),
                               "threshold": checks.resources_threshold(filed_on)})]

    def decisions(self, answers):
        card = DecisionDocument("carte_etudiant", _l("Carte de séjour temporaire « étudiant »"), "decision_favorable",
                                _l("pluriannuelle jusqu'à la fin du cycle d'études") if checks.is_renewal(answers)
                                else _l("1 an au plus"))
        return {"accepte": [card], "refuse": [REFUSAL]}


plugin = EtudiantPlugin()
