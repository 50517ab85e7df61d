"""The card of EU, EEA and Swiss citizens and of their family members (free of charge)."""
from __future__ import annotations

import datetime as dt

from flask_babel import lazy_gettext as _l

from anef.procedure_kit import documents as kit_docs
from anef.procedure_kit import eligible, refer
from anef.procedure_kit import forms as kit_forms
from anef.procedure_kit.decisions import REFUSAL, DecisionDocument, date_text, summary_panel
from anef.procedure_kit.plugin import ProcedurePlugin
from anef.procedures import DocumentRequirement, ProcedureInfo, Step
from plugins.citoyen_ue import checks, forms

CODE = "citoyen_ue"

ACTIVITY_DOCUMENTS = {
    "salarie": [kit_docs.contrat_travail(), kit_docs.bulletins_salaire()],
    "independant": [DocumentRequirement("justificatif_activite", _l("Justificatif d'activité indépendante"),
                                        _l("Extrait Kbis, inscription au répertoire des métiers ou attestation "
                                           "URSSAF."))],
    "etudiant": [DocumentRequirement("inscription", _l("Certificat d'inscription définitive"),
                                     _l("Pour l'année en cours.")), kit_docs.assurance_maladie()],
    "demandeur_emploi": [DocumentRequirement("inscription_france_travail", _l("Attestation d'inscription à "
                                                                              "France Travail"))],
    "retraite": [kit_docs.ressources(), kit_docs.assurance_maladie()],
    "inactif": [kit_docs.ressources(), kit_docs.assurance_maladie()],
}
FAMILY_TIE = {"conjoint": DocumentRequirement("acte_mariage", _l("Acte de mariage ou de partenariat"),
                                              _l("Traduit en français s'il est dans une autre langue.")),
              "descendant": kit_docs.acte_naissance(), "ascendant": kit_docs.acte_naissance()}


class CitoyenUePlugin(ProcedurePlugin):
    # No fee: the card is free for citizens of the Union and their families (DOMAIN §10).
    code = CODE
    rules = checks
    eligibility_form = forms.EligibilityForm

    def info(self):
        return ProcedureInfo(
            code=CODE,
            title=_l("Carte de séjour des citoyens européens et de leur famille"),
            summary=_l("Citoyens de l'Union européenne, de l'EEE ou de la Suisse et membres de leur famille : carte de "
                       "séjour ou de séjour permanent, gratuite."),
            filed_by="applicant",
            opens_on=dt.date(2022, 4, 1),  # 2022 Q2 in the seeds' calendar
            order=70,
            title_authorises_work=True,
        )

    def eligibility(self, answers):
        if answers.get("qui") not in ("citoyen", "famille"):
            return refer(_l("Cette carte est réservée aux citoyens de l'Union européenne, de l'EEE ou de la Suisse et "
                            "aux membres de leur famille. Choisissez la démarche qui correspond à votre motif de "
                            "séjour."),
                         "autres_sejour")
        return eligible(situation={"qui": answers["qui"], "carte": answers["carte"]})

    def steps(self, answers):
        family = checks.is_family(answers)
        steps = [
            Step("situation", _l("Votre demande"), forms.SituationForm),
            Step("identite", _l("Identité"), kit_forms.IdentiteContactForm),
            Step("passeport", _l("Passeport"), kit_forms.PasseportForm) if family
            else Step("piece_identite", _l("Document d'identité"), forms.PieceIdentiteForm),
        ]
        if family:
            steps.append(Step("citoyen", _l("Le citoyen européen"), forms.CitoyenForm))
        steps += [Step("sejour", _l("Séjour et activité"), forms.SejourForm),
                  Step("adresse", _l("Adresse en France"), forms.AdresseForm)]
        return steps

    def documents(self, answers):
        if checks.is_family(answers):
            docs = [kit_docs.passeport(),
                    FAMILY_TIE.get(checks.kit.value(answers, "citoyen", "lien"), kit_docs.acte_naissance()),
                    DocumentRequirement("piece_identite_citoyen", _l("Pièce d'identité du citoyen européen"),
                                        _l("Sa carte d'identité ou son passeport en cours de validité.")),
                    DocumentRequirement("activite_citoyen", _l("Justificatif de l'activité du citoyen européen"),
                                        _l("Contrat de travail, inscription, justificatif de ressources…"))]
        elif checks.kit.value(answers, "piece_identite", "type_document") == "carte_identite":
            docs = [DocumentRequirement("carte_identite", _l("Carte nationale d'identité"), _l("Recto et verso."),
                                        expiry_answer=("piece_identite", "date_expiration"), identity=True)]
        else:
            docs = [kit_docs.passeport("piece_identite")]
        docs += kit_docs.housing(answers)
        docs += ACTIVITY_DOCUMENTS.get(checks.kit.value(answers, "sejour", "activite"), [])
        if checks.is_permanent(answers):
            docs.append(DocumentRequirement("preuves_residence", _l("Preuves de 5 ans de séjour en France"),
                                            _l("Avis d'imposition, contrats de travail, bulletins de salaire ou "
                                               "quittances couvrant les 5 dernières années.")))
        return docs

    def checklist(self, answers):
        items = [_l("La nationalité européenne (ou celle du citoyen rejoint) est établie par sa pièce d'identité.")]
        if checks.is_family(answers):
            items.append(_l("Le lien familial est prouvé par un acte d'état civil ; un enfant de plus de 21 ans ou un "
                            "parent est à charge."))
        items.append(_l("L'activité, ou les ressources et l'assurance maladie pour une personne sans activité, sont "
                        "justifiées."))
        if checks.is_permanent(answers):
            items.append(_l("Les 5 ans de séjour régulier et continu sont prouvés."))
        items.append(_l("Le justificatif de domicile a moins de 3 mois et correspond à l'adresse déclarée."))
        return items

    def decisions(self, answers: dict) -> dict:
        family, permanent = checks.is_family(answers), checks.is_permanent(answers)
        if family:
            title = (_l("Carte de séjour permanent « membre de la famille d'un citoyen de l'Union »") if permanent
                     else _l("Carte de séjour « membre de la famille d'un citoyen de l'Union »"))
        else:
            title = (_l("Carte de séjour permanent « citoyen UE/EEE/Suisse »") if permanent
                     else _l("Carte de séjour « citoyen UE/EEE/Suisse »"))
        return {"accepte": [DecisionDocument("carte_citoyen_ue", title, "decision_favorable",
                                             detail=_l("Délivrée gratuitement ; elle permet de travailler."))],
                "refuse": [REFUSAL]}

    def agent_panels(self, dossier):
        answers = dossier.answers or {}
        citizen = answers.get("citoyen") or {}
        rows = [
            (_l("Demandeur"), dict(forms.QUI).get(checks.kit.value(answers, "situation", "qui"), "")),
            (_l("Carte demandée"), dict(forms.CARTES).get(checks.kit.value(answers, "situation", "carte"), "")),
            (_l("Citoyen rejoint"), f"{citizen.get('prenoms', '')} {citizen.get('nom', '')}".strip()),
            (_l("Arrivée en France"), date_text(checks.kit.answer_date(answers, "sejour", "date_arrivee"))),
            (_l("Activité"), dict(forms.ACTIVITES).get(checks.kit.value(answers, "sejour", "activite"), "")),
        ]
        return [summary_panel(_l("Synthèse « citoyen européen »"), rows, self.decisions(answers))]


plugin = CitoyenUePlugin()
