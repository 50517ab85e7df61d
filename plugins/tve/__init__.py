"""Travel documents for foreigners (TVE): the titre de voyage of réfugiés, apatrides and protégés subsidiaires, and
the titre d'identité et de voyage of a foreigner who can get no passport."""
from __future__ import annotations

import datetime as dt

from flask_babel import lazy_gettext as _l

from anef.procedure_kit import documents as kit_docs
from anef.procedure_kit import eligible, refer
from anef.procedure_kit import forms as kit_forms
from anef.procedure_kit.decisions import REFUSAL, DecisionAttestation, DecisionDocument, date_text, summary_panel
from anef.procedure_kit.plugin import ProcedurePlugin
from anef.procedures import DocumentRequirement, ProcedureInfo, Step
from plugins.tve import checks, forms

CODE = "tve"


def _document(answers: dict) -> list[DecisionDocument]:
    found = checks.kind(answers)
    if found is None:
        return []
    detail = _l("Non valable pour le pays d'origine.") if checks.protected(answers) else ""
    return [DecisionDocument(found.code, found.title, "decision_favorable", found.validity_text, detail)]


def _decided(dossier) -> str:
    from anef.calendar.services import local_date

    return date_text(local_date(dossier.decided_at)) if dossier.decided_at else ""


class TvePlugin(ProcedurePlugin):
    code = CODE
    rules = checks
    eligibility_form = forms.EligibilityForm

    def info(self):
        return ProcedureInfo(
            code=CODE,
            title=_l("Titre de voyage pour étranger (réfugié, apatride, protection subsidiaire)"),
            summary=_l("Pour voyager hors de France quand vous ne pouvez pas utiliser le passeport de votre pays : "
                       "titre de voyage des personnes protégées, ou titre d'identité et de voyage si aucun passeport "
                       "ne peut vous être délivré."),
            filed_by="applicant",
            opens_on=dt.date(2022, 1, 1),  # first quarter of 2022 in the seeds' calendar
            order=53,
        )

    def eligibility(self, answers):
        status = answers.get("statut")
        if status == "demandeur_asile":
            return refer(_l("Pendant l'examen de votre demande d'asile, aucun titre de voyage n'est délivré. Cette "
                            "démarche s'ouvre quand l'OFPRA ou la CNDA vous a accordé une protection et que vous avez "
                            "votre carte de séjour."))
        if answers.get("carte") != "oui":
            if status in forms.PROTECTED:
                return refer(_l("Le titre de voyage se demande avec votre carte de séjour : demandez d'abord la carte "
                                "qui correspond à votre protection."), "bpi")
            return refer(_l("Le titre d'identité et de voyage est réservé aux titulaires d'une carte de séjour en "
                            "cours de validité. Aucune démarche en ligne ne correspond à votre situation : "
                            "renseignez-vous auprès de la préfecture de votre département."))
        if status == forms.SANS_PROTECTION and answers.get("passeport_possible") != "non":
            return refer(_l("Vous pouvez obtenir un passeport de votre pays : c'est avec lui que vous voyagez. Le "
                            "titre d'identité et de voyage est réservé aux personnes à qui aucun passeport ne peut "
                            "être délivré."))
        return eligible(situation={"statut": status})

    def steps(self, answers):
        steps = [Step("situation", _l("Votre situation"), forms.SituationForm),
                 Step("identite", _l("Identité"), kit_forms.IdentiteContactForm)]
        if checks.protected(answers):
            steps.append(Step("protection", _l("Protection"), forms.ProtectionForm))
        else:
            steps.append(Step("sans_passeport", _l("Pourquoi sans passeport"), forms.SansPasseportForm))
        steps += [Step("titre", _l("Votre carte"), forms.TitreForm),
                  Step("voyage", _l("Titre de voyage"),
                       forms.VoyageProtectionForm if checks.protected(answers) else forms.VoyageForm),
                  Step("photo", _l("Photo"), kit_forms.PhotoForm),
                  Step("adresse", _l("Adresse en France"), forms.AdresseForm),
                  Step("timbre", _l("Timbre fiscal"), kit_forms.TimbreForm)]
        return steps

    def documents(self, answers):
        docs = [kit_docs.titre_sejour()]
        if checks.protected(answers):
            docs.append(DocumentRequirement("decision_protection", _l("Décision de l'OFPRA ou de la CNDA"),
                                            _l("La décision qui vous reconnaît la protection.")))
        else:
            docs.append(DocumentRequirement("preuve_sans_passeport",
                                            _l("Preuve que vous ne pouvez pas obtenir de passeport"),
                                            _l("Le refus écrit de vos autorités, ou tout document qui montre vos "
                                               "démarches auprès d'elles.")))
        if checks.kit.value(answers, "voyage", "ancien_titre") == "oui":
            docs.append(DocumentRequirement("ancien_titre_voyage", _l("Votre ancien titre de voyage"),
                                            _l("Les pages avec votre photo et les dates de validité ; s'il est perdu "
                                               "ou volé, la déclaration de perte ou de vol.")))
        docs += kit_docs.housing(answers)
        return docs

    def checklist(self, answers):
        items = [_l("Le numéro étranger et la carte correspondent à cette personne (AGDREF) ; la carte est valide.")]
        if checks.protected(answers):
            items += [_l("La protection est confirmée par l'OFPRA et correspond à la décision fournie."),
                      _l("Le pays de nationalité (ou celui que la personne a fui) est exclu du titre de voyage.")]
        else:
            items.append(_l("Les démarches auprès des autorités du pays montrent qu'aucun passeport ne peut être "
                            "délivré."))
        if checks.kit.value(answers, "voyage", "ancien_titre") == "oui":
            items.append(_l("L'ancien titre de voyage est restitué, ou sa perte ou son vol est déclaré."))
        items += [_l("Le justificatif de domicile a moins de 3 mois."),
                  _l("Le timbre fiscal est valide, du bon montant et n'a pas déjà été utilisé.")]
        return items

    def decisions(self, answers):
        return {"accepte": _document(answers), "refuse": [REFUSAL]}

    def attestation(self, dossier):
        # A travel document, not a residence title: the core's wording would speak of a granted title's rights.
        found = checks.kind(dossier.answers or {})
        title = found.title if found else _l("Titre de voyage")
        facts = [(_l("Document accordé"), title)]
        if found:
            facts.append((_l("Validité du document"), found.validity_text))
        if checks.protected(dossier.answers or {}):
            facts.append((_l("Pays exclu"), _l("Le pays dont vous avez la nationalité, ou que vous avez fui")))
        return DecisionAttestation(
            statement=_l("L'administration atteste que le document de voyage décrit ci-dessous a été accordé le "
                         "%(date)s. Il est en cours de fabrication.", date=_decided(dossier)),
            allows=(_l("Prouver que votre document de voyage est accordé, en attendant de le retirer en préfecture."),),
            does_not_allow=(_l("Elle ne permet pas de voyager : attendez le document lui-même."),
                            _l("Elle ne change rien à votre titre de séjour, qui reste celui que vous avez.")),
            facts=tuple(facts))

    def connectors(self, answers):
        return ["agdref", "ofpra", "fpr", "sis"]

    def agent_panels(self, dossier):
        answers = dossier.answers or {}
        found = checks.kind(answers)
        rows = [
            (_l("Situation"), dict(forms.STATUTS).get(checks.statut(answers), "")),
            (_l("Document demandé"), found.title if found else ""),
            (_l("Décision de protection"), date_text(checks.kit.answer_date(answers, "protection", "date_decision"))),
            (_l("Numéro OFPRA"), checks.kit.value(answers, "protection", "numero_ofpra")),
            (_l("Sans passeport"),
             dict(forms.MOTIFS_SANS_PASSEPORT).get(checks.kit.value(answers, "sans_passeport", "motif"), "")),
            (_l("Numéro étranger"), checks.kit.value(answers, "titre", "numero_etranger")),
            (_l("Carte"), dict(forms.CARDS).get(checks.card(answers), "")),
            (_l("Expiration de la carte"), date_text(checks.kit.answer_date(answers, "titre", "titre_expiration"))),
        ]
        return [summary_panel(_l("Synthèse « titre de voyage »"), rows, self.decisions(answers))]


plugin = TvePlugin()
