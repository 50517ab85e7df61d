"""The visitor procedure's eligibility questions and form steps."""
from flask_babel import lazy_gettext as _l
from wtforms import RadioField

from anef.forms import StepForm, options
from anef.procedure_kit import fields
from anef.procedure_kit import forms as kit_forms
from anef.procedure_kit.validators import FutureDate

DEMANDE = [("premiere", _l("Première demande de carte « visiteur »")),
           ("renouvellement", _l("Renouvellement de ma carte (ou de mon visa VLS-TS) « visiteur »"))]
MOTIFS = [("visite", _l("Y vivre sans travailler, avec mes propres ressources (retraite, rentes, épargne…)")),
          ("etudes", _l("Suivre des études supérieures")),
          ("travail", _l("Travailler, créer ou reprendre une entreprise")),
          ("famille", _l("Vivre auprès de ma famille (conjoint, enfant ou parent français ou résidant en France)")),
          ("autre", _l("Pour une autre raison"))]
HOUSING = [("locataire", _l("Locataire")), ("proprietaire", _l("Propriétaire de mon logement")),
           ("tiers", _l("Hébergé gratuitement par une autre personne"))]
SOURCES = [("pension", _l("Pension de retraite ou d'invalidité")), ("patrimoine", _l("Revenus du patrimoine (loyers, placements)")),
           ("epargne", _l("Épargne personnelle")), ("garant", _l("Prise en charge par un proche")),
           ("autre", _l("Autres revenus (hors activité en France)"))]


class EligibilityForm(StepForm):
    motif = RadioField(_l("Pourquoi souhaitez-vous séjourner en France ?"), choices=options(MOTIFS),
                       validators=[fields.required(_l("Choisissez la raison de votre séjour."))])
    demande = RadioField(_l("Que demandez-vous ?"), choices=options(DEMANDE),
                         validators=[fields.required(_l("Choisissez le type de demande."))])
    vls_ts_non_valide = fields.yes_no(
        _l("Êtes-vous arrivé en France depuis moins de 3 mois avec un visa long séjour « visiteur » valant titre de "
           "séjour (VLS-TS) que vous n'avez pas encore validé ?"),
        description=_l("Ce visa porte la mention « VLS-TS » ou « visa de long séjour valant titre de séjour »."))


class SituationForm(StepForm):
    demande = RadioField(_l("Type de demande"), choices=options(DEMANDE),
                         validators=[fields.required(_l("Choisissez le type de demande."))])


TitreForm = kit_forms.make_titre_form([("carte_visiteur", _l("Carte de séjour « visiteur »")),
                                       ("vls_ts_visiteur", _l("Visa long séjour « visiteur » validé (VLS-TS)")),
                                       ("autre", _l("Autre titre de séjour"))])
AdresseForm = kit_forms.make_adresse_form(HOUSING)


class RessourcesForm(StepForm):
    source = fields.select(_l("Source principale de vos ressources"), SOURCES,
                           _l("Choisissez la source de vos ressources."))
    montant_annuel = fields.amount(_l("Ressources nettes sur un an (en euros)"),
                                   _l("Indiquez le montant annuel en euros, en chiffres."),
                                   description=_l("Le total de ce que vous recevez en un an, après impôts et "
                                                  "cotisations. Les allocations AAH et ASPA ne comptent pas."))


class AssuranceForm(StepForm):
    assureur = fields.text(_l("Organisme d'assurance maladie"), _l("Indiquez le nom de votre assureur."))
    numero_contrat = fields.text(_l("Numéro du contrat"), _l("Indiquez le numéro de votre contrat."), 50)
    couverture_fin = fields.date_field(_l("Fin de la couverture"), _l("Indiquez jusqu'à quand vous êtes couvert."),
                                       FutureDate(_l("Votre assurance doit être en cours : cette date est passée.")),
                                       description=_l("Elle doit couvrir toute l'année à venir."))


class EngagementsForm(StepForm):
    situation_familiale = fields.select(_l("Situation familiale"), kit_forms.SITUATIONS_FAMILIALES,
                                        _l("Choisissez votre situation familiale."))
    sans_activite = fields.agreement(
        _l("Je m'engage à n'exercer aucune activité professionnelle en France pendant la durée de ma carte."),
        _l("Cochez cet engagement : la carte « visiteur » ne permet pas de travailler."))
