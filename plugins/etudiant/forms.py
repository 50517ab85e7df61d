"""The student procedure's eligibility questions and form steps."""
from flask_babel import lazy_gettext as _l
from wtforms import IntegerField, RadioField, SelectField, StringField, TextAreaField
from wtforms.validators import Length, NumberRange, ValidationError

from anef.forms import StepForm, options
from anef.procedure_kit import forms as kit_forms
from anef.procedure_kit.fields import YES_NO, date_field, required
from anef.validators import After

DEMANDE_CHOICES = options([("premiere", _l("Première demande de carte de séjour « étudiant »")),
                   ("renouvellement", _l("Renouvellement de ma carte (ou de mon visa VLS-TS) « étudiant »"))])


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


class IdentiteForm(kit_forms.IdentiteContactForm):
    min_age = 15


PasseportForm = kit_forms.PasseportForm
EntreeForm = kit_forms.make_entree_form([
    ("court_sejour", _l("Visa de court séjour (C)")),
    ("long_sejour_temporaire", _l("Visa de long séjour temporaire (VLS-T)")),
    ("autre", _l("Autre visa"))])
TitreForm = kit_forms.make_titre_form([("carte_etudiant", _l("Carte de séjour « étudiant »")),
                                       ("vls_ts_etudiant", _l("Visa long séjour « étudiant » validé (VLS-TS)")),
                                       ("autre", _l("Autre titre de séjour"))])
AdresseForm = kit_forms.make_adresse_form()

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


TimbreForm = kit_forms.TimbreForm
