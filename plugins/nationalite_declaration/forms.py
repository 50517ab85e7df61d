"""Declaration of French nationality by marriage: the questions before starting, and the form steps."""
from flask_babel import lazy_gettext as _l
from wtforms import DateField, RadioField
from wtforms.validators import Optional

from anef.forms import StepForm, options
from anef.procedure_kit import fields
from anef.procedure_kit import forms as kit_forms
from anef.validators import PastDate

MOTIFS = [("mariage", _l("Je suis marié(e) à une personne de nationalité française")),
          ("famille", _l("Je suis l'ascendant, le frère ou la sœur d'une personne française")),
          ("aucun", _l("Aucune de ces situations"))]
INSCRIPTION = [("sans_objet", _l("Nous n'avons pas vécu ensemble à l'étranger depuis le mariage")),
               ("oui", _l("Nous avons vécu à l'étranger et mon conjoint était inscrit au registre des Français "
                          "établis hors de France")),
               ("non", _l("Nous avons vécu à l'étranger et mon conjoint n'était pas inscrit à ce registre"))]
CELEBRATION = [("france", _l("En France")),
               ("transcrit", _l("À l'étranger, et il est transcrit sur les registres de l'état civil français")),
               ("non_transcrit", _l("À l'étranger, et il n'est pas encore transcrit"))]
ACQUISITION = [("naissance", _l("Français de naissance")),
               ("acquisition", _l("Devenu français (naturalisation, déclaration, réintégration)"))]
CARTES = [("cst", _l("Carte de séjour temporaire")), ("csp", _l("Carte de séjour pluriannuelle")),
          ("resident", _l("Carte de résident")), ("autre", _l("Autre titre de séjour"))]
NIVEAUX = [("aucun", _l("Aucun diplôme ni test de français")), ("A2", _l("A2")), ("B1", _l("B1")),
           ("B2", _l("B2")), ("C1", _l("C1 ou plus"))]
JUSTIFICATIFS_LANGUE = [("diplome_francais", _l("Un diplôme obtenu en France ou dans un pays francophone, en français")),
                        ("test", _l("Un test reconnu (TCF ou TEF « intégration, résidence et nationalité »)")),
                        ("diplome_langue", _l("Un diplôme de français langue étrangère (DELF, DALF)")),
                        ("aucun", _l("Aucun justificatif pour le moment"))]

_REQUIRED_FOR_MARRIAGE = _l("Répondez à cette question pour une déclaration à raison du mariage.")


def _yes_no_if_married(label, description=""):
    return RadioField(label, choices=fields.YES_NO, validators=[Optional()], description=description)


class EligibilityForm(StepForm):
    motif = fields.radio(_l("Quelle est votre situation ?"), MOTIFS, _l("Choisissez votre situation."))
    date_mariage = DateField(_l("Date du mariage"), validators=[Optional(), PastDate(
        _l("La date du mariage ne peut pas être dans le futur."))], render_kw={"autocomplete": "off"},
        description=_l("Si vous êtes marié(e) à une personne française."))
    conjoint_francais = _yes_no_if_married(_l("Votre conjoint était-il français le jour du mariage ?"))
    vie_commune = _yes_no_if_married(_l("Vivez-vous ensemble depuis le mariage, sans interruption ?"))
    residence_3ans = _yes_no_if_married(
        _l("Depuis le mariage, avez-vous résidé en France de façon continue et régulière pendant au moins 3 ans ?"))

    def validate(self, extra_validators=None):
        """The marriage questions are asked of everyone but required only for a declaration by marriage."""
        valid = super().validate(extra_validators)
        if self.motif.data == "mariage":
            for field in (self.date_mariage, self.conjoint_francais, self.vie_commune, self.residence_3ans):
                if not field.data and not field.errors:
                    field.errors = [*field.errors, _l("Indiquez la date du mariage.") if field is self.date_mariage
                                    else _REQUIRED_FOR_MARRIAGE]
                    valid = False
        return valid


class MariageForm(StepForm):
    date_mariage = fields.date_field(_l("Date du mariage"), _l("Indiquez la date du mariage."),
                                     PastDate(_l("La date du mariage ne peut pas être dans le futur.")))
    lieu_mariage = fields.text(_l("Ville et pays du mariage"), _l("Indiquez où le mariage a été célébré."), 200)
    celebration = fields.radio(_l("Où le mariage a-t-il été célébré ?"), CELEBRATION,
                               _l("Dites où le mariage a été célébré."))
    conjoint_francais = fields.yes_no(_l("Votre conjoint était-il français le jour du mariage ?"))
    vie_commune = fields.yes_no(_l("Vivez-vous ensemble depuis le mariage, sans interruption ?"),
                                description=_l("Une communauté de vie affective et matérielle."))
    residence_3ans = fields.yes_no(
        _l("Depuis le mariage, avez-vous résidé en France de façon continue et régulière pendant au moins 3 ans ?"))
    inscription_consulaire = RadioField(_l("Vie commune à l'étranger"), choices=options(INSCRIPTION),
                                        validators=[fields.required(_l("Choisissez la situation qui est la vôtre."))])
    union_anterieure = fields.yes_no(_l("Vous ou votre conjoint avez-vous été marié(e) auparavant ?"))


class ConjointForm(StepForm):
    conjoint_nom = fields.text(_l("Nom de naissance de votre conjoint"), _l("Indiquez le nom de votre conjoint."), 100)
    conjoint_prenoms = fields.text(_l("Prénom(s) de votre conjoint"), _l("Indiquez ses prénoms."), 150)
    conjoint_date_naissance = fields.date_field(
        _l("Date de naissance de votre conjoint"), _l("Indiquez sa date de naissance."),
        PastDate(_l("La date de naissance ne peut pas être dans le futur.")))
    conjoint_nationalite = fields.radio(_l("Votre conjoint est"), ACQUISITION,
                                        _l("Dites comment votre conjoint est français."))


TitreForm = kit_forms.make_titre_form(CARTES)
AdresseForm = kit_forms.make_adresse_form(kit_forms.HEBERGEMENT_GENERAL)


class LangueForm(StepForm):
    niveau_francais = fields.select(_l("Votre niveau de français attesté"), NIVEAUX,
                                    _l("Choisissez votre niveau de français."),
                                    description=_l("À l'oral et à l'écrit, selon le cadre européen (A2, B1, B2…)."))
    justificatif = fields.radio(_l("Comment le prouvez-vous ?"), JUSTIFICATIFS_LANGUE,
                                _l("Dites comment vous prouvez votre niveau de français."))
