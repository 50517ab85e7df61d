"""The student procedure's eligibility questions and form steps."""
from flask_babel import lazy_gettext as _l
from wtforms import DateField, IntegerField, RadioField, SelectField, StringField, TextAreaField
from wtforms.validators import InputRequired, Length, NumberRange, Optional, ValidationError

from anef.forms import StepForm, options
from anef.validators import After, Digits, FrenchPostcode, PassportNumber, PastDate, PhoneNumber, VisaNumber

YES_NO = options([("oui", _l("Oui")), ("non", _l("Non"))])
DEMANDE_CHOICES = options([("premiere", _l("Première demande de carte de séjour « étudiant »")),
                   ("renouvellement", _l("Renouvellement de ma carte (ou de mon visa VLS-TS) « étudiant »"))])


def required(message):
    return InputRequired(message=message)


def date_field(label, message, *validators, description=""):
    return DateField(label, validators=[required(message), *validators], description=description,
                     render_kw={"autocomplete": "off"})


class EligibilityForm(StepForm):
    inscrit = RadioField(
        _l("Êtes-vous inscrit, ou admis, dans un établissement d'enseignement supérieur en France pour cette année ?"),
        choices=YES_NO, validators=[required(_l("Répondez à cette question."))])
    demande = RadioField(_l("Que demandez-vous ?"), choices=DEMANDE_CHOICES,
                         validators=[required(_l("Choisissez le type de demande."))])
    vls_ts_non_valide = RadioField(
        _l("Êtes-vous arrivé en France depuis moins de 3 mois avec un visa long séjour « étudiant » "
           "valant titre de séjour (VLS-TS) ?"),
        choices=YES_NO, validators=[required(_l("Répondez à cette question."))],
        description=_l("Ce visa porte la mention « VLS-TS » ou « visa de long séjour valant titre de séjour »."))


class SituationForm(StepForm):
    demande = RadioField(_l("Type de demande"), choices=DEMANDE_CHOICES,
                         validators=[required(_l("Choisissez le type de demande."))])


class IdentiteForm(StepForm):
    nom = StringField(_l("Nom de naissance"), validators=[required(_l("Indiquez votre nom de naissance.")), Length(max=100)],
                      description=_l("Tel qu'il figure sur votre passeport."), render_kw={"autocomplete": "family-name"})
    nom_usage = StringField(_l("Nom d'usage (facultatif)"), validators=[Optional(), Length(max=100)])
    prenoms = StringField(_l("Prénom(s)"), validators=[required(_l("Indiquez vos prénoms.")), Length(max=150)],
                          render_kw={"autocomplete": "given-name"})
    sexe = RadioField(_l("Sexe (tel qu'indiqué sur le passeport)"), choices=options([("F", _l("Féminin")), ("M", _l("Masculin")), ("X", _l("Non précisé (X)"))]),
                      validators=[required(_l("Indiquez le sexe figurant sur votre passeport."))])
    date_naissance = date_field(_l("Date de naissance"), _l("Indiquez votre date de naissance au format jj/mm/aaaa."),
                                PastDate(_l("La date de naissance ne peut pas être dans le futur.")))
    lieu_naissance = StringField(_l("Ville de naissance"), validators=[required(_l("Indiquez votre ville de naissance.")), Length(max=100)])
    pays_naissance = StringField(_l("Pays de naissance"), validators=[required(_l("Indiquez votre pays de naissance.")), Length(max=100)])
    nationalite = StringField(_l("Nationalité"), validators=[required(_l("Indiquez votre nationalité.")), Length(max=100)])
    telephone = StringField(_l("Téléphone portable"), validators=[required(_l("Indiquez un numéro de téléphone.")), PhoneNumber()],
                            render_kw={"autocomplete": "tel", "inputmode": "tel"})

    def validate_date_naissance(self, field):
        from anef.calendar.services import today

        if field.data and (today() - field.data).days < 365 * 15:
            raise ValidationError(_l("Vérifiez votre date de naissance : vous devez avoir au moins 15 ans."))


class PasseportForm(StepForm):
    numero = StringField(_l("Numéro de passeport"), validators=[required(_l("Indiquez le numéro de votre passeport.")), PassportNumber()],
                         render_kw={"autocomplete": "off", "autocapitalize": "characters"})
    pays_delivrance = StringField(_l("Pays qui a délivré le passeport"), validators=[required(_l("Indiquez le pays qui a délivré le passeport.")), Length(max=100)])
    date_delivrance = date_field(_l("Date de délivrance"), _l("Indiquez la date de délivrance."),
                                 PastDate(_l("La date de délivrance ne peut pas être dans le futur.")))
    date_expiration = date_field(_l("Date d'expiration"), _l("Indiquez la date d'expiration."),
                                 After("date_delivrance", _l("La date d'expiration doit être après la date de délivrance.")))


class EntreeForm(StepForm):
    visa_numero = StringField(_l("Numéro du visa"), validators=[required(_l("Indiquez le numéro de votre visa.")), VisaNumber()],
                              description=_l("3 lettres puis 9 chiffres, en haut à droite du visa. Exemple : FRA123456789."),
                              render_kw={"autocomplete": "off", "autocapitalize": "characters"})
    visa_type = SelectField(_l("Type de visa"), choices=options([("", _l("Choisissez")), ("court_sejour", _l("Visa de court séjour (C)")),
                                                        ("long_sejour_temporaire", _l("Visa de long séjour temporaire (VLS-T)")),
                                                        ("autre", _l("Autre visa"))]),
                            validators=[required(_l("Choisissez le type de visa."))])
    visa_debut = date_field(_l("Début de validité du visa"), _l("Indiquez le début de validité du visa."))
    visa_fin = date_field(_l("Fin de validité du visa"), _l("Indiquez la fin de validité du visa."),
                          After("visa_debut", _l("La fin de validité doit être après le début de validité.")))
    date_entree = date_field(_l("Date d'entrée en France"), _l("Indiquez votre date d'entrée en France."),
                             PastDate(_l("La date d'entrée ne peut pas être dans le futur.")),
                             description=_l("La date du tampon d'entrée sur votre passeport."))

    def validate_date_entree(self, field):
        if field.data and self.visa_debut.data and self.visa_fin.data and not (
                self.visa_debut.data <= field.data <= self.visa_fin.data):
            raise ValidationError(_l("La date d'entrée doit être comprise dans la validité du visa."))


class TitreForm(StepForm):
    numero_etranger = StringField(_l("Numéro étranger"), validators=[required(_l("Indiquez votre numéro étranger.")),
                                                                       Digits(10, _l("Le numéro étranger compte 10 chiffres."))],
                                  description=_l("10 chiffres, inscrits sur votre carte de séjour ou votre attestation de validation du visa."),
                                  render_kw={"inputmode": "numeric", "autocomplete": "off"})
    titre_type = SelectField(_l("Titre que vous détenez"), choices=options([("", _l("Choisissez")), ("carte_etudiant", _l("Carte de séjour « étudiant »")),
                                                                   ("vls_ts_etudiant", _l("Visa long séjour « étudiant » validé (VLS-TS)")),
                                                                   ("autre", _l("Autre titre de séjour"))]),
                             validators=[required(_l("Choisissez le titre que vous détenez."))])
    titre_expiration = date_field(_l("Date d'expiration de ce titre"), _l("Indiquez la date d'expiration de votre titre."))


class AdresseForm(StepForm):
    adresse = StringField(_l("Numéro et voie"), validators=[required(_l("Indiquez votre adresse.")), Length(max=200)],
                          render_kw={"autocomplete": "address-line1"})
    complement = StringField(_l("Complément d'adresse (facultatif)"), validators=[Optional(), Length(max=200)],
                             description=_l("Bâtiment, étage, chez…"), render_kw={"autocomplete": "address-line2"})
    code_postal = StringField(_l("Code postal"), validators=[required(_l("Indiquez votre code postal.")), FrenchPostcode()],
                              render_kw={"autocomplete": "postal-code", "inputmode": "numeric"})
    commune = StringField(_l("Commune"), validators=[required(_l("Indiquez votre commune.")), Length(max=100)],
                          render_kw={"autocomplete": "address-level2"})
    hebergement = RadioField(_l("Votre logement"), choices=options([("personnel", _l("Logement à mon nom (location, propriété)")),
                                                           ("residence", _l("Résidence universitaire ou foyer")),
                                                           ("tiers", _l("Hébergé par une autre personne"))]),
                             validators=[required(_l("Indiquez votre type de logement."))])


NIVEAUX = options([("", _l("Choisissez")), ("L1", _l("Licence 1re année")), ("L2", _l("Licence 2e année")),
           ("L3", _l("Licence 3e année")), ("M1", _l("Master 1re année")), ("M2", _l("Master 2e année")),
           ("doctorat", _l("Doctorat")), ("bts_but", _l("BTS, BUT ou autre diplôme technique")),
           ("ecole", _l("École (ingénieur, commerce, art…)")), ("autre", _l("Autre formation supérieure"))])


class EtudesForm(StepForm):
    etablissement = StringField(_l("Établissement"), validators=[required(_l("Indiquez le nom de votre établissement.")), Length(max=200)])
    formation = StringField(_l("Formation suivie"), validators=[required(_l("Indiquez l'intitulé de votre formation.")), Length(max=200)],
                            description=_l("Exemple : Master Informatique."))
    niveau = SelectField(_l("Niveau d'études cette année"), choices=NIVEAUX, validators=[required(_l("Choisissez votre niveau d'études."))])
    date_debut = date_field(_l("Début de l'année d'études"), _l("Indiquez la date de début de l'année d'études."))
    date_fin = date_field(_l("Fin de l'année d'études"), _l("Indiquez la date de fin de l'année d'études."),
                          After("date_debut", _l("La fin de l'année d'études doit être après son début.")))


class ParcoursForm(StepForm):
    redoublement = RadioField(_l("Avez-vous redoublé une année depuis votre dernier titre ?"), choices=YES_NO,
                              validators=[required(_l("Répondez à cette question."))])
    changement = RadioField(_l("Avez-vous changé d'orientation depuis votre dernier titre ?"), choices=YES_NO,
                            validators=[required(_l("Répondez à cette question."))])
    # No Optional(): it would stop the chain before validate_explication runs.
    explication = TextAreaField(_l("Expliquez votre parcours"), validators=[Length(max=2000)],
                                description=_l("Obligatoire si vous avez redoublé ou changé d'orientation."))

    def validate_explication(self, field):
        if "oui" in (self.redoublement.data, self.changement.data) and not (field.data or "").strip():
            raise ValidationError(_l("Expliquez votre redoublement ou votre changement d'orientation."))


class RessourcesForm(StepForm):
    source = SelectField(_l("Source principale de vos ressources"),
                         choices=options([("", _l("Choisissez")), ("bourse", _l("Bourse")), ("garant", _l("Prise en charge par un garant")),
                                  ("emploi", _l("Revenus d'un emploi")), ("epargne", _l("Épargne personnelle")),
                                  ("famille", _l("Virements de ma famille"))]),
                         validators=[required(_l("Choisissez la source de vos ressources."))])
    montant_mensuel = IntegerField(_l("Montant mensuel (en euros)"),
                                   validators=[required(_l("Indiquez le montant mensuel en euros, en chiffres.")),
                                               NumberRange(min=0, max=1_000_000, message=_l("Indiquez un montant valide."))],
                                   render_kw={"inputmode": "numeric"})


class TimbreForm(StepForm):
    numero_timbre = StringField(_l("Numéro du timbre fiscal électronique"),
                                validators=[required(_l("Indiquez le numéro de votre timbre fiscal.")),
                                            Digits(16, _l("Le numéro du timbre fiscal compte 16 chiffres."))],
                                description=_l("16 chiffres, reçus par SMS ou sur le PDF du timbre acheté sur timbres.impots.gouv.fr."),
                                render_kw={"inputmode": "numeric", "autocomplete": "off"})
