"""Document de circulation pour étranger mineur (DCEM): filed by a parent for their minor child, referring to the
parent's own card (looked up in AGDREF); lets the child come back to France without a visa."""
from __future__ import annotations

import datetime as dt

from flask_babel import lazy_gettext as _l

from anef.calendar.services import today
from anef.procedure_kit import documents as kit_docs
from anef.procedure_kit import eligible, refer
from anef.procedure_kit import forms as kit_forms
from anef.procedure_kit.decisions import REFUSAL, DecisionAttestation, DecisionDocument, date_text, summary_panel
from anef.procedure_kit.plugin import ProcedurePlugin
from anef.procedures import DocumentRequirement, ProcedureInfo, Step
from plugins.dcem import checks, forms

CODE = "dcem"


PARENTAL_AUTHORITY = {
    "maries": (_l("Acte de mariage des parents"), _l("Ou le livret de famille.")),
    "separes": (_l("Jugement de divorce ou de séparation"), _l("La décision qui dit qui exerce l'autorité "
                                                              "parentale.")),
    "non_maries": (_l("Reconnaissance de l'enfant ou déclaration conjointe d'autorité parentale"),
                   _l("L'acte de reconnaissance par le parent qui dépose la demande, ou la déclaration conjointe.")),
    "tutelle": (_l("Décision de justice confiant l'autorité parentale"), _l("Le jugement qui vous désigne.")),
}


def _dcem(answers: dict) -> DecisionDocument:
    detail = (_l("Il ne vaut que pour revenir à Mayotte.") if checks.fondement(answers) == forms.MAYOTTE
              else _l("Avec son passeport, l'enfant revient en France sans visa. Ce n'est pas un titre de séjour."))
    return DecisionDocument("dcem", _l("Document de circulation pour étranger mineur"), "decision_favorable",
                            _l("5 ans au plus (une limite aux 18 ans est à confirmer)"), detail)


def _decided(dossier) -> str:
    from anef.calendar.services import local_date

    return date_text(local_date(dossier.decided_at)) if dossier.decided_at else ""


class DcemPlugin(ProcedurePlugin):
    code = CODE
    rules = checks
    eligibility_form = forms.EligibilityForm

    def info(self):
        return ProcedureInfo(
            code=CODE,
            title=_l("Document de circulation pour étranger mineur (DCEM)"),
            summary=_l("Pour votre enfant mineur qui vit en France : avec son passeport, ce document lui permet de "
                       "revenir en France sans visa après un voyage. Vous le demandez pour lui, avec votre propre "
                       "titre de séjour."),
            filed_by="parent",
            opens_on=dt.date(2022, 1, 24),
            order=52,
        )

    def eligibility(self, answers):
        if answers.get("lien") not in ("parent", "tuteur"):
            return refer(_l("Seul un parent, ou la personne à qui un juge a confié l'autorité parentale, peut demander "
                            "ce document pour l'enfant."))
        if answers.get("mineur") != "oui":
            return refer(_l("Le document de circulation est réservé aux mineurs. À 18 ans, l'enfant demande lui-même "
                            "la carte de séjour qui correspond à sa situation."))
        if answers.get("francais") == "oui":
            return refer(_l("Un enfant français voyage avec son passeport ou sa carte nationale d'identité française : "
                            "il n'a pas besoin de ce document."))
        if answers.get("fondement") == "ase":
            return refer(_l("Pour un enfant confié à l'aide sociale à l'enfance, la demande est faite par le service "
                            "qui en a la charge, auprès de la préfecture."))
        if answers.get("fondement") not in dict(forms.FONDEMENTS):
            return refer(_l("Le document de circulation n'est délivré que dans les situations proposées. Aucune "
                            "démarche en ligne ne correspond : renseignez-vous auprès de la préfecture de votre "
                            "département."))
        return eligible(situation={"fondement": answers["fondement"]})

    def steps(self, answers):
        base = checks.fondement(answers)
        steps = [
            Step("situation", _l("Situation de l'enfant"), forms.SituationForm),
            Step("identite", _l("L'enfant"), forms.EnfantForm),
            Step("passeport", _l("Passeport de l'enfant"), forms.PasseportEnfantForm),
            Step("parent", _l("Vous, le parent"), forms.ParentForm),
        ]
        if checks.parent_has_card(answers):
            steps.append(Step("titre", _l("Votre titre de séjour"), forms.TitreParentForm))
        elif base == forms.PARENT_FRANCAIS_UE:
            steps.append(Step("piece_parent", _l("Votre pièce d'identité"), forms.PieceParentForm))
        if base == forms.ENTREE_AVANT_13:
            steps.append(Step("entree", _l("Arrivée de l'enfant en France"), forms.ArriveeForm))
        elif base == forms.VISA_LONG_SEJOUR:
            steps.append(Step("entree", _l("Visa de l'enfant"), forms.VisaEnfantForm))
        steps += [Step("photo", _l("Photo de l'enfant"), kit_forms.PhotoForm),
                  Step("adresse", _l("Adresse en France"), forms.AdresseForm)]
        if not checks.is_free(answers):
            steps.append(Step("timbre", _l("Timbre fiscal"), kit_forms.TimbreForm))
        return steps

    def documents(self, answers):
        base = checks.fondement(answers)
        authority, authority_help = PARENTAL_AUTHORITY.get(checks.kit.value(answers, "parent", "situation_parents"),
                                                           (_l("Preuve de l'autorité parentale"), ""))
        docs = [
            DocumentRequirement("passeport_enfant", _l("Passeport de l'enfant"),
                                _l("Les pages avec sa photo, son identité et les dates de validité."),
                                expiry_answer=("passeport", "date_expiration"), identity=True),
            DocumentRequirement("acte_naissance_enfant", _l("Acte de naissance de l'enfant"),
                                _l("Copie intégrale avec filiation (ou le livret de famille), traduite en français par "
                                   "un traducteur assermenté si elle est dans une autre langue.")),
            DocumentRequirement("autorite_parentale", authority, authority_help),
        ]
        if checks.parent_has_card(answers):
            docs += [kit_docs.titre_sejour(),
                     DocumentRequirement("passeport", _l("Votre passeport"),
                                         _l("Les pages avec votre photo, votre identité et les dates de validité."),
                                         identity=True)]
        elif base == forms.PARENT_FRANCAIS_UE:
            docs.append(DocumentRequirement("piece_identite_parent", _l("Votre pièce d'identité"),
                                            _l("Recto et verso de la carte, ou les pages du passeport avec votre "
                                               "photo."),
                                            expiry_answer=("piece_parent", "piece_expiration"), identity=True))
        if base == forms.VISA_LONG_SEJOUR:
            docs.append(kit_docs.visa())
        elif base == forms.ENTREE_AVANT_13:
            docs.append(DocumentRequirement("preuve_entree_enfant", _l("Preuve de la date d'arrivée de l'enfant"),
                                            _l("Le tampon d'entrée sur son passeport, son visa, ou un certificat de "
                                               "scolarité de sa première année en France.")))
        age = checks.age_on(answers, today())
        docs.append(DocumentRequirement(
            "certificat_scolarite", _l("Certificat de scolarité ou de crèche"),
            _l("De l'année en cours : il montre que l'enfant vit en France."),
            mandatory=age is None or age >= checks.SCHOOL_AGE))
        docs += kit_docs.housing(answers)
        return docs

    def checklist(self, answers):
        base = checks.fondement(answers)
        items = [_l("L'acte de naissance établit la filiation entre l'enfant et le parent qui dépose la demande."),
                 _l("La pièce d'autorité parentale correspond à la situation déclarée des parents."),
                 _l("L'enfant vit en France avec le parent : justificatif de domicile, certificat de scolarité.")]
        if checks.parent_has_card(answers):
            items.append(_l("La carte du parent est en cours de validité et correspond à son numéro étranger "
                            "(AGDREF)."))
        elif base == forms.PARENT_FRANCAIS_UE:
            items.append(_l("La pièce d'identité prouve la nationalité française ou européenne du parent."))
        if base == forms.ENTREE_AVANT_13:
            items.append(_l("L'arrivée en France est prouvée avant les 13 ans de l'enfant."))
        elif base == forms.VISA_LONG_SEJOUR:
            items.append(_l("Le visa de long séjour de l'enfant est authentique (VISABIO)."))
        elif base == forms.MAYOTTE:
            items.append(_l("L'enfant est né en France et vit à Mayotte : le document ne vaut que pour y revenir."))
        items.append(_l("Aucune opposition à la sortie du territoire n'est inscrite pour l'enfant (FPR)."))
        if not checks.is_free(answers):
            items.append(_l("Le timbre fiscal est valide, du bon montant et n'a pas déjà été utilisé."))
        return items

    def decisions(self, answers):
        return {"accepte": [_dcem(answers)], "refuse": [REFUSAL]}

    def attestation(self, dossier):
        # A travel document for the child, not a residence title: the core's wording would promise a lawful stay.
        answers = dossier.answers or {}
        mayotte = checks.fondement(answers) == forms.MAYOTTE
        return DecisionAttestation(
            statement=_l("L'administration atteste qu'un document de circulation pour étranger mineur a été accordé le "
                         "%(date)s à l'enfant désigné ci-dessous. Le document est en cours de fabrication.",
                         date=_decided(dossier)),
            allows=(_l("Prouver que le document de circulation de l'enfant est accordé, en attendant de le retirer en "
                       "préfecture."),),
            does_not_allow=(_l("Elle ne permet pas à l'enfant de voyager : attendez le document lui-même."),
                            _l("Le document de circulation n'est pas un titre de séjour.")),
            facts=((_l("Validité du document"), _l("5 ans au plus")),
                   *(((_l("Voyages"), _l("Seulement pour revenir à Mayotte")),) if mayotte else ())))

    def connectors(self, answers):
        # About the child (an opposition to leaving the country is in the FPR); the parent's card is a check of its own.
        return ["fpr", "sis", "visabio"]

    def agent_panels(self, dossier):
        answers = dossier.answers or {}
        parent = answers.get("parent") or {}
        born = checks.child_birth(answers)
        rows = [
            (_l("Situation de l'enfant"), dict(forms.FONDEMENTS).get(checks.fondement(answers), "")),
            (_l("Enfant"), " ".join(v for v in (checks.kit.value(answers, "identite", "prenoms"),
                                                checks.kit.value(answers, "identite", "nom").upper()) if v)),
            (_l("Né(e) le"), date_text(born)),
            (_l("Majeur le"), date_text(checks.birthday(born, checks.ADULT_AGE)) if born else ""),
            (_l("Demandé par"), " ".join(str(v) for v in (dict(forms.LIENS).get(parent.get("lien"), ""),
                                                     parent.get("prenoms", ""),
                                                     (parent.get("nom") or "").upper()) if v)),
            (_l("Situation des parents"), dict(forms.SITUATIONS_PARENTS).get(parent.get("situation_parents"), "")),
            (_l("Numéro étranger du parent"), checks.kit.value(answers, "titre", "numero_etranger")),
            (_l("Carte du parent"), dict(forms.PARENT_CARDS).get(checks.kit.value(answers, "titre", "titre_type"), "")),
            (_l("Arrivée en France"), date_text(checks.kit.answer_date(answers, "entree", "date_entree"))),
        ]
        return [summary_panel(_l("Synthèse « document de circulation pour étranger mineur »"), rows,
                              self.decisions(answers))]

    def rights_end(self, answers):
        # The card in these answers is the parent's: the child's document is about no right to stay of the child's.
        return False


plugin = DcemPlugin()
