"""The duplicate of a lost or stolen residence card (duplicata), a short procedure on an existing card."""
from __future__ import annotations

import datetime as dt

from flask_babel import lazy_gettext as _l

from anef.procedure_kit import documents as kit_docs
from anef.procedure_kit import eligible, refer
from anef.procedure_kit import forms as kit_forms
from anef.procedure_kit.decisions import REFUSAL, DecisionDocument, date_text, summary_panel
from anef.procedure_kit.plugin import ProcedurePlugin
from anef.procedures import DocumentRequirement, ProcedureInfo, Step
from plugins.duplicata import checks, forms

CODE = "duplicata"


class DuplicataPlugin(ProcedurePlugin):
    code = CODE
    rules = checks
    eligibility_form = forms.EligibilityForm
    DECISIONS = {
        "accepte": [DecisionDocument("duplicata", _l("Duplicata de la carte de séjour"), "decision_favorable",
                                     _l("les dates de la carte remplacée"),
                                     _l("La carte perdue ou volée est définitivement annulée."))],
        "refuse": [REFUSAL],
    }

    def info(self):
        return ProcedureInfo(
            code=CODE,
            title=_l("Duplicata d'une carte de séjour perdue ou volée"),
            summary=_l("Remplacer une carte de séjour encore valide, perdue ou volée en France : le duplicata garde "
                       "les mêmes dates de validité."),
            filed_by="applicant",
            opens_on=dt.date(2021, 9, 13),
            order=50,
        )

    def eligibility(self, answers):
        if answers.get("motif") == "autre":
            return refer(_l("Le duplicata remplace une carte perdue ou volée. Pour faire changer une information de "
                            "votre carte (état civil, adresse…), demandez un changement de situation."),
                            "changement_situation")
        if answers.get("en_france") != "oui":
            return refer(_l("Cette démarche se fait depuis la France. À l'étranger, déclarez la perte ou le vol à la "
                            "police du pays, puis adressez-vous au consulat de France : il vous dira comment obtenir "
                            "un visa de retour."))
        if answers.get("expire_bientot") == "oui":
            return refer(_l("Votre carte expire dans moins de 3 mois : ne demandez pas de duplicata, demandez le "
                            "renouvellement de votre carte dans la démarche qui correspond à votre titre."))
        if answers.get("motif") == "vol" and answers.get("plainte") != "oui":
            return refer(_l("Après un vol, déclarez-le d'abord à la police ou à la gendarmerie : le récépissé de votre "
                            "plainte est demandé pour le duplicata. Revenez ensuite faire votre demande."))
        return eligible(situation={"motif": answers["motif"]})

    def steps(self, answers):
        steps = [
            Step("situation", _l("Votre demande"), forms.SituationForm),
            Step("identite", _l("Identité"), forms.IdentiteForm),
            Step("carte", _l("Carte perdue ou volée"), forms.CarteForm),
            Step("declaration",
                 _l("Déclaration de vol") if checks.motif(answers) == "vol" else _l("Déclaration de perte"),
                 forms.VolForm if checks.motif(answers) == "vol" else forms.PerteForm),
            Step("adresse", _l("Adresse en France"), forms.AdresseForm),
        ]
        if not checks.is_free(answers):
            steps.append(Step("timbre", _l("Timbre fiscal"), kit_forms.TimbreForm))
        return steps

    def documents(self, answers):
        if checks.motif(answers) == "vol":
            proof = DocumentRequirement("recepisse_plainte", _l("Récépissé de la plainte pour vol"),
                                        _l("Remis par le commissariat ou la brigade de gendarmerie."))
        else:
            proof = DocumentRequirement("declaration_perte", _l("Déclaration de perte"),
                                        _l("Datée et signée, ou le récépissé de déclaration de perte si vous l'avez "
                                           "faite au commissariat."))
        return [
            proof,
            DocumentRequirement("copie_titre", _l("Copie de la carte perdue ou volée"),
                                _l("Si vous en avez une : une photo ou une photocopie, recto et verso."),
                                mandatory=False),
            DocumentRequirement("passeport", _l("Passeport"),
                                _l("Les pages avec votre photo, votre identité et les dates de validité."),
                                identity=True),
            kit_docs.acte_naissance(),
            *kit_docs.housing(answers),
        ]

    def checklist(self, answers):
        items = [_l("Le numéro étranger et le numéro de carte correspondent à une carte délivrée à cette personne.")]
        if checks.motif(answers) == "vol":
            items.append(_l("Le récépissé de plainte porte bien sur le vol de la carte de séjour."))
        else:
            items.append(_l("La déclaration de perte est datée et signée."))
        items += [_l("La carte d'origine est signalée annulée ; le duplicata reprend ses dates de validité."),
                  _l("Le justificatif de domicile a moins de 3 mois et correspond à l'adresse déclarée.")]
        if not checks.is_free(answers):
            items.append(_l("Le timbre fiscal est valide, du bon montant et n'a pas déjà été utilisé."))
        return items

    def agent_panels(self, dossier):
        answers = dossier.answers or {}
        card = answers.get("carte") or {}
        rows = [
            (_l("Motif"), dict(forms.MOTIFS).get(checks.motif(answers), "")),
            (_l("Numéro étranger"), card.get("numero_etranger", "")),
            (_l("Numéro de la carte"), card.get("numero_carte", "")),
            (_l("Expiration de la carte"), date_text(checks.kit.answer_date(answers, "carte", "titre_expiration"))),
            (_l("Date de la plainte"), date_text(checks.kit.answer_date(answers, "declaration", "date_plainte"))),
        ]
        return [summary_panel(_l("Synthèse « duplicata »"), rows, self.DECISIONS)]


plugin = DuplicataPlugin()
