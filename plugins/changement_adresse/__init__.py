"""Declaration of a change of address: the person's postal address is updated and their open dossiers follow them to
the préfecture of the new département; a card holder gets a card with the new address."""
from __future__ import annotations

import datetime as dt

from flask_babel import lazy_gettext as _l

from anef.procedure_kit import documents as kit_docs
from anef.procedure_kit import eligible, refer
from anef.procedure_kit import forms as kit_forms
from anef.procedure_kit.decisions import REFUSAL, DecisionAttestation, DecisionDocument, date_text, summary_panel
from anef.dossiers.lifecycle import STATE_LABELS
from anef.plugins import procedures
from anef.procedure_kit.plugin import ProcedurePlugin
from anef.procedures import DocumentRequirement, Panel, ProcedureInfo, Step
from anef.territories import DEPARTEMENT_NAMES
from plugins.changement_adresse import checks, forms, services

CODE = "changement_adresse"


NEW_CARD = DecisionDocument("carte_nouvelle_adresse", _l("Carte de séjour à la nouvelle adresse"),
                            "decision_favorable")
RECORDED = DecisionDocument("changement_adresse", _l("Changement d'adresse enregistré"), "decision_favorable",
                            detail=_l("Les demandes en cours sont instruites par la préfecture de la nouvelle "
                                      "adresse."))


def _decided(dossier) -> str:
    from anef.calendar.services import local_date

    return date_text(local_date(dossier.decided_at)) if dossier.decided_at else ""


def _title(code: str):
    info = procedures().get(code)
    return info.title if info else code


def _address(answers: dict, step: str) -> str:
    given = answers.get(step) or {}
    return ", ".join(v for v in (given.get("adresse"), f"{given.get('code_postal', '')} {given.get('commune', '')}"
                                 .strip()) if v)


class ChangementAdressePlugin(ProcedurePlugin):
    code = CODE
    rules = checks
    eligibility_form = forms.EligibilityForm

    def info(self):
        return ProcedureInfo(
            code=CODE,
            title=_l("Déclaration de changement d'adresse"),
            summary=_l("Vous avez déménagé en France : déclarez votre nouvelle adresse dans les 3 mois. Vos demandes "
                       "en cours suivent votre dossier à la préfecture de votre nouveau département, et votre carte "
                       "est refaite à la nouvelle adresse."),
            filed_by="applicant",
            opens_on=dt.date(2021, 9, 13),
            order=51,
        )

    def eligibility(self, answers):
        if answers.get("situation") not in (forms.CARTE, forms.DEMANDE):
            return refer(_l("Sans carte de séjour ni demande en cours, vous n'avez rien à déclarer ici : indiquez "
                            "votre nouvelle adresse dans « Mes coordonnées et notifications », elle servira à vos "
                            "prochaines demandes."))
        if answers.get("en_france") != "oui":
            return refer(_l("Cette démarche enregistre une nouvelle adresse en France. Si vous partez vivre à "
                            "l'étranger, vous n'avez pas de changement d'adresse à déclarer ici."))
        if answers.get("situation") == forms.CARTE and answers.get("expire_bientot") == "oui":
            return refer(_l("Votre carte expire dans moins de 3 mois : elle ne sera pas refaite pour une nouvelle "
                            "adresse. Demandez son renouvellement en y indiquant votre nouvelle adresse. Si vous "
                            "l'avez déjà demandé, choisissez « J'attends la réponse à une demande de titre de "
                            "séjour »."))
        return eligible(situation={"statut": answers["situation"]})

    def steps(self, answers):
        steps = [
            Step("situation", _l("Votre situation"), forms.SituationForm),
            Step("identite", _l("Identité"), forms.IdentiteForm),
            Step("adresse", _l("Nouvelle adresse"), forms.NouvelleAdresseForm),
            Step("ancienne_adresse", _l("Ancienne adresse"), forms.AncienneAdresseForm),
        ]
        if checks.new_card(answers):
            steps += [Step("titre", _l("Votre carte"), forms.TitreForm),
                      Step("photo", _l("Photo de la nouvelle carte"), kit_forms.PhotoForm)]
        if not checks.is_free(answers):
            steps.append(Step("timbre", _l("Timbre fiscal"), kit_forms.TimbreForm))
        return steps

    def documents(self, answers):
        docs = [*kit_docs.housing(answers),
                DocumentRequirement("passeport", _l("Passeport"),
                                    _l("Les pages avec votre photo, votre identité et les dates de validité."),
                                    identity=True)]
        if checks.new_card(answers):
            docs.append(kit_docs.titre_sejour())
        return docs

    def checklist(self, answers):
        items = [_l("Le justificatif de domicile a moins de 3 mois et correspond à la nouvelle adresse déclarée (ou "
                    "l'attestation d'hébergement et la pièce d'identité de l'hébergeant)."),
                 _l("Les autres demandes en cours de la personne, transférées dans le service, sont reprises.")]
        if checks.new_card(answers):
            items[:0] = [_l("Le numéro étranger et le numéro de carte correspondent à une carte délivrée à cette "
                            "personne, valable encore plus de 3 mois.")]
            items.append(_l("La nouvelle carte est commandée à la nouvelle adresse, avec l'e-photo fournie."))
        if not checks.is_free(answers):
            items.append(_l("Le timbre fiscal est valide, du bon montant et n'a pas déjà été utilisé."))
        return items

    def decisions(self, answers):
        return {"accepte": [NEW_CARD if checks.new_card(answers) else RECORDED], "refuse": [REFUSAL]}

    def attestation(self, dossier):
        # The person keeps the title they have (or the request they filed): the core's wording would grant one.
        answers = dossier.answers or {}
        new = services.new_address(answers)
        facts = ((_l("Nouvelle adresse"), _address(answers, "adresse")),) if new else ()
        if checks.new_card(answers):
            return DecisionAttestation(
                statement=_l("L'administration atteste que le changement d'adresse décrit ci-dessous a été enregistré "
                             "le %(date)s. Une carte de séjour à la nouvelle adresse est en cours de fabrication.",
                             date=_decided(dossier)),
                allows=(_l("Prouver votre nouvelle adresse auprès de l'administration, avec votre carte actuelle, qui "
                           "reste valable jusqu'à la remise de la nouvelle."),),
                does_not_allow=(_l("Elle ne remplace pas votre carte de séjour : présentez-la toujours avec elle."),),
                facts=facts)
        return DecisionAttestation(
            statement=_l("L'administration atteste que le changement d'adresse décrit ci-dessous a été enregistré le "
                         "%(date)s. Vos demandes en cours sont instruites par la préfecture de votre nouvelle adresse.",
                         date=_decided(dossier)),
            allows=(_l("Prouver que vous avez déclaré votre nouvelle adresse."),),
            does_not_allow=(_l("Elle ne vaut pas titre de séjour et ne prouve pas que votre séjour est régulier."),),
            facts=facts)

    def connectors(self, answers):
        return ["agdref", "fpr", "ants"] if checks.new_card(answers) else ["fpr"]

    def on_transition(self, dossier, action, actor):
        # A declaration recorded at once: from its filing, the person lives at the new address (see services).
        if action == "submit":
            services.apply_new_address(dossier, actor)

    def agent_panels(self, dossier):
        answers = dossier.answers or {}
        old, new = checks.departements(answers)
        rows = [
            (_l("Situation"), dict(forms.STATUTS).get(checks.statut(answers), "")),
            (_l("Ancienne adresse"), _address(answers, "ancienne_adresse")),
            (_l("Nouvelle adresse"), _address(answers, "adresse")),
            (_l("Emménagement"), date_text(checks.kit.answer_date(answers, "adresse", "date_emmenagement"))),
            (_l("Département"), (_l("%(old)s → %(new)s", old=DEPARTEMENT_NAMES[old], new=DEPARTEMENT_NAMES[new])
                                 if old and new and old != new else _l("inchangé") if old and new else "")),
            (_l("Numéro étranger"), checks.kit.value(answers, "titre", "numero_etranger")),
            (_l("Numéro de la carte"), checks.kit.value(answers, "titre", "numero_carte")),
        ]
        panels = [summary_panel(_l("Synthèse « changement d'adresse »"), rows, self.decisions(answers))]
        if dossier.service_id:
            panels.append(Panel(title=_l("Autres demandes en cours de la personne dans le service"),
                                template="changement_adresse/_other_dossiers.html", priority=11,
                                context={"dossiers": [(d.reference, _title(d.procedure), STATE_LABELS[d.state])
                                                      for d in services.other_open_dossiers(dossier)]}))
        return panels


plugin = ChangementAdressePlugin()
