"""The duplicate's eligibility questions and form steps."""
from flask_babel import lazy_gettext as _l
from wtforms import RadioField

from anef.forms import StepForm, options
from anef.procedure_kit import fields
from anef.procedure_kit import forms as kit_forms
from anef.procedure_kit.validators import FutureDate, NotBefore
from anef.validators import PastDate

MOTIFS = [("perte", _l("Ma carte est perdue")), ("vol", _l("Ma carte a été volée"))]
# The kind of card decides the fee (L.436-2: the renewal tax of the same motive, plus the droit de timbre).
CARDS = [
    ("normal", _l("Carte de séjour temporaire ou pluriannuelle (salarié, talent, visiteur, vie privée et familiale…) "
                  "ou carte de résident")),
    ("reduit", _l("Carte « étudiant », « stagiaire », « au pair », « travailleur saisonnier », recherche d'emploi ou "
                  "création d'entreprise, regroupement familial, ou rente d'accident du travail")),
    ("timbre_seul", _l("Carte « retraité », ou carte d'un jeune qui a été confié à l'aide sociale à l'enfance")),
    ("ue", _l("Carte de citoyen de l'Union européenne, de l'EEE ou de la Suisse, ou de membre de sa famille")),
]


class EligibilityForm(StepForm):
    motif = RadioField(_l("Que s'est-il passé ?"),
                       choices=options([*MOTIFS, ("autre", _l("Ma carte est abîmée, ou une information a changé"))]),
                       validators=[fields.required(_l("Dites ce qui est arrivé à votre carte."))])
    en_france = fields.yes_no(_l("Êtes-vous en France en ce moment ?"))
    expire_bientot = fields.yes_no(_l("Votre carte expire-t-elle dans moins de 3 mois ?"))
    plainte = fields.yes_no(_l("Si votre carte a été volée : avez-vous déclaré le vol à la police ou à la gendarmerie ?"),
                            description=_l("Répondez « Non » si votre carte est perdue."))


class SituationForm(StepForm):
    motif = RadioField(_l("Que s'est-il passé ?"), choices=options(MOTIFS),
                       validators=[fields.required(_l("Dites ce qui est arrivé à votre carte."))])


class IdentiteForm(kit_forms.IdentiteContactForm):
    min_age = 16


class CarteForm(StepForm):
    numero_etranger = fields.numero_etranger(_l("10 chiffres, inscrits sur votre carte ou sur vos anciens courriers de "
                                                "la préfecture."))
    numero_carte = fields.card_number()
    titre_type = fields.radio(_l("Carte perdue ou volée"), CARDS, _l("Choisissez le type de votre carte."))
    titre_expiration = fields.date_field(_l("Date d'expiration de la carte"),
                                         _l("Indiquez la date d'expiration de la carte."),
                                         FutureDate(_l("Votre carte a expiré : demandez son renouvellement, pas un "
                                                       "duplicata.")))


ANNULATION = _l("J'ai compris que cette demande annule définitivement ma carte, même si je la retrouve ensuite.")
ANNULATION_MESSAGE = _l("Cochez cette case pour confirmer que votre carte actuelle sera annulée.")


class PerteForm(StepForm):
    date_evenement = fields.date_field(_l("Date de la perte"), _l("Indiquez quand vous avez perdu votre carte."),
                                       PastDate(_l("La date de la perte ne peut pas être dans le futur.")),
                                       description=_l("La date approximative si vous ne la connaissez pas."))
    lieu = fields.text(_l("Lieu de la perte"), _l("Indiquez où vous avez perdu votre carte."),
                       description=_l("La commune, ou « inconnu »."))
    circonstances = fields.long_text(_l("Circonstances"), _l("Décrivez en quelques mots les circonstances."))
    declaration_honneur = fields.agreement(
        _l("Je déclare sur l'honneur que ma carte de séjour est perdue et que ces informations sont exactes."),
        _l("Cochez la déclaration sur l'honneur : elle est obligatoire pour un duplicata après une perte."))
    annulation = fields.agreement(ANNULATION, ANNULATION_MESSAGE)


class VolForm(StepForm):
    date_evenement = fields.date_field(_l("Date du vol"), _l("Indiquez la date du vol."),
                                       PastDate(_l("La date du vol ne peut pas être dans le futur.")))
    lieu = fields.text(_l("Lieu du vol"), _l("Indiquez où la carte a été volée."))
    date_plainte = fields.date_field(
        _l("Date de la plainte ou de la déclaration de vol"), _l("Indiquez la date de votre plainte."),
        PastDate(_l("La date de la plainte ne peut pas être dans le futur.")),
        NotBefore("date_evenement", _l("La plainte ne peut pas être antérieure au vol.")))
    service_plainte = fields.text(_l("Commissariat ou brigade de gendarmerie"),
                                  _l("Indiquez le service qui a enregistré votre plainte."),
                                  description=_l("Tel qu'il figure sur le récépissé."))
    annulation = fields.agreement(ANNULATION, ANNULATION_MESSAGE)


AdresseForm = kit_forms.make_adresse_form(kit_forms.HEBERGEMENT_GENERAL)
