"""Professional immigration: the employee's own card — « salarié », « travailleur temporaire », « travailleur
saisonnier » (each linked to the work authorisation the employer obtained, whose number fills the request) and
« salarié détaché ICT » (an intra-company transfer, without work authorisation)."""
from __future__ import annotations

import datetime as dt

from flask_babel import lazy_gettext as _l

from anef.i18n import Euros
from anef.procedure_kit import checks as kit
from anef.procedure_kit import documents as kit_docs
from anef.procedure_kit import eligible, refer
from anef.procedure_kit import forms as kit_forms
from anef.procedure_kit import work_authorisation as wa
from anef.procedure_kit.decisions import REFUSAL, DecisionDocument, summary_panel
from anef.procedure_kit.plugin import ProcedurePlugin
from anef.procedures import DocumentRequirement, Panel, ProcedureInfo, Step
from plugins.immigration_pro import checks, forms

CODE = "immigration_pro"


def _job_form(answers: dict):
    return forms.IctForm if checks.kind(answers) == forms.ICT else forms.EmploiAutoriseForm


CARDS = {
    wa.SALARIE: (_l("Carte de séjour temporaire « salarié »"), _l("1 an, renouvelable")),
    wa.TRAVAILLEUR_TEMPORAIRE: (_l("Carte de séjour temporaire « travailleur temporaire »"),
                                _l("la durée du contrat, 1 an au plus")),
    wa.SAISONNIER: (_l("Carte de séjour pluriannuelle « travailleur saisonnier »"),
                    _l("3 ans au plus, pour 6 mois de séjour par an au plus")),
    forms.ICT: (_l("Carte de séjour pluriannuelle « salarié détaché ICT »"), _l("la durée de la mission, 3 ans au plus")),
}


class ImmigrationProPlugin(ProcedurePlugin):
    code = CODE
    rules = checks
    eligibility_form = forms.EligibilityForm

    def info(self):
        return ProcedureInfo(
            code=CODE,
            title=_l("Carte de séjour pour travailler : salarié, travailleur temporaire, saisonnier ou détaché ICT"),
            summary=_l("Première demande, changement de statut ou renouvellement. L'autorisation de travail obtenue "
                       "par votre employeur remplit votre demande : vous n'indiquez que son numéro."),
            filed_by="applicant",
            opens_on=dt.date(2022, 10, 1),  # 2022 Q4 in the seeds' calendar
            order=140,
            title_authorises_work=True,
        )

    def eligibility(self, answers):
        card = answers.get("categorie")
        if card not in forms.KIND_NAMES:
            return refer(_l("Aucune de ces cartes ne correspond à votre situation. Un emploi hautement qualifié relève "
                            "de la carte « talent » ; pour un autre motif de séjour, choisissez la démarche qui lui "
                            "correspond."), "passeport_talent")
        if card in checks.LINKED_CARDS and answers.get("autorisation_accordee") != "oui":
            return refer(_l("Cette carte demande d'abord une autorisation de travail : c'est votre employeur qui la "
                            "demande, depuis son espace employeur. Une fois accordée, il vous en remet le numéro, et "
                            "vous revenez faire cette démarche : elle se remplira avec votre emploi."))
        if answers.get("demande") == forms.PREMIERE and answers.get("vls_ts_non_valide") == "oui":
            return refer(_l("Avec un visa long séjour valant titre de séjour (VLS-TS), vous n'avez pas de carte à "
                            "demander la première année : validez ce visa en ligne dans les 3 mois qui suivent votre "
                            "arrivée, puis demandez le renouvellement avant la fin du visa."), "vlsts")
        return eligible(situation={"categorie": card, "demande": answers["demande"]})

    def steps(self, answers):
        card = checks.kind(answers)
        steps = [Step("situation", _l("Votre demande"), forms.SituationForm)]
        if card in checks.LINKED_CARDS:
            steps.append(Step("autorisation", _l("Autorisation de travail"), forms.LINK_FORMS[card]))
        steps += [
            Step("identite", _l("Identité"), kit_forms.IdentiteContactForm),
            Step("passeport", _l("Passeport"), kit_forms.PasseportForm),
            Step("titre", _l("Titre actuel"), forms.TitreForm) if checks.holds_a_title(answers)
            else Step("entree", _l("Visa et entrée en France"), kit_forms.EntreeForm),
            Step("adresse", _l("Adresse en France"), forms.AdresseForm),
            Step("emploi", _l("Mission en France") if card == forms.ICT else _l("Votre emploi"), _job_form(answers)),
        ]
        if card == wa.SAISONNIER:
            steps.append(Step("saison", _l("Résidence hors de France"), forms.SaisonForm))
        steps.append(Step("timbre", _l("Timbre fiscal"), kit_forms.TimbreForm))
        return steps

    def prefill(self, dossier, step):
        """Once the authorisation's number and SIRET are given, its job fills « Votre emploi » (put back after each
        save: it is not typed), and the identity and passport where the person left them empty."""
        if not checks.needs_authorisation(dossier.answers or {}):
            return None
        return wa.prefill(dossier.answers or {}, forms.EmploiAutoriseForm, identity_form=kit_forms.IdentiteContactForm,
                          passport_form=kit_forms.PasseportForm)

    def documents(self, answers):
        card = checks.kind(answers)
        docs = [kit_docs.passeport(), kit_docs.titre_sejour() if checks.holds_a_title(answers) else kit_docs.visa()]
        if not checks.is_renewal(answers):
            docs.append(kit_docs.acte_naissance())
        docs += kit_docs.housing(answers)
        if card == forms.ICT:
            docs += [DocumentRequirement("lettre_detachement",
                                         _l("Lettre de détachement ou contrat avec l'entreprise d'accueil"),
                                         _l("Elle indique le poste, la durée de la mission et la rémunération.")),
                     DocumentRequirement("attestation_groupe", _l("Attestation de l'employeur"),
                                         _l("Elle indique l'appartenance au groupe et votre ancienneté."))]
        else:
            # The authorisation itself is never asked: its number links it. The contract it allows is signed now.
            docs.append(kit_docs.contrat_travail())
        if card == wa.SAISONNIER:
            docs.append(DocumentRequirement("residence_hors_france", _l("Justificatif de résidence hors de France"),
                                            _l("Par exemple un justificatif de domicile dans votre pays.")))
        if checks.is_renewal(answers):
            docs.append(kit_docs.bulletins_salaire())
        return docs

    def checklist(self, answers):
        card = checks.kind(answers)
        items = [_l("L'identité déclarée correspond au passeport.")]
        if card in checks.LINKED_CARDS:
            items += [_l("L'autorisation de travail liée concerne bien cette personne (identité, passeport)."),
                      _l("Le contrat de travail signé correspond à l'emploi autorisé (employeur, poste, salaire, "
                         "durée).")]
        if card == wa.SAISONNIER:
            items.append(_l("La résidence habituelle hors de France est prouvée."))
        if card == forms.ICT:
            items.append(_l("L'appartenance au groupe, l'ancienneté et la durée de la mission sont prouvées."))
        items += [_l("Le justificatif de domicile a moins de 3 mois et correspond à l'adresse déclarée."),
                  _l("Le timbre fiscal est valide, du bon montant et n'a pas déjà été utilisé.")]
        return items

    def decisions(self, answers: dict) -> dict:
        title, validity = CARDS.get(checks.kind(answers), (_l("Carte de séjour"), ""))
        return {"accepte": [DecisionDocument("carte_immigration_pro", title, "decision_favorable", validity,
                                             _l("Elle autorise à travailler dans l'emploi pour lequel elle est "
                                                "délivrée."))],
                "refuse": [REFUSAL]}

    def agent_panels(self, dossier):
        answers = dossier.answers or {}
        salary = kit.answer_int(answers, "emploi", "salaire_mensuel_brut")
        rows = [
            (_l("Carte"), forms.KIND_NAMES.get(checks.kind(answers), "")),
            (_l("Type de demande"), dict(forms.DEMANDES).get(checks.request(answers), "")),
            (_l("Autorisation de travail"), kit.value(answers, "emploi", "numero_autorisation")),
            (_l("Employeur (SIRET)"), "%s (%s)" % (kit.value(answers, "emploi", "employeur"),
                                                   kit.value(answers, "emploi", "siret"))
             if kit.value(answers, "emploi", "siret") else ""),
            (_l("Emploi"), kit.value(answers, "emploi", "poste")),
            (_l("Salaire mensuel brut"), str(Euros(salary)) if salary is not None else ""),
            (_l("Groupe"), kit.value(answers, "emploi", "groupe")),
        ]
        return [summary_panel(_l("Synthèse « immigration professionnelle »"), rows, self.decisions(answers))]

    def applicant_panels(self, dossier):
        number = kit.value(dossier.answers or {}, "emploi", "numero_autorisation")
        if not number:
            return []
        answers = dossier.answers or {}
        return [Panel(title=_l("Votre autorisation de travail"), template="immigration_pro/_authorisation_panel.html",
                      priority=10, context={"number": number, "employer": kit.value(answers, "emploi", "employeur"),
                                            "job": kit.value(answers, "emploi", "poste")})]


plugin = ImmigrationProPlugin()
