"""The EU/EEA/Swiss citizens' card: eligibility questions and form steps."""
from flask_babel import lazy_gettext as _l
from wtforms import ValidationError

from anef.forms import StepForm
from anef.procedure_kit import fields
from anef.procedure_kit import forms as kit_forms
from anef.validators import After, PastDate

# Member states of the EU (France apart), the other EEA states and Switzerland.
COUNTRIES = [(code, name) for code, name in (
    ("DE", _l("Allemagne")), ("AT", _l("Autriche")), ("BE", _l("Belgique")), ("BG", _l("Bulgarie")),
    ("CY", _l("Chypre")), ("HR", _l("Croatie")), ("DK", _l("Danemark")), ("ES", _l("Espagne")),
    ("EE", _l("Estonie")), ("FI", _l("Finlande")), ("GR", _l("Grèce")), ("HU", _l("Hongrie")),
    ("IE", _l("Irlande")), ("IS", _l("Islande")), ("IT", _l("Italie")), ("LV", _l("Lettonie")),
    ("LI", _l("Liechtenstein")), ("LT", _l("Lituanie")), ("LU", _l("Luxembourg")), ("MT", _l("Malte")),
    ("NO", _l("Norvège")), ("NL", _l("Pays-Bas")), ("PL", _l("Pologne")), ("PT", _l("Portugal")),
    ("CZ", _l("République tchèque")), ("RO", _l("Roumanie")), ("SK", _l("Slovaquie")), ("SI", _l("Slovénie")),
    ("SE", _l("Suède")), ("CH", _l("Suisse")))]
QUI = [("citoyen", _l("Je suis citoyen d'un pays de l'Union européenne, de l'Espace économique européen ou de la "
                      "Suisse")),
       ("famille", _l("Je suis membre de la famille d'un tel citoyen, sans avoir moi-même sa nationalité"))]
CARTES = [("sejour", _l("Une carte de séjour")),
          ("permanent", _l("Une carte de séjour permanent, après 5 ans de séjour régulier en France"))]
ACTIVITES = [("salarie", _l("Salarié")), ("independant", _l("Travailleur indépendant")),
             ("etudiant", _l("Étudiant")), ("demandeur_emploi", _l("Demandeur d'emploi")),
             ("retraite", _l("Retraité")), ("inactif", _l("Sans activité, avec des ressources suffisantes"))]
LIENS = [("conjoint", _l("Conjoint ou partenaire enregistré")),
         ("descendant", _l("Enfant ou petit-enfant de moins de 21 ans, ou à charge")),
         ("ascendant", _l("Parent ou grand-parent à charge"))]
DOCUMENTS_IDENTITE = [("carte_identite", _l("Carte nationale d'identité")), ("passeport", _l("Passeport"))]


class EligibilityForm(StepForm):
    qui = fields.radio(_l("Votre situation"), [*QUI, ("autre", _l("Ni l'un ni l'autre"))],
                       _l("Choisissez votre situation."),
                       description=_l("L'Espace économique européen ajoute l'Islande, le Liechtenstein et la Norvège."))
    carte = fields.radio(_l("Que demandez-vous ?"), CARTES, _l("Choisissez la carte demandée."))


class SituationForm(StepForm):
    qui = fields.radio(_l("Votre situation"), QUI, _l("Choisissez votre situation."))
    carte = fields.radio(_l("Carte demandée"), CARTES, _l("Choisissez la carte demandée."))


class PieceIdentiteForm(StepForm):
    """An identity card or a passport: EU citizens may use either."""

    type_document = fields.radio(_l("Document d'identité"), DOCUMENTS_IDENTITE, _l("Choisissez le document."))
    numero = fields.text(_l("Numéro du document"), _l("Indiquez le numéro du document."), 20)
    pays_delivrance = fields.select(_l("Pays qui a délivré le document"), COUNTRIES, _l("Choisissez le pays."))
    date_delivrance = fields.date_field(_l("Date de délivrance"), _l("Indiquez la date de délivrance."),
                                        PastDate(_l("La date de délivrance ne peut pas être dans le futur.")))
    date_expiration = fields.date_field(_l("Date d'expiration"), _l("Indiquez la date d'expiration."),
                                        After("date_delivrance",
                                              _l("La date d'expiration doit être après la date de délivrance.")))


class CitoyenForm(StepForm):
    """The EU citizen a family member joins."""

    nom = fields.text(_l("Nom du citoyen européen"), _l("Indiquez son nom."), 100)
    prenoms = fields.text(_l("Prénom(s) du citoyen européen"), _l("Indiquez ses prénoms."), 150)
    nationalite = fields.select(_l("Sa nationalité"), COUNTRIES, _l("Choisissez sa nationalité."))
    lien = fields.radio(_l("Votre lien avec lui ou elle"), LIENS, _l("Choisissez votre lien familial."))
    activite = fields.select(_l("Son activité en France"), ACTIVITES, _l("Choisissez son activité."))


class SejourForm(StepForm):
    date_arrivee = fields.date_field(_l("Date d'arrivée en France"), _l("Indiquez votre date d'arrivée en France."),
                                     PastDate(_l("La date d'arrivée ne peut pas être dans le futur.")))
    activite = fields.select(_l("Votre activité en France"), ACTIVITES, _l("Choisissez votre activité."))
    # Asked of people without activity: the others live from their work or their studies.
    ressources_mensuelles = fields.optional_amount(_l("Ressources mensuelles (en euros, si vous êtes sans activité)"))
    assurance_maladie = fields.yes_no(_l("Avez-vous une assurance maladie en France ?"))

    def validate_ressources_mensuelles(self, field):
        if self.activite.data in ("inactif", "retraite") and field.data is None and not field.errors:
            raise ValidationError(_l("Indiquez vos ressources mensuelles."))


AdresseForm = kit_forms.make_adresse_form(kit_forms.HEBERGEMENT_GENERAL)
