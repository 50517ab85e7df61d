"""The VLS-TS validation's eligibility questions and form steps."""
from flask_babel import lazy_gettext as _l
from wtforms import ValidationError

from anef.forms import StepForm
from anef.procedure_kit import fields
from anef.procedure_kit import forms as kit_forms
from anef.procedure_kit.validators import FrenchVisa, NotBefore
from anef.validators import After, PastDate

# The purposes a long-stay visa « valant titre de séjour » is issued for (DOMAIN §1).
MOTIFS = [("etudiant", _l("Étudiant")), ("stagiaire", _l("Stagiaire")), ("salarie", _l("Salarié")),
          ("travailleur_temporaire", _l("Travailleur temporaire")), ("visiteur", _l("Visiteur")),
          ("conjoint_francais", _l("Conjoint de Français")), ("famille", _l("Regroupement familial")),
          ("talent", _l("Talent (passeport talent)")), ("ict", _l("Salarié détaché ICT (mutation intragroupe)")),
          ("entrepreneur", _l("Entrepreneur ou profession libérale"))]


class EligibilityForm(StepForm):
    mention = fields.yes_no(
        _l("Votre visa porte-t-il la mention « VLS-TS » ou « visa de long séjour valant titre de séjour » ?"),
        description=_l("Elle figure sur la vignette du visa collée dans votre passeport, à la rubrique « Remarques »."))
    algerien = fields.yes_no(_l("Êtes-vous de nationalité algérienne ?"))
    motif = fields.select(_l("Motif indiqué sur le visa"), MOTIFS, _l("Choisissez le motif de votre visa."))


class VisaForm(StepForm):
    visa_numero = fields.visa_number(FrenchVisa())
    motif = fields.select(_l("Motif indiqué sur le visa"), MOTIFS, _l("Choisissez le motif de votre visa."))
    date_delivrance = fields.date_field(_l("Date de délivrance du visa"), _l("Indiquez la date de délivrance du visa."),
                                        PastDate(_l("La date de délivrance ne peut pas être dans le futur.")))
    visa_debut = fields.date_field(_l("Début de validité du visa"), _l("Indiquez le début de validité du visa."),
                                   NotBefore("date_delivrance", _l("La validité ne peut pas commencer avant la "
                                                                   "délivrance du visa.")))
    visa_fin = fields.date_field(_l("Fin de validité du visa"), _l("Indiquez la fin de validité du visa."),
                                 After("visa_debut", _l("La fin de validité doit être après le début de validité.")))
    date_entree = fields.date_field(_l("Date d'entrée en France"), _l("Indiquez votre date d'entrée en France."),
                                    PastDate(_l("La date d'entrée ne peut pas être dans le futur.")),
                                    description=_l("La date du tampon d'entrée sur votre passeport."))

    def validate_date_entree(self, field):
        if field.data and self.visa_debut.data and self.visa_fin.data and not (
                self.visa_debut.data <= field.data <= self.visa_fin.data):
            raise ValidationError(_l("La date d'entrée doit être comprise dans la validité du visa."))


AdresseForm = kit_forms.make_adresse_form(kit_forms.HEBERGEMENT_GENERAL)
