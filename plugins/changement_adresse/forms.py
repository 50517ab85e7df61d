"""The change of address's eligibility questions and form steps."""
from flask_babel import lazy_gettext as _l

from anef.forms import StepForm
from anef.procedure_kit import fields
from anef.procedure_kit import forms as kit_forms
from anef.procedure_kit.validators import FutureDate
from anef.validators import PastDate

CARTE = "carte"
DEMANDE = "demande"
STATUTS = [(CARTE, _l("J'ai une carte de séjour valable encore plus de 3 mois")),
           (DEMANDE, _l("J'attends la réponse à une demande de titre de séjour (première demande ou renouvellement)"))]
# The fee follows the card: the droit de timbre of a new card, nothing for EU citizens and their families (DOMAIN §7).
CARDS = [("normal", _l("Carte de séjour temporaire ou pluriannuelle, carte de résident")),
         ("ue", _l("Carte de citoyen de l'Union européenne, de l'EEE ou de la Suisse, ou de membre de sa famille"))]


class EligibilityForm(StepForm):
    situation = fields.radio(_l("Quelle est votre situation ?"),
                             [*STATUTS, ("aucun", _l("Je n'ai ni carte de séjour ni demande en cours"))],
                             _l("Dites si vous avez une carte ou une demande en cours."))
    en_france = fields.yes_no(_l("Votre nouvelle adresse est-elle en France ?"))
    expire_bientot = fields.yes_no(_l("Si vous avez une carte : expire-t-elle dans moins de 3 mois ?"),
                                   description=_l("Répondez « Non » si vous n'avez pas encore de carte."))


class SituationForm(StepForm):
    statut = fields.radio(_l("Votre situation"), STATUTS, _l("Dites si vous avez une carte ou une demande en cours."))


class IdentiteForm(kit_forms.IdentiteContactForm):
    min_age = 16


class TitreForm(StepForm):
    numero_etranger = fields.numero_etranger()
    numero_carte = fields.card_number()
    titre_type = fields.radio(_l("Votre carte"), CARDS, _l("Choisissez le type de votre carte."))
    titre_expiration = fields.date_field(_l("Date d'expiration de la carte"),
                                         _l("Indiquez la date d'expiration de votre carte."),
                                         FutureDate(_l("Votre carte a expiré : demandez son renouvellement, en y "
                                                       "indiquant votre nouvelle adresse.")))


class NouvelleAdresseForm(kit_forms.make_adresse_form(kit_forms.HEBERGEMENT_GENERAL)):
    date_emmenagement = fields.date_field(
        _l("Date d'emménagement"), _l("Indiquez la date à laquelle vous avez emménagé."),
        PastDate(_l("Déclarez votre nouvelle adresse une fois que vous y habitez : la date ne peut pas être dans le "
                    "futur.")),
        description=_l("La loi demande de déclarer un déménagement dans les 3 mois."))


class AncienneAdresseForm(StepForm):
    adresse = fields.optional_text(_l("Numéro et voie (facultatif)"), autocomplete="off")
    code_postal = fields.postcode()
    commune = fields.text(_l("Commune"), _l("Indiquez la commune de votre ancienne adresse."), 100)
