"""Change of situation on an existing card (changement_situation): marriage, PACS, divorce, birth, death of a spouse,
change of name or of civil status. The file is updated, and the card remade when what it prints changes."""
from __future__ import annotations

import datetime as dt

from flask_babel import lazy_gettext as _l

from anef.procedure_kit import documents as kit_docs
from anef.procedure_kit import eligible, refer
from anef.procedure_kit import forms as kit_forms
from anef.procedure_kit.decisions import REFUSAL, DecisionAttestation, DecisionDocument, date_text, summary_panel
from anef.procedure_kit.plugin import ProcedurePlugin
from anef.procedures import DocumentRequirement, ProcedureInfo, Step
from plugins.changement_situation import checks, forms

CODE = "changement_situation"


EVENT_DOCUMENTS = {
    forms.MARIAGE: [DocumentRequirement("acte_mariage", _l("Acte de mariage"),
                                        _l("Copie intégrale. Un mariage célébré à l'étranger avec un Français est "
                                           "transcrit par le consulat : joignez l'acte transcrit."))],
    forms.PACS: [DocumentRequirement("attestation_pacs", _l("Attestation d'enregistrement du PACS"),
                                     _l("Délivrée par la mairie ou le notaire qui l'a enregistré."))],
    forms.DIVORCE: [DocumentRequirement("jugement_divorce", _l("Jugement de divorce"),
                                        _l("Avec la mention du divorce en marge de l'acte de mariage, si vous l'avez."))],
    forms.NAISSANCE: [DocumentRequirement("acte_naissance_enfant", _l("Acte de naissance de l'enfant"),
                                          _l("Copie intégrale avec filiation, ou le jugement d'adoption."))],
    forms.DECES: [DocumentRequirement("acte_deces", _l("Acte de décès de votre conjoint"))],
    forms.NOM: [DocumentRequirement("decision_nom", _l("Décision de changement de nom"),
                                    _l("Le jugement, l'arrêté ou l'acte qui change votre nom ou vos prénoms.")),
                kit_docs.acte_naissance()],
    forms.ETAT_CIVIL: [kit_docs.acte_naissance(),
                       DocumentRequirement("decision_etat_civil", _l("Décision de rectification ou de changement"),
                                           _l("Si l'information a changé par une décision (jugement, acte)."),
                                           mandatory=False)],
}


EVENT_CHECKS = {
    forms.MARIAGE: _l("L'acte de mariage correspond à la personne et au conjoint déclarés ; un mariage à l'étranger "
                      "avec un Français est transcrit."),
    forms.PACS: _l("L'attestation de PACS correspond à la personne et au partenaire déclarés."),
    forms.DIVORCE: _l("Le jugement de divorce est définitif et concerne bien la personne."),
    forms.NAISSANCE: _l("L'acte de naissance (ou le jugement d'adoption) établit la filiation avec la personne."),
    forms.DECES: _l("L'acte de décès concerne le conjoint connu du dossier."),
    forms.NOM: _l("La décision de changement de nom émane d'une autorité compétente et concerne la personne."),
    forms.ETAT_CIVIL: _l("L'acte de naissance (ou la décision) justifie l'information à corriger."),
}


UPDATED_CARD = DecisionDocument("carte_mise_a_jour", _l("Carte de séjour mise à jour"), "decision_favorable")
RECORDED = DecisionDocument("changement_situation", _l("Changement de situation enregistré"), "decision_favorable",
                            detail=_l("La carte actuelle reste valable."))


def _decided(dossier) -> str:
    from anef.calendar.services import local_date

    return date_text(local_date(dossier.decided_at)) if dossier.decided_at else ""


class ChangementSituationPlugin(ProcedurePlugin):
    code = CODE
    rules = checks
    eligibility_form = forms.EligibilityForm

    def info(self):
        return ProcedureInfo(
            code=CODE,
            title=_l("Changement de situation (état civil, situation familiale)"),
            summary=_l("Mariage, PACS, divorce, naissance, changement de nom… : faites mettre à jour votre dossier et, "
                       "si ce qui est inscrit sur votre carte change, recevez une carte à jour."),
            filed_by="applicant",
            opens_on=dt.date(2022, 1, 1),  # first quarter of 2022 in the seeds' calendar
            order=54,
        )

    def eligibility(self, answers):
        kind = answers.get("changement")
        if kind == "adresse":
            return refer(_l("Un déménagement se déclare avec la démarche de changement d'adresse."),
                         "changement_adresse")
        if kind == "perte":
            return refer(_l("Une carte perdue ou volée se remplace par un duplicata."), "duplicata")
        if kind == "motif":
            return refer(_l("Un changement de motif de séjour se demande avec la démarche du nouveau titre (salarié, "
                            "vie privée et familiale…), pas par un changement de situation."))
        if answers.get("carte") != "oui":
            return refer(_l("Cette démarche met à jour une carte de séjour en cours de validité. Si une demande est en "
                            "cours, signalez ce changement dans sa messagerie ; sinon, dans votre prochaine demande."))
        if answers.get("expire_bientot") == "oui":
            return refer(_l("Votre carte expire dans moins de 3 mois : déclarez ce changement dans votre demande de "
                            "renouvellement, qui vous donnera une carte à jour."))
        return eligible(situation={"changement": kind})

    def steps(self, answers):
        steps = [Step("situation", _l("Ce qui a changé"), forms.SituationForm),
                 Step("identite", _l("Identité"), kit_forms.IdentiteContactForm),
                 Step("titre", _l("Votre carte"), forms.TitreForm)]
        event = forms.EVENT_FORMS.get(checks.changement(answers))
        if event:
            steps.append(Step("evenement", *event))
        if checks.new_card(answers):
            steps.append(Step("photo", _l("Photo de la nouvelle carte"), kit_forms.PhotoForm))
        steps.append(Step("adresse", _l("Adresse en France"), forms.AdresseForm))
        if not checks.is_free(answers):
            steps.append(Step("timbre", _l("Timbre fiscal"), kit_forms.TimbreForm))
        return steps

    def documents(self, answers):
        return [*EVENT_DOCUMENTS.get(checks.changement(answers), []), kit_docs.titre_sejour(),
                DocumentRequirement("passeport", _l("Passeport"),
                                    _l("Les pages avec votre photo, votre identité et les dates de validité."),
                                    identity=True),
                *kit_docs.housing(answers)]

    def checklist(self, answers):
        items = [_l("Le numéro étranger et le numéro de carte correspondent à cette personne (AGDREF) ; l'historique "
                    "de ses titres est cohérent."),
                 EVENT_CHECKS.get(checks.changement(answers), _l("Les pièces justifient le changement déclaré.")),
                 _l("Le changement est enregistré dans le dossier de la personne (AGDREF).")]
        if checks.new_card(answers):
            items.append(_l("La nouvelle carte est commandée avec les informations à jour et l'e-photo fournie."))
        if not checks.is_free(answers):
            items.append(_l("Le timbre fiscal est valide, du bon montant et n'a pas déjà été utilisé."))
        return items

    def decisions(self, answers):
        return {"accepte": [UPDATED_CARD if checks.new_card(answers) else RECORDED], "refuse": [REFUSAL]}

    def attestation(self, dossier):
        # The title stays the one the person holds: the core's wording would grant a new one.
        answers = dossier.answers or {}
        facts = ((_l("Changement"), dict(forms.CHANGEMENTS).get(checks.changement(answers), "")),)
        if checks.new_card(answers):
            return DecisionAttestation(
                statement=_l("L'administration atteste que le changement de situation décrit ci-dessous a été "
                             "enregistré le %(date)s. Une carte de séjour à jour est en cours de fabrication.",
                             date=_decided(dossier)),
                allows=(_l("Prouver que votre changement de situation est enregistré, avec votre carte actuelle, qui "
                           "reste valable jusqu'à la remise de la nouvelle."),),
                does_not_allow=(_l("Elle ne remplace pas votre carte de séjour : présentez-la toujours avec elle."),),
                facts=facts)
        return DecisionAttestation(
            statement=_l("L'administration atteste que le changement de situation décrit ci-dessous a été enregistré "
                         "le %(date)s. Votre carte de séjour reste valable telle qu'elle est.", date=_decided(dossier)),
            allows=(_l("Prouver que votre changement de situation est enregistré."),),
            does_not_allow=(_l("Elle ne remplace pas votre carte de séjour : présentez-la toujours avec elle."),),
            facts=facts)

    def connectors(self, answers):
        # AGDREF gives the card history; ANTS tells where a remade card stands.
        return ["agdref", "fpr", "ants"]

    def agent_panels(self, dossier):
        answers = dossier.answers or {}
        event = answers.get("evenement") or {}
        who = " ".join(v for v in (event.get("conjoint_prenoms") or event.get("enfant_prenoms"),
                                   (event.get("conjoint_nom") or event.get("enfant_nom") or "").upper()) if v)
        change = (f"{event.get('ancien_nom') or event.get('valeur_carte')} → "
                  f"{event.get('nouveau_nom') or event.get('valeur_correcte')}"
                  if (event.get("nouveau_nom") or event.get("valeur_correcte")) else "")
        rows = [
            (_l("Changement"), dict(forms.CHANGEMENTS).get(checks.changement(answers), "")),
            (_l("Date"), date_text(checks.kit.answer_date(answers, "evenement", "date_evenement"))),
            (_l("Personne concernée"), who),
            (_l("Information changée"), change),
            (_l("Carte refaite"), _l("oui") if checks.new_card(answers) else _l("non")),
            (_l("Numéro étranger"), checks.kit.value(answers, "titre", "numero_etranger")),
            (_l("Numéro de la carte"), checks.kit.value(answers, "titre", "numero_carte")),
        ]
        return [summary_panel(_l("Synthèse « changement de situation »"), rows, self.decisions(answers))]


plugin = ChangementSituationPlugin()
